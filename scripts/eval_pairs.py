r"""Measure the patterns, the relation model and the hybrid on a pair dev set.

Every dev sentence is parsed with kg's spaCy pipeline; the gold mentions (not kg's) are
the arguments, so the figures measure relations alone. For each unordered gold pair:

- ``rules``: the dependency patterns' relation for the pair (the most confident one of
  a category; open relations are no prediction);
- ``model``: the relation model's class (``--model``, default the shipped one);
- ``hybrid``: :func:`kg.extract.hybrid.merge_hybrid` with :data:`HYBRID_SOURCE`.

Scores: micro P/R/F1 over positive relations (exact relation and direction), per
category (a prediction counts in its own category), wrong polarity (cooperation read as
conflict or back) as a share of positives, and per category which extractor is better:
the data behind ``HYBRID_SOURCE``. Then negation and modality: ``clause_context`` (via
:func:`kg.extract.relations.pair_contexts`) on the gold positive pairs, against the gold
``negated`` and ``modality``.

Usage::

    .venv/bin/python scripts/eval_pairs.py --dev benchmarks/gold/pairs/dev.jsonl \
        [--model kg/models/rel-minilm] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
for extra in (PROJECT, PROJECT / "scripts"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from train_relations import POLAR, Score, label_mentions, read_pairs  # noqa: E402

from kg.extract.candidates import pairs_in_sentence  # noqa: E402
from kg.extract.facts import Candidate  # noqa: E402
from kg.extract.hybrid import HYBRID_SOURCE, merge_hybrid  # noqa: E402
from kg.ontology import RELATIONS, category_of  # noqa: E402
from kg.types import Mention  # noqa: E402

SOURCES = ("rules", "model", "hybrid")
Key = tuple[str, int, int]  # sid, first mention, second mention (text order)


def gold_of(rec: dict[str, Any]) -> dict[Key, tuple[str, int, int, dict[str, Any]]]:
    """Return each pair's (relation, head, tail, record) keyed by unordered mentions."""
    out = {}
    for p in rec["pairs"]:
        a, b = sorted((int(p["head"]), int(p["tail"])))
        out[(rec["sid"], a, b)] = (p["relation"], int(p["head"]), int(p["tail"]), p)
    return out


def best_by_pair(cands: Sequence[Candidate], sid: str) -> dict[Key, Candidate]:
    """The most confident categorized candidate per unordered pair."""
    best: dict[Key, Candidate] = {}
    for c in cands:
        if category_of(c.relation) is None:
            continue
        a, b = sorted((c.subject, c.object))
        key = (sid, a, b)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return best


def same(pred: Candidate, rel: str, head: int, tail: int) -> bool:
    """Whether a prediction is the gold relation in the gold direction."""
    if pred.relation != rel:
        return False
    if RELATIONS[rel].symmetric:
        return {pred.subject, pred.object} == {head, tail}
    return (pred.subject, pred.object) == (head, tail)


