"""The streaming merge: same bytes as the in-memory merge, bounded state, lazy views."""

from __future__ import annotations

import gc
import pickle
import random
import warnings
from dataclasses import replace
from pathlib import Path

import pyoxigraph
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from newsgen import make_articles
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.builddb import StoredAssertions, replicate_result
from kg.export import write_assertions
from kg.graph import KnowledgeGraph, _merge_results_in_memory, merge_results
from kg.rdf import _serialize_with_rdflib, serialize, write_graph
from kg.resolve import merge_entities
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Mention, Role


@pytest.fixture(scope="module")
def parsed(nlp, multi_dir: Path) -> list[ArticleResult]:  # type: ignore[no-untyped-def]
    """Real results: the sample, the three test articles and 30 generated ones."""
    import kg
    from kg.io import read_articles
    from kg.pipeline import iter_results

    articles = [*read_articles([kg.sample_path(), multi_dir]), *make_articles(30, seed=7)]
    return list(iter_results(articles))


@pytest.fixture(scope="module")
def synthetic(parsed: list[ArticleResult]) -> list[ArticleResult]:
    """A few hundred articles: the parsed ones again under fresh ids and shifted dates."""
    rng = random.Random(14)
    out = list(parsed)
    for i in range(300):
        source = parsed[rng.randrange(len(parsed))]
        out.append(replicate_result(source, f"r{rng.randrange(10**6):06d}-{i}", days=i % 400))
    rng.shuffle(out)
    return out


def _outputs(graph: KnowledgeGraph, folder: Path) -> tuple[bytes, bytes]:
    folder.mkdir()
    write_graph(graph, folder / "graph.ttl")
    write_assertions(graph.assertions, folder / "assertions.jsonl")
    return (folder / "graph.ttl").read_bytes(), (folder / "assertions.jsonl").read_bytes()


