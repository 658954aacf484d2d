from __future__ import annotations

import contextlib
import itertools
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from newsgen import make_articles, write_jsonl

from kg.api import build_articles
from kg.cache import CACHE_FILE
from kg.pipeline import blank_link_cards, parse_batches, split_text
from kg.types import Article


@given(st.text(max_size=400), st.integers(min_value=8, max_value=60))
def test_split_text_keeps_offsets(text: str, size: int) -> None:
    for chunk, offset in split_text(text, max_chars=size):
        assert text[offset : offset + len(chunk)] == chunk
        assert len(chunk) <= size
        assert chunk.strip() == chunk and chunk


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the full name glued to the first headline
        (
            "Sen. Susan Collins Susan Margaret CollinsLawmakers under pressure to pass "
            "benefits fix MORE (R-Maine) said",
            "Sen. Susan Collins (R-Maine) said",
        ),
        # a space after the full name; the card repeats the visible given name
        (
            "Speaker Paul Ryan Paul Davis Ryan Retirees should say 'no thanks' to Romney's "
            "plan MORE’s (R-Wis.) office",
            "Speaker Paul Ryan ’s (R-Wis.) office",
        ),
        (
            "Sen. Chris Coons Christopher (Chris) Andrew Coons Democrats seize on report "
            "MORE (D), noting",
            "Sen. Chris Coons (D), noting",
        ),
        # three-word names, glued or not: the whole visible name stays
        (
            "Rep. Sheila Jackson Lee Sheila Jackson LeeConsequential GOP class of 1994 all but "
            "disappears MORE (D-Texas) pressed",
            "Rep. Sheila Jackson Lee (D-Texas) pressed",
        ),
        (
            "Rep. Sheila Jackson Lee Sheila Jackson Lee Consequential GOP class of 1994 all but "
            "disappears MORE (D-Texas) pressed",
            "Rep. Sheila Jackson Lee (D-Texas) pressed",
        ),
        # no card: a name said twice in running text, capitals, "READ MORE"
        (
            "Paul Ryan met Ryan Zinke. Ryan Zinke Said More Than Once: READ MORE",
            "Paul Ryan met Ryan Zinke. Ryan Zinke Said More Than Once: READ MORE",
        ),
        (
            "REPS. JORDAN AND GAETZ: SPECIAL COUNSEL NEEDED AS QUESTIONS MOUNT ON CLINTON, "
            "COMEY, AND MORE",
            "REPS. JORDAN AND GAETZ: SPECIAL COUNSEL NEEDED AS QUESTIONS MOUNT ON CLINTON, "
            "COMEY, AND MORE",
        ),
    ],
)
def test_link_cards_are_blanked_and_the_name_kept(text: str, kept: str) -> None:
    blanked = blank_link_cards(text)
    assert len(blanked) == len(text)
    assert " ".join(blanked.split()) == kept


@given(
    st.lists(st.integers(min_value=0, max_value=50), max_size=40),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=80),
)
def test_parse_batches_bound_texts_and_characters(
    sizes: list[int], batch_size: int, max_chars: int
) -> None:
    texts = [("x" * n, k) for k, n in enumerate(sizes)]
    batches = list(parse_batches(texts, batch_size=batch_size, max_chars=max_chars))
    assert [item for b in batches for item in b] == texts  # all of them, in order
    for b in batches:
        assert 1 <= len(b) <= batch_size
        # over the budget only as a text alone
        assert sum(len(t) for t, _ in b) <= max_chars or len(b) == 1
    for a, b in itertools.pairwise(batches):  # a batch closes only when the next text is too much
        assert len(a) == batch_size or sum(len(t) for t, _ in a) + len(b[0][0]) > max_chars


def test_long_article_is_chunked_and_offsets_hold() -> None:
    para = "Russia attacked Ukraine on Monday. Officials said nothing else.\n\n"
    text = para * 700  # ~45,000 characters: three chunks
    graph = build_articles([Article(id="long", text=text)])
    hits = [a for a in graph.assertions if a.relation == "attacks"]
    assert len(hits) == 700
    for a in hits[::97]:
        assert text[a.subject.start : a.subject.end] == a.subject.text


def test_empty_article_gives_nothing() -> None:
    graph = build_articles([Article(id="e", text="")])
    assert graph.assertions == [] and "e" in graph.articles


# --- killed and interrupted builds -------------------------------------------------------

