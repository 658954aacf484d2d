from __future__ import annotations

import os
import subprocess
import sys
import warnings
from dataclasses import replace
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, PROV

from kg.errors import ExportError
from kg.graph import KnowledgeGraph, merge_results
from kg.rdf import (
    KG,
    ONTOLOGY_IRI,
    SCHEMA,
    STATEMENT,
    article_iri,
    entity_iri,
    from_rdflib,
    graph_from_triples,
    parse_file,
    read_graph,
    serialize,
    statement_id,
    stored_graph_from_triples,
    to_rdflib,
    write_graph,
    write_ontology,
)
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


@pytest.mark.parametrize("order", ["as written", "shuffled"])
def test_load_keeps_the_evidence_on_disk_and_gives_the_in_memory_graph(
    multi_graph: KnowledgeGraph, tmp_path: Path, order: str
) -> None:
    import random

    from kg.builddb import StoredAssertions
    from kg.graph import edge_records

    triples = list(parse_file(write_graph(multi_graph, tmp_path / "g.ttl")))
    if order == "shuffled":  # a file not grouped by subject (JSON-LD, a foreign writer)
        random.Random(3).shuffle(triples)
    in_memory = graph_from_triples(triples)
    stored = stored_graph_from_triples(triples)
    assert isinstance(stored.assertions, StoredAssertions)
    assert stored.entity_map == in_memory.entity_map
    assert list(stored.assertions) == in_memory.assertions == multi_graph.assertions
    assert dict(stored.articles.items()) == in_memory.articles
    assert stored.summary() == in_memory.summary()
    assert edge_records(stored) == edge_records(in_memory)
    assert serialize(stored) == serialize(in_memory)


def test_a_statement_without_its_entities_is_an_input_error() -> None:
    from kg.errors import InputError

    node = str(STATEMENT["x"])
    triples = [(node, str(RDF.type), str(KG.Assertion)), (node, str(RDF.subject), "urn:nobody")]
    with pytest.raises(InputError, match="lacks a subject, predicate or object entity"):
        stored_graph_from_triples(triples)


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


FORMATS = {"turtle": "ttl", "trig": "trig", "nt": "nt", "json-ld": "jsonld"}


def rdflib_union(source: Path | bytes, fmt: str) -> Graph:
    """Parse with rdflib into one graph (a TriG file's graphs merged)."""
    union = Graph()
    with warnings.catch_warnings():
        # rdflib's TriG and JSON-LD parsers use its own deprecated ConjunctiveGraph.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        if isinstance(source, bytes):
            dataset.parse(data=source, format=fmt)
        else:
            dataset.parse(source, format=fmt)
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
    return union


def test_every_format_is_byte_identical_across_processes(tmp_path: Path) -> None:
    # Two builds of the sample in two processes with different hash seeds.
    code = (
        "import kg, sys; from kg.rdf import write_graph; g = kg.build(kg.sample_path()); "
        "[write_graph(g, f'{sys.argv[1]}/graph.{s}') for s in sys.argv[2:]]"
    )
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", code, str(out), *FORMATS.values()], check=True, env=env
        )
        outs.append({s: (out / f"graph.{s}").read_bytes() for s in FORMATS.values()})
    for suffix in FORMATS.values():
        assert outs[0][suffix] == outs[1][suffix], suffix
        assert len(outs[0][suffix]) > 10_000


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_with_rdflib_and_pyoxigraph(
    sample_graph: KnowledgeGraph, tmp_path: Path, fmt: str
) -> None:
    path = write_graph(sample_graph, tmp_path / f"graph.{FORMATS[fmt]}")
    union = rdflib_union(path, fmt)
    assert isomorphic(union, to_rdflib(sample_graph))
    ox_format = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "json-ld": pyoxigraph.RdfFormat.JSON_LD,
    }[fmt]
    quads = list(pyoxigraph.parse(path=str(path), format=ox_format))
    assert len({(q.subject, q.predicate, q.object) for q in quads}) == len(union)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_loads_back_to_the_same_graph(
    sample_graph: KnowledgeGraph, tmp_path: Path, fmt: str
) -> None:
    loaded = read_graph(write_graph(sample_graph, tmp_path / f"graph.{FORMATS[fmt]}"))
    assert loaded.entity_map == sample_graph.entity_map
    assert loaded.assertions == sample_graph.assertions
    assert {k: replace(v, origin="") for k, v in sample_graph.articles.items()} == loaded.articles


