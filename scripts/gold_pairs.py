"""Build the pair files from the annotators' compact answers, and measure agreement.

Run from the project root after ``scripts/gold_draw.py``::

    .venv/bin/python scripts/gold_pairs.py build [--work .gold-work] [--round 8]
    .venv/bin/python scripts/gold_pairs.py agree FIRST_DIR SECOND_DIR [--json OUT]

``build`` reads ``<work>/pairs/sentences.json`` (offsets, corpus, split) and every
``<work>/pairs/answers/batch-NN.jsonl`` (an annotator's mentions and relations for a batch, in
the compact form of ``benchmarks/gold/prompts/pairs.md``), expands each sentence to the full pair
format of ``benchmarks/gold/ANNOTATION.md`` (every unordered pair of mentions, ``none`` where no
relation was given) and writes ``benchmarks/gold/pairs/train.jsonl`` and ``dev.jsonl``. Where an
adjudicated answer exists (``<work>/pairs/adjudicated/batch-NN.jsonl``, same form, only the
sentences that were read twice) it replaces the first reading. ``build --round 8`` builds a
later dev round alone (``sentences-8.json``) into its own file, ``dev2.jsonl``.

``agree`` compares two readings of the same sentences: Cohen's kappa on the pair labels (over
pairs whose two mentions both readings kept, by category and by relation), mention F1, and the
disagreements, for the guidelines.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from kg.gold import check_pair_line  # noqa: E402
from kg.ontology import RELATIONS  # noqa: E402

OUT = PROJECT / "benchmarks" / "gold" / "pairs"
MODALITY_ALIASES = {"assert": "asserted", "report": "reported", "intend": "intended"}


def _find(text: str, needle: str, near: int) -> int | None:
    """Return the start of the occurrence of ``needle`` in ``text`` nearest ``near``."""
    starts = []
    i = text.find(needle)
    while i >= 0:
        starts.append(i)
        i = text.find(needle, i + 1)
    return min(starts, key=lambda s: abs(s - near)) if starts else None


def _nth(text: str, needle: str, occ: int) -> int | None:
    i = -1
    for _ in range(occ + 1):
        i = text.find(needle, i + 1)
        if i < 0:
            return None
    return i


def expand(
    sentence: dict[str, Any], answer: dict[str, Any], problems: list[str]
) -> tuple[list[dict[str, Any]], dict[tuple[int, int], dict[str, Any]]]:
    """Return the final mentions and the labelled pairs (by mention index) of one answer."""
    text = sentence["text"]
    sid = sentence["sid"]
    by_id: dict[str, tuple[int, int]] = {}
    dropped = set(answer.get("drop", []))
    fixes = {f["id"]: f["text"] for f in answer.get("fix", []) if "id" in f and "text" in f}
    for m in sentence["suggested"]:
        if m["id"] in dropped:
            continue
        start, end = m["start"], m["end"]
        if m["id"] in fixes:
            new = fixes[m["id"]]
            at = _find(text, new, start)
            if at is None:
                problems.append(f"{sid}: fix {m['id']} -> {new!r} is not in the sentence")
                continue
            start, end = at, at + len(new)
        by_id[m["id"]] = (start, end)
    for a in answer.get("add", []):
        at = _nth(text, a.get("text", ""), int(a.get("occ", 0))) if a.get("text") else None
        if at is None:
            problems.append(f"{sid}: added {a.get('text')!r} (occ {a.get('occ')}) not found")
            continue
        by_id[a["id"]] = (at, at + len(a["text"]))
    spans = sorted(set(by_id.values()))
    index = {span: i for i, span in enumerate(spans)}
    mentions = [{"start": s, "end": e, "text": text[s:e], "entity": None} for s, e in spans]
    pairs: dict[tuple[int, int], dict[str, Any]] = {}
    for r in answer.get("rels", []):
        h, t, rel = r.get("h"), r.get("t"), r.get("r")
        if h not in by_id or t not in by_id:
            problems.append(f"{sid}: relation {h}->{t} names a mention that is not kept")
            continue
        if rel not in RELATIONS:
            problems.append(f"{sid}: unknown relation {rel!r}")
            continue
        hi, ti = index[by_id[h]], index[by_id[t]]
        if hi == ti:
            problems.append(f"{sid}: relation {h}->{t} joins a mention to itself")
            continue
        key = (min(hi, ti), max(hi, ti))
        if key in pairs:
            problems.append(f"{sid}: pair {h}/{t} labelled twice; the first kept")
            continue
        mod = r.get("mod", "asserted")
        mod = MODALITY_ALIASES.get(mod, mod)
        spk = r.get("spk")
        pairs[key] = {
            "head": hi,
            "tail": ti,
            "relation": rel,
            "category": RELATIONS[rel].category,
            "negated": bool(r.get("neg", False)),
            "modality": mod,
            "speaker": index[by_id[spk]] if spk in by_id else None,
        }
    return mentions, pairs


def full_record(
    sentence: dict[str, Any], answer: dict[str, Any], annotator: str, problems: list[str]
) -> dict[str, Any]:
    """Return one line of the pair file for a sentence and its answer."""
    raw = sentence["text"]
    text = raw.rstrip()
    sentence = {**sentence, "text": text}
    mentions, labelled = expand(sentence, answer, problems)
    pairs = []
    for i in range(len(mentions)):
        for j in range(i + 1, len(mentions)):
            pairs.append(
                labelled.get(
                    (i, j),
                    {
                        "head": i,
                        "tail": j,
                        "relation": "none",
                        "category": None,
                        "negated": False,
                        "modality": "asserted",
                        "speaker": None,
                    },
                )
            )
    return {
        "corpus": sentence["corpus"],
        "article": sentence["article"],
        "sid": sentence["sid"],
        "start": sentence["start"],
        "end": sentence["start"] + len(text),
        "text": text,
        "mentions": mentions,
        "pairs": pairs,
        "annotator": annotator,
        "split": sentence["split"],
    }


def read_answers(
    folder: Path, batches: Path | None = None
) -> dict[str, tuple[dict[str, Any], str]]:
    """Return answer lines by sentence id, with the batch they came from.

    With ``batches`` (the folder of the batch files), an answer file that does not answer its
    whole batch, in order, is left out and said so: a batch still being annotated.
    """
    out: dict[str, tuple[dict[str, Any], str]] = {}
    for path in sorted(folder.glob("batch-*.jsonl")):
        answers = [
            json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()
        ]
        if batches is not None:
            asked = [json.loads(x)["sid"] for x in (batches / path.name).read_text().splitlines()]
            if [a["sid"] for a in answers] != asked:
                print(f"skipped: {path} does not answer its whole batch")
                continue
        for a in answers:
            out[a["sid"]] = (a, path.stem)
    return out


ANNOTATORS = {**dict.fromkeys(range(0, 5), "P1"), **dict.fromkeys(range(5, 10), "P2")}
ANNOTATORS |= {**dict.fromkeys(range(10, 14), "P3"), **dict.fromkeys(range(14, 18), "P4")}
ANNOTATORS |= dict.fromkeys(range(18, 22), "P5")
# the second round (``gold_draw.py --round 2``, train only): five more annotators
ANNOTATORS |= {**dict.fromkeys((22, 23), "P6"), **dict.fromkeys((24, 25), "P7")}
ANNOTATORS |= {**dict.fromkeys((26, 27), "P8"), **dict.fromkeys((28, 29), "P9")}
ANNOTATORS |= dict.fromkeys((30, 31, 32), "P10")
# the third round (``gold_draw.py --round 3``, train only): eight more, two batches each
ANNOTATORS |= {33 + k: f"P{11 + k // 2}" for k in range(16)}
# the fourth round (``gold_draw.py --round 4``, train only): eight more, two or three batches
ANNOTATORS |= {49 + k: f"P{19 + k // 3}" for k in range(9)}
ANNOTATORS |= {58 + k: f"P{22 + k // 2}" for k in range(10)}
# the fifth round (``gold_draw.py --round 5``, train only): eight more, as in the fourth
ANNOTATORS |= {68 + k: f"P{27 + k // 3}" for k in range(9)}
ANNOTATORS |= {77 + k: f"P{30 + k // 2}" for k in range(10)}
# the sixth round (``gold_draw.py --round 6``, train only): seven, three batches or two
ANNOTATORS |= {87 + k: f"P{35 + k // 3}" for k in range(15)}
ANNOTATORS |= {102 + k: f"P{40 + k // 2}" for k in range(4)}
# the seventh round (``gold_draw.py --round 7``, drawn like whole articles): seven more
ANNOTATORS |= {106 + k: f"P{42 + k // 3}" for k in range(15)}
ANNOTATORS |= {121 + k: f"P{47 + k // 2}" for k in range(4)}
# the eighth round (``gold_draw.py --round 8``, the second dev set): eight; P56 two batches
ANNOTATORS |= {125 + k: f"P{49 + min(k, 7)}" for k in range(9)}
# the ninth round (``gold_draw.py --round 9``, train, built with ``build --round 9``): seven,
# two batches each but P62 (one); P64 read 60 of its sentences a second time
ANNOTATORS |= {134 + k: f"P{57 + k // 2}" for k in range(10)}
ANNOTATORS |= {144: "P62", 145: "P63", 146: "P63"}
SENTENCE_FILES = ("sentences.json", *(f"sentences-{n}.json" for n in range(2, 8)))


# rounds drawn for dev after the first (``gold_draw.py --round 8``): a pair file of their own
DEV_ROUND_FILES = {8: "dev2.jsonl"}
# train rounds drawn after the working files of rounds 1-7 were lost with a machine: built
# into the committed ``train.jsonl`` in place (that round's earlier records replaced)
TRAIN_ROUNDS = frozenset({9})


def build(work: Path, round_: int | None = None) -> int:
    """Write the pair files; print counts and problems.

    Without ``round_``: ``train.jsonl`` and ``dev.jsonl`` from rounds 1-7. With a dev round
    (:data:`DEV_ROUND_FILES`): that round's file alone, from its sentences and answers. With a
    train round (:data:`TRAIN_ROUNDS`): its records go into the committed ``train.jsonl``,
    replacing that round's earlier ones and keeping every other record as it is.
    """
    names = (f"sentences-{round_}.json",) if round_ else SENTENCE_FILES
    sentences = {
        s["sid"]: s
        for name in names
        if (work / "pairs" / name).exists()
        for s in json.loads((work / "pairs" / name).read_text())
    }
    answers = read_answers(work / "pairs" / "answers", work / "pairs")
    adjudicated = read_answers(work / "pairs" / "adjudicated")
    problems: list[str] = []
    records = []
    for sid, (answer, batch) in answers.items():
        if sid not in sentences:
            continue
        who = ANNOTATORS.get(int(batch.split("-")[1]), batch)
        if sid in adjudicated:
            answer, who = adjudicated[sid][0], f"{who}+adjudicated"
        records.append(full_record(sentences[sid], answer, who, problems))
    records.sort(key=lambda r: (r["corpus"], r["article"], r["start"]))
    OUT.mkdir(parents=True, exist_ok=True)
    files = {"train": "train.jsonl", "dev": "dev.jsonl"}
    if round_ in TRAIN_ROUNDS:
        tag = f"#r{round_}-"
        kept = [
            json.loads(line)
            for line in (OUT / "train.jsonl").read_text(encoding="utf-8").splitlines()
            if tag not in json.loads(line)["sid"]
        ]
        print(f"{len(kept)} sentences of the other rounds kept")
        records = sorted(
            [*kept, *(r for r in records if r["split"] == "train")],
            key=lambda r: (r["corpus"], r["article"], r["start"]),
        )
        files = {"train": "train.jsonl"}
    elif round_:
        files = {"dev": DEV_ROUND_FILES[round_]}
    counts: Counter[str] = Counter()
    for split, name in files.items():
        with (OUT / name).open("w", encoding="utf-8") as f:
            for r in records:
                if r["split"] == split:
                    problems.extend(check_pair_line(r, r["sid"]))
                    f.write(json.dumps(r, ensure_ascii=False) + "\n")
                    counts[f"{split} sentences"] += 1
                    counts[f"{split} pairs"] += len(r["pairs"])
                    for p in r["pairs"]:
                        counts[f"{split} {p['category'] or 'none'}"] += 1
    for p in problems:
        print("problem:", p)
    for k in sorted(counts):
        print(f"{counts[k]:6d}  {k}")
    train_articles = {(r["corpus"], r["article"]) for r in records if r["split"] == "train"}
    dev_articles = {(r["corpus"], r["article"]) for r in records if r["split"] == "dev"}
    print(
        f"articles: train {len(train_articles)}, dev {len(dev_articles)}, "
        f"shared {len(train_articles & dev_articles)}"
    )
    return 0


def _labels(record: dict[str, Any]) -> dict[tuple[tuple[int, int], tuple[int, int]], str]:
    spans = [(m["start"], m["end"]) for m in record["mentions"]]
    out = {}
    for p in record["pairs"]:
        a, b = spans[p["head"]], spans[p["tail"]]
        out[(min(a, b), max(a, b))] = p["relation"]
    return out


def kappa(pairs: list[tuple[str, str]]) -> float:
    """Return Cohen's kappa of two label sequences."""
    n = len(pairs)
    if not n:
        return float("nan")
    agree = sum(a == b for a, b in pairs) / n
    ca = Counter(a for a, _ in pairs)
    cb = Counter(b for _, b in pairs)
    chance = sum(ca[k] * cb[k] for k in ca) / (n * n)
    return (agree - chance) / (1 - chance) if chance < 1 else 1.0


