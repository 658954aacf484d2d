"""Offline gazetteer of political actors: states, organizations, government bodies, leaders.

The data ships with the package in ``kg/gazetteer/data`` (tab-separated files written by
``scripts/build_gazetteer.py`` from public sources; see ``data/LICENSES.md``). Nothing is
read at import time: :func:`load_gazetteer` reads the files on first use and caches the
result.

Surface forms are compared on :func:`kg.ids.normalize_name` (case-folded, dots removed),
after a leading "the" and a trailing possessive are stripped. All-caps acronyms of up to
five letters ("US", "U.N.", "DPRK") are the exception: they match only in capitals, so the
pronoun "us" is not the United States.

Example:
    >>> gaz = load_gazetteer()
    >>> gaz.lookup("the U.S.").qid
    'Q30'
    >>> gaz.lookup("us") is None
    True
    >>> gaz.lookup_kind("Pyongyang")[1]
    'capital'
    >>> gaz.demonym("North Korean").name
    'North Korea'
    >>> gaz.office_holder("united-states", "head_of_state", "2017-08-18").name
    'Donald Trump'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, cast, get_args

from kg.errors import InputError, OntologyError
from kg.ids import normalize_name
from kg.types import EntityType

__all__ = [
    "ALIAS_KINDS",
    "OFFICE_ROLES",
    "SEAT_ROLES",
    "TYPO_MIN_LETTERS",
    "AliasKind",
    "Era",
    "Gazetteer",
    "GazetteerEntry",
    "Office",
    "OfficeRole",
    "is_acronym",
    "load_gazetteer",
    "one_edit",
    "strip_article",
    "surface_key",
]

AliasKind = Literal["name", "alias", "acronym", "demonym", "capital", "metonym", "country_relative"]
OfficeRole = Literal[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "government",
    "legislature",
    "military",
    "judiciary",
]

ALIAS_KINDS: tuple[AliasKind, ...] = get_args(AliasKind)
OFFICE_ROLES: tuple[OfficeRole, ...] = get_args(OfficeRole)
#: The seats one person holds at a time (the leader sources); the other roles are the
#: branches of a state an official served in (the Phoenix actor dictionary).
SEAT_ROLES: frozenset[str] = frozenset({"head_of_state", "head_of_government", "foreign_minister"})
_ENTITY_TYPES: tuple[EntityType, ...] = get_args(EntityType)

#: Kinds looked up by :meth:`Gazetteer.lookup`, best first when one key has several.
_GLOBAL_KINDS: tuple[AliasKind, ...] = ("name", "acronym", "alias", "capital", "metonym")

_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{0,4}")
_SPACES = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_DATA_FILES = {
    "entities": ("id", "type", "name", "qid", "country", "iso2", "iso3"),
    "aliases": ("id", "kind", "alias", "case_sensitive", "ambiguous"),
    "offices": ("person", "country", "role", "start", "end"),
    "eras": ("id", "start", "end", "stands_for"),
}
#: Shortest name (letters, case-folded) that :meth:`Gazetteer.near` corrects a typo of.
TYPO_MIN_LETTERS = 6
#: Kinds whose forms :meth:`Gazetteer.near` corrects typos of (not acronyms or demonyms).
_TYPO_KINDS: frozenset[AliasKind] = frozenset({"name", "alias", "capital"})


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known actor.

    Attributes:
        id: Stable id (``kg.ids.entity_id(name, type, known=True)``), e.g. ``north-korea``.
        name: Canonical English name.
        type: ``Country``, ``Organization`` or ``Person``.
        qid: Wikidata id, if known.
        aliases: Other surface forms (acronyms, demonyms, capitals, metonyms), sorted.
        country: For a government body, its state's id; for a person, the state of their
            most recent office; otherwise ``None``.
        iso2: ISO 3166-1 alpha-2 code of a country.
        iso3: ISO 3166-1 alpha-3 code of a country.
    """

    id: str
    name: str
    type: EntityType
    qid: str | None
    aliases: tuple[str, ...]
    country: str | None
    iso2: str | None
    iso3: str | None


