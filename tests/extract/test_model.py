"""The relation model at run time: encoding, calibration, the extractor switch, hybrid.

The model-path tests use a tiny encoder trained here by ``scripts/train_relations.py``
(seconds), so they need the ``train`` extra (torch); ``make test`` installs it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from clirun import run_kg
from scriptload import load_script

import kg.extract.model as model_module
from kg.errors import InputError, ModelError
from kg.extract.candidates import MentionPair
from kg.extract.facts import Candidate
from kg.extract.hybrid import merge_hybrid
from kg.extract.model import (
    DEFAULT_RELATION_MODEL,
    MODEL_FORMAT,
    RELATION_MODEL_ENV,
    RelationModel,
    calibration_bins,
    encode_pair,
    load_relation_model,
    mark_pair,
    relation_model_path,
)
from kg.types import Article

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "pairs"


def train_tiny(out: Path, *extra: str) -> Path:
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    train = load_script("train_relations")
    args = [
        "--train",
        str(PAIRS / "train.jsonl"),
        "--dev",
        str(PAIRS / "dev.jsonl"),
        "--out",
        str(out),
        "--tiny",
        "--epochs",
        "2",
        "--name",
        "tiny",
        "--version",
        "tiny-1",
        "--cache",
        str(out.parent / "base"),
        *extra,
    ]
    assert train.main(args) == 0
    return out


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny(tmp_path_factory.mktemp("relmodel") / "tiny")


@pytest.fixture(scope="session")
def eager_model(tiny_model: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny model with a ``none`` bias of -100: it reads a relation into every pair."""
    out = tmp_path_factory.mktemp("eager") / "eager"
    shutil.copytree(tiny_model, out)
    meta = json.loads((out / "labels.json").read_text())
    meta["none_bias"] = -100.0
    meta["version"] = "tiny-eager-1"
    (out / "labels.json").write_text(json.dumps(meta))
    return out


@pytest.fixture
def use_model(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def use(path: Path | str) -> None:
        monkeypatch.setenv(RELATION_MODEL_ENV, str(path))

    return use


# --------------------------------------------------------------------------- encoding


def _word_tokenizer():  # type: ignore[no-untyped-def]
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    words = "[PAD] [UNK] [CLS] [SEP] @ * # ^ state person . , japan met china and then".split()
    tok = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="[UNK]"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    return tok


def test_markers_surround_both_mentions() -> None:
    text, marks = mark_pair("Japan met China.", (0, 5), "GPE", (10, 15), "PERSON")
    assert text == "@ * state * Japan @ met # ^ person ^ China #."
    assert [text[m] for m in marks] == ["@", "@", "#", "#"]


def test_encode_pair_points_at_the_start_markers() -> None:
    tok = _word_tokenizer()
    enc = encode_pair(tok, "Japan met China.", (0, 5), "GPE", (10, 15), "GPE", max_length=64)
    assert enc is not None
    assert enc.ids[0] == tok.token_to_id("[CLS]") and enc.ids[-1] == tok.token_to_id("[SEP]")
    assert enc.ids[enc.e1] == tok.token_to_id("@")
    assert enc.ids[enc.e2] == tok.token_to_id("#")


def test_long_sentences_are_windowed_around_the_pair() -> None:
    tok = _word_tokenizer()
    filler = "and then " * 40
    sentence = filler + "Japan met China" + " and then" * 40 + "."
    s = len(filler)
    enc = encode_pair(tok, sentence, (s, s + 5), "GPE", (s + 10, s + 15), "GPE", max_length=24)
    assert enc is not None and len(enc.ids) == 24
    assert enc.ids[enc.e1] == tok.token_to_id("@")
    assert enc.ids[enc.e2] == tok.token_to_id("#")
    far = encode_pair(tok, sentence, (0, 3), "GPE", (s + 10, s + 15), "GPE", max_length=24)
    assert far is None  # the mentions lie further apart than the window


# --------------------------------------------------------------------------- calibration


def _fake_model(tmp_path: Path, **meta: object) -> RelationModel:
    base = {
        "format": MODEL_FORMAT,
        "name": "fake",
        "version": "fake-1",
        "labels": ["none", "attacks", "attacks^-1"],
        "none_bias": 0.0,
        "temperature": 1.0,
        "max_length": 32,
    }
    base.update(meta)
    (tmp_path / "labels.json").write_text(json.dumps(base))
    (tmp_path / "model.onnx").write_bytes(b"")
    (tmp_path / "tokenizer.json").write_text("{}")
    return RelationModel(tmp_path)


def test_none_bias_and_temperature_shape_the_probabilities(tmp_path: Path) -> None:
    logits = np.array([[0.0, 1.0, -1.0]])
    plain = _fake_model(tmp_path).probabilities(logits)
    assert plain[0].argmax() == 1
    assert plain.sum() == pytest.approx(1.0)
    biased = _fake_model(tmp_path, none_bias=2.0).probabilities(logits)
    assert biased[0].argmax() == 0
    assert biased[0, 0] == pytest.approx(np.exp(2) / (np.exp(2) + np.e + np.exp(-1)))
    soft = _fake_model(tmp_path, temperature=4.0).probabilities(logits)
    assert soft[0].max() < plain[0].max()


def test_a_category_bias_shifts_that_categorys_classes_against_none(tmp_path: Path) -> None:
    labels = ["none", "attacks", "attacks^-1", "supports", "supports^-1"]
    logits = np.array([[1.0, 0.5, -1.0, 0.5, -1.0]])
    plain = _fake_model(tmp_path, labels=labels).probabilities(logits)
    assert plain[0].argmax() == 0
    shifted = _fake_model(tmp_path, labels=labels, category_bias={"conflict": 1.0})
    p = shifted.probabilities(logits)
    assert p[0].argmax() == 1  # attacks (conflict) now beats none
    assert p[0, 1] / p[0, 3] == pytest.approx(np.e)  # supports (cooperation) is not shifted
    assert p[0, 2] / p[0, 0] == pytest.approx(np.exp(-1.0 + 1.0 - 1.0))
    with pytest.raises(ModelError, match="category_bias names no category"):
        _fake_model(tmp_path, labels=labels, category_bias={"friendship": 1.0})


def test_reliability_bins_report_confidence_against_accuracy() -> None:
    table = calibration_bins([0.95, 0.92, 0.55, 1.0], [True, False, True, True], bins=10)
    assert table == [(0.55, 1.0, 1), (0.9567, 0.6667, 3)]


def test_a_missing_model_says_how_to_get_one(tmp_path: Path, use_model) -> None:  # type: ignore[no-untyped-def]
    use_model(tmp_path / "nowhere")
    with pytest.raises(ModelError, match="--extractor rules"):
        load_relation_model()
    (tmp_path / "half").mkdir()
    with pytest.raises(ModelError, match=r"no labels\.json"):
        RelationModel(tmp_path / "half")


def test_a_model_of_another_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="expected format"):
        _fake_model(tmp_path, format="other.v9")


