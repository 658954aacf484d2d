"""The team's gold data: every file well formed, the counts the gold issue asks for, no overlap."""

from __future__ import annotations

import copy
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kg.gold import check_article, check_pair_line, check_pairs_file, load_article

GOLD = Path(__file__).resolve().parents[1] / "benchmarks" / "gold"
ARTICLES = sorted((GOLD / "articles").glob("*.json"))
HELDOUT_SETS = ["articles-heldout", "articles-heldout2"]
HELDOUT = sorted(p for name in HELDOUT_SETS for p in (GOLD / name).glob("*.json"))
PAIR_FILES = [GOLD / "pairs" / "train.jsonl", GOLD / "pairs" / "dev.jsonl"]
# later dev rounds, each a file of its own (``gold_pairs.py build --round N``)
DEV_ROUND_FILES = [GOLD / "pairs" / "dev2.jsonl"]


def _pairs(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(
    "path", ARTICLES + HELDOUT, ids=[f"{p.parent.name}/{p.stem}" for p in ARTICLES + HELDOUT]
)
def test_article_gold_file_is_well_formed(path: Path) -> None:
    assert check_article(load_article(path), path.name) == []


@pytest.mark.parametrize(
    "path", PAIR_FILES + DEV_ROUND_FILES, ids=[p.stem for p in PAIR_FILES + DEV_ROUND_FILES]
)
def test_pair_file_is_well_formed(path: Path) -> None:
    assert check_pairs_file(path) == []


def test_article_gold_counts() -> None:
    golds = [load_article(p) for p in ARTICLES]
    assert len(golds) >= 40
    by_corpus = Counter(p.stem.split("-")[0] for p in ARTICLES)
    assert by_corpus["allsides"] >= 20 and by_corpus["reuters"] >= 10 and by_corpus["bbc"] >= 10
    assert sum(len(g["relations"]) for g in golds) >= 600
    assert all(r["why"].strip() for g in golds for r in g["relations"])


def test_pair_counts_and_split_by_article() -> None:
    train, dev = (_pairs(p) for p in PAIR_FILES)
    sentences = train + dev
    assert len(sentences) >= 1500
    pairs = [p for s in sentences for p in s["pairs"]]
    assert len(pairs) >= 6000
    categories = Counter(p["category"] for p in pairs if p["relation"] != "none")
    assert sum(categories.values()) >= 1500
    assert min(categories[c] for c in ("cooperation", "conflict", "communication")) >= 150
    assert min(categories[c] for c in ("affiliation", "location")) >= 150
    dev_pairs = sum(len(s["pairs"]) for s in dev)
    # The later rounds ("#r2-", "#r3-" ids) are train only, so that dev figures stay
    # comparable: dev is a fifth of the first round, and no sentence of a later round is in it.
    later = re.compile(r"#r\d+-")
    first_round = [p for s in sentences if not later.search(s["sid"]) for p in s["pairs"]]
    assert dev_pairs >= 1500 and dev_pairs >= 0.2 * len(first_round)
    assert not any(later.search(s["sid"]) for s in dev)
    train_articles = {(s["corpus"], s["article"]) for s in train}
    dev_articles = {(s["corpus"], s["article"]) for s in dev}
    assert not train_articles & dev_articles


def test_no_pair_sentence_comes_from_a_gold_article() -> None:
    gold_ids = {load_article(p)["article"] for p in ARTICLES + HELDOUT}
    used = {s["article"] for path in PAIR_FILES + DEV_ROUND_FILES for s in _pairs(path)}
    assert not gold_ids & used


@pytest.mark.parametrize("path", DEV_ROUND_FILES, ids=[p.stem for p in DEV_ROUND_FILES])
def test_a_later_dev_round_is_dev_only_and_from_new_articles(path: Path) -> None:
    rows = _pairs(path)
    assert len(rows) >= 500
    assert {r["split"] for r in rows} == {"dev"}
    articles = {(r["corpus"], r["article"]) for r in rows}
    earlier = {(r["corpus"], r["article"]) for p in PAIR_FILES for r in _pairs(p)}
    assert not articles & earlier
    positives = Counter(p["category"] for r in rows for p in r["pairs"] if p["category"])
    assert sum(positives.values()) >= 500


@pytest.mark.parametrize("name", HELDOUT_SETS)
def test_the_heldout_articles_are_new_and_listed(name: str) -> None:
    files = sorted((GOLD / name).glob("*.json"))
    assert len(files) >= 30
    earlier = HELDOUT_SETS[: HELDOUT_SETS.index(name)]
    before = ARTICLES + [p for e in earlier for p in sorted((GOLD / e).glob("*.json"))]
    ids = {load_article(p)["article"] for p in files}
    assert len(ids) == len(files)
    assert not {load_article(p)["article"] for p in before} & ids
    listed = (GOLD / name / "README.md").read_text(encoding="utf-8")
    assert all(f"| {p.name} |" in listed for p in files)
    assert sum(len(load_article(p)["relations"]) for p in files) >= 300


# The checks themselves: each kind of defect is caught.

SOUND_ARTICLE: dict[str, Any] = {
    "article": "a",
    "source": "test",
    "classes": ["conflict", "affiliation"],
    "entities": [
        {"id": "JP", "type": "Country", "names": ["Japan"]},
        {"id": "KP", "type": "Country", "names": ["North Korea"], "qid": "Q423"},
    ],
    "relations": [{"s": "KP", "c": "conflict", "o": "JP", "why": "North Korea threatened Japan"}],
    "forbidden": [{"s": "JP", "c": "conflict", "o": "KP", "why": "roles inverted"}],
}


def _broken(change: str) -> dict[str, Any]:
    gold = copy.deepcopy(SOUND_ARTICLE)
    if change == "missing key":
        del gold["relations"]
    elif change == "unknown category":
        gold["relations"][0]["c"] = "friendship"
    elif change == "undefined entity":
        gold["forbidden"][0]["o"] = "CN"
    elif change == "no why":
        gold["relations"][0]["why"] = " "
    elif change == "bad qid":
        gold["entities"][1]["qid"] = "423"
    elif change == "bad type":
        gold["entities"][0]["type"] = "Nation"
    return gold


def test_a_sound_article_passes() -> None:
    assert check_article(SOUND_ARTICLE, "a.json") == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("missing key", "missing key 'relations'"),
        ("unknown category", "unknown category 'friendship'"),
        ("undefined entity", "unknown entity id 'CN'"),
        ("no why", "'why' must quote"),
        ("bad qid", "not a Wikidata id"),
        ("bad type", "unknown type 'Nation'"),
    ],
)
def test_article_defects_are_caught(change: str, message: str) -> None:
    problems = check_article(_broken(change), "a.json")
    assert any(message in p for p in problems), problems