def agree(first: Path, second: Path, work: Path, out: Path | None) -> int:
    """Print agreement between two readings of the same sentences."""
    sentences = {
        s["sid"]: s
        for name in (
            *SENTENCE_FILES,
            *(f"sentences-{n}.json" for n in (*DEV_ROUND_FILES, *TRAIN_ROUNDS)),
        )
        if (work / "pairs" / name).exists()
        for s in json.loads((work / "pairs" / name).read_text())
    }
    a_answers, b_answers = read_answers(first), read_answers(second)
    common = sorted(set(a_answers) & set(b_answers))
    problems: list[str] = []
    rel_pairs: list[tuple[str, str]] = []
    m_both = m_a = m_b = 0
    disagreements = []
    for sid in common:
        ra = full_record(sentences[sid], a_answers[sid][0], "a", problems)
        rb = full_record(sentences[sid], b_answers[sid][0], "b", problems)
        sa = {(m["start"], m["end"]) for m in ra["mentions"]}
        sb = {(m["start"], m["end"]) for m in rb["mentions"]}
        m_both += len(sa & sb)
        m_a += len(sa)
        m_b += len(sb)
        la, lb = _labels(ra), _labels(rb)
        for key in sorted(set(la) & set(lb)):
            rel_pairs.append((la[key], lb[key]))
            if la[key] != lb[key]:
                text = ra["text"]
                disagreements.append(
                    f"{sid}: {text[key[0][0] : key[0][1]]!r} / {text[key[1][0] : key[1][1]]!r}: "
                    f"{la[key]} vs {lb[key]}"
                )

    def cat(label: str) -> str:
        return RELATIONS[label].category if label in RELATIONS else "none"

    result: dict[str, Any] = {
        "sentences": len(common),
        "pairs_compared": len(rel_pairs),
        "mention_f1": round(2 * m_both / (m_a + m_b), 3) if m_a + m_b else None,
        "kappa_relation": round(kappa(rel_pairs), 3),
        "kappa_category": round(kappa([(cat(a), cat(b)) for a, b in rel_pairs]), 3),
        "kappa_positive_vs_none": round(
            kappa([(str(a != "none"), str(b != "none")) for a, b in rel_pairs]), 3
        ),
        "per_category": {},
    }
    for c in ("cooperation", "conflict", "communication", "affiliation", "location"):
        binary = [(str(cat(a) == c), str(cat(b) == c)) for a, b in rel_pairs]
        result["per_category"][c] = {
            "kappa": round(kappa(binary), 3),
            "first": sum(cat(a) == c for a, _ in rel_pairs),
            "second": sum(cat(b) == c for _, b in rel_pairs),
        }
    result["disagreements"] = disagreements
    print(json.dumps({k: v for k, v in result.items() if k != "disagreements"}, indent=1))
    print(f"{len(disagreements)} disagreements")
    if out:
        out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=PROJECT / ".gold-work")
    sub = parser.add_subparsers(dest="cmd", required=True)
    bd = sub.add_parser("build")
    bd.add_argument(
        "--round",
        type=int,
        choices=sorted({*DEV_ROUND_FILES, *TRAIN_ROUNDS}),
        help="build a later dev round's file, or a later train round into train.jsonl",
    )
    ag = sub.add_parser("agree")
    ag.add_argument("first", type=Path)
    ag.add_argument("second", type=Path)
    ag.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if args.cmd == "build":
        return build(args.work, args.round)
    return agree(args.first, args.second, args.work, args.json)


if __name__ == "__main__":
    sys.exit(main())
