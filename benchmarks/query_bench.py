"""Loading and querying a graph of N AllSides articles: Turtle against the store, rdflib against
pyoxigraph.

Usage: python benchmarks/query_bench.py [--n 5000] [--corpus PATH] [--work DIR] [--jobs 1]
                                        [--repeat 3] [--rebuild]

Builds a graph from the first N articles of ``allsides-10k.jsonl.gz`` (from ``../shared``;
a build of 5000 articles takes about 20 minutes in one process, so ``--n`` is there to
try smaller ones, and ``--jobs`` to use more cores), writes ``graph.ttl`` and a store into
``--work`` (default ``benchmarks/out/query-N``; a later run with the same N reuses them
unless ``--rebuild``), then prints:

- load times: ``kg.load`` of the Turtle file and of the store (a whole KnowledgeGraph
  each), rdflib parsing the Turtle file, pyoxigraph loading it into memory;
- three typical SPARQL queries, best of ``--repeat`` runs, in rdflib (the parsed graph),
  pyoxigraph in memory and the pyoxigraph store on disk, with their row counts (which
  must agree).
"""

from __future__ import annotations

import argparse
import itertools
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import kg
from kg.api import build_articles
from kg.io import read_articles
from kg.query import sparql
from kg.rdf import write_graph
from kg.store import open_dataset, write_store

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parents[1] / "shared" / "corpus" / "allsides-10k.jsonl.gz"

QUERIES = {
    "who is hostile to the US (by category)": """
        SELECT ?who ?how WHERE {
          ?s ?p kge:united-states .
          ?p rdfs:subPropertyOf kg:conflict ; rdfs:label ?how .
          ?s rdfs:label ?who .
        } ORDER BY ?who ?how
    """,
    "top 10 actors by conflict facts": """
        SELECT ?name (COUNT(*) AS ?n) WHERE {
          ?s ?p ?o . ?p rdfs:subPropertyOf kg:conflict . ?s rdfs:label ?name .
        } GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 10
    """,
    "evidence of Russia's hostile acts, with articles": """
        SELECT ?sentence ?headline ?date WHERE {
          ?st rdf:subject kge:russia ; rdf:predicate ?p ; kg:negated false ;
              kg:evidenceText ?sentence ; prov:wasDerivedFrom ?a .
          ?p rdfs:subPropertyOf kg:conflict .
          ?a schema:headline ?headline .
          OPTIONAL { ?a schema:datePublished ?date }
        } ORDER BY ?date ?sentence
    """,
}


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    runs = [timed(fn) for _ in range(repeat)]
    return min(t for t, _ in runs), runs[-1][1]


def size(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 1e6


def build(args: argparse.Namespace, work: Path) -> None:
    articles = list(itertools.islice(read_articles([args.corpus]), args.n))
    print(f"building from {len(articles)} articles of {args.corpus.name} (-j {args.jobs}) ...")
    seconds, graph = timed(lambda: build_articles(articles, n_process=args.jobs))
    print(f"build:   {seconds:8.1f} s  {graph.summary()}")
    seconds, _ = timed(lambda: write_graph(graph, work / "graph.ttl"))
    print(f"write Turtle: {seconds:6.1f} s")
    seconds, _ = timed(lambda: write_store(graph, work / "store"))
    print(f"write store:  {seconds:6.1f} s")
    (work / "meta.json").write_text(json.dumps({"n": args.n, "articles": len(articles)}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="articles to build from")
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--work", type=Path, default=None, help="where graph and store go")
    parser.add_argument("--jobs", type=int, default=1, help="parser processes for the build")
    parser.add_argument("--repeat", type=int, default=3, help="runs per query (best is shown)")
    parser.add_argument("--rebuild", action="store_true", help="build even if --work has one")
    args = parser.parse_args()
    work = args.work or HERE / "out" / f"query-{args.n}"
    work.mkdir(parents=True, exist_ok=True)
    meta = work / "meta.json"
    if args.rebuild or not meta.is_file() or json.loads(meta.read_text())["n"] != args.n:
        build(args, work)
    ttl, store_dir = work / "graph.ttl", work / "store"
    articles = json.loads(meta.read_text())["articles"]
    print(f"\ngraph of {articles} articles: graph.ttl {size(ttl):.1f} MB, ", end="")
    print(f"store {size(store_dir):.1f} MB")

    from rdflib import Graph

    print("\nload                                   seconds")
    t, graph = timed(lambda: kg.load(ttl))
    print(f"  kg.load(graph.ttl)                  {t:8.2f}   {len(graph.assertions)} assertions")
    t, graph = timed(lambda: kg.load(store_dir))
    print(f"  kg.load(store)                      {t:8.2f}   {len(graph.assertions)} assertions")
    t, rdf = timed(lambda: Graph().parse(ttl, format="turtle"))
    print(f"  rdflib Graph.parse(graph.ttl)       {t:8.2f}   {len(rdf)} triples")
    t, memory = timed(lambda: open_dataset(ttl))
    print(f"  pyoxigraph Store.load(graph.ttl)    {t:8.2f}   {len(memory)} triples")
    disk = open_dataset(store_dir)

    head = f"query (best of {args.repeat}, seconds)"
    print(f"\n{head:<52}{'rdflib':>14}{'oxigraph mem':>14}{'oxigraph disk':>14}   rows")
    for name, query in QUERIES.items():
        results = [
            best(lambda s=source, q=query: sparql(s, q), args.repeat)
            for source in (rdf, memory, disk)
        ]
        rows = {len(df) for _, df in results}
        agree = "" if len(rows) == 1 else "  (engines disagree!)"
        times = "".join(f"{t:>14.4f}" for t, _ in results)
        print(f"  {name:<50}{times}   {sorted(rows)}{agree}")


if __name__ == "__main__":
    main()
