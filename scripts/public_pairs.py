"""Convert public relation benchmarks into kg's sentence-pair format.

The output is the pair format of ``benchmarks/gold/ANNOTATION.md`` section 5 (one
sentence a line, ``mentions`` with offsets into the sentence, every unordered pair of
mentions once, ``none`` for the unlabelled ones), with one addition: each mention has a
``label`` (``PERSON``, ``ORG``, ``GPE``, ``NORP``, ``LOC``), the entity type the relation
model's markers show. Only relations that map cleanly onto kg's ontology are kept; a pair
whose benchmark relation has no clean kg relation is ``none`` (the model must learn that
"X named Y" or "X's election in Y" are no relation of the ontology).

Mappings (head and tail keep the benchmark's direction):

- CoNLL04: ``Work_For`` -> worksFor, ``Kill`` -> attacks, ``OrgBased_In`` -> basedIn,
  ``Located_In`` -> locatedIn, ``Live_In`` -> locatedIn. Mentions: ``Peop`` PERSON, ``Org``
  ORG, ``Loc`` GPE (``Other``, dates and such, are not actors and are left out).
- CrossRE (news, news-ext, politics): ``role`` -> holdsPosition, ``general-affiliation`` ->
  memberOf, ``physical`` -> locatedIn, ``part-of`` -> partOf, ``opposite`` -> opposes.
  Mentions: person and politician PERSON, organisation ORG, politicalparty ORG, country
  GPE, location LOC, misc NORP (CrossRE's misc is mostly demonyms, "German", "British");
  election, event and the rest are not actors.
- PETRARCH2 (the unit-test records whose source and target are both real countries, as
  ``benchmarks/evaluate.py`` keeps them): the sentence is parsed with kg's mention step,
  each mention mapped to a country through the gazetteer, and the pair of mentions of
  the coded source and target gets the relation of the CAMEO code (:data:`CAMEO`). Codes
  01, 03 and 09 (statements, intentions, investigations) map to no relation cleanly: a
  record with one is dropped whole, since its pair is neither a relation nor a clean
  ``none``. The records have no split: a stable hash of the sentence id puts two thirds
  in ``train`` and one third in ``dev``.

Usage::

    .venv/bin/python scripts/public_pairs.py --shared ../shared -o ~/.cache/kg-train/pairs
    # writes conll04-{train,dev}.jsonl, crossre-{train,dev}.jsonl, petrarch2-{train,dev}.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = PROJECT.parent / "shared"
# Outside the project: the research-use texts of the benchmarks are never committed.
DEFAULT_OUT = Path.home() / ".cache" / "kg-train" / "pairs"

CONLL04_RELATIONS = {
    "Work_For": "worksFor",
    "Kill": "attacks",
    "OrgBased_In": "basedIn",
    "Located_In": "locatedIn",
    "Live_In": "locatedIn",
}
CONLL04_LABELS = {"Peop": "PERSON", "Org": "ORG", "Loc": "GPE"}
CROSSRE_RELATIONS = {
    "role": "holdsPosition",
    "general-affiliation": "memberOf",
    "physical": "locatedIn",
    "part-of": "partOf",
    "opposite": "opposes",
}
CROSSRE_LABELS = {
    "person": "PERSON",
    "politician": "PERSON",
    "organisation": "ORG",
    "politicalparty": "ORG",
    "country": "GPE",
    "location": "LOC",
    "misc": "NORP",
}
CROSSRE_FILES = {
    "train": ("news-train.json", "news-ext-train.json", "politics-train.json"),
    "dev": ("news-dev.json", "politics-dev.json"),
}
# CAMEO code prefix -> kg relation (longest prefix wins); ``~`` reverses the direction.
CAMEO = {
    "02": "urges",
    "040": "talksWith",
    "041": "talksWith",
    "042": "visits",
    "043": "~visits",
    "044": "meetsWith",
    "045": "talksWith",
    "046": "negotiatesWith",
    "05": "cooperatesWith",
    "051": "praises",
    "057": "agreesWith",
    "06": "cooperatesWith",
    "07": "aids",
    "08": "concedesTo",
    "10": "demandsFrom",
    "11": "criticizes",
    "112": "accuses",
    "12": "rejects",
    "13": "threatens",
    "14": "protestsAgainst",
    "15": "mobilizesAgainst",
    "16": "sanctions",
    "17": "pressures",
    "18": "attacks",
    "19": "fightsWith",
    "20": "attacks",
}


def token_offsets(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with single spaces (as benchmarks/evaluate.py does)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return " ".join(tokens), spans


def make_record(
    corpus: str,
    sid: str,
    text: str,
    mentions: list[tuple[int, int, str]],
    relations: dict[tuple[int, int], str],
    split: str,
) -> dict[str, Any]:
    """Return one pair-format line: every unordered pair once, ``none`` where unlabelled.

    ``relations`` maps (head, tail) mention indices to a kg relation.
    """
    from kg.ontology import relation as ontology_relation

    order = sorted(range(len(mentions)), key=lambda i: (mentions[i][0], mentions[i][1]))
    remap = {old: new for new, old in enumerate(order)}
    ments = [mentions[i] for i in order]
    rels = {(remap[h], remap[t]): r for (h, t), r in relations.items()}
    pairs: list[dict[str, Any]] = []
    for a in range(len(ments)):
        for b in range(a + 1, len(ments)):
            if rels.get((a, b)) is not None:
                head, tail, rel = a, b, rels[(a, b)]
            elif rels.get((b, a)) is not None:
                head, tail, rel = b, a, rels[(b, a)]
            else:
                head, tail, rel = a, b, "none"
            if rel != "none" and ontology_relation(rel).symmetric:
                head, tail = a, b
            pairs.append(
                {
                    "head": head,
                    "tail": tail,
                    "relation": rel,
                    "category": None if rel == "none" else ontology_relation(rel).category,
                    "negated": False,
                    "modality": "asserted",
                    "speaker": None,
                }
            )
    return {
        "corpus": corpus,
        "article": sid.rsplit("#", 1)[0],
        "sid": sid,
        "text": text,
        "mentions": [
            {"start": s, "end": e, "text": text[s:e], "entity": None, "label": label}
            for s, e, label in ments
        ],
        "pairs": pairs,
        "annotator": corpus,
        "split": split,
    }


def conll04(shared: Path, split: str) -> Iterable[dict[str, Any]]:
    """Yield the CoNLL04 ``split`` (train or dev) as pair records."""
    path = shared / "benchmarks" / "conll04" / f"{split}.json"
    for n, rec in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        text, spans = token_offsets(rec["tokens"])
        keep: dict[int, int] = {}
        mentions: list[tuple[int, int, str]] = []
        for k, ent in enumerate(rec["entities"]):
            label = CONLL04_LABELS.get(ent["type"])
            if label is None:
                continue
            keep[k] = len(mentions)
            mentions.append((spans[ent["start"]][0], spans[ent["end"] - 1][1], label))
        rels: dict[tuple[int, int], str] = {}
        for rel in rec["relations"]:
            kg_rel = CONLL04_RELATIONS.get(rel["type"])
            if kg_rel and rel["head"] in keep and rel["tail"] in keep:
                rels[(keep[rel["head"]], keep[rel["tail"]])] = kg_rel
        if len(mentions) >= 2:
            yield make_record("conll04", f"conll04-{split}#{n}", text, mentions, rels, split)


def crossre(shared: Path, split: str) -> Iterable[dict[str, Any]]:
    """Yield the CrossRE news and politics ``split`` as pair records."""
    for name in CROSSRE_FILES[split]:
        path = shared / "benchmarks" / "crossre" / name
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if not line.strip():
                    continue
                rec = json.loads(line)
                text, spans = token_offsets(rec["sentence"])
                index: dict[tuple[int, int], int] = {}
                mentions: list[tuple[int, int, str]] = []
                for s, e, typ in rec["ner"]:
                    label = CROSSRE_LABELS.get(typ)
                    if label is None:
                        continue
                    index[(s, e)] = len(mentions)
                    mentions.append((spans[s][0], spans[e][1], label))
                rels: dict[tuple[int, int], str] = {}
                for hs, he, ts, te, lab, *_ in rec["relations"]:
                    kg_rel = CROSSRE_RELATIONS.get(lab)
                    h, t = index.get((hs, he)), index.get((ts, te))
                    if kg_rel and h is not None and t is not None and h != t:
                        rels[(h, t)] = kg_rel
                if len(mentions) >= 2:
                    sid = f"crossre-{name.removesuffix('.json')}#{n}"
                    yield make_record("crossre", sid, text, mentions, rels, split)


def cameo_relation(code: str) -> tuple[str, bool] | None:
    """Return (relation, reversed) for a CAMEO event code, or ``None``.

    Example:
        >>> cameo_relation("1123"), cameo_relation("043"), cameo_relation("030")
        (('accuses', False), ('visits', True), None)
    """
    for k in range(len(code), 1, -1):
        found = CAMEO.get(code[:k])
        if found is not None:
            return found.lstrip("~"), found.startswith("~")
    return None


def petrarch(shared: Path) -> Iterable[dict[str, Any]]:
    """Yield the real-country PETRARCH2 records as pair records (train and dev)."""
    sys.path.insert(0, str(PROJECT / "benchmarks"))
    import evaluate

    from kg.extract.mentions import find_mentions
    from kg.gazetteer import load_gazetteer
    from kg.nlp import load_pipeline

    iso3, _ = evaluate.iso3_codes(shared)
    ds = evaluate.read_petrarch(shared / "benchmarks" / "petrarch2", iso3)
    gaz = load_gazetteer()
    nlp = load_pipeline()

    def code_of(text: str) -> str | None:
        entry = gaz.lookup(text) or gaz.demonym(text)
        if entry is None:
            return None
        if entry.type == "Country":
            return entry.iso3.upper() if entry.iso3 else None
        state = gaz.get(entry.country) if entry.country else None
        return state.iso3.upper() if state is not None and state.iso3 else None

    for ex in ds.examples:
        doc = nlp(ex.text)
        found = find_mentions(doc)
        mentions = [(m.start, m.end, m.label) for m in found]
        codes = [code_of(m.text) for m in found]
        rels: dict[tuple[int, int], str] = {}
        unclear = False
        for g in ex.golds:
            mapped = cameo_relation(g.label)
            if mapped is None:
                unclear = True
                continue
            rel, rev = mapped
            src, tgt = (g.tail, g.head) if rev else (g.head, g.tail)
            for h, hc in enumerate(codes):
                for t, tc in enumerate(codes):
                    if h != t and hc == src and tc == tgt:
                        rels[(h, t)] = rel
        if unclear or not rels or len(mentions) < 2:
            continue
        digest = hashlib.sha256(ex.id.encode()).digest()[0]
        split = "dev" if digest % 3 == 0 else "train"
        yield make_record("petrarch2", f"{ex.id}#0", ex.text, mentions, rels, split)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the converted sets; print how many sentences and pairs each has."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--dataset", choices=["conll04", "crossre", "petrarch2", "all"], default="all"
    )
    args = parser.parse_args(argv)
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    args.out.mkdir(parents=True, exist_ok=True)
    sets: dict[str, list[dict[str, Any]]] = {}
    if args.dataset in ("conll04", "all"):
        for split in ("train", "dev"):
            sets[f"conll04-{split}"] = list(conll04(args.shared, split))
    if args.dataset in ("crossre", "all"):
        for split in ("train", "dev"):
            sets[f"crossre-{split}"] = list(crossre(args.shared, split))
    if args.dataset in ("petrarch2", "all"):
        records = list(petrarch(args.shared))
        for split in ("train", "dev"):
            sets[f"petrarch2-{split}"] = [r for r in records if r["split"] == split]
    for name, records in sets.items():
        path = args.out / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        rels = Counter(p["relation"] for r in records for p in r["pairs"])
        positives = sum(n for k, n in rels.items() if k != "none")
        top = ", ".join(f"{k} {n}" for k, n in rels.most_common() if k != "none")
        print(
            f"{path}: {len(records)} sentences, {sum(rels.values())} pairs, "
            f"{positives} relations ({top})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
