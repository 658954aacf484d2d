"""Build the actor gazetteer shipped in ``kg/gazetteer/data`` from raw public sources.

Usage::

    .venv/bin/python scripts/build_gazetteer.py ../shared/gazetteer-sources kg/gazetteer/data

The first argument is the directory described by its ``SOURCES.md`` (countries/, orgs/,
leaders/); the second is where ``entities.tsv``, ``aliases.tsv``, ``offices.tsv`` and
``LICENSES.md`` are written. Hand-written tables live in ``scripts/gazetteer_curated/``.

The output is deterministic: rows are sorted and nothing depends on dict or set order, so
the same inputs give byte-identical files. A report of counts and of surface forms dropped
because two entities claim them goes to stderr.

Needs PyYAML at build time (for the supraverden list); the runtime loader does not.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import sys
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.gazetteer import is_acronym, surface_key  # noqa: E402
from kg.ids import entity_id, normalize_name  # noqa: E402

CURATED = Path(__file__).resolve().parent / "gazetteer_curated"
FIRST_YEAR = "1980-01-01"  # keep terms in office that overlap this day or later
MERGE_GAP = dt.timedelta(days=31)  # consecutive terms closer than this are one term

_QID = re.compile(r"Q[1-9][0-9]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00a0": " ", "\u2019": "'"})
_FOLD = str.maketrans(
    {
        "ı": "i",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
    }
)
_INITIAL = re.compile(r"[A-Z]\.")
_KOREAN_GIVEN = re.compile(r"([A-Z][a-z]+)-([a-z]+)")
_PORTUGUESE = re.compile(
    r"\b(?:da|do|dos|das|Papa|Rei|Rainha|Príncipe|Princesa|Imperador|Imperatriz|Duque)\b"
    r"|[ãõç]"
)

# Kinds in the global namespace, best first (mirrors kg.gazetteer._GLOBAL_KINDS).
GLOBAL_KINDS = ("name", "acronym", "alias", "capital", "metonym")


@dataclass
class Entity:
    """One row of entities.tsv."""

    id: str
    type: str
    name: str
    qid: str = ""
    country: str = ""
    iso2: str = ""
    iso3: str = ""


@dataclass(frozen=True, order=True)
class Candidate:
    """A proposed surface form, before collisions between entities are settled.

    ``curated`` forms (from scripts/gazetteer_curated) win over source forms.
    """

    entity: str
    kind: str
    text: str
    curated: bool = False


@dataclass
class Lexicon:
    """The word lists of lexicon.toml."""

    short_acronyms: frozenset[str]
    ambiguous: frozenset[str]
    stopwords: frozenset[str]
    foreign_words: frozenset[str]
    state_form_words: frozenset[str]


@dataclass
class Build:
    """Everything collected so far; written out by :func:`write_outputs`."""

    lexicon: Lexicon
    entities: dict[str, Entity] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    offices: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    eras: list[tuple[str, str, str, str]] = field(default_factory=list)
    relative_to: dict[str, str] = field(default_factory=dict)
    case_sensitive: set[tuple[str, str]] = field(default_factory=set)
    report: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def add_entity(self, entity: Entity) -> Entity:
        """Register ``entity``; its id must be new."""
        if entity.id in self.entities:
            msg = f"duplicate entity id {entity.id!r} ({entity.name!r})"
            raise SystemExit(msg)
        self.entities[entity.id] = entity
        self.candidates.append(Candidate(entity.id, "name", entity.name, curated=True))
        return entity

    def add(self, entity: str, kind: str, texts: Iterable[str], *, curated: bool) -> None:
        """Propose ``texts`` as surface forms of ``entity``, cleaned and shape-checked."""
        for raw in texts:
            text = clean(raw)
            if not text or (kind == "alias" and text == self.entities[entity].name):
                continue
            if not self.acceptable(text, kind, curated=curated):
                if curated:
                    msg = f"curated {kind} {text!r} of {entity!r} is unsafe to match"
                    raise SystemExit(msg)
                self.report[f"rejected {kind}"] += 1
                continue
            if kind == "alias" and is_acronym(text):
                kind_here = "acronym"
            else:
                kind_here = kind
            self.candidates.append(Candidate(entity, kind_here, text, curated=curated))

    def acceptable(self, text: str, kind: str, *, curated: bool) -> bool:
        """Return whether ``text`` is safe to match as a surface form of this kind.

        Two-letter acronyms must be curated: sources list every ISO code ("AU", "IN").
        """
        if "\t" in text or "\n" in text or not any(ch.isalpha() for ch in text):
            return False
        if kind == "country_relative":
            return True
        if is_acronym(text):
            compact = surface_key(text, case_sensitive=True)
            return len(compact) >= 3 or (curated and compact in self.lexicon.short_acronyms)
        key = normalize_name(text)
        return len(key) >= 3 and key not in self.lexicon.stopwords


def clean(text: str) -> str:
    """Return ``text`` NFC-normalized, single-spaced, with ASCII hyphens and apostrophes."""
    text = unicodedata.normalize("NFC", str(text)).translate(_DASHES)
    text = " ".join(text.split())
    return re.sub(r"^(?:the|The)\s+", "", text)


def fold(text: str) -> str:
    """Return ``text`` without diacritics, or ``""`` if it does not become ASCII."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return folded if folded.isascii() else ""


