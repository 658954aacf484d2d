from __future__ import annotations

from pathlib import Path

import pytest
from newsgen import make_articles

from kg.api import build_articles
from kg.errors import ExecutorError
from kg.executors import EXECUTORS, DaskExecutor, ProcessExecutor, make_executor
from kg.graph import KnowledgeGraph
from kg.pipeline import iter_results
from kg.rdf import write_graph
from kg.types import Article

# Long enough to be cut into chunks, so chunk offsets cross processes too.
_LONG = Article(
    id="long",
    text="Russia attacked Ukraine on Monday. Officials said nothing else.\n\n" * 400,
    date="2021-02-03",
)


@pytest.fixture(scope="module")
def corpus() -> list[Article]:
    return [*make_articles(60), _LONG, Article(id="empty", text="")]


@pytest.fixture(scope="module")
def local_graph(corpus: list[Article]) -> KnowledgeGraph:
    return build_articles(corpus, executor="local")


def _pipeline_loads() -> int:
    from kg.nlp import load_pipeline

    return load_pipeline.cache_info().misses


def _same_graph(a: KnowledgeGraph, b: KnowledgeGraph, tmp_path: Path) -> None:
    assert a.assertions and a.assertions == b.assertions
    assert a.articles == b.articles and a.surface_forms == b.surface_forms
    assert a.summary() == b.summary()
    ttl_a, ttl_b = write_graph(a, tmp_path / "a.ttl"), write_graph(b, tmp_path / "b.ttl")
    assert ttl_a.read_bytes() == ttl_b.read_bytes()


def test_registry_names() -> None:
    assert sorted(EXECUTORS) == ["dask", "local", "process"]
    assert make_executor(None, jobs=1).name == "local"
    assert make_executor(None, jobs=3).name == "process"
    assert make_executor(None, scheduler="tcp://127.0.0.1:8786").name == "dask"


@pytest.mark.parametrize(
    ("name", "options", "message"),
    [
        ("threads", {}, "expected one of dask, local, process"),
        ("process", {"scheduler": "tcp://h:1"}, "add --executor dask"),
        ("local", {"jobs": 0}, "at least 1"),
    ],
)
def test_bad_executor_settings(name: str, options: dict[str, object], message: str) -> None:
    with pytest.raises(ExecutorError, match=message):
        make_executor(name, **options)  # type: ignore[arg-type]


@pytest.mark.slow
def test_process_pool_gives_the_local_graph(
    corpus: list[Article], local_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    graph = build_articles(corpus, executor="process", n_process=2)
    _same_graph(local_graph, graph, tmp_path)


def test_results_keep_input_order_with_workers(corpus: list[Article]) -> None:
    executor = ProcessExecutor(jobs=2, batch_articles=3)
    try:
        ids = [r.article.id for r in iter_results(corpus, executor=executor)]
    finally:
        executor.close()
    assert ids == [a.id for a in corpus]


@pytest.mark.slow
def test_dask_local_cluster_gives_the_local_graph(
    corpus: list[Article], local_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    pytest.importorskip("distributed")
    executor = DaskExecutor(jobs=2, batch_articles=8)
    try:
        graph = build_articles(corpus, executor=executor)
        assert executor.capacity == 8  # two single-threaded workers, four batches each
        loads = executor.client.run(_pipeline_loads)
        assert len(loads) == 2 and set(loads.values()) == {1}  # once per worker
    finally:
        executor.close()
    _same_graph(local_graph, graph, tmp_path)


def test_unreachable_scheduler_is_an_executor_error() -> None:
    pytest.importorskip("distributed")
    executor = DaskExecutor(scheduler="tcp://127.0.0.1:9", connect_timeout="1s")
    with pytest.raises(ExecutorError, match="cannot start or reach"):
        list(iter_results([Article(id="a", text="x")], executor=executor))


def test_workers_send_compact_results_the_client_unpacks_exactly(corpus: list[Article]) -> None:
    from kg.executors import pack_result, unpack_result

    results = list(iter_results(corpus[:20], executor="local"))
    assert sum(len(r.assertions) for r in results) > 20
    for article, result in zip(corpus[:20], results, strict=True):
        packed = pack_result(result)
        assert unpack_result(packed, article) == result

        def plain(value: object) -> bool:
            if isinstance(value, tuple):
                return all(plain(v) for v in value)
            return value is None or isinstance(value, str | int | float | bool)

        assert plain(packed)  # nothing but tuples of plain values crosses
        sentences = packed[2]
        assert (
            len(sentences)
            == len(set(sentences))
            == len({a.evidence.sentence for a in result.assertions})
        )
        assert packed[0] == article.id and article not in packed  # the client has it


def test_a_result_of_another_article_is_an_executor_error(corpus: list[Article]) -> None:
    from kg.executors import pack_result, unpack_result

    [result] = iter_results(corpus[:1], executor="local")
    with pytest.raises(ExecutorError, match="sent the result of article"):
        unpack_result(pack_result(result), corpus[1])
