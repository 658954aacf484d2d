from __future__ import annotations

import pickle

import pytest

from kg.extract.candidates import MAX_PAIRS, MentionPair, find_pairs, pairs_in_sentence
from kg.extract.mentions import find_mentions

SENTENCES = [
    (
        "Japanese Defence Minister Itsunori Onodera met U.S. Defense Secretary Jim Mattis "
        "in Washington.",
        {
            ("Japanese", "Itsunori Onodera"),
            ("Itsunori Onodera", "Jim Mattis"),
            ("U.S.", "Jim Mattis"),
            ("Jim Mattis", "Washington"),
        },
    ),
    ("North Korea threatened Japan and the United States.", {("North Korea", "Japan")}),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_pairs_of_real_sentences_have_exact_offsets(nlp, text: str, expected: set) -> None:
    doc = nlp(text)
    mentions = find_mentions(doc)
    pairs = find_pairs(doc, mentions)
    assert expected <= {p.texts for p in pairs}
    for p in pairs:
        for idx, span in ((p.first, p.first_span), (p.second, p.second_span)):
            m = mentions[idx]
            assert p.sentence[span[0] : span[1]] == m.text
            assert p.sentence_start + span[0] == m.start
        assert p.first_span[1] <= p.second_span[0]  # text order, no overlap
        assert (p.first_label, p.second_label) == (
            mentions[p.first].label,
            mentions[p.second].label,
        )


def test_offsets_hold_for_a_chunk_inside_an_article(nlp) -> None:
    article = "Intro line here. " * 3 + "China met Russia. Then Iran attacked Iraq."
    offset = 51
    chunk = article[offset:]
    doc = nlp(chunk)
    mentions = find_mentions(doc, offset=offset)
    pairs = find_pairs(doc, mentions, offset=offset)
    assert {p.texts for p in pairs} == {("China", "Russia"), ("Iran", "Iraq")}
    for p in pairs:
        assert article[p.sentence_start : p.sentence_end] == p.sentence
        s, e = p.first_span
        assert article[p.sentence_start + s : p.sentence_start + e] == p.texts[0]


def test_no_pairs_across_sentences_or_in_one_actor_sentences(nlp) -> None:
    doc = nlp("Japan protested. China said nothing.")
    assert find_pairs(doc, find_mentions(doc)) == []


def test_the_cap_keeps_the_nearest_pairs(nlp) -> None:
    names = [
        "France",
        "Germany",
        "Italy",
        "Spain",
        "Poland",
        "Austria",
        "Hungary",
        "Greece",
        "Portugal",
        "Sweden",
    ]
    text = "Talks were held between " + ", ".join(names[:-1]) + f" and {names[-1]}."
    doc = nlp(text)
    mentions = find_mentions(doc)
    assert len(mentions) == 10
    pairs = find_pairs(doc, mentions)
    assert len(pairs) == MAX_PAIRS < 45
    texts = {p.texts for p in pairs}
    assert ("France", "Germany") in texts  # neighbours are kept
    assert ("France", "Sweden") not in texts  # the farthest pair is not
    assert [p.first_span for p in pairs] == sorted(p.first_span for p in pairs)


def test_pairs_in_sentence_ranks_by_distance_and_skips_same_words() -> None:
    sentence = "A met B, then B met C."
    spans = [(0, 1, "GPE"), (6, 7, "GPE"), (14, 15, "GPE"), (20, 21, "GPE")]
    pairs = pairs_in_sentence(sentence, spans, sentence_start=100, indices=[4, 5, 6, 7])
    assert [p.texts for p in pairs] == [("A", "B"), ("A", "B"), ("A", "C"), ("B", "C"), ("B", "C")]
    assert ("B", "B") not in {p.texts for p in pairs}
    assert {p.sentence_start for p in pairs} == {100}
    assert pairs[0].first == 4
    capped = pairs_in_sentence(sentence, spans, max_pairs=2)
    assert [(p.first, p.second) for p in capped] == [(0, 1), (2, 3)]


def test_pairs_are_plain_picklable_values() -> None:
    pair = MentionPair("Japan met China.", 0, 16, 0, 1, (0, 5), (10, 15), "GPE", "GPE")
    assert pickle.loads(pickle.dumps(pair)) == pair
    with pytest.raises(AttributeError):
        pair.first = 3  # type: ignore[misc]
