r"""Compare two extractions on the pair dev sets end to end, with a paired bootstrap.

``kg evaluate --pairs`` gives one micro F1 over a pair file; two relation models trained on
the same data have come to differ there by one or two pairs of 550, less than the file's
noise. This script keeps each sentence's counts, so that two runs can be compared by
resampling the **articles** the sentences come from (the pair files are split by article,
and an article's sentences are not independent):

    .venv/bin/python scripts/pair_bootstrap.py score --pairs benchmarks/gold/pairs/dev.jsonl \
        benchmarks/gold/pairs/dev2.jsonl [--extractor hybrid] --out A.json
    KG_RELATION_MODEL=OTHER .venv/bin/python scripts/pair_bootstrap.py score ... --out B.json
    .venv/bin/python scripts/pair_bootstrap.py compare A.json B.json [--resamples 10000] [--seed 0]

``score`` runs kg as ``kg evaluate --pairs`` does (each sentence built as an article of its
own, kg's own mentions; with ``-a CORPUS`` inputs, each sentence read inside its whole
article instead, as ``--pair-context article`` does: what kg does with real input) and
writes, for every sentence, its file, article and the counts of positive gold pairs, stated
relations and right ones (category level, as ``kg evaluate`` counts ``all``), and its
polarity errors. ``compare`` prints each run's micro P/R/F1 by file
and over all, the difference B - A, the share of resamples in which B's F1 is below A's, and
a 90 % interval of the difference.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from kg.evaluate import PairScores, evaluate_pairs, read_pairs  # noqa: E402
from kg.extract import check_extractor  # noqa: E402
from kg.io import read_articles  # noqa: E402
from kg.pipeline import iter_results  # noqa: E402


def score(paths: list[Path], extractor: str, out: Path, articles: list[str] | None = None) -> int:
    """Write each sentence's counts (see the module docstring)."""
    check_extractor(extractor)
    rows: list[dict[str, Any]] = []
    for path in paths:
        records = read_pairs(path)
        per: list[PairScores] = []
        evaluate_pairs(
            records,
            build=lambda batch: iter_results(batch, extractor=extractor),
            per_sentence=per,
            articles=read_articles(articles, on_error=lambda _e: None) if articles else None,
        )
        for rec, s in zip(records, per, strict=True):
            rows.append(
                {
                    "file": path.name,
                    "article": f"{rec['corpus']}/{rec['article']}",
                    "sid": rec["sid"],
                    "gold": s.gold["all"],
                    "pred": s.pred["all"],
                    "correct": s.correct["all"],
                    "polarity": s.polarity_errors,
                }
            )
    context = "article" if articles else "sentence"
    out.write_text(
        json.dumps({"extractor": extractor, "context": context, "sentences": rows}),
        encoding="utf-8",
    )
    print(f"{out}: {len(rows)} sentences; {_line(_totals(rows))}")
    return 0


def _totals(rows: list[dict[str, Any]]) -> tuple[int, int, int, int]:
    return (
        sum(r["gold"] for r in rows),
        sum(r["pred"] for r in rows),
        sum(r["correct"] for r in rows),
        sum(r["polarity"] for r in rows),
    )


def _f1(gold: int, pred: int, correct: int) -> float:
    return 2 * correct / (gold + pred) if gold + pred else 0.0


def _line(t: tuple[int, int, int, int]) -> str:
    gold, pred, correct, polarity = t
    p = correct / pred if pred else 0.0
    r = correct / gold if gold else 0.0
    return (
        f"P {p:.3f} R {r:.3f} F1 {_f1(gold, pred, correct):.4f} "
        f"({correct} right of {gold}, {pred} stated; polarity {polarity})"
    )


def compare(a_path: Path, b_path: Path, resamples: int, seed: int) -> int:
    """Print both runs and the paired bootstrap of B - A over articles."""
    a_rows = json.loads(a_path.read_text(encoding="utf-8"))["sentences"]
    b_rows = json.loads(b_path.read_text(encoding="utf-8"))["sentences"]
    if [r["sid"] for r in a_rows] != [r["sid"] for r in b_rows]:
        sys.exit("the two runs did not score the same sentences")
    for name, rows in (("A", a_rows), ("B", b_rows)):
        for file in sorted({r["file"] for r in rows}):
            print(f"{name} {file}: {_line(_totals([r for r in rows if r['file'] == file]))}")
        print(f"{name} all: {_line(_totals(rows))}")
    by_article: dict[str, list[int]] = defaultdict(lambda: [0] * 6)
    for ra, rb in zip(a_rows, b_rows, strict=True):
        acc = by_article[ra["article"]]
        for k, v in enumerate(
            (ra["gold"], ra["pred"], ra["correct"], rb["gold"], rb["pred"], rb["correct"])
        ):
            acc[k] += v
    articles = [by_article[k] for k in sorted(by_article)]
    rng = random.Random(seed)
    diffs = []
    for _ in range(resamples):
        tot = [0] * 6
        for acc in rng.choices(articles, k=len(articles)):
            for k in range(6):
                tot[k] += acc[k]
        diffs.append(_f1(*tot[3:]) - _f1(*tot[:3]))
    diffs.sort()
    point = _f1(*_totals(b_rows)[:3]) - _f1(*_totals(a_rows)[:3])
    below = sum(d < 0 for d in diffs) / resamples
    lo, hi = diffs[int(0.05 * resamples)], diffs[int(0.95 * resamples) - 1]
    print(
        f"B - A: F1 {point:+.4f}; B below A in {below:.1%} of {resamples} resamples of "
        f"{len(articles)} articles; 90 % interval {lo:+.4f} to {hi:+.4f}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sc = sub.add_parser("score")
    sc.add_argument("--pairs", type=Path, nargs="+", required=True)
    sc.add_argument("--extractor", default="hybrid")
    sc.add_argument("--out", type=Path, required=True)
    sc.add_argument(
        "--articles",
        "-a",
        action="append",
        help="corpus inputs holding the sentences' articles: read each sentence inside its "
        "article, as kg reads real input (repeat the option); without, each alone",
    )
    cp = sub.add_parser("compare")
    cp.add_argument("a", type=Path)
    cp.add_argument("b", type=Path)
    cp.add_argument("--resamples", type=int, default=10_000)
    cp.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    if args.cmd == "score":
        return score(args.pairs, args.extractor, args.out, args.articles)
    return compare(args.a, args.b, args.resamples, args.seed)


if __name__ == "__main__":
    sys.exit(main())
