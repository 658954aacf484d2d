"""Reliability, end to end: one build per folder at a time, a broken cache costs only time,
outputs others can read, and folders that cannot be written are refused before any work.

Builds run as real processes (``python -m kg.cli``), as users start them.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from clirun import run_kg as kg
from newsgen import make_articles, write_jsonl

from kg.io.lock import LOCK_FILE, output_lock

FLAGS = ("--no-progress", "--no-plot", "--no-html")
WAITING = re.compile(r"waiting for the build running since \d\d:\d\d, pid (\d+)")


def _start_kg(*args: str | Path, umask: int = -1) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kg.cli", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        umask=umask,
    )


def _graph_articles(out: Path) -> set[str]:
    """Return the ids of the articles in ``out``'s assertions and merge report."""
    with (out / "merges.jsonl").open(encoding="utf-8") as fh:
        reported = {json.loads(line)["article"] for line in fh}
    with (out / "assertions.jsonl").open(encoding="utf-8") as fh:
        asserted = {json.loads(line)["article"] for line in fh}
    assert asserted <= reported
    return reported


# --- one build per output folder -------------------------------------------------------


def test_two_appends_at_once_lose_no_article(tmp_path: Path) -> None:
    base = write_jsonl(make_articles(1), tmp_path / "base.jsonl")
    first = write_jsonl(make_articles(40, start=1), tmp_path / "forty.jsonl")
    second = write_jsonl(make_articles(60, start=41), tmp_path / "sixty.jsonl")
    out = tmp_path / "out"
    built = kg("build", str(base), "-o", str(out), *FLAGS)
    assert built.returncode == 0, built.stderr
    runs = [_start_kg("build", f, "-o", out, "--append", *FLAGS) for f in (first, second)]
    results = [run.communicate(timeout=600) for run in runs]
    for run, (_, stderr) in zip(runs, results, strict=True):
        assert run.returncode == 0, stderr
    assert _graph_articles(out) == {f"n{i:05d}" for i in range(101)}
    waited = [stderr for _, stderr in results if WAITING.search(stderr)]
    assert len(waited) == 1, [stderr for _, stderr in results]
    assert kg("stats", str(out / "graph.ttl")).stdout.startswith("articles:   101\n")


@pytest.mark.parametrize("held", ["output folder", "store"])
def test_no_wait_exits_3_naming_the_build_that_holds_the_folder(held: str, tmp_path: Path) -> None:
    source = write_jsonl(make_articles(2), tmp_path / "in.jsonl")
    out, store = tmp_path / "out", tmp_path / "store"
    lock = output_lock(out) if held == "output folder" else output_lock(store=store)
    with lock:
        result = kg("build", str(source), "-o", str(out), "--store", str(store), "--no-wait")
    assert result.returncode == 3, result.stderr
    line = result.stderr.strip()
    assert re.fullmatch(
        rf"error: {re.escape(str(out if held == 'output folder' else store))}: busy: the build "
        rf"running since \d\d:\d\d, pid {os.getpid()} writes it; run again without --no-wait "
        r"to wait for it",
        line,
    ), line
    assert not (out / "graph.ttl").exists() and not (out / "kg-cache.sqlite").exists()


def test_a_second_build_waits_and_says_so(tmp_path: Path) -> None:
    source = write_jsonl(make_articles(3), tmp_path / "in.jsonl")
    out = tmp_path / "out"
    with output_lock(out):
        run = _start_kg("build", source, "-o", out, *FLAGS)
        assert run.stderr is not None
        line = run.stderr.readline()  # said before it blocks
        found = WAITING.match(line)
        assert found and int(found.group(1)) == os.getpid(), line
        with pytest.raises(subprocess.TimeoutExpired):
            run.wait(timeout=2)
        assert not (out / "graph.ttl").exists()
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr
    assert _graph_articles(out) == {"n00000", "n00001", "n00002"}


