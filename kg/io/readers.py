"""The reader registry and :func:`read_articles`, the one entry point for input.

A reader turns one file into articles; readers are chosen by file suffix::

    .txt .md          plain text, one article   (kg.io.plaintext)
    .html .htm        a web page, one article   (kg.io.htmlpage)
    .jsonl .jsonl.gz  one object per line       (kg.io.jsonlines)
    .json             JSON Lines too
    .csv              a header, one row each    (kg.io.csvfile)
    .sgm              Reuters-21578 records     (kg.io.reuters)
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Protocol, TextIO

from kg.errors import InputError
from kg.ids import content_hash
from kg.io._common import ErrorHandler
from kg.io.csvfile import CsvReader
from kg.io.htmlpage import HtmlReader
from kg.io.jsonlines import JsonLinesReader, article_from_json_line, check_not_pretty
from kg.io.plaintext import TextReader, article_from_text
from kg.io.reuters import ReutersReader
from kg.types import Article

__all__ = ["READERS", "STDIN", "Reader", "known_suffix", "read_articles", "reader_for"]

STDIN = "-"
# Longer articles are cut (spaCy's own default limit of one text).
MAX_ARTICLE_CHARS = 1_000_000
"""The source name that means standard input."""

_STDIN_LABEL = "<stdin>"
_STDIN_STEM = "stdin"


class Reader(Protocol):
    """Reads the articles of one file format.

    Attributes:
        suffixes: The file name endings it reads, lower case with the dot (``".jsonl.gz"``).
    """

    suffixes: tuple[str, ...]

    def read(
        self, path: Path, *, text_field: str | None, on_error: ErrorHandler
    ) -> Iterator[Article]:
        """Yield the articles of ``path``.

        Args:
            path: The file.
            text_field: For record formats, the field holding the text; ``None`` tries
                ``text``, ``content``, ``content_original`` and ``body``.
            on_error: Receives each error after which reading can go on (a bad line or
                record); it may raise to stop.

        Raises:
            InputError: The file as a whole cannot be read as this format.
            OSError: The file cannot be read at all.
        """
        ...


def _registry(*readers: Reader) -> Mapping[str, Reader]:
    return MappingProxyType({suffix: reader for reader in readers for suffix in reader.suffixes})


READERS: Mapping[str, Reader] = _registry(
    TextReader(), HtmlReader(), JsonLinesReader(), CsvReader(), ReutersReader()
)
"""Suffix (lower case, with the dot) to the reader of that format."""

# Longest first, so ".jsonl.gz" is matched before a shorter suffix could be.
_SUFFIXES_LONGEST_FIRST: tuple[str, ...] = tuple(sorted(READERS, key=len, reverse=True))


def known_suffix(path: Path) -> str | None:
    """Return the reader suffix ``path`` ends with (``.jsonl.gz`` before ``.gz``), if any."""
    name = path.name.lower()
    return next((suffix for suffix in _SUFFIXES_LONGEST_FIRST if name.endswith(suffix)), None)


def reader_for(path: str | Path) -> Reader:
    """Return the reader for a file, chosen by its suffix (case-insensitive).

    Args:
        path: The file.

    Returns:
        The reader registered in :data:`READERS` for the file's suffix.

    Raises:
        InputError: No reader handles the suffix; the message lists those that do.

    Example:
        >>> reader_for("news/2017.jsonl.gz").suffixes
        ('.jsonl', '.jsonl.gz', '.json')
    """
    suffix = known_suffix(Path(path))
    if suffix is None:
        valid = ", ".join(sorted(READERS))
        msg = (
            f"unknown file type {Path(path).name!r}: expected one of {valid}; "
            "rename the file or convert it to one of these formats"
        )
        raise InputError(msg, path=str(path))
    return READERS[suffix]


class _Reporter:
    """Passes errors to the caller's handler and remembers whether the handler raised.

    An error the handler raises must stop reading: it is not caught and reported again.
    """

    def __init__(self, handler: ErrorHandler | None) -> None:
        self.handler = handler
        self.raised = False

    def __call__(self, error: InputError) -> None:
        if self.handler is None:
            self.raised = True
            raise error
        try:
            self.handler(error)
        except BaseException:
            self.raised = True
            raise


def read_articles(
    sources: str | Path | Iterable[str | Path],
    *,
    text_field: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    stdin: TextIO | None = None,
    max_chars: int | None = MAX_ARTICLE_CHARS,
) -> Iterator[Article]:
    r"""Yield the articles of files, directories and standard input, in a stable order.

    A directory is walked recursively in sorted order. Hidden entries (names starting with
    ``.``) and files of unknown type are skipped there, and a symbolic link back to a
    directory already walked is not followed again. A file named explicitly must be of a
    known type (see :data:`READERS`). ``"-"`` reads standard input: one plain-text article,
    or JSON Lines when the first non-blank character is ``{``.

    Articles are read lazily, and errors surface when reading reaches them.

    Args:
        sources: Files, directories, or ``"-"``; a single ``str`` or ``Path`` is one source.
        text_field: For JSON Lines and CSV, the field holding the text; ``None`` tries
            ``text``, ``content``, ``content_original`` and ``body``.
        on_error: Receives every error after which reading can go on (a missing or unreadable
            file, a bad line or record), and reading goes on; it may raise to stop. ``None``
            raises the first error.
        stdin: Read this instead of ``sys.stdin`` for ``"-"``.
        max_chars: Longer articles are cut to this many characters (at a sentence or word
            end) with a warning; ``None`` or 0 reads everything.

    Two articles with the same id are told apart: a second copy of the same text is
    skipped, a different text under a taken id gets the id with a content hash appended;
    both are reported.

    Yields:
        The articles, file by file, in the order of each file.

    Raises:
        InputError: An input cannot be read, when ``on_error`` is ``None``.

    Example:
        >>> import io
        >>> [a.title for a in read_articles(["-"], stdin=io.StringIO("Hello\n\nWorld."))]
        ['Hello']
    """
    if isinstance(sources, str | Path):  # one name, not an iterable of its characters
        sources = [sources]
    report = _Reporter(on_error)
    seen: dict[str, tuple[str, str]] = {}  # id -> (content hash, where it was read)
    for article in _read_sources(sources, text_field, report, stdin):
        where = article.origin or article.id
        if max_chars and len(article.text) > max_chars:
            kept, n = truncate(article.text, max_chars)
            report(
                InputError(
                    f"article {article.id!r} has {len(article.text):,} characters: only the "
                    f"first {n:,} are read (raise --max-chars to read more)",
                    path=where,
                )
            )
            article = replace(article, text=kept)
        digest = content_hash(article.text)
        earlier = seen.get(article.id)
        if earlier is not None:
            if earlier[0] == digest:
                msg = f"article {article.id!r} repeats {earlier[1]}: skipped"
                report(InputError(msg, path=where))
                continue
            new_id = f"{article.id}-{digest[:8]}"
            msg = f"article id {article.id!r} is taken by {earlier[1]}: this one is {new_id!r}"
            report(InputError(msg, path=where))
            article = replace(article, id=new_id)
        seen[article.id] = (digest, where)
        yield article


def truncate(text: str, max_chars: int) -> tuple[str, int]:
    """Cut ``text`` to at most ``max_chars``, at the last sentence end or space if near.

    Example:
        >>> truncate("One. Two three.", 12)
        ('One.', 4)
    """
    if len(text) <= max_chars:
        return text, len(text)
    head = text[:max_chars]
    floor = max_chars // 2
    for marks in ((". ", "! ", "? ", ".\n", "\n"), (" ",)):
        cut = max(head.rfind(m) for m in marks)
        if cut >= floor:
            kept = head[: cut + 1].rstrip()
            return kept, len(kept)
    return head, len(head)


def _read_sources(
    sources: Iterable[str | Path],
    text_field: str | None,
    report: _Reporter,
    stdin: TextIO | None,
) -> Iterator[Article]:
    for source in sources:
        if isinstance(source, str) and source == STDIN:
            stream = stdin if stdin is not None else sys.stdin
            yield from _guarded(_read_stdin(stream, text_field, report), _STDIN_LABEL, report)
            continue
        path = Path(source)
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except (OSError, ValueError) as exc:  # a name too long, a NUL in it
            report(InputError(f"cannot use this path: {exc}", path=str(path)))
            continue
        if is_dir:
            for file in _walk(path, report):
                suffix = known_suffix(file)
                if suffix is not None:
                    yield from _read_file(READERS[suffix], file, text_field, report)
        elif exists:
            try:
                reader = reader_for(path)
            except InputError as exc:
                report(exc)
                continue
            yield from _read_file(reader, path, text_field, report)
        else:
            msg = "no such file or directory; check the path"
            report(InputError(msg, path=str(path)))


def _read_stdin(stream: TextIO, text_field: str | None, report: _Reporter) -> Iterator[Article]:
    """Yield the articles of standard input: JSON Lines if it starts with ``{``, else one text."""
    leading: list[str] = []
    while line := stream.readline():
        leading.append(line)
        if line.strip():
            break
    if not "".join(leading).removeprefix("\ufeff").lstrip().startswith("{"):
        text = "".join(leading) + stream.read()
        yield article_from_text(text, label=_STDIN_LABEL, stem=_STDIN_STEM)
        return
    check_not_pretty(leading[-1], _STDIN_LABEL)
    for number, raw in enumerate(itertools.chain(leading, stream), start=1):
        try:
            article = article_from_json_line(
                raw, line=number, text_field=text_field, label=_STDIN_LABEL, stem=_STDIN_STEM
            )
        except InputError as exc:
            report(exc)
            continue
        if article is not None:
            yield article


def _read_file(
    reader: Reader, path: Path, text_field: str | None, report: _Reporter
) -> Iterator[Article]:
    yield from _guarded(
        reader.read(path, text_field=text_field, on_error=report), str(path), report
    )


def _guarded(articles: Iterator[Article], label: str, report: _Reporter) -> Iterator[Article]:
    """Yield from one input, reporting an error that stops it, unless the caller raised it."""
    try:
        yield from articles
    except InputError as exc:
        if report.raised:
            raise
        report(exc)
    except OSError as exc:
        if report.raised:
            raise
        reason = exc.strerror or str(exc)
        msg = f"cannot read: {reason}"
        report(InputError(msg, path=label))
    except UnicodeDecodeError as exc:  # only a text stream (stdin) decodes while reading
        if report.raised:
            raise
        msg = f"not valid {exc.encoding} text (byte {exc.start}: {exc.reason})"
        report(InputError(msg, path=label))


def _walk(directory: Path, report: _Reporter) -> Iterator[Path]:
    """Yield the non-hidden files under ``directory``, depth first, in sorted order.

    Each directory is entered once, by its real path, so symbolic link loops end. An
    explicit stack of listings keeps deep trees off the call stack.
    """
    visited: set[str] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []
    top = _listing(directory, visited, report)
    if top is not None:
        stack.append(top)
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            report(InputError(f"cannot inspect: {reason}", path=entry.path))
            continue
        if is_dir:
            listing = _listing(Path(entry.path), visited, report)
            if listing is not None:
                stack.append(listing)
        elif is_file:
            yield Path(entry.path)
        elif entry.is_symlink() and known_suffix(Path(entry.path)) is not None:
            target = os.readlink(entry.path)
            report(InputError(f"broken symbolic link to {target}: not read", path=entry.path))


def _listing(
    directory: Path, visited: set[str], report: _Reporter
) -> Iterator[os.DirEntry[str]] | None:
    """Return the non-hidden entries of ``directory`` by name, or ``None`` if seen or unlistable."""
    real = os.path.realpath(directory)
    if real in visited:
        return None
    visited.add(real)
    try:
        with os.scandir(directory) as scan:
            entries = [entry for entry in scan if not entry.name.startswith(".")]
    except OSError as exc:
        reason = exc.strerror or str(exc)
        report(InputError(f"cannot list directory: {reason}", path=str(directory)))
        return None
    return iter(sorted(entries, key=lambda entry: entry.name))
