"""The status head: a relation's negation and modality read from the model's pair vector."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from kg.errors import ModelError
from kg.extract.status import (
    STATUS_CLASSES,
    STATUS_FORMAT,
    StatusHead,
    clause_features,
    load_status_head,
    status_of,
)


def _head(policy: str, says: str, *, clause: bool = False) -> StatusHead:
    """A head over 3-wide vectors that reads every pair as ``says``."""
    width = 3 + (4 if clause else 0)
    bias = np.zeros(len(STATUS_CLASSES))
    bias[STATUS_CLASSES.index(says)] = 5.0
    return StatusHead(
        version="t-1",
        classes=STATUS_CLASSES,
        clause_features=clause,
        policy=policy,
        mean=np.zeros(width),
        scale=np.ones(width),
        weights=np.zeros((width, len(STATUS_CLASSES))),
        bias=bias,
    )


V = np.array([0.1, -0.2, 0.3])


@pytest.mark.parametrize(
    ("policy", "says", "clause", "expected"),
    [
        # the head decides fact or not; the clause keeps the speaker it found
        ("head", "hypothetical", (False, "asserted", -1), (False, "hypothetical", -1)),
        ("head", "negated", (False, "reported", 7), (True, "reported", 7)),
        ("head", "asserted", (False, "hypothetical", -1), (False, "asserted", -1)),
        ("head", "asserted", (False, "intended", 7), (False, "reported", 7)),
        ("head", "asserted", (True, "asserted", -1), (False, "asserted", -1)),
        ("head", "reported", (False, "reported", 7), (False, "reported", 7)),
        ("head", "intended", (True, "asserted", -1), (True, "intended", -1)),
        # either: a fact only when both read one
        ("either", "asserted", (False, "hypothetical", -1), (False, "hypothetical", -1)),
        ("either", "asserted", (True, "asserted", -1), (True, "asserted", -1)),
        ("either", "intended", (False, "asserted", -1), (False, "intended", -1)),
        # clause: the head is not used
        ("clause", "negated", (False, "asserted", -1), (False, "asserted", -1)),
    ],
)
def test_policies_combine_the_head_and_the_clause(
    policy: str, says: str, clause: tuple[bool, str, int], expected: tuple[bool, str, int]
) -> None:
    negated, modality, speaker = clause
    got = _head(policy, says).combine(V, negated=negated, modality=modality, speaker=speaker)
    assert got == expected


def test_clause_features_reach_the_head() -> None:
    # A head whose only weight is on the clause's "hypothetical" flag follows the clause.
    head = _head("head", "asserted", clause=True)
    weights = head.weights.copy()
    weights[3 + 1, STATUS_CLASSES.index("hypothetical")] = 20.0
    head = StatusHead(**{**head.__dict__, "weights": weights})
    assert head.status(V, negated=False, modality="hypothetical") == "hypothetical"
    assert head.status(V, negated=False, modality="asserted") == "asserted"
    assert clause_features(True, "intended") == [1.0, 0.0, 1.0, 0.0]
    assert status_of(True, "asserted") == "negated" and status_of(False, "reported") == "reported"


def test_a_vector_of_the_wrong_width_is_an_error() -> None:
    with pytest.raises(ModelError, match="expected 3 features, got 2"):
        _head("head", "asserted").status(np.zeros(2), negated=False, modality="asserted")


def _write(folder: Path, **meta: object) -> Path:
    base: dict[str, object] = {
        "format": STATUS_FORMAT,
        "version": "t-1",
        "classes": list(STATUS_CLASSES),
        "clause_features": False,
        "policy": "head",
        "mean": [0.0, 0.0],
        "scale": [1.0, 1.0],
        "weights": [[0.0] * 5, [0.0] * 5],
        "bias": [0.0] * 5,
    }
    base.update(meta)
    (folder / "status.json").write_text(json.dumps(base))
    return folder


def test_a_status_file_loads_and_bad_ones_are_refused(tmp_path: Path) -> None:
    assert load_status_head(tmp_path) is None  # no file: no head
    head = load_status_head(_write(tmp_path))
    assert head is not None and head.weights.shape == (2, 5) and head.policy == "head"
    for bad, message in [
        ({"format": "other"}, "expected format"),
        ({"policy": "vote"}, "unknown policy"),
        ({"bias": [0.0] * 4}, "do not agree in shape"),
        ({"mean": [0.0]}, "do not agree in shape"),
        ({"weights": [0.0] * 5}, "do not agree in shape"),
        ({"weights": "none"}, "not a status head"),
    ]:
        with pytest.raises(ModelError, match=message):
            load_status_head(_write(tmp_path, **bad))
    (tmp_path / "status.json").write_text("{not json")
    with pytest.raises(ModelError, match="cannot read"):
        load_status_head(tmp_path)
    (tmp_path / "status.json").write_text(json.dumps({"format": STATUS_FORMAT}))
    with pytest.raises(ModelError, match="not a status head"):
        load_status_head(tmp_path)
