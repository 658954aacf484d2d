"""The learned negation and modality of a relation the model reads (its *status*).

A relation model folder may hold ``status.json``: a linear head over the relation
model's own pair vector (the input of its relation head, the ONNX output ``pair``), and
optionally the patterns' clause reading of the pair (``clause_context``), trained by
``scripts/train_status.py`` on the gold pair annotations' ``negated`` and ``modality``. It
reads each pair as one of :data:`STATUS_CLASSES`: a fact (``asserted``, ``reported``) or
not (``hypothetical``, ``intended``, ``negated``).

How the head and the clause reading combine (``policy``, chosen on the pair dev set by
the training script):

- ``head``: the head decides whether the relation is a fact; the clause reading keeps the
  speaker (and says ``reported`` where it found one);
- ``either``: a relation is a fact only when both say so (fewer non-facts stated, some
  facts lost);
- ``clause``: the head is not used (the patterns' reading alone, as without the file).

Nothing here needs torch: the head is a matrix product in numpy.

Example:
    >>> import numpy as np
    >>> head = StatusHead(
    ...     version="t", classes=STATUS_CLASSES, clause_features=False, policy="head",
    ...     mean=np.zeros(2), scale=np.ones(2),
    ...     weights=np.array([[1.0, 0, 0, 0, 0], [0, 0, 0, 0, 1.0]]), bias=np.zeros(5))
    >>> head.combine(np.array([0.0, 3.0]), negated=False, modality="asserted", speaker=-1)
    (True, 'asserted', -1)
    >>> head.combine(np.array([3.0, 0.0]), negated=False, modality="hypothetical", speaker=4)
    (False, 'reported', 4)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kg.errors import ModelError
from kg.types import Modality

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "FACT_CLASSES",
    "POLICIES",
    "STATUS_CLASSES",
    "STATUS_FORMAT",
    "StatusHead",
    "clause_features",
    "load_status_head",
    "read_model_json",
    "status_of",
]

STATUS_FORMAT = "kg.status-head.v1"
STATUS_CLASSES: tuple[str, ...] = ("asserted", "reported", "hypothetical", "intended", "negated")
"""What a relation's statement is: two kinds of fact, three of non-fact."""
FACT_CLASSES = frozenset({"asserted", "reported"})
POLICIES = ("head", "either", "clause")
_MODALITIES = ("hypothetical", "intended", "reported")


def status_of(negated: bool, modality: str) -> str:
    """Return the status class of a (negated, modality) reading.

    Example:
        >>> status_of(True, "hypothetical"), status_of(False, "intended")
        ('negated', 'intended')
    """
    return "negated" if negated else modality


def clause_features(negated: bool, modality: str) -> list[float]:
    """Return the clause reading as head features: negated, then one flag per modality.

    Example:
        >>> clause_features(False, "reported")
        [0.0, 0.0, 0.0, 1.0]
    """
    return [float(negated), *(float(modality == m) for m in _MODALITIES)]


@dataclass(frozen=True, eq=False)
class StatusHead:
    """A linear status head: standardized features, weights (features × classes), bias."""

    version: str
    classes: tuple[str, ...]
    clause_features: bool
    policy: str
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    threshold: float = 0.5

    def probabilities(self, vector: np.ndarray, *, negated: bool, modality: str) -> np.ndarray:
        """Return the class probabilities of one pair (``vector``: its pair vector)."""
        import numpy as np

        x = np.asarray(vector, dtype=np.float64).ravel()
        if self.clause_features:
            x = np.concatenate([x, np.array(clause_features(negated, modality))])
        if x.shape[0] != self.mean.shape[0]:
            want, got = self.mean.shape[0], x.shape[0]
            msg = f"status head {self.version}: expected {want} features, got {got}"
            raise ModelError(msg)
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max()
        p: np.ndarray = np.exp(z) / np.exp(z).sum()
        return p

    def status(self, vector: np.ndarray, *, negated: bool, modality: str) -> str:
        """Return the head's class of one pair.

        A non-fact when the non-fact classes together have more than ``threshold`` of the
        probability (the likeliest of them), else the likelier fact class.
        """
        p = self.probabilities(vector, negated=negated, modality=modality)
        nonfact = [i for i, c in enumerate(self.classes) if c not in FACT_CLASSES]
        fact = [i for i, c in enumerate(self.classes) if c in FACT_CLASSES]
        group = nonfact if float(p[nonfact].sum()) > self.threshold else fact
        return self.classes[max(group, key=lambda i: float(p[i]))]

    def combine(
        self, vector: np.ndarray, *, negated: bool, modality: str, speaker: int
    ) -> tuple[bool, Modality, int]:
        """Return (negated, modality, speaker) from the head and the clause reading."""
        clause = status_of(negated, modality)
        if self.policy == "clause":
            return negated, cast("Modality", modality), speaker
        head = self.status(vector, negated=negated, modality=modality)
        if self.policy == "either" and clause not in FACT_CLASSES:
            return negated, cast("Modality", modality), speaker
        if head in FACT_CLASSES:
            if clause in FACT_CLASSES:
                return False, cast("Modality", modality), speaker
            return False, "reported" if speaker >= 0 else "asserted", speaker
        if head == "negated":
            return True, cast("Modality", modality), speaker
        return negated, cast("Modality", head), speaker


def read_model_json(path: Path, fmt: str) -> dict[str, Any]:
    """Read a model file's JSON (``labels.json``, ``status.json``) and check its ``format``.

    Raises:
        ModelError: The file cannot be read, is not JSON, or is of another format.
    """
    try:
        meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"cannot read {str(path)!r}: {exc}"
        raise ModelError(msg) from exc
    if not isinstance(meta, dict) or meta.get("format") != fmt:
        got = meta.get("format") if isinstance(meta, dict) else None
        msg = f"{str(path)!r}: expected format {fmt!r}, got {got!r}"
        raise ModelError(msg)
    return meta


def load_status_head(folder: Path) -> StatusHead | None:
    """Return the status head of a relation model folder (``None``: it has none).

    Raises:
        ModelError: ``status.json`` exists but is not a status head of this format.
    """
    path = folder / "status.json"
    if not path.is_file():
        return None
    import numpy as np

    meta = read_model_json(path, STATUS_FORMAT)
    try:
        head = StatusHead(
            version=str(meta["version"]),
            classes=tuple(str(c) for c in meta["classes"]),
            clause_features=bool(meta["clause_features"]),
            policy=str(meta["policy"]),
            mean=np.array(meta["mean"], dtype=np.float64),
            scale=np.array(meta["scale"], dtype=np.float64),
            weights=np.array(meta["weights"], dtype=np.float64),
            bias=np.array(meta["bias"], dtype=np.float64),
            threshold=float(meta.get("threshold", 0.5)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        msg = f"{str(path)!r}: not a status head ({exc})"
        raise ModelError(msg) from exc
    if head.policy not in POLICIES or set(head.classes) != set(STATUS_CLASSES):
        msg = f"{str(path)!r}: unknown policy {head.policy!r} or classes {head.classes}"
        raise ModelError(msg)
    n_features, n_classes = head.weights.shape if head.weights.ndim == 2 else (-1, -1)
    if (
        n_classes != len(head.classes)
        or head.bias.shape != (n_classes,)
        or head.mean.shape != (n_features,)
        or head.scale.shape != (n_features,)
    ):
        msg = f"{str(path)!r}: weights, bias, mean and scale do not agree in shape"
        raise ModelError(msg)
    return head
