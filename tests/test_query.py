from __future__ import annotations

import pickle
from pathlib import Path

import pytest

import kg
from kg.errors import InputError, OntologyError
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


def test_entities_is_a_table_of_actors(sample_graph: KnowledgeGraph) -> None:
    df = sample_graph.entities()
    assert list(df.columns) == ["id", "name", "type", "qid", "aliases", "assertions", "facts"]
    assert len(df) == len(sample_graph.entity_map)
    us = df.set_index("id").loc["united-states"]
    assert us["qid"] == "Q30" and "U.S." in us["aliases"]
    assert df.iloc[0]["facts"] == df["facts"].max()
    countries = sample_graph.entities(type="Country")
    assert set(countries["type"]) == {"Country"}
    assert {"Japan", "China"} <= set(countries["name"])
    with pytest.raises(InputError, match="Country, Person"):
        sample_graph.entities(type="Nation")


def test_unknown_relation_and_category_are_errors(sample_graph: KnowledgeGraph) -> None:
    with pytest.raises(OntologyError, match="threatens"):
        sample_graph.relations(relation="threaten")
    with pytest.raises(OntologyError, match="conflict"):
        sample_graph.evidence(category="hostile")


def test_symmetric_relations_are_found_from_either_end(sample_graph: KnowledgeGraph) -> None:
    for name in ("Japan", "United States"):
        df = sample_graph.relations(subject=name, relation="alliedWith")
        assert len(df) >= 1 and set(df["subject_name"]) == {sample_graph.find(name).name}
    ev = sample_graph.evidence(subject="U.S.", object="Japan", relation="alliedWith")
    assert not ev.empty


def test_evidence_gives_articles_and_offsets(sample_graph: KnowledgeGraph) -> None:
    text = kg.sample_path().read_text(encoding="utf-8")
    ev = sample_graph.evidence(relation="threatens", object="Japan")
    assert set(ev["subject"]) == {"North Korea"}
    for row in ev.itertuples():
        assert text[row.sentence_start : row.sentence_end] == row.sentence
        assert text[row.subject_start : row.subject_end] == row.subject_text
        assert text[row.object_start : row.object_end] == row.object_text
        assert row.article in sample_graph.articles
    everything = sample_graph.evidence(include_non_facts=True)
    assert len(everything) == len(sample_graph.assertions)
    assert (~everything["modality"].isin(["asserted", "reported"]) | everything["negated"]).any()
    one = sample_graph.evidence(article=next(iter(sample_graph.articles)))
    assert len(one) == sum(a.is_fact for a in sample_graph.assertions)


def test_allies_and_adversaries(sample_graph: KnowledgeGraph) -> None:
    allies = sample_graph.allies("Japan")
    assert "United States" in set(allies["name"])
    us = allies.set_index("name").loc["United States"]
    assert "alliedWith" in us["outgoing"] and "alliedWith" in us["incoming"]
    assert us["weight"] > 0
    enemies = sample_graph.adversaries("Japan")
    nk = enemies.set_index("name").loc["North Korea"]
    assert list(nk["incoming"]) == ["threatens"] and list(nk["outgoing"]) == []
    assert nk["weight"] < 0
    assert "North Korea" not in set(allies["name"])
    with pytest.raises(InputError, match="Japan"):
        sample_graph.allies("Japn")


def test_path_links_two_actors(sample_graph: KnowledgeGraph) -> None:
    df = sample_graph.path("Tokyo", "China")
    assert list(df["step"]) == list(range(1, len(df) + 1))
    assert df.iloc[0]["source"] == "Japan" and df.iloc[-1]["target"] == "China"
    assert all(df["target_id"].iloc[:-1].to_numpy() == df["source_id"].iloc[1:].to_numpy())
    g = sample_graph.to_networkx()
    for row in df.itertuples():
        ends = (row.source_id, row.target_id)
        a, b = ends if row.direction == "->" else ends[::-1]
        assert g.has_edge(a, b, row.relation)
    hostile = sample_graph.path("Japan", "North Korea", category="conflict")
    assert len(hostile) == 1 and hostile.iloc[0]["relation"] == "threatens"
    alone = sample_graph.path("Japan", "China", category="location")
    assert alone.empty and list(alone.columns) == list(df.columns)


def test_sparql_engines_agree(sample_graph: KnowledgeGraph) -> None:
    query = """
        SELECT ?who ?how ?confidence WHERE {
          ?st rdf:subject ?s ; rdf:predicate ?p ; kg:confidence ?confidence .
          ?p rdfs:subPropertyOf kg:conflict ; rdfs:label ?how . ?s rdfs:label ?who .
        } ORDER BY ?who ?how ?confidence
    """
    fast = sample_graph.sparql(query)
    slow = sample_graph.sparql(query, engine="rdflib")
    assert not fast.empty
    assert fast.equals(slow)
    assert fast["confidence"].dtype.kind == "f"
    with pytest.raises(InputError, match="SELECT"):
        sample_graph.sparql("ASK { ?s ?p ?o }")
    with pytest.raises(InputError, match="SPARQL"):
        sample_graph.sparql("SELEKT nothing", engine="rdflib")
    with pytest.raises(InputError, match="oxigraph, rdflib"):
        sample_graph.sparql(query, engine="virtuoso")


def test_views_of_the_graph(sample_graph: KnowledgeGraph) -> None:
    g = sample_graph.to_networkx()
    assert g.has_edge("north-korea", "japan", "threatens")
    rdf = sample_graph.to_rdflib()
    assert len(rdf) > 1000
    assert rdf is not sample_graph.to_rdflib()  # a new graph each time: the caller's to change
    sample_graph.sparql("SELECT ?s WHERE { ?s a kg:Assertion } LIMIT 1")  # builds a view
    copy = pickle.loads(pickle.dumps(sample_graph))  # views do not travel; the data does
    assert copy == sample_graph
    assert copy.sparql("SELECT ?s WHERE { ?s a kg:Assertion }").shape[0] == len(copy.assertions)


def test_loaded_graph_answers_like_the_built_one(
    sample_graph: KnowledgeGraph, sample_ttl: Path
) -> None:
    loaded = kg.load(sample_ttl)
    assert loaded.relations().equals(sample_graph.relations())
    assert loaded.evidence().equals(sample_graph.evidence())
    assert loaded.entities().equals(sample_graph.entities())
    assert loaded.allies("Japan").equals(sample_graph.allies("Japan"))


def test_evidence_filters_by_article(multi_graph: KnowledgeGraph) -> None:
    facts_per_article: dict[str, int] = {}
    for a in multi_graph.assertions:
        if a.is_fact:
            facts_per_article[a.evidence.article] = facts_per_article.get(a.evidence.article, 0) + 1
    assert len(facts_per_article) == 3
    total = len(multi_graph.evidence())
    for article, n in facts_per_article.items():
        rows = multi_graph.evidence(article=article)
        assert set(rows["article"]) == {article}
        assert len(rows) == n < total
