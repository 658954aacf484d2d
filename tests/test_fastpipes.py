from __future__ import annotations

import numpy as np
import pytest
from newsgen import make_articles

import kg
from kg.fastpipes import FastAttributeRuler, FastLemmatizer
from kg.nlp import model_name

_ATTRS = ["TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]
_ODD = [
    "",
    "   \n\n  ",
    "I'm gonna go, let's see; we gotta win.",
    "There is a plan. There are others, and there were more.",
    "U.S. Secretary of State Rex Tillerson didn't meet O’Rourke’s aides in 2017!!",
    "The headquarters of NATO's media office: read it, READ IT.",
]


@pytest.fixture(scope="module")
def stock():  # type: ignore[no-untyped-def]
    import spacy

    return spacy.load(model_name())


def test_fast_components_are_in_place(nlp) -> None:  # type: ignore[no-untyped-def]
    kinds = {name: type(component) for name, component in nlp.pipeline}
    assert kinds["attribute_ruler"] is FastAttributeRuler
    assert kinds["lemmatizer"] is FastLemmatizer


def test_fast_components_annotate_like_the_stock_pipeline(nlp, stock) -> None:  # type: ignore[no-untyped-def]
    texts = [kg.sample_path().read_text(encoding="utf-8"), *_ODD]
    texts += [a.text for a in make_articles(30)]
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert [t.text for t in ours] == [t.text for t in theirs]
        assert np.array_equal(ours.to_array(_ATTRS), theirs.to_array(_ATTRS)), ours.text[:60]


def test_the_text_of_a_parse_is_built_once(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy joins the tokens again on every Doc.text; the extractor reads it per pair
    from kg.nlp import text_of

    doc = nlp("North Korea fired a missile.\n\nJapan protested.")
    first = text_of(doc)
    assert first == doc.text
    assert text_of(doc) is first
    assert doc.text is not doc.text  # what text_of saves: a new string each time