def test_trig_has_one_named_graph_per_article() -> None:
    graph = merge_results([_article_result("a1", "Russia"), _article_result("a2", "Iran")])
    quads = list(pyoxigraph.parse(serialize(graph, "trig"), format=pyoxigraph.RdfFormat.TRIG))
    graphs: dict[str, set[tuple[str, str, str]]] = {}
    for q in quads:
        name = "" if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else q.graph_name.value
        graphs.setdefault(name, set()).add((q.subject.value, q.predicate.value, q.object.value))
    assert set(graphs) == {"", str(article_iri("a1")), str(article_iri("a2"))}
    first = graphs[str(article_iri("a1"))]
    # The article's statement node and its direct claim; nothing from the other article.
    assert (str(entity_iri("russia")), str(KG.attacks), str(entity_iri("ukraine"))) in first
    assert not any(s == str(entity_iri("iran")) for s, _, _ in first)
    assert sum(1 for _, p, o in first if p == str(RDF.type) and o == str(KG.Assertion)) == 1
    default = graphs[""]
    assert (str(KG.attacks), str(RDFS.subPropertyOf), str(KG.conflict)) in default
    assert (str(entity_iri("russia")), str(RDFS.label), "Russia") in default
    assert (str(article_iri("a1")), str(RDF.type), str(SCHEMA.NewsArticle)) in default
    assert not any(p == str(RDF.type) and o == str(KG.Assertion) for _, p, o in default)


def test_statement_nodes_carry_provenance_and_offsets(sample_graph: KnowledgeGraph) -> None:
    g = to_rdflib(sample_graph)
    a = next(x for x in sample_graph.assertions if x.relation == "threatens")
    node = STATEMENT[statement_id(a)]
    assert (node, RDF.type, KG.Assertion) in g
    assert g.value(node, PROV.wasDerivedFrom) == article_iri(a.evidence.article)
    assert (article_iri(a.evidence.article), RDF.type, SCHEMA.NewsArticle) in g
    assert int(g.value(node, KG.subjectStart)) == a.subject.start
    end = a.evidence.sentence_start + len(a.evidence.sentence)
    assert int(g.value(node, KG.sentenceEnd)) == end
    assert str(g.value(node, KG.evidenceText)) == a.evidence.sentence
    assert (entity_iri("japan"), OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q17")) in g
    assert (entity_iri("japan"), RDF.type, SCHEMA.Country) in g


def test_article_metadata_is_schema_news_article() -> None:
    graph = merge_results([_article_result("a1", "Russia")])
    g = to_rdflib(graph)
    node = article_iri("a1")
    assert g.value(node, SCHEMA.headline) == Literal("Title a1")
    assert g.value(node, SCHEMA.datePublished) == Literal("2022-02-24", datatype=XSD.date)
    assert str(g.value(node, SCHEMA.url)) == "https://example.org/a1"
    assert str(g.value(node, SCHEMA.publisher)) == "Example News"


def test_ontology_is_written_beside_the_data(tmp_path: Path) -> None:
    path = write_ontology(tmp_path / "ontology.ttl")
    onto = Graph().parse(path, format="turtle")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert (KG.alliedWith, RDF.type, OWL.SymmetricProperty) in onto
    assert (KG.negated, RDFS.range, XSD.boolean) in onto
    assert not list(onto.subjects(RDF.type, KG.Assertion))


def test_unknown_format_lists_the_valid_ones(sample_graph: KnowledgeGraph) -> None:
    with pytest.raises(ExportError, match="turtle, trig, nt, json-ld"):
        serialize(sample_graph, "rdfxml")


def _article_result(aid: str, actor: str) -> ArticleResult:
    text = f"{actor} attacked Ukraine."
    art = Article(
        id=aid,
        text=text,
        title=f"Title {aid}",
        date="2022-02-24",
        source="Example News",
        url=f"https://example.org/{aid}",
    )
    s = Role(actor.lower(), actor, "Country", None, actor, 0, len(actor))
    o = Role("ukraine", "Ukraine", "Country", "Q212", "Ukraine", len(actor) + 10, len(text) - 1)
    a = Assertion(s, "attacks", o, Evidence(aid, text, 0, art.date), rule="svo", confidence=0.8)
    ents = (Entity(s.id, actor, "Country"), Entity(o.id, "Ukraine", "Country", (), "Q212"))
    return ArticleResult(art, ents, (a,))


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
    assert back.entity_map == graph.entity_map
    for fmt in ("nt", "json-ld", "trig"):
        assert isomorphic(rdflib_union(serialize(graph, fmt), fmt), parsed), fmt
    trig = pyoxigraph.parse(serialize(graph, "trig"), format=pyoxigraph.RdfFormat.TRIG)
    assert len({(q.subject, q.predicate, q.object) for q in trig}) == len(parsed)
