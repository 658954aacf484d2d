"""Agreement between two independent readings of the same gold articles.

Usage::

    .venv/bin/python scripts/gold_article_agreement.py FIRST_DIR SECOND_DIR [--json OUT]

For every file present in both folders, the second reading is scored against the first the
way ``score_graph.py`` scores a graph, with the second reading's required relations as the
"edges": entities are aligned by QID or a shared name (normalized as the scorer does); a
required relation of one reading is matched when a required or acceptable relation of the other
covers one of its (subject, category, object) expansions, with cooperation and communication
undirected. Recall = first's required matched by the second; precision = second's required
matched by the first; F1 from the two. A strict figure (required against required only) is
given beside it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_graph.py"


def _scorer() -> Any:
    """Load the shared scorer as a module: its name normalization and list handling."""
    spec = importlib.util.spec_from_file_location("score_graph", SCORER)
    if spec is None or spec.loader is None:
        sys.exit(f"the shared scorer is not at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_SCORER = _scorer()
norm = _SCORER.norm
as_list = _SCORER.as_list


def align(a: dict[str, Any], b: dict[str, Any]) -> dict[str, set[str]]:
    """Map each entity id of ``a`` to the ids of ``b`` naming the same actor."""
    out: dict[str, set[str]] = {}
    for ea in a["entities"]:
        names_a = {norm(n) for n in ea["names"]}
        out[ea["id"]] = {
            eb["id"]
            for eb in b["entities"]
            if (ea.get("qid") and ea.get("qid") == eb.get("qid"))
            or names_a & {norm(n) for n in eb["names"]}
        }
    return out


def expansions(rule: dict[str, Any]) -> list[tuple[str, str, str]]:
    return [
        (s, c, o)
        for s in as_list(rule["s"])
        for c in as_list(rule["c"])
        for o in as_list(rule["o"])
    ]


def covered(edge: tuple[str, str, str], rule: dict[str, Any]) -> bool:
    s, c, o = edge
    if c not in as_list(rule["c"]):
        return False
    ss, os_ = set(as_list(rule["s"])), set(as_list(rule["o"]))
    if s in ss and o in os_:
        return True
    undirected = rule.get("sym") or set(as_list(rule["c"])) <= {"cooperation", "communication"}
    return bool(undirected) and o in ss and s in os_


def matched(
    rule: dict[str, Any], mapping: dict[str, set[str]], others: list[dict[str, Any]]
) -> bool:
    """Whether some expansion of ``rule`` (ids of reading A), mapped to B, is covered by B."""
    for s, c, o in expansions(rule):
        for s2 in mapping.get(s, ()):
            for o2 in mapping.get(o, ()):
                if any(covered((s2, c, o2), r) for r in others):
                    return True
    return False


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    ab, ba = align(a, b), align(b, a)
    ok_b = b["relations"] + b.get("acceptable", [])
    ok_a = a["relations"] + a.get("acceptable", [])
    rec = sum(matched(r, ab, ok_b) for r in a["relations"])
    prec = sum(matched(r, ba, ok_a) for r in b["relations"])
    rec_strict = sum(matched(r, ab, b["relations"]) for r in a["relations"])
    prec_strict = sum(matched(r, ba, a["relations"]) for r in b["relations"])
    req_a = [e for e in a["entities"] if e.get("required", True)]
    ent = sum(bool(ab[e["id"]]) for e in req_a)

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    r, p = rec / len(a["relations"]), prec / len(b["relations"])
    rs, ps = rec_strict / len(a["relations"]), prec_strict / len(b["relations"])
    return {
        "required_first": len(a["relations"]),
        "required_second": len(b["relations"]),
        "recall": round(r, 3),
        "precision": round(p, 3),
        "f1": round(f1(p, r), 3),
        "f1_strict": round(f1(ps, rs), 3),
        "entity_recall": round(ent / len(req_a), 3) if req_a else 1.0,
        "unmatched_first": [
            f"{r_['s']} {r_['c']} {r_['o']}: {r_['why']}"
            for r_ in a["relations"]
            if not matched(r_, ab, ok_b)
        ],
        "unmatched_second": [
            f"{r_['s']} {r_['c']} {r_['o']}: {r_['why']}"
            for r_ in b["relations"]
            if not matched(r_, ba, ok_a)
        ],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = {}
    for fb in sorted(args.second.glob("*.json")):
        fa = args.first / fb.name
        if fa.is_file():
            rows[fb.stem] = compare(json.loads(fa.read_text()), json.loads(fb.read_text()))
    head = f"{'article':<32} {'req1':>4} {'req2':>4} {'P':>5} {'R':>5} {'F1':>5}"
    print(head + f" {'F1str':>5} {'entR':>5}")
    for name, r in rows.items():
        print(
            f"{name:<32} {r['required_first']:4d} {r['required_second']:4d} {r['precision']:5.2f} "
            f"{r['recall']:5.2f} {r['f1']:5.2f} {r['f1_strict']:5.2f} {r['entity_recall']:5.2f}"
        )
    if rows:
        mean = {
            k: sum(r[k] for r in rows.values()) / len(rows)
            for k in ("precision", "recall", "f1", "f1_strict", "entity_recall")
        }
        print(
            f"{'mean':<32} {'':4} {'':4} {mean['precision']:5.2f} {mean['recall']:5.2f} "
            f"{mean['f1']:5.2f} {mean['f1_strict']:5.2f} {mean['entity_recall']:5.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
