from __future__ import annotations

import pytest

from kg.errors import InputError
from kg.graph import KnowledgeGraph
from kg.query import find_entity


def test_names_resolve_through_aliases(sample_graph: KnowledgeGraph) -> None:
    assert find_entity(sample_graph, "U.S.") == "united-states"
    assert find_entity(sample_graph, "the United States") == "united-states"
    assert find_entity(sample_graph, "Pyongyang") == "north-korea"


def test_unknown_name_suggests_close_ones(sample_graph: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="North Korea"):
        find_entity(sample_graph, "North Koria")


def test_relations_filters(sample_graph: KnowledgeGraph) -> None:
    df = sample_graph.relations(object="Japan", category="conflict")
    assert "North Korea" in set(df["subject_name"])
    assert set(df["category"]) == {"conflict"}
    allies = sample_graph.relations(subject="Japan", relation="alliedWith")
    assert "United States" in set(allies["object_name"])
    assert sample_graph.relations(min_confidence=1.01).empty


def test_evidence_points_to_sentences(sample_graph: KnowledgeGraph) -> None:
    ev = sample_graph.evidence(subject="North Korea", relation="threatens")
    assert not ev.empty
    assert ev["sentence"].str.contains("threatened").any()


def test_sparql_returns_a_dataframe(sample_graph: KnowledgeGraph) -> None:
    df = sample_graph.sparql(
        "SELECT ?name WHERE { ?x a schema:Country ; rdfs:label ?name } ORDER BY ?name"
    )
    assert {"Japan", "North Korea", "United States"} <= set(df["name"])
