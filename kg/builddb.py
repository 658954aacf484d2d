"""The build database: a merge whose memory does not grow with the corpus.

:func:`kg.graph.merge_results` streams every :class:`~kg.types.ArticleResult` into a
:class:`BuildDB`, a throw-away SQLite file, as it arrives, and keeps in memory only
what the graph itself needs (:class:`StreamingMerge`): the canonical entities, their
surface-form counts, the direct claims (one per subject, relation and object), the open
relations used and a few counts. Per article the database holds:

- its metadata and its per-article surface-form counts (table ``articles``), with the
  Turtle block of its ``schema:NewsArticle`` description;
- its assertions (table ``assertions``), already sorted by :meth:`Assertion.key
  <kg.types.Assertion.key>` and compactly encoded: each sentence once, and the roles
  without the names, types and QIDs that the entity merge may still change;
- the Turtle blocks of its statement nodes (table ``statements``), which depend on
  ids and offsets only.

Since :meth:`Assertion.key <kg.types.Assertion.key>` starts with the article id, the
order of all assertions is the articles in id order, each article's assertions in key
order: reading the database back needs no global sort in memory. The graph's
``assertions``, ``articles`` and ``article_forms`` are lazy, re-iterable views of the
database (:class:`StoredAssertions`, :class:`StoredArticles`, :class:`StoredForms`)
that apply the canonical names, types and QIDs as assertions stream out.

The database lives in a private temporary folder (``kg-build-*``, holding the id of the
process that made it), removed when the graph that reads it is garbage collected, when
the interpreter exits, or, for ``kg``'s CLI, on SIGINT and SIGTERM. A process killed
outright (SIGKILL, a crash) leaves its folder behind: the next build sweeps the folders
whose process is gone (:func:`sweep_stale`).

Example:
    >>> from kg.types import Article, ArticleResult
    >>> merge = StreamingMerge()
    >>> merge.add(ArticleResult(Article(id="a1", text="Japan met China.", title="Talks")))
    >>> graph = merge.finish()
    >>> graph.articles["a1"].title, len(graph.assertions)
    ('Talks', 0)
"""

from __future__ import annotations

import os
import pickle
import shutil
import sqlite3
import tempfile
import weakref
from collections import Counter, defaultdict
from collections.abc import (
    Callable,
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
    ValuesView,
)
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from kg.ontology import category_of, is_open
from kg.resolve import merge_entities
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = [
    "BuildDB",
    "StoredArticles",
    "StoredAssertions",
    "StoredForms",
    "StreamingMerge",
    "replicate_result",
    "sweep_stale",
    "streaming_chunks",
]

_SCHEMA = """
CREATE TABLE articles (key BLOB PRIMARY KEY, meta BLOB, forms BLOB, subject TEXT, block TEXT);
CREATE TABLE assertions (key BLOB PRIMARY KEY, n INTEGER NOT NULL, data BLOB NOT NULL);
CREATE TABLE statements (subject TEXT NOT NULL, body TEXT NOT NULL);
"""
# Results written per transaction: large enough to be fast, small enough to stay light.
_COMMIT_EVERY = 500
# Separators of a stored Turtle block: Turtle escapes control characters in literals and
# kg's IRIs are percent-encoded, so neither can occur inside a term.
_PAIR_SEP = "\x1e"
_PREFIX = "kg-build-"
_OWNER = "owner.pid"
_TERM_SEP = "\x1f"

EncodedRole = tuple[str, str, int, int]
EncodedAssertion = tuple[Any, ...]


def _key(article_id: str) -> bytes:
    # UTF-8 bytes sort like Python strings (code points); surrogatepass keeps odd ids.
    return article_id.encode("utf-8", "surrogatepass")


def _unkey(key: bytes) -> str:
    return key.decode("utf-8", "surrogatepass")


def _dumps(value: Any) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def _close(conn: sqlite3.Connection, folder: str) -> None:
    conn.close()
    shutil.rmtree(folder, ignore_errors=True)


