from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from clirun import run_kg as kg
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from kg.graph import KnowledgeGraph
from kg.rdf import ENTITY, KG, to_rdflib, write_graph
from kg.store import write_store
from kg.validate import shapes_path, validate


@pytest.mark.parametrize("suffix", ["ttl", "trig", "nt", "jsonld", "store"])
def test_sample_output_conforms_in_every_form(
    sample_graph: KnowledgeGraph, tmp_path: Path, suffix: str
) -> None:
    if suffix == "store":
        path = tmp_path / "store"
        write_store(sample_graph, path)
    else:
        path = write_graph(sample_graph, tmp_path / f"graph.{suffix}")
    report = validate(path)
    assert report.conforms, report.violations[:5]
    assert report.triples == len(to_rdflib(sample_graph))


def _first_statement(g: Graph) -> URIRef:
    return sorted(s for s in g.subjects(RDF.type, KG.Assertion) if isinstance(s, URIRef))[0]


def _replace(g: Graph, prop: URIRef, value: Literal | URIRef) -> None:
    node = _first_statement(g)
    g.remove((node, prop, None))
    g.add((node, prop, value))


Mutation = Callable[[Graph], None]
BROKEN: dict[str, tuple[Mutation, str]] = {
    "direct claim without a statement": (
        lambda g: g.add((ENTITY.japan, KG.attacks, ENTITY.china)),
        "no statement node",
    ),
    "two Wikidata links": (
        lambda g: g.add((ENTITY.japan, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q5"))),
        "one Wikidata item",
    ),
    "unknown modality": (lambda g: _replace(g, KG.modality, Literal("maybe")), "maybe"),
    "confidence above one": (
        lambda g: _replace(g, KG.confidence, Literal("1.5", datatype=XSD.decimal)),
        "<=",
    ),
    "predicate outside the ontology": (
        lambda g: _replace(g, RDF.predicate, KG.likes),
        "relation of the ontology",
    ),
    "relation in two categories": (
        lambda g: g.add((KG.threatens, RDFS.subPropertyOf, KG.cooperation)),
        "one category",
    ),
    "statement without its article": (
        lambda g: g.remove((_first_statement(g), PROV.wasDerivedFrom, None)),
        "exactly one schema:NewsArticle",
    ),
    "untyped actor": (
        lambda g: g.remove((ENTITY.japan, RDF.type, None)),
        "schema:Country",
    ),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_shapes_catch_broken_graphs(sample_graph: KnowledgeGraph, case: str) -> None:
    mutate, expected = BROKEN[case]
    g = to_rdflib(sample_graph)
    mutate(g)
    report = validate(g)
    assert not report.conforms
    assert any(expected in v.message for v in report.violations), report.violations[:5]


def test_shapes_ship_with_the_package() -> None:
    shapes = Graph().parse(shapes_path(), format="turtle")
    assert len(shapes) > 100


def test_validate_command_exit_codes(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    good = write_graph(sample_graph, tmp_path / "graph.ttl")
    ok = kg("validate", str(good))
    assert ok.returncode == 0, ok.stderr
    assert "conforms" in ok.stdout
    g = to_rdflib(sample_graph)
    g.add((ENTITY.japan, KG.attacks, ENTITY.china))
    bad = tmp_path / "bad.ttl"
    g.serialize(bad, format="turtle")
    result = kg("validate", str(bad))
    assert result.returncode == 1
    assert "does not conform" in result.stdout and "entity/japan" in result.stdout
    missing = kg("validate", str(tmp_path / "nope.ttl"))
    assert missing.returncode == 2 and "nope.ttl" in missing.stderr
