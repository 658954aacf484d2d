"""Measure kg against its own gold: whole articles, and labelled sentence pairs.

Two measurements, one report (see ``benchmarks/gold/ANNOTATION.md`` for the data):

- **articles**: each gold article (``shared/eval/GOLD.md`` format) is found among the input
  articles, built alone into a temporary folder exactly as ``kg build`` would, and its
  ``graph.ttl`` scored by the shared scorer (``score_graph.py``, run as a separate process so
  its figures are the scorer's own). The report gives a row per article and the macro means:
  entity recall, split and wrongly merged actors, relation precision, recall and F1, and recall
  per category.
- **pairs**: each sentence of a pair file is extracted as an article of its own (or, given
  the articles, read inside its whole article, as kg reads real input: the names, parties and
  pronouns of the sentences before it are known there); a gold pair is predicted when an
  assertion's subject and object overlap its two mentions. Micro P/R/F1 over
  positive pairs (by relation and by category), direction accuracy, negation and modality
  accuracy on the pairs whose category was found, and polarity errors (cooperation read as
  conflict or back).

Example:
    >>> find_key("politics/023", Article(id="023-ab12", text="x", origin="bbc/politics/023.txt"))
    True
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import fmean
from typing import Any

from kg.errors import InputError, KGError
from kg.ontology import CATEGORIES, RELATIONS
from kg.types import Article, ArticleResult, Assertion

__all__ = [
    "ARTICLE_COLUMNS",
    "PairScores",
    "evaluate_articles",
    "evaluate_pairs",
    "find_key",
    "format_article_table",
    "format_pair_table",
]

ARTICLE_COLUMNS = (
    "entity_recall",
    "split",
    "merged",
    "relation_precision",
    "relation_recall",
    "relation_f1",
    "forbidden",
)


class EvaluationError(KGError):
    """The gold, the scorer or the articles to evaluate cannot be used."""


def find_key(gold_id: str, article: Article) -> bool:
    """Return whether ``article`` is the one a gold file names.

    A gold file names its article by the corpus's own id: the article's id itself, the id
    without a reader's corpus prefix (Reuters ``reuters-7626`` is ``7626``), or, for a
    folder of text files, the file's path below the corpus without its suffix
    (``politics/023``).
    """
    if gold_id in (article.id, article.id.removeprefix("reuters-")):
        return True
    from kg.io.readers import known_suffix

    origin = article.origin.rsplit(":", 1)[0] if article.origin[-1:].isdigit() else article.origin
    suffix = known_suffix(Path(origin))
    if suffix is not None:
        origin = origin[: -len(suffix)]
    return origin == gold_id or origin.endswith("/" + gold_id)


def _locate(gold_ids: Sequence[str], articles: Iterable[Article]) -> dict[str, Article]:
    wanted = set(gold_ids)
    found: dict[str, Article] = {}
    for article in articles:
        for gid in list(wanted):
            if find_key(gid, article):
                found[gid] = article
                wanted.discard(gid)
        if not wanted:
            break
    return found


def _score(scorer: Path, gold: Path, graph: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(graph), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode != 0:
        msg = f"the scorer {scorer} failed on {gold}: {proc.stderr.strip()[-400:]}"
        raise EvaluationError(msg)
    body = proc.stdout.rsplit("\n", 2)[0]  # the last line is the figure line
    summary: dict[str, Any] = json.loads(body)
    return summary


def evaluate_articles(
    gold_files: Sequence[Path],
    articles: Iterable[Article],
    *,
    scorer: Path,
    build: Callable[[Sequence[Article]], Iterable[ArticleResult]],
    keep: Path | None = None,
) -> dict[str, Any]:
    """Build and score every gold article.

    Args:
        gold_files: Gold files (GOLD.md format).
        articles: The input articles; each gold file's ``article`` id must be among them.
        scorer: Path of ``score_graph.py``.
        build: Turns articles into per-article results (the extraction under test).
        keep: Keep what was scored here, a folder per gold file (named by its stem): the
            ``graph.ttl`` the scorer read and the ``assertions.jsonl`` behind it, each
            edge with its sentence (to read the errors). Files already there are replaced.

    Returns:
        ``{"articles": [row...], "macro": {...}, "per_category": {...}}``.

    Raises:
        EvaluationError: A gold article is not among the inputs, or the scorer fails.
    """
    from kg.export import write_assertions
    from kg.graph import merge_results
    from kg.rdf import write_graph

    golds = [(path, json.loads(path.read_text(encoding="utf-8"))) for path in gold_files]
    located = _locate([g["article"] for _, g in golds], articles)
    missing = [g["article"] for _, g in golds if g["article"] not in located]
    if missing:
        msg = f"{len(missing)} gold article(s) not found in the inputs: {missing[:5]!r}"
        raise EvaluationError(msg)
    order = [located[g["article"]] for _, g in golds]
    results = {r.article.id: r for r in build(order)}
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kg-evaluate-") as tmp:
        for (path, gold), article in zip(golds, order, strict=True):
            out = (keep or Path(tmp)) / path.stem
            out.mkdir(parents=True, exist_ok=keep is not None)
            graph = merge_results([results[article.id]])
            write_graph(graph, out / "graph.ttl")
            if keep is not None:
                write_assertions(results[article.id].assertions, out / "assertions.jsonl")
            summary = _score(scorer, path, out / "graph.ttl")
            rows.append(_row(path, gold, summary))
    return {"articles": rows, "macro": _macro(rows), "per_category": _per_category(rows)}


def _row(path: Path, gold: Mapping[str, Any], s: Mapping[str, Any]) -> dict[str, Any]:
    # The scorer names each missed relation as "<s> <c> <o>: <why>" with Python's str() of
    # lists; the same string made from the gold finds which ones they are.
    missing = set(s["missing_relations"])
    required: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for r in gold["relations"]:
        cats = r["c"] if isinstance(r["c"], list) else [r["c"]]
        was_missed = f"{r['s']} {r['c']} {r['o']}: {r['why']}" in missing
        for c in cats:
            required[c] += 1
            missed[c] += was_missed
    return {
        "file": path.name,
        "article": gold["article"],
        "entity_recall": s["entity_recall"],
        "split": len(s["split_entities"]),
        "merged": len(s["wrongly_merged"]),
        "relation_precision": s["relation_precision"],
        "relation_recall": s["relation_recall"],
        "relation_f1": s["relation_f1"],
        "forbidden": len(s["forbidden"]),
        "relations_gold": s["relations_gold"],
        "relations_found": s["relations_found"],
        "edges": s["typed_edges_between_gold_actors"],
        "false_positives": s["false_positives"],
        "forbidden_edges": s["forbidden"],
        "missing_relations": s["missing_relations"],
        "missing_entities": s.get("missing_entities", []),
        "split_entities": s["split_entities"],
        "wrongly_merged": s["wrongly_merged"],
        "required_by_category": dict(required),
        "missed_by_category": dict(missed),
    }


def _macro(rows: Sequence[Mapping[str, Any]]) -> dict[str, float]:
    if not rows:
        return {}
    out = {k: round(fmean(float(r[k]) for r in rows), 3) for k in ARTICLE_COLUMNS}
    out["split"] = sum(int(r["split"]) for r in rows)
    out["merged"] = sum(int(r["merged"]) for r in rows)
    out["forbidden"] = sum(int(r["forbidden"]) for r in rows)
    return out


def _per_category(rows: Sequence[Mapping[str, Any]]) -> dict[str, dict[str, float]]:
    """Return recall per category over all articles.

    A relation with several categories counts for each (the scorer says which required
    relations were missed, not which category found them).
    """
    out: dict[str, dict[str, float]] = {}
    for c in CATEGORIES:
        gold = sum(r["required_by_category"].get(c, 0) for r in rows)
        missed = sum(r["missed_by_category"].get(c, 0) for r in rows)
        out[c] = {"required": gold, "found": gold - missed,
                  "recall": round((gold - missed) / gold, 3) if gold else 0.0}  # fmt: skip
    return out


# --------------------------------------------------------------------------- pairs


@dataclass(slots=True)
class PairScores:
    """Counts over a pair file; see :func:`evaluate_pairs`."""

    gold: Counter[str] = field(default_factory=Counter)
    pred: Counter[str] = field(default_factory=Counter)
    correct: Counter[str] = field(default_factory=Counter)
    direction: Counter[str] = field(default_factory=Counter)
    negation: Counter[str] = field(default_factory=Counter)
    modality: Counter[str] = field(default_factory=Counter)
    polarity_errors: int = 0
    sentences: int = 0
    pairs: int = 0

    def add(self, other: PairScores) -> None:
        """Add ``other``'s counts to these."""
        for mine, theirs in (
            (self.gold, other.gold),
            (self.pred, other.pred),
            (self.correct, other.correct),
            (self.direction, other.direction),
            (self.negation, other.negation),
            (self.modality, other.modality),
        ):
            mine.update(theirs)
        self.polarity_errors += other.polarity_errors
        self.sentences += other.sentences
        self.pairs += other.pairs

    def prf(self, key: str) -> tuple[float, float, float]:
        """Return precision, recall and F1 for ``key`` (a relation, a category or ``all``)."""
        p = self.correct[key] / self.pred[key] if self.pred[key] else 0.0
        r = self.correct[key] / self.gold[key] if self.gold[key] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def to_json(self) -> dict[str, Any]:
        """Return the scores as plain values."""
        keys = sorted(set(self.gold) | set(self.pred))
        table = {}
        for k in keys:
            p, r, f = self.prf(k)
            table[k] = {
                "gold": self.gold[k],
                "pred": self.pred[k],
                "correct": self.correct[k],
                "precision": round(p, 3),
                "recall": round(r, 3),
                "f1": round(f, 3),
            }

        def acc(c: Counter[str]) -> float | None:
            n = c["right"] + c["wrong"]
            return round(c["right"] / n, 3) if n else None

        positives = self.gold["all"]
        return {
            "sentences": self.sentences,
            "pairs": self.pairs,
            "scores": table,
            "direction_accuracy": acc(self.direction),
            "negation_accuracy": acc(self.negation),
            "modality_accuracy": acc(self.modality),
            "polarity_errors": self.polarity_errors,
            "polarity_error_rate": round(self.polarity_errors / positives, 4) if positives else 0,
        }


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _predicted(
    assertions: Sequence[Assertion], head: tuple[int, int], tail: tuple[int, int]
) -> tuple[Assertion, bool] | None:
    """Return the best assertion between the two spans and whether it runs head -> tail."""
    best: tuple[tuple[int, float], Assertion, bool] | None = None
    for a in assertions:
        if RELATIONS.get(a.relation) is None:
            continue  # open relations have no category
        subj, obj = (a.subject.start, a.subject.end), (a.object.start, a.object.end)
        if _overlaps(subj, head) and _overlaps(obj, tail):
            forward = True
        elif _overlaps(subj, tail) and _overlaps(obj, head):
            forward = False
        else:
            continue
        rank = (int(a.is_fact), a.confidence)
        if best is None or rank > best[0]:
            best = (rank, a, forward)
    return None if best is None else (best[1], best[2])