def is_latin(text: str) -> bool:
    """Return whether every letter of ``text`` is a Latin letter."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def load_toml(name: str) -> dict[str, Any]:
    """Read ``scripts/gazetteer_curated/<name>.toml``."""
    with (CURATED / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def load_lexicon() -> Lexicon:
    """Read lexicon.toml."""
    data = load_toml("lexicon")
    return Lexicon(
        short_acronyms=frozenset(data["short_acronyms"]),
        ambiguous=frozenset(normalize_name(text) for text in data["ambiguous"]),
        stopwords=frozenset(data["stopwords"]),
        foreign_words=frozenset(data["foreign_words"]),
        state_form_words=frozenset(data["state_form_words"]),
    )


# --- countries ---------------------------------------------------------------------------


def official_form(text: str) -> bool:
    """Return whether an official name from a source is usable as an English alias."""
    return bool(text) and is_latin(text) and not re.search(r"[(),\[\]*]| - ", text)


def alternative_form(text: str, known_names: Iterable[str], lexicon: Lexicon) -> bool:
    """Return whether a source's alternative spelling looks like an English name.

    Acronyms pass. Other forms need an English state-form word ("Republic", "Kingdom"),
    a word shared with one of the country's known names, and no foreign function word,
    which keeps "Republic of Korea" and drops "Union des Comores" or "Best Korea".
    """
    if not official_form(text):
        return False
    if is_acronym(text):
        return True
    words = re.findall(r"[\w'-]+", text)
    if any(word.casefold() in lexicon.foreign_words for word in words):
        return False
    if not any(word in lexicon.state_form_words for word in words):
        return False
    known_words = {w.casefold() for name in known_names for w in re.findall(r"[\w'-]+", name)}
    forms = lexicon.state_form_words | {"of", "the", "and"}
    return any(w.casefold() in known_words for w in words if w not in forms)


def unterm(text: str) -> str:
    """Return a UNTERM name without its "the", "(the)" and "*" decorations."""
    return re.sub(r"\s*(?:\(the\)|\*)\s*", " ", text).strip()


def read_countries(build: Build, sources: Path) -> dict[str, str]:
    """Add states and major territories; return a map ISO alpha-3 -> entity id."""
    curated = load_toml("countries")
    lexicon = build.lexicon
    mledoze = json.loads((sources / "countries/mledoze-countries.json").read_text("utf-8"))
    with (sources / "countries/datasets-country-codes.csv").open(encoding="utf-8") as handle:
        codes = {row["ISO3166-1-Alpha-2"]: row for row in csv.DictReader(handle)}
    rigour = {}
    with (sources / "countries/rigour-territories.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            rigour[row["code"]] = row
    with (sources / "countries/owid-regions.codes.csv").open(encoding="utf-8") as handle:
        owid = {row["iso_alpha3"]: row["wikidata_code"] for row in csv.DictReader(handle)}

    keep = set(curated["territories"])
    by_iso3: dict[str, str] = {}
    for row in sorted(mledoze, key=lambda r: r["cca2"]):
        iso2 = row["cca2"]
        if row.get("independent") is not True and iso2 not in keep:
            continue
        iso3 = "XKX" if row["cca3"] == "UNK" else row["cca3"]
        code_row = codes.get(iso2, {})
        rig = rigour.get(iso2.lower(), {})
        qid = code_row.get("wikidata_id", "").rsplit("/", 1)[-1]
        source = "datasets/country-codes"
        if not _QID.fullmatch(qid):
            qid, source = rig.get("qid", ""), "rigour"
        if not _QID.fullmatch(qid):
            qid, source = owid.get(iso3, ""), "owid"
        if not _QID.fullmatch(qid):
            qid, source = "", "none"
        build.report[f"country qid from {source}"] += 1
        common = clean(row["name"]["common"])
        name = curated["names"].get(iso2, common)
        entity = build.add_entity(
            Entity(entity_id(name, "Country", known=True), "Country", name, qid, "", iso2, iso3)
        )
        raw_officials = [
            common,
            row["name"]["official"],
            code_row.get("official_name_en", ""),
            code_row.get("CLDR display name", ""),
            unterm(code_row.get("UNTERM English Short", "")),
            unterm(code_row.get("UNTERM English Formal", "")),
            rig.get("name", ""),
            rig.get("full_name", ""),
        ]
        officials = [clean(text) for text in raw_officials if official_form(clean(text))]
        build.add(entity.id, "alias", officials, curated=False)
        known = [name, *raw_officials]
        alternatives = [*row.get("altSpellings", []), *rig.get("names_strong", [])]
        build.add(
            entity.id,
            "alias",
            (t for t in map(clean, alternatives) if alternative_form(t, known, lexicon)),
            curated=False,
        )
        build.add(entity.id, "alias", curated["aliases"].get(iso2, []), curated=True)
        demonyms = row.get("demonyms", {}).get("eng", {})
        for gender in ("m", "f"):
            forms = re.split(r", | or ", demonyms.get(gender, ""))
            build.add(entity.id, "demonym", forms, curated=False)
        build.add(entity.id, "demonym", curated["demonyms"].get(iso2, []), curated=True)
        capitals = [*row.get("capital", []), code_row.get("Capital", "")]
        build.add(entity.id, "capital", (c for c in capitals if official_form(c)), curated=False)
        build.add(entity.id, "capital", curated["capitals"].get(iso2, []), curated=True)
        build.add(entity.id, "metonym", curated["metonyms"].get(iso2, []), curated=True)
        by_iso3[iso3] = entity.id
    return by_iso3


def read_subdivisions(build: Build, sources: Path, by_iso2: dict[str, str]) -> None:
    """Add the curated first-level subdivisions of rigour as places of their state."""
    curated = load_toml("countries")["subdivisions"]
    parents, exclude = set(curated["parents"]), set(curated["exclude"])
    renamed: dict[str, str] = curated.get("renamed", {})
    with (sources / "countries/rigour-territories.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    for row in sorted(rows, key=lambda r: r["code"]):
        code = row["code"]
        parent = row.get("parent") or ""
        if parent not in parents or code in exclude or "-" not in code:
            continue
        state = by_iso2.get(parent.upper(), "")
        name = renamed.get(code) or clean(row["name"])
        if not state or ("(" in name and code not in renamed):
            continue
        if not _QID.fullmatch(row.get("qid", "")):
            continue
        if entity_id(name, "Place", known=True) in build.entities:
            continue
        build.add_entity(
            Entity(entity_id(name, "Place", known=True), "Place", name, row["qid"], state)
        )
        build.report["subdivisions"] += 1


def read_historical(build: Build, sources: Path, by_iso2: dict[str, str]) -> None:
    """Add the curated historical states with their dates and the modern state they stand for."""
    with (sources / "countries/rigour-territories.jsonl").open(encoding="utf-8") as handle:
        rigour = {row["code"]: row for row in map(json.loads, handle)}
    for row in load_toml("countries")["historical"]:
        qid = row.get("qid") or rigour[row["rigour"]]["qid"]
        if not _QID.fullmatch(qid):
            msg = f"historical state {row['name']!r} has no QID"
            raise SystemExit(msg)
        name = row["name"]
        entity = build.add_entity(
            Entity(entity_id(name, "Country", known=True), "Country", name, qid)
        )
        build.add(entity.id, "alias", row["aliases"], curated=True)
        build.add(entity.id, "demonym", row["demonyms"], curated=True)
        build.add(entity.id, "capital", row["capitals"], curated=True)
        stands_for = by_iso2[row["stands_for"]] if row["stands_for"] else ""
        build.eras.append((entity.id, row["start"], row["end"], stands_for))
        build.report["historical states"] += 1


# --- international organizations ----------------------------------------------------------

_ORG_NAME_FIELDS = (
    "Name_other_en",
    "Name_other_1_en",
    "Name_other_2_en",
    "Name_other_3_en",
    "Name_other_4_en",
    "Name_former_en",
)
_ORG_ABBREVIATION_FIELDS = (
    "Abbreviation_en",
    "Abbreviation_other_en",
    "Abbreviation_other_2_en",
    "Abbreviation_former_en",
)


def spelling_variants(texts: Iterable[str]) -> Iterator[str]:
    """Yield each text and its other spelling of "-isation"/"-ization" ("Organisation")."""
    for text in texts:
        yield text
        if "isation" in text:
            yield text.replace("isation", "ization")
        if "ization" in text:
            yield text.replace("ization", "isation")


def source_value(value: object) -> str:
    """Return a supraverden field as text, or ``""`` for its placeholders."""
    if value is None or isinstance(value, (list, dict)):
        return ""
    text = clean(str(value))
    return "" if text in ("None", "[No code found.]") else text


def read_organizations(build: Build, sources: Path) -> None:
    """Add supraverden's international organizations and the curated groups."""
    curated = load_toml("orgs")
    with (sources / "orgs/supraverden-general_list.yaml").open(encoding="utf-8") as handle:
        listing = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    by_qid: dict[str, str] = {}
    for key in sorted(listing):
        row = listing[key]
        qid = source_value(row.get("Wikidata_code"))
        qid = qid if _QID.fullmatch(qid) else ""
        english = source_value(row.get("Name_en")) or clean(key)
        names = [english, *(source_value(row.get(f)) for f in _ORG_NAME_FIELDS)]
        abbreviations = [source_value(row.get(f)) for f in _ORG_ABBREVIATION_FIELDS]
        if qid and qid in by_qid:  # one body listed twice: keep its names on the first
            ident = by_qid[qid]
            build.report["organization rows merged by qid"] += 1
        else:
            name = curated["names"].get(qid, english)
            ident = build.add_entity(
                Entity(entity_id(name, "Organization", known=True), "Organization", name, qid)
            ).id
            if qid:
                by_qid[qid] = ident
        build.add(ident, "alias", spelling_variants(n for n in names if n), curated=False)
        build.add(ident, "alias", (a for a in abbreviations if a), curated=False)
    for qid, aliases in sorted(curated["aliases"].items()):
        if qid not in by_qid:
            msg = f"orgs.toml adds aliases to {qid}, which supraverden does not list"
            raise SystemExit(msg)
        build.add(by_qid[qid], "alias", aliases, curated=True)
    for row in curated["org"]:
        name = row["name"]
        ident = build.add_entity(
            Entity(
                entity_id(name, "Organization", known=True),
                "Organization",
                name,
                row.get("qid", ""),
            )
        ).id
        build.add(ident, "alias", row.get("aliases", []), curated=True)
        build.report["curated organizations"] += 1
        if "stands_for" in row:
            build.eras.append((ident, row["start"], row["end"], by_qid[row["stands_for"]]))
    for row in curated["relative"]:
        parent, body = by_qid[row["parent"]], by_qid[row["body"]]
        if body != parent:
            build.entities[body].country = parent
        build.relative_to[body] = parent
        build.add(body, "country_relative", row["forms"], curated=True)
    for row in curated["people"]:
        name = row["name"]
        ident = build.add_entity(
            Entity(entity_id(name, "Group", known=True), "Group", name, row.get("qid", ""))
        ).id
        build.add(ident, "alias", row["aliases"], curated=True)
        build.report["peoples"] += 1


