from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from newsgen import make_articles

from kg.api import build_articles
from kg.cache import CACHE_FILE, ResultCache, cache_config, code_digest
from kg.errors import ExportError
from kg.pipeline import BuildStats, iter_results
from kg.rdf import write_graph
from kg.types import Article, ArticleResult


def _ttl(graph, path: Path) -> bytes:  # type: ignore[no-untyped-def]
    write_graph(graph, path)
    return path.read_bytes()


def test_key_covers_text_metadata_and_config(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path / "c.sqlite", config="model-a|v1")
    other = ResultCache(tmp_path / "d.sqlite", config="model-b|v1")
    a = Article(id="x", text="Japan met China.", title="T", date="2020-01-02", origin="f:1")
    key = cache.key(a)
    assert key == cache.key(replace(a, origin="elsewhere.jsonl:7"))  # where it was read: no
    for changed in (
        replace(a, text="Japan met Korea."),
        replace(a, id="y"),
        replace(a, title="U"),
        replace(a, date="2020-01-03"),
        replace(a, url="https://example.org"),
        replace(a, source="Reuters"),
    ):
        assert cache.key(changed) != key
    assert other.key(a) != key
    cache.close()
    other.close()


def test_config_names_model_extractor_and_code() -> None:
    config = cache_config()
    assert "==" in config and "kg.extract." in config and code_digest() in config


def test_results_round_trip_without_text(tmp_path: Path) -> None:
    [article] = make_articles(1)
    [result] = iter_results([article])
    with ResultCache(tmp_path / CACHE_FILE, config="c") as cache:
        keys, hits = cache.lookup([article])
        assert hits == [None]
        cache.put_many([(keys[0], result)])
        _, hits = cache.lookup([article])
        assert hits == [result]  # the caller's article, text included, is put back
        (blob,) = sqlite3.connect(cache.path).execute("SELECT result FROM results").fetchone()
        assert article.text.encode() not in blob and len(cache) == 1


def test_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    article = Article(id="a", text="")
    with ResultCache(tmp_path / CACHE_FILE, config="c") as cache:
        key = cache.key(article)
        cache.put_many([(key, ArticleResult(article))])
        with sqlite3.connect(cache.path) as db:
            db.execute("UPDATE results SET result = ?", (b"not a pickle",))
        assert cache.get_many([key]) == {}


def test_a_file_that_is_no_cache_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE
    path.write_bytes(b"\x00garbage" * 200)
    with pytest.raises(ExportError, match="--no-cache"):
        ResultCache(path, config="c")


def test_warm_rebuild_parses_nothing_and_gives_the_same_graph(tmp_path: Path) -> None:
    articles = make_articles(40)
    cold, warm = BuildStats(), BuildStats()
    first = build_articles(articles, cache=tmp_path, stats=cold)
    second = build_articles(articles, cache=tmp_path, stats=warm)
    assert (cold.parsed, cold.cached) == (40, 0)
    assert (warm.parsed, warm.cached) == (0, 40)
    assert first.assertions and first.assertions == second.assertions
    assert _ttl(first, tmp_path / "a.ttl") == _ttl(second, tmp_path / "b.ttl")


def test_new_and_changed_articles_cost_only_themselves(tmp_path: Path) -> None:
    articles = make_articles(30)
    build_articles(articles, cache=tmp_path)
    edited = replace(articles[5], text=articles[5].text + " Japan visited China.")
    grown = [*articles[:5], edited, *articles[6:], *make_articles(10, start=30)]
    stats = BuildStats()
    graph = build_articles(grown, cache=tmp_path, stats=stats)
    assert (stats.parsed, stats.cached) == (11, 29)
    fresh = build_articles(grown)
    assert graph.assertions == fresh.assertions
    assert _ttl(graph, tmp_path / "a.ttl") == _ttl(fresh, tmp_path / "b.ttl")
