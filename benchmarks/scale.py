"""kg at scale, each figure measured side by side in one run.

Usage:
    python benchmarks/scale.py [--corpus PATH] [--n 1000] [--jobs 2]
        [--sizes 1000,5000,10000] [--only abcde] [--workdir DIR] [--json OUT]
    python benchmarks/scale.py --replicate 10000,100000 --cache DIR [--base 1000]
        [--merge streaming|memory] [--views] [--workdir DIR] [--json OUT]

Figures (every timing is the wall clock of a fresh process, so imports, model loading,
reading the input and writing the outputs all count):

(a) ``kg build`` (cold: empty cache) against a bare parse of the same texts: a process
    that loads the same model with ``spacy.load``, reads the same file and runs
    ``nlp.pipe`` over the same chunks with the same batch size and process count; at one
    process and at ``--jobs`` processes.
(b) ``kg build -j 1`` against ``kg build -j JOBS`` (both cold).
(c) a cold build against a warm rebuild over the same, unchanged corpus (every article
    cached).
(d) peak resident memory of ``kg build -j JOBS`` at each of ``--sizes`` articles: the
    largest sum over the build's process tree (main process and workers), sampled every
    0.1 s, and the main process's own peak.
(e) at the largest size: the time to write ``graph.ttl`` from the merged graph, and its size.

(r) ``--replicate N[,N…]``: merge and export at N articles with no parsing. A synthetic
    corpus re-uses the cached results of ``--base`` parsed articles (the first by id in the
    cache of an earlier ``kg build``, ``--cache``: its folder or its ``kg-cache.sqlite``)
    under fresh ids, each round of copies shifted by a week. A fresh process merges them
    (``--merge streaming``, kg's merge, or ``memory``, the all-in-memory merge of before)
    and writes what ``kg build --no-plot --no-html`` writes: ``graph.ttl``,
    ``ontology.ttl``, ``assertions.jsonl``, ``entities.json``, ``merges.jsonl``; with
    ``--views`` also ``graph.png`` and ``graph.html``, as a default ``kg build``. Figures:
    wall time of merge, export and views, and the process's peak resident memory.

Builds run with ``--no-plot`` (drawing a diagram is not what scales). The corpus is the
first N articles of ``--corpus`` (default: the AllSides 10k file in ``../shared``),
written once to a JSON Lines file in the work folder. The bare parse's mode of this script
is ``--bare FILE``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "allsides-10k.jsonl.gz"
BATCH_SIZE = 32  # kg's nlp.pipe batch size; the bare parse uses the same


def bare_parse(path: Path, jobs: int) -> None:
    """Parse the texts of ``path`` with a stock spaCy pipeline and nothing else."""
    import spacy

    from kg.io import read_articles
    from kg.nlp import model_name
    from kg.pipeline import split_text

    nlp = spacy.load(model_name())
    nlp.max_length = max(nlp.max_length, 2_000_000)
    texts = (chunk for a in read_articles([path]) for chunk, _ in split_text(a.text))
    tokens = 0
    for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=jobs):
        tokens += len(doc)
    print(f"tokens {tokens}")


def write_corpus(source: Path, n: int, target: Path) -> int:
    from kg.io import read_articles

    if target.exists():
        return sum(1 for _ in target.open(encoding="utf-8"))
    count = 0
    tmp = target.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for a in itertools.islice(read_articles([source]), n):
            record = {"id": a.id, "title": a.title, "date": a.date, "source": a.source}
            record |= {"url": a.url, "text": a.text}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    tmp.replace(target)
    return count


class Run:
    """A child process, timed, with its process tree's memory sampled."""

    def __init__(self, args: list[str], *, log: Path | None = None) -> None:
        import psutil

        self.args = args
        before, busy_before = resource.getrusage(resource.RUSAGE_CHILDREN), _busy_seconds()
        started = time.perf_counter()
        # With a log, the child's standard error goes there as it comes (progress to watch).
        err: Any = subprocess.PIPE if log is None else log.open("w", encoding="utf-8")
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=err, text=True)
        self.peak_tree = 0
        self.peak_main = 0
        self.peak_worker = 0  # the largest single process below the main one
        stop = threading.Event()

        def sample() -> None:
            try:
                root = psutil.Process(proc.pid)
            except psutil.Error:
                return
            while not stop.is_set():
                total = 0
                try:
                    main = root.memory_info().rss
                    total = main
                    for child in root.children(recursive=True):
                        try:
                            rss = child.memory_info().rss
                        except psutil.Error:
                            continue
                        total += rss
                        self.peak_worker = max(self.peak_worker, rss)
                except psutil.Error:
                    break
                self.peak_main = max(self.peak_main, main)
                self.peak_tree = max(self.peak_tree, total)
                stop.wait(0.1)

        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
        self.stdout, self.stderr = proc.communicate()
        self.seconds = time.perf_counter() - started
        if log is not None:
            err.close()
            self.stderr = log.read_text(encoding="utf-8")
        stop.set()
        watcher.join()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time of the run's whole process tree (workers are waited for, so they count).
        self.cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        # CPU time that other programs took meanwhile: a busy machine shows here.
        self.others = max(0.0, _busy_seconds() - busy_before - self.cpu)
        if proc.returncode != 0:
            msg = f"{' '.join(args)} failed ({proc.returncode}):\n{self.stderr[-3000:]}"
            raise RuntimeError(msg)