# --------------------------------------------------------------------------- runtime


def test_runtime_scores_pairs_deterministically(tiny_model: Path) -> None:
    model = RelationModel(tiny_model)
    pairs = [
        MentionPair("Japan attacked China.", 0, 21, 0, 1, (0, 5), (15, 20), "GPE", "GPE"),
        MentionPair("France met Germany.", 30, 49, 2, 3, (0, 6), (11, 18), "GPE", "GPE"),
    ]
    first = model.score(pairs)
    assert first == model.score(pairs)
    assert len(first) == 2
    known = {"none", *(model.labels)}
    for s in first:
        assert s.relation in known and 0.0 < s.probability <= 1.0
    assert model.rule == "model:tiny-1"
    encoded = [model.encode(p) for p in pairs]
    assert all(e is not None for e in encoded)
    probs = model.probabilities(model.logits([e for e in encoded if e is not None]))
    assert probs.shape == (2, len(model.labels))
    assert np.allclose(probs.sum(axis=1), 1.0)


def _build(texts: list[str], **options: object):  # type: ignore[no-untyped-def]
    from kg.api import build_articles

    articles = [Article(id=f"a{i}", text=t) for i, t in enumerate(texts)]
    return build_articles(articles, **options)  # type: ignore[arg-type]


def _between(graph, a: str, b: str) -> list:  # type: ignore[no-untyped-def]
    return [
        x
        for x in graph.assertions
        if {x.subject.text, x.object.text} == {a, b} and x.rule.startswith("model:")
    ]


def test_model_assertions_carry_rule_negation_and_modality(eager_model: Path, use_model) -> None:  # type: ignore[no-untyped-def]
    from kg.rdf import KG, to_rdflib

    use_model(eager_model)
    graph = _build(
        [
            "Japan attacked China.",
            "Egypt did not attack Israel.",
            "Sweden would sanction Norway if the talks fail.",
        ],
        extractor="model",
    )
    (fact,) = _between(graph, "Japan", "China")
    assert fact.rule == "model:tiny-eager-1" and fact.is_fact
    (negated,) = _between(graph, "Egypt", "Israel")
    assert negated.negated and not negated.is_fact
    (hypothetical,) = _between(graph, "Sweden", "Norway")
    assert hypothetical.modality == "hypothetical" and not hypothetical.is_fact
    g = to_rdflib(graph)
    for a in (negated, hypothetical):
        s = g.value(predicate=KG.entityId, object=_lit(a.subject.id))
        o = g.value(predicate=KG.entityId, object=_lit(a.object.id))
        assert (s, KG[a.relation], o) not in g  # a statement node, never a direct triple
    s = g.value(predicate=KG.entityId, object=_lit(fact.subject.id))
    o = g.value(predicate=KG.entityId, object=_lit(fact.object.id))
    assert (s, KG[fact.relation], o) in g


@pytest.mark.parametrize(
    ("text", "a", "b", "negated"),
    [
        # a relation said under "no" or "without" is denied, whatever the verb
        ("There was no evidence of collusion between Japan and China.", "Japan", "China", True),
        ("Sweden acted without approval from Norway.", "Sweden", "Norway", True),
        # "no" on a noun off the path between the two does not deny them
        ("Russia signed a deal with China with no delay.", "Russia", "China", False),
    ],
)
def test_a_noun_phrase_of_denial_negates_the_models_relation(  # type: ignore[no-untyped-def]
    eager_model: Path, use_model, text: str, a: str, b: str, negated: bool
) -> None:
    use_model(eager_model)
    graph = _build([text], extractor="model")
    (found,) = _between(graph, a, b)
    assert found.negated is negated
    assert found.is_fact is not negated


def _lit(text: str):  # type: ignore[no-untyped-def]
    from rdflib import Literal

    return Literal(text)


def test_rules_extractor_never_loads_the_model(tmp_path: Path, use_model) -> None:  # type: ignore[no-untyped-def]
    use_model(tmp_path / "nowhere")
    graph = _build(["North Korea threatened Japan."], extractor="rules")
    assert graph.assertions and not any(a.rule.startswith("model:") for a in graph.assertions)
    with pytest.raises(ModelError):
        _build(["North Korea threatened Japan."], extractor="model")
    with pytest.raises(InputError, match="unknown extractor 'neural'"):
        _build(["North Korea threatened Japan."], extractor="neural")


def test_hybrid_takes_affiliation_from_both_and_the_rest_from_the_model(
    eager_model: Path,
    use_model,  # type: ignore[no-untyped-def]
) -> None:
    use_model(eager_model)
    text = "Japanese Defence Minister Itsunori Onodera met Jim Mattis."
    hybrid = _build([text], extractor="hybrid").assertions
    rules = _build([text], extractor="rules").assertions
    model = _build([text], extractor="model").assertions
    from kg.ontology import category_of

    rule_aff = {(a.subject.id, a.relation, a.object.id, a.rule) for a in rules
                if category_of(a.relation) == "affiliation"}  # fmt: skip
    assert rule_aff, "the title pattern finds Onodera's post"
    hyb = {(a.subject.id, a.relation, a.object.id, a.rule) for a in hybrid}
    assert rule_aff <= hyb
    # The model's affiliations join, except on a pair the patterns tied already.
    tied = {frozenset((s, o)) for s, _, o, _ in rule_aff}
    model_aff = {
        (a.subject.id, a.relation, a.object.id, a.rule)
        for a in model
        if category_of(a.relation) == "affiliation"
        and frozenset((a.subject.id, a.object.id)) not in tied
    }
    assert model_aff <= hyb
    assert not any(
        a.rule.startswith("model:")
        and category_of(a.relation) == "affiliation"
        and frozenset((a.subject.id, a.object.id)) in tied
        for a in hybrid
    )
    model_rest = {
        (a.subject.id, a.relation, a.object.id, a.rule)
        for a in model
        if category_of(a.relation) not in (None, "affiliation")
    }
    assert model_rest and model_rest <= hyb