# --- government bodies ---------------------------------------------------------------------


def country_prefixes(build: Build, country: str) -> list[str]:
    """Return the words that put a body in its country: "China's", "Chinese", "U.S."."""
    entity = build.entities[country]
    possessive = f"{entity.name}'" if entity.name.endswith("s") else f"{entity.name}'s"
    prefixes = [entity.name, possessive]
    for cand in build.candidates:
        if cand.entity != country:
            continue
        if cand.kind == "demonym" or (cand.kind == "acronym" and cand.curated):
            prefixes.append(cand.text)
    return sorted(set(prefixes))


def read_bodies(build: Build, by_iso2: dict[str, str]) -> None:
    """Add the curated government bodies, with country-relative and prefixed forms."""
    curated = load_toml("bodies")
    groups: dict[str, list[str]] = curated["relative"]
    for row in curated["body"]:
        country = by_iso2[row["country"]]
        name = row["name"]
        ident = build.add_entity(
            Entity(
                entity_id(name, "Organization", known=True),
                "Organization",
                name,
                row.get("qid", ""),
                country,
            )
        ).id
        build.add(ident, "alias", row["aliases"], curated=True)
        relative: list[str] = []
        for form in row["relative"]:
            relative.extend(groups[form[1:]] if form.startswith("@") else [form])
        build.add(ident, "country_relative", relative, curated=True)
        prefixed = [f"{p} {form}" for p in country_prefixes(build, country) for form in relative]
        build.add(ident, "alias", prefixed, curated=True)
        build.report["government bodies"] += 1


