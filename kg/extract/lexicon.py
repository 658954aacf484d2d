"""Word lists that drive extraction: verbs, nouns, titles, cue words.

Data, not code: each table maps a lemma to what it means for the graph. The
relation names are checked against :mod:`kg.ontology` by the tests.
"""

from __future__ import annotations

__all__ = [
    "FUTURE_AUX",
    "CONTINUING_VERBS",
    "STANCE_NOUNS",
    "STANCE_RELATIONS",
    "EVENT_NAMES",
    "AGREEMENT_NAMES",
    "AGREEMENT_HEADS",
    "TITLE_ABBREVIATIONS",
    "LEGISLATOR_TITLES",
    "OFFICE_TITLES",
    "STATE_OFFICE_TITLES",
    "MARKET_VERBS",
    "PLACE_VERBS",
    "PATIENT_OF_NOUNS",
    "REVERSING_VERBS",
    "DEPARTMENT_WORDS",
    "ORG_HEAD_WORDS",
    "REQUEST_VERBS",
    "TITLE_ADJECTIVES",
    "HYPOTHETICAL_AUX",
    "HYPOTHETICAL_HEADS",
    "HYPOTHETICAL_MARKS",
    "INTENT_NOUNS",
    "INTENT_VERBS",
    "LEADER_TITLES",
    "LEAVING_VERBS",
    "LIGHT_VERBS",
    "NEGATING_NOUNS",
    "NEGATING_VERBS",
    "STANDING_TIES",
    "WORSENED_ADJECTIVES",
    "WORSENING_VERBS",
    "NOUN_RELATIONS",
    "NOUN_PREPS",
    "POSITION_TITLES",
    "STAFF_TITLES",
    "PREP_VERBS",
    "SPEECH_VERBS",
    "VERB_RELATIONS",
]

# verb lemma -> relation for its direct object (subject acts on object).
VERB_RELATIONS: dict[str, str] = {
    # cooperation
    "ally": "alliedWith",
    "support": "supports",
    "back": "supports",
    "endorse": "supports",
    "defend": "supports",
    "aid": "aids",
    "help": "aids",
    "assist": "aids",
    "fund": "aids",
    "arm": "aids",
    "praise": "praises",
    "welcome": "praises",
    "commend": "praises",
    "thank": "praises",
    "congratulate": "praises",
    "join": "memberOf",
    # conflict
    "threaten": "threatens",
    "attack": "attacks",
    "strike": "attacks",
    "bomb": "attacks",
    "invade": "attacks",
    "target": "threatens",
    "hit": "attacks",
    "shell": "attacks",
    "raid": "attacks",
    "kill": "attacks",
    "assassinate": "attacks",
    "murder": "attacks",
    "shoot": "attacks",
    "execute": "attacks",
    "wound": "attacks",
    "stab": "attacks",
    "bombard": "attacks",
    "occupy": "attacks",
    "annex": "attacks",
    "seize": "attacks",
    "capture": "attacks",
    "abduct": "attacks",
    "kidnap": "attacks",
    "deplore": "criticizes",
    "castigate": "criticizes",
    "censure": "criticizes",
    "chide": "criticizes",
    "blast": "criticizes",
    "mock": "criticizes",
    "insult": "criticizes",
    "intimidate": "threatens",
    "menace": "threatens",
    "arrest": "sanctions",
    "detain": "sanctions",
    "indict": "accuses",
    "sue": "accuses",
    "investigate": "accuses",
    "veto": "rejects",
    "snub": "rejects",
    "boycott": "opposes",
    "contain": "opposes",
    "counter": "opposes",
    "confront": "opposes",
    "recognize": "supports",
    "recognise": "supports",
    "reassure": "supports",
    "protect": "supports",
    "rescue": "aids",
    "train": "aids",
    "equip": "aids",
    "supply": "aids",
    "finance": "aids",
    "appoint": "leaderOf",
    "nominate": "supports",
    "elect": "supports",
    "fight": "fightsWith",
    "sanction": "sanctions",
    "punish": "sanctions",
    "embargo": "sanctions",
    "blacklist": "sanctions",
    "accuse": "accuses",
    "blame": "accuses",
    "criticize": "criticizes",
    "criticise": "criticizes",
    "condemn": "criticizes",
    "denounce": "criticizes",
    "slam": "criticizes",
    "rebuke": "criticizes",
    "reject": "rejects",
    "rebuff": "rejects",
    "oppose": "opposes",
    "resist": "opposes",
    "defy": "opposes",
    "warn": "warns",
    "pressure": "pressures",
    "pressurize": "pressures",
    "coerce": "pressures",
    "force": "pressures",
    "demand": "demandsFrom",
    "expel": "sanctions",
    "protest": "protestsAgainst",
    # communication
    "meet": "meetsWith",
    "visit": "visits",
    "urge": "urges",
    "press": "urges",
    "call": "urges",
    "appeal": "urges",
    "ask": "asks",
    "request": "asks",
    "invite": "asks",
    "tell": "informs",
    "inform": "informs",
    "brief": "informs",
    "host": "meetsWith",
    "phone": "talksWith",
    "telephone": "talksWith",
    "negotiate": "negotiatesWith",
    "lead": "leaderOf",
    "head": "leaderOf",
    "represent": "represents",
}