def _cand(subj: int, rel: str, obj: int, rule: str) -> Candidate:
    return Candidate(subj, rel, obj, 0, 30, rule=rule)


def test_merge_hybrid_follows_the_table() -> None:
    scored = [
        MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "GPE", "GPE"),
        MentionPair("s", 0, 30, 1, 2, (2, 3), (4, 5), "GPE", "GPE"),
    ]
    rules = [
        _cand(0, "leaderOf", 1, "title"),  # affiliation: rules decide
        _cand(1, "threatens", 2, "svo"),  # conflict on a scored pair: the model decides
        _cand(2, "attacks", 3, "svo"),  # a pair the model never saw: kept
        _cand(0, "open:poke", 2, "open"),  # open, the model has nothing there: kept
    ]
    model = [
        _cand(0, "memberOf", 1, "model:v"),  # affiliation where the patterns have one: theirs
        _cand(1, "partOf", 2, "model:v"),  # affiliation the patterns missed: joins
        _cand(2, "meetsWith", 1, "model:v"),
    ]
    kept = {(c.subject, c.relation, c.object, c.rule) for c in merge_hybrid(rules, model, scored)}
    assert kept == {
        (0, "leaderOf", 1, "title"),
        (1, "partOf", 2, "model:v"),
        (2, "attacks", 3, "svo"),
        (0, "open:poke", 2, "open"),
        (2, "meetsWith", 1, "model:v"),
    }
    only_rules = merge_hybrid(rules, model, scored, source={"affiliation": "rules"} | {
        c: "model" for c in ("location", "cooperation", "conflict", "communication")
    })  # fmt: skip
    assert not {c.rule for c in only_rules if c.relation in ("memberOf", "partOf")} - {"title"}
    flipped = merge_hybrid(rules, model, scored, source={"affiliation": "model"} | {
        c: "model" for c in ("location", "cooperation", "conflict", "communication")
    })  # fmt: skip
    assert (0, "memberOf", 1, "model:v") in {(c.subject, c.relation, c.object, c.rule)
                                             for c in flipped}  # fmt: skip


def test_a_light_verb_relation_stands_where_the_model_reads_none() -> None:
    # "Trump had a bilateral meeting with Merkel": the model read the pair (0, 1) as none
    scored = [
        MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "PERSON", "PERSON"),
        MentionPair("s", 0, 30, 0, 2, (0, 1), (4, 5), "PERSON", "PERSON"),
    ]
    rules = [_cand(0, "meetsWith", 1, "light-verb"), _cand(0, "meetsWith", 2, "light-verb"),
             _cand(0, "threatens", 1, "svo")]  # fmt: skip
    model = [_cand(0, "criticizes", 2, "model:v")]  # the model's own reading of (0, 2) wins
    kept = {(c.subject, c.relation, c.object, c.rule) for c in merge_hybrid(rules, model, scored)}
    assert kept == {(0, "meetsWith", 1, "light-verb"), (0, "criticizes", 2, "model:v")}


def test_a_side_taken_in_so_many_words_wins_over_the_model_s_other_polarity() -> None:
    # "Germany sided with France; Russia rallied behind Iran and met France": the model read
    # (0, 1) as a conflict, (2, 3) as a cooperation, (2, 1) as a meeting
    scored = [
        MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "GPE", "GPE"),
        MentionPair("s", 0, 30, 2, 3, (4, 5), (6, 7), "GPE", "GPE"),
        MentionPair("s", 0, 30, 1, 2, (2, 3), (4, 5), "GPE", "GPE"),
    ]
    rules = [
        _cand(0, "supports", 1, "verb-prep"),
        _cand(2, "supports", 3, "verb-prep"),
        _cand(2, "opposes", 1, "svo"),  # not a side named by a preposition: the model decides
    ]
    model = [
        _cand(0, "opposes", 1, "model:v"),
        _cand(2, "cooperatesWith", 3, "model:v"),
        _cand(2, "meetsWith", 1, "model:v"),
    ]
    kept = {(c.subject, c.relation, c.object, c.rule) for c in merge_hybrid(rules, model, scored)}
    assert kept == {
        (0, "supports", 1, "verb-prep"),
        (2, "cooperatesWith", 3, "model:v"),
        (2, "meetsWith", 1, "model:v"),
    }


def test_a_body_and_its_leader_in_one_sentence_are_no_adversaries() -> None:
    # "Republicans, led by Mitch McConnell, rejected the plan and criticized Obama"
    scored = [
        MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "NORP", "PERSON"),
        MentionPair("s", 0, 30, 0, 2, (0, 1), (4, 5), "NORP", "PERSON"),
    ]
    rules = [_cand(1, "leaderOf", 0, "svo-passive")]
    model = [_cand(0, "opposes", 1, "model:v"), _cand(0, "criticizes", 2, "model:v")]
    kept = {(c.subject, c.relation, c.object, c.rule) for c in merge_hybrid(rules, model, scored)}
    assert kept == {(1, "leaderOf", 0, "svo-passive"), (0, "criticizes", 2, "model:v")}


def test_a_pair_joined_by_a_verb_of_composition_has_no_other_reading() -> None:
    # "The council, which includes Iran and Cuba, met": the model's "the council meets Iran"
    scored = [
        MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "ORG", "GPE"),
        MentionPair("s", 0, 30, 0, 2, (0, 1), (4, 5), "ORG", "GPE"),
    ]
    rules = [_cand(1, "memberOf", 0, "composition")]
    model = [_cand(0, "meetsWith", 1, "model:v"), _cand(0, "meetsWith", 2, "model:v")]
    kept = {(c.subject, c.relation, c.object, c.rule) for c in merge_hybrid(rules, model, scored)}
    assert kept == {(1, "memberOf", 0, "composition"), (0, "meetsWith", 2, "model:v")}


def test_a_seat_the_patterns_read_is_the_one_a_legislator_represents() -> None:
    # "Arizona Sen. John McCain and Sen. Kelly Ayotte of New Hampshire": the model's
    # "McCain represents New Hampshire" is his neighbour's seat
    scored = [MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "PERSON", "GPE")]
    rules = [_cand(0, "represents", 1, "title"), _cand(2, "represents", 3, "person-of")]
    model = [
        _cand(0, "represents", 3, "model:v"),
        _cand(0, "memberOf", 4, "model:v"),
        _cand(5, "represents", 3, "model:v"),
    ]
    kept = {(c.subject, c.relation, c.object) for c in merge_hybrid(rules, model, scored)}
    assert kept == {
        (0, "represents", 1),
        (2, "represents", 3),
        (0, "memberOf", 4),
        (5, "represents", 3),
    }


