from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.api import build_articles
from kg.pipeline import split_text
from kg.types import Article


@given(st.text(max_size=400), st.integers(min_value=8, max_value=60))
def test_split_text_keeps_offsets(text: str, size: int) -> None:
    for chunk, offset in split_text(text, max_chars=size):
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= size
        assert chunk.strip() == chunk and chunk


def test_long_article_is_chunked_and_offsets_hold() -> None:
    para = "Russia attacked Ukraine on Monday. Officials said nothing else.\n\n"
    text = para * 700  # ~45,000 characters: three chunks
    graph = build_articles([Article(id="long", text=text)])
    hits = [a for a in graph.assertions if a.relation == "attacks"]
    assert len(hits) == 700
    for a in hits[::97]:
        assert text[a.subject.start : a.subject.end] == a.subject.text


def test_empty_article_gives_nothing() -> None:
    graph = build_articles([Article(id="e", text="")])
    assert graph.assertions == [] and "e" in graph.articles