# Verbs whose object works for their subject ("Fusion GPS hired Christopher Steele", "Steele
# was hired by Fusion GPS"): the relation runs from the object.
EMPLOYING_VERBS: frozenset[str] = frozenset({"employ", "hire", "recruit"})

# (verb lemma, preposition) -> relation for the prepositional object.
PREP_VERBS: dict[tuple[str, str], str] = {
    ("meet", "with"): "meetsWith",
    ("talk", "with"): "talksWith",
    ("talk", "to"): "talksWith",
    ("speak", "with"): "talksWith",
    ("speak", "to"): "talksWith",
    ("confer", "with"): "talksWith",
    ("consult", "with"): "talksWith",
    ("negotiate", "with"): "negotiatesWith",
    ("agree", "with"): "agreesWith",
    ("cooperate", "with"): "cooperatesWith",
    ("work", "with"): "cooperatesWith",
    ("partner", "with"): "cooperatesWith",
    ("ally", "with"): "alliedWith",
    ("side", "with"): "supports",
    ("stand", "with"): "supports",
    ("stand", "by"): "supports",
    ("stand", "behind"): "supports",
    ("stick", "by"): "supports",
    ("rally", "behind"): "supports",
    ("rally", "around"): "supports",
    ("rally", "round"): "supports",
    ("fight", "with"): "fightsWith",
    ("fight", "against"): "fightsWith",
    ("clash", "with"): "fightsWith",
    ("protest", "against"): "protestsAgainst",
    ("retaliate", "against"): "attacks",
    ("call", "on"): "urges",
    ("appeal", "to"): "urges",
    ("lash", "at"): "criticizes",
    ("rail", "against"): "criticizes",
    ("compete", "with"): "opposes",
    ("join", "with"): "cooperatesWith",
    ("travel", "to"): "visits",
    ("fly", "to"): "visits",
    ("arrive", "in"): "visits",
    ("impose", "on"): "sanctions",
    ("fire", "at"): "attacks",
    ("fire", "on"): "attacks",
    ("shoot", "at"): "attacks",
    ("open", "fire"): "attacks",
    ("strike", "at"): "attacks",
    ("declare", "war"): "fightsWith",
    ("go", "to"): "visits",
    ("break", "with"): "opposes",
    ("side", "against"): "opposes",
    ("vote", "against"): "opposes",
    ("vote", "for"): "supports",
    ("campaign", "against"): "opposes",
    ("campaign", "for"): "supports",
    ("speak", "against"): "criticizes",
    ("warn", "against"): "warns",
    ("retaliate", "on"): "attacks",
    ("join", "in"): "cooperatesWith",
    ("work", "for"): "worksFor",
    ("serve", "in"): "memberOf",
    ("serve", "on"): "memberOf",
    ("run", "for"): "memberOf",
    ("stand", "for"): "memberOf",
    ("impose", "against"): "sanctions",
}

