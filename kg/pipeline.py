"""Orchestration: articles in, per-article results out, in batches.

Each article is cut into chunks the parser handles comfortably (at paragraph,
then sentence, then word boundaries), parsed with ``nlp.pipe``, extracted, and
resolved. Results come out in input order, one :class:`~kg.types.ArticleResult`
per article.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from kg.extract import DocFacts, extract_doc
from kg.nlp import load_pipeline
from kg.resolve import resolve_article
from kg.types import Article, ArticleResult

__all__ = ["CHUNK_CHARS", "iter_results", "split_text"]

CHUNK_CHARS = 20_000
_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s"),
)


def split_text(text: str, *, max_chars: int = CHUNK_CHARS) -> list[tuple[str, int]]:
    """Cut ``text`` into (chunk, offset) pairs of at most ``max_chars`` characters.

    Cuts fall at paragraph breaks where possible, else at line breaks, sentence
    ends, spaces, and as a last resort anywhere.

    Example:
        >>> split_text("a b. c d.", max_chars=5)
        [('a b.', 0), ('c d.', 5)]
    """
    chunks: list[tuple[str, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + max_chars)
        if end < n:
            window = text[start:end]
            cut = -1
            for pattern in _BREAKS:
                matches = [m for m in pattern.finditer(window) if m.start() > max_chars // 4]
                if matches:
                    cut = matches[-1].start()
                    break
            if cut > 0:
                end = start + cut
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            chunks.append((stripped, start + lead))
        start = end
    return chunks


def iter_results(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    progress: Callable[[ArticleResult], None] | None = None,
) -> Iterator[ArticleResult]:
    """Parse, extract and resolve ``articles``, yielding one result per article in order.

    Args:
        articles: The articles, read lazily.
        model: spaCy pipeline name (see :func:`kg.nlp.model_name`).
        batch_size: Texts per ``nlp.pipe`` batch.
        n_process: Parser processes (spaCy multiprocessing).
        progress: Called with each result as it is done.
    """
    nlp = load_pipeline(model)

    def chunks() -> Iterator[tuple[str, tuple[Article, int, bool]]]:
        for article in articles:
            parts = split_text(article.text)
            if not parts:
                yield "", (article, 0, True)
                continue
            for k, (text, offset) in enumerate(parts):
                yield text, (article, offset, k == len(parts) - 1)

    pending: list[DocFacts] = []
    for doc, (article, offset, last) in nlp.pipe(
        chunks(), as_tuples=True, batch_size=batch_size, n_process=n_process
    ):
        pending.append(extract_doc(doc, offset=offset))
        if last:
            result = resolve_article(article, pending)
            pending = []
            if progress is not None:
                progress(result)
            yield result
