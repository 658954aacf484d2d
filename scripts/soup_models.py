"""Average the weights of two relation models fine-tuned from the same base (a "model soup").

Usage::

    .venv/bin/python scripts/soup_models.py A B OUT [--weight 0.5] [--version NAME]
        [--none-bias X] [--temperature T]

``A`` and ``B`` are model folders as ``scripts/train_relations.py`` writes them (int8 ONNX,
``labels.json``, ``tokenizer.json``), fine-tuned from the same encoder with the same labels
and the same head initialisation (the same ``--seed``), e.g. two recipes of one seed. Every
weight is dequantized, averaged (``weight`` of A, the rest of B) and quantized again the way
the export quantized it: matrices int8 per output channel, symmetric; embeddings per tensor in
their own type. The export numbers its matrices differently from one model to the next, so
each is matched by the bias it feeds (``encoder.encoder.layer.0.attention.self.query.bias``).
OUT gets A's graph with the averaged weights, A's tokenizer, and A's ``labels.json`` with the
new version, ``none`` bias and temperature (the mean of the two unless given).

Needs the ``train`` extra (``onnx``). Weight averaging of fine-tuned models: Wortsman et al.,
"Model soups", ICML 2022.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import numpy as np

_QUANTIZED = "_quantized"
_HOPS = 6  # from a matrix product to the addition of its bias, at most


def weight_slots(model: Any) -> dict[str, tuple[str, ...]]:
    """Map each weight of ``model`` (an ``onnx.ModelProto``) to its initializer names.

    ``W:<bias>``: an int8 matrix (quantized, scale, zero point), named by the bias its
    product feeds; ``E:<name>``: another quantized tensor (the embeddings); ``F:<name>``: a
    float tensor (biases, layer norms).
    """
    graph = model.graph
    init = {i.name for i in graph.initializer}
    consumers: dict[str, list[Any]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            consumers[name].append(node)
    slots: dict[str, tuple[str, ...]] = {}
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        quantized = node.input[1]
        bias = _bias_after(node.output[0], consumers, init)
        if bias is None or not quantized.endswith(_QUANTIZED):
            msg = f"no bias after the product of {quantized!r}"
            raise ValueError(msg)
        base = quantized[: -len(_QUANTIZED)]
        slots["W:" + bias] = (quantized, base + "_scale", base + "_zero_point")
    used = {names[0] for names in slots.values()}
    for name in sorted(init - used):
        if name.startswith("onnx::") or name.endswith(("_scale", "_zero_point")):
            continue
        if name.endswith(_QUANTIZED):
            base = name[: -len(_QUANTIZED)]
            slots["E:" + base] = (name, base + "_scale", base + "_zero_point")
        else:
            slots["F:" + name] = (name,)
    return slots


def _bias_after(output: str, consumers: dict[str, list[Any]], init: set[str]) -> str | None:
    """The named bias added to ``output`` within a few nodes (the product's own)."""
    frontier = [output]
    for _ in range(_HOPS):
        following: list[str] = []
        for name in frontier:
            for node in consumers[name]:
                named = [
                    x
                    for x in node.input
                    if x in init and not x.startswith("onnx::") and x.endswith("bias")
                ]
                if node.op_type == "Add" and named:
                    return named[0]
                following += list(node.output)
        frontier = following
    return None


def _dequantize(arrays: dict[str, np.ndarray], names: tuple[str, ...], axis: int) -> np.ndarray:
    q, s, z = (arrays[n].astype(np.float32) for n in names)
    if s.ndim == 0:
        return (q - z) * s
    shape = [1] * q.ndim
    shape[axis] = -1
    return (q - z.reshape(shape)) * s.reshape(shape)


SEVEN_BITS = 64
"""The largest weight of a seven-bit matrix (onnxruntime's ``reduce_range``): 255 * 64 * 2
fits the signed 16 bits x86 processors without VNNI add two products into; 255 * 127 * 2
does not, and saturates."""


def _quantize_matrix(
    w: np.ndarray, zero_point: np.ndarray, qmax: int = 127
) -> tuple[np.ndarray, ...]:
    """Symmetric int8 per output channel (axis 1), as the export's dynamic quantization.

    ``qmax``: 127 (eight bits) or :data:`SEVEN_BITS`.
    """
    scale = np.abs(w).max(axis=0) / float(qmax)
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale), -qmax, qmax).astype(np.int8)
    return q, scale.astype(np.float32), np.zeros_like(zero_point)