def _busy_seconds() -> float:
    """Return the CPU seconds all programs have used since boot (Linux), else 0."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    except OSError:
        return 0.0
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(f) for f in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


EXTRACTOR = ["--extractor", "rules"]


def kg_build(corpus: Path, out: Path, jobs: int, *extra: str) -> Run:
    args = [sys.executable, "-m", "kg.cli", "build", str(corpus), "-o", str(out)]
    return Run([*args, "-j", str(jobs), "--no-plot", "--no-progress", *EXTRACTOR, *extra])


def bare(corpus: Path, jobs: int) -> Run:
    return Run([sys.executable, __file__, "--bare", str(corpus), "--jobs", str(jobs)])


def model_figures(args: argparse.Namespace, work: Path, say: Any, show: Any) -> dict[str, Any]:
    """(m) ``kg build -j JOBS`` with ``--extractor`` and with rules, against the bare parse.

    The model's share of the build is the extra time over the rules-only build; pairs per
    second are the candidate pairs the model scored (counted by extracting the corpus's
    pairs again in this process) over that extra time.
    """
    corpus = work / f"corpus-{args.n}.jsonl"
    n = write_corpus(args.corpus, args.n, corpus)
    say(f"corpus: {n} articles, {os.cpu_count()} cores, extractor {args.extractor}")
    jobs = args.jobs
    barej = bare(corpus, jobs)
    show(f"bare nlp.pipe, {jobs} processes        ", barej)
    EXTRACTOR[1] = "rules"
    rules = kg_build(corpus, fresh(work / "out-m-rules"), jobs, "--no-html")
    show(f"kg build -j {jobs} --extractor rules    ", rules)
    EXTRACTOR[1] = args.extractor
    model = kg_build(corpus, fresh(work / "out-m-model"), jobs, "--no-html")
    show(f"kg build -j {jobs} --extractor {args.extractor:6s}", model)
    pairs = count_pairs(corpus)
    extra = max(1e-9, model.seconds - rules.seconds)
    out = {
        "articles": n,
        "extractor": args.extractor,
        "bare": barej.seconds,
        "kg_rules": rules.seconds,
        "kg_model": model.seconds,
        "ratio_rules": rules.seconds / barej.seconds,
        "ratio_model": model.seconds / barej.seconds,
        "model_share": extra / model.seconds,
        "pairs": pairs,
        "pairs_per_second_wall": pairs / extra,
        "peak_tree_mib": model.peak_tree / 2**20,
        "peak_main_mib": model.peak_main / 2**20,
        "peak_worker_mib": model.peak_worker / 2**20,
        "rules_peak_worker_mib": rules.peak_worker / 2**20,
    }
    ratios = f"{out['ratio_model']:.2f} (rules {out['ratio_rules']:.2f})"
    say(f"(m) kg {args.extractor}/bare, {jobs} processes: {ratios}")
    share = f"{100 * out['model_share']:.0f} %"
    rate = f"{out['pairs_per_second_wall']:.0f} pairs/s of wall time"
    rss = (
        f"{out['peak_tree_mib']:.0f} MiB (tree), {out['peak_main_mib']:.0f} MiB (main), "
        f"{out['peak_worker_mib']:.0f} MiB per worker at most "
        f"(rules: {out['rules_peak_worker_mib']:.0f})"
    )
    say(f"(m) model share of the build: {share}; {pairs} pairs, {rate}; peak RSS {rss}")
    return out


def count_pairs(corpus: Path) -> int:
    """Return how many candidate pairs the model scores over ``corpus`` (parsed again)."""
    from kg.extract.hybrid import model_pairs
    from kg.extract.mentions import find_mentions
    from kg.io import read_articles
    from kg.nlp import load_pipeline
    from kg.pipeline import split_text

    nlp = load_pipeline()
    chunks = [(c, o) for a in read_articles([corpus]) for c, o in split_text(a.text)]
    total = 0
    docs = nlp.pipe((c for c, _ in chunks), batch_size=BATCH_SIZE)
    for (_, offset), doc in zip(chunks, docs, strict=True):
        total += len(model_pairs(doc, find_mentions(doc, offset=offset), offset=offset)[0])
    return total


def fresh(path: Path) -> Path:
    import shutil

    shutil.rmtree(path, ignore_errors=True)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--n", type=int, default=1000, help="articles for (a), (b), (c)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sizes", default="1000,5000,10000", help="articles for (d), (e)")
    parser.add_argument("--only", default="abcde", help="which figures, e.g. abc, or m")
    parser.add_argument(
        "--extractor",
        default="rules",
        help="extractor of kg's builds (rules, model, hybrid); (m) compares it with rules",
    )
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/kg-scale"))
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--bare", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--replicate", default=None, help="(r) at these numbers of articles")
    parser.add_argument("--cache", type=Path, default=None, help="(r) cache of parsed articles")
    parser.add_argument("--base", type=int, default=1000, help="(r) parsed articles re-used")
    parser.add_argument("--merge", default="streaming", help="(r) streaming or memory")
    parser.add_argument(
        "--views",
        action="store_true",
        help="(r) also draw graph.png and write graph.html, as a default kg build does",
    )
    args = parser.parse_args()
    if args.bare is not None:
        bare_parse(args.bare, args.jobs)
        return
    work: Path = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    figures: dict[str, Any] = {"cores": os.cpu_count(), "jobs": args.jobs}
    if args.replicate is not None:
        figures["r"] = replicate_figures(args, work)
        if args.json is not None:
            args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
        return
    jobs = args.jobs

    def say(line: str) -> None:
        print(line, flush=True)

    def show(label: str, run: Run) -> None:
        say(
            f"{label}: {run.seconds:7.1f} s wall, {run.cpu:7.1f} s CPU "
            f"(other programs meanwhile: {run.others:.1f} s CPU)"
        )

    EXTRACTOR[1] = args.extractor
    if "m" in args.only:
        figures["m"] = model_figures(args, work, say, show)

    if set("abc") & set(args.only):
        corpus = work / f"corpus-{args.n}.jsonl"
        n = write_corpus(args.corpus, args.n, corpus)
        chars = sum(len(json.loads(line)["text"]) for line in corpus.open(encoding="utf-8"))
        say(f"corpus: {n} articles, {chars:,} characters, {os.cpu_count()} cores")
        bare1 = bare(corpus, 1)
        show("bare nlp.pipe, 1 process      ", bare1)
        cold1 = kg_build(corpus, fresh(work / "out-1"), 1)
        show("kg build -j 1, cold           ", cold1)
        warm1 = kg_build(corpus, work / "out-1", 1)
        show("kg build -j 1, warm           ", warm1)
        coldj = kg_build(corpus, fresh(work / f"out-{jobs}"), jobs)
        show(f"kg build -j {jobs}, cold           ", coldj)
        barej = bare(corpus, jobs)
        show(f"bare nlp.pipe, {jobs} processes    ", barej)
        same = (work / "out-1" / "graph.ttl").read_bytes() == (
            work / f"out-{jobs}" / "graph.ttl"
        ).read_bytes()
        figures |= {
            "articles": n,
            "bare_1": bare1.seconds,
            "kg_cold_1": cold1.seconds,
            "kg_warm_1": warm1.seconds,
            f"kg_cold_{jobs}": coldj.seconds,
            f"bare_{jobs}": barej.seconds,
            "cpu": {
                "bare_1": bare1.cpu,
                "kg_cold_1": cold1.cpu,
                "kg_warm_1": warm1.cpu,
                f"kg_cold_{jobs}": coldj.cpu,
                f"bare_{jobs}": barej.cpu,
            },
            "others_cpu": {
                "bare_1": bare1.others,
                "kg_cold_1": cold1.others,
                "kg_warm_1": warm1.others,
                f"kg_cold_{jobs}": coldj.others,
                f"bare_{jobs}": barej.others,
            },
            "a_cpu_ratio_1": cold1.cpu / bare1.cpu,
            "a_ratio_1": cold1.seconds / bare1.seconds,
            f"a_ratio_{jobs}": coldj.seconds / barej.seconds,
            "b_speedup": cold1.seconds / coldj.seconds,
            "c_warm_share": warm1.seconds / cold1.seconds,
            "same_turtle": same,
        }
        say(f"(a) kg/bare, 1 process        : {figures['a_ratio_1']:7.3f}")
        say(f"(a) kg/bare, 1 process, CPU   : {figures['a_cpu_ratio_1']:7.3f}")
        say(f"(a) kg/bare, {jobs} processes      : {figures[f'a_ratio_{jobs}']:7.3f}")
        say(f"(b) -j 1 / -j {jobs} (speed-up)    : {figures['b_speedup']:7.2f}")
        say(f"(c) warm / cold               : {100 * figures['c_warm_share']:6.1f} %")
        say(f"    graph.ttl of -j 1 and -j {jobs} identical: {same}")

    if set("de") & set(args.only):
        sizes = [int(s) for s in args.sizes.split(",")]
        for size in sizes:
            corpus = work / f"corpus-{size}.jsonl"
            n = write_corpus(args.corpus, size, corpus)
            run = kg_build(corpus, fresh(work / f"mem-{size}"), jobs)
            figures[f"d_{n}"] = {
                "seconds": run.seconds,
                "peak_tree_mib": run.peak_tree / 2**20,
                "peak_main_mib": run.peak_main / 2**20,
            }
            say(
                f"(d) {n:6d} articles, -j {jobs}: {run.seconds:7.1f} s, peak RSS "
                f"{run.peak_tree / 2**20:7.0f} MiB all processes, "
                f"{run.peak_main / 2**20:7.0f} MiB main process"
            )
        if "e" in args.only:
            size = sizes[-1]
            probe = [sys.executable, __file__, "--export-probe", str(work / f"mem-{size}")]
            probe += [str(work / f"corpus-{size}.jsonl")]
            done = subprocess.run(probe, capture_output=True, text=True, check=True)
            export = json.loads(done.stdout.strip().splitlines()[-1])
            figures["e"] = export
            say(
                f"(e) Turtle export at {export['articles']} articles: "
                f"{export['seconds']:.1f} s, {export['bytes'] / 2**20:.1f} MiB, "
                f"{export['assertions']} assertions, {export['triples']} triples"
            )
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


def export_probe(out: Path, corpus: Path) -> None:
    """Merge the cached results of a finished build and time writing its Turtle file."""
    from kg.api import build
    from kg.rdf import to_rdflib, write_graph

    graph = build([corpus], cache=out)
    target = out / "export-probe.ttl"
    started = time.perf_counter()
    write_graph(graph, target)
    seconds = time.perf_counter() - started
    triples = len(to_rdflib(graph))
    record = {
        "articles": len(graph.articles),
        "assertions": len(graph.assertions),
        "seconds": seconds,
        "bytes": target.stat().st_size,
        "triples": triples,
    }
    print(json.dumps(record))


def replicate_figures(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    """Run (r) at each size in a fresh process; print and return the figures."""
    if args.cache is None:
        msg = "--replicate needs --cache: the folder of a kg build's cache"
        raise SystemExit(msg)
    cache = args.cache / "kg-cache.sqlite" if args.cache.is_dir() else args.cache
    figures = []
    for size in (int(n) for n in args.replicate.split(",")):
        out = fresh(work / f"replicate-{size}")
        run = Run(
            [sys.executable, __file__, "--replicate-run", str(size), str(cache), str(out)]
            + [args.merge, str(args.base), "views" if args.views else "no-views"],
            log=work / f"replicate-{size}.log",
        )
        record = json.loads(run.stdout.strip().splitlines()[-1])
        record |= {
            "wall": run.seconds,
            "cpu_s": run.cpu,
            "others_cpu_s": run.others,
            "peak_rss_mib": run.peak_main / 2**20,
        }
        print(
            f"(r) {args.merge} merge of {size:,} articles ({record['assertions']:,} assertions): "
            f"merge {record['merge_s']:.1f} s ({record['merge_cpu_s']:.1f} s CPU), "
            f"export {record['export_s']:.1f} s ({record['export_cpu_s']:.1f} s CPU), "
            f"views {record['views_s']:.1f} s ({record['views_cpu_s']:.1f} s CPU), "
            f"process {run.seconds:.1f} s ({run.cpu:.1f} s CPU; other programs meanwhile "
            f"{run.others:.1f} s CPU); peak RSS {record['peak_rss_mib']:.0f} MiB "
            f"(of which the {record['base']} parsed results: {record['base_rss_mib']:.0f} MiB)",
            flush=True,
        )
        figures.append(record)
    return figures


def cached_results(cache: Path, base: int) -> list[Any]:
    """Return the cached results of the first ``base`` articles by id in kg's cache ``cache``."""
    import pickle
    import sqlite3
    import zlib

    conn = sqlite3.connect(f"file:{cache}?mode=ro", uri=True)
    by_id = {}
    for (blob,) in conn.execute("SELECT result FROM results"):
        result = pickle.loads(zlib.decompress(blob))  # our own cache
        by_id[result.article.id] = result
    conn.close()
    return [by_id[k] for k in sorted(by_id)[:base]]