def main(argv: Sequence[str] | None = None) -> int:  # noqa: C901 - a script's main
    """Print (and optionally write) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, nargs="+", required=True)
    parser.add_argument("--model", default=None, help="relation model folder or name")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)

    from kg.extract.model import load_relation_model
    from kg.extract.relations import find_candidates, pair_contexts
    from kg.nlp import load_pipeline

    records = read_pairs(args.dev)
    label_mentions(records)
    nlp = load_pipeline()
    model = load_relation_model(args.model)
    scores = {s: Score() for s in SOURCES}
    by_cat: dict[str, dict[str, Score]] = {s: defaultdict(Score) for s in SOURCES}
    polarity = Counter[str]()
    positives = 0
    neg_conf: Counter[tuple[bool, bool]] = Counter()
    mod_conf: Counter[tuple[str, str]] = Counter()
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        sid = rec["sid"]
        mentions = [
            Mention(m["text"], m["start"], m["end"], m.get("label", "ENTITY"))
            for m in rec["mentions"]
        ]
        gold = gold_of(rec)
        rules = list(find_candidates(doc, mentions))
        spans = [(m.start, m.end, m.label) for m in mentions]
        pairs = pairs_in_sentence(rec["text"], spans, max_pairs=10_000)
        learned: list[Candidate] = []
        for pair, sc in zip(pairs, model.score(pairs), strict=True):
            if sc.relation in RELATIONS:
                s, o = (pair.second, pair.first) if sc.reverse else (pair.first, pair.second)
                learned.append(Candidate(s, sc.relation, o, 0, len(rec["text"]), rule="model"))
        hybrid = merge_hybrid(rules, learned, pairs)
        preds = {
            "rules": best_by_pair(rules, sid),
            "model": best_by_pair(learned, sid),
            "hybrid": best_by_pair(hybrid, sid),
        }
        for key, (rel, head, tail, _) in gold.items():
            gold_cat = category_of(rel) if rel != "none" else None
            positives += gold_cat is not None
            for source in SOURCES:
                pred = preds[source].get(key)
                pred_cat = category_of(pred.relation) if pred is not None else None
                hit = pred is not None and rel != "none" and same(pred, rel, head, tail)
                scores[source].gold += gold_cat is not None
                scores[source].pred += pred is not None
                scores[source].correct += hit
                if gold_cat is not None:
                    by_cat[source][gold_cat].gold += 1
                if pred_cat is not None:
                    by_cat[source][pred_cat].pred += 1
                    by_cat[source][pred_cat].correct += hit
                if gold_cat is not None and pred_cat is not None:
                    polarity[source] += POLAR.get(gold_cat) == pred_cat
        positive = [(head, tail, rel, p) for rel, head, tail, p in gold.values() if rel != "none"]
        contexts = pair_contexts(doc, mentions, [(h, t, pre) for h, t, pre, _ in positive])
        for (_, _, _, p), (negated, modality, _) in zip(positive, contexts, strict=True):
            neg_conf[(bool(p.get("negated")), negated)] += 1
            mod_conf[(str(p.get("modality") or "asserted"), modality)] += 1

    report: dict[str, Any] = {"model": f"{model.name}=={model.version}", "positives": positives}
    print(f"{len(records)} sentences, {positives} positive pairs; model {model.rule}")
    print(f"{'source':<8}{'gold':>6}{'pred':>6}{'ok':>6}{'P':>7}{'R':>7}{'F1':>7}  polarity")
    for source in SOURCES:
        row = scores[source].row()
        rate = polarity[source] / positives if positives else 0.0
        report[source] = {
            "micro": row,
            "by_category": {k: v.row() for k, v in sorted(by_cat[source].items())},
            "polarity_errors": polarity[source],
            "polarity_error_rate": round(rate, 4),
        }
        print(
            f"{source:<8}{row['gold']:>6}{row['pred']:>6}{row['correct']:>6}"
            f"{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
            f"  {polarity[source]} ({100 * rate:.1f} %)"
        )
    print("per category F1 (rules / model; hybrid table now -> measured better):")
    suggested = {}
    for cat in sorted({c for s in SOURCES for c in by_cat[s]}):
        r, m = by_cat["rules"][cat].f1, by_cat["model"][cat].f1
        suggested[cat] = "rules" if r > m else "model"
        now = HYBRID_SOURCE.get(cat, "?")  # type: ignore[call-overload]
        print(f"  {cat:<14} {r:.3f} / {m:.3f}   {now} -> {suggested[cat]}")
    report["suggested_hybrid_source"] = suggested
    n_neg = sum(neg_conf.values())
    neg_ok = sum(n for (g, p), n in neg_conf.items() if g == p)
    mod_ok = sum(n for (g, p), n in mod_conf.items() if g == p)
    print(
        f"clause_context on gold positives: negation {neg_ok}/{n_neg} right "
        f"(gold negated {sum(n for (g, _), n in neg_conf.items() if g)}, found "
        f"{sum(n for (g, p), n in neg_conf.items() if g and p)}); modality {mod_ok}/{n_neg}"
    )
    report["negation"] = {f"gold={g} pred={p}": n for (g, p), n in sorted(neg_conf.items())}
    report["modality"] = {f"gold={g} pred={p}": n for (g, p), n in sorted(mod_conf.items())}
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
