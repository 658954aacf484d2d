"""The learned relation model at run time: an ONNX pair classifier, no torch.

A model is a folder (shipped ones live in ``kg/models/<name>/``) with:

- ``model.onnx``: an encoder fine-tuned as a pair classifier, int8-quantized; inputs
  ``input_ids``, ``attention_mask`` (int64, batch × length) and ``e1``, ``e2`` (int64,
  batch: where each mention's start marker is), output ``logits`` (batch × classes);
- ``tokenizer.json``: the encoder's tokenizer (:mod:`tokenizers`);
- ``labels.json``: the class list, the ``none`` bias (and any ``category_bias``), the
  temperature, the version, the maximum length (written by ``scripts/train_relations.py``);
- optionally ``status.json``: a head reading each pair's negation and modality from the
  model's pair vector (the ONNX output ``pair``, the relation head's input), see
  :mod:`kg.extract.status`.

Two kinds of model (``labels.json``'s ``input``):

- ``pair``: one encoder pass per pair, shown with typed entity markers, the earlier mention
  first: "@ * state * Japan @ met # ^ state ^ China # ." (:func:`mark_pair`);
- ``sentence``: one encoder pass per sentence with every mention marked alike,
  "@ * state * Japan @ met @ * state * China @ ." (:func:`mark_mentions`), and the head
  reading each pair's two opening markers; the ONNX model then also takes ``row`` (which
  sentence of the batch a pair is in), and ``e1``/``e2`` are per pair. A sentence's pairs
  cost one pass together, which is what makes the model affordable at parser speed.
  ``labels.json``'s ``marker_style`` says how a mention is marked: ``punct`` (the default, five
  tokens a mention, as above) or ``start``, one token of the encoder's vocabulary before
  each mention naming its type, "[unused3] Japan met [unused3] China ." (a third of a
  sentence's tokens are punct markers; the encoder's time grows with the tokens).

A class is ``none``,
a relation (the earlier mention is the head, or the relation is symmetric) or
``<relation>^-1`` (the later mention is the head). The ``none`` logit gets
``labels.json``'s ``none_bias`` (log 1/keep-rate of the negative sampling in training)
and every logit is divided by the temperature fitted on the dev set, so the probability
is calibrated.

Decoding (``decode``, ``labels.json`` or :data:`DECODE`): ``category`` (the default) first
decides the category, by summing the probabilities of its classes in both directions
against ``none``, then the direction (the larger sum of the two) and the most probable
relation of that direction, with the category's probability as its confidence: a pair read
as 0.3 criticizes, 0.2 opposes and 0.4 none is a conflict (0.5), and so is one read as 0.3
criticizes, 0.25 criticized-by and 0.45 none (0.55): the graph's categories say that two
actors are in conflict, and which of them acts is a second question. ``class`` takes the
single most probable class.

Nothing is loaded at import: :func:`load_relation_model` reads the files on first use,
once per process, and runs onnxruntime on one intra-op thread (``-j`` scales by
processes). Scores depend only on the pairs given in one call, so one document's
pairs score the same in any worker.

Example:
    >>> mark_pair("Japan met China.", (0, 5), "GPE", (10, 15), "GPE")[0]
    '@ * state * Japan @ met # ^ state ^ China #.'
"""

from __future__ import annotations

import hashlib
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ModelError
from kg.extract.candidates import MentionPair
from kg.extract.status import StatusHead, load_status_head, read_model_json

if TYPE_CHECKING:
    import numpy as np
    from tokenizers import Tokenizer

__all__ = [
    "DEFAULT_RELATION_MODEL",
    "MODEL_FORMAT",
    "NONE",
    "RELATION_MODEL_ENV",
    "EncodedPair",
    "EncodedSentence",
    "PairScore",
    "RelationModel",
    "class_name",
    "encode_pair",
    "encode_sentence",
    "load_relation_model",
    "mark_mentions",
    "mark_pair",
    "parse_class",
    "relation_model_id",
    "relation_model_path",
    "with_start_markers",
]