def test_a_place_set_in_another_by_a_comma_is_in_that_one_alone() -> None:
    # "from Jackson, Wyo., and Gunnison, Colo., to McAllen, Texas": the model read
    # Jackson-Wyo. as none and set Gunnison in Texas, McAllen's state
    scored = [
        MentionPair("s", 0, 30, 0, 1, (0, 1), (2, 3), "GPE", "GPE"),
        MentionPair("s", 0, 30, 2, 3, (4, 5), (6, 7), "GPE", "GPE"),
        MentionPair("s", 0, 30, 2, 5, (4, 5), (10, 11), "GPE", "GPE"),
        MentionPair("s", 0, 30, 4, 5, (8, 9), (10, 11), "GPE", "GPE"),
    ]
    rules = [
        _cand(0, "locatedIn", 1, "place-appos"),
        _cand(2, "locatedIn", 3, "place-appos"),
        _cand(4, "locatedIn", 5, "place-appos"),
    ]
    model = [
        _cand(2, "locatedIn", 3, "model:v"),
        _cand(2, "locatedIn", 5, "model:v"),
        _cand(4, "locatedIn", 5, "model:v"),
    ]
    kept = {(c.subject, c.relation, c.object, c.rule) for c in merge_hybrid(rules, model, scored)}
    assert kept == {
        (0, "locatedIn", 1, "place-appos"),
        (2, "locatedIn", 3, "model:v"),
        (4, "locatedIn", 5, "model:v"),
    }
    # "McAllen, Texas, U.S.": the United States, Texas's container, is McAllen's too
    rules = [_cand(0, "locatedIn", 1, "place-appos"), _cand(1, "locatedIn", 2, "place-appos")]
    model = [_cand(0, "locatedIn", 2, "model:v")]
    kept = {(c.subject, c.object, c.rule) for c in merge_hybrid(rules, model, scored[:1])}
    assert (0, 2, "model:v") in kept


ARTICLES = [
    "Japan attacked China on Monday. France met Germany in Paris.",
    "Russian President Vladimir Putin met Donald Trump in Helsinki. Iran rejected the offer.",
    "The United Nations is based in New York. Egypt did not attack Israel.",
    "Brazil aided Peru. Kenya met Uganda in Nairobi. Britain criticized Spain and Italy.",
]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["pair", "sentence"])
def test_model_output_is_byte_identical_across_jobs(
    kind: str,
    eager_model: Path,
    tiny_sentence_model: Path,
    use_model,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    from kg.export import write_assertions

    model = eager_model if kind == "pair" else tiny_sentence_model
    use_model(model)
    outputs = []
    for jobs in (1, 2):
        graph = _build(ARTICLES * 2, extractor="hybrid", n_process=jobs)
        path = tmp_path / f"j{jobs}.jsonl"
        write_assertions(graph.assertions, path)
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]
    if kind == "pair":  # the eager model reads a relation into every pair
        assert b'"rule": "model:tiny-eager-1"' in outputs[0]


def test_the_cache_key_names_the_model_and_its_version(
    tiny_model: Path,
    eager_model: Path,
    use_model,  # type: ignore[no-untyped-def]
) -> None:
    from kg.cache import cache_config

    use_model(tiny_model)
    tiny = cache_config(extractor="model")
    assert "tiny==tiny-1#" in tiny
    assert cache_config(extractor="hybrid") != tiny
    use_model(eager_model)
    assert cache_config(extractor="model") != tiny
    assert cache_config(extractor="rules") == cache_config()


