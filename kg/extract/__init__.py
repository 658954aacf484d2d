"""From a parsed spaCy document to plain mentions and candidate relations.

This is the only package of kg that touches spaCy objects; what it returns is
plain values (:class:`~kg.extract.facts.DocFacts`).

Example:
    >>> from kg.nlp import load_pipeline  # doctest: +SKIP
    >>> facts = extract_doc(load_pipeline()("Japan threatened China."))  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.facts import Candidate, DocFacts
from kg.extract.mentions import find_mentions
from kg.extract.relations import find_candidates

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["EXTRACTOR_VERSION", "Candidate", "DocFacts", "extract_doc"]

# Bumped whenever extraction output may change, so caches know to redo work.
EXTRACTOR_VERSION = "kg.extract.v1"


def extract_doc(doc: Doc, *, offset: int = 0) -> DocFacts:
    """Return the actor mentions and candidate relations of ``doc``.

    Args:
        doc: A document parsed by a pipeline with a parser and NER.
        offset: Character offset of ``doc`` within its article.
    """
    mentions = find_mentions(doc, offset=offset)
    candidates = sorted(
        find_candidates(doc, mentions, offset=offset),
        key=lambda c: (c.sentence_start, c.subject, c.object, c.relation, c.rule),
    )
    return DocFacts(tuple(mentions), tuple(candidates))
