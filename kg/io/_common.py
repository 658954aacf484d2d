"""Helpers shared by the readers: decoding, text clean-up, dates, ids and records.

Everything here is a pure function of its arguments; the readers own the file handling.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path

from kg.errors import InputError
from kg.ids import content_hash, slugify
from kg.types import Article

__all__ = [
    "BINARY_SNIFF_BYTES",
    "TEXT_FIELDS",
    "ErrorHandler",
    "article_from_record",
    "check_not_binary",
    "collapse_spaces",
    "decode_bytes",
    "derive_id",
    "normalize_text",
    "parse_date",
    "stem_of",
]

ErrorHandler = Callable[[InputError], None]
"""Receives each error that does not stop reading (a bad line, an unreadable file)."""

TEXT_FIELDS: tuple[str, ...] = ("text", "content", "content_original", "body")
"""Fields tried, in order, for the article text of a JSON Lines or CSV record."""

ID_FIELDS: tuple[str, ...] = ("id", "ID")

BINARY_SNIFF_BYTES = 8192
"""A NUL byte in this many leading bytes marks a file as binary."""

# Byte-order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SPACES = re.compile(r"\s+")

_MONTHS: Mapping[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# (pattern, order of the groups as year/month/day); numeric month groups are digits,
# named ones are looked up in _MONTHS. Tried in order; the first valid date wins.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])"), "ymd"),  # 2017-08-18, 2017-08-18T10:00Z
    (re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?![\d])"), "ymd"),  # 2017/08/18
    (re.compile(r"^(\d{4})(\d{2})(\d{2})$"), "ymd"),  # 20170818
    (re.compile(r"\b(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4})\b"), "dmy"),  # 26-FEB-1987
    (
        re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b"),
        "mdy",
    ),  # Aug 18, 2017
)
# 08/18/2017 or 18/08/2017: read only when the order is unambiguous.
_SLASHED = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?![\d])")


def parse_date(value: object) -> str | None:
    """Return ``value`` as an ISO date (``YYYY-MM-DD``), or ``None`` if it is not one.

    Accepts ISO dates and timestamps, ``YYYY/MM/DD``, ``YYYYMMDD``, Reuters' ``26-FEB-1987``,
    ``18 August 2017``, ``Aug 18, 2017`` and day/month orders that cannot be misread
    (``18/08/2017``). Anything else, including non-strings, gives ``None``.

    Example:
        >>> parse_date(" 26-FEB-1987 15:01:01.79")
        '1987-02-26'
        >>> parse_date("2017-08-18T14:03:00Z")
        '2017-08-18'
        >>> parse_date("August 18th, 2017")
        '2017-08-18'
        >>> parse_date("05/06/2017") is None
        True
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        groups = dict(zip(order, match.groups(), strict=True))
        month = _month_number(groups["m"])
        if month is not None:
            iso = _iso_date(int(groups["y"]), month, int(groups["d"]))
            if iso is not None:
                return iso
    match = _SLASHED.match(text)
    if match is not None:
        first, second, year = (int(group) for group in match.groups())
        if first > 12 >= second:
            return _iso_date(year, second, first)
        if second > 12 >= first or first == second:
            return _iso_date(year, first, second)
    return None


def _month_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _MONTHS.get(token.lower())