# noun lemma -> relation, for light-verb objects ("hold talks with") and nominal
# relations ("defense cooperation between X and Y", "X's main ally").
NOUN_RELATIONS: dict[str, str] = {
    "alliance": "alliedWith",
    "ally": "alliedWith",
    "partner": "cooperatesWith",
    "partnership": "cooperatesWith",
    "cooperation": "cooperatesWith",
    "collaboration": "cooperatesWith",
    "agreement": "agreesWith",
    "deal": "agreesWith",
    "accord": "agreesWith",
    "treaty": "agreesWith",
    "pact": "agreesWith",
    "aid": "aids",
    "assistance": "aids",
    "support": "supports",
    "drill": "holdsJointExercisesWith",
    "exercise": "holdsJointExercisesWith",
    "maneuver": "holdsJointExercisesWith",
    "talk": "talksWith",
    "dialogue": "talksWith",
    "meeting": "meetsWith",
    "summit": "meetsWith",
    "negotiation": "negotiatesWith",
    "call": "talksWith",
    "visit": "visits",
    "sanction": "sanctions",
    "embargo": "sanctions",
    "tariff": "imposesTariffsOn",
    "duty": "imposesTariffsOn",
    "pressure": "pressures",
    "threat": "threatens",
    "attack": "attacks",
    "strike": "attacks",
    "war": "fightsWith",
    "criticism": "criticizes",
    "accusation": "accuses",
    "warning": "warns",
    "protest": "protestsAgainst",
    "tie": "cooperatesWith",
    "relation": "cooperatesWith",
    "murder": "attacks",
    "assassination": "attacks",
    "killing": "attacks",
    "invasion": "attacks",
    "bombing": "attacks",
    "airstrike": "attacks",
    "offensive": "attacks",
    "occupation": "attacks",
    "conflict": "fightsWith",
    "clash": "fightsWith",
    "dispute": "opposes",
    "rivalry": "opposes",
    "opposition": "opposes",
    "condemnation": "criticizes",
    "rebuke": "criticizes",
    "ultimatum": "threatens",
    "blockade": "sanctions",
    "ban": "sanctions",
    "membership": "memberOf",
}

# (verb lemma, preposition) -> relation whose subject is the passive subject or the
# noun the participle modifies ("X, based in Y", "X is headquartered in Y").
PLACE_VERBS: dict[tuple[str, str], str] = {
    ("base", "in"): "basedIn",
    ("headquarter", "in"): "basedIn",
    ("locate", "in"): "locatedIn",
    ("situate", "in"): "locatedIn",
    ("station", "in"): "basedIn",
    ("live", "in"): "locatedIn",
    ("reside", "in"): "locatedIn",
    ("bear", "in"): "locatedIn",
}

# Days and occasions the tagger takes for organizations ("Obama's State of the Union",
# "Trump's Day One"): never an actor.
EVENT_NAMES: frozenset[str] = frozenset(
    {"state of the union", "day one", "election day", "super tuesday", "inauguration day",
     "election night", "primary day", "general election", "general elections", "brexit"}
)  # fmt: skip

# Agreements named like organizations: a treaty is no actor ("NAFTA negotiations", "the
# Paris Agreement"), whatever the tagger calls it. Names ending in a head word, and the
# acronyms news uses alone. ("Pact" stays: the Warsaw Pact was an alliance.)
AGREEMENT_HEADS: frozenset[str] = frozenset(
    {"agreement", "treaty", "accord", "accords", "protocol"}
)
AGREEMENT_NAMES: frozenset[str] = frozenset(
    {"nafta", "usmca", "tpp", "cptpp", "ttip", "ceta", "jcpoa", "new start"}
)

# Abbreviated titles as the words ("Arizona Sen. John McCain", "Gen. Joseph Dunford").
TITLE_ABBREVIATIONS: dict[str, str] = {
    "sen.": "senator", "sens.": "senator", "rep.": "representative", "reps.": "representative",
    "gov.": "governor", "gen.": "general", "adm.": "admiral",
}  # fmt: skip
# Titles of members of a legislature: the state or constituency they sit for.
LEGISLATOR_TITLES: frozenset[str] = frozenset(
    {"senator", "representative", "congressman", "congresswoman", "lawmaker", "legislator",
     "assemblyman", "assemblywoman", "mp"}
)  # fmt: skip

# Verbs that make a city the name of its market ("Tokyo closed 1.1% higher").
MARKET_VERBS: frozenset[str] = frozenset(
    {
        "close", "open", "rise", "fall", "gain", "drop", "slip", "end", "climb", "jump",
        "tumble", "rally", "slide", "surge", "sink", "edge", "finish", "trade", "rebound",
        "plunge", "soar", "dip", "lose", "advance", "retreat", "firm", "ease",
    }
)  # fmt: skip

