"""Relations from the learned model, and the hybrid of model and dependency patterns.

:func:`model_candidates` scores every candidate pair (:mod:`kg.extract.candidates`) with
the relation model (:mod:`kg.extract.model`) and turns each pair it reads as a relation
into a :class:`~kg.extract.facts.Candidate` whose ``rule`` is ``model:<version>``;
negation, modality and speaker come from the patterns' ``clause_context`` (see
:func:`kg.extract.relations.pair_contexts`), so a negated or hypothetical relation is
never a fact, whoever found it; a model folder with a status head (``status.json``,
:mod:`kg.extract.status`) reads the status of its own relations with it (the shipped model
has none).

:func:`merge_hybrid` keeps, per category, the source that measures better
(:data:`HYBRID_SOURCE`): both for affiliation (the model, and the patterns' titles,
appositions, tags and bodies of states), the model for the rest. Where the model alone
decides a category, a pattern's relation of that category on a pair the model scored and
read as ``none`` is dropped;
on a pair the model never saw (a pair beyond the cap, a pronoun that stands for no one
named) the pattern's stays. A pronoun that stands for a person named before it ("He met
Xi") is a candidate of its own words, and its relations go to that person
(:func:`model_pairs`). A cooperation, conflict or communication the model reads with one
name of a list ("condemned the United States and Britain") goes to the list's other names
(:func:`across_coordination`). Opposing an act done to someone ("opposed Clinton's
impeachment", "rejected the sanctions on Russia") is no conflict with them, whoever read one
(:func:`opposes_act_against`). A side named by a verb and its preposition ("sided with
France", "rallying behind Trump") wins over the model's other polarity for that pair
(:data:`RULES_OVER_MODEL_POLARITY`). A place the patterns set in another by a comma ("Jackson,
Wyo.") stands where the model read none, and the model's other container for it in that
sentence goes (:data:`RULES_BESIDE_MODEL`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from kg.errors import InputError
from kg.extract.candidates import MentionPair, find_pairs
from kg.extract.facts import Candidate
from kg.ontology import RELATIONS, Category, category_of
from kg.types import Mention

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Token

    from kg.extract.status import StatusHead
    from kg.types import Modality

__all__ = [
    "COORDINATION_RULE",
    "DEFAULT_EXTRACTOR",
    "EXTRACTORS",
    "EXTRACTOR_ENV",
    "HYBRID_SOURCE",
    "across_coordination",
    "check_extractor",
    "drop_opposed_acts",
    "merge_hybrid",
    "model_candidates",
    "model_pairs",
    "opposes_act_against",
]

Source = Literal["rules", "model", "both"]

EXTRACTORS: tuple[str, ...] = ("rules", "model", "hybrid")
"""Extractor names: the dependency patterns, the relation model, or both by category."""

EXTRACTOR_ENV = "KG_EXTRACTOR"
"""Environment variable naming the default extractor of a process (read at import)."""

DEFAULT_EXTRACTOR = os.environ.get(EXTRACTOR_ENV) or "hybrid"
"""The default extractor: ``$KG_EXTRACTOR``, else ``hybrid``, the one that scores best on
the article gold (``make evaluate``: relation F1 0.633 against the patterns' 0.482 and the
model's 0.631, at precision 0.85; on the held-out article gold 0.565 against 0.380 and
0.562; the patterns state fewer forbidden relations: 6 against 16)."""

HYBRID_SOURCE: Mapping[Category, Source] = MappingProxyType(
    {
        # Measured on the pair dev set (scripts/eval_pairs.py, gold mentions, model
        # rel-minilm-s5): the model is better in every category (affiliation F1 0.63
        # against the patterns' 0.31). The patterns' affiliations stay beside it: they are
        # precise and read what the model never sees (titles and tags that imply their
        # actor: "Sen. Rand Paul (R-Ky.)"); with them the article gold scores F1 0.592
        # against the model alone's 0.590, and the pair dev set end to end (kg's own
        # mentions) 0.603 against 0.593.
        "affiliation": "both",
        "location": "model",
        "cooperation": "model",
        "conflict": "model",
        "communication": "model",
    }
)
"""Which extractor decides each category in the hybrid (re-measure on the pair dev set)."""

STANCE_RULE = "stance-noun"
"""The ``rule`` of a relation a noun of stance states where the model read an affiliation."""
STANCE_CONFIDENCE = 0.8

COORDINATION_RULE = "coordination"
"""The ``rule`` of a relation carried from one conjunct of a list to the others."""
COORDINATION_FACTOR = 0.9
"""A carried relation's confidence: its source's, times this."""

# The categories a list of actors shares ("condemned the United States and Britain"); an
# affiliation or a place is said of each member on its own ("a member of X and Y").
_SHARED_BY_LISTS: frozenset[Category] = frozenset({"cooperation", "conflict", "communication"})

# Words that make the names of a list relate to each other ("talks between A and B", "urged
# A and B to work together").
_RECIPROCAL = frozenset({"between", "among", "amongst", "together", "each", "another", "jointly"})

Found = tuple[MentionPair, int, str, int, float, str]
"""A relation the model read: (pair, subject, relation, object, probability, rule)."""


def check_extractor(name: str) -> str:
    """Return ``name`` if it is an extractor, else raise listing the valid ones.

    Raises:
        InputError: ``name`` is not one of :data:`EXTRACTORS`.

    Example:
        >>> check_extractor("hybrid")
        'hybrid'
    """
    if name not in EXTRACTORS:
        given = f" (from ${EXTRACTOR_ENV})" if name == os.environ.get(EXTRACTOR_ENV) else ""
        msg = f"unknown extractor {name!r}{given}; expected one of: {', '.join(EXTRACTORS)}"
        raise InputError(msg)
    return name


def model_pairs(
    doc: Doc, mentions: Sequence[Mention], *, offset: int = 0
) -> tuple[list[MentionPair], list[Mention], list[int]]:
    """Return the pairs the model scores in ``doc``, over names and pronouns.

    Pronouns that stand for a named person join the candidates as mentions of their own
    words ("He met Xi": the encoder reads "he"); their relations go to the person.

    Returns:
        The pairs (indices into the extended mention list), that list (``mentions``, then
        the pronouns), and for each of its entries the index of the mention it stands for.
    """
    from kg.extract.relations import pronoun_mentions

    stands_for = list(range(len(mentions)))
    extended = list(mentions)
    for mention, antecedent in pronoun_mentions(doc, mentions, offset=offset):
        extended.append(mention)
        stands_for.append(antecedent)
    pairs = [
        p
        for p in find_pairs(doc, extended, offset=offset)
        if stands_for[p.first] != stands_for[p.second]
    ]
    return pairs, extended, stands_for


def designator_parts(doc: Doc, mentions: Sequence[Mention], *, offset: int = 0) -> frozenset[int]:
    """Return the indices of ``mentions`` that are a party designator's title, party or state.

    In "Sen. Rand Paul, R-Ky., met Obama": the mentions "Sen.", "R" and "Ky." (not "Rand
    Paul", not "Obama").
    """
    from kg.extract.mentions import designator_mentions
    from kg.nlp import text_of

    spans = {
        (m.start, m.end)
        for m in designator_mentions(text_of(doc), offset)
        if m.label != "PERSON"  # the legislator is no part: their own relations stand
    }
    if not spans:
        return frozenset()
    return frozenset(i for i, m in enumerate(mentions) if (m.start, m.end) in spans)


def model_candidates(
    doc: Doc, mentions: Sequence[Mention], *, offset: int = 0
) -> tuple[list[Candidate], list[MentionPair]]:
    """Score the candidate pairs of ``doc`` with the relation model.

    Returns:
        The relations the model reads, and every pair it scored.

    Raises:
        ModelError: The relation model is missing.
    """
    from kg.extract.model import load_relation_model
    from kg.extract.relations import pair_contexts, speech_outlets, stance_linked

    pairs, extended, stands_for = model_pairs(doc, mentions, offset=offset)
    if not pairs:
        return [], []
    model = load_relation_model()
    found: list[tuple[MentionPair, int, str, int, float, str]] = []
    vectors: dict[tuple[int, int, int], np.ndarray] = {}
    for pair, score in zip(pairs, model.score(pairs), strict=True):
        if score.relation not in RELATIONS:
            continue  # none, or a class this ontology no longer has
        if score.vector is not None:
            vectors[(pair.sentence_start, pair.first, pair.second)] = score.vector
        subj, obj = (pair.second, pair.first) if score.reverse else (pair.first, pair.second)
        found.append((pair, subj, score.relation, obj, score.probability, model.rule))
    # A party designator's parts ("Sen." the Senate, "R", "Ky." in "Sen. Rand Paul, R-Ky.")
    # say whose seat, party and state the legislator's are (the party-designator rule states
    # those); between themselves or with anyone else they state nothing ("the Senate is a
    # member of the Democratic Party", "the Senate works for the host who interviewed him").
    parts = designator_parts(doc, extended, offset=offset)
    if parts:
        found = [f for f in found if f[1] not in parts and f[3] not in parts]
    # A noun of stance between the two ("a fierce opponent of the NSA") is no affiliation:
    # the relation it names stands instead ("Paul opposes the NSA"), or none. Nor is a person
    # and the outlet they speak to or on ("told CNN's Jake Tapper", "said on Fox News").
    affiliations = [k for k, f in enumerate(found) if category_of(f[2]) == "affiliation"]
    ends = [(found[k][1], found[k][3]) for k in affiliations]  # (subject, object)
    stances = stance_linked(doc, extended, ends, offset=offset)
    spoken = speech_outlets(doc, extended, ends, offset=offset)
    for k, stance, said in zip(affiliations, stances, spoken, strict=True):
        if stance is not None and stance.relation and stance.holder >= 0:
            pair = found[k][0]
            found[k] = (
                pair,
                stance.holder,
                stance.relation,
                stance.target,
                STANCE_CONFIDENCE,
                STANCE_RULE,
            )
        elif stance is not None or said:
            found[k] = (found[k][0], -1, "", -1, 0.0, "")
    found = [f for f in found if f[2]]
    found = across_coordination(doc, extended, pairs, found, offset=offset)
    # Opposing an act against someone is no conflict with them ("opposed Bill Clinton's
    # impeachment", "rejected the sanctions on Russia", "condemned the arrest of Navalny").
    found = [
        f
        for f in found
        if category_of(f[2]) != "conflict"
        or not _opposed_either_way(doc, extended[f[1]], extended[f[3]], offset)
    ]
    contexts = pair_contexts(
        doc,
        extended,
        [(s, o, r) for _, s, r, o, _, _ in found],
        offset=offset,
    )
    if model.status is not None:
        contexts = [
            _with_status(model.status, vectors, f, c) if f[5] == model.rule else c
            for f, c in zip(found, contexts, strict=True)
        ]
    out = [
        Candidate(
            subject=stands_for[subj],
            relation=relation,
            object=stands_for[obj],
            sentence_start=pair.sentence_start,
            sentence_end=pair.sentence_end,
            negated=negated,
            modality=modality,
            speaker=stands_for[speaker] if speaker >= 0 else -1,
            confidence=probability,
            rule=rule,
        )
        for (pair, subj, relation, obj, probability, rule), (negated, modality, speaker) in zip(
            found, contexts, strict=True
        )
    ]
    scored = [replace(p, first=stands_for[p.first], second=stands_for[p.second]) for p in pairs]
    return out, scored


def _with_status(
    head: StatusHead,
    vectors: Mapping[tuple[int, int, int], np.ndarray],
    found: Found,
    context: tuple[bool, Modality, int],
) -> tuple[bool, Modality, int]:
    """Return the negation, modality and speaker of a model relation, its status head read.

    Only a relation between the two mentions of the pair the model read has that pair's
    vector; a relation carried elsewhere (over a list) keeps its clause's reading.
    """
    pair, subj, _, obj, _, _ = found
    vector = vectors.get((pair.sentence_start, pair.first, pair.second))
    if vector is None or {subj, obj} != {pair.first, pair.second}:
        return context
    negated, modality, speaker = context
    return head.combine(vector, negated=negated, modality=modality, speaker=speaker)


# Patterns whose relations stand beside the model's where it reads the pair as none: a
# relation noun under a light verb ("had a bilateral meeting with Merkel", "forged the
# closest ties with Cuba") is precise, and the model misses many; so is a place set in
# another by a comma ("Jackson, Wyo.": the pair dev sets 0.6442 -> 0.6451, CoNLL04 0.496 ->
# 0.501, the articles level); so is a backer joined by a hyphen ("Iran-backed Houthi rebels":
# the measured sets level, 13 right relations new and 4 wrong conflicts gone in 250 AllSides
# articles using such words). Measured per rule on both article sets and the pair dev set;
# the other rules of the categories the model decides lost there, or changed nothing.
RULES_BESIDE_MODEL = frozenset({"light-verb", "place-appos", "backed-by"})

# Patterns that name the side taken in so many words ("sided with France", "rallying behind
# Trump", "voted against the bill's sponsor", "Iran-backed Houthi rebels"): where the model
# reads the pair with the other polarity (cooperation for conflict or back), the pattern's
# relation stands instead.
RULES_OVER_MODEL_POLARITY = frozenset({"verb-prep", "backed-by"})
_POLAR = frozenset({"cooperation", "conflict"})


def merge_hybrid(
    rules: Sequence[Candidate],
    model: Sequence[Candidate],
    scored: Sequence[MentionPair],
    *,
    source: Mapping[Category, Source] = HYBRID_SOURCE,
) -> list[Candidate]:
    """Keep each category's relations from the extractor ``source`` names for it.

    The patterns' relations of the categories the model decides stay only on pairs the
    model never scored, or, for the rules of :data:`RULES_BESIDE_MODEL`, read as none.

    Args:
        rules: The patterns' candidates.
        model: The model's candidates.
        scored: Every pair the model scored.
        source: Category to extractor (default :data:`HYBRID_SOURCE`).
    """
    seen = {(p.sentence_start, *sorted((p.first, p.second))) for p in scored}

    def pair(c: Candidate) -> tuple[int, ...]:
        return (c.sentence_start, *sorted((c.subject, c.object)))

    # A pattern's side taken in so many words wins over the model's other polarity.
    said = {
        pair(c): category_of(c.relation)
        for c in rules
        if c.rule in RULES_OVER_MODEL_POLARITY and category_of(c.relation) in _POLAR
    }
    flipped = {
        pair(c)
        for c in model
        if category_of(c.relation) in _POLAR
        and said.get(pair(c), category_of(c.relation)) != category_of(c.relation)
    }
    # A body and the one the same sentence says leads it ("Republicans, led by Mitch
    # McConnell, rejected the plan") are no adversaries there: the model's conflict between
    # them reads the body's act against a third as against its leader.
    led = {pair(c) for c in rules if c.relation == "leaderOf"}
    model = [
        c
        for c in model
        if pair(c) not in flipped and not (category_of(c.relation) == "conflict" and pair(c) in led)
    ]
    model_keys = {(c.sentence_start, *sorted((c.subject, c.object))) for c in model}
    out: list[Candidate] = []
    by_rules: set[tuple[int, int, int, str]] = set()
    for c in rules:
        category = category_of(c.relation)
        lo, hi = sorted((c.subject, c.object))
        key = (c.sentence_start, lo, hi)
        if category is None:
            if key not in model_keys:
                out.append(c)  # an open relation, where the model has nothing better
            continue
        if (
            source[category] != "model"
            or key not in seen
            or (c.rule in RULES_BESIDE_MODEL and key not in model_keys)
            or (key in flipped and c.rule in RULES_OVER_MODEL_POLARITY)
        ):
            out.append(c)
            by_rules.add((c.sentence_start, lo, hi, category))
    # A seat the patterns read ("Arizona Sen. John McCain", "Sen. Kelly Ayotte of New
    # Hampshire") is the one a legislator represents: the model's other seat for them in
    # that sentence is a neighbour's ("McCain represents New Hampshire").
    seats = {(c.sentence_start, c.subject): c.object for c in out if c.relation == "represents"}
    # A place the patterns set in another by a comma ("Jackson, Wyo.") is in that one and
    # what contains it, no other: the model's other container for it in that sentence is a
    # neighbour's ("Gunnison, Colo., to McAllen, Texas": Gunnison is not in Texas; "Moon
    # Township, Pa., outside Pittsburgh").
    containers = _comma_containers(rules)
    # A pair the patterns join by a verb of composition ("the council, which includes
    # Iran") is joined by nothing else in that sentence: the model's other reading goes.
    composed = {
        (c.sentence_start, *sorted((c.subject, c.object))) for c in out if c.rule == "composition"
    }
    for c in model:
        category = category_of(c.relation)
        if category is None or source[category] == "rules":
            continue
        if (c.sentence_start, *sorted((c.subject, c.object))) in composed:
            continue
        if (
            c.relation == "represents"
            and seats.get((c.sentence_start, c.subject), c.object) != c.object
        ):
            continue
        own = containers.get((c.sentence_start, c.subject))
        if c.relation == "locatedIn" and own is not None and c.object not in own:
            continue
        lo, hi = sorted((c.subject, c.object))
        if source[category] == "both" and (c.sentence_start, lo, hi, category) in by_rules:
            continue  # the patterns said it already, in their own words
        out.append(c)
    return out


def _comma_containers(rules: Sequence[Candidate]) -> dict[tuple[int, int], set[int]]:
    """Return the containers of each place the patterns set in one by a comma.

    Keyed by (sentence, place): that container and, through it, its own ("McAllen, Texas,
    U.S.": Texas and the United States).
    """
    inside: dict[tuple[int, int], set[int]] = {}
    for c in rules:
        if c.rule == "place-appos":
            inside.setdefault((c.sentence_start, c.subject), set()).add(c.object)
    out: dict[tuple[int, int], set[int]] = {}
    for (sent, place), direct in inside.items():
        own: set[int] = set()
        todo = list(direct)
        while todo:
            container = todo.pop()
            if container not in own:
                own.add(container)
                todo.extend(inside.get((sent, container), ()))
        out[(sent, place)] = own
    return out


def coordinated(doc: Doc, mentions: Sequence[Mention], *, offset: int = 0) -> list[int]:
    """Return, for each mention, the list of coordinated names it belongs to (-1: none).

    Two mentions are in one list when their head words are conjuncts ("the United States
    and Britain", "Britain, Canada, France and Japan"): each is its first conjunct's word,
    or a conjunct of it. A list holds two or more mentions.
    """
    heads: list[int] = []
    for m in mentions:
        span = doc.char_span(m.start - offset, m.end - offset, alignment_mode="expand")
        heads.append(span.root.i if span is not None and len(span) else -1)
    first: list[int] = []
    for i in heads:
        if i < 0:
            first.append(-1)
            continue
        tok = doc[i]
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        first.append(tok.i)
    count: dict[int, int] = {}
    for head, f in zip(heads, first, strict=True):
        if head >= 0:
            count[f] = count.get(f, 0) + 1
    # A list needs two mentions with different head words, one of them a conjunct.
    members: dict[int, set[int]] = {}
    for head, f in zip(heads, first, strict=True):
        if head >= 0 and count[f] >= 2:
            members.setdefault(f, set()).add(head)
    return [
        f if head >= 0 and len(members.get(f, ())) >= 2 else -1
        for head, f in zip(heads, first, strict=True)
    ]


def across_coordination(
    doc: Doc,
    mentions: Sequence[Mention],
    pairs: Sequence[MentionPair],
    found: Sequence[Found],
    *,
    offset: int = 0,
) -> list[Found]:
    """Carry a relation read with one name of a list to the other names of the list.

    The annotation guidelines' coordination rule: in "Russia condemned the United States
    and Britain" Russia criticizes both; between the United States and Britain there is no
    relation unless the sentence says they acted jointly. So a cooperation, conflict or
    communication read between a mention outside a list and a name in it goes to each
    other name of the list that the model read as ``none`` with that mention, in the same
    direction (rule :data:`COORDINATION_RULE`, its confidence the source's times
    :data:`COORDINATION_FACTOR`; a floor on the source's confidence, 0.5 or 0.6, lost what
    the rule gains on the article gold). An affiliation goes too where a plural noun before
    the list names each of its names and the other mention qualifies that noun ("NATO
    members Greece and Turkey": :func:`_shared_title`). Relations inside a list stay as the
    model read them
    ("worked together", "agreed", "at each other's throats" relate its names), except in a
    list acted upon (:func:`_inside_acted_upon_lists`: "spoke with Cameron and Hollande").
    """
    group = coordinated(doc, mentions, offset=offset)
    if not any(g >= 0 for g in group):
        return list(found)
    found = _inside_acted_upon_lists(doc, group, found)
    by_pair = {(p.sentence_start, min(p.first, p.second), max(p.first, p.second)): p for p in pairs}
    read = {(f[0].sentence_start, min(f[1], f[3]), max(f[1], f[3])) for f in found}
    added: list[Found] = []
    for pair, subj, relation, obj, prob, _ in found:
        category = category_of(relation)
        if category not in _SHARED_BY_LISTS and category != "affiliation":
            continue
        for inside, outside in ((subj, obj), (obj, subj)):
            g = group[inside]
            if g < 0 or group[outside] == g:
                continue
            if category == "affiliation" and not _shared_title(
                doc, doc[g], mentions[outside], offset
            ):
                continue
            for other in range(len(mentions)):
                if other in (inside, outside) or group[other] != g:
                    continue
                key = (pair.sentence_start, min(other, outside), max(other, outside))
                target = by_pair.get(key)
                if target is None or key in read:
                    continue  # not a pair of this sentence, or the model read it already
                read.add(key)
                s, o = (other, outside) if inside == subj else (outside, other)
                added.append(
                    (target, s, relation, o, prob * COORDINATION_FACTOR, COORDINATION_RULE)
                )
    return [*found, *added]


def _shared_title(doc: Doc, first: Token, mention: Mention, offset: int) -> bool:
    """Whether ``mention`` qualifies a plural noun that names each name of a list.

    "Balfour Beatty managers Anthony Walker and Nicholas Jeffries", "NATO members Greece and
    Turkey", "Republican senators John McCain and Lindsey Graham": the plural noun before the
    list (its first word's apposition head or compound) holds for every name of it, and so
    does the actor that qualifies the noun. An affiliation is otherwise said of each name on
    its own ("a member of X and Y").
    """
    plural = [t for t in first.children if t.dep_ == "compound" and t.tag_ in _PLURAL_NOUNS]
    if first.dep_ == "appos" and first.head.tag_ in _PLURAL_NOUNS and first.head.i < first.i:
        plural.append(first.head)
    span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
    if not plural or span is None or not len(span):
        return False
    tok = span.root
    while tok.dep_ in _QUALIFIERS and tok.head.i != tok.i and tok.i < plural[0].i:
        tok = tok.head
        if tok.i == plural[0].i:
            return True
    return False


_PLURAL_NOUNS = frozenset({"NNS", "NNPS"})
_QUALIFIERS = frozenset({"compound", "amod", "poss", "nmod"})


# Acts done to someone, named by a noun whose possessor is the one they are done to
# ("Clinton's impeachment", "Navalny's arrest").
_ACTS_ON_POSSESSOR = frozenset({
    "impeachment", "ouster", "removal", "arrest", "detention", "imprisonment", "jailing",
    "indictment", "prosecution", "conviction", "expulsion", "deportation", "extradition",
    "execution", "assassination", "firing", "dismissal", "overthrow", "persecution",
    "investigation", "censure",
})  # fmt: skip
# Acts against someone named after "of", "on" or "against" ("the sanctions on Russia", "the
# invasion of Iraq", "the strikes against Syria"); their possessor is who does them.
_ACTS_AGAINST = _ACTS_ON_POSSESSOR | frozenset({
    "sanction", "sanctions", "tariff", "tariffs", "embargo", "blockade", "attack", "strike",
    "airstrike", "invasion", "crackdown", "boycott", "ban", "war", "bombing", "isolation",
    "punishment",
})  # fmt: skip
# Verbs that oppose what they take as object ("opposed the impeachment"), and verbs whose
# "against" does ("voted against the impeachment").
_OPPOSING_VERBS = frozenset({
    "oppose", "reject", "condemn", "denounce", "criticize", "criticise", "protest", "block",
    "resist", "decry", "slam", "veto", "fight", "lift", "ease", "end", "halt", "stop",
    "scrap", "lament", "deplore", "question", "challenge", "disavow", "rebuke",
})  # fmt: skip
# Verbs of those acts ("efforts to impeach Trump"), and the nouns of attempts they complete.
_ACT_VERBS = frozenset({
    "impeach", "oust", "remove", "arrest", "detain", "jail", "imprison", "indict", "prosecute",
    "convict", "expel", "deport", "extradite", "execute", "assassinate", "fire", "dismiss",
    "overthrow", "depose", "sanction", "punish", "isolate", "invade", "attack", "bomb",
    "censure", "investigate",
})  # fmt: skip
_ATTEMPTS = frozenset({
    "effort", "attempt", "plan", "bid", "push", "call", "move", "proposal", "drive",
    "campaign", "resolution", "measure", "bill", "vote", "decision", "threat",
})  # fmt: skip
_AGAINST_VERBS = frozenset({
    "vote", "campaign", "argue", "speak", "rally", "lobby", "testify", "protest", "fight",
    "warn", "stand", "push", "caution",
})  # fmt: skip


def opposes_act_against(doc: Doc, actor: Mention, target: Mention, *, offset: int = 0) -> bool:
    """Whether ``actor`` opposes an act done to ``target`` in their sentence.

    "King opposed Bill Clinton's impeachment", "Germany rejected the sanctions on Russia",
    "he will vote against President Trump's impeachment": the act's target is not the one
    the actor is in conflict with (the model reads a conflict there). ``target`` is the
    possessor of a noun of an act done to someone, or that noun's "of", "on" or "against"
    object; the noun is the object of a verb of opposing, or of "against" after a verb of
    taking sides; ``actor`` is that verb's subject (or the subject of the verb it completes:
    "intends to vote against").
    """
    a = doc.char_span(actor.start - offset, actor.end - offset, alignment_mode="expand")
    t = doc.char_span(target.start - offset, target.end - offset, alignment_mode="expand")
    if a is None or t is None or not len(a) or not len(t):
        return False
    tok = t.root
    noun: Token | None = None
    if tok.dep_ in ("poss", "compound") and tok.head.lemma_.lower() in _ACTS_ON_POSSESSOR:
        noun = tok.head
    elif (
        tok.dep_ == "pobj"
        and tok.head.lower_ in ("of", "on", "against")
        and tok.head.head.lemma_.lower() in _ACTS_AGAINST
    ):
        noun = tok.head.head
    elif tok.dep_ in ("dobj", "obj") and tok.head.lemma_.lower() in _ACT_VERBS:
        # "oppose Democratic efforts to impeach Trump", "opposed impeaching Trump": the
        # verb of the act, or the noun of the attempt it completes.
        act = tok.head
        if act.dep_ in ("acl", "relcl", "xcomp") and act.head.lemma_.lower() in _ATTEMPTS:
            noun = act.head
        elif act.dep_ in ("dobj", "xcomp", "pcomp", "pobj"):
            noun = act
    if noun is None:
        return False
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    verb: Token | None = None
    if noun.dep_ in ("dobj", "obj") and noun.head.lemma_.lower() in _OPPOSING_VERBS:
        verb = noun.head
    elif (
        noun.dep_ == "pobj"
        and noun.head.lower_ == "against"
        and noun.head.head.lemma_.lower() in _AGAINST_VERBS
    ):
        verb = noun.head.head
    if verb is None:
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    clause = verb
    while not subjects and clause.dep_ in ("xcomp", "conj") and clause.head.i != clause.i:
        clause = clause.head
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    return any(a.start <= s.i < a.end for s in subjects)


def drop_opposed_acts(
    doc: Doc, mentions: Sequence[Mention], candidates: Iterable[Candidate], *, offset: int = 0
) -> list[Candidate]:
    """Drop the conflicts between an actor and the target of an act it opposes.

    The patterns' side of :func:`opposes_act_against` ("rejected the sanctions on Russia" is
    no ``sanctions``); the model's relations are checked in :func:`model_candidates`, where
    a pronoun is still its own words.
    """
    return [
        c
        for c in candidates
        if category_of(c.relation) != "conflict"
        or not _opposed_either_way(doc, mentions[c.subject], mentions[c.object], offset)
    ]


def _opposed_either_way(doc: Doc, a: Mention, b: Mention, offset: int) -> bool:
    """Whether either of two mentions opposes an act done to the other."""
    return opposes_act_against(doc, a, b, offset=offset) or opposes_act_against(
        doc, b, a, offset=offset
    )


def _acted_upon(tok: Token) -> bool:
    """Whether a list's first word is a verb's object, or the object of a verb's preposition.

    "spoke with Cameron and Hollande" is; "representatives from the United States, Canada
    and Mexico are meeting" is not (a noun's preposition: the names may be the actors).
    """
    if tok.dep_ in ("dobj", "dative", "obj"):
        return tok.head.pos_ in ("VERB", "AUX")
    if tok.dep_ == "pobj" and tok.head.dep_ in ("prep", "agent", "dative"):
        return tok.head.head.pos_ in ("VERB", "AUX")
    return False


def _inside_acted_upon_lists(doc: Doc, group: Sequence[int], found: Sequence[Found]) -> list[Found]:
    """Drop what the model read between two names of a list that is acted upon.

    "He spoke with Cameron and Hollande", "Labour MPs criticised Blair and Brown": the
    model copies the act onto the list's names ("Cameron talksWith Hollande"). A relation of
    a category lists share, read between two names of one list, is dropped when the list is
    a verb's object (:func:`_acted_upon`; a list of subjects may act jointly, "the TGWU
    and Amicus worked together"), something outside the list has a relation of that category
    with one of its names, and no word of the sentence makes the names relate to each
    other ("between", "together", "each other").
    """
    shared: set[tuple[int, str]] = set()  # (list, category) an outside mention relates to
    for _, subj, relation, obj, _, _ in found:
        category = category_of(relation)
        for inside, outside in ((subj, obj), (obj, subj)):
            if group[inside] >= 0 and group[inside] != group[outside] and category:
                shared.add((group[inside], category))
    out: list[Found] = []
    for f in found:
        _, subj, relation, obj, _, _ = f
        g = group[subj]
        category = category_of(relation)
        if (
            g >= 0
            and group[obj] == g
            and category in _SHARED_BY_LISTS
            and (g, category) in shared
            and _acted_upon(doc[g])
            and not any(t.lower_ in _RECIPROCAL for t in doc[g].sent)
        ):
            continue
        out.append(f)
    return out
