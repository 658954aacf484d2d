r"""Train the status head of a relation model: negation and modality, learned.

The relation model reads *which* relation holds between two mentions; whether the sentence
states it as a fact (asserted, reported) or not (negated, hypothetical, intended) came from
the patterns' clause reading alone (``clause_context``). This script trains a second head
for it, as issue 12 asks ("from a second head or from today's clause_context, whichever
measures better on the pair dev set"), and measures the two side by side:

1. every sentence of the pair files is parsed; its gold mentions are marked and read by the
   relation model once (as at run time), giving each gold *positive* pair the model's own
   pair vector (the ONNX output ``pair``: the relation head's input; ``--expose`` adds that
   output to a model exported without it, leaving the logits as they were);
2. the patterns' clause reading of each pair (``pair_contexts``) is computed too;
3. a linear head (multinomial logistic regression, numpy, L2) learns the gold status
   (``asserted``, ``reported``, ``hypothetical``, ``intended``, ``negated``) from the pair
   vector, alone or with the clause reading as four more features; features and L2 are
   chosen by cross-validation over the training articles (folds by article);
4. on the dev file the three policies of :mod:`kg.extract.status` (``clause``, ``head``,
   ``either``) are scored by fact / non-fact macro F1 (what decides a direct triple), and
   the best is written into ``status.json`` with the figures, the command and the seed.

Only gold positive pairs teach the head (a pair with no relation has no status). The
article gold is never read.

Usage::

    .venv/bin/python scripts/train_status.py --model kg/models/rel-minilm \
        --train benchmarks/gold/pairs/train.jsonl --dev benchmarks/gold/pairs/dev.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

PROJECT = Path(__file__).resolve().parents[1]
for extra in (PROJECT, PROJECT / "scripts"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from train_relations import expose_pair_output, label_mentions, read_pairs  # noqa: E402

from kg.extract.status import (  # noqa: E402
    FACT_CLASSES,
    STATUS_CLASSES,
    STATUS_FORMAT,
    StatusHead,
    clause_features,
    status_of,
)

FEATURES_VERSION = "status-features-1"  # change when read_features changes what it reads


def read_features(
    model_dir: Path, records: list[dict[str, Any]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str]]:
    """Return (pair vectors, clause features, gold classes, articles, clause classes)."""
    from kg.extract.candidates import pairs_in_sentence
    from kg.extract.model import RelationModel
    from kg.extract.relations import pair_contexts
    from kg.nlp import load_pipeline
    from kg.types import Mention

    label_mentions(records)
    nlp = load_pipeline()
    model = RelationModel(model_dir, vectors=True)
    vectors: list[np.ndarray] = []
    clauses: list[list[float]] = []
    gold: list[int] = []
    articles: list[str] = []
    clause_class: list[str] = []
    for n, (rec, doc) in enumerate(zip(records, nlp.pipe(r["text"] for r in records), strict=True)):
        if n and n % 2000 == 0:
            print(f"  {n} sentences read", flush=True)
        positive = [p for p in rec["pairs"] if p["relation"] != "none"]
        if not positive:
            continue
        mentions = [
            Mention(m["text"], m["start"], m["end"], m.get("label", "ENTITY"))
            for m in rec["mentions"]
        ]
        spans = [(m.start, m.end, m.label) for m in mentions]
        pairs = pairs_in_sentence(rec["text"], spans, max_pairs=10_000)
        out = dict(
            zip(((p.first, p.second) for p in pairs), model.outputs_of_pairs(pairs), strict=True)
        )
        heads = [(int(p["head"]), int(p["tail"])) for p in positive]
        contexts = pair_contexts(
            doc,
            mentions,
            [(h, t, p["relation"]) for (h, t), p in zip(heads, positive, strict=True)],
        )
        for (h, t), p, (negated, modality, _) in zip(heads, positive, contexts, strict=True):
            got = out.get((min(h, t), max(h, t)))
            if got is None or got[1] is None:
                continue  # beyond the model's window
            vectors.append(got[1])
            clauses.append(clause_features(negated, modality))
            clause_class.append(status_of(negated, modality))
            gold.append(
                STATUS_CLASSES.index(
                    status_of(bool(p.get("negated")), str(p.get("modality") or "asserted"))
                )
            )
            articles.append(f"{rec.get('corpus', '')}/{rec.get('article', rec.get('sid', n))}")
    return (
        np.stack(vectors).astype(np.float64),
        np.array(clauses, dtype=np.float64),
        np.array(gold),
        articles,
        clause_class,
    )


def cached_features(
    model_dir: Path, records: list[dict[str, Any]], files: Sequence[Path], cache: Path | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str]]:
    """:func:`read_features`, kept in ``cache`` under a digest of the model and the files."""
    if cache is None:
        return read_features(model_dir, records)
    digest = hashlib.sha256()
    for path in (model_dir / "model.onnx", model_dir / "tokenizer.json", *files):
        digest.update(path.read_bytes())
    digest.update(FEATURES_VERSION.encode())
    where = cache / f"status-features-{digest.hexdigest()[:16]}.npz"
    if where.is_file():
        got = np.load(where, allow_pickle=False)
        return (
            got["vectors"],
            got["clauses"],
            got["gold"],
            [str(a) for a in got["articles"]],
            [str(c) for c in got["clause_class"]],
        )
    vectors, clauses, gold, articles, clause_class = read_features(model_dir, records)
    cache.mkdir(parents=True, exist_ok=True)
    np.savez(
        where,
        vectors=vectors,
        clauses=clauses,
        gold=gold,
        articles=np.array(articles),
        clause_class=np.array(clause_class),
    )
    return vectors, clauses, gold, articles, clause_class


def fit(
    x: np.ndarray, y: np.ndarray, *, l2: float, steps: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Fit multinomial logistic regression; return (mean, scale, weights, bias).

    scikit-learn's L-BFGS on standardized features, from zero weights (deterministic for a
    given input); ``l2`` is the penalty per pair (sklearn's ``C`` is ``1 / (l2 * n)``).
    """
    from sklearn.linear_model import LogisticRegression

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = (x - mean) / scale
    present = sorted(set(int(v) for v in y))
    clf = LogisticRegression(C=1.0 / (l2 * len(y)), max_iter=steps, tol=1e-6)
    clf.fit(z, y)
    k = len(STATUS_CLASSES)
    w = np.zeros((z.shape[1], k))
    b = np.full(k, -30.0)  # a class never seen in training is never predicted
    coef = clf.coef_ if len(present) > 2 else np.vstack([-clf.coef_ / 2, clf.coef_ / 2])
    inter = clf.intercept_ if len(present) > 2 else np.array([-1, 1]) * clf.intercept_ / 2
    for row, cls in enumerate(present):
        w[:, cls] = coef[row]
        b[cls] = inter[row]
    return mean, scale, w, b


