"""kg evaluate: gold articles through the shared scorer, and pair files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from clirun import run_kg

from kg.evaluate import PairScores, default_scorer, evaluate_pairs, find_key
from kg.pipeline import iter_results
from kg.types import Article

DATA = Path(__file__).parent / "data"


def test_find_key_matches_corpus_ids() -> None:
    assert find_key("7626", Article(id="reuters-7626", text="x"))
    assert find_key("politics/023", Article(id="023-ab", text="x", origin="c/politics/023.txt"))
    assert find_key("abc", Article(id="abc", text="x", origin="all.jsonl:3"))
    assert not find_key("politics/02", Article(id="023-ab", text="x", origin="c/politics/023.txt"))


@pytest.mark.skipif(default_scorer() is None, reason="the shared scorer (../shared) is not here")
def test_evaluate_scores_a_gold_article_with_the_shared_scorer(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    result = run_kg(
        "evaluate", str(DATA / "gold"), "-a", str(DATA / "multi"), "--json", str(report)
    )
    assert result.returncode == 0, result.stderr
    assert "macro (1 articles)" in result.stdout
    (row,) = json.loads(report.read_text(encoding="utf-8"))["articles"]
    # two of the three required relations are in the text, and kg finds both
    assert (row["relations_gold"], row["relations_found"]) == (3, 2)
    assert row["relation_precision"] == 1.0
    assert row["missing_relations"] == [
        "JP cooperation RU: not in the text: a relation the build must miss"
    ]
    assert row["missing_entities"] == ["RU"]  # named only in the gold


_FAKE_SCORER = """
import json, sys
from pathlib import Path
graph = Path(sys.argv[2]).read_text(encoding="utf-8")
print(json.dumps({"entity_recall": 1.0, "split_entities": [], "wrongly_merged": [],
    "relation_precision": 1.0, "relation_recall": 1.0, "relation_f1": 1.0, "forbidden": [],
    "relations_gold": 0, "relations_found": 0, "false_positives": [], "missing_relations": [],
    "typed_edges_between_gold_actors": graph.count("kg:Assertion")}))
