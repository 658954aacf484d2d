"""Mentions to canonical entities, within one article and across articles.

Within an article: gazetteer names, aliases, demonyms, capitals and metonyms
resolve to their state or organization (with the Wikidata id); a person's short
name ("Dunford", "Mr Trump") joins the full name used earlier or later in the
same article; a single word the tagger mistook for a place or organization
("Dunford" as GPE) becomes that person; a body named with its state ("China’s
Defence Ministry") stays that state's body. Across articles, entities merge on
their id, which is derived from the QID's canonical name or from type and name.
A person known only by a one-word name gets an id scoped to the article, so two
different "Kim"s in two articles never merge.

Before that, each mention is read the way an analyst would: a shouted form ("TRUMP",
"SENATE") as the article's properly cased form; a handle ("@realDonaldTrump") as the name it
spells; a single word the tagger labels differently in one article ("Knox" as a person and as
an organization) by a vote of its labels and of the words before it ("at Hatfield" is a
place); a capital as its state when it acts, and as the city where it only locates ("in
Helsinki", "the Helsinki summit") and its state is none of the article's actors; the seat of
government of a state the article is about stands for that state ("no one in Washington").
A modern state's names stand for its historical predecessor at the article's date
("Moscow" in 1987 is the Soviet Union). A generic body name ("the Senate", "the Commission")
is the body of the article's context (the United States, the EU), a state's before an
organization's ("Parliament" in a Brexit story is the UK's), else an entity of the article
alone. A name one edit away from a gazetteer name or from a more frequent name of the
article, of six letters or more and of a compatible type, is taken for a typo of it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.errors import KGError
from kg.extract.facts import Candidate, DocFacts
from kg.extract.gender import first_name_genders, gender_clash, honorific_gender
from kg.extract.hybrid import COORDINATION_RULE
from kg.extract.lexicon import (
    EVENT_NAMES,
    LEADER_TITLES,
    LEGISLATOR_TITLES,
    ORG_HEAD_WORDS,
    POSITION_TITLES,
    TITLE_ABBREVIATIONS,
)
from kg.gazetteer import (
    SEAT_ROLES,
    TYPO_MIN_LETTERS,
    Gazetteer,
    GazetteerEntry,
    Office,
    is_acronym,
    load_gazetteer,
    one_edit,
    strip_article,
)
from kg.ids import content_hash, entity_id, normalize_name
from kg.ontology import category_of
from kg.types import (
    Article,
    ArticleResult,
    Assertion,
    Entity,
    EntityType,
    Evidence,
    Mention,
    Role,
)

__all__ = ["label_defect", "merge_entities", "resolve_article"]

_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "president",
     "minister", "secretary", "general", "gen", "senator", "sen", "rep", "gov", "governor",
     "chancellor", "premier", "ambassador", "deputy", "professor", "judge", "justice",
     "rev", "reverend", "father", "mayor", "commissioner", "chairman", "colonel", "col",
     "captain", "capt", "lt", "sgt", "admiral", "adm", "maj", "major", "speaker",
     "sheikh", "imam", "ayatollah", "rabbi", "bishop", "cardinal", "vice", "prime",
     "mep", "mp", "msp", "am", "mla", "qc", "kc", "congressman", "congresswoman", "pastor",
     "counsel"}
)  # fmt: skip
# Titles that are part of how the person is named: "Prince Charles" is not "Charles X".
_ROYAL = frozenset(
    {"king", "queen", "prince", "princess", "duke", "duchess", "emperor", "crown", "pope"}
)
# Job titles written before a name ("Clerk Brian Mason", "Speaker Pelosi").
_TITLE_WORDS = (
    frozenset(
        t for t in LEADER_TITLES | POSITION_TITLES | {"clerk", "sheriff", "coach"} if " " not in t
    )
    - _ROYAL
    - {"head"}  # "Head Start" is a programme, not a head called Start
)
_LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "NORP": "Group",
    "LOC": "Place",
}


# Words after which a place name is the place ("talks in Washington", "the jail at Warsaw").
_LOCATING = frozenset(
    {"in", "at", "to", "from", "near", "outside", "into", "around", "across", "via",
     "toward", "towards", "inside", "within"}
)  # fmt: skip
# Events that happen somewhere: a capital that locates one is the city ("the event in London",
# "the London conference"), not the state. Diplomatic events (talks, summits, visits) are not
# here: "talks in Moscow" are talks with the Russian government.
_PLACE_EVENTS = frozenset(
    {"event", "events", "conference", "rally", "ceremony", "concert", "festival", "crash",
     "bombing", "bombings", "attack", "attacks", "explosion", "fire", "march", "protest",
     "protests", "demonstration", "vigil", "funeral", "trial", "lecture", "launch",
     "convention", "exhibition", "marathon", "riot", "riots", "shooting", "blast", "venue",
     "bomb", "bomber", "bombers", "massacre", "siege"}
)  # fmt: skip
# Words between a place and its event: "the Madrid rail bombing", "the London tube bombers".
_EVENT_MODIFIERS = frozenset(
    {"rail", "train", "tube", "subway", "metro", "bus", "car", "truck", "suicide", "terror",
     "terrorist", "train-bomb"}
)  # fmt: skip
# Meetings and accords named after where they were held ("the Helsinki summit", "the Minsk
# agreements"): the capital is their venue, the city, unless its state is one of the article's
# actors ("the Moscow talks" of an article about Russia are talks with its government).
_VENUE_EVENTS = _PLACE_EVENTS | frozenset(
    {"summit", "summits", "talks", "meeting", "meetings", "negotiations", "visit", "trip",
     "accord", "accords", "agreement", "agreements", "treaty", "declaration", "process",
     "meeting's", "summit's"}
)  # fmt: skip
# Words before "at" that make it a target, not a place ("fired two artillery shells at Seoul").
_AIMING = frozenset(
    {"fire", "fired", "fires", "firing", "shells", "missile", "missiles", "rockets", "rocket",
     "aim", "aimed", "aiming", "shoot", "shot", "lash", "lashed", "lashes", "swipe", "jab",
     "directed", "pointed", "launched", "launch", "strike", "struck", "angry", "furious"}
)  # fmt: skip
# "Malcolm Shipley, of Shipley": also a place for a single word that might be a surname.
_LOCATING_SURNAME = _LOCATING | {"of"}
# Words before a name that make it a place, not a person's surname ("of Shipley", "in Dent";
# "from" and "to" go with people too: "the opposition from Dent").
_PLACE_BEFORE = (_LOCATING - {"from", "to"}) | {"of"}
# Words of a body's name that say nothing about whose body it is ("the Supreme Court").
_GENERIC_BODY_WORDS = frozenset(
    {"commission", "council", "ministry", "department", "parliament", "senate", "house",
     "assembly", "congress", "court", "committee", "government", "cabinet", "agency",
     "community", "administration", "legislature", "chamber", "lords", "commons", "bureau",
     "tribunal", "authority", "navy", "army", "supreme", "federal", "national", "foreign",
     "defence", "defense", "justice", "interior", "finance", "treasury", "high", "upper",
     "lower", "central", "security", "trade", "of", "representatives", "ministers",
     "affairs", "office"}
)  # fmt: skip
# Handles: leading parts that are not the name ("@realDonaldTrump", "@SenSanders").
_HANDLE_PREFIXES = frozenset({"real", "the", "official", "its", "sen", "rep", "gov", "team"})
# Handles of offices, resolved to the holder on the article's date.
_HANDLE_OFFICES = {"potus": ("united-states", "head_of_state")}
_HANDLE = re.compile(r"@?([A-Za-z][A-Za-z0-9_]{2,30})")
_HANDLE_PARTS = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z]|$|_|\d)|[A-Z][a-z]+|[a-z]+|\d+")
# News agencies and photo desks that creep into a name ("Reuters Donald Trump").
_BYLINE_WORDS = frozenset(
    {"reuters", "ap", "afp", "bloomberg", "cnn", "upi", "getty", "epa", "xinhua", "tass"}
)
_PHOTO_CREDIT = re.compile(
    r"\b(?:photos?|images|file photo|pool|via getty|staff photographer)\b|/", re.IGNORECASE
)
# "Obama's State of the Union": a name's possession, and the words that make it an occasion.
_POSSESSIVE_LABEL = re.compile(r"[A-Z][\w.-]*(?: [A-Z][\w.-]*){0,2}['’]s (.+)")
_OCCASION_WORDS = frozenset(
    {"address", "speech", "inauguration", "convention", "campaign", "rally", "debate",
     "victory", "win", "tweet", "tweets", "remarks", "visit", "trip", "summit", "birthday",
     "funeral", "wedding", "presidency", "tenure", "term"}
)  # fmt: skip
# Leader titles before a surname that point to the office holder ("President Trump").
_TITLE_ROLES = {
    "president": "head_of_state",
    "prime minister": "head_of_government",
    "premier": "head_of_government",
    "chancellor": "head_of_government",
}
_TYPE_COMPATIBLE: dict[EntityType, tuple[EntityType, ...]] = {
    "Person": ("Person",),
    "Place": ("Place", "Country"),
    "Country": ("Country", "Place"),
    "Organization": ("Organization",),
    "Group": ("Group",),
}


@dataclass(frozen=True, slots=True)
class _Resolved:
    id: str
    name: str
    type: EntityType
    qid: str | None


def _strip_honorifics(text: str) -> str:
    words = text.replace("’", "'").split()
    while len(words) > 1 and (
        words[0].lower().rstrip(".") in _HONORIFICS or words[0].lower() in _TITLE_WORDS
    ):
        words = words[1:]
    return " ".join(words)


# Titles that only ever stand before a person's name ("General" may open "General Motors").
_PERSON_TITLES = frozenset(
    {"mr", "mrs", "ms", "dr", "sir", "dame", "gen", "sen", "rep", "gov", "col", "capt",
     "lt", "sgt", "adm", "prof", "president", "senator", "lord", "lady", "mayor"}
)  # fmt: skip


def _honorific_first(text: str) -> bool:
    """Whether ``text`` is a title and a name ("Gen Pervez Musharraf", "Mr John Smith")."""
    words = text.split()
    if len(words) < 2 or words[0].lower().rstrip(".") not in _PERSON_TITLES:
        return False
    return not any(w.lower() in ORG_HEAD_WORDS for w in words[1:])


def _outnumbered(counts: Counter[str], gender: str) -> bool:
    """Whether another honorific is used at least as often for this surname."""
    return any(n >= counts[gender] for g, n in counts.items() if g != gender)


def _without_initials(name: str) -> str:
    """Drop middle initials: "Donald J. Trump" -> "Donald Trump"."""
    words = name.split()
    if len(words) < 3:
        return name
    middle = [w for w in words[1:-1] if not (len(w.rstrip(".")) == 1 and w[:1].isupper())]
    return " ".join([words[0], *middle, words[-1]])


@lru_cache(maxsize=4)
def _person_surnames(gaz: Gazetteer) -> frozenset[str]:
    """Last name words of the people in the gazetteer ("Trump", "Putin")."""
    return frozenset(
        e.name.split()[-1] for e in gaz.entries() if e.type == "Person" and " " in e.name
    )


def _looks_like_person(gaz: Gazetteer, m: Mention) -> bool:
    """Correct an NER slip: "Trump" tagged as an organization is a person's surname."""
    text = strip_article(m.text)
    if m.label != "ORG" or " " in text or not text[:1].isupper() or is_acronym(text):
        return False
    return text in _person_surnames(gaz) or text.title() in _person_surnames(gaz)


def _is_known_person(gaz: Gazetteer, text: str) -> bool:
    """Whether the gazetteer has ``text`` as a person's name or alias."""
    entry = gaz.lookup(text)
    return entry is not None and entry.type == "Person"


def _full_name_as_org(gaz: Gazetteer, text: str, person_words: set[str]) -> bool:
    """Whether an organization mention is a person's full name ("Saxon Spence").

    Two or three capitalized words, none that names a body or a place, unknown to the
    gazetteer, ending in a word the article uses as a person's name ("Mrs Spence").
    """
    words = text.split()
    return (
        2 <= len(words) <= 3
        and words[-1] in person_words
        and all(
            w[:1].isupper() and w[1:].replace("-", "").isalpha() and w[1:].islower() for w in words
        )
        and not any(w.lower() in ORG_HEAD_WORDS or w.lower() in _GENERIC_BODY_WORDS for w in words)
        and gaz.lookup(text) is None
        and not any(gaz.lookup(w) is not None or gaz.demonym(w) is not None for w in words)
    )


def _office_holder(gaz: Gazetteer, mention: Mention, date: str | None) -> _Resolved | None:
    """Resolve "the Japanese prime minister" to the holder on the article's date."""
    from kg.extract.lexicon import OFFICE_TITLES, STATE_OFFICE_TITLES

    title = mention.text.lower()
    state = gaz.demonym(mention.qualifier) or gaz.lookup(mention.qualifier)
    if state is None or state.type != "Country" or not date:
        return None
    role = STATE_OFFICE_TITLES.get((state.id, title), OFFICE_TITLES.get(title))
    if role is None:
        return None
    try:
        holder = gaz.office_holder(state.id, role, date)
    except KGError:
        return None
    return _from_entry(holder) if holder is not None else None


def _bare_office_holder(
    gaz: Gazetteer,
    mention: Mention,
    context: Sequence[str],
    date: str,
    resolved: Sequence[_Resolved | None],
) -> _Resolved | None:
    """Resolve "the president" said alone to the holder of that office in the article's state.

    The state is the first of the article's context that is a country; the holder is the one
    on the article's date, and only if the article names that person (so a company's
    president or a foreign one the article never names is nobody).
    """
    from kg.extract.lexicon import OFFICE_TITLES, STATE_OFFICE_TITLES

    states = [e for e in map(gaz.get, context) if e is not None and e.type == "Country"]
    if not states:
        return None
    title = " ".join(mention.text.lower().split())
    role = STATE_OFFICE_TITLES.get((states[0].id, title), OFFICE_TITLES.get(title))
    if role is None:
        return None
    try:
        holder = gaz.office_holder(states[0].id, role, date)
    except KGError:
        return None
    named = {r.id for r in resolved if r is not None and r.type == "Person"}
    return _from_entry(holder) if holder is not None and holder.id in named else None


def _from_entry(entry: GazetteerEntry) -> _Resolved:
    return _Resolved(entry.id, entry.name, entry.type, entry.qid)


_HONORIFIC_DOTS = frozenset(f"{h}." for h in _HONORIFICS)
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


_PEER_TITLES = frozenset({"lord", "lady", "baroness", "baron", "viscount", "earl"})
_TERRITORIAL = re.compile(r"\s+of\s+[A-Z]")


def _peerage(text: str, article_text: str, end: int) -> bool:
    """Whether a mention is a peer's title with its territorial designation ("Lord X of Y")."""
    first = text.split()[0].lower() if text.split() else ""
    return first in _PEER_TITLES and bool(_TERRITORIAL.match(article_text, end))