SOUND_LINE: dict[str, Any] = {
    "corpus": "test",
    "article": "x",
    "start": 100,
    "end": 129,
    "text": "North Korea threatened Japan.",
    "mentions": [
        {"start": 0, "end": 11, "text": "North Korea"},
        {"start": 23, "end": 28, "text": "Japan"},
    ],
    "pairs": [
        {
            "head": 0,
            "tail": 1,
            "relation": "threatens",
            "category": "conflict",
            "negated": False,
            "modality": "asserted",
            "speaker": None,
        }
    ],
}


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("mentions", 1, "start"), 22, "is not at 22:28"),
        (("pairs", 0, "relation"), "befriends", "unknown relation 'befriends'"),
        (("pairs", 0, "category"), "cooperation", "is not 'threatens''s"),
        (("pairs", 0, "modality"), "probable", "unknown modality"),
        (("pairs", 0, "tail"), 0, "do not index two mentions"),
        (("end",), 140, "start/end span"),
    ],
)
def test_pair_line_defects_are_caught(path: tuple[Any, ...], value: object, message: str) -> None:
    assert check_pair_line(SOUND_LINE, "f:1") == []
    line = copy.deepcopy(SOUND_LINE)
    target: Any = line
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    problems = check_pair_line(line, "f:1")
    assert any(message in p for p in problems), problems


def test_a_pair_left_unlabelled_is_caught() -> None:
    line = copy.deepcopy(SOUND_LINE)
    line["pairs"] = []
    assert any("0 pairs labelled, expected 1" in p for p in check_pair_line(line, "f:1"))
