"""Whether a person's name says a man or a woman: honorifics and common given names.

Used by the resolver (so "Mrs X" never joins "Mitt X") and by the pronoun reading of the
patterns (so "she" never stands for "Mitt X"). Most names say nothing; then the answer is
``""`` and nothing is ruled out.
"""

from __future__ import annotations

from functools import lru_cache

from kg.extract.lexicon import GENDERED_HONORIFICS

__all__ = ["first_name_genders", "gender_clash", "honorific_gender", "name_gender"]


def honorific_gender(text: str) -> str:
    """Return "m" or "f" for a name after a gendered honorific ("Mrs Howard"), else ""."""
    words = text.split()
    if len(words) < 2:
        return ""
    return GENDERED_HONORIFICS.get(words[0].lower().rstrip("."), "")


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """Given names that are (almost) always male or female (``kg/data/first_names.tsv``)."""
    from importlib.resources import files

    out: dict[str, str] = {}
    text = files("kg").joinpath("data/first_names.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            gender, names = line.split("\t", 1)
            out.update(dict.fromkeys(names.split(), gender))
    return out


def name_gender(text: str) -> str:
    """Return "m" or "f" when a name's honorific or given name says so, else "".

    Example:
        >>> name_gender("Mrs Howard"), name_gender("Nancy Pelosi"), name_gender("Pompeo")
        ('f', 'f', '')
    """
    by_title = honorific_gender(text)
    if by_title:
        return by_title
    words = text.split()
    if len(words) < 2:
        return ""  # a surname alone says nothing ("Bill" may be a bill)
    return first_name_genders().get(words[0].lower(), "")


def gender_clash(gender: str, full_name: str) -> bool:
    """Whether "Mrs X" (gender f) cannot be ``full_name`` ("Mitt X"), or "Mr X" a woman."""
    first = full_name.split()[0].lower() if full_name.split() else ""
    known = first_name_genders().get(first)
    return bool(gender) and known is not None and known != gender