def _iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_text(text: str) -> str:
    r"""Return ``text`` with Windows and old Mac line ends as ``\n``, stripped at both ends.

    Nothing else changes: assertion offsets index into the result.

    Example:
        >>> normalize_text("  One.\r\nTwo.\rThree. ")
        'One.\nTwo.\nThree.'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def collapse_spaces(text: str) -> str:
    r"""Return ``text`` with each run of white space made one space, stripped (for titles).

    Example:
        >>> collapse_spaces("  BAHIA\n COCOA   REVIEW ")
        'BAHIA COCOA REVIEW'
    """
    return _SPACES.sub(" ", text).strip()


def derive_id(stem: str, text: str) -> str:
    """Return the id of an article the input gave none: the file's slug and a content hash.

    Example:
        >>> derive_id("001", "Some text.")
        '001-13b4c5aecd1b'
    """
    return f"{slugify(stem)}-{content_hash(text)[:12]}"


def stem_of(path: Path, suffixes: tuple[str, ...]) -> str:
    """Return the file name of ``path`` without the longest of ``suffixes`` it ends with.

    Example:
        >>> stem_of(Path("news/a.jsonl.gz"), (".jsonl", ".jsonl.gz"))
        'a'
    """
    name = path.name
    for suffix in sorted(suffixes, key=len, reverse=True):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return path.stem or name


def check_not_binary(data: bytes, label: str) -> None:
    """Raise if ``data`` has a NUL byte early on and no UTF-16/32 byte-order mark.

    Raises:
        InputError: The data looks binary.
    """
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return
    position = data.find(b"\x00", 0, BINARY_SNIFF_BYTES)
    if position >= 0:
        msg = (
            f"binary file (NUL byte at offset {position}); expected text in UTF-8, UTF-16 "
            "with a byte-order mark, or Latin-1"
        )
        raise InputError(msg, path=label)


def decode_bytes(data: bytes, label: str, *, declared: str | None = None) -> str:
    """Decode the bytes of a text file.

    A byte-order mark decides first; then the ``declared`` encoding (an HTML ``charset``), if
    Python knows it and it fits; then UTF-8; and Latin-1 last, which always succeeds and is
    legitimate for old corpora, so it is not reported.

    Args:
        data: The file's bytes.
        label: The file, for messages.
        declared: An encoding the file declares about itself, if any.

    Returns:
        The text.

    Raises:
        InputError: The data has a byte-order mark but does not decode with it.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                msg = (
                    f"starts with a {encoding.upper()} byte-order mark but is not valid "
                    f"{encoding.upper()} (byte {exc.start}: {exc.reason}); re-save it as UTF-8"
                )
                raise InputError(msg, path=label) from exc
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, ValueError):  # unknown, not a text codec, or wrong
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def article_from_record(
    record: Mapping[str, object],
    *,
    text_field: str | None,
    label: str,
    line: int | None,
    stem: str,
) -> Article:
    """Build an article from one JSON Lines or CSV record.

    Args:
        record: Field name to value.
        text_field: The field holding the text; ``None`` tries :data:`TEXT_FIELDS` in order.
        label: The file, for ``origin`` and messages.
        line: The record's line number, for ``origin`` and messages.
        stem: File name without suffix, for derived ids.

    Returns:
        The article; its id is the record's ``id``/``ID``, or derived from ``stem`` and text.

    Raises:
        InputError: The record has no usable text.
    """
    fields = (text_field,) if text_field is not None else TEXT_FIELDS
    present = [name for name in fields if record.get(name) not in (None, "")]
    if not present:
        wanted = " or ".join(repr(name) for name in fields)
        got = ", ".join(repr(name) for name in record) or "no fields"
        hint = "" if text_field is not None else "; name the text field with text_field="
        msg = f"no text: expected a non-empty {wanted} field, got {got}{hint}"
        raise InputError(msg, path=label, line=line)
    value = record[present[0]]
    if not isinstance(value, str):
        msg = f"field {present[0]!r} must be a string, got {type(value).__name__} {value!r:.60}"
        raise InputError(msg, path=label, line=line)
    text = normalize_text(value)
    if not text:
        msg = f"field {present[0]!r} holds only white space"
        raise InputError(msg, path=label, line=line)
    given_id = next(
        (_scalar(record.get(name)) for name in ID_FIELDS if _scalar(record.get(name))), ""
    )
    source = record.get("source")
    if isinstance(source, Mapping):
        source = source.get("name")
    return Article(
        id=given_id or derive_id(stem, text),
        text=text,
        title=collapse_spaces(_scalar(record.get("title"))),
        date=parse_date(record.get("date")),
        source=collapse_spaces(_scalar(source)),
        url=_scalar(record.get("url")).strip(),
        origin=label if line is None else f"{label}:{line}",
    )


def _scalar(value: object) -> str:
    """Return a string or a number as a stripped string; anything else as ``""``."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""