@dataclass(frozen=True, slots=True)
class Era:
    """When a historical state or body existed, and which modern entity's names it takes.

    Attributes:
        id: Id of the historical entity (``soviet-union``).
        start: First day, ISO date.
        end: First day after it (exclusive).
        stands_for: Id of the modern entity whose surface forms name it while it exists
            (``russia``), or ``""``.
    """

    id: str
    start: str
    end: str
    stands_for: str

    def covers(self, date: str) -> bool:
        """Return whether the entity existed on ``date`` (an ISO date)."""
        return self.start <= date < self.end


@dataclass(frozen=True, slots=True)
class Office:
    """A term in office.

    Attributes:
        person: Id of the office holder.
        country: Id of the state.
        role: ``head_of_state``, ``head_of_government`` or ``foreign_minister`` (a seat),
            or the branch of the state an official served in: ``government``,
            ``legislature``, ``military`` or ``judiciary``.
        start: First day, ISO date.
        end: Day the term ended (exclusive: the successor's first day), or ``None`` if the
            sources know no end.
    """

    person: str
    country: str
    role: OfficeRole
    start: str
    end: str | None

    def covers(self, date: str) -> bool:
        """Return whether the term includes ``date`` (an ISO date)."""
        return self.start <= date and (self.end is None or date < self.end)


def is_acronym(text: str) -> bool:
    """Return whether ``text`` is an all-caps acronym of at most five characters.

    Dots are ignored, so "U.S." counts; acronyms are matched case-sensitively.

    Example:
        >>> is_acronym("U.N."), is_acronym("NATO"), is_acronym("UNESCO"), is_acronym("Nato")
        (True, True, False, False)
    """
    return bool(_ACRONYM.fullmatch(_compact(text)))


def strip_article(text: str, *, possessive: bool = True) -> str:
    """Return ``text`` without a leading "the" and, optionally, a trailing possessive.

    Example:
        >>> strip_article("the United States'")
        'United States'
        >>> strip_article("North Korea’s"), strip_article("St. John's", possessive=False)
        ('North Korea', "St. John's")
    """
    text = text.strip()
    if possessive:
        text = _POSSESSIVE.sub("", text).rstrip()
    return _LEADING_THE.sub("", text)


def surface_key(text: str, *, case_sensitive: bool) -> str:
    """Return the key a surface form is indexed under.

    Args:
        text: A surface form, already passed through :func:`strip_article`.
        case_sensitive: Keep the case (for acronyms) instead of case-folding.

    Returns:
        The dot-free, single-spaced form; case-folded unless ``case_sensitive``.

    Example:
        >>> surface_key("U.S.", case_sensitive=True), surface_key("U.S.", case_sensitive=False)
        ('US', 'us')
    """
    return _compact(text) if case_sensitive else normalize_name(text)