DEFAULT_RELATION_MODEL = "rel-minilm"
"""Name of the shipped relation model (a folder of ``kg/models``)."""
RELATION_MODEL_ENV = "KG_RELATION_MODEL"
"""Environment variable naming another model: a folder, or a name in ``kg/models``."""
MODEL_FORMAT = "kg.relation-model.v1"
NONE = "none"
_REVERSE = "^-1"
_BATCH = 32
# One sentence a run: the int8 model quantizes its activations with one scale per run, so in
# a padded batch a sentence's scores would depend on its neighbours (and the padding costs
# time): alone, each sentence is scored the same wherever it is, in half the time.
_SENTENCE_BATCH = 1

# Marker word per mention label: the entity type the encoder sees.
MARKER_TYPES: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "state",
    "NORP": "group",
    "LOC": "place",
    "OFFICE": "office",
}
MARKER_STYLES = ("punct", "start")
"""How a one-pass model marks a mention (``labels.json``'s ``marker_style``): ``punct``,
``@ * type * words @``; ``start``, one token naming the type before the words."""
# The ``start`` style's token per marker word: unused entries of the BERT vocabulary the
# base encoder shares (its tokenizer learns them as special tokens, never split).
START_MARKERS: dict[str, str] = {
    word: f"[unused{k}]" for k, word in enumerate([*MARKER_TYPES.values(), "entity"], start=1)
}


def class_name(relation: str, *, reverse: bool = False) -> str:
    """Return the class of ``relation`` (``reverse``: the later mention is the head).

    Example:
        >>> class_name("attacks", reverse=True)
        'attacks^-1'
    """
    return relation + _REVERSE if reverse else relation


DECODE = "category"
"""How a pair's class is chosen: ``category`` (category and direction first) or ``class``."""


def parse_class(name: str) -> tuple[str, bool]:
    """Return (relation, reverse) of a class name.

    Example:
        >>> parse_class("attacks^-1"), parse_class("meetsWith")
        (('attacks', True), ('meetsWith', False))
    """
    if name.endswith(_REVERSE):
        return name[: -len(_REVERSE)], True
    return name, False


def mark_pair(
    sentence: str,
    first: tuple[int, int],
    first_label: str,
    second: tuple[int, int],
    second_label: str,
) -> tuple[str, tuple[int, int, int, int]]:
    """Put typed markers around two mentions (``first`` before ``second``).

    Returns:
        The marked text and the character positions of its four markers: the opening
        and closing ``@`` of the first mention, the opening and closing ``#`` of the second.
    """
    s1, e1 = first
    s2, e2 = second
    t1 = MARKER_TYPES.get(first_label, "entity")
    t2 = MARKER_TYPES.get(second_label, "entity")
    parts = [
        sentence[:s1],
        f"@ * {t1} * ",
        sentence[s1:e1],
        " @",
        sentence[e1:s2],
        f"# ^ {t2} ^ ",
        sentence[s2:e2],
        " #",
        sentence[e2:],
    ]
    pos = 0
    marks: list[int] = []
    for k, part in enumerate(parts):
        if k == 1:
            marks.append(pos)
        elif k in (3, 7):
            marks.append(pos + 1)
        elif k == 5:
            marks.append(pos)
        pos += len(part)
    text = "".join(parts)
    # Markers glued to a word ("Japan@") still split: BERT tokenizers cut at punctuation.
    return text, (marks[0], marks[1], marks[2], marks[3])


@dataclass(frozen=True, slots=True)
class EncodedPair:
    """Token ids of a marked pair and where its two start markers are."""

    ids: tuple[int, ...]
    e1: int
    e2: int


