"""CSV files (``.csv``): a header row, then one article per row.

The columns are those of JSON Lines (see :mod:`kg.io.jsonlines`): the text in ``text_field``
or the first present of ``text``, ``content``, ``content_original`` and ``body``, and
optionally ``id``/``ID``, ``title``, ``date``, ``url`` and ``source``.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.io._common import (
    BINARY_SNIFF_BYTES,
    TEXT_FIELDS,
    ErrorHandler,
    article_from_record,
    check_not_binary,
    stem_of,
)
from kg.types import Article

__all__ = ["CsvReader"]

_FIELD_SIZE_LIMIT = 2**31 - 1  # articles are long; the csv default of 128 KiB is not enough
_CHUNK_BYTES = 1 << 20
_BOM_ENCODINGS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _raise_field_size_limit() -> None:
    """Let the csv module read long fields; the largest limit a C long holds is used."""
    limit = _FIELD_SIZE_LIMIT
    if csv.field_size_limit() >= limit:
        return
    while limit > 0:
        try:
            csv.field_size_limit(limit)
        except OverflowError:  # a 32-bit C long on some platforms
            limit //= 2
        else:
            return


def _sniff_encoding(path: Path, label: str) -> str:
    """Return the encoding to read ``path`` with: by byte-order mark, UTF-8 if valid, else Latin-1.

    The whole file is checked in chunks first, so a bad byte far down cannot stop reading
    halfway through.

    Raises:
        InputError: The file looks binary.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        head = stream.read(BINARY_SNIFF_BYTES)
        check_not_binary(head, label)
        for bom, encoding in _BOM_ENCODINGS:
            if head.startswith(bom):
                return encoding
        chunk = head
        try:
            while chunk:
                decoder.decode(chunk)
                chunk = stream.read(_CHUNK_BYTES)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "latin-1"
    return "utf-8-sig"


class CsvReader:
    """Read a CSV file with a header row, one article per data row.

    A row with a different number of columns than the header, or without text, is passed to
    ``on_error`` with its line number, and reading goes on. Blank lines are skipped.
    """

    suffixes: tuple[str, ...] = (".csv",)

    def read(
        self, path: Path, *, text_field: str | None, on_error: ErrorHandler
    ) -> Iterator[Article]:
        """Yield the articles of the file's rows.

        Args:
            path: The file.
            text_field: The column holding the text, or ``None`` for the usual names.
            on_error: Receives the error of each bad row.

        Yields:
            One article per good row.

        Raises:
            InputError: The file is binary, has no header, or no text column.
            OSError: The file cannot be read.
        """
        label = str(path)
        stem = stem_of(path, self.suffixes)
        _raise_field_size_limit()
        encoding = _sniff_encoding(path, label)
        with path.open(encoding=encoding, newline="") as stream:
            rows = csv.reader(stream, strict=False)
            header = _read_header(rows, label, text_field)
            end = rows.line_num
            while True:
                start = end + 1
                try:
                    row = next(rows, None)
                except csv.Error as exc:
                    error = InputError(f"malformed CSV: {exc}", path=label, line=start)
                    if rows.line_num == end:  # nothing consumed: going on would loop forever
                        raise error from exc
                    end = rows.line_num
                    on_error(error)
                    continue
                end = rows.line_num
                if row is None:
                    return
                if not row:
                    continue
                if len(row) != len(header):
                    msg = (
                        f"expected {len(header)} columns, as in the header, got {len(row)}; "
                        "quote fields that contain commas or line breaks"
                    )
                    on_error(InputError(msg, path=label, line=start))
                    continue
                record = dict(zip(header, row, strict=True))
                try:
                    yield article_from_record(
                        record, text_field=text_field, label=label, line=start, stem=stem
                    )
                except InputError as exc:
                    on_error(exc)


def _read_header(rows: Iterator[list[str]], label: str, text_field: str | None) -> list[str]:
    """Return the header row, the first non-blank one.

    Raises:
        InputError: There is no header, or it names no text column.
    """
    try:
        header = next((row for row in rows if row), None)
    except csv.Error as exc:
        msg = f"malformed CSV header: {exc}"
        raise InputError(msg, path=label, line=1) from exc
    if header is None:
        msg = "empty file: a CSV file needs a header row naming its columns"
        raise InputError(msg, path=label)
    header = [name.strip() for name in header]
    wanted = (text_field,) if text_field is not None else TEXT_FIELDS
    if not any(name in header for name in wanted):
        expected = " or ".join(repr(name) for name in wanted)
        msg = f"no text column: expected {expected} in the header, got {header!r}"
        if text_field is None:
            msg += "; name the text column with text_field="
        raise InputError(msg, path=label)
    return header
