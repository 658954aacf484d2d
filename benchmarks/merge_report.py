"""Entity resolution report for a built graph: counts, top entities, a merge sample.

Usage: python benchmarks/merge_report.py OUTPUT_DIR [--top 30] [--sample 50] [--seed 1]

Reads OUTPUT_DIR/entities.json (written by ``kg build``) and prints:
- entity counts by type, and how many carry a Wikidata id;
- the most frequently mentioned entities with their alias sets;
- a seeded random sample of merges (a surface form that became an entity whose
  canonical name is different), for checking by hand;
- labels that should never be nodes (pronouns, bare titles, possessives);
- label defects among the --defect-top (500) most mentioned entities: handles
  ("@realDonaldTrump"), photo credits ("AP Photo/Evan Vucci"), bylines ("Reuters Donald
  Trump") and shouted labels ("SENATE") (``kg.resolve.label_defect``);
- merges of a typo: surface forms one edit away from their entity's name ("Kenosa").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import unicodedata
from collections import Counter
from pathlib import Path

from kg.gazetteer import load_gazetteer, one_edit
from kg.resolve import label_defect

BAD_LABELS = {
    "he", "she", "it", "they", "we", "him", "her", "them", "president", "minister",
    "the minister", "the president", "prime minister", "secretary", "leader", "official",
}  # fmt: skip


def _spelling(name: str) -> str:
    """Letters only, without accents or case: "Chávez" and "Chavez" are one spelling."""
    folded = unicodedata.normalize("NFKD", name)
    return re.sub(
        r"[^a-z0-9]", "", "".join(c for c in folded if not unicodedata.combining(c)).lower()
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--sample", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--defect-top", type=int, default=500)
    args = parser.parse_args()
    entities = json.loads((args.out / "entities.json").read_text(encoding="utf-8"))
    types = Counter(e["type"] for e in entities)
    with_qid = sum(1 for e in entities if e["qid"])
    print(f"entities: {len(entities)} ({with_qid} with a Wikidata id)")
    for t, n in types.most_common():
        print(f"  {t:<13} {n}")
    mentions = {e["id"]: sum(e["surface_forms"].values()) for e in entities}
    print(f"\ntop {args.top} by mentions:")
    ranked = sorted(entities, key=lambda e: (-mentions[e["id"]], e["id"]))
    for e in ranked[: args.top]:
        forms = ", ".join(sorted(e["surface_forms"], key=lambda f: -e["surface_forms"][f]))
        print(f"  {mentions[e['id']]:>5}  {e['name']} [{e['type']}, {e['qid'] or '-'}]: {forms}")
    merges = [
        (form, e)
        for e in entities
        for form in sorted(e["surface_forms"])
        if form.casefold() != e["name"].casefold()
    ]
    rng = random.Random(args.seed)
    sample = rng.sample(merges, min(args.sample, len(merges)))
    print(f"\n{len(merges)} merges (surface form != canonical name); a sample of {len(sample)}:")
    for k, (form, e) in enumerate(sorted(sample, key=lambda fe: (fe[1]["name"], fe[0])), 1):
        print(f"  {k:>2}. {form!r:40} -> {e['name']} [{e['type']}, {e['qid'] or '-'}]")
    bad = [
        e["name"]
        for e in entities
        if e["name"].casefold() in BAD_LABELS or e["name"].endswith(("'s", "’s"))
    ]
    print(f"\nlabels that should not be nodes: {len(bad)} {bad[:20]}")
    defects = [
        (label_defect(e["name"]), e["name"])
        for e in ranked[: args.defect_top]
        if label_defect(e["name"])
    ]
    print(f"\nlabel defects among the top {args.defect_top}: {len(defects)}")
    for kind, name in defects[:30]:
        print(f"  {kind:<13} {name!r}")
    gaz = load_gazetteer()
    typos = [
        (form, e["name"])
        for form, e in merges
        if one_edit(_spelling(form), _spelling(e["name"])) and gaz.demonym(form) is None
    ]
    print(f"\ntypo merges (one edit from the name): {len(typos)}")
    for form, name in typos[:30]:
        print(f"  {form!r:40} -> {name}")


if __name__ == "__main__":
    main()