def evaluate_pairs(
    records: Iterable[Mapping[str, Any]],
    *,
    build: Callable[[Sequence[Article]], Iterable[ArticleResult]],
    per_sentence: list[PairScores] | None = None,
    articles: Iterable[Article] | None = None,
) -> PairScores:
    """Score the extraction on labelled sentence pairs (see the module docstring).

    With ``per_sentence``, each sentence's own counts are appended to it as well, in the
    order of ``records`` (for a bootstrap over sentences or articles). With ``articles``
    (corpus inputs holding every record's article), each sentence is scored inside its
    whole article, built once, instead of alone; the record's ``start``/``end`` must be
    where its text stands in the article.

    Raises:
        EvaluationError: An article is not among ``articles``, or a sentence is not where
            its record says.
    """
    records = list(records)
    read: list[tuple[Mapping[str, Any], Sequence[Assertion]]]
    if articles is None:
        alone = [Article(id=f"pair-{i}", text=r["text"]) for i, r in enumerate(records)]
        results = {r.article.id: r for r in build(alone)}
        read = [(rec, results[f"pair-{i}"].assertions) for i, rec in enumerate(records)]
    else:
        read = _read_in_articles(records, articles, build)
    scores = PairScores()
    for rec, assertions in read:
        own = score_pair_record(rec, assertions)
        scores.add(own)
        if per_sentence is not None:
            per_sentence.append(own)
    return scores