def test_cli_extract_with_the_model(eager_model: Path, use_model, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    use_model(eager_model)
    src = tmp_path / "a.txt"
    src.write_text("Egypt did not attack Israel.\n")
    done = run_kg("extract", str(src), "--extractor", "model")
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert rows and all(r["rule"] == "model:tiny-eager-1" and r["negated"] for r in rows)
    bad = run_kg("extract", str(src), "--extractor", "magic")
    assert bad.returncode == 2
    assert "unknown extractor 'magic'" in bad.stderr


# --------------------------------------------------------------------------- status head

_PAIR = MentionPair("Japan attacked China.", 0, 21, 0, 1, (0, 5), (15, 20), "GPE", "GPE")


def _with_status(model: Path, out: Path, says: str, policy: str) -> Path:
    """A copy of ``model`` with a status head that reads every pair as ``says``."""
    from kg.extract.status import STATUS_CLASSES, STATUS_FORMAT

    shutil.copytree(model, out)
    found = RelationModel(out, vectors=True).outputs_of_pairs([_PAIR])[0]
    assert found is not None and found[1] is not None
    width = int(found[1].shape[0])
    bias = [5.0 if c == says else 0.0 for c in STATUS_CLASSES]
    head = {
        "format": STATUS_FORMAT,
        "version": f"says-{says}",
        "classes": list(STATUS_CLASSES),
        "clause_features": False,
        "policy": policy,
        "mean": [0.0] * width,
        "scale": [1.0] * width,
        "weights": [[0.0] * len(STATUS_CLASSES)] * width,
        "bias": bias,
    }
    (out / "status.json").write_text(json.dumps(head))
    return out


def test_a_status_head_decides_whether_a_model_relation_is_a_fact(  # type: ignore[no-untyped-def]
    eager_model: Path, use_model, tmp_path: Path
) -> None:
    texts = ["Japan attacked China.", "Sweden would sanction Norway if the talks fail."]
    use_model(_with_status(eager_model, tmp_path / "hyp", "hypothetical", "head"))
    graph = _build(texts, extractor="model")
    (japan,) = _between(graph, "Japan", "China")
    assert japan.modality == "hypothetical" and not japan.is_fact
    assert japan.rule == "model:tiny-eager-1"

    use_model(_with_status(eager_model, tmp_path / "fact", "asserted", "head"))
    graph = _build(texts, extractor="model")
    (sweden,) = _between(graph, "Sweden", "Norway")
    assert sweden.modality == "asserted" and sweden.is_fact  # the head overrules "would"

    use_model(_with_status(eager_model, tmp_path / "either", "asserted", "either"))
    graph = _build(texts, extractor="model")
    (sweden,) = _between(graph, "Sweden", "Norway")
    assert sweden.modality == "hypothetical" and not sweden.is_fact  # both must read a fact
    (japan,) = _between(graph, "Japan", "China")
    assert japan.is_fact


def test_a_status_head_is_in_the_cache_key_and_needs_the_pair_output(  # type: ignore[no-untyped-def]
    eager_model: Path, use_model, tmp_path: Path
) -> None:
    onnx = pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    from kg.extract.model import relation_model_id

    with_head = _with_status(eager_model, tmp_path / "head", "asserted", "head")
    use_model(eager_model)
    plain = relation_model_id()
    use_model(with_head)
    assert relation_model_id() != plain  # status.json is part of the digest
    (score,) = RelationModel(with_head).score([_PAIR])
    assert score.vector is not None
    (score,) = RelationModel(eager_model).score([_PAIR])
    assert score.vector is None  # read only for a head
    model = onnx.load(str(with_head / "model.onnx"))
    (pair,) = [o for o in model.graph.output if o.name == "pair"]
    model.graph.output.remove(pair)
    onnx.save(model, str(with_head / "model.onnx"))
    with pytest.raises(ModelError, match="no 'pair' output"):
        RelationModel(with_head).score([_PAIR])


def test_train_status_head_on_a_handful_of_pairs(tiny_model: Path, tmp_path: Path) -> None:
    from kg.extract.status import POLICIES, load_status_head

    model = tmp_path / "model"
    shutil.copytree(tiny_model, model)
    script = load_script("train_status")
    args = ["--model", str(model), "--train", str(PAIRS / "train.jsonl"),
            "--dev", str(PAIRS / "dev.jsonl"), "--expose", "--folds", "2",
            "--l2", "0.1", "--cache", "", "--version", "status-smoke-1"]  # fmt: skip
    assert script.main(args) == 0
    head = load_status_head(model)
    assert head is not None and head.version == "status-smoke-1" and head.policy in POLICIES
    meta = json.loads((model / "status.json").read_text())
    assert meta["train_pairs"] > 0 and set(meta["dev"]) == {"clause", "head", "either"}
    assert "--expose" in meta["command"]
    assert meta["runtime_agreement"] == 1.0  # kg reads the dev pairs as training did
    # Reproducible: the same data and command write the same head.
    again = tmp_path / "again.json"
    assert script.main([*args, "--out", str(again)]) == 0
    first = {k: v for k, v in meta.items() if k != "command"}
    assert first == {k: v for k, v in json.loads(again.read_text()).items() if k != "command"}
    (score,) = RelationModel(model).score([_PAIR])
    assert score.vector is not None


# --------------------------------------------------------------------------- one pass per sentence


def test_every_mention_is_marked_once_in_one_pass_mode() -> None:
    from kg.extract.model import mark_mentions

    text, opens = mark_mentions(
        "Japan met China and Korea.", [(20, 25, "GPE"), (0, 5, "GPE"), (10, 15, "GPE")]
    )
    assert text == "@ * state * Japan @ met @ * state * China @ and @ * state * Korea @."
    # Opening markers are reported in the order the spans were given.
    assert [text[o] for o in opens] == ["@", "@", "@"]
    assert text[opens[0] :].startswith("@ * state * Korea")
    # A mention overlapping an earlier one is left unmarked (-1).
    _, overlapped = mark_mentions("North Korea", [(0, 11, "GPE"), (6, 11, "GPE")])
    assert overlapped[1] == -1


def test_encode_sentence_points_at_each_opening_marker() -> None:
    from kg.extract.model import encode_sentence

    tok = _word_tokenizer()
    enc = encode_sentence(tok, "Japan met China.", [(0, 5, "GPE"), (10, 15, "GPE")], max_length=32)
    words = [tok.id_to_token(i) for i in enc.ids]
    assert words[0] == "[CLS]" and words[-1] == "[SEP]"
    assert [words[k] for k in enc.starts] == ["@", "@"]
    assert words[enc.starts[0] + 4] == "japan" and words[enc.starts[1] + 4] == "china"
    # A mention cut off by the length limit has no marker.
    short = encode_sentence(tok, "Japan met China.", [(0, 5, "GPE"), (10, 15, "GPE")], max_length=9)
    assert short.starts[0] > 0 and short.starts[1] == -1


@pytest.fixture(scope="session")
def tiny_sentence_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny(tmp_path_factory.mktemp("relmodel-s") / "tiny-s", "--input", "sentence")


def test_one_pass_model_scores_each_pair_from_one_encoding_of_its_sentence(
    tiny_sentence_model: Path,
) -> None:
    from kg.extract.model import _class_groups, decide, parse_class

    model = RelationModel(tiny_sentence_model)
    assert model.input == "sentence"
    sentence = "Japan attacked China and Korea."
    spans = [(0, 5), (15, 20), (25, 30)]
    order = ((0, 1), (0, 2), (1, 2))
    pairs = [MentionPair(sentence, 0, 31, i, j, spans[i], spans[j], "GPE", "GPE") for i, j in order]
    scores = model.score(pairs)
    assert scores == model.score(pairs)
    # The same numbers as one pass over the sentence with all three mentions marked,
    # each pair read at its own two markers (a pair mapped to the wrong markers differs).
    probs = model.probabilities(
        model.sentence_logits(
            [model_sentence(model, sentence, spans)], [(0, i, j) for i, j in order]
        )
    )
    groups, none = _class_groups(model.labels), model.labels.index("none")
    for score, row in zip(scores, probs, strict=True):
        best, confidence = decide([float(x) for x in row], groups, none)
        assert (score.relation, score.reverse) == parse_class(model.labels[best])
        assert score.probability == round(confidence, 3)
    assert len({tuple(row.round(6)) for row in probs}) == 3, "each pair reads its own markers"


def test_a_sentence_scores_the_same_whatever_else_the_article_holds() -> None:
    # Each sentence passes the encoder alone: with dynamic int8 quantization a padded batch
    # shares one activation scale, so a sentence's scores would move with its neighbours.
    # The shipped model (int8), not the tiny one (its scores are too flat to show it).
    model = RelationModel(relation_model_path(DEFAULT_RELATION_MODEL))
    short = "Japan attacked China."
    long = "The long and winding statement that Russia and the United States of America signed."
    alone = [MentionPair(short, 0, len(short), 0, 1, (0, 5), (15, 20), "GPE", "GPE")]
    others = [MentionPair(long, 100, 100 + len(long), 2, 3, (36, 42), (51, 75), "GPE", "GPE")]
    assert model.score(alone) == model.score(alone + others)[:1]
    assert model.score(others) == model.score(alone + others)[1:]


def model_sentence(model: RelationModel, sentence: str, spans: list[tuple[int, int]]):  # type: ignore[no-untyped-def]
    from kg.extract.model import encode_sentence

    tok = model._load()[1]
    return encode_sentence(
        tok,
        sentence,
        [(s, e, "GPE") for s, e in spans],
        max_length=model.max_length,
        markers=model.markers,
    )


def test_start_markers_put_one_typed_token_before_each_mention() -> None:
    from kg.extract.model import encode_sentence, mark_mentions, with_start_markers

    spans = [(20, 25, "PERSON"), (0, 5, "GPE"), (10, 15, "ORG")]
    text, opens = mark_mentions("Japan met China and Korea.", spans, markers="start")
    assert text == "[unused3] Japan met [unused2] China and [unused1] Korea."
    assert text[opens[0] :].startswith("[unused1] Korea")
    with pytest.raises(ModelError, match="unknown markers"):
        mark_mentions("Japan met China.", spans[1:], markers="brackets")

    # The tokenizer reads each marker as one token (BERT's tokenizer alone splits it in four),
    # and the opening marker of a mention is that token.
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    words = "[PAD] [UNK] [CLS] [SEP] [unused1] [unused2] [unused3] [unused4] [unused5] "
    words += "[unused6] [unused7] [ ] unused ##1 ##2 ##3 japan met china ."
    vocab = {w: i for i, w in enumerate(words.split())}
    tok = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    assert len(tok.encode("[unused3] Japan", add_special_tokens=False).ids) == 5
    with_start_markers(tok)
    enc = encode_sentence(
        tok, "Japan met China.", [(0, 5, "GPE"), (10, 15, "ORG")], max_length=32, markers="start"
    )
    assert [tok.id_to_token(i) for i in enc.ids] == [
        "[CLS]", "[unused3]", "japan", "met", "[unused2]", "china", ".", "[SEP]",
    ]  # fmt: skip
    assert enc.starts == (1, 4)
    # A vocabulary without the marker entries cannot take them.
    with pytest.raises(ModelError, match="lacks the start markers"):
        with_start_markers(_word_tokenizer())


@pytest.fixture(scope="session")
def tiny_start_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("relmodel-m") / "tiny-m"
    return train_tiny(out, "--input", "sentence", "--markers", "start")


def test_a_start_marker_model_ships_its_tokenizer_and_reads_its_own_markers(
    tiny_start_model: Path, tmp_path: Path
) -> None:
    meta = json.loads((tiny_start_model / "labels.json").read_text())
    assert meta["marker_style"] == "start"
    model = RelationModel(tiny_start_model)
    assert model.markers == "start"
    sentence = "Japan attacked China and Korea."
    spans = [(0, 5), (15, 20), (25, 30)]
    encoded = model_sentence(model, sentence, spans)
    # One token a mention: the sentence and three markers, [CLS] and [SEP].
    tok = model._load()[1]
    plain = tok.encode(sentence, add_special_tokens=False).ids
    assert len(encoded.ids) == len(plain) + 3 + 2
    assert [tok.id_to_token(encoded.ids[k]) for k in encoded.starts] == ["[unused3]"] * 3
    # The tokenizer saved with the model knows the markers without kg's help.
    from tokenizers import Tokenizer

    saved = Tokenizer.from_file(str(tiny_start_model / "tokenizer.json"))
    assert saved.encode("[unused3] Japan", add_special_tokens=False).tokens[0] == "[unused3]"
    pairs = [MentionPair(sentence, 0, 31, 0, 1, spans[0], spans[1], "GPE", "GPE")]
    assert model.score(pairs) == model.score(pairs)
    # A marker style the runtime does not know is a clear error naming the file.
    bad = tmp_path / "bad"
    shutil.copytree(tiny_start_model, bad)
    (bad / "labels.json").write_text(json.dumps({**meta, "marker_style": "xml"}))
    with pytest.raises(ModelError, match="labels.json.*marker_style 'xml'"):
        RelationModel(bad)


def test_pronouns_that_stand_for_a_person_become_candidates(eager_model: Path, use_model) -> None:  # type: ignore[no-untyped-def]
    use_model(eager_model)
    graph = _build(["Angela Merkel arrived in Paris. She met Emmanuel Macron."], extractor="model")
    pairs = {
        (a.subject.name, a.object.name)
        for a in graph.assertions
        if a.rule.startswith("model:") and a.evidence.sentence.startswith("She")
    }
    # The relation read in "She met Emmanuel Macron" is Merkel's, not a node named "She".
    assert pairs and all("Angela Merkel" in p and "Emmanuel Macron" in p for p in pairs)


def test_category_decoding_sums_a_categorys_relations_against_none() -> None:
    from kg.extract.model import _class_groups, decide

    labels = ("none", "criticizes", "opposes", "criticizes^-1", "supports", "meetsWith")
    groups = _class_groups(labels)
    # conflict: criticizes + opposes one way, criticized-by the other; then cooperation, ...
    assert groups == [((1, 2), (3,)), ((4,),), ((5,),)]
    # 0.3 criticizes, 0.25 opposes (and 0.05 the other way) beat 0.35 none: a conflict (0.6),
    # read as the likeliest relation of the likelier direction
    assert decide([0.35, 0.3, 0.25, 0.05, 0.03, 0.02], groups, 0) == (1, pytest.approx(0.6))
    # both directions count for the category (0.2 + 0.3 beat 0.4 none); the likelier wins
    assert decide([0.4, 0.2, 0.0, 0.3, 0.05, 0.05], groups, 0) == (3, pytest.approx(0.5))
    # a category below none is no relation, however its directions fall
    assert decide([0.5, 0.2, 0.0, 0.2, 0.05, 0.05], groups, 0) == (0, 0.5)
    # class decoding takes the single likeliest class
    assert decide([0.35, 0.3, 0.25, 0.05, 0.03, 0.02], [], 0) == (0, 0.35)


def test_a_relation_with_one_name_of_a_list_goes_to_the_others(nlp) -> None:  # type: ignore[no-untyped-def]
    """The guidelines' coordination rule: "condemned A and B" condemns both, A-B stays."""
    from kg.extract.candidates import find_pairs
    from kg.extract.hybrid import COORDINATION_RULE, across_coordination, coordinated
    from kg.extract.mentions import find_mentions

    doc = nlp("Russia condemned the United States, Britain and France for the strikes on Syria.")
    mentions = find_mentions(doc)
    names = [m.text for m in mentions]
    assert names == ["Russia", "United States", "Britain", "France", "Syria"]
    group = coordinated(doc, mentions)
    assert group[1] == group[2] == group[3] >= 0 and group[0] == group[4] == -1
    pairs = find_pairs(doc, mentions)
    pair = {(p.first, p.second): p for p in pairs}
    found = [
        (pair[(0, 1)], 0, "criticizes", 1, 0.9, "model:x"),
        (pair[(1, 4)], 1, "locatedIn", 4, 0.6, "model:x"),  # a place: not carried
        (pair[(0, 3)], 0, "praises", 3, 0.7, "model:x"),  # read already: kept as read
    ]
    out = across_coordination(doc, mentions, pairs, found)
    added = [(names[s], r, names[o], round(p, 2), rule) for _, s, r, o, p, rule in out[3:]]
    assert out[:3] == found
    assert added == [("Russia", "criticizes", "Britain", 0.81, COORDINATION_RULE)]
    # the list's names among themselves: nothing carried
    assert not any({s, o} <= {1, 2, 3} for _, s, _, o, _, _ in out)


@pytest.mark.parametrize(
    ("text", "actor", "relation", "carried"),
    [
        # a plural noun before the list names each of them, with the actor that qualifies it
        ("The jury convicted Balfour Beatty managers Anthony Walker and Nicholas Jeffries.",
         "Balfour Beatty", "worksFor", True),
        ("The row raised tension between NATO members Greece and Turkey.", "NATO", "memberOf",
         True),
        ("Republican senators John McCain and Lindsey Graham visited Kiev.", "Republican",
         "memberOf", True),
        # otherwise an affiliation is said of each name on its own
        ("The Republican John McCain and Lindsey Graham visited Kiev.", "Republican",
         "memberOf", False),
    ],
)  # fmt: skip
def test_an_affiliation_goes_to_the_names_of_a_list_under_a_plural_title(  # type: ignore[no-untyped-def]
    nlp, text: str, actor: str, relation: str, carried: bool
) -> None:
    from kg.extract.candidates import find_pairs
    from kg.extract.hybrid import COORDINATION_RULE, across_coordination, coordinated
    from kg.extract.mentions import find_mentions

    doc = nlp(text)
    mentions = find_mentions(doc)
    group = coordinated(doc, mentions)
    first, second = [i for i, g in enumerate(group) if g >= 0][:2]
    (at,) = [i for i, m in enumerate(mentions) if m.text == actor]
    pairs = find_pairs(doc, mentions)
    pair = {(p.first, p.second): p for p in pairs}
    found = [(pair[tuple(sorted((at, first)))], first, relation, at, 0.9, "model:x")]
    out = across_coordination(doc, mentions, pairs, found)
    added = [(s, r, o, rule) for _, s, r, o, _, rule in out[1:]]
    assert added == ([(second, relation, at, COORDINATION_RULE)] if carried else [])


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a list acted upon: the act relates each name to the actor, not the names
        ("Obama spoke with Cameron, Hollande and Merkel on Saturday.", False),
        ("Vladimir Putin criticised Tony Blair and Gordon Brown on Monday.", False),
        # a word that makes the names relate to each other
        ("Obama urged Cameron and Hollande to work together on Saturday.", True),
        # a list of subjects may act jointly
        ("Cameron and Hollande spoke with Obama on Saturday.", True),
    ],
)
def test_what_is_read_between_the_names_of_a_list_acted_upon_is_dropped(  # type: ignore[no-untyped-def]
    nlp, text: str, kept: bool
) -> None:
    from kg.extract.candidates import find_pairs
    from kg.extract.hybrid import across_coordination, coordinated
    from kg.extract.mentions import find_mentions

    doc = nlp(text)
    mentions = find_mentions(doc)
    group = coordinated(doc, mentions)
    members = [i for i, g in enumerate(group) if g >= 0]
    (outside,) = [i for i, g in enumerate(group) if g < 0]
    assert len(members) >= 2, [m.text for m in mentions]
    pairs = find_pairs(doc, mentions)
    pair = {(p.first, p.second): p for p in pairs}
    a, b = members[:2]
    relation = "criticizes" if "criticised" in text else "talksWith"
    found = [
        (pair[tuple(sorted((outside, a)))], outside, relation, a, 0.9, "model:x"),
        (pair[(a, b)], a, relation, b, 0.8, "model:x"),
    ]
    out = across_coordination(doc, mentions, pairs, found)
    inside = [f for f in out if {f[1], f[3]} == {a, b}]
    assert bool(inside) == kept
    # what is done to the list still goes to each name
    assert any(f[1] == outside and f[3] == b for f in out) or any(
        f[3] == outside and f[1] == b for f in out
    )