def _name_suffix(name: str) -> str:
    """Return the generational suffix of a name ("jr" for "Trump Jr."), else ``""``."""
    last = name.split()[-1].lower().rstrip(".,") if name.split() else ""
    return last if last in _NAME_SUFFIXES else ""


def _person_tokens(name: str) -> list[str]:
    """Capitalized name words; hyphenated names count whole and by parts; no "Jr."."""
    words = [
        w for w in name.split() if w[:1].isupper() and w.lower().rstrip(".") not in _NAME_SUFFIXES
    ]
    if len(words) < 2 and "-" in name:
        return [p for p in name.replace("-", " ").split() if p[:1].isupper()]
    return words


def _is_royal(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return first in _ROYAL


def _is_bare_royal(text: str) -> bool:
    """A royal title with a name after it ("Prince Charles"); "King" alone is a surname."""
    return len(text.split()) >= 2 and _is_royal(text)


def _word_before(text: str, start: int) -> str:
    """Return the word before offset ``start``, skipping one "the" ("at the London talks")."""
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 40) : start])
    if words and words[-1].lower() == "the":
        words = words[:-1]
    return words[-1].lower() if words else ""


def _comma_place(gaz: Gazetteer, text: str, end: int) -> str:
    """Return what a ", Place" after a place name names: a state's id, "?" or ``""``."""
    match = re.match(r",\s*([A-Z][\w.]*(?: [A-Z][\w.]*)?)", text[end : end + 40])
    if match is None:
        return ""
    entry = gaz.lookup(match.group(1))
    if entry is None:
        # An abbreviated US state ("Va.", "Calif."), not a title ("In Moscow, Mr. Bolton").
        abbreviation = re.fullmatch(r"[A-Z][a-z]{1,4}\.", match.group(1))
        return "?" if abbreviation and match.group(1).lower() not in _HONORIFIC_DOTS else ""
    return entry.id if entry.type == "Country" else (entry.country or "?")


def _word_after(text: str, end: int) -> str:
    words = re.findall(r"[A-Za-z]+", text[end : end + 30])
    return words[0].lower() if words and text[end : end + 1] == " " else ""


def _locates_event(text: str, m: Mention) -> bool:
    """Whether a place mention locates an event ("the event in London", "the London rally")."""
    after = re.findall(r"[A-Za-z-]+", text[m.end : m.end + 40].lower())[:2]
    if _word_after(text, m.end) in _PLACE_EVENTS or (
        _word_after(text, m.end) in _EVENT_MODIFIERS and after[1:] and after[1] in _PLACE_EVENTS
    ):
        return True
    words = re.findall(r"[A-Za-z]+", text[max(0, m.start - 50) : m.start].lower())
    if words and words[-1] == "the":
        words = words[:-1]
    return len(words) >= 2 and words[-1] in _LOCATING and words[-2] in _PLACE_EVENTS


def _aimed_at(text: str, start: int) -> bool:
    """Whether "at" before ``start`` names a target ("fired two artillery shells at Seoul")."""
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 60) : start].lower())
    return bool(words) and words[-1] == "at" and any(w in _AIMING for w in words[-6:-1])


def _locates(text: str, m: Mention) -> bool:
    """Whether a place mention says where something is or happens.

    After a locating word ("in Helsinki", "to Washington"), or naming where an event or a
    meeting is held ("the Helsinki summit", "the event in London").
    """
    before = _word_before(text, m.start)
    return (
        (before in _LOCATING and not _aimed_at(text, m.start))
        or before == "capital"  # "the Kenyan capital Nairobi", "the capital, Nairobi"
        or _word_after(text, m.end) in _VENUE_EVENTS
        or _locates_event(text, m)
    )


# What separates two members of a list: "Helsinki and Charlottesville", "'Helsinki,' 'Paris'".
_LIST_GAP = re.compile(r"""[\s'"‘’“”]*(?:,|and|or|, and|, or)[\s'"‘’“”,]*""")


def _venue_capitals(
    gaz: Gazetteer,
    mentions: Sequence[Mention],
    resolved: list[_Resolved | None],
    text: str,
) -> None:
    """Make a capital the city in an article where it is only a venue (in place).

    A capital that locates something ("Putin in Helsinki", "the Helsinki summit", "the Kenyan
    capital Nairobi") is the city when its state is none of the article's actors
    (``_context``) once the mentions that only say where things are ("in Helsinki", "in
    Kenya") are set aside: the summit's host is not a party to it. Then every mention of it
    in the article is the city ("Helsinki should be a tipping point"). A capital whose state
    the article is about stays the state, as the seat of its government ("no one in
    Washington", "in Moscow, Mr. Bolton will meet his Russian counterpart").
    """

    def listed_with_a_town(i: int) -> bool:
        # "two moments, Helsinki and Charlottesville": a list shares its members' kind.
        for j in (i - 1, i + 1):
            if not 0 <= j < len(mentions):
                continue
            a, b = sorted((mentions[i], mentions[j]), key=lambda x: x.start)
            other = mentions[j]
            if (
                other.label in ("GPE", "LOC")
                and _LIST_GAP.fullmatch(text[a.end : b.start])
                and gaz.lookup(other.text) is None
            ):
                return True
        return False

    by_form: dict[str, list[int]] = defaultdict(list)
    for i, (m, r) in enumerate(zip(mentions, resolved, strict=True)):
        if r is not None and r.type == "Country" and _by_capital(gaz, m):
            by_form[normalize_name(strip_article(m.text))].append(i)
    for idxs in by_form.values():
        locating = {i for i in idxs if _locates(text, mentions[i]) or listed_with_a_town(i)}
        if not locating:
            continue
        state = resolved[idxs[0]]
        # The state acts in the article where it is named other than as where things are:
        # "was mugged in a park in Kenya" says no more than "in Nairobi".
        others = [
            None
            if i in locating
            or (r is not None and state is not None and r.id == state.id and _locates(text, m))
            else r
            for i, (m, r) in enumerate(zip(mentions, resolved, strict=True))
        ]
        if state is None or state.id in _context(gaz, others):
            continue
        for i in idxs:
            name = strip_article(mentions[i].text)
            resolved[i] = _Resolved(entity_id(name, "Place", known=False), name, "Place", None)