# Titles that name an office of a state: "the Japanese prime minister" in a dated article
# is the prime minister of Japan on that day. (title words, role in the gazetteer)
OFFICE_TITLES: dict[str, str] = {
    "president": "head_of_state",
    "prime minister": "head_of_government",
    "premier": "head_of_government",
    "chancellor": "head_of_government",
    "king": "head_of_state",
    "queen": "head_of_state",
    "emperor": "head_of_state",
    "foreign minister": "foreign_minister",
    "secretary of state": "foreign_minister",
}

# States whose title names another seat than :data:`OFFICE_TITLES` says: Iran's president heads
# the government, and its head of state is the Supreme Leader.
STATE_OFFICE_TITLES: dict[tuple[str, str], str] = {
    ("iran", "president"): "head_of_government",
}

# Relation nouns whose "of" object is the one acted on ("the murder of King").
PATIENT_OF_NOUNS: frozenset[str] = frozenset(
    {"murder", "assassination", "killing", "invasion", "bombing", "occupation", "attack"}
)

# Verbs that end or reverse what their object names ("broke off relations with",
# "suspended talks with"): the relation is stated as no longer holding.
REVERSING_VERBS: frozenset[str] = frozenset(
    {
        "break", "cut", "sever", "suspend", "end", "scrap", "cancel", "halt", "freeze",
        "abandon", "withdraw", "terminate", "downgrade", "postpone", "quit", "exit",
        "reject", "refuse",
    }
)  # fmt: skip

# Prepositions that attach the other party to a relation noun.
NOUN_PREPS: frozenset[str] = frozenset(
    {"with", "between", "on", "against", "to", "toward", "towards", "from", "of"}
)

# Verbs that only carry their noun object ("hold talks", "step up cooperation").
LIGHT_VERBS: frozenset[str] = frozenset(
    {
        "hold", "have", "conduct", "stage", "step", "increase", "strengthen", "deepen",
        "expand", "boost", "launch", "begin", "start", "sign", "reach", "seal", "announce",
        "impose", "slap", "levy", "give", "provide", "offer", "extend", "pledge", "make",
        "go", "continue", "resume", "carry", "maintain", "enhance", "build", "forge",
        "renew", "tighten", "add", "keep", "put", "apply", "ramp", "intensify", "pursue",
    }
)  # fmt: skip

# Verbs of saying: "X said ..." attributes what follows to X.
SPEECH_VERBS: frozenset[str] = frozenset(
    {
        "say", "tell", "announce", "report", "state", "add", "claim", "note", "cite",
        "quote", "insist", "declare", "assert", "confirm", "acknowledge", "argue",
        "explain", "write", "tweet", "suggest", "deny", "allege", "indicate", "stress",
        "emphasize", "reiterate", "predict", "believe", "think", "fear", "vow", "promise",
        "pledge", "maintain", "contend", "recall", "mention",
    }
)  # fmt: skip

# Governing verbs that make what they govern an intention, not a fact.
INTENT_VERBS: frozenset[str] = frozenset(
    {
        "want", "plan", "intend", "consider", "seek", "hope", "aim", "propose", "prepare",
        "expect", "try", "attempt", "wish", "mull", "weigh", "vow", "promise", "pledge",
        "threaten", "offer", "decide", "agree", "need", "like", "desire", "look",
        "push", "tend", "mean", "ready", "schedule", "slate", "set", "due", "poised",
        "willing", "eager", "keen", "determine", "commit",
    }
)  # fmt: skip
# Words an infinitive hangs from that make it a guess ("are likely to oppose").
HYPOTHETICAL_HEADS: frozenset[str] = frozenset({"likely", "unlikely"})

# Nouns of a plan an infinitive hangs from ("no plans to meet", "an invitation to visit
# China", "in a bid to appeal to"); not the nouns of a deed ("Trump's decision to withdraw",
# "a successful effort to put Gorsuch on the Court"), which the pair annotations read as
# done ...
INTENT_NOUNS: frozenset[str] = frozenset(
    {
        "plan", "intention", "intent", "proposal", "invitation", "pledge", "promise", "vow",
        "offer", "bid", "plot", "wish", "desire", "hope", "willingness", "readiness",
    }
)  # fmt: skip
# ... and that deny it ("his refusal to testify", "a failure to consult").
NEGATING_NOUNS: frozenset[str] = frozenset({"refusal", "failure", "reluctance", "unwillingness"})

