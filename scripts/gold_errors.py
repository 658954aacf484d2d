r"""The most frequent error types of an extractor on the article gold, with an example each.

Reads the JSON that ``kg evaluate --json`` writes (each article's missed required relations
and false-positive edges, as the shared scorer names them with the gold ids) and the gold
files, and sorts every error into a type:

- a **missed** required relation (by its category): the actor has no node at all; the pair
  has an edge of another category; the edge points the other way; or nothing joins the pair
  (with ``--oracle``, the report of an extractor that states every category between every
  candidate pair, split into "never named in one sentence" and "named together, read as
  none");
- a **false** edge (by its category): cooperation read as conflict or back (polarity);
  another category than the gold's between the pair; the gold's relation reversed; or a pair
  the gold does not relate at all.

With ``--kept`` (the folder of ``kg evaluate --keep``), a false or forbidden edge's example
also quotes the sentence kg read it from, its relation, rule and confidence.

Usage::

    kg evaluate benchmarks/gold/articles -a ... --extractor hybrid --json out.json \
        --keep kept/
    python scripts/gold_errors.py out.json [--gold benchmarks/gold/articles] [--top 10] \
        [--kept kept/]
"""

from __future__ import annotations

import argparse
import ast
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
POLAR = {"cooperation": "conflict", "conflict": "cooperation"}
DIRECTED = {"conflict", "affiliation", "location"}
_ITEM = r"(\[[^\]]*\]|\S+)"
MISSED = re.compile(rf"^{_ITEM} {_ITEM} {_ITEM}: (.*)$", re.S)


def ids(text: str) -> list[str]:
    """Return the ids of a scorer field: ``US`` or ``['House', 'Congress']``."""
    return [str(x) for x in ast.literal_eval(text)] if text.startswith("[") else [text]


def relations_of(gold: dict[str, Any]) -> list[tuple[set[str], set[str], set[str], bool]]:
    """Return (subjects, categories, objects, symmetric) of required and acceptable relations."""
    out = []
    for rel in gold.get("relations", []) + gold.get("acceptable", []):
        as_set = [{r} if isinstance(r, str) else set(r) for r in (rel["s"], rel["c"], rel["o"])]
        out.append((as_set[0], as_set[1], as_set[2], bool(rel.get("sym"))))
    return out


def kept_assertions(folder: Path | None) -> list[dict[str, Any]]:
    """Read the ``assertions.jsonl`` of a kept article (``kg evaluate --keep``), once."""
    file = folder / "assertions.jsonl" if folder is not None else None
    if file is None or not file.is_file():
        return []
    return [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines()]


def evidence(edge: str, names: dict[str, set[str]], assertions: list[dict[str, Any]]) -> str:
    """Quote the assertion behind a scorer edge ``"<s> <c> <o>"`` among a kept article's.

    The gold ids are matched by ``names`` (the gold's lower-cased names of each actor, see
    :func:`gold_names`) against the assertion's canonical name and its mention text, in
    either direction; ``""`` when nothing matches.
    """
    s, c, o = edge.split(" ")

    def named(side: dict[str, Any], gid: str) -> bool:
        known = names.get(gid, {gid.lower()})
        said = {str(side.get("name", "")).lower(), str(side.get("text", "")).lower()}
        return bool(said & known)

    for a in assertions:
        if a.get("category") != c:
            continue
        subj, obj = a["subject"], a["object"]
        if (named(subj, s) and named(obj, o)) or (named(subj, o) and named(obj, s)):
            sentence = " ".join(str(a.get("sentence", "")).split())
            return (
                f" — {subj['name']} {a['relation']} {obj['name']} ({a.get('rule')}, "
                f'{a.get("confidence")}): "{sentence[:220]}"'
            )
    return ""


def gold_names(gold: dict[str, Any]) -> dict[str, set[str]]:
    """Each gold actor's id and names, lower-cased, by id."""
    return {
        ent["id"]: {n.lower() for n in [ent["id"], *ent.get("names", [])]}
        for ent in gold.get("entities", [])
    }


