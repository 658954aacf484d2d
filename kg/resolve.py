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
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from kg.errors import KGError
from kg.extract.facts import Candidate, DocFacts
from kg.extract.lexicon import (
    GENDERED_HONORIFICS,
    LEADER_TITLES,
    ORG_HEAD_WORDS,
    POSITION_TITLES,
)
from kg.gazetteer import Gazetteer, GazetteerEntry, is_acronym, load_gazetteer, strip_article
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

__all__ = ["merge_entities", "resolve_article"]

_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "president",
     "minister", "secretary", "general", "gen", "senator", "sen", "rep", "gov", "governor",
     "chancellor", "premier", "ambassador", "deputy", "professor", "judge", "justice",
     "rev", "reverend", "father", "mayor", "commissioner", "chairman", "colonel", "col",
     "captain", "capt", "lt", "sgt", "admiral", "adm", "maj", "major", "speaker",
     "sheikh", "imam", "ayatollah", "rabbi", "bishop", "cardinal", "vice", "prime",
     "mep", "mp", "msp", "am", "mla", "qc", "kc", "congressman", "congresswoman"}
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
)
_LABEL_TYPES: dict[str, EntityType] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "NORP": "Group",
    "LOC": "Place",
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


def _honorific_gender(text: str) -> str:
    """Return "m" or "f" for a name after a gendered honorific ("Mrs Howard"), else ""."""
    words = text.split()
    if len(words) < 2:
        return ""
    return GENDERED_HONORIFICS.get(words[0].lower().rstrip("."), "")


def _honorific_first(text: str) -> bool:
    """Whether ``text`` is a title and a name ("Gen Pervez Musharraf", "Mr John Smith")."""
    words = text.split()
    if len(words) < 2 or words[0].lower().rstrip(".") not in _PERSON_TITLES:
        return False
    return not any(w.lower() in ORG_HEAD_WORDS for w in words[1:])


@lru_cache(maxsize=1)
def _first_name_genders() -> dict[str, str]:
    """Given names that are (almost) always male or female (``kg/data/first_names.tsv``)."""
    from importlib.resources import files

    out: dict[str, str] = {}
    text = files("kg").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            gender, names = line.split("\t", 1)
            out.update(dict.fromkeys(names.split(), gender))
    return out


def _gender_clash(gender: str, full_name: str) -> bool:
    """Whether "Mrs X" (gender f) cannot be ``full_name`` ("Mitt X"), or "Mr X" a woman."""
    first = full_name.split()[0].lower() if full_name.split() else ""
    known = _first_name_genders().get(first)
    return bool(gender) and known is not None and known != gender


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


def _office_holder(gaz: Gazetteer, mention: Mention, date: str | None) -> _Resolved | None:
    """Resolve "the Japanese prime minister" to the holder on the article's date."""
    from kg.extract.lexicon import OFFICE_TITLES

    role = OFFICE_TITLES.get(mention.text.lower())
    state = gaz.demonym(mention.qualifier) or gaz.lookup(mention.qualifier)
    if role is None or state is None or state.type != "Country" or not date:
        return None
    try:
        holder = gaz.office_holder(state.id, role, date)
    except KGError:
        return None
    return _from_entry(holder) if holder is not None else None


def _from_entry(entry: GazetteerEntry) -> _Resolved:
    return _Resolved(entry.id, entry.name, entry.type, entry.qid)


def _person_tokens(name: str) -> list[str]:
    """Capitalized name words; hyphenated names count whole and by parts."""
    words = [w for w in name.split() if w[:1].isupper()]
    if len(words) < 2 and "-" in name:
        return [p for p in name.replace("-", " ").split() if p[:1].isupper()]
    return words