# Verbs of leaving an office, a party or a body: the affiliation they state has ended
# ("resigned from the council", "stepped down as chair of the DNC"); with the particle
# they need, if any.
LEAVING_VERBS: dict[str, str] = {
    "resign": "", "quit": "", "leave": "", "retire": "", "depart": "", "defect": "",
    "exit": "", "step": "down", "stand": "down", "give": "up",
}  # fmt: skip

# Governing verbs that deny what they govern ("refused to meet").
NEGATING_VERBS: frozenset[str] = frozenset(
    {"refuse", "decline", "fail", "deny", "avoid", "stop", "cease", "halt", "abandon", "reject"}
)

# Nouns of a tie between actors that a verb of denial denies whole, with no other actor
# named beside them: "Trump and the Kremlin have denied any collusion", "the DUP rejected the
# deal". Whoever denies it denies it with everyone in the sentence.
DENIED_TIES: frozenset[str] = frozenset(
    {"collusion", "coordination", "cooperation", "collaboration", "contact", "tie", "link",
     "connection", "relationship", "deal", "agreement", "talk", "meeting", "communication",
     "conversation"}
)  # fmt: skip

# Nouns of standing relations between actors, and the words that say such relations have
# gone bad: "relations between Moscow and Washington have deteriorated", "strained ties with
# Beijing". What stands then is no cooperation (:func:`kg.extract.relations.pair_contexts`).
STANDING_TIES: frozenset[str] = frozenset(
    {"relation", "tie", "relationship", "cooperation", "partnership", "alliance", "friendship"}
)
WORSENING_VERBS: frozenset[str] = frozenset(
    {"deteriorate", "worsen", "sour", "fray", "sink", "plunge", "plummet", "crumble",
     "collapse", "cool", "decline", "nosedive", "unravel"}
)  # fmt: skip
WORSENED_ADJECTIVES: frozenset[str] = frozenset(
    {"strained", "frayed", "tense", "deteriorating", "worsening", "souring", "soured",
     "troubled", "rocky", "icy", "frosty", "fraught", "poisoned", "broken"}
)  # fmt: skip

REQUEST_VERBS: frozenset[str] = frozenset(
    {
        "urge", "ask", "press", "call", "demand", "request", "encourage", "persuade",
        "invite", "allow", "permit", "advise", "beg", "implore", "order", "instruct",
    }
)  # fmt: skip

# Words that may stand alone as the body in "U.S. Congress", "Chinese military".
ORG_HEAD_WORDS: frozenset[str] = frozenset(
    {
        "congress", "senate", "parliament", "government", "military", "army", "navy",
        "cabinet", "ministry", "department", "embassy", "mission", "legislature", "court",
        "police", "administration", "presidency", "pentagon", "treasury", "diet", "duma",
        "knesset", "bundestag", "assembly", "council", "commission", "agency", "forces",
        "marines", "coastguard", "guard", "regime", "junta", "office", "bureau", "service",
        "command", "chiefs", "staff", "intelligence", "secretariat", "committee", "corps",
        "force", "ministries", "authorities", "authority", "consulate", "troops",
    }
)  # fmt: skip

# Single words the tagger labels ORG inside titles ("Secretary of State", "Defense Secretary").
DEPARTMENT_WORDS: frozenset[str] = frozenset(
    {
        "state", "defense", "defence", "treasury", "commerce", "justice", "interior",
        "energy", "labor", "labour", "agriculture", "education", "health", "transportation",
        "foreign", "finance", "trade", "security", "homeland", "veterans", "housing",
        "home", "party", "cabinet", "opposition", "government",
    }
)  # fmt: skip

# Adjectives that belong to a title ("Prime Minister", "vice chairman").
TITLE_ADJECTIVES: frozenset[str] = frozenset(
    {
        "vice", "deputy", "prime", "foreign", "former", "acting", "supreme", "chief",
        "general", "senior", "top", "assistant", "military", "first", "permanent",
        "interim", "principal", "special", "executive", "national", "defense", "defence",
    }
)  # fmt: skip