# --- leaders -------------------------------------------------------------------------------


@dataclass
class Term:
    """A term in office while cleaning: ``end`` is ``""`` when open."""

    person: str
    country: str
    role: str
    start: str
    end: str


def iso_day(value: str) -> str:
    """Return the ISO date at the start of ``value``, or ``""`` if there is none."""
    day = value[:10]
    if not _DATE.fullmatch(day):
        return ""
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return ""
    return day


def merge_terms(terms: list[Term]) -> list[Term]:
    """Merge one person's overlapping or consecutive terms in one seat (per cabinet rows)."""
    # A 1 January start is often a year-only Wikidata date; drop it when the same person
    # has a precise start in that year for this seat ("1994-01-01" beside "1994-12-01").
    precise_years = {t.start[:4] for t in terms if not t.start.endswith("-01-01")}
    terms = [t for t in terms if not t.start.endswith("-01-01") or t.start[:4] not in precise_years]
    merged: list[Term] = []
    for term in sorted(terms, key=lambda t: (t.start, t.end or "9999")):
        last = merged[-1] if merged else None
        if last is not None and (
            not last.end
            or dt.date.fromisoformat(term.start) <= dt.date.fromisoformat(last.end) + MERGE_GAP
        ):
            last.end = "" if not term.end or not last.end else max(last.end, term.end)
        else:
            merged.append(Term(term.person, term.country, term.role, term.start, term.end))
    return merged


def close_open_terms(terms: list[Term]) -> None:
    """End an open term when a different person later takes the same seat."""
    for term in terms:
        if term.end:
            continue
        later = [t.start for t in terms if t.person != term.person and t.start > term.start]
        if later:
            term.end = min(later)