def _is_royal(text: str) -> bool:
    first = text.split()[0].lower() if text.split() else ""
    return first in _ROYAL


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
    for i, m in enumerate(mentions):
        if m.label == "OFFICE":
            resolved[i] = _office_holder(gaz, m, date)
    # 1. Full person names and gazetteer names first.
    full_people: list[tuple[int, str, _Resolved]] = []
    for i, m in enumerate(mentions):
        text = m.text
        if m.label == "OFFICE":
            continue
        if m.label == "ORG" and len(_person_tokens(text)) >= 3 and _honorific_first(text):
            # "Gen Pervez Musharraf" tagged as an organization: a title before a name.
            m = replace(m, label="PERSON")
        if m.label == "PERSON":
            name = _strip_honorifics(text)
            entry = gaz.lookup(name)
            if entry is None and name != _without_initials(name):
                entry = gaz.lookup(_without_initials(name))
            if entry is not None and entry.type == "Person":
                res = _from_entry(entry)
            elif entry is not None and entry.type == "Organization" and name == text:
                # "Lib Dems" tagged as a person: the gazetteer knows the party.
                resolved[i] = _from_entry(entry)
                continue
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
        entry = gaz.demonym(text) if m.label == "NORP" else None
        entry = entry or gaz.lookup(text)
        if entry is not None and entry.type == "Organization" and text.islower():
            continue  # "angry republicans" in Belfast are not the Republican Party
        if entry is not None:
            resolved[i] = _from_entry(entry)
    # 2. Short person names and single words that match a person's name in the article.
    by_last: dict[str, list[tuple[int, _Resolved]]] = defaultdict(list)
    by_first: dict[str, list[tuple[int, _Resolved]]] = defaultdict(list)
    for i, name, res in full_people:
        toks = _person_tokens(name)
        if not toks or _is_royal(name):
            continue
        by_last[toks[-1]].append((i, res))
        by_last[name.split()[-1]].append((i, res))  # "Kilroy-Silk" as written
        by_first[toks[0]].append((i, res))
    scope = content_hash(article_id)[:8]
    # "Mr Howard" and "Mrs Howard" in one article are two people: note who is called what.
    genders: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        gender = _honorific_gender(m.text)
        if gender and m.label in ("PERSON", "ORG"):
            genders[_strip_honorifics(m.text).split()[-1]][gender] += 1
    for i, m in enumerate(mentions):
        if resolved[i] is not None or m.label == "OFFICE":
            continue
        name = _strip_honorifics(m.text)
        toks = [name] if " " not in name else _person_tokens(name)
        gender = _honorific_gender(m.text)
        candidates: list[tuple[int, _Resolved]] = []
        if len(toks) != 1 or _is_royal(m.text):
            pass
        elif gender and _outnumbered(genders[toks[0]], gender):
            # "Mr Howard" throughout, "Mrs Howard" once: she is not the full name's owner.
            name = m.text.replace("’", "'")
        else:
            # Surnames first ("Dunford"); a first word only when no surname matches and
            # it names one person alone ("Kim" for Kim Jong Un, "Fan" for Fan Changlong).
            candidates = [
                (j, r) for j, r in by_last.get(toks[0], []) if not _gender_clash(gender, r.name)
            ]
            if by_last.get(toks[0]) and not candidates:
                name = m.text.replace("’", "'")  # "Mrs. Romney" beside Mitt Romney: herself
            if not candidates and m.label == "ORG" and _looks_like_person(gaz, m):
                candidates = by_last.get(toks[0].title(), [])
                m = replace(m, label="PERSON")
                name = name.title() if name.isupper() else name
            if not candidates and m.label == "PERSON" and not gender and toks[0] not in genders:
                # A first name only when the word is never a surname after "Mr"/"Mrs".
                firsts = by_first.get(toks[0], [])
                known = {r.id for _, r in firsts if r.qid}
                if len({r.id for _, r in firsts}) == 1:
                    candidates = firsts
                elif len(known) == 1:
                    # "Kim" beside Kim Jong Un and Kim In Ryong: the known leader.
                    candidates = [(j, r) for j, r in firsts if r.qid]
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
        if etype is None or m.label == "NORP":
            continue
        resolved[i] = _Resolved(entity_id(name, etype, known=False), name, etype, None)
    _join_acronyms(mentions, resolved, article_text)
    return resolved


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


_PARENTHESIZED = re.compile(r"\s*\(([A-Z][A-Za-z.]{1,11})\)")


def _is_acronym_text(text: str) -> bool:
    compact = text.replace(".", "")
    return 2 <= len(compact) <= 8 and compact.isupper() and compact.isalpha()


def _join_acronyms(
    mentions: Sequence[Mention], resolved: list[_Resolved | None], text: str = ""
) -> None:
    """Give an acronym the entity of the long form it abbreviates in the same article.

    The long form is an organization whose initials are the acronym, or the name an acronym
    follows in parentheses ("the Revolutionary Armed Forces of Colombia (FARC)"), which also
    covers acronyms of another language. The tagger's label of the acronym does not matter:
    "LACS" tagged as a person is still the League Against Cruel Sports.
    """
    long_forms: dict[str, set[str]] = defaultdict(set)
    by_id: dict[str, _Resolved] = {}
    for r in resolved:
        if r is not None and r.type in ("Organization", "Group") and " " in r.name:
            long_forms[initials(r.name)].add(r.id)
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
            resolved[i] = by_id[next(iter(ids))]


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
    for part in parts:
        base = len(mentions)
        mentions.extend(part.mentions)
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
            aliases[r.id].add(m.text)
        pairs.append((r.id, m))

    def role(idx: int) -> Role | None:
        r = resolved[idx]
        if r is None:
            return None
        m = mentions[idx]
        return Role(r.id, r.name, r.type, r.qid, m.text, m.start, m.end)

    gaz = gazetteer or load_gazetteer()

    def place_role(idx: int) -> Role | None:
        """A capital that locates ("based in Washington") is the city, not the state."""
        m = mentions[idx]
        found = gaz.lookup_kind(m.text)
        if found is None or found[1] != "capital":
            return role(idx)
        name = strip_article(m.text)
        city = _Resolved(entity_id(name, "Place", known=False), name, "Place", None)
        info.setdefault(city.id, city)
        aliases[city.id].add(m.text)
        pairs.append((city.id, m))
        return Role(city.id, city.name, city.type, None, m.text, m.start, m.end)

    assertions: list[Assertion] = []
    seen: set[tuple[str, str, str, int]] = set()
    for c in candidates:
        locating = category_of(c.relation) == "location"
        subj = place_role(c.subject) if locating else role(c.subject)
        obj = place_role(c.object) if locating else role(c.object)
        if subj is None or obj is None or subj.id == obj.id:
            continue
        relation = c.relation
        if relation in ("holdsPosition", "worksFor") and subj.type != "Person":
            continue  # "Politico, which broke news ..., cited a senior aide": not a post
        if relation == "leaderOf" and obj.type == "Person":
            continue  # "Clinton leading Trump by eight points": ahead of, not in charge of
        if relation in _POSITIONS and obj.type == "Person":
            relation = "worksFor"  # "Romney campaign spokesman Ryan Williams"
        key = (subj.id, relation, obj.id, c.sentence_start)
        if key in seen:
            continue
        seen.add(key)
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
    entities = tuple(
        Entity(r.id, r.name, r.type, tuple(sorted(aliases[eid] - {r.name})), r.qid)
        for eid, r in sorted(info.items())
    )
    assertions.sort(key=Assertion.key)
    return ArticleResult(article, entities, tuple(assertions), tuple(pairs))


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
                names.update(e.aliases)
                # Deterministic choice of the canonical record whatever the order.
                if (e.qid or "", e.name, e.type) < (base.qid or "", base.name, base.type):
                    names.add(base.name)
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