@pytest.mark.parametrize("corpus", ["parsed", "synthetic"])
def test_streaming_merge_writes_the_bytes_of_the_in_memory_merge(
    corpus: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    results = request.getfixturevalue(corpus)
    streamed = merge_results(results)
    reference = _merge_results_in_memory(results)
    assert isinstance(streamed.assertions, StoredAssertions)
    ttl, jsonl = _outputs(streamed, tmp_path / "streamed")
    ttl_ref, jsonl_ref = _outputs(reference, tmp_path / "reference")
    assert len(jsonl.splitlines()) == len(reference.assertions) > len(results)
    assert jsonl == jsonl_ref
    assert ttl == ttl_ref
    assert streamed.entity_map == reference.entity_map
    assert streamed.surface_forms == reference.surface_forms
    assert dict(streamed.article_forms.items()) == reference.article_forms
    assert dict(streamed.articles.items()) == reference.articles
    assert list(streamed.articles) == list(reference.articles)
    assert streamed.summary() == reference.summary()


def test_streaming_merge_does_not_depend_on_the_order(
    synthetic: list[ArticleResult], tmp_path: Path
) -> None:
    shuffled = list(reversed(synthetic))
    a = _outputs(merge_results(synthetic), tmp_path / "a")
    b = _outputs(merge_results(shuffled), tmp_path / "b")
    assert a == b


def _result(aid: str, subject: str, relation: str, obj: str, *, start: int = 0) -> ArticleResult:
    s = Role(subject, subject.title(), "Country", None, subject.title(), start, start + 5)
    o = Role(obj, obj.upper(), "Country", None, obj, start + 10, start + 15)
    sentence = f"{subject} {relation} {obj}."
    a = Assertion(s, relation, o, Evidence(aid, sentence, start, "2020-01-02"), confidence=0.7)
    entities = (Entity(subject, s.name, "Country"), Entity(obj, o.name, "Country", ("alias",)))
    mentions = ((subject, Mention(s.text, s.start, s.end, "GPE")),)
    return ArticleResult(Article(aid, "", title=f"T{aid}{start}"), entities, (a,), mentions)


def test_a_result_given_twice_merges_as_in_memory(tmp_path: Path) -> None:
    # The in-memory merge keeps the assertions of both and the later metadata and forms.
    results = [
        _result("a1", "russia", "threatens", "japan"),
        _result("a2", "iran", "meetsWith", "japan"),
        _result("a1", "china", "attacks", "japan", start=40),
    ]
    streamed, reference = merge_results(results), _merge_results_in_memory(results)
    assert _outputs(streamed, tmp_path / "s") == _outputs(reference, tmp_path / "r")
    assert len(streamed.assertions) == 3
    assert streamed.articles["a1"].title == "Ta140"
    assert streamed.surface_forms == reference.surface_forms
    assert "russia" not in streamed.surface_forms


def test_stored_assertions_are_a_lazy_reiterable_sequence(
    parsed: list[ArticleResult],
) -> None:
    graph = merge_results(parsed)
    stored = graph.assertions
    assert isinstance(stored, StoredAssertions)
    first, second = list(stored), list(stored)
    assert first == second and len(stored) == len(first) > 0
    assert stored[0] == first[0] and stored[-1] == first[-1]
    assert stored == first and first == stored and stored != first[:-1]
    assert [a.key() for a in first] == sorted(a.key() for a in first)
    aid = first[0].evidence.article
    assert stored.for_article(aid) == [a for a in first if a.evidence.article == aid]
    assert stored.for_article("no such article") == []
    # Canonical names flow back into every role.
    assert all(a.subject.name == graph.entity_map[a.subject.id].name for a in first)
    copy = pickle.loads(pickle.dumps(graph))
    assert isinstance(copy.assertions, list) and copy.assertions == first
    assert copy.articles == graph.articles and isinstance(copy.articles, dict)


def test_the_build_database_goes_with_its_graph(parsed: list[ArticleResult]) -> None:
    graph = merge_results(parsed[:3])
    assert isinstance(graph.assertions, StoredAssertions)
    folder = graph.assertions.db.path.parent
    assert folder.is_dir()
    del graph
    gc.collect()
    assert not folder.exists()


def test_a_replicated_result_is_another_article() -> None:
    original = _result("a1", "russia", "threatens", "japan")
    original = replace(original, article=replace(original.article, date="2020-12-31"))
    copy = replicate_result(original, "b7", days=1)
    assert copy.article.id == "b7" and copy.article.date == "2021-01-01"
    assert [a.evidence.article for a in copy.assertions] == ["b7"]
    assert [a.evidence.date for a in copy.assertions] == ["2020-01-03"]
    assert copy.entities == original.entities


_ENTITY = st.builds(
    Entity,
    id=st.sampled_from(["e1", "e2", "e3"]),
    name=st.sampled_from(["Senate", "SENATE", "Japan", "japan", "Nippon"]),
    type=st.sampled_from(["Country", "Organization"]),
    aliases=st.lists(st.sampled_from(["Japan", "Senate", "x", "y"]), max_size=3).map(tuple),
    qid=st.sampled_from([None, "Q17", "Q1"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ENTITY, max_size=4).map(tuple), max_size=6))
def test_merging_entities_article_by_article_equals_merging_all(
    groups: list[tuple[Entity, ...]],
) -> None:
    # The streaming merge re-merges only the entities an article touches.
    state: dict[str, Entity] = {}
    for group in groups:
        known = [state[e.id] for e in group if e.id in state]
        state.update(merge_entities([known, group]))
    assert dict(sorted(state.items())) == merge_entities(groups)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_ENTITY, max_size=4).map(tuple), max_size=6), st.randoms())
def test_merging_entities_does_not_depend_on_the_order(
    groups: list[tuple[Entity, ...]], rng: random.Random
) -> None:
    shuffled = [tuple(rng.sample(group, len(group))) for group in groups]
    rng.shuffle(shuffled)
    assert merge_entities(shuffled) == merge_entities(groups)


_ODD = [
    'He said "no"\\ and\tleft.\r\nThen\x00\x07\x1f\x7f.',
    "Kim Jong Un \ud800 met \U0001f600 Moon.",
    "",
    "<script>&amp;</script> ' \u2028 \u00e9",
]


@pytest.mark.parametrize("text", _ODD)
@pytest.mark.parametrize("confidence", [0.5, 0.123456, 1e-05, 0.99995, 1.0])
def test_statement_turtle_equals_the_rdflib_terms(text: str, confidence: float) -> None:
    from kg.rdf import statement_triples, statement_turtle, turtle_pairs

    base = _result("odd id/é %", "russia", "open:deploy", "japan").assertions[0]
    speaker = Role("us", "U.S.", "Country", "Q30", text, 3, 9)
    variants = [
        replace(base, evidence=replace(base.evidence, sentence=text), confidence=confidence),
        replace(
            base,
            subject=replace(base.subject, text=text),
            detail=text or "x",
            attributed_to=speaker,
            rule=text,
            modality="hypothetical",
            negated=True,
            confidence=confidence,
        ),
    ]
    memo: dict[object, str] = {}
    for a in variants:
        triples = list(turtle_pairs(statement_triples(a), {}))
        subject, pairs = statement_turtle(a, memo)
        assert {subject} == {s for s, _, _ in triples}
        assert sorted(pairs) == sorted((p, o) for _, p, o in triples)