def _read_in_articles(
    records: Sequence[Mapping[str, Any]],
    articles: Iterable[Article],
    build: Callable[[Sequence[Article]], Iterable[ArticleResult]],
) -> list[tuple[Mapping[str, Any], Sequence[Assertion]]]:
    """Each record, its mentions placed in its article, with the article's assertions."""
    ids = sorted({str(r["article"]) for r in records})
    located = _locate(ids, articles)
    missing = [i for i in ids if i not in located]
    if missing:
        msg = f"{len(missing)} pair article(s) not found in the inputs: {missing[:5]!r}"
        raise EvaluationError(msg)
    for rec in records:
        text = located[str(rec["article"])].text
        if text[rec["start"] : rec["end"]] != rec["text"]:
            msg = (
                f"sentence {rec['sid']!r} is not at {rec['start']}-{rec['end']} of its article "
                "as read here (another version of the corpus, or another reader)"
            )
            raise EvaluationError(msg)
    results = {r.article.id: r for r in build([located[i] for i in ids])}
    read: list[tuple[Mapping[str, Any], Sequence[Assertion]]] = []
    for rec in records:
        shift = int(rec["start"])
        mentions = [
            {**m, "start": m["start"] + shift, "end": m["end"] + shift} for m in rec["mentions"]
        ]
        assertions = results[located[str(rec["article"])].id].assertions
        read.append(({**rec, "mentions": mentions}, assertions))
    return read