class BuildDB:
    """A throw-away SQLite database holding a build's articles, assertions and statements.

    Args:
        folder: Where to make the private temporary folder of the database (default:
            the system's temporary folder).

    Attributes:
        path: The database file.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        """Create the database in a new temporary folder."""
        sweep_stale(folder)
        tmp = tempfile.mkdtemp(prefix=_PREFIX, dir=folder)
        (Path(tmp) / _OWNER).write_text(f"{os.getpid()}\n", encoding="ascii")
        self.path = Path(tmp) / "build.sqlite"
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        self._finalizer = weakref.finalize(self, _close, conn, tmp)
        # Nothing here must survive a crash: no journal, no syncing.
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-16000")
        conn.executescript(_SCHEMA)
        conn.execute("BEGIN")
        self.conn = conn
        self._pending = 0

    def close(self) -> None:
        """Close the database and remove its folder (views of it stop working)."""
        self._finalizer()

    def put_article(self, article: Article, forms: dict[str, Counter[str]], block: Any) -> Any:
        """Store an article's metadata, surface forms and Turtle block; return the old forms.

        Returns:
            The forms stored before under the same id (a result given twice), else ``None``.
        """
        key = _key(article.id)
        row = self.conn.execute("SELECT forms FROM articles WHERE key = ?", (key,)).fetchone()
        meta = (
            article.id,
            article.title,
            article.date,
            article.source,
            article.url,
            article.origin,
        )
        subject, pairs = block
        self.conn.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?)",
            (key, _dumps(meta), _dumps(_plain_forms(forms)), subject, _join(pairs)),
        )
        return _counter_forms(pickle.loads(row[0])) if row else None

    def add_assertions(self, article_id: str, rows: list[EncodedAssertion]) -> None:
        """Add encoded assertions of one article, keeping the article's list in key order."""
        key = _key(article_id)
        old = self.conn.execute("SELECT data FROM assertions WHERE key = ?", (key,)).fetchone()
        if old is not None:
            sentences, earlier = pickle.loads(old[0])
            rows = [_resentence(r, sentences) for r in earlier] + rows
        # A stable sort: assertions with equal keys keep their order of arrival.
        rows.sort(key=_row_key)
        self.conn.execute(
            "INSERT OR REPLACE INTO assertions VALUES (?, ?, ?)",
            (key, len(rows), _dumps(_pack(rows))),
        )

    def add_statements(self, blocks: Iterable[tuple[str, list[tuple[str, str]]]]) -> None:
        """Store the Turtle blocks of statement nodes."""
        self.conn.executemany(
            "INSERT INTO statements VALUES (?, ?)", ((s, _join(p)) for s, p in blocks)
        )

    def tick(self) -> None:
        """Count one result stored; commit now and then."""
        self._pending += 1
        if self._pending >= _COMMIT_EVERY:
            self.conn.execute("COMMIT")
            self.conn.execute("BEGIN")
            self._pending = 0

    def finish(self) -> None:
        """Commit and index the statements for reading in Turtle order."""
        self.conn.execute("COMMIT")
        self.conn.execute("CREATE INDEX statements_subject ON statements (subject)")
        self.conn.execute("CREATE INDEX articles_subject ON articles (subject)")

    def count(self, table: str) -> int:
        """Return the number of rows of ``articles``, or of assertions (``assertions``)."""
        if table == "assertions":
            (n,) = self.conn.execute("SELECT COALESCE(SUM(n), 0) FROM assertions").fetchone()
        else:
            (n,) = self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()
        return int(n)

    def turtle_blocks(
        self, key: Callable[[str], str] | None = None
    ) -> list[Iterator[tuple[str, list[tuple[str, str]]]]]:
        """Return the stored Turtle blocks: articles, then statements, each sorted.

        Args:
            key: Sort subjects (their Turtle text) by this instead (see
                :func:`kg.rdf.block_key`). Statements need no other order: their
                subjects are a prefix and 20 hexadecimal digits, which sort alike
                in every format's key.
        """
        if key is None:
            order = "subject"
        else:
            self.conn.create_function("kg_block_key", 1, key, deterministic=True)
            order = "kg_block_key(subject)"
        articles = self.conn.execute(
            f"SELECT subject, block FROM articles ORDER BY {order}"  # noqa: S608 - no input
        )
        statements = self.conn.execute("SELECT subject, body FROM statements ORDER BY subject")
        return [
            ((s, _split(body)) for s, body in articles),
            ((s, _split(body)) for s, body in statements),
        ]

    def assertion_rows(self, key: Callable[[str], str]) -> Iterator[tuple[str, bytes]]:
        """Yield (article id, stored assertions) for each article, sorted by ``key`` of the id."""
        self.conn.create_function("kg_article_key", 1, lambda k: key(_unkey(k)), deterministic=True)
        query = "SELECT key, data FROM assertions ORDER BY kg_article_key(key)"
        for k, data in self.conn.execute(query):
            yield _unkey(k), data


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def sweep_stale(folder: str | Path | None = None) -> list[Path]:
    """Remove the build folders in ``folder`` left by processes that are gone.

    Only folders that name their process (``owner.pid``) are touched: a folder whose
    process still runs, or of an older kg, stays.

    Args:
        folder: Where build folders are made (default: the system's temporary folder).

    Returns:
        The folders removed.
    """
    root = Path(folder) if folder is not None else Path(tempfile.gettempdir())
    removed: list[Path] = []
    try:
        candidates = list(root.glob(_PREFIX + "*"))
    except OSError:
        return removed
    for path in candidates:
        try:
            pid = int((path / _OWNER).read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            continue
        if pid != os.getpid() and not _alive(pid):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _join(pairs: Iterable[tuple[str, str]]) -> str:
    return _PAIR_SEP.join(p + _TERM_SEP + o for p, o in pairs)


def _split(body: str) -> list[tuple[str, str]]:
    if not body:
        return []
    return [tuple(pair.split(_TERM_SEP, 1)) for pair in body.split(_PAIR_SEP)]  # type: ignore[misc]


def _plain_forms(forms: Mapping[str, Counter[str]]) -> list[tuple[str, list[tuple[str, int]]]]:
    return [(eid, list(counts.items())) for eid, counts in forms.items()]


def _counter_forms(rows: list[tuple[str, list[tuple[str, int]]]]) -> dict[str, Counter[str]]:
    return {eid: Counter(dict(counts)) for eid, counts in rows}


# Encoding of assertions -------------------------------------------------------------


def _role(r: Role) -> EncodedRole:
    return (r.id, r.text, r.start, r.end)


def assertion_row(a: Assertion, role: Callable[[Role], Any], sentence: Any) -> EncodedAssertion:
    """Return ``a`` as a plain tuple, its roles as ``role`` writes them.

    ``sentence`` goes in field 4 (the text, or an index into a list of sentences);
    :func:`assertion_of_row` reads the row back. The one row layout of the build database
    and of the workers' results.
    """
    return (
        role(a.subject),
        a.relation,
        role(a.object),
        a.evidence.article,
        sentence,
        a.evidence.sentence_start,
        a.evidence.date,
        a.negated,
        a.modality,
        role(a.attributed_to) if a.attributed_to is not None else None,
        a.confidence,
        a.rule,
        a.detail,
    )


def assertion_of_row(
    r: EncodedAssertion, role: Callable[[Any], Role], sentences: Sequence[str]
) -> Assertion:
    """Return the assertion :func:`assertion_row` wrote (field 4 an index of ``sentences``)."""
    return Assertion(
        role(r[0]),
        r[1],
        role(r[2]),
        Evidence(r[3], sentences[r[4]], r[5], r[6]),
        negated=r[7],
        modality=r[8],
        attributed_to=role(r[9]) if r[9] is not None else None,
        confidence=r[10],
        rule=r[11],
        detail=r[12],
    )


def encode_assertions(assertions: Iterable[Assertion]) -> list[EncodedAssertion]:
    """Return assertions as plain tuples without canonical names (see :func:`decode_rows`).

    The sentence stays in place (field 4) until :func:`_pack` replaces it by an index.
    """
    return [assertion_row(a, _role, a.evidence.sentence) for a in assertions]


def _row_key(r: EncodedAssertion) -> tuple[Any, ...]:
    # The fields of Assertion.key, in its order.
    return (r[3], r[5], r[0][2], r[2][2], r[1], r[11], r[0][0], r[2][0])


def _pack(rows: list[EncodedAssertion]) -> tuple[list[str], list[EncodedAssertion]]:
    """Store each sentence once: rows refer to it by index."""
    index: dict[str, int] = {}
    packed = [(*r[:4], index.setdefault(r[4], len(index)), *r[5:]) for r in rows]
    return list(index), packed


def _resentence(r: EncodedAssertion, sentences: list[str]) -> EncodedAssertion:
    return (*r[:4], sentences[r[4]], *r[5:])


def decode_rows(data: bytes, entities: Mapping[str, Entity]) -> Iterator[Assertion]:
    """Yield the assertions of one stored article with canonical names, types and QIDs."""
    sentences, rows = pickle.loads(data)

    def role(r: EncodedRole) -> Role:
        e = entities[r[0]]
        return Role(r[0], e.name, e.type, e.qid, r[1], r[2], r[3])

    for r in rows:
        yield assertion_of_row(r, role, sentences)


# The lazy views ---------------------------------------------------------------------


class StoredAssertions(Sequence[Assertion]):
    """Every assertion of a build, sorted by :meth:`Assertion.key`, read from a :class:`BuildDB`.

    Re-iterable; each pass reads the database again, one article at a time. Indexing
    reads up to the index (use iteration). Equal to any sequence of the same assertions
    in the same order; pickles as a plain list.

    Attributes:
        db: The database.
        facts: Number of facts (assertions that become direct triples).
        by_category: Facts per category (``open`` for open relations).
        merge: The merge that filled the database, which writes its Turtle by streaming.
    """

    def __init__(
        self,
        db: BuildDB,
        entities: Mapping[str, Entity],
        *,
        facts: int = 0,
        by_category: Mapping[str, int] | None = None,
        merge: StreamingMerge | None = None,
    ) -> None:
        """Read the assertions of ``db`` with the names, types and QIDs of ``entities``."""
        self.db = db
        self.entities = entities
        self.merge = merge
        self.facts = facts
        self.by_category = dict(by_category or {})
        self._len = db.count("assertions")

    def __len__(self) -> int:
        return self._len

    def __iter__(self) -> Iterator[Assertion]:
        for (data,) in self.db.conn.execute("SELECT data FROM assertions ORDER BY key"):
            yield from decode_rows(data, self.entities)

    def for_article(self, article_id: str) -> list[Assertion]:
        """Return the assertions read in one article, in key order."""
        row = self.db.conn.execute(
            "SELECT data FROM assertions WHERE key = ?", (_key(article_id),)
        ).fetchone()
        return list(decode_rows(row[0], self.entities)) if row else []

    @overload
    def __getitem__(self, index: int) -> Assertion: ...

    @overload
    def __getitem__(self, index: slice) -> list[Assertion]: ...

    def __getitem__(self, index: int | slice) -> Assertion | list[Assertion]:
        return list(self)[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str | bytes):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __reduce__(self) -> tuple[Any, ...]:
        return (list, (list(self),))

    def __repr__(self) -> str:
        return f"<StoredAssertions: {self._len} assertions in {self.db.path}>"


class _StoredMapping(Mapping[str, Any]):
    """A mapping by article id over one column of the ``articles`` table."""

    _column = "meta"

    def __init__(self, db: BuildDB) -> None:
        self.db = db
        self._len = db.count("articles")

    def _decode(self, data: bytes) -> Any:
        raise NotImplementedError

    def __getitem__(self, article_id: str) -> Any:
        if not isinstance(article_id, str):
            raise KeyError(article_id)
        row = self.db.conn.execute(
            f"SELECT {self._column} FROM articles WHERE key = ?",  # noqa: S608 - a class constant
            (_key(article_id),),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        return self._decode(row[0])

    def __iter__(self) -> Iterator[str]:
        for (key,) in self.db.conn.execute("SELECT key FROM articles ORDER BY key"):
            yield _unkey(key)

    def __len__(self) -> int:
        return self._len

    def iter_items(self) -> Iterator[tuple[str, Any]]:
        """Yield (article id, value) in id order, in one pass over the database."""
        query = f"SELECT key, {self._column} FROM articles ORDER BY key"  # noqa: S608
        for key, data in self.db.conn.execute(query):
            yield _unkey(key), self._decode(data)

    def items(self) -> ItemsView[str, Any]:
        """Return the (id, value) pairs, read in one pass."""
        return _Items(self)

    def values(self) -> ValuesView[Any]:
        """Return the values, read in one pass."""
        return _Values(self)

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (dict(self.iter_items()),))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._len} articles in {self.db.path}>"


