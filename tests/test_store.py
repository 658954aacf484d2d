from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from clirun import run_kg as kg_cli

import kg
from kg.errors import ExportError, InputError
from kg.graph import KnowledgeGraph, merge_graphs, merge_results
from kg.rdf import write_graph
from kg.store import append_store, is_store, load_store, memory_store, open_dataset, write_store
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role


def triples(store: object) -> set[str]:
    return {f"{q.subject} {q.predicate} {q.object}" for q in store}  # type: ignore[attr-defined]


def file_triples(path: Path) -> set[str]:
    # Through a store: stores keep numbers in canonical form ("-4e+00" becomes "-4").
    store = pyoxigraph.Store()
    store.load(path=path, format=pyoxigraph.RdfFormat.TURTLE)
    return triples(store)


def test_store_holds_exactly_the_turtle_triples(
    sample_graph: KnowledgeGraph, sample_ttl: Path, tmp_path: Path
) -> None:
    count = write_store(sample_graph, tmp_path / "store")
    assert is_store(tmp_path / "store")
    store = pyoxigraph.Store.read_only(str(tmp_path / "store"))
    assert triples(store) == file_triples(sample_ttl)
    assert count == len(store)


def test_load_works_on_a_file_and_a_store(
    sample_graph: KnowledgeGraph, sample_ttl: Path, tmp_path: Path
) -> None:
    write_store(sample_graph, tmp_path / "store")
    for source in (sample_ttl, tmp_path / "store"):
        graph = kg.load(source)
        assert graph.entity_map == sample_graph.entity_map
        assert graph.assertions == sample_graph.assertions
        df = graph.sparql("SELECT ?who WHERE { ?who kg:threatens kge:japan }")
        assert list(df["who"]) == ["https://w3id.org/kg-news/entity/north-korea"]


