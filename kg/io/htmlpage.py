"""HTML pages (``.html``, ``.htm``): one article per file, boilerplate removed.

Parsing is done by selectolax's lexbor engine, which neither fetches nor resolves anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import InputError
from kg.io._common import (
    ErrorHandler,
    check_not_binary,
    collapse_spaces,
    decode_bytes,
    derive_id,
    parse_date,
    stem_of,
)
from kg.types import Article

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

__all__ = ["BLOCK_TAGS", "DROPPED_TAGS", "HtmlReader", "article_from_html"]

DROPPED_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "noscript",
    "form",
    "iframe",
    "svg",
    "template",
)
"""Elements removed with their content before the text is taken."""

BLOCK_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "div",
        "br",
        "hr",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "section",
        "article",
        "main",
        "figure",
        "figcaption",
        "address",
    }
)
"""Elements whose start and end break paragraphs."""

# Containers tried in order for the article text.
_CONTAINERS: tuple[str, ...] = ("article", "main", "body")

# (CSS selector, attribute) pairs tried in order for each metadata field.
_META: dict[str, tuple[tuple[str, str], ...]] = {
    "date": (
        ('meta[property="article:published_time"]', "content"),
        ('meta[name="date"]', "content"),
        ('meta[itemprop="datePublished"]', "content"),
        ("time[datetime]", "datetime"),
    ),
    "url": (('link[rel="canonical"]', "href"), ('meta[property="og:url"]', "content")),
    "source": (('meta[property="og:site_name"]', "content"),),
}

# Only the first bytes are searched, as browsers do.
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CHARSET_SNIFF_BYTES = 2048

_PROLOG = re.compile(r"\A\s*(?:<\?xml[^>]*\?>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)", re.I | re.S)


def _node_text(node: LexborNode | None) -> str:
    return collapse_spaces(node.text()) if node is not None else ""


def _paragraphs(root: LexborNode) -> list[str]:
    """Return the paragraphs under ``root``, white space collapsed within each.

    Walks with an explicit stack, so deeply nested markup cannot exhaust the call stack.
    """
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        paragraph = collapse_spaces("".join(pieces))
        if paragraph:
            paragraphs.append(paragraph)
        pieces.clear()

    stack: list[LexborNode | None] = [root]  # None marks the end of a block element
    while stack:
        node = stack.pop()
        if node is None:
            flush()
            continue
        tag = node.tag
        if tag == "-text":
            pieces.append(node.text_content or "")
            continue
        if tag is None or tag.startswith("-"):  # comments, doctypes
            continue
        if tag in BLOCK_TAGS:
            flush()
            stack.append(None)
        children: list[LexborNode] = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend(reversed(children))
    flush()
    return paragraphs


def article_from_html(html: str, *, label: str, stem: str) -> Article:
    r"""Build one article from an HTML page.

    The title is the ``<title>``, else the first ``<h1>``. The text is taken from
    ``<article>``, else ``<main>``, else ``<body>``, once scripts, navigation, headers,
    footers, asides and forms are removed; paragraphs are separated by a blank line.

    Args:
        html: The page.
        label: Where it came from, for ``origin`` and messages.
        stem: File name without suffix, for the derived id.

    Returns:
        The article.

    Raises:
        InputError: The page has no text.

    Example:
        >>> page = "<title>T</title><nav>Menu</nav><p>One  two.</p><p>Three.</p>"
        >>> article_from_html(page, label="a.html", stem="a").text
        'One two.\n\nThree.'
    """
    from selectolax import lexbor  # imported here: kg.io imports stay light

    # SelectolaxError is missing from older selectolax releases, which raise RuntimeError.
    parse_errors: tuple[type[Exception], ...] = (
        RuntimeError,
        UnicodeError,
        getattr(lexbor, "SelectolaxError", RuntimeError),
    )
    # XML prologs and DTDs are dropped unread: their entities are never expanded and
    # nothing they name is fetched (the parser itself never fetches).
    while (prolog := _PROLOG.match(html)) is not None:
        html = html[prolog.end() :]
    try:
        tree = lexbor.LexborHTMLParser(html)
    except parse_errors as exc:
        msg = f"cannot parse the HTML: {exc}"
        raise InputError(msg, path=label) from exc
    title = _node_text(tree.css_first("title")) or _node_text(tree.css_first("h1"))
    meta: dict[str, str] = {}
    for field, selectors in _META.items():
        for selector, attribute in selectors:
            node = tree.css_first(selector)
            value = node.attributes.get(attribute) if node is not None else None
            if value and value.strip():
                meta[field] = value.strip()
                break
    tree.strip_tags(list(DROPPED_TAGS), recursive=True)
    container = next(
        (node for name in _CONTAINERS if (node := tree.css_first(name)) is not None), None
    )
    text = "\n\n".join(_paragraphs(container)) if container is not None else ""
    if not text:
        msg = "no text in the HTML <article>, <main> or <body> (after removing navigation etc.)"
        raise InputError(msg, path=label)
    return Article(
        id=derive_id(stem, text),
        text=text,
        title=title,
        date=parse_date(meta.get("date")),
        source=collapse_spaces(meta.get("source", "")),
        url=meta.get("url", ""),
        origin=label,
    )


class HtmlReader:
    """Read an ``.html`` or ``.htm`` file as one article.

    The encoding is taken from a byte-order mark, else a ``<meta charset>`` in the first
    2 KiB, else UTF-8, else Latin-1.
    """

    suffixes: tuple[str, ...] = (".html", ".htm")

    def read(
        self, path: Path, *, text_field: str | None, on_error: ErrorHandler
    ) -> Iterator[Article]:
        """Yield the page's single article.

        Args:
            path: The file.
            text_field: Ignored: a page has no fields.
            on_error: Unused: every problem of a page is fatal for it.

        Yields:
            The article.

        Raises:
            InputError: The file is binary, undecodable or has no text.
            OSError: The file cannot be read.
        """
        label = str(path)
        data = path.read_bytes()
        check_not_binary(data, label)
        match = _CHARSET.search(data, 0, _CHARSET_SNIFF_BYTES)
        declared = match.group(1).decode("ascii") if match is not None else None
        html = decode_bytes(data, label, declared=declared)
        yield article_from_html(html, label=label, stem=stem_of(path, self.suffixes))
