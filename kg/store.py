"""Graphs in pyoxigraph: the persistent on-disk store, and in-memory stores for SPARQL.

A store holds exactly the triples of ``graph.ttl`` (the union of all graphs, in the
store's default graph), so a query gives the same answer on either. ``kg build
--store DIR`` writes one; ``kg build --append --store DIR`` adds new articles to it
in place; :func:`kg.load` and ``kg query`` read a store as they read a file.

pyoxigraph is imported inside the functions that need it.

Example:
    >>> import kg  # doctest: +SKIP
    >>> graph = kg.load("output/store")  # doctest: +SKIP
    >>> graph.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s kg:threatens ?o }")  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef

from kg.errors import ExportError, InputError
from kg.io.atomic import plain_mode
from kg.ontology import is_open

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.rdf import Triple

__all__ = [
    "append_store",
    "is_store",
    "load_store",
    "memory_store",
    "open_dataset",
    "oxigraph_quads",
    "write_store",
]


def is_store(path: str | Path) -> bool:
    """Return whether ``path`` is a folder holding a pyoxigraph (RocksDB) store."""
    p = Path(path)
    return p.is_dir() and (p / "CURRENT").is_file()


def oxigraph_quads(triples: Iterable[tuple[URIRef, URIRef, URIRef | Literal]]) -> Iterator[Any]:
    """Yield ``pyoxigraph.Quad`` objects in the default graph for rdflib triples."""
    import pyoxigraph as ox

    nodes: dict[str, Any] = {}

    def node(iri: str) -> Any:
        found = nodes.get(iri)
        if found is None:
            found = nodes[iri] = ox.NamedNode(iri)
        return found

    def term(t: URIRef | Literal) -> Any:
        if isinstance(t, Literal):
            if t.language:
                return ox.Literal(str(t), language=t.language)
            if t.datatype is not None:
                return ox.Literal(str(t), datatype=node(str(t.datatype)))
            return ox.Literal(str(t))
        return node(str(t))

    for s, p, o in triples:
        yield ox.Quad(node(str(s)), node(str(p)), term(o))


def _triples(graph: KnowledgeGraph) -> Iterator[Triple]:
    from kg.rdf import iter_quads

    for s, p, o, _ in iter_quads(graph):
        yield s, p, o


def memory_store(graph: KnowledgeGraph) -> Any:
    """Return a new in-memory ``pyoxigraph.Store`` holding ``graph`` (ontology included)."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_extend(oxigraph_quads(_triples(graph)))
    return store


# Quads per bulk load of a store on disk: the loader's memory grows with its input.
_BULK_QUADS = 200_000


def disk_store(graph: KnowledgeGraph, folder: str | Path, source: Path | None = None) -> Any:
    """Return a new ``pyoxigraph.Store`` on disk in ``folder`` holding ``graph``.

    For a graph whose statements are on disk (:mod:`kg.builddb`): an in-memory store
    of 100,000 articles takes about 3.5 GB. The store is loaded from ``source``, the
    file the graph was read from, else from the graph's Turtle, streamed into a file in
    ``folder`` first; in bulk, :data:`_BULK_QUADS` quads at a time (one bulk load of
    the whole file peaks at 1.6 GB at 100,000 articles, this at 0.35 GB).
    """
    import itertools

    import pyoxigraph as ox

    from kg.rdf import format_for_path, oxigraph_format, write_graph

    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    if source is None:
        source = write_graph(graph, target / "graph.ttl")
    store = ox.Store(str(target / "store"))
    quads = ox.parse(path=str(source), format=oxigraph_format(format_for_path(source)))
    while part := list(itertools.islice(quads, _BULK_QUADS)):
        store.bulk_extend(part)
    store.flush()
    store.optimize()
    if source.parent == target:
        source.unlink()
    return store


def _open(path: Path, *, read_only: bool) -> Any:
    import pyoxigraph as ox

    try:
        return ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
    except OSError as exc:
        msg = f"cannot open the store {str(path)!r}: {exc}"
        raise InputError(msg, path=str(path)) from exc


def open_dataset(path: str | Path) -> Any:
    """Return a ``pyoxigraph.Store`` to query: the store at ``path``, or a graph file loaded.

    Files are loaded into memory with all their graphs merged into the default
    graph (a TriG file's named graphs included), as Turtle holds them.

    Raises:
        InputError: ``path`` is neither a store nor a readable graph file.
    """
    import pyoxigraph as ox

    from kg.rdf import format_for_path, oxigraph_format

    p = Path(path)
    if is_store(p):
        return _open(p, read_only=True)
    if not p.is_file():
        msg = f"no such graph file or store: {str(p)!r}"
        raise InputError(msg, path=str(p))
    fmt = format_for_path(p)
    store = ox.Store()
    try:
        quads = ox.parse(path=str(p), format=oxigraph_format(fmt))
        store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    except (SyntaxError, ValueError, OSError) as exc:
        msg = f"cannot parse as {fmt.name}: {exc}"
        raise InputError(msg, path=str(p)) from exc
    return store


