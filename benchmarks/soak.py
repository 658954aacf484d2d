"""Soak test of ``kg build``: kills, a damaged cache and a concurrent append, then a comparison.

Usage: python benchmarks/soak.py [--articles 2000] [--others 50] [--corpus PATH | --generated]
       [--kills 10] [--seed 0] [--jobs 1] [--workdir DIR]

The inputs are the first ``--articles`` articles of the AllSides corpus (default
``../shared/corpus/allsides-10k.jsonl.gz``), or a generated corpus (``--generated``, made
by ``tests/newsgen.py``); ``--others`` more articles are kept apart for the concurrent
append. The soak builds the inputs into one output folder with ``kg build --append``
(with the cache), over and over:

- each run is killed with SIGKILL at a random moment (uniform over a span sized so that
  the kills fall all through the build, and shortened to a finished run's length once
  runs finish), until ``--kills`` runs have been killed; each next run resumes from the
  cache and from the last graph written;
- once, before a run, the cache is damaged (up to 64 KiB of random bytes written into its
  middle) while it is at rest: after a finished run, or at least 32 KiB with no write-ahead
  log left by a killed run, which would mask the damage (when the damage is due and the
  cache is not at rest, a run is left to finish first); the run must move the cache aside
  with a warning and go on;
- once, a second ``kg build --append`` of the other articles starts beside a run, into
  the same folder: it must wait for the lock, and none of its articles may be lost;
- a last run is left to finish.

Then one uninterrupted build of the same articles (inputs and others, no cache) is made
and the soak's ``graph.ttl`` and ``assertions.jsonl`` are compared with it, byte for byte.
The exit code is 0 when both are identical and every run that was not killed succeeded.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "allsides-10k.jsonl.gz"
COMPARED = ("graph.ttl", "assertions.jsonl")
_BUILD_FLAGS = ("--no-progress", "--no-plot", "--no-html")
_WAITING = "waiting for the build running since"
_MOVED = "moved aside to"


@dataclass(slots=True)
class SoakReport:
    """What a soak did and found."""

    articles: int = 0
    others: int = 0
    kills: int = 0
    resumes: int = 0
    finished_runs: int = 0
    damaged_caches: int = 0
    caches_moved_aside: int = 0
    append_waited: bool = False
    append_exit: int | None = None
    failures: list[str] = field(default_factory=list)
    identical: dict[str, bool] = field(default_factory=dict)
    soak_seconds: float = 0.0
    reference_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether the outputs are identical and no run failed."""
        return bool(self.identical) and all(self.identical.values()) and not self.failures

    def lines(self) -> list[str]:
        """Return the report, one figure a line."""
        out = [
            f"articles:          {self.articles} (+ {self.others} appended concurrently)",
            f"kills (SIGKILL):   {self.kills}",
            f"resumes:           {self.resumes} ({self.finished_runs} runs finished)",
            f"damaged caches:    {self.damaged_caches} "
            f"({self.caches_moved_aside} moved aside with a warning)",
            f"concurrent append: exit {self.append_exit}, "
            + ("waited for the lock" if self.append_waited else "did not have to wait"),
        ]
        out += [
            f"{name + ':':<18} {'byte-identical' if same else 'DIFFERENT'}"
            for name, same in self.identical.items()
        ]
        out += [f"failure:           {f}" for f in self.failures]
        soak, one = self.soak_seconds, self.reference_seconds
        out.append(f"time:              soak {soak:.0f} s, one build {one:.0f} s")
        return out


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as fh:
        return subprocess.Popen(args, stdout=fh, stderr=subprocess.STDOUT)