def encode_pair(
    tokenizer: Tokenizer,
    sentence: str,
    first: tuple[int, int],
    first_label: str,
    second: tuple[int, int],
    second_label: str,
    *,
    max_length: int,
) -> EncodedPair | None:
    """Tokenize a marked pair into at most ``max_length`` ids (with [CLS] and [SEP]).

    A sentence too long for the model is cut to a window around both mentions; a pair
    whose mentions lie further apart than the window is not encoded (``None``).
    """
    text, (o1, c1, o2, c2) = mark_pair(sentence, first, first_label, second, second_label)
    enc = tokenizer.encode(text, add_special_tokens=False)
    starts = {span[0]: k for k, span in reversed(list(enumerate(enc.offsets)))}
    if not {o1, c1, o2, c2} <= starts.keys():
        return None  # a marker merged into a token: cannot be located
    i1, i2, j2 = starts[o1], starts[o2], starts[c2]
    ids = enc.ids
    budget = max_length - 2
    lo = 0
    if len(ids) > budget:
        if j2 - i1 + 1 > budget:
            return None
        lo = max(0, min(i1, (i1 + j2 + 1) // 2 - budget // 2))
        lo = min(lo, len(ids) - budget)
    window = ids[lo : lo + budget]
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        msg = "the relation model's tokenizer has no [CLS] or [SEP] token"
        raise ModelError(msg)
    return EncodedPair((cls_id, *window, sep_id), i1 - lo + 1, i2 - lo + 1)


def mark_mentions(
    sentence: str, spans: Sequence[tuple[int, int, str]], *, markers: str = "punct"
) -> tuple[str, list[int]]:
    """Put typed markers around every mention of a sentence (one-pass models).

    Every mention gets the same markers, ``@ * type * words @`` (``markers="start"``: one
    token before it, ``[unused3] words``); a pair is told apart by where the head reads
    (the two opening markers), not by the markers' shapes.

    Args:
        sentence: The sentence text.
        spans: (start, end, label) of each mention inside ``sentence``.
        markers: ``punct`` or ``start`` (:data:`MARKER_STYLES`).

    Returns:
        The marked text, and for each mention the character position of its opening
        marker (-1: it overlaps a mention marked before it, and is left unmarked).

    Example:
        >>> mark_mentions("Japan met China.", [(0, 5, "GPE"), (10, 15, "GPE")])
        ('@ * state * Japan @ met @ * state * China @.', [0, 24])
        >>> mark_mentions("Japan met China.", [(0, 5, "GPE"), (10, 15, "GPE")], markers="start")
        ('[unused3] Japan met [unused3] China.', [0, 20])
    """
    if markers not in MARKER_STYLES:
        msg = f"unknown markers {markers!r} (one of {', '.join(MARKER_STYLES)})"
        raise ModelError(msg)
    order = sorted(range(len(spans)), key=lambda k: (spans[k][0], spans[k][1]))
    opens = [-1] * len(spans)
    parts: list[str] = []
    pos = 0  # characters written so far
    done = 0  # characters of ``sentence`` consumed
    for k in order:
        s, e, label = spans[k]
        if s < done:
            continue  # overlaps an earlier mention
        parts.append(sentence[done:s])
        pos += s - done
        opens[k] = pos
        word = MARKER_TYPES.get(label, "entity")
        if markers == "start":
            marked = f"{START_MARKERS[word]} {sentence[s:e]}"
        else:
            marked = f"@ * {word} * {sentence[s:e]} @"
        parts.append(marked)
        pos += len(marked)
        done = e
    parts.append(sentence[done:])
    return "".join(parts), opens


@dataclass(frozen=True, slots=True)
class EncodedSentence:
    """Token ids of a sentence with every mention marked, and each mention's marker.

    ``starts[k]`` is the token index of mention ``k``'s opening marker, or -1 when the
    mention is not in the encoded window (or overlaps another).
    """

    ids: tuple[int, ...]
    starts: tuple[int, ...]


def encode_sentence(
    tokenizer: Tokenizer,
    sentence: str,
    spans: Sequence[tuple[int, int, str]],
    *,
    max_length: int,
    markers: str = "punct",
) -> EncodedSentence:
    """Tokenize a sentence with all its mentions marked into at most ``max_length`` ids.

    A sentence too long for the model keeps its first ``max_length - 2`` tokens; the
    mentions after the cut get -1 (their pairs are read as ``none``). ``markers="start"``
    needs a tokenizer that knows the marker tokens (:func:`with_start_markers`).
    """
    text, opens = mark_mentions(sentence, spans, markers=markers)
    enc = tokenizer.encode(text, add_special_tokens=False)
    first_token = {span[0]: k for k, span in reversed(list(enumerate(enc.offsets)))}
    budget = max_length - 2
    starts = []
    for o in opens:
        k = first_token.get(o, -1) if o >= 0 else -1
        starts.append(k + 1 if 0 <= k < budget else -1)
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls_id is None or sep_id is None:
        msg = "the relation model's tokenizer has no [CLS] or [SEP] token"
        raise ModelError(msg)
    return EncodedSentence((cls_id, *enc.ids[:budget], sep_id), tuple(starts))


def with_start_markers(tokenizer: Tokenizer) -> Tokenizer:
    """Teach ``tokenizer`` the ``start`` markers as special tokens; return it.

    The markers are never split nor lower-cased, and keep their ids in the vocabulary.

    Example:
        >>> from tokenizers import Tokenizer  # doctest: +SKIP
        >>> tok = with_start_markers(Tokenizer.from_file("tokenizer.json"))  # doctest: +SKIP
        >>> tok.encode("[unused3] Japan", add_special_tokens=False).tokens  # doctest: +SKIP
        ['[unused3]', 'japan']
    """
    missing = [t for t in START_MARKERS.values() if tokenizer.token_to_id(t) is None]
    if missing:
        msg = f"the tokenizer's vocabulary lacks the start markers {missing}"
        raise ModelError(msg)
    tokenizer.add_special_tokens(list(START_MARKERS.values()))
    return tokenizer


@dataclass(frozen=True, slots=True)
class PairScore:
    """The model's reading of one pair.

    Attributes:
        relation: An ontology relation, or ``none``.
        reverse: The later mention is the head (the subject).
        probability: Calibrated probability of the class.
        vector: The pair's vector (the relation head's input), when the model has a status
            head (``status.json``) to read it or was asked for vectors; else ``None``.
    """

    relation: str
    reverse: bool
    probability: float
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)


class RelationModel:
    """A relation model folder, its tokenizer and onnxruntime session (made on first use).

    Args:
        path: The model folder.
        vectors: Read each pair's vector even without a status head (to train one).

    Raises:
        ModelError: The folder lacks a file, or ``labels.json`` is not of this format.
    """

    def __init__(self, path: Path, *, vectors: bool = False) -> None:
        self.path = path
        self._want_vectors = vectors
        meta_file = path / "labels.json"
        for needed in (meta_file, path / "model.onnx", path / "tokenizer.json"):
            if not needed.is_file():
                msg = (
                    f"relation model {str(path)!r} has no {needed.name}; train one with "
                    "scripts/train_relations.py, or use --extractor rules"
                )
                raise ModelError(msg)
        meta = read_model_json(meta_file, MODEL_FORMAT)
        self.meta = meta
        self.name: str = str(meta["name"])
        self.version: str = str(meta["version"])
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self.none_bias = float(meta.get("none_bias", 0.0))
        # A category's own shift against ``none`` ("conflict": 0.5), chosen on the pair dev
        # set end to end like ``none_bias``: the classes of a category the model
        # under-predicts get that much more logit.
        self.category_bias = {str(k): float(v) for k, v in meta.get("category_bias", {}).items()}
        from kg.ontology import CATEGORIES

        unknown = set(self.category_bias) - set(CATEGORIES)
        if unknown:
            msg = f"{str(meta_file)!r}: category_bias names no category: {sorted(unknown)}"
            raise ModelError(msg)
        self.temperature = float(meta.get("temperature", 1.0))
        self.decode = str(meta.get("decode", DECODE))
        if self.decode not in ("category", "class"):
            msg = f"{str(meta_file)!r}: unknown decode {self.decode!r}"
            raise ModelError(msg)
        self._groups = _class_groups(self.labels)
        self.max_length = int(meta.get("max_length", 128))
        # "pair": one encoder pass per pair (two kinds of markers); "sentence": one pass
        # per sentence, every mention marked, the head reading each pair's two markers.
        self.input = str(meta.get("input", "pair"))
        if self.input not in ("pair", "sentence"):
            msg = f"{str(meta_file)!r}: unknown input {self.input!r}"
            raise ModelError(msg)
        self.markers = str(meta.get("marker_style", "punct"))
        if self.markers not in MARKER_STYLES or (self.markers != "punct" and self.input == "pair"):
            msg = f"{str(meta_file)!r}: marker_style {self.markers!r} with {self.input} input"
            raise ModelError(msg)
        self.status: StatusHead | None = load_status_head(path)
        self._session: Any = None
        self._tokenizer: Tokenizer | None = None
        self._outputs: list[str] = ["logits"]

    @property
    def rule(self) -> str:
        """The ``rule`` field of the assertions this model makes: ``model:<version>``."""
        return f"model:{self.version}"

    def _load(self) -> tuple[Any, Tokenizer]:
        if self._session is None or self._tokenizer is None:
            import onnxruntime as ort
            from tokenizers import Tokenizer

            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
            # Inputs change shape with every batch: a memory arena and per-shape memory
            # plans would keep the largest of each (hundreds of MiB per worker).
            options.enable_cpu_mem_arena = False
            options.enable_mem_pattern = False
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                str(self.path / "model.onnx"), options, providers=["CPUExecutionProvider"]
            )
            if self.status is not None or self._want_vectors:
                if "pair" not in {o.name for o in self._session.get_outputs()}:
                    msg = (
                        f"relation model {str(self.path)!r}: its model.onnx has no 'pair' "
                        "output for a status head (scripts/train_status.py --expose)"
                    )
                    raise ModelError(msg)
                self._outputs = ["logits", "pair"]
            tok = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tok.no_padding()
            tok.no_truncation()
            if self.markers == "start":
                with_start_markers(tok)
            self._tokenizer = tok
        return self._session, self._tokenizer

    def encode(self, pair: MentionPair) -> EncodedPair | None:
        """Return the model input of ``pair`` (``None``: its mentions are too far apart)."""
        _, tok = self._load()
        return encode_pair(
            tok,
            pair.sentence,
            pair.first_span,
            pair.first_label,
            pair.second_span,
            pair.second_label,
            max_length=self.max_length,
        )

    def logits(self, encoded: Sequence[EncodedPair]) -> np.ndarray:
        """Return the raw logits (pairs × classes) of encoded pairs, in batches of 32."""
        return self._pair_outputs(encoded)[0]

    def _pair_outputs(self, encoded: Sequence[EncodedPair]) -> tuple[np.ndarray, np.ndarray]:
        """Return the logits and the pair vectors (empty without a status head)."""
        import numpy as np

        session, _ = self._load()
        out = np.zeros((len(encoded), len(self.labels)), dtype=np.float32)
        vectors: list[np.ndarray] = []
        for lo in range(0, len(encoded), _BATCH):
            batch = encoded[lo : lo + _BATCH]
            width = max(len(e.ids) for e in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for r, e in enumerate(batch):
                ids[r, : len(e.ids)] = e.ids
                mask[r, : len(e.ids)] = 1
            feeds = {
                "input_ids": ids,
                "attention_mask": mask,
                "e1": np.array([e.e1 for e in batch], dtype=np.int64),
                "e2": np.array([e.e2 for e in batch], dtype=np.int64),
            }
            got = session.run(self._outputs, feeds)
            out[lo : lo + len(batch)] = got[0]
            vectors.extend(got[1:])
        if not vectors:
            return out, np.zeros((0, 0), dtype=np.float32)
        return out, np.concatenate(vectors)

    def probabilities(self, logits: np.ndarray) -> np.ndarray:
        """Turn logits into calibrated probabilities (``none`` bias, then temperature)."""
        import numpy as np

        z = logits.astype(np.float64)
        if NONE in self.labels:
            z[:, self.labels.index(NONE)] += self.none_bias
        if self.category_bias:
            z += self._category_offsets
        z = z / self.temperature
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        result: np.ndarray = p / p.sum(axis=1, keepdims=True)
        return result

    @cached_property
    def _category_offsets(self) -> np.ndarray:
        """The ``category_bias`` of each class's category (0 for ``none``), in label order."""
        import numpy as np

        from kg.ontology import RELATIONS

        offsets = np.zeros(len(self.labels), dtype=np.float64)
        for i, name in enumerate(self.labels):
            relation, _ = parse_class(name)
            if relation in RELATIONS:
                offsets[i] = self.category_bias.get(RELATIONS[relation].category, 0.0)
        return offsets

    def sentence_logits(
        self,
        sentences: Sequence[EncodedSentence],
        pairs: Sequence[tuple[int, int, int]],
    ) -> np.ndarray:
        """Return the raw logits of ``pairs`` (sentence index, first, second mention).

        Each sentence passes the encoder once, alone (see ``_SENTENCE_BATCH``), with its
        pairs. Every pair's two mentions must have a marker (``starts`` not -1).
        """
        return self.sentence_outputs(sentences, pairs)[0]

    def sentence_outputs(
        self,
        sentences: Sequence[EncodedSentence],
        pairs: Sequence[tuple[int, int, int]],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return the logits and the pair vectors of ``pairs`` (see :meth:`sentence_logits`).

        The vectors (the relation head's input) are read only when the model has a status
        head; without one they are an empty array.
        """
        import numpy as np

        session, _ = self._load()
        out = np.zeros((len(pairs), len(self.labels)), dtype=np.float32)
        vectors: np.ndarray | None = None
        by_sentence: dict[int, list[int]] = {}
        for k, (row, _, _) in enumerate(pairs):
            by_sentence.setdefault(row, []).append(k)
        rows = sorted(by_sentence)
        for lo in range(0, len(rows), _SENTENCE_BATCH):
            chunk = rows[lo : lo + _SENTENCE_BATCH]
            width = max(len(sentences[r].ids) for r in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.int64)
            for b, r in enumerate(chunk):
                ids[b, : len(sentences[r].ids)] = sentences[r].ids
                mask[b, : len(sentences[r].ids)] = 1
            which = [k for r in chunk for k in by_sentence[r]]
            local = {r: b for b, r in enumerate(chunk)}
            feeds = {
                "input_ids": ids,
                "attention_mask": mask,
                "row": np.array([local[pairs[k][0]] for k in which], dtype=np.int64),
                "e1": np.array(
                    [sentences[pairs[k][0]].starts[pairs[k][1]] for k in which], dtype=np.int64
                ),
                "e2": np.array(
                    [sentences[pairs[k][0]].starts[pairs[k][2]] for k in which], dtype=np.int64
                ),
            }
            got = session.run(self._outputs, feeds)
            out[which] = got[0]
            if len(got) > 1:
                if vectors is None:
                    vectors = np.zeros((len(pairs), got[1].shape[1]), dtype=np.float32)
                vectors[which] = got[1]
        return out, vectors if vectors is not None else np.zeros((0, 0), dtype=np.float32)

    def outputs_of_pairs(
        self, pairs: Sequence[MentionPair]
    ) -> list[tuple[np.ndarray, np.ndarray | None] | None]:
        """Return each pair's logits and vector, ``None`` where it cannot be encoded.

        The vector (the relation head's input) is ``None`` unless the model has a status
        head.
        """
        if self.input == "pair":
            encoded = [self.encode(p) for p in pairs]
            present = [e for e in encoded if e is not None]
            if not present:
                return [None] * len(pairs)
            return _aligned(encoded, *self._pair_outputs(present))
        _, tok = self._load()
        # One encoding per sentence, marking every mention any of its pairs names.
        spans: dict[tuple[int, str], dict[tuple[int, int], str]] = {}
        for p in pairs:
            found = spans.setdefault((p.sentence_start, p.sentence), {})
            found[p.first_span] = p.first_label
            found[p.second_span] = p.second_label
        keys = list(spans)
        sentences: list[EncodedSentence] = []
        where: dict[tuple[int, str], tuple[int, dict[tuple[int, int], int]]] = {}
        for n, key in enumerate(keys):
            ordered = sorted(spans[key])
            sentences.append(
                encode_sentence(
                    tok,
                    key[1],
                    [(s, e, spans[key][(s, e)]) for s, e in ordered],
                    max_length=self.max_length,
                    markers=self.markers,
                )
            )
            where[key] = (n, {span: k for k, span in enumerate(ordered)})
        triples: list[tuple[int, int, int] | None] = []
        for p in pairs:
            n, index = where[(p.sentence_start, p.sentence)]
            i, j = index[p.first_span], index[p.second_span]
            ok = sentences[n].starts[i] >= 0 and sentences[n].starts[j] >= 0
            triples.append((n, i, j) if ok else None)
        present_pairs = [t for t in triples if t is not None]
        if not present_pairs:
            return [None] * len(pairs)
        return _aligned(triples, *self.sentence_outputs(sentences, present_pairs))

    def score(self, pairs: Sequence[MentionPair]) -> list[PairScore]:
        """Return the most probable class of each pair (``none`` for unencodable ones)."""
        import numpy as np

        encoded = self.outputs_of_pairs(pairs)
        present = [e[0] for e in encoded if e is not None]
        scores: list[PairScore] = []
        if not present:
            return [PairScore(NONE, False, 1.0) for _ in pairs]
        probs = self.probabilities(np.stack(present))
        k = 0
        for e in encoded:
            if e is None:
                scores.append(PairScore(NONE, False, 1.0))
                continue
            row = probs[k]
            k += 1
            none = self.labels.index(NONE) if NONE in self.labels else -1
            groups = self._groups if self.decode == "category" else []
            best, confidence = decide([float(x) for x in row], groups, none)
            relation, reverse = parse_class(self.labels[best])
            # Rounded, so the last bits of a float never reach an output file.
            scores.append(PairScore(relation, reverse, round(confidence, 3), e[1]))
        return scores


def _aligned(
    keys: Sequence[object | None], logits: np.ndarray, vectors: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray | None] | None]:
    """Spread the outputs of the present keys (in order) back over all keys."""
    out: list[tuple[np.ndarray, np.ndarray | None] | None] = []
    k = 0
    for key in keys:
        if key is None:
            out.append(None)
            continue
        out.append((logits[k], vectors[k] if len(vectors) else None))
        k += 1
    return out


def decide(
    probs: Sequence[float], groups: Sequence[Sequence[Sequence[int]]], none: int
) -> tuple[int, float]:
    """Return the chosen class and its confidence from one pair's class probabilities.

    With ``groups`` (per category, the classes of each of its directions), the category
    whose summed probability over both directions is largest wins against ``none`` (index
    ``none``, -1 if there is none); within it the direction with the larger sum, and that
    direction's most probable class, with the category's probability. Without groups, the
    single most probable class.

    Example:
        >>> decide([0.4, 0.3, 0.2, 0.1], [[(1, 2)], [(3,)]], 0)
        (1, 0.5)
        >>> decide([0.4, 0.3, 0.25, 0.05], [[(1,), (2,)], [(3,)]], 0)
        (1, 0.55)
        >>> decide([0.4, 0.3, 0.2, 0.1], [], 0)
        (0, 0.4)
    """
    best = max(range(len(probs)), key=probs.__getitem__)
    if not groups:
        return best, probs[best]

    def mass(indices: Sequence[int]) -> float:
        return sum(probs[i] for i in indices)

    masses = [sum(mass(d) for d in directions) for directions in groups]
    top = max(range(len(masses)), key=masses.__getitem__)
    if none >= 0 and masses[top] <= probs[none]:
        return none, probs[none]
    direction = max(groups[top], key=mass)
    return max(direction, key=probs.__getitem__), masses[top]


def _class_groups(labels: Sequence[str]) -> list[tuple[tuple[int, ...], ...]]:
    """Return, per category, the class indices of each of its directions, in label order.

    Classes of relations the ontology no longer has are left out of every group.
    """
    from kg.ontology import RELATIONS

    groups: dict[str, dict[bool, list[int]]] = {}
    for i, name in enumerate(labels):
        relation, reverse = parse_class(name)
        if relation in RELATIONS:
            category = RELATIONS[relation].category
            groups.setdefault(category, {}).setdefault(reverse, []).append(i)
    return [tuple(tuple(v) for v in directions.values()) for directions in groups.values()]


def relation_model_path(name: str | None = None) -> Path:
    """Return the folder of relation model ``name``.

    ``name`` is a folder, or the name of a folder in ``kg/models``; by default
    ``$KG_RELATION_MODEL``, else :data:`DEFAULT_RELATION_MODEL`.
    """
    chosen = name or os.environ.get(RELATION_MODEL_ENV) or DEFAULT_RELATION_MODEL
    as_path = Path(chosen)
    if as_path.is_dir():
        return as_path.resolve()
    from importlib.resources import files

    return Path(str(files("kg") / "models" / chosen))


@cache
def _load_model(path: str) -> RelationModel:
    return RelationModel(Path(path))


def load_relation_model(name: str | None = None) -> RelationModel:
    """Return the relation model (see :func:`relation_model_path`), once per process.

    Raises:
        ModelError: The model folder is missing or incomplete.
    """
    path = relation_model_path(name)
    if not path.is_dir():
        msg = (
            f"no relation model at {str(path)!r}; train one with scripts/train_relations.py "
            f"(see kg/models/README.md), point ${RELATION_MODEL_ENV} at one, or use "
            "--extractor rules"
        )
        raise ModelError(msg)
    return _load_model(str(path))


@cache
def _digest(path: str) -> str:
    digest = hashlib.sha256()
    for name in ("labels.json", "model.onnx", "tokenizer.json", "status.json"):
        if name == "status.json" and not (Path(path) / name).is_file():
            continue  # a model without a status head
        with (Path(path) / name).open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()[:12]


def relation_model_id(name: str | None = None) -> str:
    """Return ``name==version#digest`` of the relation model, for cache keys.

    Raises:
        ModelError: The model folder is missing or incomplete.
    """
    model = load_relation_model(name)
    return f"{model.name}=={model.version}#{_digest(str(model.path))}"


def calibration_bins(
    probabilities: Sequence[float], correct: Sequence[bool], *, bins: int = 10
) -> list[tuple[float, float, int]]:
    """Return a reliability table: (mean confidence, accuracy, count) per bin.

    Example:
        >>> calibration_bins([0.95, 0.9, 0.15], [True, False, False], bins=2)
        [(0.15, 0.0, 1), (0.925, 0.5, 2)]
    """
    table: list[tuple[float, float, int]] = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        idx = [
            i
            for i, p in enumerate(probabilities)
            if lo <= p < hi or (b == bins - 1 and math.isclose(p, 1.0))
        ]
        if idx:
            conf = sum(probabilities[i] for i in idx) / len(idx)
            acc = sum(1 for i in idx if correct[i]) / len(idx)
            table.append((round(conf, 4), round(acc, 4), len(idx)))
    return table
