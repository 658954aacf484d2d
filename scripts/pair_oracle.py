r"""The ceiling of any pair classifier: ``kg evaluate`` with an oracle in place of the model.

The oracle states every category in both directions between every candidate pair the
relation model would score (:func:`kg.extract.hybrid.model_pairs`: kg's mentions and the
pronouns that stand for them, one sentence at a time). Its recall on the article gold is
the most a pair classifier over these candidates can reach; what it misses needs other
candidates (actors never named together in a sentence, actors kg does not find). Its
precision means nothing.

Usage (the arguments of ``kg evaluate``; ``--extractor`` is set here)::

    python scripts/pair_oracle.py benchmarks/gold/articles -a ... --scorer ... --json oracle.json
    python scripts/gold_errors.py report.json --oracle oracle.json
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

import kg.extract as extract  # noqa: E402
from kg.extract.facts import Candidate  # noqa: E402
from kg.extract.hybrid import model_pairs  # noqa: E402

# One relation of each category: the scorer reads categories only.
EVERY_CATEGORY = ("cooperatesWith", "criticizes", "talksWith", "memberOf", "locatedIn")


def oracle_candidates(
    doc: Any, mentions: Sequence[Any], *, offset: int = 0
) -> tuple[list[Candidate], list[Any]]:
    """Every category, both ways, between every candidate pair of ``doc``."""
    pairs, _, stands_for = model_pairs(doc, mentions, offset=offset)
    out = [
        Candidate(
            subject=stands_for[s],
            relation=relation,
            object=stands_for[o],
            sentence_start=p.sentence_start,
            sentence_end=p.sentence_end,
            confidence=0.5,
            rule="oracle",
        )
        for p in pairs
        for relation in EVERY_CATEGORY
        for s, o in ((p.first, p.second), (p.second, p.first))
    ]
    return out, pairs


def main(argv: list[str]) -> int:
    extract.model_candidates = oracle_candidates  # type: ignore[assignment]
    from kg.cli import main as kg_main

    sys.argv = ["kg", "evaluate", *argv, "--extractor", "model"]
    kg_main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