# --------------------------------------------------------------------------- model soups


def _logits(model: Path) -> np.ndarray:
    found = RelationModel(model).outputs_of_pairs([_PAIR])[0]
    assert found is not None
    return np.asarray(found[0])


def test_a_soup_of_a_model_with_itself_is_that_model(tiny_model: Path, tmp_path: Path) -> None:
    pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    soup = load_script("soup_models")
    out = tmp_path / "soup"
    assert soup.main([str(tiny_model), str(tiny_model), str(out), "--version", "tiny-soup"]) == 0
    meta = json.loads((out / "labels.json").read_text())
    assert meta["version"] == "tiny-soup"
    assert meta["labels"] == json.loads((tiny_model / "labels.json").read_text())["labels"]
    assert np.allclose(_logits(out), _logits(tiny_model), atol=1e-3)


def test_a_soup_weighs_its_two_models(tiny_model: Path, tmp_path: Path) -> None:
    pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    other = train_tiny(tmp_path / "other", "--lr", "5e-3")  # same seed: the same head to start
    assert not np.allclose(_logits(other), _logits(tiny_model), atol=1e-3)
    soup = load_script("soup_models")
    only_a, half = tmp_path / "only-a", tmp_path / "half"
    assert soup.main([str(tiny_model), str(other), str(only_a), "--weight", "1.0"]) == 0
    assert soup.main([str(tiny_model), str(other), str(half), "--none-bias", "0.5"]) == 0
    assert np.allclose(_logits(only_a), _logits(tiny_model), atol=1e-3)
    mixed = _logits(half)
    assert not np.allclose(mixed, _logits(tiny_model), atol=1e-3)
    assert not np.allclose(mixed, _logits(other), atol=1e-3)
    assert json.loads((half / "labels.json").read_text())["none_bias"] == 0.5


