"""Candidate pairs for the relation model: every pair of actor mentions in a sentence.

A :class:`MentionPair` is plain values only: the sentence text, where it sits in the
article, the two mentions' character spans inside the sentence and their labels. The
relation model (:mod:`kg.extract.model`) reads nothing else, so pairs can be scored in
any process and the scores cached.

Which mentions: the actor mentions of :func:`kg.extract.mentions.find_mentions` (names,
and titles of state offices used alone, such as "the Japanese prime minister", labelled
``OFFICE``). Pronouns are not mentions, as in the pair annotations
(``benchmarks/gold/ANNOTATION.md`` section 1); a relation a pronoun takes part in is
left to the dependency patterns, which follow "he" to the person named before it.

The cap: a sentence with ``n`` mentions has ``n (n - 1) / 2`` pairs, and long lists of
names ("talks between the U.S., Japan, South Korea, China, Russia and ...") would
dominate the encoder's time. Pairs are ranked nearest first (by the characters between
the two mentions, then by position) and at most :data:`MAX_PAIRS` (28, all the pairs of
8 mentions) are kept; they come out in text order. Two mentions with the same words
("Trump ... Trump") or overlapping spans are never paired: they name one actor.

Example:
    >>> from kg.nlp import load_pipeline  # doctest: +SKIP
    >>> doc = load_pipeline()("Japan met China in Beijing.")  # doctest: +SKIP
    >>> [p.texts for p in find_pairs(doc, find_mentions(doc))]  # doctest: +SKIP
    [('Japan', 'China'), ('Japan', 'Beijing'), ('China', 'Beijing')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.nlp import text_of
from kg.types import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["MAX_PAIRS", "MentionPair", "find_pairs", "pairs_in_sentence"]

MAX_PAIRS = 28
"""Pairs kept per sentence (all the pairs of 8 mentions), nearest first."""


@dataclass(frozen=True, slots=True)
class MentionPair:
    """Two actor mentions of one sentence, in text order, as plain values.

    Attributes:
        sentence: The sentence text.
        sentence_start: Offset of the sentence in the article.
        sentence_end: End offset of the sentence in the article.
        first: Index of the earlier mention (in the document's mention list).
        second: Index of the later mention.
        first_span: (start, end) of the earlier mention inside ``sentence``.
        second_span: (start, end) of the later mention inside ``sentence``.
        first_label: Label of the earlier mention (``PERSON``, ``ORG``, ``GPE``, …).
        second_label: Label of the later mention.
    """

    sentence: str
    sentence_start: int
    sentence_end: int
    first: int
    second: int
    first_span: tuple[int, int]
    second_span: tuple[int, int]
    first_label: str
    second_label: str

    @property
    def texts(self) -> tuple[str, str]:
        """The words of both mentions.

        Example:
            >>> MentionPair("Japan met China.", 0, 16, 0, 1, (0, 5), (10, 15), "GPE", "GPE").texts
            ('Japan', 'China')
        """
        return (
            self.sentence[self.first_span[0] : self.first_span[1]],
            self.sentence[self.second_span[0] : self.second_span[1]],
        )


def pairs_in_sentence(
    sentence: str,
    spans: Sequence[tuple[int, int, str]],
    *,
    sentence_start: int = 0,
    indices: Sequence[int] | None = None,
    max_pairs: int = MAX_PAIRS,
) -> list[MentionPair]:
    """Return the capped candidate pairs of one sentence.

    Args:
        sentence: The sentence text.
        spans: (start, end, label) of each mention, offsets into ``sentence``.
        sentence_start: Offset of the sentence in its article.
        indices: The mentions' indices in the document (default: their positions here).
        max_pairs: At most this many pairs, nearest first (see the module docstring).

    Returns:
        The pairs in text order.

    Example:
        >>> ps = pairs_in_sentence("A met B and C.", [(0, 1, "GPE"), (6, 7, "GPE"),
        ...                        (12, 13, "GPE")], max_pairs=2)
        >>> [p.texts for p in ps]
        [('A', 'B'), ('B', 'C')]
    """
    ids = list(indices) if indices is not None else list(range(len(spans)))
    order = sorted(range(len(spans)), key=lambda k: (spans[k][0], spans[k][1]))
    ranked: list[tuple[int, int, int, int]] = []
    for x, i in enumerate(order):
        si, ei, _ = spans[i]
        for j in order[x + 1 :]:
            sj, ej, _ = spans[j]
            if sj < ei:
                continue  # overlapping spans name one thing
            if sentence[si:ei].casefold() == sentence[sj:ej].casefold():
                continue
            ranked.append((sj - ei, si, i, j))
    ranked.sort()
    kept = sorted(ranked[:max_pairs], key=lambda r: (spans[r[2]][0], spans[r[3]][0]))
    end = sentence_start + len(sentence)
    return [
        MentionPair(
            sentence=sentence,
            sentence_start=sentence_start,
            sentence_end=end,
            first=ids[i],
            second=ids[j],
            first_span=(spans[i][0], spans[i][1]),
            second_span=(spans[j][0], spans[j][1]),
            first_label=spans[i][2],
            second_label=spans[j][2],
        )
        for _, _, i, j in kept
    ]


def find_pairs(
    doc: Doc, mentions: Sequence[Mention], *, offset: int = 0, max_pairs: int = MAX_PAIRS
) -> list[MentionPair]:
    """Return the candidate pairs of every sentence of ``doc`` with two or more actors.

    Args:
        doc: The parsed text.
        mentions: Its actor mentions (offsets into the article, shifted by ``offset``).
        offset: Where ``doc`` starts in the article.
        max_pairs: Cap per sentence (see the module docstring).

    Returns:
        Pairs in text order; a mention that crosses a sentence boundary is in no pair.
    """
    doc_text = text_of(doc)
    out: list[MentionPair] = []
    k = 0
    ordered = sorted(range(len(mentions)), key=lambda i: (mentions[i].start, mentions[i].end))
    for sent in doc.sents:
        s0, s1 = sent.start_char, sent.end_char
        inside: list[int] = []
        while k < len(ordered) and mentions[ordered[k]].start - offset < s1:
            idx = ordered[k]
            m = mentions[idx]
            if m.start - offset >= s0 and m.end - offset <= s1:
                inside.append(idx)
            k += 1
        if len(inside) < 2:
            continue
        # Sentence text without the trailing space spaCy keeps; spans are unchanged.
        sentence = doc_text[s0:s1].rstrip()
        spans = [
            (mentions[i].start - offset - s0, mentions[i].end - offset - s0, mentions[i].label)
            for i in inside
        ]
        out.extend(
            pairs_in_sentence(
                sentence,
                spans,
                sentence_start=s0 + offset,
                indices=inside,
                max_pairs=max_pairs,
            )
        )
    return out