class _Items(ItemsView[str, Any]):
    def __init__(self, mapping: _StoredMapping) -> None:
        super().__init__(mapping)
        self._stored = mapping

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        return self._stored.iter_items()


class _Values(ValuesView[Any]):
    def __init__(self, mapping: _StoredMapping) -> None:
        super().__init__(mapping)
        self._stored = mapping

    def __iter__(self) -> Iterator[Any]:
        return (value for _, value in self._stored.iter_items())


class StoredArticles(_StoredMapping):
    """Article metadata (text dropped) by id, sorted by id, read from a :class:`BuildDB`."""

    _column = "meta"

    def _decode(self, data: bytes) -> Article:
        aid, title, date, source, url, origin = pickle.loads(data)
        return Article(aid, "", title, date, source, url, origin)


class StoredForms(_StoredMapping):
    """Per article, the surface forms of each entity with counts, read from a :class:`BuildDB`."""

    _column = "forms"

    def _decode(self, data: bytes) -> dict[str, Counter[str]]:
        return _counter_forms(pickle.loads(data))


# The merge ----------------------------------------------------------------------------


class StreamingMerge:
    """Merge article results one at a time; memory holds the graph, not the assertions.

    Args:
        folder: Where the build database's temporary folder is made (default: the
            system's temporary folder).
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        """Start an empty merge with a new build database."""
        self.db = BuildDB(folder)
        self.entities: dict[str, Entity] = {}
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.claims: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.open_relations: set[str] = set()
        self.facts = 0
        self.by_category: Counter[str] = Counter()
        # Turtle text of entity and relation IRIs (as many as entities and relations).
        self._iris: dict[str, str] = {}
        self._terms: dict[Any, str] = {}  # the same and repeated literals, for statements

    def add(self, result: ArticleResult) -> None:
        """Stream one article's result into the build database and the merged state."""
        self._merge_entities(result.entities)
        local: dict[str, Counter[str]] = defaultdict(Counter)
        for eid, mention in result.mentions:
            local[eid][mention.text] += 1
        self._add_article(result.article, dict(local))
        by_article: dict[str, list[Assertion]] = defaultdict(list)
        for a in result.assertions:
            by_article[a.evidence.article].append(a)
            self._count(a)
        for aid, items in by_article.items():
            self.db.add_assertions(aid, encode_assertions(items))
            self.db.add_statements(self._statement_blocks(items))
        self.db.tick()

    def finish(self, warnings: Iterable[str] = ()) -> KnowledgeGraph:
        """Return the merged graph, whose assertions and articles are read from the database."""
        from kg.graph import KnowledgeGraph

        self.db.finish()
        entities = dict(sorted(self.entities.items()))
        graph = KnowledgeGraph(
            entity_map=entities,
            assertions=StoredAssertions(
                self.db, entities, facts=self.facts, by_category=self.by_category, merge=self
            ),
            articles=StoredArticles(self.db),
            surface_forms={k: self.forms[k] for k in sorted(self.forms) if self.forms[k]},
            article_forms=StoredForms(self.db),
            warnings=list(warnings),
        )
        return graph

    def _merge_entities(self, group: tuple[Entity, ...]) -> None:
        # merge_entities folds: merging the merged entities of earlier articles with this
        # article's gives what merging all articles at once gives, so only the ids this
        # article touches are merged again.
        known = [self.entities[e.id] for e in group if e.id in self.entities]
        self.entities.update(merge_entities([known, group]))

    def _add_article(self, article: Article, local: dict[str, Counter[str]]) -> None:
        from kg.rdf import article_triples, turtle_pairs

        triples = list(turtle_pairs(article_triples(article), {}))
        block = (triples[0][0], [(p, o) for _, p, o in triples])
        old = self.db.put_article(article, local, block)
        if old is not None:  # a result given twice: the later one's forms count
            for eid, counts in old.items():
                self.forms[eid].subtract(counts)
                self.forms[eid] = +self.forms[eid]
        for eid, counts in local.items():
            self.forms[eid].update(counts)

    def _count(self, a: Assertion) -> None:
        if is_open(a.relation):
            self.open_relations.add(a.relation)
        if a.is_fact:
            self.facts += 1
            self.by_category[category_of(a.relation) or "open"] += 1

    def _statement_blocks(
        self, assertions: list[Assertion]
    ) -> Iterator[tuple[str, list[tuple[str, str]]]]:
        from kg.rdf import claim_triples, statement_turtle, turtle_pairs

        for a in assertions:
            for s, p, o in turtle_pairs(claim_triples(a), self._iris):
                self.claims[s][p].add(o)
            yield statement_turtle(a, self._terms)

    def memory_blocks(
        self, entities: Iterable[Entity], *, claims: bool = True
    ) -> list[tuple[str, list[tuple[str, str]]]]:
        """Return the Turtle blocks held in memory, sorted: ontology, entities, claims, relations.

        Args:
            entities: The graph's entities.
            claims: Include the direct claims (which TriG puts in the articles' graphs).
        """
        from kg.rdf import entity_triples, ontology_triples, open_relation_triples, turtle_pairs

        blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
        cache = dict(self._iris)

        def triples() -> Iterator[Any]:
            yield from ontology_triples()
            for e in entities:
                yield from entity_triples(e)
            for name in sorted(self.open_relations):
                yield from open_relation_triples(name)

        for s, p, o in turtle_pairs(triples(), cache):
            blocks[s].append((p, o))
        if claims:
            for s, preds in self.claims.items():
                blocks[s].extend((p, o) for p, objs in preds.items() for o in objs)
        return sorted(blocks.items())

    def chunks(self, fmt: str, entities: Mapping[str, Entity]) -> Iterator[str]:
        """Yield the graph as ``fmt`` text, in pieces, as :func:`kg.rdf.memory_chunks` writes it.

        Args:
            fmt: ``turtle``, ``nt``, ``json-ld`` or ``trig``.
            entities: The graph's entities, by id.
        """
        from kg.rdf import block_key, check_format, trig_chunks, union_chunks

        name = check_format(fmt).name
        if name == "trig":
            default: list[Iterable[tuple[str, list[tuple[str, str]]]]] = [
                self.memory_blocks(entities.values(), claims=False),
                self.db.turtle_blocks()[0],
            ]
            return trig_chunks(default, self._article_graphs(entities))
        if name == "turtle":
            return union_chunks(
                name, [self.memory_blocks(entities.values()), *self.db.turtle_blocks()]
            )
        key = block_key(name)
        memory = sorted(self.memory_blocks(entities.values()), key=lambda block: key(block[0]))
        return union_chunks(name, [memory, *self.db.turtle_blocks(key)])

    def _article_graphs(
        self, entities: Mapping[str, Entity]
    ) -> Iterator[tuple[str, list[tuple[str, list[tuple[str, str]]]]]]:
        """Yield each article's graph (statement nodes, direct claims), sorted by its name."""
        from kg.rdf import article_iri, claim_triples, statement_turtle, turtle_iri, turtle_pairs

        iris = dict(self._iris)

        def name(article_id: str) -> str:
            return turtle_iri(str(article_iri(article_id)))

        for article_id, data in self.db.assertion_rows(name):
            blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for a in decode_rows(data, entities):
                subject, pairs = statement_turtle(a, self._terms)
                blocks[subject].extend(pairs)
                for s, p, o in turtle_pairs(claim_triples(a), iris):
                    blocks[s].append((p, o))
            yield name(article_id), sorted(blocks.items())