def _compact(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace(".", "")
    return _SPACES.sub(" ", text).strip()


class Gazetteer:
    """Read-only index of known actors, their surface forms and terms in office.

    Build one with :func:`load_gazetteer`; the constructor takes the rows of the data files.

    Args:
        entities: Entity rows (id, type, name, qid, country, iso2, iso3).
        aliases: Alias rows (id, kind, alias, case_sensitive, ambiguous).
        offices: Office rows (person, country, role, start, end).
        eras: Era rows (id, start, end, stands_for) of historical states and bodies.

    Raises:
        InputError: A row is malformed or refers to an unknown entity.
    """

    __slots__ = (
        "_by_id",
        "_demonym",
        "_eras",
        "_global",
        "_offices_by_person",
        "_offices_by_seat",
        "_phrases",
        "_relative",
        "_typo_cache",
        "_typo_forms",
    )

    def __init__(
        self,
        entities: Iterable[tuple[str, ...]],
        aliases: Iterable[tuple[str, ...]],
        offices: Iterable[tuple[str, ...]],
        eras: Iterable[tuple[str, ...]] = (),
    ) -> None:
        raw: dict[str, tuple[str, ...]] = {}
        for line, row in enumerate(entities, start=2):
            fields = _fields(row, "entities", line)
            if fields[1] not in _ENTITY_TYPES:
                msg = f"unknown entity type {fields[1]!r}; expected one of {_ENTITY_TYPES}"
                raise InputError(msg, path="entities.tsv", line=line)
            raw[fields[0]] = fields
        # Case-sensitive keys share the dicts with case-folded ones under a leading "\x00".
        self._global: dict[str, tuple[int, str, AliasKind]] = {}
        self._demonym: dict[str, str] = {}
        self._relative: dict[tuple[str, str], str] = {}
        self._phrases: list[tuple[str, str, str]] = []
        forms: dict[str, set[str]] = {}
        self._typo_forms: list[tuple[str, str, AliasKind]] = []
        self._typo_cache: dict[str, list[tuple[str, str, AliasKind]]] | None = None
        for line, row in enumerate(aliases, start=2):
            entity, kind, alias, cs_flag, ambiguous = _fields(row, "aliases", line)
            if entity not in raw or kind not in ALIAS_KINDS:
                msg = f"alias row {row!r} has an unknown entity or kind (kinds: {ALIAS_KINDS})"
                raise InputError(msg, path="aliases.tsv", line=line)
            if kind == "country_relative":
                # An entity without a country is its own parent ("the Community": the EU).
                state = raw[entity][4] or entity
                self._relative[(surface_key(alias, case_sensitive=False), state)] = entity
                continue
            # Officials known only from the event dictionary (persons without a QID) are not
            # typo targets: one edit from an obscure minister is weak evidence, and their
            # forms would grow the deletion index by about 100 MiB a process.
            person_without_qid = raw[entity][1] == "Person" and not raw[entity][3]
            if kind in _TYPO_KINDS and cs_flag != "1" and not person_without_qid:
                key = surface_key(alias, case_sensitive=False)
                self._typo_forms.append((key, entity, cast("AliasKind", kind)))
            self._index_alias(entity, cast("AliasKind", kind), alias, cs_flag == "1")
            if kind != "name":
                forms.setdefault(entity, set()).add(alias)
            if ambiguous != "1":
                self._phrases.append((alias, entity, kind))
        self._by_id: dict[str, GazetteerEntry] = {
            ident: GazetteerEntry(
                id=ident,
                name=name,
                type=cast("EntityType", type_),
                qid=qid or None,
                aliases=tuple(sorted(forms.get(ident, ()))),
                country=country or None,
                iso2=iso2 or None,
                iso3=iso3 or None,
            )
            for ident, type_, name, qid, country, iso2, iso3 in raw.values()
        }
        self._offices_by_seat: dict[tuple[str, str], list[Office]] = {}
        self._offices_by_person: dict[str, list[Office]] = {}
        for line, row in enumerate(offices, start=2):
            person, country, role, start, end = _fields(row, "offices", line)
            if person not in raw or country not in raw or role not in OFFICE_ROLES:
                msg = f"office row {row!r} has an unknown person, country or role"
                raise InputError(msg, path="offices.tsv", line=line)
            office = Office(person, country, role, start, end or None)
            self._offices_by_seat.setdefault((country, role), []).append(office)
            self._offices_by_person.setdefault(person, []).append(office)
        for terms in self._offices_by_person.values():
            terms.sort(key=lambda t: (t.start, t.role, t.country))
        self._eras: dict[str, list[Era]] = {}
        for line, row in enumerate(eras, start=2):
            ident, start, end, stands_for = _fields(row, "eras", line)
            if ident not in raw or (stands_for and stands_for not in raw):
                msg = f"era row {row!r} names an unknown entity"
                raise InputError(msg, path="eras.tsv", line=line)
            era = Era(ident, start, end, stands_for)
            self._eras.setdefault(ident, []).append(era)
            if stands_for:
                self._eras.setdefault(stands_for, []).append(era)

    def _index_alias(self, entity: str, kind: AliasKind, alias: str, cs: bool) -> None:
        slot = ("\x00" if cs else "") + surface_key(alias, case_sensitive=cs)
        if kind == "demonym":
            self._demonym.setdefault(slot, entity)
            return
        rank = _GLOBAL_KINDS.index(kind)
        best = self._global.get(slot)
        if best is None or (rank, entity) < best[:2]:
            self._global[slot] = (rank, entity, kind)

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def get(self, entity_id: str) -> GazetteerEntry | None:
        """Return the entry with id ``entity_id``, or ``None``.

        Example:
            >>> load_gazetteer().get("japan").qid
            'Q17'
        """
        return self._by_id.get(entity_id)

    def entries(self) -> Iterator[GazetteerEntry]:
        """Yield every entry, in id order."""
        for ident in sorted(self._by_id):
            yield self._by_id[ident]

    def lookup(self, text: str) -> GazetteerEntry | None:
        """Return the entry that ``text`` names, or ``None``.

        Names, acronyms, aliases, capitals and metonyms are tried first, then demonyms,
        then "<country> <body>" forms such as "China's Defence Ministry". Capitals and
        metonyms ("Pyongyang", "the Kremlin") return their country.

        Example:
            >>> load_gazetteer().lookup("North Korea’s").id
            'north-korea'
        """
        found = self.lookup_kind(text)
        return found[0] if found else None

    def lookup_kind(self, text: str) -> tuple[GazetteerEntry, AliasKind] | None:
        """Return the entry that ``text`` names and how it names it, or ``None``.

        Args:
            text: A surface form; a leading "the" and a trailing possessive are ignored.

        Returns:
            ``(entry, kind)`` where kind is one of :data:`ALIAS_KINDS`.

        Example:
            >>> entry, kind = load_gazetteer().lookup_kind("the White House")
            >>> entry.name, kind
            ('United States', 'metonym')
        """
        # A name may itself end in "'s" ("St. John's"), so try it before cutting.
        for form in dict.fromkeys((strip_article(text, possessive=False), strip_article(text))):
            if not form:
                continue
            hit = self._probe_global(form)
            if hit is not None:
                return hit
            entry = self._probe_demonym(form)
            if entry is not None:
                return entry, "demonym"
            body = self._split_relative(form)
            if body is not None:
                return body, "country_relative"
        return None

    def demonym(self, text: str) -> GazetteerEntry | None:
        """Return the country a demonym or national adjective refers to, or ``None``.

        Example:
            >>> gaz = load_gazetteer()
            >>> gaz.demonym("Japanese").name, gaz.demonym("U.S.").name
            ('Japan', 'United States')
        """
        for form in dict.fromkeys((strip_article(text, possessive=False), strip_article(text))):
            entry = self._probe_demonym(form) if form else None
            if entry is not None:
                return entry
        return None

    def relative_body(self, alias: str, country_id: str) -> GazetteerEntry | None:
        """Return the government body that ``alias`` names in the country ``country_id``.

        Args:
            alias: A country-relative form such as "Defence Ministry" or "military".
            country_id: Id of the state, e.g. ``japan``.

        Returns:
            The body, or ``None`` if the gazetteer has no such body for that state.

        Example:
            >>> load_gazetteer().relative_body("Defence Ministry", "japan").name
            'Ministry of Defense (Japan)'
        """
        key = surface_key(strip_article(alias), case_sensitive=False)
        ident = self._relative.get((key, country_id))
        return self._by_id[ident] if ident else None

    def office_holder(self, country_id: str, role: str, date: str) -> GazetteerEntry | None:
        """Return who held ``role`` in ``country_id`` on ``date``, or ``None``.

        When the sources give overlapping terms (acting holders, collective heads of state)
        the term that began last wins, except that a start on 1 January, which is often a
        year-only date in Wikidata, yields to an overlapping term with a precise start.

        Args:
            country_id: Id of the state, e.g. ``united-states``.
            role: One of :data:`SEAT_ROLES` (a branch such as ``government`` has many
                members at a time, no holder).
            date: ISO date (``YYYY-MM-DD``; a longer timestamp is cut to the date).

        Returns:
            The office holder's entry, or ``None`` if no known term covers the date.

        Raises:
            OntologyError: ``role`` is not a seat.
            InputError: ``date`` is not an ISO date.

        Example:
            >>> load_gazetteer().office_holder("japan", "head_of_government", "2017-08-18").name
            'Shinzo Abe'
        """
        if role not in SEAT_ROLES:
            seats = ", ".join(r for r in OFFICE_ROLES if r in SEAT_ROLES)
            msg = f"unknown office role {role!r}; expected one of {seats}"
            raise OntologyError(msg)
        day = date[:10]
        if not _DATE.fullmatch(day):
            msg = f"expected an ISO date such as '2017-08-18', got {date!r}"
            raise InputError(msg)
        terms = [t for t in self._offices_by_seat.get((country_id, role), ()) if t.covers(day)]
        if not terms:
            return None
        best = max(terms, key=lambda t: (_precise(t.start), t.start, _reverse(t.person)))
        return self._by_id[best.person]

    def offices(self, person_id: str) -> tuple[Office, ...]:
        """Return the terms in office of ``person_id``, oldest first."""
        return tuple(self._offices_by_person.get(person_id, ()))

    def in_era(self, entry: GazetteerEntry, date: str | None) -> GazetteerEntry:
        """Return the entity ``entry``'s names stood for on ``date``.

        A modern state's names name its historical predecessor while that existed ("Moscow"
        in 1987 is the Soviet Union); anything else, or an undated article, keeps ``entry``.

        Example:
            >>> gaz = load_gazetteer()
            >>> gaz.in_era(gaz.lookup("Moscow"), "1987-03-18").name
            'Soviet Union'
            >>> gaz.in_era(gaz.lookup("Moscow"), "2017-08-18").name
            'Russia'
        """
        if not date or not _DATE.fullmatch(date[:10]):
            return entry
        for era in self._eras.get(entry.id, ()):
            if era.stands_for == entry.id and era.covers(date[:10]):
                return self._by_id[era.id]
        return entry

    def era(self, entity_id: str) -> Era | None:
        """Return the dates of a historical state or body, or ``None`` for a timeless one."""
        return next((e for e in self._eras.get(entity_id, ()) if e.id == entity_id), None)

    def near(self, text: str, types: Iterable[str]) -> GazetteerEntry | None:
        """Return the entry one edit (a letter added, dropped, changed or two swapped) away.

        Only names of at least :data:`TYPO_MIN_LETTERS` letters are corrected, only to an
        entry of one of ``types``, and only when a single entity is that close; an exact
        name is never "corrected", nor a first letter. A state is reached only through its
        capital ("Pyongyan"): a real place is often one letter from a state's name
        ("Siberia", "Columbia").

        Example:
            >>> gaz = load_gazetteer()
            >>> gaz.near("Vladimir Puttin", ["Person"]).name
            'Vladimir Putin'
            >>> gaz.near("Pyongyang", ["Country"]) is None  # exact, nothing to correct
            True
        """
        key = surface_key(strip_article(text), case_sensitive=False)
        if sum(ch.isalpha() for ch in key) < TYPO_MIN_LETTERS or self._probe_global(key):
            return None
        wanted = set(types)
        index = self._typo_index()
        found: set[str] = set()
        for variant in {key, *_deletions(key)}:
            for form, ident, kind in index.get(variant, ()):
                entry = self._by_id[ident]
                if (
                    entry.type in wanted
                    and (entry.type != "Country" or kind == "capital")
                    and form[:1] == key[:1]
                    and one_edit(key, form)
                ):
                    found.add(ident)
        return self._by_id[found.pop()] if len(found) == 1 else None

    def _typo_index(self) -> dict[str, list[tuple[str, str, AliasKind]]]:
        # Built on first use: a symmetric-deletion index of the forms long enough to correct.
        if self._typo_cache is not None:
            return self._typo_cache
        index: dict[str, list[tuple[str, str, AliasKind]]] = {}
        for form, ident, kind in self._typo_forms:
            if sum(ch.isalpha() for ch in form) < TYPO_MIN_LETTERS:
                continue
            for variant in {form, *_deletions(form)}:
                index.setdefault(variant, []).append((form, ident, kind))
        self._typo_cache = index
        return index

    def phrases(self) -> Iterator[tuple[str, str, str]]:
        """Yield ``(surface form, entity id, kind)`` for building a phrase matcher.

        Ambiguous forms ("Jordan", "Chad") and country-relative forms ("Defence Ministry")
        are left out; names, acronyms, aliases, demonyms, capitals and metonyms are in.
        """
        yield from self._phrases

    def _probe_global(self, form: str) -> tuple[GazetteerEntry, AliasKind] | None:
        for slot in ("\x00" + surface_key(form, case_sensitive=True), normalize_name(form)):
            hit = self._global.get(slot)
            if hit is not None:
                return self._by_id[hit[1]], hit[2]
        return None

    def _probe_demonym(self, form: str) -> GazetteerEntry | None:
        for slot in ("\x00" + surface_key(form, case_sensitive=True), normalize_name(form)):
            ident = self._demonym.get(slot)
            if ident is not None:
                return self._by_id[ident]
        return None

    def _split_relative(self, form: str) -> GazetteerEntry | None:
        words = form.split()
        for cut in range(1, len(words)):
            head = strip_article(" ".join(words[:cut]))
            hit = self._probe_global(head)
            country = hit[0] if hit else self._probe_demonym(head)
            if country is None or country.type != "Country":
                continue
            body = self.relative_body(" ".join(words[cut:]), country.id)
            if body is not None:
                return body
        return None


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


def one_edit(a: str, b: str) -> bool:
    """Return whether ``a`` and ``b`` differ by exactly one edit (Damerau-Levenshtein 1).

    Example:
        >>> one_edit("kenosha", "kenosa"), one_edit("putin", "puitn"), one_edit("iran", "iran")
        (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        i, j = (diff + [0, 0])[:2]
        return len(diff) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _precise(day: str) -> bool:
    """Return whether a start date is not 1 January (Wikidata's stand-in for a year)."""
    return not day.endswith("-01-01")


def _reverse(text: str) -> tuple[int, ...]:
    """Return a key that sorts strings in reverse, so ``max`` prefers the smallest id."""
    return tuple(-ord(ch) for ch in text)


def _fields(row: tuple[str, ...], table: str, line: int) -> tuple[str, ...]:
    width = len(_DATA_FILES[table])
    if len(row) != width:
        msg = f"expected {width} tab-separated fields, got {len(row)}: {row!r}"
        raise InputError(msg, path=f"{table}.tsv", line=line)
    return row


def _read_table(table: str) -> list[tuple[str, ...]]:
    resource = resources.files(__name__).joinpath("data", f"{table}.tsv")
    try:
        text = resource.read_text(encoding="utf-8")
    except OSError as exc:
        msg = f"cannot read {table}.tsv ({exc}); rebuild it with scripts/build_gazetteer.py"
        raise InputError(msg, path=f"{table}.tsv") from exc
    lines = text.splitlines()
    header = tuple(lines[0].split("\t")) if lines else ()
    if header != _DATA_FILES[table]:
        msg = f"expected header {_DATA_FILES[table]!r}, got {header!r}"
        raise InputError(msg, path=f"{table}.tsv", line=1)
    return [tuple(line.split("\t")) for line in lines[1:]]


@cache
def load_gazetteer() -> Gazetteer:
    """Return the gazetteer shipped with kg, read on first call and cached.

    Raises:
        InputError: A data file is missing or malformed.
    """
    return Gazetteer(
        _read_table("entities"),
        _read_table("aliases"),
        _read_table("offices"),
        _read_table("eras"),
    )