def test_models_of_different_labels_make_no_soup(tiny_model: Path, tmp_path: Path) -> None:
    pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    other = tmp_path / "relabelled"
    shutil.copytree(tiny_model, other)
    meta = json.loads((other / "labels.json").read_text())
    meta["labels"] = list(reversed(meta["labels"]))
    (other / "labels.json").write_text(json.dumps(meta))
    soup = load_script("soup_models")
    assert soup.main([str(tiny_model), str(other), str(tmp_path / "out")]) == 1
    assert not (tmp_path / "out").exists()


def test_a_head_of_fewer_labels_is_put_in_the_order_of_the_larger() -> None:
    # a relation first annotated after one model was trained: its head columns go to the
    # other's positions, and the label it lacks keeps the other's own column
    soup = load_script("soup_models")
    larger = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])  # labels none, new, x
    smaller = np.array([[10.0, 30.0], [40.0, 60.0]])  # labels none, x
    out = soup._aligned(larger, smaller, [0, -1, 1])
    assert out.tolist() == [[10.0, 2.0, 30.0], [40.0, 5.0, 60.0]]
    assert soup._aligned(np.zeros(3), np.ones(2), [0, -1, 1]).tolist() == [1.0, 0.0, 1.0]
    with pytest.raises(ValueError, match="shapes"):
        soup._aligned(larger, smaller, [0, 1])