def _shouted(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _uncased_form(gaz: Gazetteer, text: str) -> str:
    """Title-case a shouted name that is not an acronym ("HILLARY CLINTON", "SENATE")."""
    compact = text.replace(".", "")
    if " " not in compact and (len(compact) <= 5 or gaz.lookup(text) is not None):
        return text  # "NATO", "UNESCO": acronyms keep their capitals
    return " ".join(w.capitalize() if w.isalpha() else w.title() for w in text.split())


def handle_name(handle: str) -> str:
    """Return the name a social media handle spells, or ``""`` if it spells none.

    Example:
        >>> handle_name("@realDonaldTrump"), handle_name("@SenSanders"), handle_name("@POTUS")
        ('Donald Trump', 'Sanders', 'POTUS')
    """
    match = _HANDLE.fullmatch(handle)
    if match is None:
        return ""
    parts = _HANDLE_PARTS.findall(match.group(1))
    while len(parts) > 1 and parts[0].lower() in _HANDLE_PREFIXES:
        parts = parts[1:]
    return " ".join(parts) if all(p[:1].isupper() for p in parts) else ""


def _read_as_written(gaz: Gazetteer, mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Return the mentions as an analyst reads them: unshouted, handles spelled out."""
    cased: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for m in mentions:
        if not _shouted(m.text) and m.label != "OFFICE":
            cased[normalize_name(strip_article(m.text))][(m.text, m.label)] += 1
            if m.label == "PERSON" and " " in m.text:  # "TRUMP" beside "Donald Trump"
                last = m.text.split()[-1]
                cased[normalize_name(last)][(last, "PERSON")] += 1
    surnames = {m.text.split()[-1] for m in mentions if m.label == "PERSON" and m.text.split()}
    out: list[Mention] = []
    for m in mentions:
        if m.label != "OFFICE" and (m.text.startswith("@") or text[m.start - 1 : m.start] == "@"):
            name = handle_name(m.text)
            if " " in name and (
                name.split()[0].lower() in first_name_genders() or name.split()[-1] in surnames
            ):
                # "@realDonaldTrump"; not "@QuickTake", a programme's handle
                m = replace(m, text=name, label="PERSON")
            elif name.lower() in _HANDLE_OFFICES:
                m = replace(m, text=name, label="ORG")
            else:
                m = replace(m, label="HANDLE")  # "@KFILE", "@nytimes": no actor's name
        elif _shouted(m.text) and m.label != "OFFICE":
            # An acronym the gazetteer knows, or a dotted one, is no shouted name: "U.N." is not
            # the "Un" of Kim Jong Un.
            known = "." in m.text or gaz.lookup(strip_article(m.text)) is not None
            forms = None if known else cased.get(normalize_name(strip_article(m.text)))
            if forms:
                (form, label), _ = max(forms.items(), key=lambda kv: (kv[1], kv[0]))
                m = replace(m, text=form, label=label)
            else:
                m = replace(m, text=_uncased_form(gaz, m.text))
        out.append(m)
    return out


def _single_word(gaz: Gazetteer, m: Mention) -> str:
    """The word of a one-word name the gazetteer does not know, else ``""``."""
    text = strip_article(_strip_honorifics(m.text))
    if (
        " " in text
        or m.label not in ("PERSON", "ORG", "GPE", "LOC")
        or not text[:1].isupper()
        or is_acronym(text)
        or text.lower() in _GENERIC_BODY_WORDS
        or gaz.lookup(text) is not None
    ):
        return ""
    return text


def _vote_labels(gaz: Gazetteer, mentions: Sequence[Mention], text: str) -> list[Mention]:
    """Give each one-word name one label per article, by a vote of its mentions.

    The tagger calls "Knox" a person once and an organization twice, "Hatfield" a person in
    "the Hatfield crash" and a place in "at Hatfield". Each mention votes its label; a person
    label and each full name in the article with the word as surname or first name count
    double ("Mr Knox" is a person); a word after "in", "at", "of"... votes for a place. Ties go
    to the place when a mention locates, else to the person. A capital tagged as a person ("Tehran
    rejected") is the state unless a person of the article has it as surname.
    """
    surnames: Counter[str] = Counter()
    names_given: Counter[str] = Counter()
    for m in mentions:
        if m.label == "PERSON":
            toks = _person_tokens(_strip_honorifics(m.text))
            if len(toks) >= 2 and " " in m.text:
                surnames.update({toks[-1], m.text.split()[-1]})
                names_given[toks[0]] += 1
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    words: list[str] = []
    for m in mentions:
        word = _single_word(gaz, m)
        words.append(word)
        if not word:
            continue
        label = "GPE" if m.label == "LOC" else m.label
        votes[word][label] += 2 if label == "PERSON" else 1
        possessive = text[m.end : m.end + 2] in ("'s", "’s")  # "to McConnell's remarks"
        if honorific_gender(m.text):
            votes[word]["PERSON"] += 4  # "according to Mr Cable": a person, wherever he is
        elif not possessive and _word_before(text, m.start) in _LOCATING_SURNAME:
            votes[word]["GPE"] += 2
    for word in votes:
        # Each full name with this surname is a vote: "leaning toward Hardiman" beside three
        # "Thomas Hardiman"s is the judge, "Malcolm Shipley, of Shipley" the town.
        if surnames[word] or names_given[word]:  # "loyalty to John" beside John Kerry
            votes[word]["PERSON"] += 2 * (surnames[word] + names_given[word])
    out: list[Mention] = []
    for m, word in zip(mentions, words, strict=True):
        found = gaz.lookup_kind(m.text) if m.label == "PERSON" and " " not in m.text else None
        if (
            found is not None
            and found[1] == "capital"
            and m.text not in surnames
            and normalize_name(m.text) in _plain_capitals(gaz)
        ):
            m = replace(m, label="GPE")
        elif word and len(votes[word]) > 1:
            tally = votes[word]
            best = max(tally.values())
            tied = [lab for lab in ("GPE", "PERSON", "ORG") if tally[lab] == best]
            if (
                len(tied) > 1
                and "GPE" in tied
                and not any(
                    w == word and _word_before(text, x.start) in _LOCATING_SURNAME
                    for x, w in zip(mentions, words, strict=True)
                )
            ):
                tied.remove("GPE")
            m = replace(m, label=tied[0])
        out.append(m)
    return out


@lru_cache(maxsize=4)
def _plain_capitals(gaz: Gazetteer) -> frozenset[str]:
    """Capitals that are no common first name or other place ("Tehran", not "Stanley")."""
    return frozenset(normalize_name(form) for form, _, kind in gaz.phrases() if kind == "capital")


def _titled_holder(gaz: Gazetteer, m: Mention, text: str, date: str | None) -> _Resolved | None:
    """Resolve "President Trump" (a leader title and a surname) to the office holder.

    The holder on the article's date, or for an undated article the only holder ever of
    that office with that surname.
    """
    words = text[max(0, m.start - 20) : m.start].lower().split() + m.text.lower().split()[:-1]
    if words[-2:] == ["prime", "minister"]:
        role = "head_of_government"
    else:
        role = _TITLE_ROLES.get(words[-1].rstrip(".") if words else "", "")
    surname = m.text.split()[-1] if m.text.split() else ""
    if not role or not surname[:1].isupper():
        return None
    holders = _holders_by_surname(gaz).get(surname, ())
    found = {e.id: e for e in holders if _held(gaz, e, role, date)}
    return _from_entry(next(iter(found.values()))) if len(found) == 1 else None


@lru_cache(maxsize=4)
def _holders_by_surname(gaz: Gazetteer) -> dict[str, tuple[GazetteerEntry, ...]]:
    out: dict[str, list[GazetteerEntry]] = defaultdict(list)
    for e in gaz.entries():
        if e.type == "Person" and " " in e.name and _seats(gaz, e.id):
            out[e.name.split()[-1]].append(e)
    return {k: tuple(v) for k, v in out.items()}


def _held(gaz: Gazetteer, person: GazetteerEntry, role: str, date: str | None) -> bool:
    """Whether ``person`` held ``role`` on ``date`` (ever, for an undated article)."""
    return any(t.role == role and (not date or t.covers(date[:10])) for t in gaz.offices(person.id))


def _context(gaz: Gazetteer, resolved: Sequence[_Resolved | None]) -> list[str]:
    """Return the states and organizations an article is about, most mentioned first.

    A body or a person counts for its state ("the White House", "Nancy Pelosi": the
    United States); only those mentioned at least a quarter as often as the first are kept.
    """
    counts: Counter[str] = Counter()
    for r in resolved:
        entry = gaz.get(r.id) if r is not None else None
        if entry is None:
            continue
        if entry.type == "Country" or (entry.type == "Organization" and not entry.country):
            counts[entry.id] += 1
        elif entry.country:
            counts[entry.country] += 1
    if not counts:
        return []
    top = max(counts.values())
    return [c for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if 4 * n >= top]


# Adjectives of the nations within a state, which the gazetteer's demonyms (states only) lack.
_NATION_ADJECTIVES = {
    "english": "england", "scottish": "scotland", "welsh": "wales",
}  # fmt: skip


def _other_nation_before(gaz: Gazetteer, text: str, start: int, body: _Resolved) -> bool:
    """Whether a demonym of another state or nation comes right before a party word.

    "the English Democrats" is a party of England, not the Democratic Party of the United
    States that the article's other mentions are about.
    """
    match = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 30) : start])
    if match is None:
        return False
    word = match.group(1)
    nation = gaz.demonym(word) or gaz.get(_NATION_ADJECTIVES.get(word.lower(), ""))
    entry = gaz.get(body.id)
    if nation is None or entry is None or entry.country is None:
        return False
    return entry.country not in (nation.id, nation.country)


def _context_body(
    gaz: Gazetteer, name: str, context: Sequence[str], date: str | None
) -> _Resolved | None:
    """Resolve a body named without its owner ("the Senate") from the article's context.

    A state's body comes before an international organization's: "Parliament" in a Brexit
    story that names the EU more often than the UK is the UK's, and the European Parliament
    only in an article about no state that has one.
    """
    states = [c for c in context if (e := gaz.get(c)) is not None and e.type == "Country"]
    for owner in [*states, *(c for c in context if c not in states)]:
        era = gaz.era(owner)
        for parent in (owner, era.stands_for) if era is not None else (owner,):
            body = gaz.relative_body(name, parent) if parent else None
            if body is not None:
                return _from_entry(gaz.in_era(body, date))
    return None


def _is_generic_body(name: str) -> bool:
    """Whether a name says what a body is but not whose ("the Commission", "Supreme Court")."""
    words = strip_article(name).lower().split()
    return 1 <= len(words) <= 2 and all(w in _GENERIC_BODY_WORDS for w in words)


def label_defect(name: str) -> str:
    """Return what makes ``name`` a bad node label, or ``""`` for a good one.

    Defects: a social media handle, a photo credit, a byline (a news agency before a name),
    a shouted label (all capitals, longer than an acronym), a possessive event (a name's
    occasion, speech or year: "Obama's State of the Union", "Trump's 2020"), half a
    parenthesis ("British National Party(BNP").

    Example:
        >>> label_defect("@realDonaldTrump"), label_defect("Reuters Donald Trump")
        ('handle', 'byline')
        >>> label_defect("AP Photo/Evan Vucci"), label_defect("HILLARY CLINTON")
        ('photo credit', 'shouted')
        >>> label_defect("Trump's Day One"), label_defect("British National Party(BNP")
        ('possessive event', 'parenthesis')
        >>> label_defect("Donald Trump"), label_defect("NATO"), label_defect("Women's March")
        ('', '', '')
    """
    words = name.split()
    if name.startswith("@") or (
        len(words) == 1 and re.search(r"[a-z][A-Z]", name) and name[:1].islower()
    ):
        return "handle"
    if _PHOTO_CREDIT.search(name):
        return "photo credit"
    if len(words) >= 3 and words[0].lower() in _BYLINE_WORDS:
        return "byline"
    letters_only = all(w.replace(".", "").replace("'", "").isalpha() for w in words)
    if _shouted(name) and letters_only and (len(words) > 1 or len(name.replace(".", "")) > 6):
        return "shouted"
    owned = _POSSESSIVE_LABEL.fullmatch(name)
    if owned is not None:
        thing = owned.group(1)
        if (
            thing.casefold() in EVENT_NAMES
            or thing[:1].isdigit()
            or thing.split()[-1].lower() in _OCCASION_WORDS
        ):
            return "possessive event"
    if name.count("(") != name.count(")"):
        return "parenthesis"
    return ""


def resolve_mentions(
    mentions: Sequence[Mention],
    *,
    article_id: str,
    date: str | None = None,
    gazetteer: Gazetteer | None = None,
    article_text: str = "",
) -> list[_Resolved | None]:
    """Return the entity of each mention, or ``None`` for a mention that names no actor.

    Args:
        mentions: The article's mentions.
        article_id: Scopes people known only by one word to this article.
        date: The article's date: "the Japanese prime minister" is who held the office then.
        gazetteer: The gazetteer (the shipped one by default).
        article_text: The text the mentions' offsets point into; it shows acronyms defined in
            parentheses ("the Revolutionary Armed Forces of Colombia (FARC)").
    """
    gaz = gazetteer or load_gazetteer()
    resolved: list[_Resolved | None] = [None] * len(mentions)
    given = mentions
    mentions = _vote_labels(gaz, _read_as_written(gaz, mentions, article_text), article_text)
    for i, m in enumerate(mentions):
        if m.label == "OFFICE":
            resolved[i] = _office_holder(gaz, m, date)
        elif m.text.lower() in _HANDLE_OFFICES and date:
            seat, role = _HANDLE_OFFICES[m.text.lower()]
            holder = gaz.office_holder(seat, role, date)
            resolved[i] = _from_entry(holder) if holder is not None else None
    # A capital is the city in an article that locates an event in it; then "in London" too.
    event_places = {
        normalize_name(m.text)
        for m in mentions
        if _locates_event(article_text, m) and (gaz.lookup_kind(m.text) or ("", ""))[1] == "capital"
    }
    surnames_written = {
        m.text.split()[-1] for m in mentions if m.label == "PERSON" and " " in m.text
    }
    person_words = {
        _strip_honorifics(m.text).split()[-1] for m in mentions if m.label == "PERSON" and m.text
    }
    # The words of each person's name with a space in it: "Moon" of Moon Jae-in, "Kim" of Kim
    # Jong Un.
    person_parts = [
        set(m.text.split()) for m in mentions if m.label == "PERSON" and " " in m.text.strip()
    ]
    # 1. Full person names and gazetteer names first.
    full_people: list[tuple[int, str, _Resolved]] = []
    for i, m in enumerate(mentions):
        text = m.text
        if m.label == "OFFICE" or resolved[i] is not None:
            continue
        if _PHOTO_CREDIT.search(text) and m.label in ("PERSON", "ORG"):
            continue  # "AP Photo/Evan Vucci", "Getty Images": credits, not actors
        if m.label == "ORG" and len(_person_tokens(text)) >= 3 and _honorific_first(text):
            # "Gen Pervez Musharraf" tagged as an organization: a title before a name.
            m = replace(m, label="PERSON")
        elif m.label == "ORG" and _full_name_as_org(gaz, text, person_words):
            # "Saxon Spence" tagged as an organization beside "Mrs Spence": her full name.
            m = replace(m, label="PERSON")
        elif m.label == "ORG" and " " in text and _is_known_person(gaz, text):
            # "Vince Cable" tagged as an organization: the gazetteer knows the person.
            m = replace(m, label="PERSON")
        if m.label == "PERSON":
            name = _strip_byline(_strip_honorifics(text))
            titled = _titled_holder(gaz, m, article_text, date) if " " not in name else None
            if titled is not None:
                resolved[i] = titled
                full_people.append((i, titled.name, titled))
                continue
            if " " not in name and name in surnames_written:
                continue  # "Ocasio-Cortez" beside "Alexandria Ocasio-Cortez": a surname
            entry = gaz.lookup(name)
            if entry is None and name != _without_initials(name):
                entry = gaz.lookup(_without_initials(name))
            if entry is not None and entry.type == "Person":
                res = _from_entry(entry)
            elif entry is not None and entry.type == "Organization" and name == text:
                # "Lib Dems" tagged as a person: the gazetteer knows the party.
                resolved[i] = _from_entry(entry)
                continue
            elif entry is not None and entry.type in ("Country", "Place") and " " in name:
                # "Revoking Hong Kong's special status" tagged as a person: the gazetteer
                # knows the place by its whole name (one word, "Georgia", stays a person).
                resolved[i] = _from_entry(gaz.in_era(entry, date))
                continue
            elif len(_person_tokens(name)) >= 2 and _pair_of_names(name, person_parts):
                continue  # "the Moon-Kim summit": Moon Jae-in and Kim Jong Un, no third person
            elif len(_person_tokens(name)) >= 2:
                res = _Resolved(entity_id(name, "Person", known=False), name, "Person", None)
            else:
                continue
            resolved[i] = res
            full_people.append((i, name, res))
            continue
        if m.label == "ORG" and m.qualifier:
            state = gaz.demonym(m.qualifier) or gaz.lookup(m.qualifier)
            if state is not None:
                body = gaz.relative_body(text, state.id)
                if body is None:
                    named = gaz.lookup(text)
                    body = named if named is not None and named.country == state.id else None
                if body is not None:
                    resolved[i] = _from_entry(body)
                else:
                    name = f"{text} ({state.name})"
                    resolved[i] = _Resolved(
                        entity_id(name, "Organization", known=False), name, "Organization", None
                    )
                continue
        if m.label == "GPE" and m.qualifier:
            # "Ky." in "Rand Paul, R-Ky.": a state of the qualifying country.
            from kg.extract.mentions import designated_state

            country = gaz.lookup(m.qualifier)
            place = designated_state(text, country.id) if country is not None else None
            if place is not None:
                resolved[i] = _from_entry(place)
                continue
        entry = gaz.demonym(text) if m.label == "NORP" else None
        found = gaz.lookup_kind(text) if entry is None else (entry, "demonym")
        entry = found[0] if found else None
        if entry is not None and entry.type == "Organization" and text.islower():
            continue  # "angry republicans" in Belfast are not the Republican Party
        elsewhere = _comma_place(gaz, article_text, m.end) if found else ""
        if found is not None and found[1] == "capital" and elsewhere not in ("", found[0].id):
            # "Warsaw, Va.", "Paris, Texas": a town of that name elsewhere, not the capital.
            name = strip_article(text)
            resolved[i] = _Resolved(entity_id(name, "Place", known=False), name, "Place", None)
        elif (
            found is not None
            and found[1] == "capital"
            and normalize_name(text) in event_places
            and (
                _locates_event(article_text, m) or _word_before(article_text, m.start) in _LOCATING
            )
        ):
            # "the event in London": the city; "Washington warned Beijing", "no one in
            # Washington", "the embassy in Washington": the state and its government.
            name = strip_article(text)
            resolved[i] = _Resolved(entity_id(name, "Place", known=False), name, "Place", None)
        elif entry is not None and not (
            entry.type == "Organization"
            and _other_nation_before(gaz, article_text, m.start, _from_entry(entry))
        ):
            resolved[i] = _from_entry(gaz.in_era(entry, date))
    _venue_capitals(gaz, mentions, resolved, article_text)
    _seat_of_the_union(gaz, mentions, resolved, article_text)
    # 2. Short person names and single words that match a person's name in the article.
    by_last: dict[str, list[tuple[int, _Resolved]]] = defaultdict(list)
    by_first: dict[str, list[tuple[int, _Resolved]]] = defaultdict(list)
    # Royals go by their first name: "Charles" beside Prince Charles and Charles Kennedy.
    by_royal: dict[str, list[tuple[int, _Resolved]]] = defaultdict(list)
    for i, name, res in full_people:
        toks = _person_tokens(name)
        if len(toks) >= 2 and _is_royal(name):
            by_royal[toks[1]].append((i, res))
        if not toks or _is_royal(name):
            continue
        by_last[toks[-1]].append((i, res))
        by_last[name.split()[-1]].append((i, res))  # "Kilroy-Silk" as written
        by_first[toks[0]].append((i, res))
        entry = gaz.get(res.id) if res.qid else None
        if entry is not None and entry.country in _FAMILY_NAME_FIRST:
            # "Kim" is Kim Jong Un's family name, as much as Duyeon Kim's.
            by_last[toks[0]].append((i, res))
    scope = content_hash(article_id)[:8]
    # "Mr Howard" and "Mrs Howard" in one article are two people: note who is called what.
    genders: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        gender = honorific_gender(m.text)
        if gender and m.label in ("PERSON", "ORG"):
            genders[_strip_honorifics(m.text).split()[-1]][gender] += 1
    context: list[str] | None = None
    surname_uses = Counter(
        _strip_honorifics(m.text).split()[-1] for m in mentions if m.label in ("PERSON", "ORG")
    )
    for i, m in enumerate(mentions):
        if resolved[i] is None and m.label == "OFFICE" and not m.qualifier and date:
            # "the president": the holder for the article's state, if the article names them.
            if context is None:
                context = _context(gaz, resolved)
            resolved[i] = _bare_office_holder(gaz, m, context, date, resolved)
            continue
        if resolved[i] is not None or m.label == "OFFICE":
            continue
        if m.label == "PERSON" and _pair_of_names(_strip_honorifics(m.text), person_parts):
            continue  # "the Moon-Kim summit": Moon Jae-in and Kim Jong Un, no third person
        if m.label == "GOVERNMENT":
            # "the government": the one state the article is about, else nobody in particular.
            if context is None:
                context = _context(gaz, resolved)
            states = [e for e in map(gaz.get, context) if e is not None and e.type == "Country"]
            if len(states) == 1:
                resolved[i] = _from_entry(states[0])
            continue
        if _PHOTO_CREDIT.search(m.text):
            continue
        name = _strip_honorifics(m.text)
        if m.label != "PERSON" and name.split()[-1:] and name.split()[-1].lower() in ORG_HEAD_WORDS:
            name = m.text  # "Justice Department": "Justice" is no judge's title here
        elif m.label != "PERSON" and name != m.text and not by_last.get(name.split()[-1]):
            # "the General Election": a title word begins the name of a thing, not a person's
            # ("Gen Musharraf" tagged as an organization joins Pervez Musharraf).
            name = m.text
        toks = [name] if " " not in name else _person_tokens(name)
        gender = honorific_gender(m.text)
        candidates: list[tuple[int, _Resolved]] = []
        # "The opposition from Dent" with "Dent" tagged as a place: a word the gazetteer
        # knows as no place, the surname of a person the article names in full, is theirs,
        # unless a word before says it is a place ("Malcolm Shipley, of Shipley").
        surname_as_place = (
            m.label in ("GPE", "LOC")
            and len(toks) == 1
            and bool(by_last.get(toks[0]))
            and gaz.lookup_kind(m.text) is None
            and _word_before(article_text, m.start) not in _PLACE_BEFORE
        )
        if len(toks) != 1 or _is_bare_royal(m.text) or m.label == "NORP":
            pass  # a royal's name and a people ("Democrat") never join a person
        elif m.label in ("GPE", "LOC") and not surname_as_place:
            pass  # nor does a place ("Washington" beside George Washington)
        elif _peerage(m.text, article_text, m.end):
            # "Lord Roberts of Conwy" is a peer by that title, not Sion Aubrey Roberts.
            name = m.text.replace("’", "'")
        elif gender and _outnumbered(genders[toks[0]], gender):
            # "Mr Howard" throughout, "Mrs Howard" once: she is not the full name's owner.
            name = m.text.replace("’", "'")
        else:
            # Surnames first ("Dunford"); a first word only when no surname matches and
            # it names one person alone ("Kim" for Kim Jong Un, "Fan" for Fan Changlong).
            candidates = [
                (j, r) for j, r in by_last.get(toks[0], []) if not gender_clash(gender, r.name)
            ]
            # "Trump Jr." is Donald Trump Jr., never Donald Trump; "Trump" beside both is the
            # father, "King" beside Martin Luther King Jr. alone is King.
            suffix = _name_suffix(m.text)
            same = [(j, r) for j, r in candidates if _name_suffix(r.name) == suffix]
            if suffix or same:
                candidates = same
            if len({r.id for _, r in candidates}) > 1:
                # "Mr Howard" beside Michael Howard and "Australia's PM, John Howard": a
                # leader of another state than the ones the article is most about is a
                # namesake, whoever was named last.
                home = [(j, r) for j, r in candidates if not _foreign(gaz, r, resolved)]
                candidates = home or candidates
            in_full = Counter(r.id for _, r in set(candidates)).most_common(2)
            if len(in_full) == 2 and in_full[0][1] >= _DOMINANCE * max(in_full[1][1], 1):
                # "Trump" in a profile of Donald Trump that names his mother Mary Trump once:
                # the one far more often named in full, not the one named last.
                candidates = [(j, r) for j, r in candidates if r.id == in_full[0][0]]
            sitting = {r.id for _, r in candidates if r.qid and _in_office(gaz, r.id, date)}
            if len({r.id for _, r in candidates}) > 1 and len(sitting) == 1:
                # "Kim" beside Kim Jong Un, his father and grandfather and an analyst Duyeon
                # Kim: the one in office on the article's date.
                candidates = [(j, r) for j, r in candidates if r.id in sitting]
            if by_last.get(toks[0]) and not candidates:
                name = m.text.replace("’", "'")  # "Mrs. Romney" beside Mitt Romney: herself
            if (
                not candidates
                and m.label == "ORG"
                and toks[0].lower() in first_name_genders()
                and len({r.id for _, r in by_first.get(toks[0], [])}) == 1
                and toks[0] not in by_royal
            ):
                candidates = by_first[toks[0]]  # "Angela, Emmanuel and Justin": Trudeau
            if not candidates and m.label == "ORG" and _looks_like_person(gaz, m):
                candidates = by_last.get(toks[0].title(), [])
                m = replace(m, label="PERSON")
                name = name.title() if name.isupper() else name
            if (
                not candidates
                and m.label == "PERSON"
                and not gender
                and toks[0] not in genders
                and _word_before(article_text, m.start) not in _KIN
            ):
                # "his son Nick" is a relative, not the Nick Vaughan the article also names.
                # A first name only when the word is never a surname after "Mr"/"Mrs".
                firsts = by_royal.get(toks[0]) or by_first.get(toks[0], [])
                # "Donald Jr." is Donald Trump Jr., never Donald Trump: a suffix must match.
                firsts = [(j, r) for j, r in firsts if _name_suffix(r.name) == suffix]
                known = {r.id for _, r in firsts if r.qid}
                if len({r.id for _, r in firsts}) == 1:
                    candidates = firsts
                elif len(known) == 1:
                    # "Kim" beside Kim Jong Un and Kim In Ryong: the known leader.
                    candidates = [(j, r) for j, r in firsts if r.qid]
                elif firsts:
                    # "loyalty to John" in an article about John Kerry, who also names John
                    # Barrasso once: the John the article is about.
                    candidates = _dominant(firsts, surname_uses)
                if not candidates and len(toks[0]) >= _SHORT_FIRST_NAME:
                    # "Pastor Sam" beside Samuel Rodriguez: a short form of one first name.
                    longer = [
                        (j, r)
                        for first, found in by_first.items()
                        if first != toks[0] and first.startswith(toks[0])
                        for j, r in found
                    ]
                    if len({r.id for _, r in longer}) == 1:
                        candidates = longer
        latest: dict[str, int] = {}
        for j, r in candidates:
            # The full name named last before this mention, else the first one after.
            rank = (i - j) if j < i else (len(mentions) + j)
            latest[r.id] = min(latest.get(r.id, rank), rank)
        if latest:
            best_id = min(latest, key=lambda rid: (latest[rid], rid))
            resolved[i] = next(r for _, r in candidates if r.id == best_id)
            continue
        if m.label == "PERSON":
            # Known only by one word: scoped to this article, never merged across.
            eid = f"{entity_id(name, 'Person', known=False)}-{scope}"
            resolved[i] = _Resolved(eid, name, "Person", None)
            continue
        etype = _LABEL_TYPES.get(m.label)
        if m.label == "NORP" and name[:1].isupper():
            # "a Republican", "Democratic senators": the party of the article's state.
            if context is None:
                context = _context(gaz, resolved)
            owned = _context_body(gaz, name, context, date)
            if (
                owned is not None
                and owned.type == "Organization"
                and not _other_nation_before(gaz, article_text, m.start, owned)
            ):
                resolved[i] = owned
            continue
        if etype is None or m.label == "NORP":
            continue
        if etype == "Organization" and name[:1].isupper():
            if context is None:
                context = _context(gaz, resolved)
            owned = _context_body(gaz, name, context, date)
            if owned is not None:
                resolved[i] = owned
                continue
            if _is_generic_body(name):
                # "the Commission" of no known owner: this article's, never another's.
                eid = f"{entity_id(name, 'Organization', known=False)}-{scope}"
                resolved[i] = _Resolved(eid, strip_article(name), "Organization", None)
                continue
        if etype == "Organization" and not any(w[:1].isupper() for w in name.split()):
            # "the select committee", "its 13-bank advisory committee": this article's body
            # ("al Qaeda", "al-Shabaab" are names: a particle opens them).
            name = " ".join(name.split())
            eid = f"{entity_id(name, 'Organization', known=False)}-{scope}"
            resolved[i] = _Resolved(eid, name, "Organization", None)
            continue
        resolved[i] = _Resolved(entity_id(name, etype, known=False), name, etype, None)
    _home_namesakes(gaz, mentions, resolved)
    _foreign_parties_as_people(gaz, mentions, resolved)
    _join_acronyms(given, resolved, article_text, gaz)
    _join_short_forms(resolved)
    _join_body_suffixes(resolved)
    _join_trailing_names(resolved)
    _join_middle_names(resolved)
    _join_state_prefixed(gaz, resolved)
    _join_bare_bodies(mentions, resolved, scope)
    _join_other_names(article_text, mentions, resolved)
    _correct_typos(gaz, resolved, date)
    return resolved


# A person's other name said beside the name: "Stormy Daniels, whose real name is Stephanie
# Clifford", "Ms Daniels - real name Stephanie Clifford -", "Joanne Chesimard, better known
# as Assata Shakur".
_OTHER_NAME = re.compile(
    r",?\s+(?:(?:who\s+is\s+|who\s+goes\s+by\s+)?(?:also\s+|better\s+|professionally\s+|"
    r"formerly\s+|widely\s+)?known\s+as|whose\s+(?:real|legal|birth|given)\s+name\s+is|"
    r"[-–—(]\s*(?:real|legal|birth)\s+name:?)\s+\Z"
)


def _join_other_names(
    text: str, mentions: Sequence[Mention], resolved: list[_Resolved | None]
) -> None:
    """Give a person's other name, said right after the name, the person's entity.

    The first name keeps the entity, unless only the second is a person or only the second
    is one the gazetteer knows; a name the tagger took for a body's ("Stormy Daniels" as an
    organization) is the person's when the gazetteer does not know it.
    """
    named = [
        (m, r)
        for m, r in zip(mentions, resolved, strict=True)
        if r is not None
        and m.label in ("PERSON", "ORG")
        and (r.type == "Person" or (r.type == "Organization" and not r.qid))
    ]
    for (first, a), (second, b) in itertools.pairwise(named):
        if a.id == b.id or second.start < first.end or second.start - first.end > 40:
            continue
        if "Person" not in (a.type, b.type) or not _OTHER_NAME.fullmatch(
            text, first.end, second.start
        ):
            continue
        keep, drop = (b, a) if (b.qid and not a.qid) or a.type != "Person" else (a, b)
        for i, r in enumerate(resolved):
            if r is not None and r.id == drop.id:
                resolved[i] = keep


# The European Union and its institutions: where the article names one, its host's capital
# ("Brussels") acting is the Union, unless the article names Belgium some other way.
_UNION = "european-union"
_UNION_HOST = "belgium"


def _seat_of_the_union(
    gaz: Gazetteer,
    mentions: Sequence[Mention],
    resolved: list[_Resolved | None],
    text: str,
) -> None:
    """Read "Brussels" as the European Union in an article about the Union.

    "Democracy itself has been sidelined by Brussels", "the draft agreement reached with
    Brussels", "blaming Brussels": in an article that names the European Union or one of its
    institutions, and names Belgium no other way (no "Belgium", "Belgian", no person or body
    of it), Brussels that acts is the Union. Where it only locates ("a summit in Brussels") it
    stays what it was (the city, or the state where it also acts for it).
    """
    union = gaz.get(_UNION)
    if union is None:
        return
    names_union = False
    at_seat: list[int] = []
    for i, (m, r) in enumerate(zip(mentions, resolved, strict=True)):
        entry = gaz.get(r.id) if r is not None else None
        if entry is None:
            continue
        if entry.id == _UNION or entry.country == _UNION:
            names_union = True
        elif entry.id == _UNION_HOST and _by_capital(gaz, m):
            at_seat.append(i)
        elif entry.id == _UNION_HOST or entry.country == _UNION_HOST:
            return  # Belgium itself is in the story
    if not names_union:
        return
    for i in at_seat:
        m = mentions[i]
        if _locates(text, m) or _placed_by_form(text, m):
            continue
        resolved[i] = _from_entry(union)


def _by_capital(gaz: Gazetteer, m: Mention) -> bool:
    """Whether a mention names its state by the state's capital (the gazetteer's kind)."""
    found = gaz.lookup_kind(m.text)
    return found is not None and found[1] == "capital"


def _placed_by_form(text: str, m: Mention) -> bool:
    """Whether a place mention's own writing makes it a place, not an actor.

    A compound ("the Brussels-based Swift network"), a dateline ("Brussels (AFP) -"), a
    byline or a heading on a line of its own ("BBC News, Brussels").
    """
    after = text[m.end : m.end + 16]
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    return (
        after.startswith("-") or _DATELINE_AGENCY.match(after) is not None or len(line.split()) <= 6
    )


_DATELINE_AGENCY = re.compile(r"\s*\((?:AFP|AP|Reuters|UPI)\)")


def _home_namesakes(
    gaz: Gazetteer, mentions: Sequence[Mention], resolved: list[_Resolved | None]
) -> None:
    """Give a foreign state's bare name the place of that name in the article's own state.

    "Georgia" in a story about the United States ("Sen. David Perdue of Georgia", "R-Ga.")
    is the US state, unless the article names the country some other way too (a demonym or
    its capital, "Georgian", "Tbilisi", or a person or body of it) or is about it. The
    namesakes are the gazetteer's relative forms of places (aliases.toml: "Georgia" next to
    the United States).
    """
    context = _context(gaz, resolved)
    states = [c for c in context if (e := gaz.get(c)) is not None and e.type == "Country"]
    if not states:
        return
    home = states[0]
    bare: dict[str, list[tuple[int, GazetteerEntry]]] = defaultdict(list)
    signs: set[str] = set()
    for i, (m, r) in enumerate(zip(mentions, resolved, strict=True)):
        entry = gaz.get(r.id) if r is not None else None
        if entry is None:
            continue
        if entry.type != "Country":
            if entry.country:
                signs.add(entry.country)
            continue
        if entry.id == home:
            continue
        namesake = gaz.relative_body(m.text, home)
        if namesake is not None and namesake.type == "Place" and namesake.country == home:
            bare[entry.id].append((i, namesake))
        else:
            signs.add(entry.id)
    for state, found in bare.items():
        if state not in signs:
            for i, place in found:
                resolved[i] = _from_entry(place)


# States whose leaders' names put the family name first (Kim Jong Un, Moon Jae-in, Xi Jinping).
_FAMILY_NAME_FIRST = frozenset(
    {"north-korea", "south-korea", "china", "taiwan", "vietnam", "cambodia", "mongolia",
     "hungary"}
)  # fmt: skip


def _in_office(gaz: Gazetteer, person_id: str, date: str | None) -> bool:
    """Whether the gazetteer has ``person_id`` in an office on ``date``."""
    return bool(date) and any(t.covers((date or "")[:10]) for t in _seats(gaz, person_id))


def _seats(gaz: Gazetteer, person_id: str) -> list[Office]:
    """The terms of ``person_id`` in a seat (head of state or government, foreign minister)."""
    return [t for t in gaz.offices(person_id) if t.role in SEAT_ROLES]


def _pair_of_names(name: str, person_parts: Sequence[set[str]]) -> bool:
    """Whether a hyphenated name joins two other people's names ("Moon-Kim", "Trump-Kim")."""
    if " " in name or name.count("-") != 1:
        return False
    left, right = name.split("-")
    owners = [k for k, parts in enumerate(person_parts) if left in parts]
    return bool(owners) and any(
        right in parts and k not in owners for k, parts in enumerate(person_parts)
    )


