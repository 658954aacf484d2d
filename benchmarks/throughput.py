"""kg build against the bare spaCy parse of the same texts, side by side in one run.

Usage: python benchmarks/throughput.py [--n 200] [--corpus PATH] [--jobs 1]

Prints seconds and articles per second for (1) ``nlp.pipe`` over the same
chunks kg parses, with the same model and process count, and (2) kg's whole
per-article pipeline (parse + extract + resolve + merge), and their ratio.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

from kg.graph import merge_results
from kg.io import read_articles
from kg.nlp import load_pipeline
from kg.pipeline import iter_results, split_text

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "allsides-10k.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    articles = list(itertools.islice(read_articles([args.corpus]), args.n))
    chars = sum(len(a.text) for a in articles)
    nlp = load_pipeline()
    nlp("warm up")
    texts = [chunk for a in articles for chunk, _ in split_text(a.text)]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32, n_process=args.jobs):
        pass
    bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    graph = merge_results(iter_results(articles, n_process=args.jobs))
    full = time.perf_counter() - t0
    print(f"corpus: {args.corpus.name}, {len(articles)} articles, {chars:,} characters")
    print(f"bare nlp.pipe : {bare:8.1f} s  {len(articles) / bare:7.1f} articles/s")
    print(f"kg pipeline   : {full:8.1f} s  {len(articles) / full:7.1f} articles/s")
    print(f"ratio kg/bare : {full / bare:8.2f}")
    print(f"assertions    : {len(graph.assertions)}")


if __name__ == "__main__":
    main()