def load_store(path: str | Path, *, attach: bool = True) -> KnowledgeGraph:
    """Load the graph held by the store at ``path``.

    Args:
        path: The store's folder.
        attach: Keep the store open and answer the graph's SPARQL queries from it.

    Raises:
        InputError: ``path`` is not a store, or it holds something kg did not write.
    """
    from kg.rdf import stored_graph_from_triples

    p = Path(path)
    if not is_store(p):
        msg = f"not a kg store (a folder written by kg build --store): {str(p)!r}"
        raise InputError(msg, path=str(p))
    store = _open(p, read_only=True)
    # The evidence stays on disk, as for kg.load of a file.
    graph = stored_graph_from_triples(
        (q.subject.value, q.predicate.value, q.object.value) for q in store
    )
    if attach:
        graph.use_store(store)
    return graph


def write_store(graph: KnowledgeGraph, path: str | Path) -> int:
    """Write ``graph`` into a new store at ``path``, replacing what was there.

    The store is written beside ``path`` and moved into place at the end, so an
    interrupted write leaves the previous store intact.

    Returns:
        The number of triples written.

    Raises:
        ExportError: ``path`` is a folder that is not a store and not empty, or the
            store cannot be written.
    """
    import pyoxigraph as ox

    target = Path(path)
    if target.exists() and not is_store(target) and (target.is_file() or any(target.iterdir())):
        msg = f"{str(target)!r} exists and is not a kg store; give a new or empty folder"
        raise ExportError(msg)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        os.chmod(tmp, plain_mode(target, folder=True))  # mkdtemp's 0o700 is for temporaries
        store = ox.Store(str(tmp))
        store.bulk_extend(oxigraph_quads(_triples(graph)))
        store.flush()
        count = len(store)
        del store  # closes the database before it is moved
        _swap(tmp, target)
    except OSError as exc:
        msg = f"cannot write the store {str(target)!r}: {exc}"
        raise ExportError(msg) from exc
    return count


def _swap(new: Path, target: Path) -> None:
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        old.rmdir()
        os.replace(target, old)
    os.replace(new, target)
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)


def append_store(path: str | Path, base: KnowledgeGraph, merged: KnowledgeGraph) -> int:
    """Bring the store at ``path``, which holds ``base``, up to ``merged``.

    ``merged`` is ``base`` plus new articles (see :func:`kg.graph.merge_graphs`).
    Only the new articles' triples and the entity descriptions that changed are
    written; nothing else is rewritten.

    Returns:
        The number of triples in the store afterwards.

    Raises:
        ExportError: ``merged`` replaces articles of ``base``, or the store cannot be written.
    """
    from kg.rdf import (
        article_triples,
        assertion_triples,
        entity_triples,
        open_relation_triples,
    )

    def by_article(graph: KnowledgeGraph) -> dict[str, list[tuple[Any, ...]]]:
        found: dict[str, list[tuple[Any, ...]]] = {aid: [] for aid in graph.articles}
        for a in graph.assertions:
            found.setdefault(a.evidence.article, []).append(a.key())
        return found

    old_keys, new_keys = by_article(base), by_article(merged)
    replaced = {
        aid
        for aid in base.articles
        if merged.articles.get(aid, base.articles[aid]) != base.articles[aid]
        or new_keys.get(aid, old_keys[aid]) != old_keys[aid]
    }
    if replaced:
        msg = f"an append cannot replace articles already in the store: {sorted(replaced)[:5]}"
        raise ExportError(msg)
    new_ids = merged.articles.keys() - base.articles.keys()
    old_entities = {t for e in base.entity_map.values() for t in entity_triples(e)}
    new_entities = {t for e in merged.entity_map.values() for t in entity_triples(e)}
    base_open = {a.relation for a in base.assertions if is_open(a.relation)}
    additions: list[Triple] = sorted(new_entities - old_entities)
    for aid in sorted(new_ids):
        additions.extend(article_triples(merged.articles[aid]))
    new_open: set[str] = set()
    for a in merged.assertions:
        if a.evidence.article in new_ids:
            additions.extend(assertion_triples(a))
            if is_open(a.relation) and a.relation not in base_open:
                new_open.add(a.relation)
    for name in sorted(new_open):
        additions.extend(open_relation_triples(name))
    stale = list(oxigraph_quads(sorted(old_entities - new_entities)))
    store = _open(Path(path), read_only=False)
    try:
        # Additions first: an interruption leaves extra labels at worst, never a lost fact.
        store.extend(oxigraph_quads(additions))
        for quad in stale:
            store.remove(quad)
        store.flush()
        count = len(store)
    except OSError as exc:
        msg = f"cannot write the store {str(path)!r}: {exc}"
        raise ExportError(msg) from exc
    finally:
        del store
    return count