def _foreign(gaz: Gazetteer, person: _Resolved, resolved: Sequence[_Resolved | None]) -> bool:
    """Whether ``person`` holds office in another state than the ones most mentioned."""
    entry = gaz.get(person.id)
    if entry is None or not entry.country:
        return False
    counts: Counter[str] = Counter()
    for r in resolved:
        found = gaz.get(r.id) if r is not None else None
        if found is not None:
            counts[found.id if found.type == "Country" else (found.country or found.id)] += 1
    top = max(counts.values(), default=0)
    return counts[entry.country] < top


# Kinship words before a first name: "his son Nick", "her daughter Ivanka".
_KIN = frozenset(
    {"son", "daughter", "wife", "husband", "brother", "sister", "father", "mother", "child",
     "children", "grandson", "granddaughter", "nephew", "niece", "cousin", "uncle", "aunt",
     "partner", "fiancee", "fiance", "widow", "stepson", "stepdaughter"}
)  # fmt: skip
# A first name's short form has at least this many letters ("Sam" for Samuel, not "Al").
_SHORT_FIRST_NAME = 3
# The person an article is about is named this many times more than any namesake.
_DOMINANCE = 3


def _dominant(
    firsts: Sequence[tuple[int, _Resolved]], surname_uses: Counter[str]
) -> list[tuple[int, _Resolved]]:
    """Return the mentions of the one person far more often named than the others, or []."""
    uses = {r.id: surname_uses[_person_tokens(r.name)[-1]] for _, r in firsts}
    ranked = sorted(uses.values(), reverse=True)
    if len(ranked) < 2 or ranked[0] < _DOMINANCE or ranked[0] < _DOMINANCE * ranked[1]:
        return []
    best = next(rid for rid, n in uses.items() if n == ranked[0])
    return [(j, r) for j, r in firsts if r.id == best]


