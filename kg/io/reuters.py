"""Reuters-21578 SGML files (``.sgm``): one article per ``<REUTERS>`` record.

Each record looks like::

    <REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="1">
    <DATE>26-FEB-1987 15:01:01.79</DATE>
    ...
    <TEXT>&#2;
    <TITLE>BAHIA COCOA REVIEW</TITLE>
    <DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued ...
     Reuter
    &#3;</BODY></TEXT>
    </REUTERS>

The files are read with regular expressions, never an XML or SGML parser, so no entity or
DTD is ever resolved; character references are unescaped and control characters dropped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ids import slugify
from kg.io._common import (
    ErrorHandler,
    collapse_spaces,
    derive_id,
    normalize_text,
    parse_date,
    stem_of,
)
from kg.types import Article

__all__ = ["ReutersReader"]

SOURCE = "Reuters"

_START = re.compile(r"<REUTERS\b([^>]*)>", re.IGNORECASE)
_END = re.compile(r"</REUTERS\s*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ELEMENTS: dict[str, re.Pattern[str]] = {
    name: re.compile(rf"<{name}\b[^>]*>(.*?)</{name}\s*>", re.IGNORECASE | re.DOTALL)
    for name in ("TEXT", "TITLE", "DATE", "BODY")
}
# C0 and C1 controls other than tab and line feed: Reuters marks text with &#2; &#3; etc.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _clean(raw: str) -> str:
    r"""Return ``raw`` with references unescaped and control characters dropped.

    Example:
        >>> _clean("AT&amp;T &lt;T&gt; says\r\n Reuter\n&#3;")
        'AT&T <T> says\n Reuter\n'
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", html.unescape(text))


def _element(name: str, markup: str) -> str | None:
    match = _ELEMENTS[name].search(markup)
    return match.group(1) if match is not None else None


def _attributes(markup: str) -> dict[str, str]:
    return {
        match.group(1).upper(): next(value for value in match.groups()[1:] if value is not None)
        for match in _ATTRIBUTE.finditer(markup)
    }


class ReutersReader:
    """Read a Reuters-21578 ``.sgm`` file, one article per ``<REUTERS>`` record.

    The bytes are Latin-1. The id is ``reuters-<NEWID>``, the title the ``<TITLE>``, the date
    the ``<DATE>`` as ISO, and the text the ``<BODY>`` inside ``<TEXT>``. A record without a
    body (many are headlines only) or without its closing tag is passed to ``on_error`` with
    the line its ``<REUTERS>`` tag starts on, and reading goes on.
    """

    suffixes: tuple[str, ...] = (".sgm",)

    def read(
        self, path: Path, *, text_field: str | None, on_error: ErrorHandler
    ) -> Iterator[Article]:
        """Yield the articles of the file's records.

        Args:
            path: The file.
            text_field: Ignored: the text is always the ``<BODY>``.
            on_error: Receives the error of each record without a body.

        Yields:
            One article per record with a body.

        Raises:
            InputError: The file has no ``<REUTERS>`` record.
            OSError: The file cannot be read.
        """
        label = str(path)
        stem = stem_of(path, self.suffixes)
        document = path.read_bytes().decode("latin-1")
        starts = list(_START.finditer(document))
        if not starts:
            msg = "no <REUTERS> record: expected a Reuters-21578 SGML file"
            raise InputError(msg, path=label)
        line, counted_to = 1, 0
        for index, start in enumerate(starts):
            line += document.count("\n", counted_to, start.start())
            counted_to = start.start()
            stop = starts[index + 1].start() if index + 1 < len(starts) else len(document)
            end = _END.search(document, start.end(), stop)
            if end is None:
                on_error(InputError("<REUTERS> record without </REUTERS>", path=label, line=line))
                continue
            try:
                yield self._article(
                    start.group(1), document[start.end() : end.start()], label, line, stem
                )
            except InputError as exc:
                on_error(exc)

    @staticmethod
    def _article(attributes: str, markup: str, label: str, line: int, stem: str) -> Article:
        text_markup = _element("TEXT", markup)
        body = _element("BODY", text_markup if text_markup is not None else markup)
        text = normalize_text(_clean(body)) if body is not None else ""
        if not text:
            msg = "no BODY: the record has no article text (it may be a headline only)"
            raise InputError(msg, path=label, line=line)
        new_id = _attributes(attributes).get("NEWID", "").strip()
        date = _element("DATE", markup)
        return Article(
            id=f"reuters-{slugify(new_id)}" if new_id else derive_id(stem, text),
            text=text,
            title=collapse_spaces(_clean(_element("TITLE", markup) or "")),
            date=parse_date(_clean(date)) if date is not None else None,
            source=SOURCE,
            origin=f"{label}:{line}",
        )
