"""The Python entry points: :func:`build` and :func:`load`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.edges import DEFAULT_EVIDENCE_K, check_evidence_k
from kg.errors import InputError
from kg.extract.hybrid import DEFAULT_EXTRACTOR
from kg.graph import KnowledgeGraph, merge_results
from kg.io.readers import MAX_ARTICLE_CHARS
from kg.types import Article, ArticleResult

if TYPE_CHECKING:
    from kg.executors import Executor
    from kg.pipeline import BuildStats

__all__ = ["append", "build", "build_articles", "load", "sample_path"]


def sample_path() -> Path:
    """Return the path of the bundled sample article (Reuters, August 2017)."""
    from importlib.resources import files

    return Path(str(files("kg") / "data" / "sample" / "us-japan-north-korea-2017.txt"))


def _dated(articles: Iterable[Article], warnings: list[str]) -> Iterator[Article]:
    """Yield the articles with ISO dates: a date kg cannot read is dropped, with a warning.

    "2017-08-18T14:03:00Z" and "Aug 18, 2017" become "2017-08-18" (as the readers read
    them); "10/10/18" is no date kg can read, so the article is undated rather than
    misdated (the office tables compare ISO days).
    """
    from dataclasses import replace

    from kg.io._common import parse_date

    for article in articles:
        if article.date is not None:
            day = parse_date(article.date)
            if day is None:
                warnings.append(
                    f"article {article.id}: date {article.date!r} is not a date kg can read "
                    "(expected YYYY-MM-DD); read as undated"
                )
            if day != article.date:
                article = replace(article, date=day)
        yield article


def build_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    n_process: int = 1,
    batch_size: int = 32,
    progress: Callable[[ArticleResult], None] | None = None,
    warnings: list[str] | None = None,
    executor: str | Executor | None = None,
    scheduler: str | None = None,
    cache: str | Path | None = None,
    stats: BuildStats | None = None,
) -> KnowledgeGraph:
    """Build a graph from articles already read.

    Args:
        articles: The articles, read lazily.
        model: spaCy pipeline name.
        extractor: ``hybrid`` (the default: the learned relation model, ``kg/models``,
            with the patterns' affiliations), ``model`` (the model alone) or ``rules`` (the
            dependency patterns alone, no model loaded).
        n_process: Worker processes.
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        progress: Called with each article's result.
        warnings: Messages about skipped input, copied into the graph at the end (an
            article date kg cannot read adds one; the article is then undated).
        executor: ``local``, ``process`` or ``dask`` (see :mod:`kg.executors`), or an
            executor; by default ``local`` for one process, else ``process``.
        scheduler: Address of an existing Dask scheduler (with ``executor="dask"``).
        cache: Folder of the incremental-build cache (see :mod:`kg.cache`); ``None``
            parses everything.
        stats: Updated with how many articles were parsed and taken from the cache.

    Warns:
        CacheWarning: The cache could not be read: it was moved aside and the build went
            on with a fresh one (see :mod:`kg.cache`).

    Raises:
        ExportError: No cache can be made in ``cache`` (a read-only folder, a full disk).
    """
    from kg.pipeline import iter_results

    warnings = warnings if warnings is not None else []
    articles = _dated(articles, warnings)
    store = None
    if cache is not None:
        from kg.cache import CACHE_FILE, ResultCache, cache_config

        store = ResultCache(
            Path(cache) / CACHE_FILE, config=cache_config(model, extractor=extractor)
        )
    try:
        results = iter_results(
            articles,
            model=model,
            extractor=extractor,
            n_process=n_process,
            batch_size=batch_size,
            executor=executor,
            scheduler=scheduler,
            cache=store,
            progress=progress,
            stats=stats,
        )
        return merge_results(results, warnings=warnings)
    finally:
        if store is not None:
            store.close()


def build(
    paths: str | Path | Iterable[str | Path],
    *,
    model: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
    text_field: str | None = None,
    strict: bool = False,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    n_process: int = 1,
    progress: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    executor: str | Executor | None = None,
    scheduler: str | None = None,
    cache: str | Path | None = None,
    stats: BuildStats | None = None,
) -> KnowledgeGraph:
    """Read articles from files or folders and build their knowledge graph.

    Args:
        paths: Files, folders (read recursively) or ``-`` for standard input.
        model: spaCy pipeline name.
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`build_articles`).
        text_field: Field holding the text in JSON Lines and CSV input.
        strict: Raise at the first bad input instead of skipping it.
        max_chars: Longer articles are cut to this length with a warning (``None``: never).
        n_process: Worker processes.
        progress: Called with each article's result.
        on_error: Called with each input error (when not ``strict``).
        executor: ``local``, ``process`` or ``dask``, or an executor (see
            :func:`build_articles`).
        scheduler: Address of an existing Dask scheduler (with ``executor="dask"``).
        cache: Folder of the incremental-build cache; ``None`` parses everything.
        stats: Updated with how many articles were parsed and taken from the cache.

    Returns:
        The merged graph; ``graph.warnings`` lists skipped input.

    Raises:
        InputError: ``strict`` is set and some input is bad.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> graph = kg.build(kg.sample_path())  # doctest: +SKIP
        >>> graph.relations(subject="North Korea", category="conflict")  # doctest: +SKIP
    """
    articles, warnings = _read(paths, text_field, strict, max_chars, on_error)
    return build_articles(
        articles,
        model=model,
        extractor=extractor,
        n_process=n_process,
        progress=progress,
        warnings=warnings,
        executor=executor,
        scheduler=scheduler,
        cache=cache,
        stats=stats,
    )


def _read(
    paths: str | Path | Iterable[str | Path],
    text_field: str | None,
    strict: bool,
    max_chars: int | None,
    on_error: Callable[[InputError], None] | None,
) -> tuple[Iterator[Article], list[str]]:
    """Return the articles of ``paths`` (read lazily) and the list their warnings fill."""
    from kg.io import read_articles

    warnings: list[str] = []

    def collect(err: InputError) -> None:
        warnings.append(str(err))
        if on_error is not None:
            on_error(err)

    sources = [paths] if isinstance(paths, (str, Path)) else paths
    articles = read_articles(
        sources, text_field=text_field, on_error=None if strict else collect, max_chars=max_chars
    )
    return articles, warnings


def load(path: str | Path, *, evidence_k: int = DEFAULT_EVIDENCE_K) -> KnowledgeGraph:
    """Load a graph written by ``kg build``: a Turtle, TriG, N-Triples or JSON-LD file, or a store.

    A graph loaded from a store (``kg build --store DIR``) answers SPARQL queries
    from the store on disk.

    Args:
        path: The graph file or store folder.
        evidence_k: Evidence statements kept per relation by the diagrams, the HTML
            view and the exports (see :func:`kg.graph.edge_records`).

    Raises:
        InputError: The path is missing or is not a kg graph, or ``evidence_k`` is below 1.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> graph = kg.load("output/graph.ttl")  # doctest: +SKIP
        >>> graph.adversaries("Japan")  # doctest: +SKIP
    """
    from kg.store import is_store, load_store

    check_evidence_k(evidence_k)
    if is_store(path):
        graph = load_store(path)
    else:
        from kg.rdf import read_graph

        graph = read_graph(path)
        graph.use_source(path)
    graph.evidence_k = evidence_k
    return graph


def append(
    base: KnowledgeGraph,
    paths: str | Path | Iterable[str | Path],
    *,
    text_field: str | None = None,
    strict: bool = False,
    max_chars: int | None = MAX_ARTICLE_CHARS,
    on_error: Callable[[InputError], None] | None = None,
    skipped: list[str] | None = None,
    **options: Any,
) -> KnowledgeGraph:
    """Add the articles of ``paths`` that ``base`` does not hold yet; only they are parsed.

    Args:
        base: The graph to add to (``kg.load`` of an earlier build).
        paths: Files, folders or ``-``, as for :func:`build`.
        text_field: Field holding the text in JSON Lines and CSV input.
        strict: Raise at the first bad input instead of skipping it.
        max_chars: Longer articles are cut to this length with a warning (``None``: never).
        on_error: Called with each input error (when not ``strict``).
        skipped: Filled with the ids of articles already in ``base``.
        **options: Passed to :func:`build_articles` (``model``, ``n_process``, ...).

    Returns:
        A new graph: ``base`` with the new articles merged in.

    Raises:
        InputError: ``strict`` is set and some input is bad.
    """
    from kg.graph import merge_graphs

    def fresh(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if article.id in base.articles:
                if skipped is not None:
                    skipped.append(article.id)
                continue
            yield article

    articles, warnings = _read(paths, text_field, strict, max_chars, on_error)
    new = build_articles(fresh(articles), warnings=warnings, **options)
    return merge_graphs(base, new)
