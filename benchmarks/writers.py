"""RDF writers at scale: kg's streamed writers against rdflib's and pyoxigraph's, per format.

Usage:
    python benchmarks/writers.py --cache DIR [--n 10000] [--base 1000]
        [--formats turtle,nt,trig,json-ld] [--writers streamed,rdflib,pyoxigraph]
        [--workdir DIR] [--json OUT]

Each (format, writer) runs in a fresh process that merges the replicated corpus of
``scale.py --replicate N`` (the cached results of ``--base`` parsed articles under fresh
ids; no parsing), then writes ``graph.<suffix>``:

- ``streamed``: :func:`kg.rdf.write_graph`, which streams the file from the build database
  (what ``kg build --format`` writes);
- ``rdflib``: the writer before it, rdflib's serializer over the whole graph in memory
  (``kg.rdf._serialize_with_rdflib``);
- ``pyoxigraph``: pyoxigraph parsing the streamed Turtle file and serializing ``fmt``
  (not sorted, so not kg's bytes; for scale only).

Figures: the writer's wall and CPU seconds, the process's peak resident memory and its
memory before writing (the merge and the parsed results the copies are made from), the
file's size, and whether its bytes equal those of the streamed writer.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale import Run, cached_results, fresh  # noqa: E402


def write_one(size: int, cache: Path, base: int, fmt: str, writer: str, out: Path) -> None:
    """Merge ``size`` replicated articles and write them as ``fmt`` with ``writer``."""

    import psutil

    from kg.builddb import replicate_result
    from kg.graph import merge_results
    from kg.rdf import FORMATS, _serialize_with_rdflib, oxigraph_format, write_graph

    parsed = cached_results(cache, base)

    def corpus() -> Any:
        for i in range(size):
            copy, k = divmod(i, len(parsed))
            source = parsed[k]
            yield replicate_result(source, f"{source.article.id}~{copy:05d}", days=7 * copy)

    graph = merge_results(corpus())
    f = FORMATS[fmt]
    target = out / f"graph-{writer}{f.suffix}"
    if writer == "pyoxigraph":  # its input, written beforehand, is not part of the figure
        turtle = write_graph(graph, out / "graph-input.ttl")
    before = psutil.Process().memory_info().rss
    started, cpu = time.perf_counter(), time.process_time()
    if writer == "streamed":
        write_graph(graph, target)
    elif writer == "rdflib":
        target.write_bytes(_serialize_with_rdflib(graph, fmt))
    else:
        import pyoxigraph

        quads = pyoxigraph.parse(path=str(turtle), format=pyoxigraph.RdfFormat.TURTLE)
        pyoxigraph.serialize(quads, output=str(target), format=oxigraph_format(f))
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    digest = hashlib.sha256()
    with target.open("rb") as fh:  # in pieces: reading it whole would be the peak
        for piece in iter(lambda: fh.read(1 << 20), b""):
            digest.update(piece)
    record = {
        "format": fmt,
        "writer": writer,
        "articles": size,
        "assertions": len(graph.assertions),
        "seconds": seconds,
        "cpu_s": cpu_seconds,
        "rss_before_mib": before / 2**20,
        "peak_rss_mib": peak,
        "mib": target.stat().st_size / 2**20,
        "sha256": digest.hexdigest(),
    }
    print(json.dumps(record))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="cache of parsed articles")
    parser.add_argument("--n", type=int, default=10_000, help="articles of the replicated corpus")
    parser.add_argument("--base", type=int, default=1000, help="parsed articles re-used")
    parser.add_argument("--formats", default="turtle,nt,trig,json-ld")
    parser.add_argument("--writers", default="streamed,rdflib,pyoxigraph")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-writers"))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args()
    cache = args.cache / "kg-cache.sqlite" if args.cache.is_dir() else args.cache
    out = fresh(args.workdir)
    out.mkdir(parents=True)
    figures = []
    for fmt in args.formats.split(","):
        streamed_digest = None
        for writer in args.writers.split(","):
            run = Run(
                [sys.executable, __file__, "--write-one", str(args.n), str(cache)]
                + [str(args.base), fmt, writer, str(out)],
                log=out / f"{fmt}-{writer}.log",
            )
            record = json.loads(run.stdout.strip().splitlines()[-1])
            if writer == "streamed":
                streamed_digest = record["sha256"]
            record["same_bytes_as_streamed"] = record["sha256"] == streamed_digest
            print(
                f"{fmt:8s} {writer:10s}: {record['seconds']:7.1f} s "
                f"({record['cpu_s']:7.1f} s CPU), "
                f"peak RSS {record['peak_rss_mib']:6.0f} MiB (before writing "
                f"{record['rss_before_mib']:.0f} MiB), {record['mib']:7.1f} MiB written, "
                f"same bytes as streamed: {record['same_bytes_as_streamed']}",
                flush=True,
            )
            figures.append(record)
            for path in out.glob("graph-*"):
                path.unlink()
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) == 8 and sys.argv[1] == "--write-one":
        n, cache, base, fmt, writer, out = sys.argv[2:]
        write_one(int(n), Path(cache), int(base), fmt, writer, Path(out))
    else:
        main()