HYPOTHETICAL_AUX: frozenset[str] = frozenset(
    {"would", "could", "might", "may", "should", "must", "can", "'d"}
)
HYPOTHETICAL_MARKS: frozenset[str] = frozenset({"if", "unless", "whether", "lest"})
# What is said with "will" is a plan, not yet a fact ("will this week visit Britain", "He
# will press Xi on sanctions against North Korea"), unless the verb carries on a relation
# that already holds: "will step up their defense cooperation" says they cooperate.
FUTURE_AUX: frozenset[str] = frozenset({"will", "'ll", "wo", "shall"})
# Nouns of a stance towards an actor: "Rand Paul, a fierce opponent of the NSA" says how he
# stands towards the NSA, never that he belongs to it.
STANCE_NOUNS: frozenset[str] = frozenset(
    {
        "opponent", "critic", "supporter", "foe", "fan", "ally", "detractor", "skeptic",
        "sceptic", "champion", "backer", "adversary", "enemy", "friend", "admirer", "rival",
        "defender", "proponent", "target", "victim", "nemesis", "antagonist",
    }
)  # fmt: skip
# The relation a noun of stance states, from its holder to its target ("Paul, a fierce
# opponent of the NSA": Paul opposes the NSA); the others ("rival", "target") name none.
STANCE_RELATIONS: dict[str, str] = {
    "opponent": "opposes", "foe": "opposes", "adversary": "opposes", "enemy": "opposes",
    "nemesis": "opposes", "antagonist": "opposes", "critic": "criticizes",
    "detractor": "criticizes", "supporter": "supports", "backer": "supports",
    "champion": "supports", "defender": "supports", "proponent": "supports", "ally": "supports",
    "friend": "supports", "fan": "supports", "admirer": "praises",
}  # fmt: skip
# Participles that say who stands behind an actor when the backer is joined to them by a
# hyphen ("Iran-backed Houthi rebels", "the Kremlin-funded network RT").
BACKING_PARTICIPLES: dict[str, str] = {
    "backed": "supports", "supported": "supports", "sponsored": "supports",
    "allied": "supports", "aligned": "supports", "funded": "aids", "financed": "aids",
    "armed": "aids", "trained": "aids", "bankrolled": "aids",
}  # fmt: skip
CONTINUING_VERBS: frozenset[str] = frozenset(
    {
        "step", "strengthen", "deepen", "expand", "boost", "increase", "intensify", "enhance",
        "bolster", "continue", "keep", "maintain", "remain", "stay", "escalate", "broaden",
        "tighten", "extend",
    }
)  # fmt: skip

# Titles that make their holder the leader of the state or organization named with them.
LEADER_TITLES: frozenset[str] = frozenset(
    {
        "president", "prime minister", "premier", "chancellor", "king", "queen", "emperor",
        "leader", "chairman", "chairwoman", "chair", "head", "chief", "secretary-general",
        "secretary general", "director-general", "director general", "supreme leader",
        "sultan", "emir", "general secretary", "commander", "director", "governor", "mayor",
        "ceo", "founder", "dictator", "monarch", "crown prince", "speaker",
    }
)  # fmt: skip

# Words that make a phrase a title (holdsPosition).
POSITION_TITLES: frozenset[str] = frozenset(
    {
        "minister", "secretary", "ambassador", "envoy", "official", "spokesman",
        "spokeswoman", "spokesperson", "senator", "representative", "lawmaker",
        "deputy", "vice", "adviser", "advisor", "aide", "diplomat", "general", "admiral",
        "commissioner", "counselor", "negotiator", "attorney", "justice", "judge",
        "congressman", "congresswoman", "mp", "governor", "officer", "member", "delegate",
        "consul", "councillor", "councilor", "strategist", "candidate", "nominee",
        "correspondent", "analyst", "economist", "executive", "prosecutor", "chief",
    }
)  # fmt: skip

# Occupations that say whom a person works for when a body's name stands before them ("FBI
# lawyer Lisa Page", "Sunday Telegraph journalist Robert Peston", "Balfour Beatty managers"):
# worksFor, never a position or membership.
STAFF_TITLES: frozenset[str] = frozenset(
    {
        "lawyer", "journalist", "reporter", "editor", "manager", "contractor", "employee",
        "staffer", "agent", "operative", "researcher", "consultant", "lobbyist", "producer",
        "columnist", "engineer", "scientist", "pilot", "investigator", "accountant",
        "auditor", "inspector", "guard", "worker", "counsel", "coordinator",
    }
)  # fmt: skip

# Honorifics that say whether a person is a man or a woman ("Mr Howard", "Mrs Howard").
GENDERED_HONORIFICS: dict[str, str] = {
    "mr": "m", "sir": "m", "lord": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "baroness": "f",
}  # fmt: skip
