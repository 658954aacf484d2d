"""Does the relation model read the same on an x86 processor without VNNI?

Usage:
    python benchmarks/isa_check.py [--model DIR] [--sentences 60] [--cpu Haswell]
        [--json OUT]

onnxruntime runs kg's int8 matrices on ``vpdpbusd`` (VNNI: products added in 32 bits) where
the processor has it, and on ``vpmaddubsw`` (two products added into a signed 16-bit integer,
which saturates) where it does not; its float kernels differ with the vector width too. This
script scores every labelled pair of the first ``--sentences`` sentences of the pair dev set
(``benchmarks/gold/pairs/dev.jsonl``; the mentions as annotated, all typed ``ORG``) twice
with the model: in this process's Python on this processor, and in the same Python under
``qemu-x86_64 -cpu CPU`` (user-mode emulation of a processor without VNNI and without
AVX-512: ``Haswell``, AVX2 only). It prints how far the logits, the decided classes and the
calibrated probabilities of the two runs lie apart.

Needs ``qemu-x86_64`` (Debian: ``apt-get install qemu-user``); emulation is slow (about nine
minutes for 60 sentences, 168 pairs, on a 2-core machine). The scoring mode of this script
is ``--score FILE`` (one run, its outputs written to FILE).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

PAIRS = PROJECT / "benchmarks" / "gold" / "pairs" / "dev.jsonl"


def score(model_dir: Path, sentences: int, out: Path) -> int:
    """Score the pairs of the first ``sentences`` dev sentences; write classes and logits."""
    from kg.extract.candidates import MentionPair
    from kg.extract.model import RelationModel

    model = RelationModel(model_dir)
    pairs: list[MentionPair] = []
    with PAIRS.open(encoding="utf-8") as f:
        records = [json.loads(line) for _, line in zip(range(sentences), f, strict=False)]
    for rec in records:
        ms = rec["mentions"]
        for p in rec["pairs"]:
            a, b = sorted((p["head"], p["tail"]), key=lambda i: ms[i]["start"])
            pairs.append(
                MentionPair(
                    rec["text"],
                    rec["start"],
                    rec["end"],
                    a,
                    b,
                    (ms[a]["start"], ms[a]["end"]),
                    (ms[b]["start"], ms[b]["end"]),
                    "ORG",
                    "ORG",
                )
            )
    outputs = model.outputs_of_pairs(pairs)
    scores = model.score(pairs)
    rows = [
        {
            "relation": s.relation,
            "reverse": s.reverse,
            "probability": s.probability,
            "logits": None if o is None else [float(x) for x in o[0]],
        }
        for s, o in zip(scores, outputs, strict=True)
    ]
    out.write_text(json.dumps(rows), encoding="utf-8")
    return 0


def compare(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> dict[str, Any]:
    """Return how far two runs' readings of the same pairs lie apart."""
    logit = 0.0
    for x, y in zip(a, b, strict=True):
        if x["logits"] is not None and y["logits"] is not None:
            logit = max(
                logit, max(abs(p - q) for p, q in zip(x["logits"], y["logits"], strict=True))
            )
    return {
        "pairs": len(a),
        "max_logit_difference": round(logit, 4),
        "decisions_differing": sum(
            (x["relation"], x["reverse"]) != (y["relation"], y["reverse"])
            for x, y in zip(a, b, strict=True)
        ),
        "max_probability_difference": round(
            max(
                (abs(x["probability"] - y["probability"]) for x, y in zip(a, b, strict=True)),
                default=0.0,
            ),
            3,
        ),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", type=Path, default=PROJECT / "kg" / "models" / "rel-minilm")
    ap.add_argument("--sentences", type=int, default=60)
    ap.add_argument("--cpu", default="Haswell", help="qemu's processor model (no VNNI)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--score", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.score is not None:
        return score(args.model, args.sentences, args.score)
    qemu = shutil.which("qemu-x86_64")
    if qemu is None:
        print("isa_check: qemu-x86_64 is not installed (Debian: apt-get install qemu-user)")
        return 2
    here = [
        sys.executable,
        __file__,
        "--model",
        str(args.model),
        "--sentences",
        str(args.sentences),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        native, emulated = Path(tmp) / "native.json", Path(tmp) / "emulated.json"
        t0 = time.perf_counter()
        subprocess.run([*here, "--score", str(native)], check=True)
        t1 = time.perf_counter()
        run = subprocess.run(
            [qemu, "-cpu", args.cpu, *here, "--score", str(emulated)],
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
        # qemu warns of each CPUID feature its emulator lacks; anything else is shown
        for line in run.stderr.splitlines():
            if "TCG doesn't support requested feature" not in line:
                print(line, file=sys.stderr)
        if run.returncode != 0:
            print(f"isa_check: the emulated run failed (exit {run.returncode})")
            return 1
        t2 = time.perf_counter()
        figures = compare(
            json.loads(native.read_text(encoding="utf-8")),
            json.loads(emulated.read_text(encoding="utf-8")),
        )
    labels = json.loads((args.model / "labels.json").read_text(encoding="utf-8"))
    figures |= {
        "model": labels.get("version"),
        "weight_bits": labels.get("weight_bits", 8),
        "cpu": args.cpu,
        "native_seconds": round(t1 - t0, 1),
        "emulated_seconds": round(t2 - t1, 1),
    }
    print(
        f"{figures['model']} ({figures['weight_bits']}-bit weights), {figures['pairs']} pairs, "
        f"this processor against qemu -cpu {args.cpu}: logits up to "
        f"{figures['max_logit_difference']} apart, {figures['decisions_differing']} decisions "
        f"differ, probabilities up to {figures['max_probability_difference']} apart"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