def _quantize_tensor(w: np.ndarray, like: np.ndarray, zero_point: np.ndarray) -> tuple[Any, ...]:
    """Per tensor, in the type of ``like``: uint8 with a zero point, or int8 symmetric."""
    if like.dtype == np.uint8:
        lo, hi = min(w.min(), 0.0), max(w.max(), 0.0)
        scale = (hi - lo) / 255.0 or 1.0
        zp = np.clip(np.round(-lo / scale), 0, 255)
        q = np.clip(np.round(w / scale) + zp, 0, 255).astype(np.uint8)
        return q, np.array(scale, dtype=np.float32), np.array(zp, dtype=np.uint8)
    scale = np.abs(w).max() / 127.0 or 1.0
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, np.array(scale, dtype=np.float32), np.zeros_like(zero_point)


def weight_bits(model: Any) -> int:
    """Return 7 when every matrix of ``model`` (an ``onnx.ModelProto``) is in seven bits, else 8."""
    from onnx import numpy_helper

    arrays = {i.name: i for i in model.graph.initializer}
    for key, names in weight_slots(model).items():
        if key.startswith("W:"):
            q = numpy_helper.to_array(arrays[names[0]]).astype(np.int16)
            if int(np.abs(q).max()) > SEVEN_BITS:
                return 8
    return 7


def _aligned(x: np.ndarray, y: np.ndarray, columns: list[int] | None) -> np.ndarray:
    """Return ``y`` with its last axis in the order of ``x``'s labels.

    ``columns``: for each of ``x``'s labels, its index in ``y``, or -1 where ``y`` has no such
    label (``x``'s own values there).
    """
    if columns is None or x.shape == y.shape:
        return y
    if x.shape[:-1] != y.shape[:-1] or x.shape[-1] != len(columns):
        msg = f"shapes {x.shape} and {y.shape}"
        raise ValueError(msg)
    out = x.astype(np.float32).copy()
    for j, k in enumerate(columns):
        if k >= 0:
            out[..., j] = y[..., k]
    return out


