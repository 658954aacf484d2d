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
from kg.extract.hybrid import (
    DEFAULT_EXTRACTOR,
    EXTRACTORS,
    check_extractor,
    drop_opposed_acts,
    merge_hybrid,
    model_candidates,
)
from kg.extract.mentions import find_mentions
from kg.extract.relations import find_candidates

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "EXTRACTORS",
    "EXTRACTOR_VERSION",
    "Candidate",
    "DocFacts",
    "check_extractor",
    "extract_doc",
]

# Bumped whenever extraction output may change, so caches know to redo work.
EXTRACTOR_VERSION = "kg.extract.v25"


def extract_doc(doc: Doc, *, offset: int = 0, extractor: str = DEFAULT_EXTRACTOR) -> DocFacts:
    """Return the actor mentions and candidate relations of ``doc``.

    Args:
        doc: A document parsed by a pipeline with a parser and NER.
        offset: Character offset of ``doc`` within its article.
        extractor: ``rules`` (dependency patterns), ``model`` (the learned relation
            model, :mod:`kg.extract.model`) or ``hybrid`` (each category from the one
            that measures better, :data:`kg.extract.hybrid.HYBRID_SOURCE`).

    Raises:
        InputError: ``extractor`` is not one of :data:`EXTRACTORS`.
        ModelError: The relation model is missing (``model``, ``hybrid``).
    """
    check_extractor(extractor)
    mentions = find_mentions(doc, offset=offset)
    found: list[Candidate] = []
    if extractor != "model":
        found = drop_opposed_acts(
            doc, mentions, find_candidates(doc, mentions, offset=offset), offset=offset
        )
    if extractor != "rules":
        learned, scored = model_candidates(doc, mentions, offset=offset)
        found = learned if extractor == "model" else merge_hybrid(found, learned, scored)
    candidates = sorted(
        found, key=lambda c: (c.sentence_start, c.subject, c.object, c.relation, c.rule)
    )
    sentences = tuple((s.start_char + offset, s.end_char + offset) for s in doc.sents)
    return DocFacts(tuple(mentions), tuple(candidates), sentences)