def test_a_lock_left_by_a_killed_build_does_not_block(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from kg.io.lock import output_lock\n"
            f"with output_lock({str(out)!r}):\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    assert f'"pid": {holder.pid}' in (out / LOCK_FILE).read_text(encoding="utf-8")  # stale
    source = write_jsonl(make_articles(2), tmp_path / "in.jsonl")
    result = kg("build", str(source), "-o", str(out), "--no-wait", *FLAGS)
    assert result.returncode == 0, result.stderr
    assert "waiting" not in result.stderr


# --- folders that cannot be written: refused before any parsing --------------------------


def test_a_missing_parent_of_the_output_folder_is_refused_before_reading(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")  # reading it would warn
    out = tmp_path / "missing" / "out"
    result = kg("build", str(tmp_path / "empty.txt"), "-o", str(out), *FLAGS)
    assert result.returncode == 2
    assert result.stderr == (
        f"error: cannot create the output folder {str(out)!r}: its parent "
        f"{str(out.parent)!r} does not exist; create it first or give another folder\n"
    )
    assert not out.parent.exists()


@pytest.mark.parametrize(
    ("case", "words"),
    [
        ("read-only parent", "cannot create the output folder"),
        ("read-only output folder", "cannot write to the output folder"),
        ("unwritable --cache", "cannot write to the --cache folder"),
        ("read-only parent of --store", "cannot create the --store folder"),
    ],
)
def test_a_read_only_folder_is_refused_before_reading(
    case: str,
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import kg.io
    from kg.cli import main

    locked = tmp_path / "locked"
    locked.mkdir()
    args = {
        "read-only parent": ["-o", str(locked / "out")],
        "read-only output folder": ["-o", str(locked)],
        "unwritable --cache": ["-o", str(tmp_path / "out"), "--cache", str(locked)],
        "read-only parent of --store": [
            "-o",
            str(tmp_path / "out"),
            "--store",
            str(locked / "store"),
        ],
    }[case]
    # Root writes into any folder whatever its mode (and CI runs as root), so the refusal
    # is faked where kg asks for it; without root, the mode alone would refuse.
    locked.chmod(0o555)
    access = os.access

    def refuse(path: str | Path, mode: int, **kwargs: object) -> bool:
        if Path(path) == locked and mode & os.W_OK:
            return False
        return access(path, mode, **kwargs)  # type: ignore[arg-type]

    def never(*args: object, **kwargs: object) -> object:
        msg = "inputs were read before the folders were checked"
        raise AssertionError(msg)

    monkeypatch.setattr(os, "access", refuse)
    monkeypatch.setattr(kg.io, "read_articles", never)
    monkeypatch.setattr(sys, "argv", ["kg", "build", "in.txt", *args, *FLAGS])
    try:
        with pytest.raises(SystemExit) as stopped:
            main()
    finally:
        locked.chmod(0o755)
    err = capsys.readouterr().err
    assert stopped.value.code == 2, err
    assert err.startswith(f"error: {words} ") and f"{str(locked)!r} is read-only" in err, err
    assert "Traceback" not in err
    assert list(locked.iterdir()) == []


# --- a broken cache costs time, never the build ------------------------------------------


def test_garbage_in_the_cache_is_moved_aside_and_the_build_goes_on(tmp_path: Path) -> None:
    source = write_jsonl(make_articles(30), tmp_path / "in.jsonl")
    out = tmp_path / "out"
    first = kg("build", str(source), "-o", str(out), *FLAGS)
    assert first.returncode == 0, first.stderr
    graph = (out / "graph.ttl").read_bytes()
    cache = out / "kg-cache.sqlite"
    with cache.open("r+b") as fh:
        fh.seek(cache.stat().st_size // 2 - 2048)
        fh.write(random.Random(0).randbytes(4096))
    again = kg("build", str(source), "-o", str(out), *FLAGS)
    assert again.returncode == 0, again.stderr
    [aside] = out.glob("kg-cache.sqlite.broken-*")
    assert again.stderr.startswith(
        f"warning: the build cache {str(cache)!r} cannot be used (damaged: "
    ), again.stderr
    assert f"moved aside to {str(aside)!r}; going on with a fresh cache\n" in again.stderr
    assert "articles:   30 (30 parsed, 0 cached)" in again.stdout
    assert (out / "graph.ttl").read_bytes() == graph


# --- outputs others can read -------------------------------------------------------------


@pytest.mark.parametrize("mask", [0o022, 0o077], ids=["umask022", "umask077"])
def test_every_output_gets_the_umask_s_mode(mask: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run = _start_kg("build", "--sample", "-o", out, "--store", out / "store", umask=mask)
    _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr
    plot = _start_kg(
        "plot", out / "graph.ttl", "-o", out / "japan.svg", "--focus", "Japan", umask=mask
    )
    _, stderr = plot.communicate(timeout=600)
    assert plot.returncode == 0, stderr
    (out / "graph.ttl").chmod(0o640)  # a replaced file keeps its own mode
    rerun = _start_kg("build", "--sample", "-o", out, "--store", out / "store", umask=mask)
    _, stderr = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, stderr
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()}
    expected = {name: 0o666 & ~mask for name in modes}
    expected |= {"store": 0o777 & ~mask, "graph.ttl": 0o640}
    assert {"graph.png", "graph.html", "assertions.jsonl", "japan.svg"} <= modes.keys()
    assert modes == expected, {k: oct(v) for k, v in modes.items()}