def test_a_store_backed_graph_queries_the_store(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    write_store(sample_graph, tmp_path / "store")
    # A triple that only the store on disk holds: a graph rebuilt in memory from kg's own
    # entities and assertions would not have it.
    store = pyoxigraph.Store(str(tmp_path / "store"))
    probe = pyoxigraph.NamedNode("urn:kg-test:probe")
    store.add(
        pyoxigraph.Quad(probe, pyoxigraph.NamedNode("urn:kg-test:says"), pyoxigraph.Literal("disk"))
    )
    store.flush()
    del store
    graph = kg.load(tmp_path / "store")
    rows = graph.sparql("SELECT ?o WHERE { <urn:kg-test:probe> <urn:kg-test:says> ?o }")
    assert [str(v) for v in rows["o"]] == ["disk"]
    assert len(graph.view("oxigraph")) == len(memory_store(sample_graph)) + 1


def test_writing_a_store_replaces_it_and_never_clobbers_other_folders(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    target = tmp_path / "store"
    write_store(KnowledgeGraph(), target)
    small = len(pyoxigraph.Store.read_only(str(target)))
    write_store(sample_graph, target)
    assert len(pyoxigraph.Store.read_only(str(target))) > small
    assert [p.name for p in tmp_path.iterdir()] == ["store"]  # no temporary folders left
    other = tmp_path / "notes"
    other.mkdir()
    (other / "todo.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ExportError, match="not a kg store"):
        write_store(sample_graph, other)
    assert (other / "todo.txt").read_text(encoding="utf-8") == "keep me"


def test_not_a_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a kg store"):
        load_store(tmp_path)
    with pytest.raises(InputError, match="nope.ttl"):
        open_dataset(tmp_path / "nope.ttl")


def _result(aid: str, actor: str, alias: str) -> ArticleResult:
    text = f"{alias} attacked Ukraine."
    s = Role(actor.lower(), actor, "Country", None, alias, 0, len(alias))
    o = Role("ukraine", "Ukraine", "Country", "Q212", "Ukraine", len(alias) + 10, len(text) - 1)
    a = Assertion(s, "attacks", o, Evidence(aid, text, 0), rule="svo", confidence=0.8)
    ents = (
        Entity(s.id, actor, "Country", (alias,)),
        Entity(o.id, "Ukraine", "Country", (), "Q212"),
    )
    return ArticleResult(Article(aid, text, title=aid), ents, (a,))


def test_append_writes_only_what_changed_and_equals_a_fresh_write(tmp_path: Path) -> None:
    first = _result("a1", "Russia", "Moscow")
    second = _result("a2", "Russia", "the Kremlin")  # a new alias changes Russia's description
    base = merge_results([first])
    merged = merge_graphs(base, merge_results([second]))
    assert merged.entity_map == merge_results([first, second]).entity_map
    write_store(base, tmp_path / "appended")
    append_store(tmp_path / "appended", base, merged)
    write_store(merged, tmp_path / "fresh")
    appended = triples(pyoxigraph.Store.read_only(str(tmp_path / "appended")))
    assert appended == triples(pyoxigraph.Store.read_only(str(tmp_path / "fresh")))
    assert any('"the Kremlin"' in t for t in appended)


def test_append_refuses_to_replace_an_article(tmp_path: Path) -> None:
    base = merge_results([_result("a1", "Russia", "Moscow")])
    changed = merge_graphs(base, merge_results([_result("a1", "Iran", "Tehran")]))
    write_store(base, tmp_path / "store")
    with pytest.raises(ExportError, match="a1"):
        append_store(tmp_path / "store", base, changed)


ARTICLES = {
    "a.txt": "Tensions rise\n\nRussia attacked Ukraine on Monday. Russian President Vladimir "
    "Putin met with Chinese President Xi Jinping in Moscow.\n",
    "b.txt": "Sanctions\n\nThe United States imposed sanctions on Russia. Japan and the U.S. "
    "held joint exercises with South Korea.\n",
}


def test_build_append_equals_a_build_of_everything(tmp_path: Path) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    a, b = str(tmp_path / "a.txt"), str(tmp_path / "b.txt")
    step, full = tmp_path / "step", tmp_path / "full"
    common = ("--no-plot", "--no-progress", "--format", "turtle", "--format", "trig")
    first = kg_cli("build", a, "-o", str(step), "--store", str(step / "store"), *common)
    assert first.returncode == 0, first.stderr
    second = kg_cli(
        "build", a, b, "-o", str(step), "--store", str(step / "store"), "--append", *common
    )
    assert second.returncode == 0, second.stderr
    assert "appended:   1 new articles" in second.stdout
    assert "skipped:    1 articles already in the graph" in second.stdout
    whole = kg_cli("build", a, b, "-o", str(full), "--store", str(full / "store"), *common)
    assert whole.returncode == 0, whole.stderr
    for name in (
        "graph.ttl",
        "graph.trig",
        "assertions.jsonl",
        "ontology.ttl",
        "entities.json",
        "merges.jsonl",
    ):
        assert (step / name).read_bytes() == (full / name).read_bytes(), name
    stepped = triples(pyoxigraph.Store.read_only(str(step / "store")))
    assert stepped == triples(pyoxigraph.Store.read_only(str(full / "store")))
    assert stepped == file_triples(full / "graph.ttl")


def test_query_and_stats_read_a_store(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    write_store(sample_graph, tmp_path / "store")
    write_graph(sample_graph, tmp_path / "graph.trig")
    query = "SELECT ?who WHERE { ?s kg:threatens kge:japan . ?s rdfs:label ?who }"
    for source in ("store", "graph.trig"):
        for engine in ("oxigraph", "rdflib"):
            result = kg_cli("query", str(tmp_path / source), query, "--engine", engine)
            assert result.returncode == 0, result.stderr
            assert "North Korea" in result.stdout, (source, engine)
    stats = kg_cli("stats", str(tmp_path / "store"))
    assert stats.returncode == 0, stats.stderr
    assert "North Korea" in stats.stdout


def test_a_graph_on_disk_answers_sparql_from_a_store_on_disk(
    sample_graph: KnowledgeGraph, sample_ttl: Path
) -> None:
    from kg.builddb import StoredAssertions
    from kg.query import sparql

    query = "SELECT ?s ?o WHERE { ?s ?p ?o . ?p rdfs:subPropertyOf kg:conflict } ORDER BY ?s ?o"
    expected = sparql(memory_store(sample_graph), query)
    assert len(expected) > 0
    built = merge_results([_result("a1", "Russia", "Ukraine"), _result("a2", "Iran", "Iraq")])
    for graph in (sample_graph, kg.load(sample_ttl), built):
        assert isinstance(graph.assertions, StoredAssertions)
        folder = graph.assertions.db.path.parent / "oxigraph"
        view = graph.view("oxigraph")
        assert is_store(folder / "store")  # beside the statements, and removed with them
        assert triples(view) == triples(memory_store(graph))
        assert not (folder / "graph.ttl").exists()
    assert kg.load(sample_ttl).sparql(query).equals(expected)
    assert sample_graph.sparql(query).equals(expected)


def test_a_loaded_store_keeps_its_evidence_on_disk(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    from kg.builddb import StoredAssertions

    write_store(sample_graph, tmp_path / "store")
    loaded = load_store(tmp_path / "store")
    assert isinstance(loaded.assertions, StoredAssertions)
    assert loaded.assertions == sample_graph.assertions
    assert loaded.entity_map == sample_graph.entity_map