def soup(
    a: Any,
    b: Any,
    weight: float = 0.5,
    *,
    reduce_range: bool = False,
    columns: list[int] | None = None,
) -> Any:
    """Return ``a`` (an ``onnx.ModelProto``) with each weight ``weight * a + (1 - weight) * b``.

    ``reduce_range``: the matrices in seven bits (:data:`SEVEN_BITS`); they are too when
    ``a``'s are (its largest weight is 64, not 127: each channel's largest is the bound).
    ``columns``: when ``b`` reads fewer labels than ``a`` (a relation first annotated after
    ``b`` was trained), for each of ``a``'s labels its index in ``b``, or -1; the head's
    columns of ``b`` are put in ``a``'s order, and a label ``b`` lacks keeps ``a``'s column.
    """
    from onnx import numpy_helper

    slots_a, slots_b = weight_slots(a), weight_slots(b)
    if set(slots_a) != set(slots_b):
        msg = f"the two models differ in their weights: {sorted(set(slots_a) ^ set(slots_b))}"
        raise ValueError(msg)
    arr_a = {i.name: numpy_helper.to_array(i) for i in a.graph.initializer}
    arr_b = {i.name: numpy_helper.to_array(i) for i in b.graph.initializer}
    seven = reduce_range or weight_bits(a) == 7
    new: dict[str, np.ndarray] = {}
    for key, names in sorted(slots_a.items()):
        other = slots_b[key]
        if arr_a[names[0]].shape != arr_b[other[0]].shape and (
            columns is None or key.startswith("E:")
        ):
            msg = f"{key}: shapes {arr_a[names[0]].shape} and {arr_b[other[0]].shape}"
            raise ValueError(msg)
        if key.startswith("F:"):
            x = arr_a[names[0]]
            y = _aligned(x, arr_b[other[0]], columns)
            new[names[0]] = (weight * x + (1 - weight) * y).astype(x.dtype)
            continue
        axis = 1 if key.startswith("W:") else 0
        x = _dequantize(arr_a, names, axis)
        w = weight * x + (1 - weight) * _aligned(x, _dequantize(arr_b, other, axis), columns)
        if key.startswith("W:"):
            qmax = SEVEN_BITS if seven else 127
            parts = _quantize_matrix(w, arr_a[names[2]], qmax)
        else:
            parts = _quantize_tensor(w, arr_a[names[0]], arr_a[names[2]])
        new.update(zip(names, parts, strict=True))
    for k, init in enumerate(a.graph.initializer):
        if init.name in new:
            a.graph.initializer[k].CopyFrom(numpy_helper.from_array(new[init.name], init.name))
    return a


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--weight", type=float, default=0.5, help="A's share (default 0.5)")
    parser.add_argument("--version", help="the soup's version (default: A's + '-soup')")
    parser.add_argument("--none-bias", type=float, help="default: the mean of the two")
    parser.add_argument("--temperature", type=float, help="default: the mean of the two")
    parser.add_argument(
        "--reduce-range",
        action="store_true",
        help="requantize the matrices in seven bits (no 16-bit saturation on x86 processors "
        "without VNNI); A A OUT --weight 1 --reduce-range requantizes one model",
    )
    args = parser.parse_args(argv)
    try:
        import onnx
    except ImportError:
        print("soup_models.py needs the train extra (onnx)", file=sys.stderr)
        return 2
    meta_a = json.loads((args.a / "labels.json").read_text(encoding="utf-8"))
    meta_b = json.loads((args.b / "labels.json").read_text(encoding="utf-8"))
    columns = None
    base, other, share = args.a, args.b, args.weight
    if meta_a["labels"] != meta_b["labels"]:
        small, large = sorted((meta_a, meta_b), key=lambda m: len(m["labels"]))
        if not set(small["labels"]) < set(large["labels"]):
            print("the two models have different labels", file=sys.stderr)
            return 1
        # a relation first annotated after one of them was trained: the graph and the labels
        # of the one that reads it, the other's head columns put in their order
        if large is meta_b:
            base, other, share = args.b, args.a, 1 - args.weight
        index = {label: k for k, label in enumerate(small["labels"])}
        columns = [index.get(label, -1) for label in large["labels"]]
    try:
        model = soup(
            onnx.load(base / "model.onnx"),
            onnx.load(other / "model.onnx"),
            share,
            reduce_range=args.reduce_range,
            columns=columns,
        )
    except ValueError as exc:
        print(f"cannot average {args.a} and {args.b}: {exc}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    onnx.save(model, args.out / "model.onnx")
    shutil.copy(base / "tokenizer.json", args.out / "tokenizer.json")
    meta = dict(meta_a)
    meta["labels"] = max(meta_a["labels"], meta_b["labels"], key=len)
    meta["version"] = args.version or f"{meta_a['version']}-soup"
    for key, given in (("none_bias", args.none_bias), ("temperature", args.temperature)):
        meta[key] = given if given is not None else (meta_a[key] + meta_b[key]) / 2
    seven = weight_bits(model) == 7
    bits = "seven-bit int8" if seven else "int8"
    if args.a.resolve() == args.b.resolve() or args.weight == 1:
        meta["training"] = f"{meta_a.get('training', meta_a['version'])}; requantized {bits}"
    else:
        meta["training"] = (
            f"weight average of {meta_a['version']} ({args.weight}) and {meta_b['version']} "
            f"({1 - args.weight:g}), requantized {bits} (scripts/soup_models.py)"
        )
    meta["weight_bits"] = 7 if seven else 8
    (args.out / "labels.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"{args.out}: {meta['version']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
