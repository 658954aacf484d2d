"""JSON Lines (``.jsonl``, ``.jsonl.gz``, ``.json``): one JSON object, one article, per line.

A record's text is its ``text_field`` if one is named, else the first present of ``text``,
``content``, ``content_original`` and ``body``; it may also carry ``id`` (or ``ID``),
``title``, ``date``, ``url`` and ``source`` (a string, or an object with a ``name``)::

    {"ID": "ro10J5wpg170cnMc", "title": "...", "content_original": "...", "source": "..."}
"""

from __future__ import annotations

import codecs
import gzip
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.io._common import ErrorHandler, article_from_record, stem_of
from kg.types import Article

__all__ = ["JsonLinesReader", "article_from_json_line"]

_PRETTY_OPENERS = frozenset({"[", "{"})


def article_from_json_line(
    raw: bytes | str, *, line: int, text_field: str | None, label: str, stem: str
) -> Article | None:
    """Build the article of one line of JSON Lines.

    Args:
        raw: The line, as bytes (decoded here as UTF-8) or text.
        line: Its 1-based number.
        text_field: The field holding the text, or ``None`` for the usual names.
        label: The file, for ``origin`` and messages.
        stem: File name without suffix, for derived ids.

    Returns:
        The article, or ``None`` for a blank line.

    Raises:
        InputError: The line is not UTF-8, not JSON, not an object, or has no text.

    Example:
        >>> article_from_json_line(
        ...     '{"id": 7, "text": "Hi."}', line=1, text_field=None, label="a.jsonl", stem="a"
        ... ).id
        '7'
    """
    if isinstance(raw, bytes):
        if line == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            msg = f"not valid UTF-8 (byte {exc.start}: {exc.reason}); re-save the file as UTF-8"
            raise InputError(msg, path=label, line=line) from exc
    else:
        text = raw.removeprefix("\ufeff") if line == 1 else raw
    stripped = text.strip()
    if not stripped:
        return None
    try:
        record = json.loads(stripped)
    except json.JSONDecodeError as exc:
        msg = f"malformed JSON: {exc.msg} at column {exc.colno}"
        raise InputError(msg, path=label, line=line) from exc
    except (ValueError, RecursionError) as exc:  # huge integers, absurd nesting
        msg = f"malformed JSON: {exc}"
        raise InputError(msg, path=label, line=line) from exc
    if not isinstance(record, dict):
        msg = f"expected a JSON object, got {type(record).__name__} {stripped!r:.60}"
        raise InputError(msg, path=label, line=line)
    return article_from_record(record, text_field=text_field, label=label, line=line, stem=stem)


def check_not_pretty(first_line: bytes | str, label: str) -> None:
    """Raise if the first non-blank line of a JSON Lines input is a lone ``[`` or ``{``.

    Such a file is one pretty-printed JSON document: reading it line by line would report
    every line as malformed.

    Raises:
        InputError: The input is pretty-printed JSON.
    """
    if isinstance(first_line, bytes):
        first_line = first_line.decode("utf-8", "replace")
    if first_line.strip().removeprefix("\ufeff") in _PRETTY_OPENERS:
        msg = (
            "looks like pretty-printed JSON, not JSON Lines (one object per line); "
            "convert it with `jq -c '.[]'` for an array or `jq -c .` for an object"
        )
        raise InputError(msg, path=label, line=1)


class JsonLinesReader:
    """Read a JSON Lines file, plain or gzip-compressed, one article per non-blank line.

    A bad line is passed to ``on_error`` and reading goes on. Gzip data that ends early or is
    corrupt stops the file with an :class:`InputError`, after the articles read before it.
    """

    suffixes: tuple[str, ...] = (".jsonl", ".jsonl.gz", ".json")

    def read(
        self, path: Path, *, text_field: str | None, on_error: ErrorHandler
    ) -> Iterator[Article]:
        """Yield the articles of the file's lines.

        Args:
            path: The file.
            text_field: The field holding the text, or ``None`` for the usual names.
            on_error: Receives the error of each bad line.

        Yields:
            One article per good line.

        Raises:
            InputError: The file is pretty-printed JSON, or its gzip data is corrupt.
            OSError: The file cannot be read.
        """
        label = str(path)
        stem = stem_of(path, self.suffixes)
        compressed = path.name.lower().endswith(".gz")
        line = 0
        seen_text = False
        try:
            with _open_binary(path, compressed=compressed) as stream:
                for line, raw in enumerate(stream, start=1):
                    if not seen_text and raw.strip():
                        seen_text = True
                        check_not_pretty(raw, label)
                    try:
                        article = article_from_json_line(
                            raw, line=line, text_field=text_field, label=label, stem=stem
                        )
                    except InputError as exc:
                        on_error(exc)
                        continue
                    if article is not None:
                        yield article
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            msg = f"truncated or corrupt gzip data after line {line} ({exc}); the rest is lost"
            raise InputError(msg, path=label) from exc


def _open_binary(path: Path, *, compressed: bool) -> BinaryIO:
    if compressed:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")