def score_pair_record(rec: Mapping[str, Any], assertions: Sequence[Assertion]) -> PairScores:
    """Score one labelled sentence against the assertions built from its text."""
    scores = PairScores(sentences=1)
    spans = [(m["start"], m["end"]) for m in rec["mentions"]]
    for p in rec["pairs"]:
        scores.pairs += 1
        gold_rel = p["relation"]
        head, tail = spans[p["head"]], spans[p["tail"]]
        found = _predicted(assertions, head, tail)
        gold_cat = RELATIONS[gold_rel].category if gold_rel != "none" else None
        if gold_cat is not None:
            for key in ("all", gold_cat, gold_rel):
                scores.gold[key] += 1
        if found is None:
            continue
        a, forward = found
        cat = RELATIONS[a.relation].category
        for key in ("all", cat, a.relation):
            scores.pred[key] += 1
        if gold_cat is None:
            continue
        if cat == gold_cat:
            scores.correct["all"] += 1
            scores.correct[cat] += 1
            sym = RELATIONS[gold_rel].symmetric or RELATIONS[a.relation].symmetric
            if not sym:
                scores.direction["right" if forward else "wrong"] += 1
            scores.negation["right" if a.negated == p["negated"] else "wrong"] += 1
            scores.modality["right" if a.modality == p["modality"] else "wrong"] += 1
        if a.relation == gold_rel:
            scores.correct[gold_rel] += 1
        if {cat, gold_cat} == {"cooperation", "conflict"}:
            scores.polarity_errors += 1
    return scores


def read_pairs(path: Path) -> list[dict[str, Any]]:
    """Read a pair file (one JSON object a line).

    Raises:
        InputError: A line is not JSON.
    """
    out = []
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                msg = f"not JSON: {exc}"
                raise InputError(msg, path=str(path), line=n) from exc
    return out


# --------------------------------------------------------------------------- tables


def format_article_table(report: Mapping[str, Any]) -> str:
    """Return the per-article table with the macro means as its last row."""
    head = f"{'article':<34} {'ent.R':>5} {'split':>5} {'merge':>5} {'P':>5} {'R':>5} {'F1':>5} "
    head += f"{'forb':>4} {'gold':>4}"
    lines = [head, "-" * len(head)]
    for r in report["articles"]:
        lines.append(
            f"{r['file'][:34]:<34} {r['entity_recall']:5.2f} {r['split']:5d} {r['merged']:5d} "
            f"{r['relation_precision']:5.2f} {r['relation_recall']:5.2f} {r['relation_f1']:5.2f} "
            f"{r['forbidden']:4d} {r['relations_gold']:4d}"
        )
    m = report["macro"]
    lines.append("-" * len(head))
    total = sum(r["relations_gold"] for r in report["articles"])
    lines.append(
        f"{'macro (' + str(len(report['articles'])) + ' articles)':<34} {m['entity_recall']:5.2f} "
        f"{int(m['split']):5d} {int(m['merged']):5d} {m['relation_precision']:5.2f} "
        f"{m['relation_recall']:5.2f} {m['relation_f1']:5.2f} {int(m['forbidden']):4d} {total:4d}"
    )
    cats = report["per_category"]
    lines.append(
        "recall by category: "
        + ", ".join(
            f"{c} {v['recall']:.2f} ({v['found']}/{v['required']})" for c, v in cats.items()
        )
    )
    return "\n".join(lines)


def format_pair_table(scores: Mapping[str, Any]) -> str:
    """Return the pair table: micro scores overall, per category, then per relation."""
    table = scores["scores"]
    head = f"{'relation or category':<26} {'gold':>5} {'pred':>5} {'P':>5} {'R':>5} {'F1':>5}"
    lines = [head, "-" * len(head)]
    order = ["all", *CATEGORIES]
    order += sorted(k for k in table if k not in order)
    for k in order:
        if k not in table:
            continue
        t = table[k]
        name = f"  {k}" if k in RELATIONS else k
        lines.append(
            f"{name:<26} {t['gold']:5d} {t['pred']:5d} {t['precision']:5.2f} {t['recall']:5.2f} "
            f"{t['f1']:5.2f}"
        )

    def pct(v: float | None) -> str:
        return "-" if v is None else f"{v:.2f}"

    lines.append(
        f"{scores['sentences']} sentences, {scores['pairs']} pairs; direction accuracy "
        f"{pct(scores['direction_accuracy'])}, negation {pct(scores['negation_accuracy'])}, "
        f"modality {pct(scores['modality_accuracy'])}; polarity errors "
        f"{scores['polarity_errors']} ({scores['polarity_error_rate']:.1%} of positives)"
    )
    return "\n".join(lines)


def default_scorer() -> Path | None:
    """Return the shared scorer beside the project, if it is there."""
    here = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_graph.py"
    return here if here.is_file() else None
