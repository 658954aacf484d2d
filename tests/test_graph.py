from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.graph import KnowledgeGraph, edge_records, merge_graphs, merge_results, to_networkx
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role


def _result(aid: str, subj: str, rel: str, obj: str, *, conf: float = 0.5) -> ArticleResult:
    text = f"{subj} {rel} {obj}."
    s = Role(subj.lower(), subj, "Country", None, subj, 0, len(subj))
    o = Role(obj.lower(), obj, "Country", None, obj, len(text) - len(obj) - 1, len(text) - 1)
    a = Assertion(s, rel, o, Evidence(aid, text, 0, "2020-01-0" + aid[-1]), confidence=conf)
    ents = (Entity(s.id, subj, "Country", (subj.upper(),)), Entity(o.id, obj, "Country"))
    return ArticleResult(Article(aid, text, date="2020-01-0" + aid[-1]), ents, (a,))


RESULTS = [
    _result("a1", "Japan", "alliedWith", "Korea", conf=0.6),
    _result("a2", "Japan", "alliedWith", "Korea", conf=0.5),
    _result("a3", "Russia", "threatens", "Japan", conf=0.7),
]


def test_edges_merge_counts_dates_and_noisy_or() -> None:
    graph = merge_results(RESULTS)
    rec = next(r for r in edge_records(graph) if r["relation"] == "alliedWith")
    assert rec["count"] == 2
    assert rec["articles"] == ["a1", "a2"]
    assert (rec["first_date"], rec["last_date"]) == ("2020-01-01", "2020-01-02")
    assert abs(rec["confidence"] - (1 - 0.4 * 0.5)) < 1e-9


def test_networkx_materializes_symmetric_edges_only() -> None:
    g = to_networkx(merge_results(RESULTS))
    assert g.has_edge("japan", "korea", "alliedWith")
    assert g.has_edge("korea", "japan", "alliedWith")
    assert g.has_edge("russia", "japan", "threatens")
    assert not g.has_edge("japan", "russia", "threatens")
    assert g.nodes["japan"]["name"] == "Japan"


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(len(RESULTS))))
def test_merge_is_order_independent(order: list[int]) -> None:
    base = merge_results(RESULTS)
    other = merge_results([RESULTS[i] for i in order])
    assert base.assertions == other.assertions
    assert base.entity_map == other.entity_map


def test_aliases_are_united_across_articles() -> None:
    graph = merge_results(RESULTS)
    assert "JAPAN" in graph.entity_map["japan"].aliases


def test_non_facts_are_not_edges() -> None:
    res = _result("a4", "France", "attacks", "Spain")
    neg = ArticleResult(
        res.article,
        res.entities,
        tuple(
            Assertion(a.subject, a.relation, a.object, a.evidence, negated=True)
            for a in res.assertions
        ),
    )
    graph: KnowledgeGraph = merge_results([neg])
    assert graph.assertions and not edge_records(graph)
    assert list(itertools.chain(to_networkx(graph).edges)) == []


def test_merge_graphs_equals_merging_everything_at_once() -> None:
    whole = merge_results(RESULTS)
    stepped = merge_graphs(merge_results(RESULTS[:1]), merge_results(RESULTS[1:]))
    assert stepped.entity_map == whole.entity_map
    assert stepped.assertions == whole.assertions
    assert stepped.articles == whole.articles


def test_merge_graphs_replaces_an_article_of_the_same_id() -> None:
    base = merge_results(RESULTS)
    again = merge_results([_result("a3", "Russia", "sanctions", "Japan")])
    merged = merge_graphs(base, again)
    relations = {a.relation for a in merged.assertions if a.evidence.article == "a3"}
    assert relations == {"sanctions"}
    assert len(merged.assertions) == len(base.assertions)
