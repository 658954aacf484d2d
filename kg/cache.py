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

The cache is only a cache: one that cannot be used (damaged, not a database, a folder
where the file should be, read-only, locked by another process beyond the timeout, or
laid out by an incompatible version of kg) is moved aside as
``kg-cache.sqlite.broken-<date>``, with a :class:`~kg.errors.CacheWarning` naming it, and
the build goes on with a fresh cache. That holds when it is opened (an integrity check
runs then) and when it breaks in the middle of a build. Only a full disk, or a folder
where no fresh cache can be made, stops the build (:class:`~kg.errors.ExportError`).

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
import os
import pickle
import sqlite3
import warnings
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from kg.errors import CacheWarning, ExportError
from kg.extract.hybrid import DEFAULT_EXTRACTOR
from kg.types import Article, ArticleResult

__all__ = ["CACHE_FILE", "ResultCache", "cache_config", "code_digest"]

CACHE_FILE = "kg-cache.sqlite"
"""Name of the cache database inside the cache folder."""

_SCHEMA = 1
# The database's layout, in PRAGMA user_version; a cache laid out otherwise is moved aside.
_LAYOUT = 1
_COLUMNS = ["key", "result"]
# SQLite's companions of a database file, moved aside with it.
_COMPANIONS = ("-wal", "-shm", "-journal")
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


def cache_config(model: str | None = None, *, extractor: str = DEFAULT_EXTRACTOR) -> str:
    """Return the part of every cache key that describes the pipeline, not the article.

    Args:
        model: spaCy pipeline name (see :func:`kg.nlp.model_name`).
        extractor: ``rules``, ``model`` or ``hybrid``; with the relation model, its name,
            version and a digest of its files are part of the key.

    Raises:
        ModelError: The extractor needs the relation model and it is missing.
    """
    from kg.extract import EXTRACTOR_VERSION, check_extractor
    from kg.nlp import model_version

    check_extractor(extractor)
    relations = extractor
    if extractor != "rules":
        from kg.extract.model import relation_model_id

        relations = f"{extractor}:{relation_model_id()}"
    return f"{model_version(model)}|{EXTRACTOR_VERSION}|{relations}|{code_digest()}|schema{_SCHEMA}"