# Party nicknames that are also words for people of a persuasion anywhere.
_IDEOLOGY_NICKNAMES = frozenset(
    {"Conservatives", "Liberals", "Democrats", "Republicans", "Greens", "Socialists",
     "Nationalists", "Unionists", "Communists", "Progressives", "Independents"}
)  # fmt: skip
# Mentions of a state that make an article about it.
_ABOUT_A_STATE = 3


def _foreign_parties_as_people(
    gaz: Gazetteer, mentions: Sequence[Mention], resolved: list[_Resolved | None]
) -> None:
    """Read a party's plural nickname as people in an article about another state.

    "Conservatives oppose it" in an article about the United States are conservatives, not
    the British Conservative Party. Only nicknames that are words for people of a persuasion
    (:data:`_IDEOLOGY_NICKNAMES`; "Tories" is always the party), tagged NORP, in an article
    that names another state at least :data:`_ABOUT_A_STATE` times and the party's state
    never.
    """
    suspects = [
        i
        for i, (m, r) in enumerate(zip(mentions, resolved, strict=True))
        if r is not None
        and m.label == "NORP"
        and r.type == "Organization"
        and m.text in _IDEOLOGY_NICKNAMES
        and (entry := gaz.get(r.id)) is not None
        and entry.country
    ]
    if not suspects:
        return
    others = [r if i not in suspects else None for i, r in enumerate(resolved)]
    counts = Counter(
        e.id if e.type == "Country" else e.country
        for r in others
        if r is not None and (e := gaz.get(r.id)) is not None and (e.type == "Country" or e.country)
    )
    # The article is about a state named often, and the party's state is never named.
    states = {c for c, n in counts.items() if n >= _ABOUT_A_STATE}
    if not states:
        return
    for i in suspects:
        found = resolved[i]
        entry = gaz.get(found.id) if found is not None else None
        if entry is not None and entry.country not in states and not counts[entry.country]:
            name = mentions[i].text
            resolved[i] = _Resolved(entity_id(name, "Group", known=False), name, "Group", None)


def _strip_byline(name: str) -> str:
    """Drop a news agency stuck before a name ("Reuters Donald Trump")."""
    words = name.split()
    if len(words) >= 3 and words[0].lower() in _BYLINE_WORDS:
        return " ".join(words[1:])
    return name


def _correct_typos(gaz: Gazetteer, resolved: list[_Resolved | None], date: str | None) -> None:
    """Resolve a name one edit from a gazetteer name or a commoner name of the article.

    Only entities the gazetteer does not know are corrected, only names of
    :data:`~kg.gazetteer.TYPO_MIN_LETTERS` letters or more, and only to an entity of a
    compatible type ("Kenosa" beside "Kenosha"; "Vladimir Puttin" to Vladimir Putin).
    """
    counts = Counter(r.id for r in resolved if r is not None)
    by_id = {r.id: r for r in resolved if r is not None}
    fixed: dict[str, _Resolved] = {}
    for r in by_id.values():
        if r.qid or sum(ch.isalpha() for ch in r.name) < TYPO_MIN_LETTERS:
            continue
        kinds = _TYPE_COMPATIBLE[r.type]
        rivals = [
            o
            for o in by_id.values()
            if o.id != r.id
            and o.type in kinds
            and (counts[o.id], bool(o.qid)) > (counts[r.id], False)
            and _typo_of(r.name, o.name, r.type)
        ]
        if len(rivals) == 1:
            fixed[r.id] = rivals[0]
            continue
        entry = gaz.near(r.name, kinds)
        if entry is not None and _typo_of(r.name, entry.name, r.type, folded=True):
            fixed[r.id] = _from_entry(gaz.in_era(entry, date))
    for i, res in enumerate(resolved):
        if res is not None and res.id in fixed:
            resolved[i] = fixed[res.id]


def _typo_of(name: str, other: str, etype: EntityType, *, folded: bool = False) -> bool:
    """Whether ``name`` is one edit from ``other``; for people, in the surname only.

    "Vladimir Puttin" is Vladimir Putin, but "Michael Martin" is not Micheál Martin and
    "Mr Howard" is not "Mrs Howard": a person's other words must be the same.
    """
    if any(ch.isdigit() for ch in name + other) or name[:1].lower() != other[:1].lower():
        return False  # "5th Circuit" is not the "9th Circuit"
    if etype != "Person":
        return folded or one_edit(normalize_name(name), normalize_name(other))
    words, others = name.split(), other.split()
    if len(words) != len(others) or len(words) < 2 or words[:-1] != others[:-1]:
        return False
    if {w.lower().rstrip(".") for w in (words[-1], others[-1])} & _NAME_SUFFIXES:
        return False  # "Huntsman Sr" is not "Huntsman Jr."
    return folded or one_edit(normalize_name(words[-1]), normalize_name(others[-1]))


_POSITIONS = frozenset({"holdsPosition", "leaderOf", "memberOf"})
_MINOR_WORDS = frozenset({"of", "and", "the", "for", "on", "in", "de", "&", "to", "at"})


def initials(name: str) -> str:
    """Return the acronym a name would have.

    Example:
        >>> initials("International Atomic Energy Agency")
        'IAEA'
        >>> initials("League Against Cruel Sports")
        'LACS'
    """
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _MINOR_WORDS]
    return "".join(w[0] for w in words if w[:1].isalpha()).upper()


# People known by their initials ("AOC", "JFK", "MLK"); longer ones are organizations' acronyms.
_PERSON_INITIALS = 4
_PARENTHESIZED = re.compile(r"\s*\(([A-Z][A-Za-z.]{1,11})\)")


def _is_acronym_text(text: str) -> bool:
    compact = text.replace(".", "")
    return 2 <= len(compact) <= 8 and compact.isupper() and compact.isalpha()


def _join_acronyms(
    mentions: Sequence[Mention],
    resolved: list[_Resolved | None],
    text: str = "",
    gaz: Gazetteer | None = None,
) -> None:
    """Give an acronym the entity of the long form it abbreviates in the same article.

    The long form is an organization or place whose initials are the acronym ("NYC" for New
    York City), the name an acronym follows in parentheses ("the Revolutionary Armed Forces of
    Colombia (FARC)"), which also covers acronyms of another language, or, for two to four
    capitals the gazetteer does not know, a person's full name ("AOC" for Alexandria
    Ocasio-Cortez). The tagger's label of the acronym does not matter: "LACS" tagged as a
    person is still the League Against Cruel Sports.
    """
    long_forms: dict[str, set[str]] = defaultdict(set)
    by_id: dict[str, _Resolved] = {}
    for r in resolved:
        if r is None or " " not in r.name:
            continue
        if r.type in ("Organization", "Group", "Place"):
            long_forms[initials(r.name)].add(r.id)
            by_id[r.id] = r
        elif r.type == "Person":
            name = " ".join(_person_tokens(r.name))
            key = initials(name)
            if 2 <= len(key) <= _PERSON_INITIALS and (gaz is None or gaz.lookup(key) is None):
                long_forms[key].add(r.id)
                by_id[r.id] = r
    defined: dict[str, set[str]] = defaultdict(set)
    for m, r in zip(mentions, resolved, strict=True):
        if r is None or r.type not in ("Organization", "Group") or " " not in r.name:
            continue
        after = _PARENTHESIZED.match(text, m.end)
        if after is not None and _is_acronym_text(after.group(1)):
            defined[after.group(1).replace(".", "")].add(r.id)
            by_id[r.id] = r
    for i, (m, r) in enumerate(zip(mentions, resolved, strict=True)):
        if (r is not None and r.qid) or not _is_acronym_text(m.text):
            continue
        if r is None and m.label not in ("ORG", "PERSON", "GPE", "NORP"):
            continue
        compact = m.text.replace(".", "")
        ids = defined.get(compact) or long_forms.get(compact, set())
        if len(ids) == 1:
            target = by_id[next(iter(ids))]
            if target.type == "Person" and m.label in ("GPE", "LOC"):
                continue  # "D.C." beside Dave Camp is the place, not his initials
            resolved[i] = target


# Words a place's or an outlet's full name adds to the short name it goes by: "Rikers" is
# Rikers Island, "New York" beside "New York City" the city, "Fox" beside "Fox News" the outlet.
_PLACE_HEADS = frozenset(
    {"city", "island", "islands", "county", "bay", "province", "valley", "beach", "heights",
     "peninsula", "strait", "straits", "harbor", "harbour", "square", "borough", "district"}
)  # fmt: skip
_OUTLET_HEADS = frozenset(
    {"news", "times", "post", "journal", "network", "channel", "radio", "television", "tv",
     "tribune", "herald", "gazette", "telegraph", "magazine", "media", "daily"}
)  # fmt: skip
# Words that end the name of a body and say what kind it is: "the Brookings Institution",
# "the SITE Intelligence Group", "Hobby Lobby Stores" (a party or a campaign is not one:
# "the Steyer campaign" is no short form of Tom Steyer's).
_BODY_KIND_HEADS = frozenset(
    {"institution", "institute", "group", "committee", "subcommittee", "foundation", "inc",
     "corporation", "corp", "company", "stores", "association", "center", "centre", "society",
     "fund", "coalition", "caucus", "ltd", "llc", "co", "university", "college", "publishing",
     "international", "service", "services"}
)  # fmt: skip
_SHORT_FORM_HEADS: dict[EntityType, frozenset[str]] = {
    "Place": _PLACE_HEADS,
    "Organization": _OUTLET_HEADS,
}


def _join_short_forms(resolved: list[_Resolved | None]) -> None:
    """Give a short name the entity of the one longer name of the article it opens.

    The longer name must only add words that say what kind of place or outlet it is
    (:data:`_PLACE_HEADS`, :data:`_OUTLET_HEADS`), or capitalized words ending in a word for
    a kind of body (:data:`_BODY_KIND_HEADS`: "SITE" and the SITE Intelligence Group,
    "Brookings" and the Brookings Institution, "Ways and Means" and its committee); the short
    one must be unknown to the gazetteer: "Washington" is never the Washington Post. A
    one-word outlet the tagger took for a person ("Contacted by Fox") joins too, and so does a
    name the tagger took for a person or a place that opens a body's name ("a ruling in favor
    of Hobby Lobby" beside Hobby Lobby Stores); a surname of a person named in full in the
    article has joined that person before. An outlet's last word joins the one outlet of the
    article it ends ("the Times", "the Post"), and a short name of a short name goes to the
    longest ("Fox", "Fox News", "Fox News Channel").
    """
    longer: dict[str, set[str]] = defaultdict(set)
    bodies: dict[str, set[str]] = defaultdict(set)
    single: dict[str, set[str]] = defaultdict(set)
    by_id: dict[str, _Resolved] = {}
    for r in resolved:
        if r is None or r.type not in _SHORT_FORM_HEADS:
            continue
        words = r.name.split()
        for cut in range(1, len(words)):
            rest = {w.lower() for w in words[cut:]}
            if rest <= _SHORT_FORM_HEADS[r.type]:
                longer[normalize_name(" ".join(words[:cut]))].add(r.id)
                by_id[r.id] = r
            elif (
                r.type == "Organization"
                and words[-1].lower().rstrip(".,") in _BODY_KIND_HEADS
                and all(w[:1].isupper() for w in words[cut:])
            ):
                # a body's short name: any such words ("Pew Research Center"); a person's
                # or a place's: kind words alone ("Brookings Institution", "Hobby Lobby
                # Stores, Inc.", never the "Benghazi Select Committee")
                bodies[normalize_name(" ".join(words[:cut]))].add(r.id)
                if all(w.lower().rstrip(".,") in _BODY_KIND_HEADS for w in words[cut:]):
                    single[normalize_name(" ".join(words[:cut]))].add(r.id)
                by_id[r.id] = r
    # An outlet by the word that ends its name: "the Times" beside the New York Times, "the
    # Post" beside the Washington Post (one such outlet in the article).
    for r in resolved:
        if r is None or r.type != "Organization" or " " not in r.name:
            continue
        last = r.name.split()[-1]
        if last.lower() in _OUTLET_HEADS and last[:1].isupper():
            longer[normalize_name(last)].add(r.id)
            by_id[r.id] = r
    options: dict[str, set[str]] = {}  # short name's id -> the longer names' ids
    for r in resolved:
        if r is None or r.qid or r.id in options:
            continue
        key = normalize_name(r.name)
        one_word_person = r.type == "Person" and " " not in r.name
        ids = longer.get(key, set()) - {r.id}
        if r.type not in _SHORT_FORM_HEADS and not one_word_person:
            ids = set()
        elif r.type == "Person" and any(by_id[t].type != "Organization" for t in ids):
            ids = set()
        elif r.type in _SHORT_FORM_HEADS and any(by_id[t].type != r.type for t in ids):
            ids = set()
        if not ids and r.name[:1].isupper():
            ids = (bodies if r.type == "Organization" else single).get(key, set()) - {r.id}
        if ids:
            options[r.id] = ids
    target = {short: next(iter(ids)) for short, ids in options.items() if len(ids) == 1}

    def longest(eid: str) -> str:
        # a short name of a short name goes to the longest: "Fox" -> "Fox News" -> "Fox News
        # Channel" (a name is both when the article has all three)
        seen = {eid}
        while eid in target and target[eid] not in seen:
            eid = target[eid]
            seen.add(eid)
        return eid

    for short, ids in options.items():
        ends = {longest(t) for t in ids}
        if len(ends) == 1:
            target[short] = next(iter(ends))  # "Fox": "Fox News" or "Fox News Channel", one
    for i, r in enumerate(resolved):
        if r is not None and r.id in target:
            resolved[i] = by_id[longest(r.id)]


def _join_state_prefixed(gaz: Gazetteer, resolved: list[_Resolved | None]) -> None:
    """Give a body named with its state before it the article's body named without it.

    "U.S. Immigration and Customs Enforcement" and "Immigration and Customs Enforcement"
    (the name "ICE" stands for) are one body: of two bodies unknown to the gazetteer, the one
    whose name is the other's after a state's name or demonym joins the longer one.
    """
    orgs = {r.id: r for r in resolved if r is not None and r.type == "Organization" and not r.qid}
    by_name = {normalize_name(r.name): r.id for r in orgs.values()}
    target: dict[str, str] = {}
    for org in orgs.values():
        words = org.name.split()
        for cut in (1, 2):
            if len(words) - cut < 2:
                continue
            found = gaz.lookup_kind(" ".join(words[:cut])) or (None, "")
            if found[0] is None or found[0].type != "Country":
                continue
            short = by_name.get(normalize_name(" ".join(words[cut:])))
            if short is not None and short != org.id:
                target[short] = org.id
    for i, r in enumerate(resolved):
        if r is not None and r.id in target:
            resolved[i] = orgs[target[r.id]]