def replicate_result(result: ArticleResult, article_id: str, *, days: int = 0) -> ArticleResult:
    """Return ``result`` as if read from another article: a new id, dates shifted by ``days``.

    For synthetic corpora at scale (``benchmarks/scale.py --replicate``) and tests: the
    copies of a few parsed articles merge like distinct articles, with no parsing.

    Example:
        >>> from kg.types import Article
        >>> copy = replicate_result(ArticleResult(Article("a", "", date="2020-02-28")), "b", days=2)
        >>> copy.article.id, copy.article.date
        ('b', '2020-03-01')
    """
    from dataclasses import replace

    date = _shift(result.article.date, days)
    assertions = tuple(
        replace(
            a,
            evidence=replace(a.evidence, article=article_id, date=_shift(a.evidence.date, days)),
        )
        for a in result.assertions
    )
    article = replace(result.article, id=article_id, date=date)
    return replace(result, article=article, assertions=assertions)


def streaming_chunks(graph: KnowledgeGraph, fmt: str = "turtle") -> Iterator[str] | None:
    """Return ``graph`` as ``fmt`` in pieces, streamed from its build database.

    Returns:
        ``None`` unless the graph's assertions and articles come from one streaming merge.
    """
    stored, articles = graph.assertions, graph.articles
    if not (isinstance(stored, StoredAssertions) and isinstance(articles, StoredArticles)):
        return None
    if stored.merge is None or articles.db is not stored.db:
        return None
    return stored.merge.chunks(fmt, graph.entity_map)


def _shift(date: str | None, days: int) -> str | None:
    from datetime import date as Date  # noqa: N812
    from datetime import timedelta

    if not date or not days:
        return date
    try:
        return (Date.fromisoformat(date) + timedelta(days=days)).isoformat()
    except ValueError:
        return date
