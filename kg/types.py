"""Plain value objects that flow between the stages of kg.

Nothing here knows about spaCy: every stage after :mod:`kg.extract` sees only
strings, character offsets and ids, so results can be cached, pickled to other
processes and merged in any order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "MODALITIES",
    "Article",
    "ArticleResult",
    "Assertion",
    "Entity",
    "EntityType",
    "Evidence",
    "Mention",
    "Modality",
    "Role",
]

EntityType = Literal["Country", "Person", "Organization", "Group", "Place"]
Modality = Literal["asserted", "reported", "intended", "hypothetical"]
MODALITIES: tuple[Modality, ...] = ("asserted", "reported", "intended", "hypothetical")


@dataclass(frozen=True, slots=True)
class Article:
    """One input article.

    Attributes:
        id: Stable id: given by the input, or derived from the file name and a content hash.
        text: The article body (offsets in assertions point into it).
        title: Headline, if known.
        date: ISO date (``YYYY-MM-DD``), if known.
        source: Outlet or corpus name, if known.
        url: Address of the article, if known.
        origin: Where it was read from (``path`` or ``path:line``), for messages.
    """

    id: str
    text: str
    title: str = ""
    date: str | None = None
    source: str = ""
    url: str = ""
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of an article's text that names something.

    Attributes:
        text: The words, as written.
        start: Character offset of the first character in ``Article.text``.
        end: Character offset one past the last character.
        label: ``PERSON``, ``ORG``, ``GPE``, ``NORP`` or ``LOC``; ``OFFICE`` for a state
            office named alone ("the Japanese prime minister"), ``GOVERNMENT`` for "the
            government" said alone.
        qualifier: Words that tie the name to a state ("Japanese" in "Japanese Defence
            Ministry"), so bodies of different states never merge.
    """

    text: str
    start: int
    end: int
    label: str
    qualifier: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical actor.

    Attributes:
        id: Stable id, from the gazetteer's canonical name or from type and name.
        name: Canonical label.
        type: One of ``Country``, ``Person``, ``Organization``, ``Group``, ``Place``.
        aliases: Other surface forms seen or known, sorted.
        qid: Wikidata id (``Q30``) when known.
    """

    id: str
    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    qid: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    """An argument of an assertion: the canonical entity and the words that named it."""

    id: str
    name: str
    type: EntityType
    qid: str | None
    text: str
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """Return the argument as the JSON object of the assertion contract."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "qid": self.qid,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an assertion was read: the article and the sentence."""

    article: str
    sentence: str
    sentence_start: int
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Assertion:
    """One statement found in one sentence.

    Attributes:
        subject: Who acts.
        relation: Local name of an ontology relation, or ``open:<lemma>`` for a verb the
            lexicon does not know.
        object: Who is acted on.
        evidence: The article and sentence.
        negated: The sentence denies the relation ("did not", "never", "refused to").
        modality: ``asserted``, ``reported``, ``intended`` or ``hypothetical``.
        attributed_to: The speaker the statement is attributed to, if any.
        confidence: Between 0 and 1.
        rule: Name of the pattern that produced it.
        detail: Extra qualifier (a title for ``holdsPosition``), or ``""``.
    """

    subject: Role
    relation: str
    object: Role
    evidence: Evidence
    negated: bool = False
    modality: Modality = "asserted"
    attributed_to: Role | None = None
    confidence: float = 0.5
    rule: str = ""
    detail: str = ""

    @property
    def is_fact(self) -> bool:
        """Whether the assertion states a fact (becomes a direct triple)."""
        return not self.negated and self.modality in ("asserted", "reported")

    def key(self) -> tuple[Any, ...]:
        """Return a total sort key, so outputs never depend on processing order."""
        return (
            self.evidence.article,
            self.evidence.sentence_start,
            self.subject.start,
            self.object.start,
            self.relation,
            self.rule,
            self.subject.id,
            self.object.id,
        )


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything extracted from one article: its entities and assertions."""

    article: Article
    entities: tuple[Entity, ...] = ()
    assertions: tuple[Assertion, ...] = ()
    mentions: tuple[tuple[str, Mention], ...] = field(default=())