def _join_trailing_names(resolved: list[_Resolved | None]) -> None:
    """Give a person's shorter name of two words or more the one longer name it ends.

    "Rodriguez Sanchez" after "Ald. Rossana Rodriguez Sanchez": a family name of two words.
    Only names unknown to the gazetteer join, and only to the one longer name that ends so.
    """
    people = {r.id: r for r in resolved if r is not None and r.type == "Person"}
    ends: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for person in people.values():
        written = person.name.split()
        words = tuple(normalize_name(person.name).split())
        for start in range(1, len(words) - 1):
            if len(written) == len(words) and all(w[:1].isupper() for w in written[:start]):
                ends[words[start:]].add(person.id)  # not "destroy Cheryl Mills"
    for i, r in enumerate(resolved):
        if r is None or r.type != "Person" or r.qid:
            continue
        if r.name.split()[0].lower() in first_name_genders():
            continue  # "Elizabeth Warren" is a whole name already
        ids = ends.get(tuple(normalize_name(r.name).split()), set()) - {r.id}
        if len(ids) == 1:
            resolved[i] = people[next(iter(ids))]


def _join_middle_names(resolved: list[_Resolved | None]) -> None:
    """Give a person's first and last name the one longer name with middle names between.

    "Mark Conditt" beside "Mark Anthony Conditt" is one man; "George Bush" beside both
    "George W. Bush" and "George H. W. Bush" is neither. Only names the gazetteer does not
    know join (it matches its own people's middle names already), and only capitalized words.
    """
    people = {r.id: r for r in resolved if r is not None and r.type == "Person"}
    outer: dict[tuple[str, str], set[str]] = defaultdict(set)
    for person in people.values():
        written = person.name.split()
        if len(written) >= 3 and all(w[:1].isupper() for w in written):
            words = normalize_name(person.name).split()
            outer[(words[0], words[-1])].add(person.id)
    for i, r in enumerate(resolved):
        if r is None or r.type != "Person" or r.qid:
            continue
        written = r.name.split()
        if len(written) != 2 or not all(w[:1].isupper() for w in written):
            continue
        first, last = normalize_name(r.name).split()
        ids = outer.get((first, last), set()) - {r.id}
        if len(ids) == 1:
            resolved[i] = people[next(iter(ids))]


# Bodies an article calls by their kind alone once it has named them ("the Court").
_BARE_BODIES = frozenset(
    {"court", "tribunal", "committee", "subcommittee", "commission", "council", "panel", "board"}
)


def _join_bare_bodies(
    mentions: Sequence[Mention], resolved: list[_Resolved | None], scope: str
) -> None:
    """Give a bare body ("the Court") the one body of the article named with that word.

    "The Court will hear the case" after "the Supreme Court": a one-word body of no known
    owner (kept to the article) is the one other body whose name, as the article writes it,
    ends in that word; with none or two ("the Supreme Court" and "the Court of Appeals"
    end differently, so the Supreme Court it is), it stays the article's own.
    """
    ending: dict[str, set[str]] = defaultdict(set)
    by_id: dict[str, _Resolved] = {}
    for m, r in zip(mentions, resolved, strict=True):
        words = strip_article(m.text).split()
        if r is None or r.type != "Organization" or len(words) < 2 or r.id.endswith(scope):
            continue
        ending[words[-1].lower()].add(r.id)
        by_id[r.id] = r
    for i, r in enumerate(resolved):
        if r is None or r.type != "Organization" or not r.id.endswith(f"-{scope}"):
            continue
        words = r.name.split()
        if len(words) != 1 or not words[0][:1].isupper() or words[0].lower() not in _BARE_BODIES:
            continue  # "the Army" beside the Union Army may be another army
        ids = ending.get(words[0].lower(), set())
        if len(ids) == 1:
            resolved[i] = by_id[next(iter(ids))]


def _join_body_suffixes(resolved: list[_Resolved | None]) -> None:
    """Give a body's shorter name the entity of the one longer name of the article holding it.

    "The select committee" after "the Commons education select committee" or "the Senate
    Select Committee on Intelligence", "the advisory committee" after "its 13-bank advisory
    committee": the same body. Only names of two words or more ending in a body noun
    (:data:`kg.extract.mentions.BODY_NOUNS`) that the gazetteer does not know are joined, and
    only to the one longer name that holds them.
    """
    from kg.extract.mentions import BODY_NOUNS

    orgs = {r.id: r for r in resolved if r is not None and r.type == "Organization"}
    longer: dict[str, set[str]] = defaultdict(set)
    for org in orgs.values():
        words = normalize_name(org.name).split()
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                if end - start < len(words):
                    longer[" ".join(words[start:end])].add(org.id)
    for i, r in enumerate(resolved):
        if r is None or r.type != "Organization" or r.qid or " " not in r.name.strip():
            continue
        if r.name.split()[-1].lower() not in BODY_NOUNS:
            continue  # "BBC News" is not the programme "BBC News Special"
        ids = longer.get(normalize_name(r.name), set()) - {r.id}
        if len(ids) == 1:
            resolved[i] = orgs[next(iter(ids))]


# Titles written before a name that say which office of the gazetteer's office table the
# person holds: "President Obama", "Prime Minister Johnson", "Foreign Secretary Hunt".
_IMPLYING_TITLES: dict[str, frozenset[str]] = {
    "president": frozenset({"head_of_state", "head_of_government"}),
    "prime minister": frozenset({"head_of_government"}),
    "premier": frozenset({"head_of_government"}),
    "chancellor": frozenset({"head_of_government"}),
    "king": frozenset({"head_of_state"}),
    "queen": frozenset({"head_of_state"}),
    "emir": frozenset({"head_of_state"}),
    "supreme leader": frozenset({"head_of_state"}),
    "foreign minister": frozenset({"foreign_minister"}),
    "foreign secretary": frozenset({"foreign_minister"}),
    "secretary of state": frozenset({"foreign_minister"}),
}
# Titles of officials who serve a state without heading it, and the branches of the state
# (the gazetteer's office roles from the Phoenix actor dictionary) they imply: "Defense
# Secretary Chuck Hagel", "Attorney General Loretta Lynch", "Gen. Joseph Dunford".
_SERVICE_TITLES: dict[str, frozenset[str]] = {
    "vice president": frozenset({"government"}),
    "attorney general": frozenset({"government", "judiciary"}),
    "secretary of state": frozenset({"government"}),
    "foreign minister": frozenset({"government"}),
    "foreign secretary": frozenset({"government"}),
    "chancellor": frozenset({"government"}),
    "general": frozenset({"military"}),
    "admiral": frozenset({"military"}),
    "justice": frozenset({"judiciary"}),
    "chief justice": frozenset({"judiciary"}),
    "judge": frozenset({"judiciary"}),
} | {title: frozenset({"legislature"}) for title in LEGISLATOR_TITLES}
# The last word of a government title ("Finance Minister", "national security adviser"),
# read alone.
_SERVICE_HEADS = frozenset(
    {"secretary", "minister", "ambassador", "envoy", "adviser", "advisor", "undersecretary",
     "spokesman", "spokeswoman", "spokesperson"}
)  # fmt: skip
_HEAD_ROLES = frozenset({"head_of_state", "head_of_government"})


def _service_key(key: str) -> str:
    """A title key with its abbreviations as words ("gen." -> "general")."""
    return " ".join(TITLE_ABBREVIATIONS.get(w, w) for w in key.split())


def _title_roles(key: str) -> frozenset[str]:
    """The office roles a title key implies: seats, branches of a state, or none."""
    bare = key.rstrip(".")
    service = _SERVICE_TITLES.get(_service_key(key), frozenset())
    roles = _IMPLYING_TITLES.get(bare, frozenset()) | service
    if not roles and bare.split()[-1:] and bare.split()[-1] in _SERVICE_HEADS:
        roles = frozenset({"government", "military"})  # a defence minister serves both
    return roles


# Titles of members and leaders of chambers: the chambers, first found first. Only a chamber
# the article names is linked (so "Sen." in a story that names no Senate links nothing).
_US_HOUSE = "united-states-house-of-representatives"
# A chamber title and what it implies, the first whose body the article names: "Sen. Ron
# Wyden" in an article that names the Senate is a member of it; in one that names only
# Congress, a member of Congress (the Senate is part of it).
_US_CONGRESS = "united-states-congress"
_US_SUPREME_COURT = "supreme-court-of-the-united-states"
_CHAMBER_TITLES: dict[str, tuple[tuple[str, str], ...]] = {
    "sen.": (("memberOf", "united-states-senate"), ("memberOf", _US_CONGRESS)),
    "senator": (("memberOf", "united-states-senate"), ("memberOf", _US_CONGRESS)),
    "rep.": (("memberOf", _US_HOUSE), ("memberOf", _US_CONGRESS)),
    "congressman": (("memberOf", _US_HOUSE), ("memberOf", _US_CONGRESS)),
    "congresswoman": (("memberOf", _US_HOUSE), ("memberOf", _US_CONGRESS)),
    "speaker": (
        ("leaderOf", _US_HOUSE),
        ("leaderOf", "house-of-commons-of-the-united-kingdom"),
        ("memberOf", _US_CONGRESS),
    ),
    "house speaker": (("leaderOf", _US_HOUSE), ("memberOf", _US_CONGRESS)),
    # the court's justices, where the article names the Supreme Court; else the title's
    # branch of the state, as for the other judges (_SERVICE_TITLES)
    "justice": (("memberOf", _US_SUPREME_COURT),),
    "chief justice": (("leaderOf", _US_SUPREME_COURT),),
    # members of the British and European parliaments, before or after the name: "Labour MP
    # Ann Clwyd", "Tom McCabe MSP", "Glenys Kinnock MEP"
    "mp": (("memberOf", "house-of-commons-of-the-united-kingdom"),
           ("memberOf", "parliament-of-the-united-kingdom")),
    "msp": (("memberOf", "scottish-parliament"),),
    "mla": (("memberOf", "northern-ireland-assembly"),),
    "mep": (("memberOf", "european-parliament"),),
}  # fmt: skip
_CHAMBER_TITLES |= {
    "sens.": _CHAMBER_TITLES["sen."],
    "senators": _CHAMBER_TITLES["sen."],
    "reps.": _CHAMBER_TITLES["rep."],
    "representatives": _CHAMBER_TITLES["rep."],
    "congressmen": _CHAMBER_TITLES["rep."],
    "congresswomen": _CHAMBER_TITLES["rep."],
}
# A chamber's or an office's plural title before a list of names holds for every name of
# the list: "Reps. Dan Donovan (R-N.Y.), David Young (R-Iowa) and Frank LoBiondo (R-N.J.)",
# "Presidents Barack Obama and George W. Bush"; never the House "of Representatives".
_LIST_TITLE = re.compile(
    r"(?<!\bof )\b(?:Sens\.|Reps\.|Senators|Representatives|Congress(?:wo)?men|"
    r"[Pp]residents|[Pp]rime [Mm]inisters|[Ff]oreign [Mm]inisters)\s+"
)
_LIST_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}(?:\s*\([^()\n]{1,16}\))?"
_LIST_BEFORE = re.compile(rf"(?:{_LIST_NAME}\s*(?:,\s*(?:and\s+)?|and\s+))+")
# Honorifics between a title and the name: "Supreme Leader Ayatollah Ali Khamenei".
_PLAIN_HONORIFICS = frozenset(
    {"ayatollah", "sheikh", "sir", "dame", "dr", "mr", "mrs", "ms", "lord"}
)
_WORD = re.compile(r"[A-Za-z][A-Za-z.\-]*")
_FORMER = frozenset({"former", "ex", "late", "then", "retired"})
# "then-Justice David Souter", "ex–Sen. X": a former title joined by a dash
_FORMER_PREFIX = re.compile(r"\b(?:former|ex|then)[-–—](?=[A-Z])", re.IGNORECASE)
_IMPLIED_OFFICE_CONFIDENCE = 0.8  # a title and the office table agree
_IMPLIED_MEMBER_CONFIDENCE = 0.75  # a chamber's title: the gazetteer does not list members


def _title_key(title: str) -> str:
    """Return the key of a title in the tables: lower case, "Presidents" as "president"."""
    key = " ".join(title.lower().split())
    if key.rstrip(".") not in _IMPLYING_TITLES and key.endswith("s"):
        single = key[:-1]
        if single in _IMPLYING_TITLES:
            return single
    return key


def _title_before(text: str, m: Mention, *, floor: int = 0) -> tuple[str, int, bool] | None:
    """Return the office title written just before a person's name, or ``None``.

    With the title: its offset, and whether it is a former one ("former President Obama").
    An honorific may stand between ("Supreme Leader Ayatollah Ali Khamenei"), and a comma
    after an office said with an article ("a new president, Hassan Rouhani"). Words before
    ``floor`` (the start of the name's sentence) are not read.
    """
    base = max(floor, m.start - 48)
    if _FORMER_PREFIX.search(text, base, m.start):
        # "then-Justice David Souter": read "then" and "Justice" as two words (same length)
        spaced = _FORMER_PREFIX.sub(lambda p: p.group()[:-1] + " ", text[base : m.start])
        text = text[:base] + spaced + text[m.start :]
    words = list(_WORD.finditer(text, base, m.start))
    # only the words that run up to the name, separated by spaces alone
    run: list[re.Match[str]] = []
    end = m.start
    for w in reversed(words):
        gap = text[w.end() : end]
        if not gap or "\n\n" in gap:
            break
        if not gap.isspace():
            if run or gap.strip() != ",":
                break
            # "a new president, Hassan Rouhani": the words after an article before a comma
            ahead = [v for v in words if v.end() <= w.end()]
            articles = [k for k, v in enumerate(ahead) if v.group().lower() in ("a", "the")]
            if not articles or len(ahead) - articles[-1] > 4:
                break
            phrase = ahead[articles[-1] :]
            if all(text[a.end() : b.start()].isspace() for a, b in itertools.pairwise(phrase)):
                run = phrase[1:]
            break
        run.insert(0, w)
        end = w.start()
    while len(run) > 1 and run[-1].group().lower().rstrip(".") in _PLAIN_HONORIFICS:
        run.pop()
    for n in (3, 2, 1):
        if len(run) < n:
            continue
        title = _title_key(" ".join(w.group() for w in run[-n:]))
        exact = title.rstrip(".") in _IMPLYING_TITLES or _service_key(title) in _SERVICE_TITLES
        head = n == 1 and title.rstrip(".") in _SERVICE_HEADS
        if not exact and not head and title not in _CHAMBER_TITLES:
            continue
        if head:
            # a government title's head word, read after the longer titles ("that Prime
            # Minister" is a prime minister), with the capitalized words of the office
            # before it: "Defense Secretary", "National Security Adviser"
            while n < min(3, len(run)) and run[-n - 1].group()[:1].isupper():
                if run[-n - 1].group().lower() in _FORMER | {"the", "a", "an"}:
                    break
                n += 1
        before = run[-n - 1].group().lower().rstrip(".-") if len(run) > n else ""
        if before in {"vice", "deputy", "acting", "state", "assembly"}:
            return None  # "state Sen." sits in a state's legislature
        start = run[-n].start()
        return text[start : run[-1].end()], start, before in _FORMER
    return None