def test_statement_turtle_equals_the_rdflib_terms_on_real_assertions(
    parsed: list[ArticleResult],
) -> None:
    from kg.rdf import statement_triples, statement_turtle, turtle_pairs

    memo: dict[object, str] = {}
    assertions = [a for r in parsed for a in r.assertions]
    assert len(assertions) > 50
    for a in assertions:
        triples = list(turtle_pairs(statement_triples(a), {}))
        assert statement_turtle(a, memo) == (triples[0][0], [(p, o) for _, p, o in triples])


def _datasets(data: bytes, fmt: str) -> dict[str, Graph]:
    """Parse TriG (or any format) into one rdflib graph per graph name ('' for the default)."""
    graphs: dict[str, Graph] = {}
    with warnings.catch_warnings():
        # rdflib's TriG parser uses its own deprecated ConjunctiveGraph.
        warnings.simplefilter("ignore", DeprecationWarning)
        dataset = Dataset()
        dataset.parse(data=data, format=fmt)
        for s, p, o, context in dataset.quads((None, None, None, None)):
            ident = getattr(context, "identifier", context)
            name = "" if ident is None or ident == DATASET_DEFAULT_GRAPH_ID else str(ident)
            graphs.setdefault(name, Graph()).add((s, p, o))
    return graphs


@pytest.mark.parametrize("fmt", ["nt", "json-ld"])
@pytest.mark.parametrize("corpus", ["parsed", "synthetic"])
def test_streamed_ntriples_and_jsonld_are_the_bytes_of_rdflib(
    corpus: str, fmt: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    results = request.getfixturevalue(corpus)
    streamed = merge_results(results)
    reference = _merge_results_in_memory(results)
    expected = _serialize_with_rdflib(reference, fmt)
    path = write_graph(streamed, tmp_path / f"graph.{'nt' if fmt == 'nt' else 'jsonld'}")
    assert path.read_bytes() == expected
    assert serialize(reference, fmt) == expected  # the same writer, grouped in memory
    assert len(expected) > 100_000


@pytest.mark.parametrize("corpus", ["parsed", "synthetic"])
def test_streamed_trig_holds_the_graphs_of_rdflibs_trig(
    corpus: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    results = request.getfixturevalue(corpus)
    streamed = merge_results(results)
    reference = _merge_results_in_memory(results)
    data = write_graph(streamed, tmp_path / "graph.trig").read_bytes()
    assert data == serialize(reference, "trig")  # sorted: the same bytes however merged
    ours, theirs = (
        _datasets(data, "trig"),
        _datasets(_serialize_with_rdflib(reference, "trig"), "trig"),
    )
    assert set(ours) == set(theirs)
    assert len(ours) == 1 + len({a.evidence.article for a in reference.assertions})
    for name, graph in theirs.items():
        assert isomorphic(ours[name], graph), name
    quads = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.TRIG)
    assert sum(1 for _ in quads) == sum(len(g) for g in theirs.values())


@pytest.mark.parametrize("text", _ODD)
def test_odd_text_is_written_as_rdflib_writes_it(text: str) -> None:
    # Escapes, control characters, lone surrogates, an id that needs percent-encoding and
    # a full IRI (no prefixed name) for the article.
    base = _result("odd id/é %", "russia", "attacks", "japan")
    a = base.assertions[0]
    odd = replace(
        a,
        evidence=replace(a.evidence, sentence=text),
        subject=replace(a.subject, text=text + "\t"),
        detail=text or "x",
        rule='rule "\t\\',
    )
    article = replace(base.article, title=text + '"', source="\\" + text)
    results = [
        replace(base, article=article, assertions=(odd,)),
        _result("b~1", "iran", "meetsWith", "iraq"),
    ]
    streamed, reference = merge_results(results), _merge_results_in_memory(results)
    for fmt in ("nt", "json-ld"):
        assert serialize(streamed, fmt) == _serialize_with_rdflib(reference, fmt), fmt
    ours = _datasets(serialize(streamed, "trig"), "trig")
    theirs = _datasets(_serialize_with_rdflib(reference, "trig"), "trig")
    assert set(ours) == set(theirs) and all(isomorphic(ours[k], theirs[k]) for k in theirs)