def predict(params: tuple[np.ndarray, ...], x: np.ndarray, threshold: float = 0.5) -> np.ndarray:
    """Return the predicted class of each row.

    A row is a non-fact when the non-fact classes together have more than ``threshold`` of
    the probability; then it takes the likeliest of them, else the likelier fact class.
    """
    mean, scale, w, b = params
    z = (x - mean) / scale @ w + b
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    p /= p.sum(axis=1, keepdims=True)
    fact = [STATUS_CLASSES.index(c) for c in STATUS_CLASSES if c in FACT_CLASSES]
    nonfact = [i for i in range(len(STATUS_CLASSES)) if i not in fact]
    out = np.where(
        p[:, nonfact].sum(axis=1) > threshold,
        np.array(nonfact)[p[:, nonfact].argmax(axis=1)],
        np.array(fact)[p[:, fact].argmax(axis=1)],
    )
    return np.asarray(out)


def fact_scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Fact / non-fact figures: non-fact P/R/F1, accuracy, macro F1 of the two classes."""
    g = [s not in FACT_CLASSES for s in gold]
    p = [s not in FACT_CLASSES for s in pred]
    tp = sum(a and b for a, b in zip(g, p, strict=True))
    fp = sum(b and not a for a, b in zip(g, p, strict=True))
    fn = sum(a and not b for a, b in zip(g, p, strict=True))
    tn = len(g) - tp - fp - fn

    def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)

    np_, nr, nf = f1(tp, fp, fn)
    _, _, ff = f1(tn, fn, fp)
    exact = sum(
        1 for a, b in zip(gold, pred, strict=True) if a == b or {a, b} <= FACT_CLASSES
    ) / max(len(gold), 1)
    return {
        "nonfact_gold": sum(g),
        "nonfact_pred": sum(p),
        "nonfact_precision": round(np_, 4),
        "nonfact_recall": round(nr, 4),
        "nonfact_f1": round(nf, 4),
        "fact_f1": round(ff, 4),
        "macro_f1": round((nf + ff) / 2, 4),
        "accuracy": round((tp + tn) / max(len(g), 1), 4),
        "status_accuracy": round(exact, 4),  # the non-fact kind right too
    }


def folds_of(articles: Sequence[str], k: int) -> np.ndarray:
    """Assign each row a fold by a hash of its article (the same for every run)."""
    return np.array([int(hashlib.sha256(a.encode()).hexdigest()[:8], 16) % k for a in articles])


def policy_status(policy: str, head: str, clause: str) -> str:
    """The status a policy gives (see :class:`kg.extract.status.StatusHead.combine`)."""
    if policy == "clause" or (policy == "either" and clause not in FACT_CLASSES):
        return clause
    return head


def main(argv: Sequence[str] | None = None) -> int:  # noqa: C901, PLR0915 - a script's main
    """Train, measure, write ``status.json``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", type=Path, default=PROJECT / "kg" / "models" / "rel-minilm")
    parser.add_argument("--train", type=Path, nargs="+", required=True)
    parser.add_argument("--dev", type=Path, nargs="+", required=True)
    parser.add_argument("--out", type=Path, default=None, help="default: MODEL/status.json")
    parser.add_argument("--expose", action="store_true", help="add the 'pair' output first")
    parser.add_argument("--l2", type=float, nargs="+", default=[0.0001, 0.001, 0.01])
    parser.add_argument("--steps", type=int, default=2000, help="L-BFGS iterations at most")
    parser.add_argument(
        "--threshold",
        type=float,
        nargs="+",
        default=[0.3, 0.4, 0.5],
        help="non-fact when the non-fact classes have more than this probability",
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument(
        "--seed", type=int, default=13, help="recorded only: L-BFGS from zero weights is exact"
    )
    parser.add_argument("--version", default=None)
    parser.add_argument(
        "--cache",
        default=str(Path.home() / ".cache" / "kg-train"),
        help="where the pair vectors are kept between runs ('' for nowhere)",
    )
    parser.add_argument("--features", choices=("auto", "vector", "vector+clause"), default="auto")
    parser.add_argument("--policy", choices=("auto", "head", "either", "clause"), default="auto")
    args = parser.parse_args(argv)
    args.cache = Path(args.cache) if args.cache else None

    onnx_path = args.model / "model.onnx"
    if args.expose and expose_pair_output(onnx_path):
        print(f"added the output 'pair' to {onnx_path}")
    train = read_pairs(args.train)
    dev = read_pairs(args.dev)
    print(f"reading {len(train)} train and {len(dev)} dev sentences", flush=True)
    xv, xc, y, arts, train_clause = cached_features(args.model, train, args.train, args.cache)
    dv, dc, dy, _, dev_clause = cached_features(args.model, dev, args.dev, args.cache)
    print(f"train: {len(y)} positive pairs, {Counter(STATUS_CLASSES[i] for i in y)}")
    print(f"dev: {len(dy)} positive pairs, {Counter(STATUS_CLASSES[i] for i in dy)}")

    def features(kind: str, v: np.ndarray, c: np.ndarray) -> np.ndarray:
        return np.hstack([v, c]) if kind == "vector+clause" else v

    folds = folds_of(arts, args.folds)
    kinds = ["vector", "vector+clause"] if args.features == "auto" else [args.features]
    cv: dict[str, dict[str, float]] = {}
    gold_names = [STATUS_CLASSES[i] for i in y]
    cv["clause (the patterns alone)"] = fact_scores(gold_names, train_clause)
    print(f"cv {'clause':14s} {cv['clause (the patterns alone)']}", flush=True)
    for kind in kinds:
        x = features(kind, xv, xc)
        for l2 in args.l2:
            preds = {t: np.zeros_like(y) for t in args.threshold}
            for f in range(args.folds):
                tr, te = folds != f, folds == f
                params = fit(x[tr], y[tr], l2=l2, steps=args.steps)
                for t in args.threshold:
                    preds[t][te] = predict(params, x[te], t)
            for t, pred in preds.items():
                got = fact_scores(gold_names, [STATUS_CLASSES[i] for i in pred])
                cv[f"{kind} l2={l2} threshold={t}"] = got
                print(f"cv {kind:14s} l2={l2:<6} threshold={t:<4} {got}", flush=True)
    learned = [k for k in cv if "l2=" in k]
    best = max(learned, key=lambda key: (cv[key]["macro_f1"], cv[key]["accuracy"]))
    kind = best.split(" l2=")[0]
    l2 = float(best.split("l2=")[1].split()[0])
    threshold = float(best.split("threshold=")[1])
    print(f"chosen by cross-validation: {best}")
    params = fit(features(kind, xv, xc), y, l2=l2, steps=args.steps)
    head_dev = [STATUS_CLASSES[i] for i in predict(params, features(kind, dv, dc), threshold)]
    gold_dev = [STATUS_CLASSES[i] for i in dy]
    dev_scores = {
        policy: fact_scores(
            gold_dev,
            [policy_status(policy, h, c) for h, c in zip(head_dev, dev_clause, strict=True)],
        )
        for policy in ("clause", "head", "either")
    }
    for policy, got in dev_scores.items():
        print(f"dev {policy:7s} {got}")
    policy = args.policy
    if policy == "auto":
        policy = max(dev_scores, key=lambda p: (dev_scores[p]["macro_f1"], p == "clause"))
    print(f"policy: {policy}")
    out = args.out or args.model / "status.json"
    mean, scale, w, b = params
    meta = {
        "format": STATUS_FORMAT,
        "version": args.version or f"status-{dt.date.today().isoformat()}",
        "classes": list(STATUS_CLASSES),
        "clause_features": kind == "vector+clause",
        "policy": policy,
        "threshold": threshold,
        "date": dt.date.today().isoformat(),
        "command": "python scripts/train_status.py "
        + " ".join(sys.argv[1:] if argv is None else argv),
        "seed": args.seed,
        "train_files": [str(p) for p in args.train],
        "dev_files": [str(p) for p in args.dev],
        "train_pairs": len(y),
        "dev_pairs": len(dy),
        "chosen": best,
        "cross_validation": cv,
        "dev": dev_scores,
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [[round(float(v), 6) for v in row] for row in w],
        "bias": [round(float(v), 6) for v in b],
    }
    # The head as kg will run it (rounded weights, kg.extract.status) must read the dev
    # pairs as the script did.
    head = StatusHead(
        version=str(meta["version"]),
        classes=STATUS_CLASSES,
        clause_features=bool(meta["clause_features"]),
        policy=policy,
        threshold=threshold,
        mean=np.array(meta["mean"]),
        scale=np.array(meta["scale"]),
        weights=np.array(meta["weights"]),
        bias=np.array(meta["bias"]),
    )
    same = sum(
        head.status(v, negated=bool(c[0]), modality=_modality_of(c)) == h
        for v, c, h in zip(dv, dc, head_dev, strict=True)
    )
    meta["runtime_agreement"] = round(same / max(len(head_dev), 1), 4)
    out.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(
        f"wrote {out} ({out.stat().st_size // 1024} KiB, version {head.version}); the runtime "
        f"reads {same} of {len(head_dev)} dev pairs as trained"
    )
    return 0


def _modality_of(flags: Sequence[float]) -> str:
    """The modality whose flag :func:`kg.extract.status.clause_features` set (else asserted)."""
    for name, flag in zip(("hypothetical", "intended", "reported"), flags[1:], strict=True):
        if flag:
            return name
    return "asserted"


if __name__ == "__main__":
    raise SystemExit(main())