# What a head of state or government has ("Qaddafi's government", "the Obama
# administration", "the Assad regime"): the person headed that state.
_HEADED_BODIES = frozenset({"government", "regime", "administration", "cabinet"})
_HEADED_AFTER = re.compile(r"(?:['’]s)?[ ]+(government|regime|administration|cabinet)\b")


def _government_after(text: str, m: Mention) -> tuple[str, int, bool] | None:
    """Return the government word right after a person's name ("Qaddafi's government")."""
    found = _HEADED_AFTER.match(text, m.end)
    return (found[1], found.start(1), False) if found is not None else None


_TITLE_AFTER = re.compile(
    r"\s*,\s+(?:the|a|an)\s+([^,.;:()\"“”\n]{0,60}?)\b("
    + "|".join(
        sorted(
            (re.escape(t) for t in {*_IMPLYING_TITLES, *_SERVICE_HEADS, "vice president"}),
            key=len,
            reverse=True,
        )
    )
    + r")(?=\s*[,.;]|\s+(?:who|which|said|says)\b)",
    re.IGNORECASE,
)


def _list_title_before(text: str, m: Mention, *, floor: int) -> tuple[str, int, bool] | None:
    """Return a chamber's plural title that opens the list of names ``m`` is in, or ``None``.

    Example:
        >>> text = "Reps. Dan Donovan (R-N.Y.), David Young (R-Iowa) and Chris Smith said"
        >>> _list_title_before(text, Mention("Chris Smith", 53, 64, "PERSON"), floor=0)
        ('Reps.', 0, False)
    """
    titles = list(_LIST_TITLE.finditer(text, max(floor, m.start - 400), m.start))
    if not titles or not _LIST_BEFORE.fullmatch(text, titles[-1].end(), m.start):
        return None
    title = titles[-1]
    return title.group().strip(), title.start(), False


# A member's designation after the name: "Tom McCabe MSP", "Ann Clwyd MP".
_DESIGNATION_AFTER = re.compile(r"[ \t]+(MP|MSP|MLA|MEP)\b(?![-’'])")


def _designation_after(text: str, m: Mention) -> tuple[str, int, bool] | None:
    """Return a parliament member's letters after a name ("Tom McCabe MSP"), or ``None``.

    Example:
        >>> m = Mention("Brian Monteith", 0, 14, "PERSON")
        >>> _designation_after("Brian Monteith MSP said", m)
        ('MSP', 15, False)
    """
    found = _DESIGNATION_AFTER.match(text, m.end)
    return (found[1], found.start(1), False) if found is not None else None


def _title_after(text: str, m: Mention, *, ceiling: int) -> tuple[str, int, bool] | None:
    """Return the office said after a name ("Chuck Hagel, the defense secretary, said").

    The office closes its phrase ("the nation's first African American president," but
    not "the president of the bank's board"); "former", "ex-" or "then-" in the phrase
    make it a former one.
    """
    found = _TITLE_AFTER.match(text, m.end, ceiling)
    if found is None:
        return None
    words = found[1].lower().replace("-", " ").split()
    former = any(w in _FORMER for w in words)
    return found[2], found.start(2), former


# The shadow cabinet: "Shadow home secretary David Davis", "the shadow chancellor, Oliver
# Letwin", "Oliver Letwin, the shadow chancellor,", "shadow cabinet members David Davis,
# Oliver Letwin and Tim Yeo". A shadow post is held in the opposition, never in the state's
# government: its holder is a member of the party named with it ("Conservative shadow
# foreign secretary", "Labour's shadow chancellor"), else of the official opposition.
_SHADOW_HEADS = (
    r"(?:secretary|chancellor|minister|spokes(?:man|woman|person)|leader|general|whip|"
    r"members?|colleagues?)"
)
_SHADOW_OFFICE = (
    rf"\b[Ss]hadow\s+(?:[A-Za-z&'’-]+\s+){{0,5}}?{_SHADOW_HEADS}\b"
    r"(?:\s+(?:for|of)(?:\s+(?:for|of|and|the|[A-Z][\w&'’-]*)){1,5}?)?"
)
_HONORIFIC = r"(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame|Lord|Lady|Baroness)\.?\s+)?"
# the post before the name: "Shadow home secretary David Davis"; with a comma only after
# "the": "the shadow chancellor, Oliver Letwin"
_SHADOW_BEFORE = re.compile(
    rf"(?:(?P<title>{_SHADOW_OFFICE})\s+|\b[Tt]he\s+(?P<the>{_SHADOW_OFFICE})\s*,\s+)"
    rf"{_HONORIFIC}$"
)
_SHADOW_AFTER = re.compile(
    r"\s*,\s+(?:the\s+|a\s+|(?:[Aa]\s+)?former\s+)?"
    r"(?:(?:Tory|Tories|Conservative|Labour|Liberal Democrat|Lib Dem|SNP)(?:'s|’s|')?\s+)?"
    rf"(?P<title>{_SHADOW_OFFICE})(?=\s*[,.;)]|\s+(?:who|said|says|has|had|is|was)\b)"
)
# a plural post opens a list of names: each name of it holds one
_SHADOW_LIST = re.compile(
    r"\b[Ss]hadow\s+(?:[A-Za-z&'’-]+\s+){0,4}?"
    r"(?P<plural>(?:members|colleagues|ministers|spokes(?:men|women|people)))\s+(?=[A-Z])"
)
# The official opposition of the United Kingdom's House of Commons, by general election
# (first day; the next row's first day ends it).
_UK_OPPOSITION: tuple[tuple[str, str], ...] = (
    ("1979-05-04", "labour-party-united-kingdom"),
    ("1997-05-02", "conservative-party-united-kingdom"),
    ("2010-05-11", "labour-party-united-kingdom"),
    ("2024-07-05", "conservative-party-united-kingdom"),
)


def _shadow_title(
    text: str, m: Mention, *, floor: int, ceiling: int
) -> tuple[str, int, bool] | None:
    """Return the shadow post said with a person's name: (words, offset, former), or ``None``.

    Example:
        >>> text = "Shadow home secretary David Davis said"
        >>> _shadow_title(text, Mention("David Davis", 22, 33, "PERSON"), floor=0, ceiling=38)
        ('Shadow home secretary', 0, False)
    """
    before = _SHADOW_BEFORE.search(text, max(floor, m.start - 90), m.start)
    if before is not None:
        group = "title" if before["title"] else "the"
        former = "former" in text[max(floor, before.start() - 8) : before.start(group)].lower()
        return before[group], before.start(group), former
    after = _SHADOW_AFTER.match(text, m.end, ceiling)
    if after is not None:
        return after["title"], after.start("title"), "former" in after.group().lower()
    titles = list(_SHADOW_LIST.finditer(text, max(floor, m.start - 300), m.start))
    if titles and _LIST_BEFORE.fullmatch(text, titles[-1].end(), m.start):
        found = titles[-1]
        return text[found.start() : found.end("plural")], found.start(), False
    return None


def _opposition_of(
    article: Article,
    title_start: int,
    mentions: Sequence[Mention],
    resolved: Sequence[_Resolved | None],
    gaz: Gazetteer,
) -> str | None:
    """The party of a shadow post: one named just before it, else the official opposition.

    The opposition is the United Kingdom's on the article's date; for an undated article,
    the one most of the British office holders it names served beside (the middle of each
    of their terms in the gazetteer's office table; a tie, or none, reads no party).
    """
    for m, r in zip(mentions, resolved, strict=True):
        gap = article.text[m.end : title_start]
        if (
            r is not None
            and r.id in _PARTIES
            and 0 <= title_start - m.end <= 4
            and gap.strip() in {"", "'s", "’s", "'"}
        ):
            return r.id  # "Conservative shadow foreign secretary", "Labour's shadow chancellor"
    if article.date:
        return _opposition_on(article.date[:10])
    votes: Counter[str] = Counter()
    for person in sorted({r.id for r in resolved if r is not None and r.type == "Person"}):
        parties = {
            _opposition_on(t.start if t.end is None else _midpoint(t.start, t.end))
            for t in gaz.offices(person)
            if t.country == "united-kingdom"
        }
        if len(parties) == 1 and None not in parties:
            votes[str(next(iter(parties)))] += 1  # every term of theirs in one parliament's time
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _opposition_on(day: str) -> str | None:
    """The party of the United Kingdom's official opposition on ``day`` (from 1979)."""
    found = None
    for start, party in _UK_OPPOSITION:
        if start <= day:
            found = party
    return found


def _midpoint(start: str, end: str) -> str:
    """The day halfway between two ISO dates."""
    a, b = dt.date.fromisoformat(start[:10]), dt.date.fromisoformat(end[:10])
    return (a + (b - a) / 2).isoformat()


def _implied_offices(
    article: Article,
    mentions: Sequence[Mention],
    resolved: Sequence[_Resolved | None],
    sentences: Sequence[tuple[int, int]],
    gaz: Gazetteer,
) -> list[tuple[int, str, _Resolved, str, int, int, float]]:
    """Affiliations a title implies with a state or chamber the article names elsewhere.

    "President Obama's NSA reform speech", in an article that names the United States in
    another sentence: the gazetteer's office table says which state's presidency Obama held,
    so the title says he serves it (``leaderOf`` for a head of state or government in office
    on the article's date, ``holdsPosition`` otherwise: a former one, a foreign minister).
    "Sen. Ron Wyden", "Speaker John Boehner", in an article that names the Senate or the
    House: a member (``memberOf``) or the leader (``leaderOf``) of that chamber. A
    government named for its head ("Muammar Qaddafi's government", "the Obama
    administration") ties the head to the state the same way.
    Only states and chambers the article itself names are linked; the title's words stand
    for them in the assertion. Returns (person mention index, relation, state or chamber,
    title, title start, sentence index, confidence) tuples.
    """
    named = {r.id for r in resolved if r is not None}
    starts = [a for a, _ in sentences]
    out: list[tuple[int, str, _Resolved, str, int, int, float]] = []
    date = (article.date or "")[:10]
    for i, (m, r) in enumerate(zip(mentions, resolved, strict=True)):
        if r is None or r.type != "Person":
            continue
        k = bisect_right(starts, m.start) - 1
        if k < 0 or sentences[k][1] < m.end:
            continue
        # a post in the opposition: the party, never the state (the resolver's person,
        # whatever the tagger called the name: "shadow chancellor Vince Cable" as ORG)
        shadow = _shadow_title(article.text, m, floor=sentences[k][0], ceiling=sentences[k][1])
        if shadow is not None:
            words, offset, former = shadow
            party_id = _opposition_of(article, offset, mentions, resolved, gaz)
            party = gaz.get(party_id) if party_id in named and not former else None
            if party is not None:
                member = _from_entry(party)
                out.append((i, "memberOf", member, words, offset, k, _IMPLIED_MEMBER_CONFIDENCE))
            continue
        seat = _designation_after(article.text, m)
        if seat is not None:  # "Tom McCabe MSP": a seat, beside whatever title goes before
            found = [(rel, b) for rel, b in _CHAMBER_TITLES[seat[0].lower()] if b in named]
            chamber = gaz.get(found[0][1]) if found else None
            if chamber is not None:
                tie = (i, found[0][0], _from_entry(chamber), seat[0], seat[1], k)
                out.append((*tie, _IMPLIED_MEMBER_CONFIDENCE))
        if m.label != "PERSON":
            continue
        title = _title_before(article.text, m, floor=sentences[k][0])
        if title is None:
            title = _government_after(article.text, m)
        if title is None:
            title = _title_after(article.text, m, ceiling=sentences[k][1])
        if title is None:
            title = _list_title_before(article.text, m, floor=sentences[k][0])
        if title is None:
            continue
        words, offset, former = title
        key = _title_key(words)
        if key in _CHAMBER_TITLES:
            found = [(rel, b) for rel, b in _CHAMBER_TITLES[key] if b in named]
            relation, body_id = found[0] if found else ("", "")
            body = gaz.get(body_id) if found else None
            if former and relation == "leaderOf":
                relation = "holdsPosition"  # "former Speaker X": a seat held, led no more
            if body is not None:
                out.append(
                    (i, relation, _from_entry(body), words, offset, k, _IMPLIED_MEMBER_CONFIDENCE)
                )
            if body is not None or key not in _SERVICE_TITLES:
                continue
        roles = _HEAD_ROLES | {"government"} if key in _HEADED_BODIES else _title_roles(key)
        terms = [t for t in gaz.offices(r.id) if t.role in roles and t.country in named]
        states = {t.country for t in terms}
        state = gaz.get(next(iter(states))) if len(states) == 1 else None
        if state is None:
            continue
        # "Qaddafi's government": whoever it is named for headed it, whatever the seat
        leads = terms if key in _HEADED_BODIES else [t for t in terms if t.role in _HEAD_ROLES]
        current = not former and bool(date) and any(t.covers(date) for t in leads)
        relation = "leaderOf" if current else "holdsPosition"
        out.append((i, relation, _from_entry(state), words, offset, k, _IMPLIED_OFFICE_CONFIDENCE))
    return out


# A committee named for its chamber: "Senate Finance Committee", "the House Judiciary
# Subcommittee on the Constitution", "the Commons education select committee". The chamber's
# word comes first (a state's word may go before it: "U.S. Senate Intelligence Committee");
# "House" stands for a chamber only so (not "White House"); a party's committee in a chamber
# ("the Senate Republican Policy Committee", "House Democrats' campaign committee") is not.
_CHAMBER_COMMITTEE = re.compile(
    r"^(?:the\s+)?(?:(?:U\.S\.|US|UK|British|American)\s+)?"
    r"(House of Representatives|House of Commons|House of Lords|Senate|House|Commons|Lords)"
    r"(?:'s|’s|')?\s+"
    r"(?!(?:\w+\s+)?(?:Republican|Democrat|GOP|Labour|Tory|Tories|Conservative|Liberal))"
    r"(?:[\w&,.'’-]+\s+){0,8}?(?:[Ss]ub)?[Cc]ommittee\b"
)
_COMMITTEE_CONFIDENCE = 0.9  # the chamber is in the committee's name


