"""Plain text files (``.txt``, ``.md``): one article per file.

A first line followed by a blank line is the headline, as in the BBC News corpus::

    Labour plans maternity pay rise

    Maternity pay for new mothers is to rise by £1,400 ...
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.io._common import (
    ErrorHandler,
    check_not_binary,
    collapse_spaces,
    decode_bytes,
    derive_id,
    normalize_text,
    stem_of,
)
from kg.types import Article

__all__ = ["MAX_TITLE_CHARS", "TextReader", "article_from_text"]

MAX_TITLE_CHARS = 200
"""A longer first line is a paragraph, not a headline, and stays in the text."""


def article_from_text(text: str, *, label: str, stem: str) -> Article:
    r"""Build one article from the whole text of a file.

    Args:
        text: The decoded text.
        label: Where it came from, for ``origin`` and messages.
        stem: File name without suffix, for the derived id.

    Returns:
        The article, titled when the first line is followed by a blank line.

    Raises:
        InputError: The text is empty or only white space.

    Example:
        >>> article = article_from_text("Headline\n\nBody text.", label="a.txt", stem="a")
        >>> (article.title, article.text)
        ('Headline', 'Body text.')
    """
    body = normalize_text(text)
    if not body:
        msg = "empty file: no text, or only white space"
        raise InputError(msg, path=label)
    title = ""
    first, _, rest = body.partition("\n")
    blank, _, _ = rest.partition("\n")
    if (
        rest.strip()
        and not blank.strip()
        and len(first) <= MAX_TITLE_CHARS
        and collapse_spaces(first)
    ):
        title = collapse_spaces(first)
        body = rest.strip()
    return Article(id=derive_id(stem, body), text=body, title=title, origin=label)


class TextReader:
    """Read a ``.txt`` or ``.md`` file as one article.

    UTF-8 (with or without a byte-order mark) is expected; UTF-16 and UTF-32 are read when a
    byte-order mark says so, and anything else is read as Latin-1. A NUL byte in the first
    8 KiB marks a binary file.
    """

    suffixes: tuple[str, ...] = (".txt", ".md")

    def read(
        self, path: Path, *, text_field: str | None, on_error: ErrorHandler
    ) -> Iterator[Article]:
        """Yield the file's single article.

        Args:
            path: The file.
            text_field: Ignored: a text file has no fields.
            on_error: Unused: every problem of a text file is fatal for it.

        Yields:
            The article.

        Raises:
            InputError: The file is binary, empty, or not valid in its byte-order mark's encoding.
            OSError: The file cannot be read.
        """
        label = str(path)
        data = path.read_bytes()
        check_not_binary(data, label)
        text = decode_bytes(data, label)
        yield article_from_text(text, label=label, stem=stem_of(path, self.suffixes))
