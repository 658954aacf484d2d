"""Aggregated edges: one record per (subject, relation, object) of the facts, in one pass.

Diagrams, the HTML view, the exports and the query API read the graph as edges, not as
assertions. :func:`aggregate_edges` folds the assertions, read once in key order, into
one small record per edge: the count, the articles, the first and last dates, the
noisy-or confidence, the evidence of at most ``k`` statements (the first ``k`` in
key order: article, then position), the single most confident statement and the
statements per month of their articles. Memory holds the edges, never the assertions,
so a graph whose assertions stream from disk (:mod:`kg.builddb`) is drawn in memory that
does not grow with its sentences.

Every field but ``evidence`` is exactly what a fold over all the assertions gives;
``evidence`` holds the first ``k`` (``count`` says how many there are).

Example:
    >>> from kg.types import Assertion, Evidence, Role
    >>> r = lambda i: Role(i, i.title(), "Country", None, i, 0, 2)
    >>> ev = lambda i: Evidence(f"a{i}", "…", 0, f"2017-08-0{i}")
    >>> facts = [Assertion(r("us"), "meetsWith", r("jp"), ev(i), confidence=0.5) for i in (1, 2, 3)]
    >>> [rec] = aggregate_edges(facts, k=2).records
    >>> rec["count"], rec["confidence"], rec["first_date"], rec["last_date"], len(rec["evidence"])
    (3, 0.875, '2017-08-01', '2017-08-03', 2)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError
from kg.ontology import RELATIONS, category_of
from kg.types import Assertion

__all__ = ["DEFAULT_EVIDENCE_K", "EdgeTable", "aggregate_edges", "check_evidence_k"]

DEFAULT_EVIDENCE_K = 10
"""Evidence statements kept per edge: as many as the HTML view shows per relation."""


def check_evidence_k(k: int) -> int:
    """Return ``k`` if it is a valid number of evidence statements per edge (at least 1).

    Raises:
        InputError: ``k`` is below 1.

    Example:
        >>> check_evidence_k(5)
        5
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        msg = f"evidence_k must be a whole number of at least 1, got {k!r}"
        raise InputError(msg)
    return k


@dataclass(slots=True)
class _Edge:
    """The running fold of one edge's facts."""

    count: int = 0
    miss: float = 1.0
    first: str | None = None
    last: str | None = None
    articles: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    best: dict[str, Any] | None = None
    months: dict[str, int] = field(default_factory=dict)


def _evidence(a: Assertion) -> dict[str, Any]:
    return {
        "article": a.evidence.article,
        "sentence": a.evidence.sentence,
        "sentence_start": a.evidence.sentence_start,
        "rule": a.rule,
        "confidence": a.confidence,
        "modality": a.modality,
        "detail": a.detail,
    }


def _better(a: Assertion, best: dict[str, Any]) -> bool:
    """Whether ``a`` is more confident than ``best`` (ties: earlier article and sentence)."""
    mine = (-a.confidence, a.evidence.article, a.evidence.sentence_start)
    return mine < (-best["confidence"], best["article"], best["sentence_start"])


@dataclass(frozen=True, slots=True)
class EdgeTable:
    """The edges of a graph (or of a date window of it) and the articles they come from.

    Attributes:
        records: One record per edge, sorted (see :func:`kg.graph.edge_records`).
        k: Evidence statements kept per edge.
    """

    records: tuple[dict[str, Any], ...]
    k: int


def aggregate_edges(
    assertions: Iterable[Assertion],
    *,
    k: int = DEFAULT_EVIDENCE_K,
    article_date: Callable[[str], str | None] | None = None,
    keep: Callable[[Assertion], bool] | None = None,
) -> EdgeTable:
    """Fold ``assertions`` (in key order) into one record per (subject, relation, object).

    Args:
        assertions: The assertions, read once, sorted by :meth:`Assertion.key`.
        k: Keep the evidence of at most this many statements per edge.
        article_date: The date of an article by id (for ``months``); called once per run
            of assertions of one article.
        keep: Only facts for which this is true count (a date window).

    Returns:
        The edges, sorted by (subject, relation, object).
    """
    k = check_evidence_k(k)
    edges: dict[tuple[str, str, str], _Edge] = {}
    last_article: str | None = None
    month: str | None = None
    for a in assertions:
        if not a.is_fact or (keep is not None and not keep(a)):
            continue
        aid = a.evidence.article
        if aid != last_article:
            last_article = aid
            date = article_date(aid) if article_date is not None else None
            month = date[:7] if date and len(date) >= 7 else None
        key = (a.subject.id, a.relation, a.object.id)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = _Edge()
        edge.count += 1
        edge.miss *= 1.0 - a.confidence
        d = a.evidence.date
        if d:
            if edge.first is None or d < edge.first:
                edge.first = d
            if edge.last is None or d > edge.last:
                edge.last = d
        if not edge.articles or edge.articles[-1] != aid:
            edge.articles.append(aid)
        if len(edge.evidence) < k:
            edge.evidence.append(_evidence(a))
        if edge.best is None or _better(a, edge.best):
            edge.best = _evidence(a)
        if month is not None:
            edge.months[month] = edge.months.get(month, 0) + 1
    return EdgeTable(tuple(_record(key, edges[key]) for key in sorted(edges)), k)


def _record(key: tuple[str, str, str], edge: _Edge) -> dict[str, Any]:
    s, r, o = key
    rel = RELATIONS.get(r)
    articles = edge.articles
    if any(x >= y for x, y in zip(articles, articles[1:], strict=False)):
        articles = sorted(set(articles))  # assertions were not in key order
    return {
        "subject": s,
        "relation": r,
        "object": o,
        "category": category_of(r),
        "count": edge.count,
        "articles": articles,
        "first_date": edge.first,
        "last_date": edge.last,
        "confidence": round(1.0 - edge.miss, 4),
        "weight": rel.weight if rel else 0.0,
        "symmetric": bool(rel and rel.symmetric),
        "evidence": edge.evidence,
        "best_evidence": edge.best,
        "months": dict(sorted(edge.months.items())),
    }