def _chamber_committees(
    article: Article,
    mentions: Sequence[Mention],
    resolved: Sequence[_Resolved | None],
    sentences: Sequence[tuple[int, int]],
    gaz: Gazetteer,
) -> list[tuple[int, str, _Resolved, str, int, int, float]]:
    """Committees whose names say their chamber: each is ``partOf`` that chamber.

    The chamber is the body its word names in the states the article is about
    (:func:`_context_body`: "Senate" in an American story is the United States Senate).
    Returns, as :func:`_implied_offices` does, (committee mention index, ``partOf``, chamber,
    the chamber's word, its offset, sentence index, confidence), once per committee, at its
    first mention.
    """
    context = _context(gaz, resolved)
    starts = [a for a, _ in sentences]
    done: set[str] = set()
    out: list[tuple[int, str, _Resolved, str, int, int, float]] = []
    for i, (m, r) in enumerate(zip(mentions, resolved, strict=True)):
        if r is None or r.type != "Organization" or r.id in done:
            continue
        match = _CHAMBER_COMMITTEE.match(" ".join(m.text.split()))
        k = bisect_right(starts, m.start) - 1
        if match is None or k < 0:
            continue
        word = match.group(1)
        chamber = _context_body(gaz, word, context, article.date)
        if chamber is None or chamber.id == r.id:
            continue
        done.add(r.id)
        offset = m.start + m.text.find(word.split()[0])
        out.append((i, "partOf", chamber, word, offset, k, _COMMITTEE_CONFIDENCE))
    return out


_ACTS = frozenset({"cooperation", "conflict", "communication"})


def _states_headed(gaz: Gazetteer, person: Role) -> set[str]:
    """The states the office table has ``person`` heading (state or government, any time)."""
    return {t.country for t in _seats(gaz, person.id) if t.role != "foreign_minister"}


def _led_by(gaz: Gazetteer, state: Role, person: Role) -> bool:
    """Whether the office table has ``person`` heading ``state`` (at any time)."""
    if state.type != "Country" or person.type != "Person":
        return False
    return state.id in _states_headed(gaz, person)


# The ties that put a body inside another: an organization of no state is inside none.
_WITHIN = frozenset({"partOf", "memberOf"})


def _international(gaz: Gazetteer, body: Role) -> bool:
    """Whether the gazetteer has ``body`` as an organization of no state (the UN, the G7)."""
    if body.type != "Organization":
        return False
    entry = gaz.get(body.id)
    return entry is not None and entry.type == "Organization" and entry.country is None


def _leads_elsewhere(gaz: Gazetteer, person: Role, state: Role) -> bool:
    """Whether the office table has ``person`` heading states, none of them ``state``."""
    headed = _states_headed(gaz, person)
    return bool(headed) and state.id not in headed


def resolve_article(
    article: Article, parts: Iterable[DocFacts], *, gazetteer: Gazetteer | None = None
) -> ArticleResult:
    """Turn the mentions and candidates of one article into entities and assertions.

    Args:
        article: The article the parts were extracted from.
        parts: The facts of each chunk of the article, offsets already in article terms.
        gazetteer: The gazetteer to resolve with (the shipped one by default).
    """
    mentions: list[Mention] = []
    candidates: list[Candidate] = []
    sentences: list[tuple[int, int]] = []
    for part in parts:
        base = len(mentions)
        mentions.extend(part.mentions)
        sentences.extend(part.sentences)
        for c in part.candidates:
            candidates.append(
                Candidate(
                    subject=c.subject + base,
                    relation=c.relation,
                    object=c.object + base,
                    sentence_start=c.sentence_start,
                    sentence_end=c.sentence_end,
                    negated=c.negated,
                    modality=c.modality,
                    speaker=c.speaker + base if c.speaker >= 0 else -1,
                    confidence=c.confidence,
                    rule=c.rule,
                    detail=c.detail,
                )
            )
    resolved = resolve_mentions(
        mentions,
        article_id=article.id,
        date=article.date,
        gazetteer=gazetteer,
        article_text=article.text,
    )
    aliases: dict[str, set[str]] = defaultdict(set)
    info: dict[str, _Resolved] = {}
    pairs: list[tuple[str, Mention]] = []
    for m, r in zip(mentions, resolved, strict=True):
        if r is None:
            continue
        info[r.id] = r
        if m.label != "OFFICE":  # "the president" is how the office is named, not an alias
            aliases[r.id].add(" ".join(m.text.split()))  # "Robert\nByrd", hard-wrapped
        pairs.append((r.id, m))

    def role(idx: int) -> Role | None:
        r = resolved[idx]
        if r is None:
            return None
        m = mentions[idx]
        return Role(r.id, r.name, r.type, r.qid, m.text, m.start, m.end)

    assertions: list[Assertion] = []
    seen: dict[tuple[str, str, str, int], int] = {}  # -> index in assertions
    gaz = gazetteer or load_gazetteer()
    for c in candidates:
        # A capital is one node in all relations: the city where it is only a venue, the
        # state where the article is about that state (_venue_capitals).
        subj = role(c.subject)
        obj = role(c.object)
        if subj is None or obj is None or subj.id == obj.id:
            continue
        relation = c.relation
        if relation in ("holdsPosition", "worksFor") and subj.type != "Person":
            continue  # "Politico, which broke news ..., cited a senior aide": not a post
        if relation == "leaderOf" and obj.type == "Person":
            continue  # "Clinton leading Trump by eight points": ahead of, not in charge of
        if relation == "leaderOf" and obj.type == "Country" and _leads_elsewhere(gaz, subj, obj):
            continue  # "Kim Jong-un ... Guam": the office table knows the state he leads
        if relation in _WITHIN and obj.type == "Country" and _international(gaz, subj):
            continue  # "Pyongyang's deputy U.N. ambassador": states are in the UN, not it in one
        if (
            (c.rule.startswith("model:") or c.rule == COORDINATION_RULE)
            and category_of(relation) in _ACTS
            and (_led_by(gaz, subj, obj) or _led_by(gaz, obj, subj))
        ):
            # "Trump ... hardball negotiating tactics on America's top allies": a state's
            # head and that state are tied by the office; the model's act between them
            # reads a modifier ("America's allies", "the U.S. market") as the state.
            continue
        if relation in _POSITIONS and obj.type == "Person":
            relation = "worksFor"  # "Romney campaign spokesman Ryan Williams"
        if relation == "holdsPosition" and obj.id in _PARTIES and _seat_of_state(c.detail):
            relation = "memberOf"  # "Republican Sen. Ted Cruz": a senator, of the party
        key = (subj.id, relation, obj.id, c.sentence_start)
        if key in seen:
            continue
        seen[key] = len(assertions)
        speaker = role(c.speaker) if c.speaker >= 0 else None
        sentence = article.text[c.sentence_start : c.sentence_end].strip()
        lead = len(article.text[c.sentence_start : c.sentence_end]) - len(
            article.text[c.sentence_start : c.sentence_end].lstrip()
        )
        assertions.append(
            Assertion(
                subject=subj,
                relation=relation,
                object=obj,
                evidence=Evidence(article.id, sentence, c.sentence_start + lead, article.date),
                negated=c.negated,
                modality=c.modality,
                attributed_to=speaker,
                confidence=c.confidence,
                rule=c.rule,
                detail=c.detail,
            )
        )
    # A sentence that states the tie already needs no title's; one that only supposes it
    # ("If re-elected, President Trump would lead the United States for four more years":
    # the model's leaderOf is hypothetical) does not stop the title's fact.
    tied = {
        (a.subject.id, a.object.id, a.evidence.sentence_start)
        for a in assertions
        if category_of(a.relation) == "affiliation" and a.is_fact
    }
    ties = [
        (*t, "implied-office")
        for t in _implied_offices(article, mentions, resolved, sentences, gaz)
    ]
    ties += [
        (*t, "chamber-committee")
        for t in _chamber_committees(article, mentions, resolved, sentences, gaz)
    ]
    for i, relation, state, title, offset, k, confidence, rule in ties:
        subj = role(i)
        start, end = sentences[k]
        text = article.text[start:end]
        lead = len(text) - len(text.lstrip())
        if subj is None or (subj.id, state.id, start + lead) in tied:
            continue
        key = (subj.id, relation, state.id, start)
        if key in seen:
            stated = seen[key]
            if stated < 0 or assertions[stated].is_fact:
                continue
            del assertions[stated]  # the title's fact, not the model's supposed one
            seen = {k: n - (n > stated) for k, n in seen.items() if n != stated}
        seen[key] = -1
        if rule == "chamber-committee":  # a chamber the article may name only so
            info.setdefault(state.id, state)
            aliases[state.id].add(title)  # the word that named it
        obj = Role(state.id, state.name, state.type, state.qid, title, offset, offset + len(title))
        assertions.append(
            Assertion(
                subject=subj,
                relation=relation,
                object=obj,
                evidence=Evidence(article.id, text.strip(), start + lead, article.date),
                confidence=confidence,
                rule=rule,
                detail=title if rule == "implied-office" else "",
            )
        )
    assertions = _home_locations(_one_party(assertions), gaz)
    entities = tuple(
        Entity(r.id, r.name, r.type, tuple(sorted(aliases[eid] - {r.name})), r.qid)
        for eid, r in sorted(info.items())
    )
    assertions.sort(key=Assertion.key)
    return ArticleResult(article, entities, tuple(assertions), tuple(pairs))


# The parties of the gazetteer (scripts/gazetteer_curated/bodies.toml): a person belongs to
# one of them at a time.
_PARTIES = frozenset(
    {"democratic-party-united-states", "republican-party-united-states",
     "labour-party-united-kingdom", "conservative-party-united-kingdom",
     "liberal-democrats-united-kingdom", "uk-independence-party", "scottish-national-party",
     "plaid-cymru"}
)  # fmt: skip


# Offices held in a state, not in a party: a party named with one is its holder's party
# ("Republican Sen. Ted Cruz", "Democratic presidential candidate Pete Buttigieg"); a party's
# own posts ("Labour chairman", "party spokesman") stay positions in it.
_STATE_SEATS = LEGISLATOR_TITLES | {
    "governor", "candidate", "nominee", "hopeful", "contender", "challenger", "mayor",
    "president", "presidential", "minister", "judge", "justice", "sheriff", "councillor",
    "councilman", "councilwoman", "councilor", "incumbent",
}  # fmt: skip


def _seat_of_state(title: str) -> bool:
    """Whether a title names an office held in a state ("Sen.", "presidential candidate").

    Example:
        >>> [_seat_of_state(t) for t in ("Sen.", "presidential candidate", "chairman")]
        [True, True, False]
    """
    words = {TITLE_ABBREVIATIONS.get(w, w) for w in title.lower().replace("-", " ").split()}
    return bool(words & _STATE_SEATS)


# Where an actor is or sits: the relations that say nothing of a state's own people and bodies.
_WHERE = frozenset({"locatedIn", "basedIn"})


def _home_locations(assertions: list[Assertion], gaz: Gazetteer) -> list[Assertion]:
    """Drop the model's readings of an actor as located in its own state.

    "Senator Lisa Murkowski ... in Washington, U.S.", "Dr. Fauci" in a US story, "the Border
    Patrol", "Chicago": that a state's official, body or city is in that state is no relation
    an analyst records. An actor's state is the gazetteer's (a person's office, a body's
    state, a place's country) or one the article ties it to (a post in the state or in one of
    its bodies). The patterns' readings ("X, based in Y") stay, and so does any other state.
    """
    homes: dict[str, set[str]] = defaultdict(set)
    for a in assertions:
        if category_of(a.relation) != "affiliation" or not a.is_fact:
            continue
        if a.object.type == "Country":
            homes[a.subject.id].add(a.object.id)
        elif (body := gaz.get(a.object.id)) is not None and body.country:
            homes[a.subject.id].add(body.country)  # "memberOf United States Senate"

    def at_home(a: Assertion) -> bool:
        entry = gaz.get(a.subject.id)
        if entry is not None and entry.country == a.object.id:
            return True
        return a.object.id in homes[a.subject.id]

    return [
        a
        for a in assertions
        if not (
            a.relation in _WHERE
            and a.rule.startswith("model:")
            and a.object.type == "Country"
            and at_home(a)
        )
    ]


def _one_party(assertions: list[Assertion]) -> list[Assertion]:
    """Keep one party per person in an article: the one its evidence reads best.

    "Senate Majority Leader Mitch McConnell and his Democratic counterpart": the model reads
    McConnell into the Democrats beside the article's "Republican leader McConnell". When
    a person is read into two parties and a pattern reads one of them ("Republican leader",
    "R-Ky.") at least as often as any other is read, the model's membership of the others
    goes (of two parties the patterns read, the one read more often, then more confidently,
    stays); the patterns' own readings always stay, and so do the model's when no pattern
    reads a party for that person or another party is read more often.
    """
    members: dict[str, dict[str, list[Assertion]]] = defaultdict(lambda: defaultdict(list))
    for a in assertions:
        if a.relation == "memberOf" and a.object.id in _PARTIES and a.is_fact:
            members[a.subject.id][a.object.id].append(a)

    def strength(found: list[Assertion]) -> tuple[bool, int, float]:
        by_rules = any(not a.rule.startswith("model:") for a in found)
        return (by_rules, len(found), max(a.confidence for a in found))

    drop: set[int] = set()
    for parties in members.values():
        if len(parties) < 2:
            continue
        best = max(sorted(parties), key=lambda p: strength(parties[p]))
        by_rules, count, _ = strength(parties[best])
        if not by_rules or any(len(f) > count for f in parties.values()):
            continue  # only the model's readings, or more of them elsewhere: no telling
        for party, found in parties.items():
            if party != best:
                drop.update(id(a) for a in found if a.rule.startswith("model:"))
    return [a for a in assertions if id(a) not in drop] if drop else assertions


def merge_entities(groups: Iterable[Iterable[Entity]]) -> dict[str, Entity]:
    """Merge entities from many articles on their id, uniting their aliases.

    The result does not depend on the order of ``groups``.
    """
    merged: dict[str, tuple[Entity, set[str]]] = {}
    for group in groups:
        for e in group:
            old = merged.get(e.id)
            if old is None:
                merged[e.id] = (e, set(e.aliases))
            else:
                base, names = old
                # Every name seen is kept, the loser's too: the aliases are the union of
                # all names and aliases but the canonical name, whatever the order.
                names.update(e.aliases)
                names.add(e.name)
                names.add(base.name)
                # Deterministic choice of the canonical record whatever the order; a properly
                # cased label beats a shouted one ("Senate", not "SENATE").
                if (e.qid or "", _shouted(e.name), e.name, e.type) < (
                    base.qid or "",
                    _shouted(base.name),
                    base.name,
                    base.type,
                ):
                    base = e
                merged[e.id] = (base, names)
    out: dict[str, Entity] = {}
    for eid in sorted(merged):
        base, names = merged[eid]
        out[eid] = Entity(
            base.id, base.name, base.type, tuple(sorted(names - {base.name})), base.qid
        )
    return out


def normalized_key(entity: Entity) -> tuple[str, str]:
    """Return the (normalized name, type) key entities without a QID merge on."""
    return normalize_name(entity.name), entity.type
