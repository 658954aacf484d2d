"""Aggregated edges: the diagrams, the view and the exports see the same as with every statement."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from typing import Any

import pytest

from kg.edges import aggregate_edges, check_evidence_k
from kg.errors import InputError
from kg.exports import export_tables
from kg.graph import KnowledgeGraph, _merge_results_in_memory, edge_records, merge_results
from kg.html import html_view
from kg.ontology import RELATIONS, category_of
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role
from kg.views import in_window, overview, select

_NAMES = {"atl": "Atlantis", "bor": "Borduria", "syl": "Syldavia", "car": "Carpania"}
# (subject, relation, object): each is read again and again across the corpus.
_EDGES = [
    ("bor", "threatens", "atl"),
    ("atl", "alliedWith", "syl"),
    ("syl", "alliedWith", "atl"),  # the symmetric relation from the other end
    ("car", "sanctions", "bor"),
    ("atl", "meetsWith", "car"),
]


def _role(eid: str, start: int) -> Role:
    name = _NAMES[eid]
    return Role(eid, name, "Country", None, name, start, start + len(name))


def _results(n: int) -> list[ArticleResult]:
    """``n`` articles over 30 months; each states a few of the edges, with varied confidence."""
    results = []
    for i in range(n):
        aid = f"art{i:04d}"
        date = f"{2018 + i % 30 // 12}-{i % 12 + 1:02d}-{1 + i % 28:02d}" if i % 7 else None
        assertions = []
        for j, (s, r, o) in enumerate(_EDGES):
            if (i + j) % 3 == 0:
                continue
            start = 40 * j
            sentence = f"{_NAMES[s]} {r} {_NAMES[o]} ({aid}, {j})."
            assertions.append(
                Assertion(
                    _role(s, start),
                    r,
                    _role(o, start + 20),
                    Evidence(aid, sentence, start, date),
                    negated=(i + j) % 11 == 0,
                    confidence=round(0.3 + ((i * 7 + j * 3) % 60) / 100, 2),
                    rule=f"rule{j}",
                )
            )
        entities = tuple(Entity(e, n_, "Country") for e, n_ in sorted(_NAMES.items()))
        article = Article(aid, "", title=f"Story {i}", date=date)
        results.append(ArticleResult(article, entities, tuple(assertions)))
    return results


@pytest.fixture(scope="module")
def busy() -> KnowledgeGraph:
    """120 articles: every edge has far more statements than a view shows."""
    return merge_results(_results(120))


def _reference(graph: KnowledgeGraph) -> list[dict[str, Any]]:
    """The records as they were made before aggregation: from every statement in a list."""
    groups: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    for a in graph.assertions:
        if a.is_fact:
            groups[(a.subject.id, a.relation, a.object.id)].append(a)
    out = []
    for (s, r, o), items in sorted(groups.items()):
        miss = 1.0
        for a in items:
            miss *= 1.0 - a.confidence
        dates = sorted(d for d in (a.evidence.date for a in items) if d)
        months = Counter(
            graph.articles[a.evidence.article].date[:7]  # type: ignore[index]
            for a in items
            if graph.articles[a.evidence.article].date
        )
        evidence = [
            {
                "article": a.evidence.article,
                "sentence": a.evidence.sentence,
                "sentence_start": a.evidence.sentence_start,
                "rule": a.rule,
                "confidence": a.confidence,
                "modality": a.modality,
                "detail": a.detail,
            }
            for a in items
        ]
        out.append(
            {
                "subject": s,
                "relation": r,
                "object": o,
                "category": category_of(r),
                "count": len(items),
                "articles": sorted({a.evidence.article for a in items}),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "confidence": round(1.0 - miss, 4),
                "weight": RELATIONS[r].weight,
                "symmetric": RELATIONS[r].symmetric,
                "evidence": evidence,
                "best_evidence": min(
                    evidence, key=lambda v: (-v["confidence"], v["article"], v["sentence_start"])
                ),
                "months": dict(sorted(months.items())),
            }
        )
    return out


@pytest.mark.parametrize("k", [1, 3, 10])
def test_records_fold_every_statement_and_keep_the_first_k(busy: KnowledgeGraph, k: int) -> None:
    graph = replace(busy)
    graph.evidence_k = k
    got, want = edge_records(graph), _reference(busy)
    assert [r["count"] for r in want] == [r["count"] for r in got]
    assert min(r["count"] for r in want) > 10
    for g, w in zip(got, want, strict=True):
        assert g["evidence"] == w["evidence"][:k]
        assert {**g, "evidence": None} == {**w, "evidence": None}


def test_a_date_window_folds_the_statements_dated_in_it(busy: KnowledgeGraph) -> None:
    since, until = "2019-03", "2019-11-15"
    windowed = edge_records(busy, since=since, until=until)
    inside = [a for a in busy.assertions if in_window(a.evidence.date, since, until)]
    flat = KnowledgeGraph(busy.entity_map, inside, dict(busy.articles.items()))
    assert windowed == [{**r, "evidence": r["evidence"][:10]} for r in _reference(flat)]
    assert 0 < sum(r["count"] for r in windowed) < sum(r["count"] for r in edge_records(busy))


def test_streamed_and_in_memory_graphs_give_the_same_edges() -> None:
    results = _results(60)
    streamed, reference = merge_results(results), _merge_results_in_memory(results)
    assert edge_records(streamed) == edge_records(reference)


def _with_k(graph: KnowledgeGraph, k: int) -> KnowledgeGraph:
    copy = replace(graph)
    copy.evidence_k = k
    return copy


def _first(evidence: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    return sorted(evidence, key=lambda v: (v["article"], v["sentence_start"]))[:n]


def _drop_evidence(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k != "evidence"}


def test_views_and_exports_are_those_of_every_statement(busy: KnowledgeGraph) -> None:
    # K as large as the corpus is the fold of every statement, as before aggregation.
    everything, default = _with_k(busy, 10**6), _with_k(busy, 10)
    assert html_view(default) == html_view(everything)
    # The diagrams draw from these; only the evidence lists differ (the first K).
    for small, full in [
        (select(default, max_nodes=3).edges, select(everything, max_nodes=3).edges),
        *(
            (p.relations, q.relations)
            for p, q in zip(overview(default).pairs, overview(everything).pairs, strict=True)
        ),
    ]:
        assert [_drop_evidence(e) for e in small] == [_drop_evidence(e) for e in full]
        for e, f in zip(small, full, strict=True):  # the first statements in article order
            assert _first(e["evidence"], 10) == _first(f["evidence"], 10)
    assert export_tables(default) == export_tables(everything)
    assert export_tables(default, since="2019") == export_tables(everything, since="2019")


def test_a_small_k_shows_fewer_sentences_and_counts_the_rest(busy: KnowledgeGraph) -> None:
    import json
    import re

    page = html_view(_with_k(busy, 2))
    raw = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S)
    assert raw is not None
    data = json.loads(raw.group(1))
    threat = next(e for e in data["edges"] if e["relation"] == "threatens")
    assert len(threat["evidence"]) == 2
    assert threat["more"] == threat["count"] - 2 > 0
    assert "at most 2 evidence sentences" in data["caption"]


def test_aggregating_out_of_order_still_sorts_the_articles() -> None:
    facts = [a for r in reversed(_results(12)) for a in r.assertions if a.is_fact]
    for rec in aggregate_edges(facts).records:
        assert rec["articles"] == sorted(set(rec["articles"]))


@pytest.mark.parametrize("k", [0, -3, 2.5, True])
def test_evidence_k_must_be_a_whole_number_of_at_least_one(k: Any) -> None:
    with pytest.raises(InputError, match="evidence_k must be a whole number"):
        check_evidence_k(k)
