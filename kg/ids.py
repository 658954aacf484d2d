"""Stable ids and slugs, independent of processing order."""

from __future__ import annotations

import hashlib
import re
import unicodedata

__all__ = ["content_hash", "entity_id", "normalize_name", "slugify"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# Letters NFKD does not decompose into ASCII.
_TRANSLIT = str.maketrans(
    {"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
     "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D"}
)  # fmt: skip
_SPACES = re.compile(r"\s+")


def slugify(text: str, *, max_length: int = 80) -> str:
    """Return a lower-case ASCII slug of ``text``, never empty.

    Non-ASCII names that leave nothing after transliteration get a hash, so two
    different names never share the empty slug.

    Example:
        >>> slugify("North Korea’s")
        'north-korea-s'
        >>> slugify("U.S.")
        'u-s'
    """
    ascii_text = (
        unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
        .encode("ascii", "ignore")
        .decode("ascii")
    )
    slug = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    if not slug:
        return "x" + content_hash(text)[:10]
    if len(slug) > max_length:
        slug = slug[:max_length].rstrip("-") + "-" + content_hash(text)[:8]
    return slug


def normalize_name(text: str) -> str:
    """Return the comparison form of a name: case-folded, single-spaced, no dots.

    Example:
        >>> normalize_name("  the U.N. ")
        'the un'
    """
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace(".", "")
    return _SPACES.sub(" ", text).strip().casefold()


def content_hash(text: str) -> str:
    """Return the hex SHA-256 of ``text`` encoded as UTF-8 (invalid surrogates replaced)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def entity_id(name: str, entity_type: str, *, known: bool) -> str:
    """Return the stable id of an entity.

    Gazetteer entities (``known``) are named by their canonical name alone; others
    carry their type, so a person and a place of the same name never collide.

    Example:
        >>> entity_id("North Korea", "Country", known=True)
        'north-korea'
        >>> entity_id("Joseph Dunford", "Person", known=False)
        'person-joseph-dunford'
    """
    slug = slugify(name)
    return slug if known else f"{entity_type.lower()}-{slug}"
