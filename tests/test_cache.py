from __future__ import annotations

import contextlib
import os
import random
import re
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from newsgen import make_articles

from kg.api import build_articles
from kg.cache import CACHE_FILE, ResultCache, cache_config, code_digest
from kg.errors import CacheWarning, ExportError
from kg.graph import merge_results
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


# Ways a cache file is found unusable: (name, what to do to the filled cache, words of the
# warning). Each is moved aside and the build goes on with a fresh cache.
def _garbage_in_the_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2 - 4096)
        fh.write(random.Random(1).randbytes(8192))


def _truncated(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(2).randbytes(path.stat().st_size))


def _a_directory(path: Path) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("not a cache", encoding="utf-8")


def _another_version(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 99")


def _another_database(path: Path) -> None:
    path.unlink()
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE results (id INTEGER, payload TEXT)")


def _read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root writes any file whatever its mode (and CI runs as root), so SQLite's view of a
    # file without write permission is faked: such a file is opened read-only, as SQLite
    # itself falls back to doing for a user without the permission.
    os.chmod(path, 0o444)
    connect = sqlite3.connect

    def as_a_user(database: str | Path, *args: Any, **kwargs: Any) -> sqlite3.Connection:
        if os.path.isfile(database) and not os.stat(database).st_mode & 0o222:
            return connect(f"file:{database}?mode=ro", *args, uri=True, **kwargs)
        return connect(database, *args, **kwargs)

    monkeypatch.setattr("kg.cache.sqlite3.connect", as_a_user)


DAMAGES = {
    "garbage in the middle": (_garbage_in_the_middle, "damaged"),
    "truncated": (_truncated, "malformed"),
    "random bytes": (_random_bytes, "not a database"),
    "a directory": (_a_directory, "not a file"),
    "another version": (_another_version, "another version of kg: layout 99"),
    "another database": (_another_database, "not a kg cache"),
    "read-only": (_read_only, "readonly"),
}


@pytest.fixture(scope="module")
def results() -> list[ArticleResult]:
    return list(iter_results(make_articles(60)))


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_an_unusable_cache_is_moved_aside_and_the_build_goes_on(
    damage: str, results: list[ArticleResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [r.article for r in results]
    path = tmp_path / CACHE_FILE
    with ResultCache(path, config=cache_config()) as cache:
        keys, _ = cache.lookup(articles)
        cache.put_many(zip(keys, results, strict=True))
    break_it, words = DAMAGES[damage]
    if damage == "read-only":
        _read_only(path, monkeypatch)
    else:
        break_it(path)  # type: ignore[call-arg]
    stats = BuildStats()
    with pytest.warns(CacheWarning, match="moved aside to") as caught:
        graph = build_articles(articles, cache=tmp_path, stats=stats)
    [warning] = caught
    [aside] = tmp_path.glob(f"{CACHE_FILE}.broken-*[0-9]")
    assert str(path) in str(warning.message) and str(aside) in str(warning.message)
    assert words in str(warning.message)
    assert re.fullmatch(rf"{CACHE_FILE}\.broken-\d{{8}}-\d{{6}}", aside.name)
    assert stats.parsed == 60  # the fresh cache started empty ...
    assert graph.assertions == merge_results(results).assertions
    again = BuildStats()
    build_articles(articles, cache=tmp_path, stats=again)
    assert (again.parsed, again.cached) == (0, 60)  # ... and now holds every result


def test_a_cache_locked_beyond_the_timeout_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / CACHE_FILE
    article = Article(id="a", text="")
    with ResultCache(path, config="c") as cache:
        cache.put_many([(cache.key(article), ArticleResult(article))])
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # a stuck process that never lets go
    try:
        with pytest.warns(CacheWarning, match="database is locked"):
            cache = ResultCache(path, config="c", timeout=0.2)
        with cache:
            assert len(cache) == 0 and len(cache.moved) == 1
            cache.put_many([(cache.key(article), ArticleResult(article))])
            assert len(cache) == 1
    finally:
        holder.close()


class _BreaksOnce:
    """A database connection whose next statement matching ``sql`` fails with ``error``."""

    def __init__(self, db: sqlite3.Connection, sql: str, error: sqlite3.Error) -> None:
        self._db, self._sql, self._error = db, sql, error

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    def execute(self, sql: str, *args: Any) -> Any:
        if self._error is not None and self._sql in sql:
            error, self._error = self._error, None
            raise error
        return self._db.execute(sql, *args)


def _malformed() -> sqlite3.Error:
    error = sqlite3.DatabaseError("database disk image is malformed")
    error.sqlite_errorcode = sqlite3.SQLITE_CORRUPT  # type: ignore[attr-defined]
    return error


def test_a_cache_that_breaks_in_the_middle_of_a_build_is_replaced(tmp_path: Path) -> None:
    # A cache damaged while it is open is read from SQLite's page cache until a page is
    # evicted, at no predictable moment: the failing statement is faked.
    old, new = Article(id="old", text=""), Article(id="new", text="")
    cache = ResultCache(tmp_path / CACHE_FILE, config="c")
    cache.put_many([(cache.key(old), ArticleResult(old))])
    cache._db = _BreaksOnce(cache._db, "SELECT key", _malformed())  # type: ignore[assignment]
    with pytest.warns(CacheWarning, match="malformed"):
        assert cache.get_many([cache.key(old)]) == {}
    cache._db = _BreaksOnce(cache._db, "BEGIN", _malformed())  # type: ignore[assignment]
    with pytest.warns(CacheWarning, match="malformed"):
        cache.put_many([(cache.key(new), ArticleResult(new))])
    assert list(cache.get_many([cache.key(new)])) == [cache.key(new)]
    assert len(cache.moved) == 2 and all(p.is_file() for p in cache.moved)
    cache.close()


def test_a_full_disk_stops_the_build_and_keeps_the_cache(tmp_path: Path) -> None:
    article = Article(id="a", text="")
    cache = ResultCache(tmp_path / CACHE_FILE, config="c")
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL  # type: ignore[attr-defined]
    cache._db = _BreaksOnce(cache._db, "BEGIN", full)  # type: ignore[assignment]
    with pytest.raises(ExportError, match="disk is full"):
        cache.put_many([(cache.key(article), ArticleResult(article))])
    assert cache.moved == [] and list(tmp_path.iterdir()) != []
    cache.close()


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
