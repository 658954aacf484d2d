"""Loading and querying a graph of N AllSides articles: Turtle against the store, rdflib against
pyoxigraph.

Usage: python benchmarks/query_bench.py [--n 5000] [--corpus PATH] [--work DIR] [--jobs 1]
                                        [--repeat 3] [--rebuild]
       python benchmarks/query_bench.py --graph FILE [--work DIR] [--engines ENGINES]

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

``--graph FILE`` measures a graph written before (``scale.py --replicate`` writes large
ones) instead of building one: its store is bulk-loaded into ``--work`` from the file.
``--engines`` picks some of ``rdflib,memory,disk`` (rdflib holds a graph of 100,000
articles in about 15 GB; pyoxigraph in memory in about 3.5 GB). Each line shows the peak
resident memory of the process so far.
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
    parser.add_argument("--graph", type=Path, default=None, help="measure this graph file")
    parser.add_argument("--engines", default="rdflib,memory,disk", help="SPARQL engines to run")
    args = parser.parse_args()
    engines = args.engines.split(",")
    if args.graph is not None:
        work = args.work or HERE / "out" / f"query-{args.graph.parent.name}"
        work.mkdir(parents=True, exist_ok=True)
        ttl, store_dir = args.graph, work / "store"
        articles: Any = "?"
    else:
        work = args.work or HERE / "out" / f"query-{args.n}"
        work.mkdir(parents=True, exist_ok=True)
        meta = work / "meta.json"
        if args.rebuild or not meta.is_file() or json.loads(meta.read_text())["n"] != args.n:
            build(args, work)
        ttl, store_dir = work / "graph.ttl", work / "store"
        articles = json.loads(meta.read_text())["articles"]

    from rdflib import Graph

    print("\nload                                   seconds")
    t, graph = timed(lambda: kg.load(ttl))
    articles = len(graph.articles)
    show("kg.load(graph.ttl)", t, f"{len(graph.assertions)} assertions")
    if args.graph is not None and "disk" in engines:
        t, _ = timed(lambda: bulk_store(ttl, store_dir))
        show("pyoxigraph bulk_load(graph.ttl)", t, "(a store on disk)")
    if "disk" in engines:
        t, graph = timed(lambda: kg.load(store_dir))
        show("kg.load(store)", t, f"{len(graph.assertions)} assertions")
    del graph
    sources: dict[str, Any] = {}
    if "rdflib" in engines:
        t, sources["rdflib"] = timed(lambda: Graph().parse(ttl, format="turtle"))
        show("rdflib Graph.parse(graph.ttl)", t, f"{len(sources['rdflib'])} triples")
    if "memory" in engines:
        t, sources["memory"] = timed(lambda: open_dataset(ttl))
        show("pyoxigraph Store.load(graph.ttl)", t, f"{len(sources['memory'])} triples")
    if "disk" in engines:
        sources["disk"] = open_dataset(store_dir)
    print(f"\ngraph of {articles} articles: graph.ttl {size(ttl):.1f} MB, ", end="")
    print(f"store {size(store_dir):.1f} MB" if store_dir.exists() else "no store")

    head = f"query (best of {args.repeat}, seconds)"
    names = {"rdflib": "rdflib", "memory": "oxigraph mem", "disk": "oxigraph disk"}
    print(f"\n{head:<52}" + "".join(f"{names[e]:>14}" for e in sources) + "   rows")
    for name, query in QUERIES.items():
        results = [
            best(lambda s=source, q=query: sparql(s, q), args.repeat) for source in sources.values()
        ]
        rows = {len(df) for _, df in results}
        agree = "" if len(rows) == 1 else "  (engines disagree!)"
        times = "".join(f"{t:>14.4f}" for t, _ in results)
        print(f"  {name:<50}{times}   {sorted(rows)}{agree}{rss()}")


def show(label: str, seconds: float, what: str) -> None:
    """Print one line of the load table."""
    print(f"  {label:<36}{seconds:8.2f}   {what}{rss()}")


def rss() -> str:
    """Return the process's peak resident memory so far, for the end of a line."""
    import resource

    return f"   (peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)"


def bulk_store(path: Path, store_dir: Path) -> None:
    """Bulk-load a graph file into a new pyoxigraph store on disk at ``store_dir``."""
    import shutil

    import pyoxigraph

    from kg.rdf import format_for_path, oxigraph_format

    shutil.rmtree(store_dir, ignore_errors=True)
    store = pyoxigraph.Store(str(store_dir))
    store.bulk_load(path=str(path), format=oxigraph_format(format_for_path(path)))
    store.flush()


if __name__ == "__main__":
    main()
