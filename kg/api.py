"""The Python entry points: :func:`build` and :func:`load`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kg.errors import InputError
from kg.graph import KnowledgeGraph, merge_results
from kg.types import Article, ArticleResult

__all__ = ["build", "build_articles", "load", "sample_path"]


def sample_path() -> Path:
    """Return the path of the bundled sample article (Reuters, August 2017)."""
    from importlib.resources import files

    return Path(str(files("kg") / "data" / "sample" / "us-japan-north-korea-2017.txt"))


def build_articles(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = 32,
    progress: Callable[[ArticleResult], None] | None = None,
    warnings: list[str] | None = None,
) -> KnowledgeGraph:
    """Build a graph from articles already read."""
    from kg.pipeline import iter_results

    results = iter_results(
        articles, model=model, n_process=n_process, batch_size=batch_size, progress=progress
    )
    return merge_results(results, warnings=warnings if warnings is not None else [])


def build(
    paths: str | Path | Iterable[str | Path],
    *,
    model: str | None = None,
    text_field: str | None = None,
    strict: bool = False,
    n_process: int = 1,
    progress: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> KnowledgeGraph:
    """Read articles from files or folders and build their knowledge graph.

    Args:
        paths: Files, folders (read recursively) or ``-`` for standard input.
        model: spaCy pipeline name.
        text_field: Field holding the text in JSON Lines and CSV input.
        strict: Raise at the first bad input instead of skipping it.
        n_process: Parser processes.
        progress: Called with each article's result.
        on_error: Called with each input error (when not ``strict``).

    Returns:
        The merged graph; ``graph.warnings`` lists skipped input.

    Raises:
        InputError: ``strict`` is set and some input is bad.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> graph = kg.build(kg.sample_path())  # doctest: +SKIP
        >>> graph.relations(subject="North Korea", category="conflict")  # doctest: +SKIP
    """
    from kg.io import read_articles

    if isinstance(paths, (str, Path)):
        paths = [paths]
    warnings: list[str] = []

    def collect(err: InputError) -> None:
        warnings.append(str(err))
        if on_error is not None:
            on_error(err)

    articles = read_articles(paths, text_field=text_field, on_error=None if strict else collect)
    return build_articles(
        articles, model=model, n_process=n_process, progress=progress, warnings=warnings
    )


def load(path: str | Path) -> KnowledgeGraph:
    """Load a graph written by ``kg build`` (Turtle and other RDF formats).

    Raises:
        InputError: The file is missing or not a kg graph.
    """
    from kg.rdf import read_graph

    return read_graph(path)
