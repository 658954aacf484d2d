"""The incremental-build cache: per-article results in SQLite, keyed by content.

A result is stored under a key that covers everything that decides it:

- the article's text and the metadata that reaches the output (id, title, date, source, url);
- the spaCy pipeline's name and version (:func:`kg.nlp.model_version`);
- :data:`kg.extract.EXTRACTOR_VERSION` and a digest of the code and data that turn a parse
  into a result (``kg/extract``, ``kg/resolve.py``, the gazetteer, …), so a changed
  extractor never serves stale results even when nobody bumped the version.

A rerun over an unchanged corpus therefore parses nothing, and an edited article is parsed
again. The database runs in WAL mode and every batch of results is written in one
transaction, so a build killed at any moment leaves a consistent cache that the next run
completes.

Results are stored pickled: open only caches you (or your own builds) wrote.

Example:
    >>> import tempfile
    >>> from kg.types import Article, ArticleResult
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     cache = ResultCache(Path(tmp) / "cache.sqlite", config="test")
    ...     article = Article(id="a1", text="Japan met China.")
    ...     key = cache.key(article)
    ...     cache.put_many([(key, ArticleResult(article))])
    ...     hit = cache.get_many([key])[key]
    ...     cache.close()
    >>> hit.article.id, len(hit.assertions)
    ('a1', 0)
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg.errors import ExportError
from kg.types import Article, ArticleResult

__all__ = ["CACHE_FILE", "ResultCache", "cache_config", "code_digest"]

CACHE_FILE = "kg-cache.sqlite"
"""Name of the cache database inside the cache folder."""

_SCHEMA = 1
# The modules and data whose change can change a result; pipeline.py holds the chunking.
_CODE = (
    "extract",
    "gazetteer",
    "resolve.py",
    "ids.py",
    "types.py",
    "ontology.py",
    "nlp.py",
    "pipeline.py",
    "data/first_names.tsv",
)
# SQLite caps the number of parameters of one statement; stay well below it.
_MAX_PARAMS = 500


@cache
def code_digest() -> str:
    """Return a digest of kg's extraction code and data (see the module docstring).

    Example:
        >>> len(code_digest())
        16
    """
    digest = hashlib.sha256()
    root = files("kg")
    stack = [root / name for name in _CODE]
    while stack:
        node = stack.pop()
        if node.is_dir():
            children = sorted(node.iterdir(), key=lambda c: c.name)
            stack.extend(c for c in reversed(children) if c.name != "__pycache__")
        elif node.is_file() and not node.name.endswith((".pyc", ".pyo")):
            digest.update(node.name.encode())
            digest.update(node.read_bytes())
    return digest.hexdigest()[:16]


def cache_config(model: str | None = None) -> str:
    """Return the part of every cache key that describes the pipeline, not the article.

    Args:
        model: spaCy pipeline name (see :func:`kg.nlp.model_name`).
    """
    from kg.extract import EXTRACTOR_VERSION
    from kg.nlp import model_version

    return f"{model_version(model)}|{EXTRACTOR_VERSION}|{code_digest()}|schema{_SCHEMA}"


class ResultCache:
    """Per-article results on disk, in one SQLite file.

    Args:
        path: The database file; created (with its folder) when missing.
        config: What the results depend on besides the article (see :func:`cache_config`).

    Raises:
        ExportError: The file cannot be created, or is not a kg cache.
    """

    def __init__(self, path: str | Path, *, config: str) -> None:
        self.path = Path(path)
        self._config = config.encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process (not a power cut) and far faster.
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result BLOB NOT NULL)"
            )
        except (OSError, sqlite3.Error) as exc:
            msg = (
                f"cannot use {str(self.path)!r} as the build cache: {exc}; delete the file, "
                "pick another folder with --cache, or build with --no-cache"
            )
            raise ExportError(msg) from exc

    def key(self, article: Article) -> str:
        """Return the cache key of ``article`` (a hex sha256).

        ``origin`` (where the article was read from) is left out: moving a file does not
        change its results.
        """
        digest = hashlib.sha256(self._config)
        for part in (article.id, article.title, article.date or "", article.source, article.url):
            digest.update(b"\x1f")
            digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1e")
        digest.update(article.text.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def get_many(self, keys: Sequence[str]) -> dict[str, ArticleResult]:
        """Return the stored results among ``keys`` (a missing or unreadable entry is left out).

        The returned results carry an article without its text: callers put back the
        article they asked about (see :meth:`lookup`).
        """
        found: dict[str, ArticleResult] = {}
        for i in range(0, len(keys), _MAX_PARAMS):
            part = keys[i : i + _MAX_PARAMS]
            marks = ",".join("?" * len(part))
            rows = self._db.execute(
                f"SELECT key, result FROM results WHERE key IN ({marks})",
                part,
            ).fetchall()
            for key, blob in rows:
                result = _decode(blob)
                if result is not None:
                    found[key] = result
        return found

    def lookup(self, articles: Sequence[Article]) -> tuple[list[str], list[ArticleResult | None]]:
        """Return the keys of ``articles`` and, for each, its cached result or ``None``."""
        keys = [self.key(a) for a in articles]
        found = self.get_many(keys)
        hits: list[ArticleResult | None] = []
        for article, key in zip(articles, keys, strict=True):
            result = found.get(key)
            hits.append(None if result is None else replace(result, article=article))
        return keys, hits

    def put_many(self, items: Iterable[tuple[str, ArticleResult]]) -> None:
        """Store results, all in one transaction (all or none of them survive a kill).

        Raises:
            ExportError: The database cannot be written (disk full, read-only folder).
        """
        rows = [(key, _encode(result)) for key, result in items]
        if not rows:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    "INSERT OR REPLACE INTO results (key, result) VALUES (?, ?)", rows
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            msg = f"cannot write the build cache {str(self.path)!r}: {exc}"
            raise ExportError(msg) from exc

    def __len__(self) -> int:
        """Return the number of stored results."""
        (count,) = self._db.execute("SELECT COUNT(*) FROM results").fetchone()
        return int(count)

    def close(self) -> None:
        """Close the database (pending WAL pages are folded back into the file)."""
        self._db.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _encode(result: ArticleResult) -> bytes:
    # The text is the bulk of an article and the caller has it: keep only its metadata.
    slim = replace(result, article=replace(result.article, text="", origin=""))
    return zlib.compress(pickle.dumps(slim, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _decode(blob: Any) -> ArticleResult | None:
    try:
        result = pickle.loads(zlib.decompress(blob))  # our own cache: see the module docstring
    except Exception:  # a damaged or foreign entry is a miss, never a crash
        return None
    return result if isinstance(result, ArticleResult) else None
