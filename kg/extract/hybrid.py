"""Relations from the learned model, and the hybrid of model and dependency patterns.

:func:`model_candidates` scores every candidate pair (:mod:`kg.extract.candidates`) with
the relation model (:mod:`kg.extract.model`) and turns each pair it reads as a relation
into a :class:`~kg.extract.facts.Candidate` whose ``rule`` is ``model:<version>``;
negation, modality and speaker come from the patterns' ``clause_context`` (see
:func:`kg.extract.relations.pair_contexts`), so a negated or hypothetical relation is
never a fact, whoever found it.

:func:`merge_hybrid` keeps, per category, the source that measures better
(:data:`HYBRID_SOURCE`): both for affiliation (the model, and the patterns' titles,
appositions, tags and bodies of states), the model for the rest. Where the model alone
decides a category, a pattern's relation of that category on a pair the model scored and
read as ``none`` is dropped;
on a pair the model never saw (a pair beyond the cap, a pronoun that stands for no one
named) the pattern's stays. A pronoun that stands for a person named before it ("He met
Xi") is a candidate of its own words, and its relations go to that person
(:func:`model_pairs`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from kg.errors import InputError
from kg.extract.candidates import MentionPair, find_pairs
from kg.extract.facts import Candidate
from kg.ontology import RELATIONS, Category, category_of
from kg.types import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_EXTRACTOR",
    "EXTRACTORS",
    "EXTRACTOR_ENV",
    "HYBRID_SOURCE",
    "check_extractor",
    "merge_hybrid",
    "model_candidates",
    "model_pairs",
]

Source = Literal["rules", "model", "both"]

EXTRACTORS: tuple[str, ...] = ("rules", "model", "hybrid")
"""Extractor names: the dependency patterns, the relation model, or both by category."""

EXTRACTOR_ENV = "KG_EXTRACTOR"
"""Environment variable naming the default extractor of a process (read at import)."""

DEFAULT_EXTRACTOR = os.environ.get(EXTRACTOR_ENV) or "hybrid"
"""The default extractor: ``$KG_EXTRACTOR``, else ``hybrid``, the one that scores best on
the article gold (``make evaluate``: relation F1 0.592 against the patterns' 0.416 and the
model's 0.590, at precision 0.83; the patterns state fewer forbidden relations: 9 against
20)."""

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

# Affiliation and location are stated by titles and appositions more than by verbs:
# they stay asserted unless a verb of their own says otherwise.
_PRESUPPOSED: frozenset[Category] = frozenset({"affiliation", "location"})


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
    from kg.extract.relations import pair_contexts, stance_linked

    pairs, extended, stands_for = model_pairs(doc, mentions, offset=offset)
    if not pairs:
        return [], []
    model = load_relation_model()
    found: list[tuple[MentionPair, int, str, int, float, str]] = []
    for pair, score in zip(pairs, model.score(pairs), strict=True):
        if score.relation not in RELATIONS:
            continue  # none, or a class this ontology no longer has
        subj, obj = (pair.second, pair.first) if score.reverse else (pair.first, pair.second)
        found.append((pair, subj, score.relation, obj, score.probability, model.rule))
    # A noun of stance between the two ("a fierce opponent of the NSA") is no affiliation:
    # the relation it names stands instead ("Paul opposes the NSA"), or none.
    affiliations = [k for k, f in enumerate(found) if category_of(f[2]) == "affiliation"]
    ends = [(found[k][1], found[k][3]) for k in affiliations]  # (subject, object)
    stances = stance_linked(doc, extended, ends, offset=offset)
    for k, stance in zip(affiliations, stances, strict=True):
        if stance is None:
            continue
        if stance.relation and stance.holder >= 0:
            pair = found[k][0]
            found[k] = (
                pair,
                stance.holder,
                stance.relation,
                stance.target,
                STANCE_CONFIDENCE,
                STANCE_RULE,
            )
        else:
            found[k] = (found[k][0], -1, "", -1, 0.0, "")
    found = [f for f in found if f[2]]
    contexts = pair_contexts(
        doc,
        extended,
        [(s, o, category_of(r) in _PRESUPPOSED) for _, s, r, o, _, _ in found],
        offset=offset,
    )
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


def merge_hybrid(
    rules: Sequence[Candidate],
    model: Sequence[Candidate],
    scored: Sequence[MentionPair],
    *,
    source: Mapping[Category, Source] = HYBRID_SOURCE,
) -> list[Candidate]:
    """Keep each category's relations from the extractor ``source`` names for it.

    Args:
        rules: The patterns' candidates.
        model: The model's candidates.
        scored: Every pair the model scored.
        source: Category to extractor (default :data:`HYBRID_SOURCE`).
    """
    seen = {(p.sentence_start, *sorted((p.first, p.second))) for p in scored}
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
        if source[category] != "model" or key not in seen:
            out.append(c)
            by_rules.add((c.sentence_start, lo, hi, category))
    for c in model:
        category = category_of(c.relation)
        if category is None or source[category] == "rules":
            continue
        lo, hi = sorted((c.subject, c.object))
        if source[category] == "both" and (c.sentence_start, lo, hi, category) in by_rules:
            continue  # the patterns said it already, in their own words
        out.append(c)
    return out