def classify(
    report: dict[str, Any],
    gold_dir: Path,
    oracle: dict[str, Any] | None = None,
    kept: Path | None = None,
) -> tuple[Counter[str], dict[str, str]]:
    """Return the count of each error type and one example of each.

    ``kept``: the folder of ``kg evaluate --keep``; a false or forbidden edge's example then
    quotes its evidence (the first such edge whose evidence is found).
    """
    reachable: set[tuple[str, str]] | None = None
    if oracle is not None:
        reachable = set()
        found_by_article = {
            r["article"]: set(r.get("missing_relations", [])) for r in oracle["articles"]
        }
        for row in report["articles"]:
            for miss in row.get("missing_relations", []):
                if miss not in found_by_article.get(row["article"], set()):
                    reachable.add((row["article"], miss))
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}

    quoted: set[str] = set()

    def add(kind: str, example: str, quote: str = "") -> None:
        counts[kind] += 1
        if kind not in examples or (quote and kind not in quoted):
            examples[kind] = example + quote
            if quote:
                quoted.add(kind)

    for row in report["articles"]:
        gold = json.loads((gold_dir / row["file"]).read_text(encoding="utf-8"))
        rels = relations_of(gold)
        said = kept_assertions(kept / Path(row["file"]).stem if kept is not None else None)
        names = gold_names(gold) if said else {}
        edges: dict[frozenset[str], set[tuple[str, str, str]]] = defaultdict(set)
        for fp in row.get("false_positives", []):
            s, c, o = fp.split(" ")
            edges[frozenset((s, o))].add((s, c, o))
        missing_actors = set(row.get("missing_entities", []))
        for miss in row.get("missing_relations", []):
            m = MISSED.match(miss)
            if m is None:
                continue
            subj, cats, obj = ids(m[1]), ids(m[2]), ids(m[3])
            cat = "/".join(cats)
            where = f"{row['article']}: {miss[:160]}"
            if all(s in missing_actors for s in subj) or all(o in missing_actors for o in obj):
                add(f"missed {cat}: an actor has no node", where)
                continue
            near = [e for s in subj for o in obj for e in edges.get(frozenset((s, o)), ())]
            if any(c in cats and (e_s in obj) for e_s, c, _ in near):
                add(f"missed {cat}: the edge points the other way", where)
            elif near:
                add(f"missed {cat}: another category between the pair", where)
            elif reachable is None:
                add(f"missed {cat}: nothing joins the pair", where)
            elif (row["article"], miss) in reachable:
                add(f"missed {cat}: named together in a sentence, read as none", where)
            else:
                add(f"missed {cat}: never named together in one sentence", where)
        for fp in row.get("false_positives", []):
            s, c, o = fp.split(" ")
            related = [
                (subj, cats, obj, sym)
                for subj, cats, obj, sym in rels
                if (s in subj and o in obj) or (o in subj and s in obj)
            ]
            where = f"{row['article']}: {fp}"
            quote = evidence(fp, names, said)
            if not related:
                add(f"false {c}: a pair the gold does not relate", where, quote)
            elif any(POLAR.get(c) in cats for _, cats, _, _ in related):
                add(f"false {c}: polarity (cooperation and conflict swapped)", where, quote)
            elif any(c in cats for _, cats, _, _ in related):
                add(f"false {c}: the gold relation reversed", where, quote)
            else:
                add(f"false {c}: another category than the gold's", where, quote)
        forbidden = "forbidden relation stated (negated, hypothetical, inverted)"
        for edge in row.get("forbidden_edges", []):
            quote = evidence(edge, names, said)
            add(forbidden, f"{row['article']}: {edge}", quote)
        if row.get("forbidden") and not row.get("forbidden_edges"):  # an older report
            counts[forbidden] += int(row["forbidden"])
            examples.setdefault(forbidden, row["article"])
    return counts, examples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path, help="the JSON of kg evaluate --json")
    parser.add_argument("--gold", type=Path, default=PROJECT / "benchmarks/gold/articles")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--oracle", type=Path, default=None, help="report of the pair oracle")
    parser.add_argument(
        "--kept", type=Path, default=None, help="the folder of kg evaluate --keep (evidence)"
    )
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text(encoding="utf-8"))
    oracle = json.loads(args.oracle.read_text(encoding="utf-8")) if args.oracle else None
    counts, examples = classify(report, args.gold, oracle, args.kept)
    total = sum(counts.values())
    print(f"{total} errors over {len(report['articles'])} articles")
    print("| # | error type | count | example |\n|---|---|---|---|")
    for n, (kind, count) in enumerate(counts.most_common(args.top), start=1):
        example = examples[kind].replace("|", "/").replace("\n", " ")
        print(f"| {n} | {kind} | {count} | {example} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
