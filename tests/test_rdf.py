from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.graph import KnowledgeGraph, merge_results
from kg.rdf import KG, from_rdflib, read_graph, to_rdflib, write_graph
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role


def test_turtle_round_trip_is_isomorphic(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    path = write_graph(sample_graph, tmp_path / "g.ttl")
    parsed = Graph().parse(path, format="turtle")
    assert isomorphic(parsed, to_rdflib(sample_graph))


def test_turtle_parses_with_pyoxigraph(sample_ttl: Path) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(sample_ttl), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 100


def test_load_rebuilds_the_graph(sample_graph: KnowledgeGraph, sample_ttl: Path) -> None:
    loaded = read_graph(sample_ttl)
    assert len(loaded.assertions) == len(sample_graph.assertions)
    assert {a.key() for a in loaded.assertions} == {a.key() for a in sample_graph.assertions}
    assert isomorphic(to_rdflib(loaded), to_rdflib(sample_graph))


def test_non_facts_are_statements_but_not_direct_triples(sample_graph: KnowledgeGraph) -> None:
    g = to_rdflib(sample_graph)
    non_facts = [a for a in sample_graph.assertions if not a.is_fact]
    assert non_facts, "the sample has hypothetical/intended statements"
    facts = {(a.subject.id, a.relation, a.object.id) for a in sample_graph.assertions if a.is_fact}
    for a in non_facts:
        if (a.subject.id, a.relation, a.object.id) in facts:
            continue
        q = g.query(
            "ASK { ?s ?p ?o } ",
            initBindings={
                "s": g.value(predicate=KG.entityId, object=_lit(a.subject.id)),
                "o": g.value(predicate=KG.entityId, object=_lit(a.object.id)),
                "p": KG[a.relation],
            },
        )
        assert not q.askAnswer, a


def _lit(text: str):  # type: ignore[no-untyped-def]
    from rdflib import Literal

    return Literal(text)


def test_categories_are_superproperties(sample_graph: KnowledgeGraph) -> None:
    g = to_rdflib(sample_graph)
    rows = list(
        g.query(
            "SELECT ?s ?o WHERE { ?s ?p ?o . ?p rdfs:subPropertyOf kg:conflict }",
            initNs={"kg": KG},
        )
    )
    assert rows


def test_serialization_is_byte_identical_across_processes(tmp_path: Path) -> None:
    code = (
        "import kg, sys; from kg.rdf import write_graph; "
        "write_graph(kg.build(kg.sample_path()), sys.argv[1])"
    )
    outs = []
    for i in range(2):
        out = tmp_path / f"g{i}.ttl"
        subprocess.run([sys.executable, "-c", code, str(out)], check=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def _graph_with_name(name: str) -> KnowledgeGraph:
    text = f"{name} attacked {name}2."
    art = Article(id=name[:30] or "x", text=text, title=name, url="http://x/?a=" + name)
    s = Role("person-" + name, name, "Person", None, name, 0, len(name))
    o = Role("org-" + name + "2", name + "2", "Organization", None, name + "2", 0, 1)
    a = Assertion(s, "attacks", o, Evidence(art.id, text, 0), rule="svo", confidence=0.8)
    res = ArticleResult(
        art,
        (Entity(s.id, s.name, "Person"), Entity(o.id, o.name, "Organization")),
        (a,),
    )
    return merge_results([res])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=60))
def test_hostile_names_give_valid_rdf(name: str) -> None:
    graph = _graph_with_name(name)
    data = to_rdflib(graph).serialize(format="turtle", encoding="utf-8")
    parsed = Graph().parse(data=data, format="turtle")
    assert isomorphic(parsed, to_rdflib(graph))
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    back = from_rdflib(parsed)
    assert len(back.assertions) == 1
