"""A generated corpus of small news articles, for tests of builds at scale.

Every article is made of sentences the extractor reads (clauses with known verbs between
states), so each one gives assertions; the same seed gives the same corpus.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from kg.types import Article

STATES = (
    "Russia", "Ukraine", "China", "Japan", "Germany", "France", "Iran", "Israel",
    "India", "Pakistan", "Turkey", "Syria", "Canada", "Mexico", "Brazil", "Egypt",
)  # fmt: skip
VERBS = (
    "attacked", "threatened", "met with", "sanctioned", "criticized", "supported",
    "visited", "accused",
)  # fmt: skip


def make_articles(n: int, *, seed: int = 0, start: int = 0) -> list[Article]:
    """Return ``n`` small articles with ids ``n{start}`` … in order."""
    rng = random.Random(seed * 1_000_003 + start)
    articles = []
    for i in range(start, start + n):
        a, b, c = rng.sample(STATES, 3)
        text = (
            f"{a} {rng.choice(VERBS)} {b} on Monday. "
            f"Officials in {c} said {b} {rng.choice(VERBS)} {a}.\n\n"
            f"{c} and {a} signed a trade agreement."
        )
        articles.append(
            Article(id=f"n{i:05d}", text=text, title=f"News {i}", date=f"2020-01-{1 + i % 28:02d}")
        )
    return articles


def write_jsonl(articles: list[Article], path: Path) -> Path:
    """Write ``articles`` as JSON Lines (``id``, ``title``, ``date``, ``text``)."""
    with path.open("w", encoding="utf-8") as fh:
        for a in articles:
            fh.write(json.dumps({"id": a.id, "title": a.title, "date": a.date, "text": a.text}))
            fh.write("\n")
    return path