def english_labels(sources: Path) -> dict[str, str]:
    """Return person QID -> English label from the epscrapers files and leaders.toml."""
    labels: dict[str, str] = {}
    with (sources / "leaders/epscrapers-world-leaders-2021-wikidata.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            labels[row["officeholder"]] = row["officeholderLabel"]
    with (sources / "leaders/epscrapers-world-foreign-ministers-wikidata.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            if row["person"]:
                labels[row["person"]] = row["name"]
    labels.update(load_toml("leaders")["labels"])
    return {qid: clean(label) for qid, label in labels.items() if not _QID.fullmatch(label)}


def read_terms(
    build: Build, sources: Path, by_iso3: dict[str, str], by_qid: dict[str, str]
) -> tuple[list[Term], dict[str, str]]:
    """Return cleaned terms in office and person QID -> label."""
    curated = load_toml("leaders")
    excluded = {(row["qid"], row["country"]) for row in curated["exclude"]}
    labels = english_labels(sources)
    names: dict[str, str] = {}
    raw: dict[tuple[str, str, str], list[Term]] = defaultdict(list)
    with (sources / "leaders/cfmessias-leaders_history.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in curated["office"]:
        rows.append(
            {
                "iso3": row["country"],
                "role": row["role"],
                "person": row["name"],
                "person_qid": row["qid"],
                "start": row["start"],
                "end": row["end"],
            }
        )
    for row in rows:
        qid, iso3 = row["person_qid"], row["iso3"]
        start = iso_day(row["start"])
        if not start:
            build.report["leader rows without start"] += 1
            continue
        if (qid, iso3) in excluded or iso3 not in by_iso3 or not _QID.fullmatch(qid):
            build.report["leader rows excluded or outside the countries kept"] += 1
            continue
        label = labels.get(qid) or clean(row["person"])
        if not label or _QID.fullmatch(label):
            build.report["leader rows with only a QID as label"] += 1
            continue
        names[qid] = label
        raw[(qid, iso3, row["role"])].append(
            Term(qid, by_iso3[iso3], row["role"], start, iso_day(row["end"]))
        )
    by_seat: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for key in sorted(raw):
        for term in merge_terms(raw[key]):
            by_seat[(term.country, term.role)].append(term)
    terms: list[Term] = []
    for seat in sorted(by_seat):
        close_open_terms(by_seat[seat])
        terms.extend(t for t in by_seat[seat] if not t.end or t.end >= FIRST_YEAR)
    with (sources / "leaders/epscrapers-world-foreign-ministers-wikidata.csv").open(
        encoding="utf-8"
    ) as handle:
        for row in csv.DictReader(handle):
            start = iso_day(row["start"])
            label = labels.get(row["person"]) or clean(row["name"])
            if not (row["person"] and label and start and row["country"] in by_qid):
                build.report["foreign minister rows skipped"] += 1
                continue
            names[row["person"]] = label
            terms.append(Term(row["person"], by_qid[row["country"]], "foreign_minister", start, ""))
    used = {t.person for t in terms}
    return terms, {qid: name for qid, name in names.items() if qid in used}


def person_variants(name: str) -> list[str]:
    """Return news forms of a person's name: without diacritics, initials, or hyphens."""
    variants = [fold(name)]
    words = name.split()
    if len(words) >= 3 and not _INITIAL.fullmatch(words[0]):
        kept = [w for w in words[1:-1] if not _INITIAL.fullmatch(w)]
        if len(kept) < len(words) - 2:
            variants.append(" ".join([words[0], *kept, words[-1]]))
    for text in list(variants) + [name]:
        spaced = _KOREAN_GIVEN.sub(lambda m: f"{m[1]} {m[2].capitalize()}", text)
        if spaced != text:
            variants.append(spaced)
    return [v for v in variants if v and v != name]


def read_leaders(
    build: Build, sources: Path, by_iso3: dict[str, str], by_qid: dict[str, str]
) -> None:
    """Add heads of state and government since 1980 and foreign ministers (2023 snapshot)."""
    terms, names = read_terms(build, sources, by_iso3, by_qid)
    for qid, label in sorted(names.items()):
        if _PORTUGUESE.search(label):
            build.notes.append(f"label may be Portuguese: {qid} {label!r}")
    taken = set(build.entities)
    slug_counts = Counter(entity_id(name, "Person", known=True) for name in names.values())
    person_ids: dict[str, str] = {}
    for qid, name in sorted(names.items(), key=lambda item: int(item[0][1:])):
        ident = entity_id(name, "Person", known=True)
        if slug_counts[ident] > 1 or ident in taken:
            ident, shared = f"{ident}-{qid.lower()}", ident
            build.notes.append(f"person id {shared!r} is shared; {qid} becomes {ident!r}")
        person_ids[qid] = ident
    # A person's country is that of their latest term, unless leaders.toml says otherwise
    # (monarchs of several realms start all their terms on the same day).
    latest: dict[str, str] = {}
    for term in sorted(terms, key=lambda t: (t.start, t.role, t.country)):
        latest[term.person] = term.country
    latest.update((qid, by_iso3[iso3]) for qid, iso3 in load_toml("leaders")["home"].items())
    for qid, ident in sorted(person_ids.items(), key=lambda item: item[1]):
        name = names[qid]
        build.add_entity(Entity(ident, "Person", name, qid, latest[qid]))
        build.add(ident, "alias", person_variants(name), curated=False)
    for term in terms:
        build.offices.append(
            (person_ids[term.person], term.country, term.role, term.start, term.end)
        )
    build.report["office terms"] = len(build.offices)


# --- state officials of the Phoenix actor dictionary -------------------------------------

PHOENIX = "event-dictionaries/Phoenix.Countries.actors.txt"
# Agent codes after a country's ISO3 code, as the branch of the state a person served in
# (the first found wins: "USAGOVLEG" is the legislature, "USAGOVMIL" the military).
PHOENIX_BRANCHES = (("LEG", "legislature"), ("MIL", "military"), ("JUD", "judiciary"),
                    ("GOV", "government"))  # fmt: skip
_PHOENIX_CODE = re.compile(r"\[([A-Z]{3})([A-Z]*)\s*([<>]?\d{6,8}(?:-\d{6,8})?)?\s*\]")
_PHOENIX_WORD = re.compile(r"[A-Z][A-Z'.-]*")
# Words that make a dictionary form a title or a body rather than a person's name.
PHOENIX_NOT_NAMES = frozenset(
    """ADMIRAL AMBASSADOR ARMY BANK CABINET CHAIRMAN CHIEF COLONEL COMMANDER COMMITTEE
    COUNCIL COURT DEPARTMENT DEPUTY DIRECTOR DR. EMIR ENVOY FORCES FRONT GEN. GENERAL
    GOVERNMENT GOVERNOR JUDGE JUSTICE KING LEADER LT. MAJOR MINISTER MINISTRY MP MR. MRS.
    MS. OF PARLIAMENT PARTY POLICE PREMIER PRESIDENT PRIME PRINCE PRINCESS QUEEN REP.
    REPRESENTATIVE SECRETARY SEN. SENATOR SHEIKH SIR SPEAKER SPOKESMAN THE UNDERSECRETARY
    VICE""".split()
)


def phoenix_day(text: str) -> str:
    """Return the ISO day of a dictionary date (YYMMDD, years up to 20 in this century)."""
    if len(text) == 8:
        return iso_day(f"{text[:4]}-{text[4:6]}-{text[6:]}")
    year = int(text[:2])
    return iso_day(f"{2000 + year if year <= 20 else 1900 + year}-{text[2:4]}-{text[4:]}")


def phoenix_name(form: str) -> str:
    """Return a dictionary form ("JOHN_MCCAIN_") as a name ("John McCain"), or ``""``."""
    words = [w for w in form.strip().strip("_").split("_") if w]
    if not 2 <= len(words) <= 4 or any(not _PHOENIX_WORD.fullmatch(w) for w in words):
        return ""
    if any(w in PHOENIX_NOT_NAMES for w in words):
        return ""

    def title(word: str) -> str:
        out = "-".join(part.capitalize() for part in word.split("-"))
        out = re.sub(r"^(Mc|O')([a-z])", lambda m: m[1] + m[2].upper(), out)
        return out

    return " ".join(title(w) for w in words)


def read_phoenix_blocks(path: Path) -> Iterator[tuple[list[str], list[tuple[str, str, str]]]]:
    """Yield each dictionary entry's forms and its (ISO3, agent code, date spec) codes."""
    forms: list[str] = []
    codes: list[tuple[str, str, str]] = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if not raw[0].isspace() and not line.startswith("+"):
            if forms:
                yield forms, codes
            forms, codes = [line.split("[", 1)[0].strip()], []
        elif line.startswith("+"):
            forms.append(line[1:].split("[", 1)[0].strip())
        codes.extend((m[1], m[2], m[3] or "") for m in _PHOENIX_CODE.finditer(line))
    if forms:
        yield forms, codes


def phoenix_terms(
    codes: Iterable[tuple[str, str, str]], by_iso3: dict[str, str]
) -> list[tuple[str, str, str, str]]:
    """Return the dated (country, branch, start, end) terms of one entry since 1980."""
    terms = []
    for iso3, agent, spec in codes:
        branch = next((b for code, b in PHOENIX_BRANCHES if code in agent[:6]), "")
        if not spec or not branch or iso3 not in by_iso3:
            continue
        if spec[0] in "<>":
            start, end = phoenix_day(spec[1:]), ""
        elif "-" in spec:
            first, last = spec.split("-")
            start, end = phoenix_day(first), phoenix_day(last)
        else:
            start, end = phoenix_day(spec), ""
        if start and (not end or end >= FIRST_YEAR) and (not end or end >= start):
            terms.append((by_iso3[iso3], branch, start, end))
    return sorted(set(terms))


def known_people(build: Build) -> dict[str, str]:
    """Return the normalized names and aliases of the build's people, each to its id."""
    known: dict[str, str] = {}
    for cand in build.candidates:
        if build.entities[cand.entity].type == "Person" and cand.kind in ("name", "alias"):
            known.setdefault(normalize_name(cand.text), cand.entity)
    return known


def read_phoenix_officials(build: Build, sources: Path, by_iso3: dict[str, str]) -> None:
    """Add the state officials of the Phoenix actor dictionary, with their dated branches.

    An entry is a person when its first form reads as a name of two to four words and
    it has a dated government, legislature, military or judiciary code since 1980
    ("JOHN_KERRY_ [USAGOVLEG 850103-130201] [USAGOV >130201]"). A person the gazetteer
    already has (by name or alias) gains the terms and the entry's other name forms; any
    other becomes a Person without a QID (the dictionary has none), of the country of its
    latest term. The terms go to offices.tsv with the branch as the role.
    """
    path = sources / PHOENIX
    known = known_people(build)
    added: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
    for forms, codes in read_phoenix_blocks(path):
        name = phoenix_name(forms[0])
        terms = phoenix_terms(codes, by_iso3)
        if not name or not terms:
            continue
        names = [name, *(n for n in map(phoenix_name, forms[1:]) if n and n != name)]
        ident = next((known[k] for k in map(normalize_name, names) if k in known), "")
        if not ident:
            country = max(terms, key=lambda t: (t[2], t[0]))[0]
            ident = entity_id(name, "Person", known=True)
            if ident in build.entities:
                if build.entities[ident].type != "Person" or ident not in added:
                    build.report["phoenix officials whose id is taken"] += 1
                    continue
            else:
                build.add_entity(Entity(ident, "Person", name, "", country))
                build.report["phoenix officials added"] += 1
            known.setdefault(normalize_name(name), ident)
        else:
            build.report["phoenix officials already known"] += 1
        others = [n for n in names if n != build.entities[ident].name]
        build.add(ident, "alias", others, curated=False)
        added[ident].extend(terms)
    for ident in sorted(added):
        for country, branch, start, end in sorted(set(added[ident])):
            build.offices.append((ident, country, branch, start, end))
            build.report["phoenix terms"] += 1


def read_curated_officials(build: Build, by_iso3: dict[str, str]) -> None:
    """Add the state officials of ``officials.toml``, the ones the sources miss.

    A person the gazetteer already has (by name or alias) gains the terms, which replace
    that person's terms of the same state and branch that do not end before them (the
    Phoenix dictionary's are often open-ended: "Joe Biden, government, from 2009-01-20");
    any other becomes a Person without a QID, of the state of the latest term.
    """
    known = known_people(build)
    for row in load_toml("officials")["official"]:
        country = by_iso3[row["country"]]
        start, end = iso_day(row["start"]), iso_day(row["end"])
        if not start or not end or end < start:
            msg = f"officials.toml: {row['name']} has no valid term ({row['start']}-{row['end']})"
            raise SystemExit(msg)
        forms = [row["name"], *row.get("aliases", ())]
        ident = next((known[k] for k in map(normalize_name, forms) if k in known), "")
        if not ident:
            ident = entity_id(row["name"], "Person", known=True)
            if ident in build.entities:
                msg = f"officials.toml: the id of {row['name']} is taken by another entity"
                raise SystemExit(msg)
            build.add_entity(Entity(ident, "Person", row["name"], "", country))
            build.report["curated officials added"] += 1
        else:
            build.report["curated officials already known"] += 1
        build.add(
            ident, "alias", [f for f in forms if f != build.entities[ident].name], curated=True
        )
        build.offices[:] = [
            o
            for o in build.offices
            if (o[0], o[1], o[2]) != (ident, country, row["role"]) or (o[4] and o[4] < start)
        ]
        build.offices.append((ident, country, row["role"], start, end))


def read_extra_aliases(build: Build) -> None:
    """Add the hand-written forms of ``aliases.toml`` (global and country-relative)."""
    for row in load_toml("aliases")["entity"]:
        if row["id"] not in build.entities:
            msg = f"aliases.toml names an unknown entity {row['id']!r}"
            raise SystemExit(msg)
        build.add(row["id"], "alias", row.get("aliases", ()), curated=True)
        build.add(row["id"], "country_relative", row.get("relative", ()), curated=True)
        build.case_sensitive.update((row["id"], text) for text in row.get("case_sensitive", ()))


# --- collisions, checks and output ---------------------------------------------------------


def namespace(cand: Candidate, build: Build) -> tuple[str, str]:
    """Return the (table, key) a candidate is looked up under at run time."""
    cs = is_acronym(cand.text)
    key = surface_key(cand.text, case_sensitive=cs)
    if cand.kind == "country_relative":
        parent = build.relative_to.get(cand.entity) or build.entities[cand.entity].country
        return ("relative", f"{key}\t{parent}")
    table = "demonym" if cand.kind == "demonym" else "global"
    return (table, ("\x00" if cs else "") + key)


def score(cand: Candidate) -> tuple[int, int]:
    """Return how strongly a candidate claims its key; lower is stronger."""
    rank = GLOBAL_KINDS.index(cand.kind) if cand.kind in GLOBAL_KINDS else 0
    return (0 if cand.curated else 1, rank)


def settle(build: Build) -> list[Candidate]:
    """Keep, for each lookup key, only the candidates of one entity.

    Curated forms beat source forms, then better kinds win (name over acronym over alias
    over capital over metonym); a key that two entities claim equally is dropped.
    """
    groups: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for cand in set(build.candidates):
        groups[namespace(cand, build)].append(cand)
    kept: list[Candidate] = []
    for key in sorted(groups):
        cands = sorted(groups[key])
        best = min(score(c) for c in cands)
        winners = {c.entity for c in cands if score(c) == best}
        if len(winners) > 1:
            build.report[f"dropped {key[0]} keys claimed by several entities"] += 1
            build.notes.append(f"dropped {key[0]} form {cands[0].text!r}: {sorted(winners)}")
            continue
        winner = winners.pop()
        losers = sorted({c.entity for c in cands} - {winner})
        if losers:
            build.notes.append(f"{cands[0].text!r} kept for {winner}, not {losers}")
        kept.extend(c for c in cands if c.entity == winner)
    return kept


def alias_rows(build: Build, kept: list[Candidate]) -> list[tuple[str, ...]]:
    """Return the rows of aliases.tsv, one per (entity, kind, surface form).

    A form is ambiguous if lexicon.toml lists it, or if it is an acronym that spells a
    stopword ("CAR") and no curated table vouches for it ("US" and "WHO" are curated).
    """
    curated = {(c.entity, c.kind, c.text) for c in kept if c.curated}
    rows = set()
    for cand in kept:
        cs = is_acronym(cand.text) or (cand.entity, cand.text) in build.case_sensitive
        key = normalize_name(cand.text)
        ambiguous = key in build.lexicon.ambiguous or (
            cs
            and key in build.lexicon.stopwords
            and (cand.entity, cand.kind, cand.text) not in curated
        )
        rows.add((cand.entity, cand.kind, cand.text, "1" if cs else "0", "1" if ambiguous else "0"))
    return sorted(rows)


def check(build: Build, rows: list[tuple[str, ...]]) -> None:
    """Fail the build if a global alias is a stopword or a short lower-case token."""
    for entity, kind, text, cs, _ambiguous in rows:
        if kind == "country_relative":
            continue
        key = surface_key(text, case_sensitive=cs == "1")
        short_ok = cs == "1" and key in build.lexicon.short_acronyms
        if (len(key) < 3 and not short_ok) or (cs == "0" and key in build.lexicon.stopwords):
            msg = f"unsafe alias {text!r} of {entity!r} ({kind})"
            raise SystemExit(msg)


def write_table(path: Path, header: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """Write a tab-separated file with a header line and Unix newlines."""
    lines = ["\t".join(header)] + ["\t".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="\n")


def write_outputs(build: Build, target: Path) -> None:
    """Settle collisions, check and write the data files."""
    kept = settle(build)
    aliases = alias_rows(build, kept)
    check(build, aliases)
    target.mkdir(parents=True, exist_ok=True)
    entities = sorted(build.entities.values(), key=lambda e: e.id)
    write_table(
        target / "entities.tsv",
        ("id", "type", "name", "qid", "country", "iso2", "iso3"),
        ((e.id, e.type, e.name, e.qid, e.country, e.iso2, e.iso3) for e in entities),
    )
    write_table(
        target / "aliases.tsv", ("id", "kind", "alias", "case_sensitive", "ambiguous"), aliases
    )
    write_table(
        target / "offices.tsv",
        ("person", "country", "role", "start", "end"),
        sorted(build.offices, key=lambda o: (o[1], o[2], o[3], o[0], o[4])),
    )
    write_table(target / "eras.tsv", ("id", "start", "end", "stands_for"), sorted(build.eras))
    licences = (CURATED / "LICENSES.md").read_text(encoding="utf-8")
    (target / "LICENSES.md").write_text(licences, encoding="utf-8", newline="\n")
    build.report.update(f"entities: {e.type}" for e in entities)
    build.report["alias rows"] = len(aliases)


def main(argv: list[str] | None = None) -> int:
    """Run the build; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", type=Path, help="the gazetteer-sources directory")
    parser.add_argument("target", type=Path, help="output directory (kg/gazetteer/data)")
    parser.add_argument("--verbose", action="store_true", help="list dropped and odd forms")
    args = parser.parse_args(argv)
    build = Build(load_lexicon())
    by_iso3 = read_countries(build, args.sources)
    by_iso2 = {e.iso2: e.id for e in build.entities.values() if e.type == "Country"}
    by_qid = {e.qid: e.id for e in build.entities.values() if e.type == "Country" and e.qid}
    read_subdivisions(build, args.sources, by_iso2)
    read_historical(build, args.sources, by_iso2)
    read_organizations(build, args.sources)
    read_bodies(build, by_iso2)
    read_leaders(build, args.sources, by_iso3, by_qid)
    read_extra_aliases(build)
    read_phoenix_officials(build, args.sources, by_iso3)
    read_curated_officials(build, by_iso3)
    write_outputs(build, args.target)
    for key, count in sorted(build.report.items()):
        print(f"{key}: {count}", file=sys.stderr)
    if args.verbose:
        for note in build.notes:
            print(note, file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
