"""The soak of benchmarks/soak.py, small: 200 generated articles, 3 kills, one damaged cache."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from newsgen import make_articles, write_jsonl

SOAK = Path(__file__).resolve().parents[1] / "benchmarks" / "soak.py"


def _soak() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kg_soak", SOAK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_kills_a_damaged_cache_and_a_concurrent_append_change_nothing(tmp_path: Path) -> None:
    soak = _soak()
    inputs = write_jsonl(make_articles(200), tmp_path / "inputs.jsonl")
    others = write_jsonl(make_articles(20, start=200), tmp_path / "others.jsonl")
    report = soak.run_soak(inputs, others, tmp_path / "soak", kills=3, damages=1, seed=3)
    summary = "\n".join(report.lines())
    assert report.failures == [], summary
    assert report.kills >= 3 and report.damaged_caches == 1, summary
    assert report.resumes >= 3 and report.caches_moved_aside == 1, summary
    assert report.append_exit == 0, summary
    assert report.identical == {"graph.ttl": True, "assertions.jsonl": True}, summary
    assert report.ok