class ResultCache:
    """Per-article results on disk, in one SQLite file.

    An unusable cache file is moved aside and replaced by a fresh one (see the module
    docstring); :attr:`moved` lists where such files went.

    Args:
        path: The database file; created (with its folder) when missing.
        config: What the results depend on besides the article (see :func:`cache_config`).
        timeout: Seconds to wait for another process's lock on the database before
            taking it for stuck and moving the cache aside.

    Warns:
        CacheWarning: The cache could not be used and was moved aside.

    Raises:
        ExportError: No cache can be made at ``path`` (its folder cannot be written, the
            disk is full).
    """

    def __init__(self, path: str | Path, *, config: str, timeout: float = 60.0) -> None:
        self.path = Path(path)
        self._config = config.encode("utf-8")
        self._timeout = timeout
        self.moved: list[Path] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            msg = f"cannot create the build cache's folder {str(self.path.parent)!r}: {exc}"
            raise ExportError(msg) from exc
        try:
            self._db = self._connect()
        except _UnusableError as exc:
            self._db = self._replace(exc.reason)

    def _connect(self) -> sqlite3.Connection:
        """Open the database and check that it is a usable kg cache.

        Raises:
            _UnusableError: The file is damaged, foreign, read-only, locked, or not a file.
            ExportError: The disk is full.
        """
        if self.path.exists() and not self.path.is_file():
            msg = "it is not a file"
            raise _UnusableError(msg)
        db: sqlite3.Connection | None = None
        try:
            db = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            # NORMAL is durable against a killed process (not a power cut) and far faster.
            db.execute("PRAGMA synchronous=NORMAL")
            (layout,) = db.execute("PRAGMA user_version").fetchone()
            columns = [row[1] for row in db.execute("PRAGMA table_info(results)")]
            tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if layout not in (0, _LAYOUT):
                msg = f"laid out by another version of kg: layout {layout}, this kg reads {_LAYOUT}"
                raise _UnusableError(msg)
            if columns != _COLUMNS and (columns or tables):
                msg = f"not a kg cache: its tables are not {_COLUMNS}"
                raise _UnusableError(msg)
            problems = [row[0] for row in db.execute("PRAGMA quick_check(3)")]
            if problems != ["ok"]:
                msg = f"damaged: {'; '.join(map(str, problems))}"
                raise _UnusableError(msg)
            db.execute(
                "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, result BLOB NOT NULL)"
            )
            db.execute(f"PRAGMA user_version = {_LAYOUT}")  # also proves the file writable
        except (_UnusableError, sqlite3.Error) as exc:
            if db is not None:
                db.close()
            if isinstance(exc, sqlite3.Error):
                self._check_full(exc)
                raise _UnusableError(str(exc)) from exc
            raise
        return db

    def _replace(self, reason: str) -> sqlite3.Connection:
        """Move the unusable cache aside (with a warning) and open a fresh one.

        Raises:
            ExportError: It cannot be moved, or no fresh cache can be made.
        """
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        n = 1
        while any(Path(f"{aside}{c}").exists() for c in ("", *_COMPANIONS)):
            n += 1
            aside = self.path.with_name(f"{self.path.name}.broken-{stamp}-{n}")
        try:
            os.rename(self.path, aside)
            for companion in _COMPANIONS:
                # A journal left beside a fresh database would be replayed into it.
                if os.path.lexists(f"{self.path}{companion}"):
                    os.rename(f"{self.path}{companion}", f"{aside}{companion}")
        except OSError as exc:
            msg = (
                f"the build cache {str(self.path)!r} cannot be used ({reason}) and cannot be "
                f"moved aside: {exc.strerror or exc}; delete it, pick another folder with "
                "--cache, or build with --no-cache"
            )
            raise ExportError(msg) from exc
        self.moved.append(aside)
        message = (
            f"the build cache {str(self.path)!r} cannot be used ({reason}): moved aside "
            f"to {str(aside)!r}; going on with a fresh cache"
        )
        warnings.warn(message, CacheWarning, stacklevel=3)
        try:
            return self._connect()
        except _UnusableError as exc:
            msg = (
                f"cannot make a fresh build cache {str(self.path)!r}: {exc.reason}; pick "
                "another folder with --cache, or build with --no-cache"
            )
            raise ExportError(msg) from exc

    def _check_full(self, exc: sqlite3.Error) -> None:
        """Raise :class:`ExportError` for a full disk, where a fresh cache would not help."""
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_FULL:
            msg = f"cannot write the build cache {str(self.path)!r}: {exc}"
            raise ExportError(msg) from exc

    def _recover(self, exc: sqlite3.Error) -> None:
        """The cache broke during the build: go on with a fresh one (or raise if full)."""
        self._check_full(exc)
        self._db.close()
        self._db = self._replace(str(exc))

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
            try:
                rows = self._db.execute(
                    f"SELECT key, result FROM results WHERE key IN ({marks})",
                    part,
                ).fetchall()
            except sqlite3.Error as exc:
                self._recover(exc)  # a fresh cache holds nothing: the rest are misses
                return found
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

        A cache that breaks here is moved aside and the results go into a fresh one.

        Raises:
            ExportError: The database cannot be written (disk full, read-only folder).
        """
        rows = [(key, _encode(result)) for key, result in items]
        if not rows:
            return
        try:
            self._insert(rows)
        except sqlite3.Error as exc:
            self._recover(exc)
            try:
                self._insert(rows)
            except sqlite3.Error as again:
                msg = f"cannot write the build cache {str(self.path)!r}: {again}"
                raise ExportError(msg) from again

    def _insert(self, rows: list[tuple[str, bytes]]) -> None:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.executemany("INSERT OR REPLACE INTO results (key, result) VALUES (?, ?)", rows)
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

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


class _UnusableError(Exception):
    """The cache file cannot be used as it is (internal: it is then moved aside)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


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
