"""scripts/pair_bootstrap.py: comparing two runs on the pair dev sets, resampling articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scriptload import load_script

pair_bootstrap = load_script("pair_bootstrap")


def _run(path: Path, rows: list[tuple[str, int, int, int]]) -> Path:
    sentences = [
        {"file": "dev.jsonl", "article": art, "sid": f"{art}#{i}", "gold": g, "pred": p,
         "correct": c, "polarity": 0}
        for i, (art, g, p, c) in enumerate(rows)
    ]  # fmt: skip
    path.write_text(json.dumps({"extractor": "hybrid", "sentences": sentences}), "utf-8")
    return path


def test_compare_reports_both_runs_and_the_share_of_resamples_below(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arts = [f"a{k}" for k in range(20)]
    a = _run(tmp_path / "a.json", [(x, 2, 2, 1) for x in arts])
    # B finds one more right pair in every article: better in every resample
    b = _run(tmp_path / "b.json", [(x, 2, 2, 2) for x in arts])
    assert pair_bootstrap.compare(a, b, resamples=200, seed=0) == 0
    out = capsys.readouterr().out
    assert "A all: P 0.500 R 0.500 F1 0.5000 (20 right of 40, 40 stated" in out
    assert "B all: P 1.000 R 1.000 F1 1.0000" in out
    assert "B - A: F1 +0.5000; B below A in 0.0% of 200 resamples of 20 articles" in out
    # and the other way round: below in every resample
    pair_bootstrap.compare(b, a, resamples=200, seed=0)
    assert "B below A in 100.0% of 200 resamples" in capsys.readouterr().out


def test_compare_refuses_runs_over_different_sentences(tmp_path: Path) -> None:
    a = _run(tmp_path / "a.json", [("a1", 1, 1, 1)])
    b = _run(tmp_path / "b.json", [("a2", 1, 1, 1)])
    with pytest.raises(SystemExit, match="did not score the same sentences"):
        pair_bootstrap.compare(a, b, resamples=10, seed=0)
