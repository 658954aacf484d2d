"""Assertion JSON Lines: one evidence-backed statement per line (the DESIGN contract)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from kg.ontology import category_of
from kg.types import Assertion

__all__ = ["assertion_to_json", "write_assertions", "write_jsonl_lines"]


def assertion_to_json(a: Assertion) -> dict[str, Any]:
    """Return the JSON object of one assertion.

    Keys: ``article``, ``subject``, ``relation``, ``category``, ``object``,
    ``negated``, ``modality``, ``attributed_to``, ``confidence``, ``rule``,
    ``sentence``, ``sentence_start``. ``subject``, ``object`` and ``attributed_to``
    are ``{"id", "name", "type", "qid", "text", "start", "end"}`` (or null).
    """
    return {
        "article": a.evidence.article,
        "subject": a.subject.to_json(),
        "relation": a.relation,
        "category": category_of(a.relation),
        "object": a.object.to_json(),
        "negated": a.negated,
        "modality": a.modality,
        "attributed_to": a.attributed_to.to_json() if a.attributed_to else None,
        "confidence": a.confidence,
        "rule": a.rule,
        "sentence": a.evidence.sentence,
        "sentence_start": a.evidence.sentence_start,
    }


def _dumps(a: Assertion) -> str:
    return json.dumps(assertion_to_json(a), ensure_ascii=False, sort_keys=False)


def write_jsonl_lines(assertions: Iterable[Assertion], out: IO[str]) -> int:
    """Write assertions to an open text stream, one JSON object a line; return the count."""
    n = 0
    for a in assertions:
        out.write(_dumps(a).encode("utf-8", "replace").decode("utf-8") + "\n")
        n += 1
    return n


def write_assertions(assertions: Iterable[Assertion], path: str | Path) -> int:
    """Write assertions to ``path`` atomically as JSON Lines; return the count."""
    from kg.io.atomic import atomic_open

    with atomic_open(path) as fh:
        return write_jsonl_lines(assertions, fh)  # type: ignore[arg-type]