_N = 800  # small articles: seconds of parsing, many cache batches


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", "build", *args, "--no-plot", "--no-progress"]


def _cached(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as con:
            return int(con.execute("SELECT COUNT(*) FROM results").fetchone()[0])
    except sqlite3.Error:  # created but not yet initialised
        return 0


def _wait_for_cache(proc: subprocess.Popen[str], db: Path, at_least: int) -> None:
    deadline = time.monotonic() + 240
    while _cached(db) < at_least:
        assert proc.poll() is None, f"the build ended before it could be stopped: {proc.stderr}"
        assert time.monotonic() < deadline, "the build wrote nothing to its cache"
        time.sleep(0.02)


@pytest.fixture(scope="module")
def news(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_jsonl(make_articles(_N), tmp_path_factory.mktemp("news") / "news.jsonl")


@pytest.fixture(scope="module")
def uninterrupted(news: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reference")
    done = subprocess.run(_kg(str(news), "-o", str(out), "--no-cache"), capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"articles:   {_N} ({_N} parsed, 0 cached)" in done.stdout
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_killed_build_leaves_a_cache_the_next_run_completes(
    jobs: str, news: Path, uninterrupted: Path, tmp_path: Path
) -> None:
    psutil = pytest.importorskip("psutil")
    out = tmp_path / "out"
    args = _kg(str(news), "-o", str(out), "-j", jobs)
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _wait_for_cache(proc, out / CACHE_FILE, at_least=40)
    workers = psutil.Process(proc.pid).children(recursive=True)
    proc.kill()
    proc.communicate(timeout=60)
    _gone, alive = psutil.wait_procs(workers, timeout=20)
    assert not alive, "worker processes outlived the killed build"
    kept = _cached(out / CACHE_FILE)
    assert 0 < kept < _N
    assert not (out / "graph.ttl").exists()

    rerun = subprocess.run(args, capture_output=True, text=True, timeout=600, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert f"articles:   {_N} ({_N - kept} parsed, {kept} cached)" in rerun.stdout
    for name in ("graph.ttl", "assertions.jsonl", "entities.json"):
        assert (out / name).read_bytes() == (uninterrupted / name).read_bytes(), name


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_says_where_it_stopped_and_exits_130(news: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _kg(str(news), "-o", str(out), "-j", "2"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # As from a shell: Ctrl-C at its default. A test process that ignores SIGINT
        # (some libraries set that in the process that imports them) would pass the
        # ignoring on, and Python never turns an ignored SIGINT into KeyboardInterrupt.
        preexec_fn=_default_sigint,
    )
    _wait_for_cache(proc, out / CACHE_FILE, at_least=16)
    proc.send_signal(signal.SIGINT)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, stderr
    assert "interrupted after" in stderr and "run the same command to go on" in stderr
    assert "Traceback" not in stderr
    done = int(stderr.split("interrupted after ")[1].split()[0])
    assert 16 <= done <= _cached(out / CACHE_FILE) < _N


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_stopped_build_removes_its_build_database(
    news: Path, tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    import os

    tmp = tmp_path / "tmp"
    tmp.mkdir()
    out = tmp_path / "out"
    proc = subprocess.Popen(
        _kg(str(news), "-o", str(out), "-j", "1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(tmp)},
        preexec_fn=_default_sigint,
    )
    _wait_for_cache(proc, out / CACHE_FILE, at_least=16)
    assert len(list(tmp.glob("kg-build-*"))) == 1  # the merge streams into it meanwhile
    proc.send_signal(sig)
    _stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert "Traceback" not in stderr
    assert list(tmp.glob("kg-build-*")) == []


def test_a_build_sweeps_the_build_folders_of_dead_processes(tmp_path: Path) -> None:
    import os

    from kg.builddb import BuildDB, sweep_stale

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    stale, alive, old = (tmp_path / f"kg-build-{n}" for n in ("stale", "alive", "old"))
    for folder, owner in ((stale, dead.stdout.strip()), (alive, str(os.getppid())), (old, None)):
        folder.mkdir()
        (folder / "build.sqlite").write_bytes(b"x")
        if owner is not None:
            (folder / "owner.pid").write_text(owner + "\n", encoding="ascii")
    db = BuildDB(tmp_path)
    assert not stale.exists() and alive.exists() and old.exists()
    assert sweep_stale(tmp_path) == [] and db.path.exists()
    db.close()
    assert not db.path.parent.exists()