def replicate_run(size: int, cache: Path, out: Path, merge: str, base: int, views: bool) -> None:
    """Merge ``size`` copies of cached results and write the outputs of ``kg build``.

    With ``views``, also graph.png and graph.html, as a default ``kg build`` does.
    """

    import psutil

    from kg.builddb import replicate_result
    from kg.cli import _write_merge_report
    from kg.export import write_assertions
    from kg.graph import _merge_results_in_memory, merge_results
    from kg.rdf import write_graph, write_ontology

    parsed = cached_results(cache, base)
    base_rss = psutil.Process().memory_info().rss

    process = psutil.Process()
    started, cpu_started = time.perf_counter(), time.process_time()

    def progress(what: str) -> None:
        # To standard error, which scale.py sends to replicate-N.log: a long run's rate.
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
        rss = process.memory_info().rss / 2**20
        print(f"{what}: {wall:.0f} s, {cpu:.0f} s CPU, RSS {rss:.0f} MiB", file=sys.stderr)
        sys.stderr.flush()

    step = max(1, size // 100)

    def corpus() -> Any:
        for i in range(size):
            copy, k = divmod(i, len(parsed))
            source = parsed[k]
            if i and i % step == 0:
                progress(f"{i:,} articles merged")
            yield replicate_result(source, f"{source.article.id}~{copy:05d}", days=7 * copy)

    merger = merge_results if merge == "streaming" else _merge_results_in_memory
    graph = merger(corpus())
    merged, merged_cpu = time.perf_counter(), time.process_time()
    progress("merged")
    write_graph(graph, out / "graph.ttl")
    progress("wrote graph.ttl")
    write_ontology(out / "ontology.ttl")
    n = write_assertions(graph.assertions, out / "assertions.jsonl")
    progress("wrote assertions.jsonl")
    _write_merge_report(graph, out / "entities.json", out / "merges.jsonl")
    done, done_cpu = time.perf_counter(), time.process_time()
    progress("wrote entities.json and merges.jsonl")
    if views:
        from kg.html import write_html
        from kg.plot import plot_graph

        plot_graph(graph, out / "graph.png", title="kg: actors and relations")
        progress("drew graph.png")
        write_html(graph, out / "graph.html", title="kg: actors and relations")
        progress("wrote graph.html")
    drawn, drawn_cpu = time.perf_counter(), time.process_time()
    record = {
        "articles": size,
        "base": len(parsed),
        "merge": merge,
        "assertions": n,
        "entities": len(graph.entity_map),
        "merge_s": merged - started,
        "export_s": done - merged,
        "views_s": drawn - done,
        "merge_cpu_s": merged_cpu - cpu_started,
        "export_cpu_s": done_cpu - merged_cpu,
        "views_cpu_s": drawn_cpu - done_cpu,
        "base_rss_mib": base_rss / 2**20,
        "ttl_mib": (out / "graph.ttl").stat().st_size / 2**20,
    }
    print(json.dumps(record))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--export-probe":
        export_probe(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) == 8 and sys.argv[1] == "--replicate-run":
        size, cache, out, merge, base, views = sys.argv[2:]
        replicate_run(int(size), Path(cache), Path(out), merge, int(base), views == "views")
    else:
        main()
