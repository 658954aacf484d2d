"""The extractor takes any text: nothing is raised, offsets always hold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract import extract_doc
from kg.resolve import resolve_article
from kg.types import Article

WORDS = st.sampled_from(
    [
        "Russia", "attacked", "Ukraine", "the", "United", "States", "said", "not", "if",
        "Japan", "would", "meet", "China", "’s", "President", "Kim", "In", "Ryong", ",",
        ".", "(", ")", "“", "”", "\n\n", "WASHINGTON", "(Reuters)", "-", "he", "it",
        "talks", "with", "sanctions", "on", "U.N.", "of", "Tokyo", "closed", "higher",
    ]
)  # fmt: skip


def _check(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    article = Article(id="f", text=text)
    result = resolve_article(article, [extract_doc(nlp(text))])
    for a in result.assertions:
        for role in (a.subject, a.object):
            assert text[role.start : role.end] == role.text
        start = a.evidence.sentence_start
        assert text[start : start + len(a.evidence.sentence)] == a.evidence.sentence


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=300))
def test_arbitrary_unicode(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    _check(nlp, text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(WORDS, max_size=60))
def test_news_like_word_salad(nlp, words: list[str]) -> None:  # type: ignore[no-untyped-def]
    _check(nlp, " ".join(words))
