"""benchmarks/isa_check.py: its scoring mode, its comparison, and its message without qemu."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ISA_CHECK = Path(__file__).resolve().parents[1] / "benchmarks" / "isa_check.py"


def _isa_check() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_isa_check", ISA_CHECK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _row(relation: str, probability: float, logits: list[float] | None) -> dict[str, object]:
    return {"relation": relation, "reverse": False, "probability": probability, "logits": logits}


def test_compare_reports_how_far_two_runs_lie_apart() -> None:
    isa = _isa_check()
    a = [_row("none", 0.9, [2.0, 0.0]), _row("meetsWith", 0.6, [0.1, 1.0]), _row("none", 1.0, None)]
    b = [_row("none", 0.88, [2.25, 0.0]), _row("none", 0.55, [0.6, 0.5]), _row("none", 1.0, None)]
    figures = isa.compare(a, b)
    assert figures == {
        "pairs": 3,
        "max_logit_difference": 0.5,
        "decisions_differing": 1,
        "max_probability_difference": 0.05,
    }
    assert isa.compare(a, a)["decisions_differing"] == 0


def test_the_scoring_mode_reads_the_dev_pairs_with_the_shipped_model(tmp_path: Path) -> None:
    isa = _isa_check()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    assert isa.main(["--sentences", "4", "--score", str(first)]) == 0
    assert isa.main(["--sentences", "4", "--score", str(second)]) == 0
    rows = json.loads(first.read_text(encoding="utf-8"))
    with isa.PAIRS.open(encoding="utf-8") as f:
        labelled = sum(len(json.loads(line)["pairs"]) for _, line in zip(range(4), f, strict=False))
    assert len(rows) == labelled > 0
    assert all(r["logits"] is not None and len(r["logits"]) > 1 for r in rows)
    assert {r["relation"] for r in rows} - {"none"}  # some pair is read as a relation
    # one processor, one reading
    assert (
        isa.compare(rows, json.loads(second.read_text(encoding="utf-8")))["max_logit_difference"]
        == 0.0
    )


def test_without_qemu_it_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    isa = _isa_check()
    monkeypatch.setattr(isa.shutil, "which", lambda _name: None)
    assert isa.main([]) == 2
    assert "apt-get install qemu-user" in capsys.readouterr().out
