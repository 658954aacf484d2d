"""scripts/gold_errors.py: error types on the article gold, with kept evidence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scriptload import load_script

gold_errors = load_script("gold_errors")

GOLD = {
    "article": "a1",
    "entities": [
        {"id": "US", "type": "Country", "names": ["United States", "Washington"]},
        {"id": "Corker", "type": "Person", "names": ["Bob Corker", "Corker"]},
        {"id": "IR", "type": "Country", "names": ["Iran"]},
    ],
    "relations": [{"s": "Corker", "c": "cooperation", "o": "US", "why": "he backs"}],
    "acceptable": [],
}


def _assertion(subj: str, relation: str, category: str, obj: str, sentence: str) -> str:
    return json.dumps({
        "subject": {"name": subj, "text": subj}, "relation": relation, "category": category,
        "object": {"name": obj, "text": obj.split()[0]}, "rule": "model:m", "confidence": 0.6,
        "sentence": sentence,
    })  # fmt: skip


def test_false_and_forbidden_edges_quote_their_kept_evidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "g1.json").write_text(json.dumps(GOLD), encoding="utf-8")
    kept = tmp_path / "kept" / "g1"
    kept.mkdir(parents=True)
    lines = [
        _assertion("Iran", "meetsWith", "communication", "Bob Corker", "Iran met Corker."),
        _assertion("Bob Corker", "threatens", "conflict", "United States", "He drew the line."),
        _assertion("Iran", "attacks", "conflict", "United States", "Iran could attack."),
    ]
    (kept / "assertions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    row = {
        "file": "g1.json", "article": "a1", "missing_relations": [], "missing_entities": [],
        "false_positives": ["Corker conflict US", "IR communication Corker"],
        "forbidden": 1, "forbidden_edges": ["US conflict IR"],
    }  # fmt: skip
    report = tmp_path / "report.json"
    report.write_text(json.dumps({"articles": [row]}), encoding="utf-8")

    args = [str(report), "--gold", str(tmp_path / "gold"), "--kept", str(tmp_path / "kept")]
    assert gold_errors.main(args) == 0
    out = capsys.readouterr().out
    assert "3 errors over 1 articles" in out
    polarity = next(line for line in out.splitlines() if "polarity" in line)
    # the scorer's gold ids found by the gold's names, the assertion quoted with its sentence
    assert 'Bob Corker threatens United States (model:m, 0.6): "He drew the line."' in polarity
    unrelated = next(line for line in out.splitlines() if "does not relate" in line)
    assert "Iran meetsWith Bob Corker" in unrelated  # either direction
    forbidden = next(line for line in out.splitlines() if "forbidden" in line)
    assert '"Iran could attack."' in forbidden and "| 1 |" in forbidden

    # without --kept: the same counts, no quotes
    assert gold_errors.main(args[:3]) == 0
    plain = capsys.readouterr().out
    assert "3 errors over 1 articles" in plain and "He drew the line" not in plain
