"""Plain records that leave :mod:`kg.extract`: mentions and candidate assertions.

A candidate names its arguments by mention index; :mod:`kg.resolve` turns the
mentions into canonical entities and the candidates into
:class:`~kg.types.Assertion` values.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.types import Mention, Modality

__all__ = ["Candidate", "DocFacts"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation between two mentions, found in one sentence.

    Attributes:
        subject: Index of the subject mention.
        relation: Ontology relation name or ``open:<lemma>``.
        object: Index of the object mention.
        sentence_start: Character offset of the sentence in the article.
        sentence_end: End offset of the sentence.
        negated: The sentence denies the relation.
        modality: ``asserted``, ``reported``, ``intended`` or ``hypothetical``.
        speaker: Index of the mention the statement is attributed to, or -1.
        confidence: Between 0 and 1.
        rule: Name of the pattern.
        detail: A qualifier such as the title of a ``holdsPosition``.
    """

    subject: int
    relation: str
    object: int
    sentence_start: int
    sentence_end: int
    negated: bool = False
    modality: Modality = "asserted"
    speaker: int = -1
    confidence: float = 0.5
    rule: str = ""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class DocFacts:
    """What one parsed text yields: actor mentions, candidate relations, sentence spans.

    ``sentences`` holds each sentence's (start, end) offsets in the article, in order; the
    resolver takes the evidence of relations it infers from them.
    """

    mentions: tuple[Mention, ...]
    candidates: tuple[Candidate, ...]
    sentences: tuple[tuple[int, int], ...] = ()