print("figure line")
"""


def test_evaluate_keeps_the_scored_graph_and_its_evidence(tmp_path: Path) -> None:
    """--keep: the graph the scorer read, and every assertion with its sentence, per gold file."""
    scorer = tmp_path / "score_graph.py"
    scorer.write_text(_FAKE_SCORER, encoding="utf-8")
    keep = tmp_path / "kept"
    args = ["evaluate", str(DATA / "gold"), "-a", str(DATA / "multi"), "--scorer", str(scorer)]
    result = run_kg(*args, "--keep", str(keep))
    assert result.returncode == 0, result.stderr
    golds = sorted(p.stem for p in (DATA / "gold").glob("*.json"))
    assert sorted(p.name for p in keep.iterdir()) == golds
    for stem in golds:
        assert (keep / stem / "graph.ttl").read_text(encoding="utf-8").startswith("@prefix")
        lines = (keep / stem / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
        assert lines, stem
        for line in lines:
            a = json.loads(line)
            assert a["sentence"] and a["subject"]["name"] and a["object"]["name"]
    # a second run replaces what the first kept
    assert run_kg(*args, "--keep", str(keep)).returncode == 0
    (keep / "file").write_text("x", encoding="utf-8")
    result = run_kg(*args, "--keep", str(keep / "file"))
    assert result.returncode == 2
    assert "not a folder" in result.stderr


def test_evaluate_names_a_missing_gold_article(tmp_path: Path) -> None:
    gold = json.loads((DATA / "gold" / "a2.json").read_text(encoding="utf-8"))
    gold["article"] = "no-such-article"
    path = tmp_path / "x.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    result = run_kg("evaluate", str(path), "-a", str(DATA / "multi"), "--scorer", __file__)
    assert result.returncode == 2
    assert "not found in the inputs: ['no-such-article']" in result.stderr


def test_evaluate_names_an_unknown_extractor(tmp_path: Path) -> None:
    result = run_kg(
        "evaluate", str(DATA / "gold"), "-a", str(DATA / "multi"), "--extractor", "nope"
    )
    assert result.returncode == 2
    assert "unknown extractor 'nope'" in result.stderr


def _line(text: str, mentions: list[str], pairs: list[tuple[int, int, str, bool, str]]) -> dict:  # type: ignore[type-arg]
    spans = []
    for m in mentions:
        start = text.index(m)
        spans.append({"start": start, "end": start + len(m), "text": m})
    return {
        "text": text,
        "mentions": spans,
        "pairs": [
            {"head": h, "tail": t, "relation": r, "negated": n, "modality": mod, "speaker": None}
            for h, t, r, n, mod in pairs
        ],
    }


def test_pair_scores_count_hits_misses_and_flags() -> None:
    records = [
        # found, right category and direction
        _line(
            "Japan criticized China.", ["Japan", "China"], [(0, 1, "criticizes", False, "asserted")]
        ),
        # found as a negated assertion: the category counts, the negation is right
        _line(
            "France did not attack Germany.",
            ["France", "Germany"],
            [(0, 1, "attacks", True, "asserted")],
        ),
        # a gold relation kg does not find
        _line(
            "Mexico, a friend of Peru, stayed quiet.",
            ["Mexico", "Peru"],
            [(0, 1, "alliedWith", False, "asserted")],
        ),
        # nothing to find
        _line(
            "Spain and Chile are far apart.",
            ["Spain", "Chile"],
            [(0, 1, "none", False, "asserted")],
        ),
    ]

    def run(articles):  # type: ignore[no-untyped-def]
        return iter_results(articles)

    per: list[PairScores] = []
    totals = evaluate_pairs(records, build=run, per_sentence=per)
    scores = totals.to_json()
    # each sentence's own counts, in order, adding up to the totals
    assert [(s.gold["all"], s.correct["all"], s.sentences) for s in per] == [
        (1, 1, 1),
        (1, 1, 1),
        (1, 0, 1),
        (0, 0, 1),
    ]
    summed = PairScores()
    for s in per:
        summed.add(s)
    assert summed.to_json() == scores
    table = scores["scores"]
    assert table["all"]["gold"] == 3
    assert table["conflict"]["correct"] == 2
    assert table["cooperation"]["gold"] == 1 and table["cooperation"]["correct"] == 0
    assert scores["direction_accuracy"] == 1.0
    assert scores["negation_accuracy"] == 1.0
    assert scores["polarity_errors"] == 0


def test_pairs_read_inside_their_article_see_what_the_article_said_before() -> None:
    from kg.evaluate import EvaluationError

    before = "The United States imposed new tariffs on Tuesday. "
    sentence = "Republican Sen. Ted Cruz spoke against the bill."
    article = Article(id="a1", text=before + sentence)
    rec = _line(sentence, ["Ted Cruz", "Republican"], [(0, 1, "memberOf", False, "asserted")])
    rec.update(article="a1", sid="a1#1", start=len(before), end=len(before) + len(sentence))

    def run(articles):  # type: ignore[no-untyped-def]
        return iter_results(articles, extractor="rules")

    alone = evaluate_pairs([rec], build=run).to_json()["scores"]["all"]
    inside = evaluate_pairs([rec], build=run, articles=[article]).to_json()["scores"]["all"]
    # alone, "Republican" is no party of a state the text names; in its article it is
    assert (alone["gold"], alone["correct"]) == (1, 0)
    assert (inside["gold"], inside["correct"]) == (1, 1)
    # a record whose sentence is not where it says, and one whose article is not given
    moved = {**rec, "start": 0}
    with pytest.raises(EvaluationError, match="'a1#1' is not at 0-"):
        evaluate_pairs([moved], build=run, articles=[article])
    with pytest.raises(EvaluationError, match=r"not found in the inputs: \['a1'\]"):
        evaluate_pairs([rec], build=run, articles=[Article(id="a2", text=article.text)])


def test_evaluate_names_an_unknown_pair_context() -> None:
    result = run_kg(
        "evaluate", str(DATA / "gold"), "-a", str(DATA / "multi"), "--pair-context", "page"
    )
    assert result.returncode == 2
    assert "--pair-context must be sentence or article, not 'page'" in result.stderr