def damage_cache(path: Path, rng: random.Random, *, size: int = 64 * 1024) -> None:
    """Write ``size`` random bytes into the middle of the file at ``path``."""
    length = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(max(0, length // 2 - size // 2))
        fh.write(rng.randbytes(min(size, max(length // 2, 1))))


def run_soak(
    inputs: Path,
    others: Path,
    workdir: Path,
    *,
    kills: int = 10,
    damages: int = 1,
    seed: int = 0,
    jobs: int = 1,
    log: bool = False,
) -> SoakReport:
    """Run the soak (see the module docstring) in ``workdir`` and return its report.

    Args:
        inputs: The articles to build (JSON Lines).
        others: Other articles, appended once by a concurrent build (JSON Lines).
        workdir: An empty folder for the outputs and logs.
        kills: How many runs to kill.
        damages: How many times to damage the cache (before a run, between kills).
        seed: Seeds the kill moments and the damage.
        jobs: ``-j`` of every build.
        log: Print what happens as it happens.
    """
    rng = random.Random(seed)
    report = SoakReport(articles=_count_lines(inputs), others=_count_lines(others))
    flags = (*_BUILD_FLAGS, "-j", str(jobs))
    logs = workdir / "logs"
    logs.mkdir(parents=True, exist_ok=True)

    def say(message: str) -> None:
        if log:
            print(message, flush=True)

    ref = workdir / "reference"
    started = time.perf_counter()
    done = subprocess.run(
        _kg("build", str(inputs), str(others), "-o", str(ref), "--no-cache", *flags),
        capture_output=True,
        check=False,
    )
    report.reference_seconds = time.perf_counter() - started
    if done.returncode != 0:
        report.failures.append(f"reference build: exit {done.returncode}: {done.stderr[-500:]!r}")
        return report
    say(f"reference build: {report.reference_seconds:.1f} s")

    out = workdir / "soak"
    cache = out / "kg-cache.sqlite"
    # Kills fall uniformly over a span such that, together, they cover about one build.
    span = max(2.0, 2 * report.reference_seconds / max(kills, 1))
    damage_after = sorted(rng.sample(range(1, kills), min(damages, kills - 1))) if kills > 1 else []
    append_at = rng.randrange(kills) if kills else 0
    started = time.perf_counter()
    finished = False
    for run in itertools.count():
        due = bool(damage_after) and report.kills >= damage_after[0]
        if due and cache.is_file() and (finished or _at_rest(cache)):
            damage_after.pop(0)
            damage_cache(cache, rng)
            report.damaged_caches += 1
            due = False
            say(f"run {run}: damaged the cache")
        last = report.kills >= kills and not damage_after
        main_log = logs / f"run-{run:03d}.log"
        run_started = time.perf_counter()
        proc = _start(_kg("build", str(inputs), "-o", str(out), "--append", *flags), main_log)
        if run > 0:
            report.resumes += 1
        other = None
        if not last and report.kills == append_at and report.append_exit is None:
            time.sleep(rng.uniform(0.0, 1.0))
            other_log = logs / f"append-{run:03d}.log"
            other = _start(_kg("build", str(others), "-o", str(out), "--append", *flags), other_log)
        # A damage that is due waits for a cache at rest: this run is then left to finish.
        delay = None if last or due else rng.uniform(0.2, span)
        try:
            code = proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            report.kills += 1
            finished = False
            say(f"run {run}: killed after {delay:.1f} s")
        else:
            report.finished_runs += 1
            finished = True
            took = time.perf_counter() - run_started
            # Once the cache holds everything a run is short: kill within such runs too.
            span = min(span, max(2.0, 1.2 * took))
            say(f"run {run}: finished after {took:.1f} s, exit {code}")
            if code != 0:
                report.failures.append(f"run {run}: exit {code} (see {main_log})")
        text = main_log.read_text(encoding="utf-8", errors="replace")
        report.caches_moved_aside += text.count(_MOVED)
        if "Traceback" in text:
            report.failures.append(f"run {run}: a traceback (see {main_log})")
        if other is not None:
            report.append_exit = other.wait()
            other_text = other_log.read_text(encoding="utf-8", errors="replace")
            report.append_waited = _WAITING in other_text
            report.caches_moved_aside += other_text.count(_MOVED)
            say(f"concurrent append: exit {report.append_exit}, waited: {report.append_waited}")
            if report.append_exit != 0:
                report.failures.append(f"concurrent append: exit {report.append_exit}")
        if last:
            break
    report.soak_seconds = time.perf_counter() - started
    if report.append_exit is None:
        report.failures.append("the concurrent append did not run")
    for name in COMPARED:
        a, b = out / name, ref / name
        report.identical[name] = a.is_file() and a.read_bytes() == b.read_bytes()
    return report


def _at_rest(cache: Path) -> bool:
    """Whether the cache is all in its file, and big enough for damage in its middle to tell."""
    wal = cache.with_name(f"{cache.name}-wal")
    return cache.is_file() and cache.stat().st_size >= 32 * 1024 and not wal.exists()


def _count_lines(path: Path) -> int:
    with path.open("rb") as fh:
        return sum(1 for line in fh if line.strip())


def _corpus(args: argparse.Namespace, workdir: Path) -> tuple[Path, Path]:
    inputs, others = workdir / "inputs.jsonl", workdir / "others.jsonl"
    if args.generated:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from newsgen import make_articles, write_jsonl

        write_jsonl(make_articles(args.articles, seed=args.seed), inputs)
        write_jsonl(make_articles(args.others, seed=args.seed, start=args.articles), others)
        return inputs, others
    with gzip.open(args.corpus, "rb") as src:
        lines = (line for line in src if line.strip())
        inputs.write_bytes(b"".join(itertools.islice(lines, args.articles)))
        others.write_bytes(b"".join(itertools.islice(lines, args.others)))
    return inputs, others


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--others", type=int, default=50)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--generated", action="store_true", help="a generated corpus instead")
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--damages", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--workdir", type=Path, help="keep outputs and logs here")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="kg-soak-"))
    workdir.mkdir(parents=True, exist_ok=True)
    inputs, others = _corpus(args, workdir)
    report = run_soak(
        inputs,
        others,
        workdir,
        kills=args.kills,
        damages=args.damages,
        seed=args.seed,
        jobs=args.jobs,
        log=True,
    )
    print(f"workdir:           {workdir}")
    for line in report.lines():
        print(line)
    sys.exit(0 if report.ok else 1)


if __name__ == "__main__":
    main()