@pytest.mark.parametrize(
    ("text", "actor", "target", "expected"),
    [
        ("Peter King opposed Bill Clinton's impeachment in 1998.", "Peter King", "Bill Clinton",
         True),
        ("Germany rejected the sanctions on Russia.", "Germany", "Russia", True),
        ("Russia condemned the ouster of Viktor Yanukovych.", "Russia", "Viktor Yanukovych",
         True),
        ("Obama opposed the 2003 invasion of Iraq.", "Obama", "Iraq", True),
        ("Peter King voted against Bill Clinton's impeachment.", "Peter King", "Bill Clinton",
         True),
        ("Peter King will oppose Democratic efforts to impeach Donald Trump.", "Peter King",
         "Donald Trump", True),
        # an act against the target that the actor does or wants is a conflict
        ("Democrats launched an effort to impeach Donald Trump.", "Democrats", "Donald Trump",
         False),
        ("Democrats pushed for Bill Clinton's impeachment.", "Democrats", "Bill Clinton", False),
        ("Germany imposed sanctions on Russia.", "Germany", "Russia", False),
        ("Russia condemned Ukraine on Monday.", "Russia", "Ukraine", False),
    ],
)  # fmt: skip
def test_opposing_an_act_against_someone_is_no_conflict_with_them(  # type: ignore[no-untyped-def]
    nlp, text: str, actor: str, target: str, expected: bool
) -> None:
    from kg.extract.hybrid import opposes_act_against
    from kg.extract.mentions import find_mentions

    doc = nlp(text)
    by_text = {m.text: m for m in find_mentions(doc)}
    assert opposes_act_against(doc, by_text[actor], by_text[target]) is expected


def test_a_relation_read_against_an_opposed_act_is_not_stated() -> None:
    """End to end: neither the model's reading nor a pattern's makes the act a conflict.

    (Before the check, the model read "Peter King opposes Bill Clinton" and the patterns
    "Germany sanctions Russia".)
    """
    from kg.ontology import category_of
    from kg.pipeline import process_articles
    from kg.types import Article

    (result,) = process_articles(
        [
            Article(
                id="opposed",
                text="Germany rejected the sanctions on Russia. "
                "Peter King opposed Bill Clinton's impeachment in 1998.",
            )
        ]
    )
    conflicts = {
        (a.subject.name, a.object.name)
        for a in result.assertions
        if category_of(a.relation) == "conflict"
    }
    assert not conflicts, conflicts


# --------------------------------------------------------------------------- seven-bit weights


def _eight_bit_copy(model: Path, out: Path) -> Path:
    """``model`` with its matrices requantized in eight bits (as exports were before)."""
    import onnx
    from onnx import numpy_helper

    soup = load_script("soup_models")
    shutil.copytree(model, out)
    proto = onnx.load(str(out / "model.onnx"))
    arrays = {i.name: numpy_helper.to_array(i) for i in proto.graph.initializer}
    new = {}
    for key, names in soup.weight_slots(proto).items():
        if key.startswith("W:"):
            w = soup._dequantize(arrays, names, 1)
            new.update(zip(names, soup._quantize_matrix(w, arrays[names[2]], 127), strict=True))
    for k, init in enumerate(proto.graph.initializer):
        if init.name in new:
            proto.graph.initializer[k].CopyFrom(numpy_helper.from_array(new[init.name], init.name))
    onnx.save(proto, str(out / "model.onnx"))
    return out


def test_the_shipped_model_and_new_exports_weigh_in_seven_bits(tiny_model: Path) -> None:
    """Seven-bit matrices: no uint8-by-int8 pair sum saturates 16 bits on any x86 processor."""
    onnx = pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    soup = load_script("soup_models")
    shipped = Path(model_module.__file__).parents[1] / "models" / "rel-minilm" / "model.onnx"
    assert soup.weight_bits(onnx.load(str(shipped))) == 7
    assert soup.weight_bits(onnx.load(str(tiny_model / "model.onnx"))) == 7
    assert json.loads((tiny_model / "labels.json").read_text())["weight_bits"] == 7
    assert json.loads(shipped.with_name("labels.json").read_text())["weight_bits"] == 7
    assert 255 * soup.SEVEN_BITS * 2 <= 2**15 - 1 < 255 * 127 * 2


def test_reduce_range_requantizes_an_eight_bit_model(tiny_model: Path, tmp_path: Path) -> None:
    onnx = pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    soup = load_script("soup_models")
    eight = _eight_bit_copy(tiny_model, tmp_path / "eight")
    assert soup.weight_bits(onnx.load(str(eight / "model.onnx"))) == 8
    # a soup keeps its first model's bits, unless told to reduce them
    kept, seven = tmp_path / "kept", tmp_path / "seven"
    assert soup.main([str(eight), str(eight), str(kept)]) == 0
    assert soup.main([str(eight), str(eight), str(seven), "--weight", "1", "--reduce-range"]) == 0
    assert soup.weight_bits(onnx.load(str(kept / "model.onnx"))) == 8
    assert soup.weight_bits(onnx.load(str(seven / "model.onnx"))) == 7
    assert json.loads((seven / "labels.json").read_text())["weight_bits"] == 7
    # one bit less, the same model within the rounding of a weight
    assert np.allclose(_logits(seven), _logits(eight), atol=0.05)
