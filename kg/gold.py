"""Checks for kg's gold annotations: whole-article gold files and sentence-pair files.

The article format is the one of ``shared/eval/GOLD.md`` (entities, required, acceptable and
forbidden relations, each with its ``why``); the pair format is described in
``benchmarks/gold/ANNOTATION.md`` (one sentence a line, its actor mentions and every pair of
them labelled with a relation of :mod:`kg.ontology` or ``none``).

Both checkers return a list of problems (empty when the file is sound), each naming the file
and, for pair files, the line, so that a test can show all of them at once.

Example:
    >>> check_article({"article": "a", "source": "s", "classes": ["conflict"],
    ...     "entities": [{"id": "A", "type": "Country", "names": ["A"]}],
    ...     "relations": [{"s": "A", "c": "conflict", "o": "B", "why": "A hit B"}]}, "a.json")
    ["a.json: relations[0]: unknown entity id 'B'"]
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from kg.ontology import CATEGORIES, RELATIONS

__all__ = [
    "ENTITY_TYPES",
    "MODALITIES",
    "check_article",
    "check_pair_line",
    "check_pairs_file",
    "load_article",
]

ENTITY_TYPES = frozenset({"Country", "Person", "Organization", "Group", "Place"})
MODALITIES = frozenset({"asserted", "reported", "intended", "hypothetical"})
_ARTICLE_KEYS = ("article", "source", "classes", "entities", "relations")
_RULE_SECTIONS = ("relations", "acceptable", "forbidden")


def load_article(path: str | Path) -> dict[str, Any]:
    """Read one article gold file.

    Raises:
        ValueError: The file is not a JSON object.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        msg = f"{path}: expected a JSON object, got {type(data).__name__}"
        raise ValueError(msg)
    return data


def _as_list(value: object) -> list[Any]:
    return value if isinstance(value, list) else [value]


def check_article(gold: Mapping[str, Any], label: str) -> list[str]:
    """Return the problems of one article gold record (``label`` names it in messages)."""
    problems: list[str] = []
    for key in _ARTICLE_KEYS:
        if key not in gold:
            problems.append(f"{label}: missing key {key!r}")
    if problems:
        return problems
    for c in gold["classes"]:
        if c not in CATEGORIES:
            problems.append(f"{label}: classes: unknown category {c!r}")
    ids: set[str] = set()
    for i, ent in enumerate(gold["entities"]):
        where = f"{label}: entities[{i}]"
        for key in ("id", "type", "names"):
            if key not in ent:
                problems.append(f"{where}: missing key {key!r}")
        if ent.get("id") in ids:
            problems.append(f"{where}: duplicate id {ent.get('id')!r}")
        ids.add(ent.get("id", ""))
        if "type" in ent and ent["type"] not in ENTITY_TYPES:
            problems.append(f"{where}: unknown type {ent['type']!r}")
        names = ent.get("names")
        if (
            not isinstance(names, list)
            or not names
            or not all(isinstance(n, str) and n.strip() for n in names)
        ):
            problems.append(f"{where}: names must be a non-empty list of strings")
        qid = ent.get("qid")
        if qid is not None and not (isinstance(qid, str) and qid[:1] == "Q" and qid[1:].isdigit()):
            problems.append(f"{where}: qid {qid!r} is not a Wikidata id")
    for i, ent in enumerate(gold["entities"]):
        parent = ent.get("metonym_of")
        if parent is not None and parent not in ids:
            problems.append(f"{label}: entities[{i}]: metonym_of unknown id {parent!r}")
    for section in _RULE_SECTIONS:
        for i, rule in enumerate(gold.get(section, [])):
            problems.extend(_check_rule(rule, ids, f"{label}: {section}[{i}]"))
    if not gold["relations"]:
        problems.append(f"{label}: no required relation")
    return problems


def _check_rule(rule: Mapping[str, Any], ids: set[str], where: str) -> list[str]:
    problems: list[str] = []
    for key in ("s", "c", "o", "why"):
        if key not in rule:
            problems.append(f"{where}: missing key {key!r}")
    if problems:
        return problems
    for end in ("s", "o"):
        for ref in _as_list(rule[end]):
            if ref not in ids:
                problems.append(f"{where}: unknown entity id {ref!r}")
    for c in _as_list(rule["c"]):
        if c not in CATEGORIES:
            problems.append(f"{where}: unknown category {c!r}")
    if not isinstance(rule["why"], str) or not rule["why"].strip():
        problems.append(f"{where}: 'why' must quote the article")
    return problems


def check_pair_line(record: Mapping[str, Any], label: str) -> list[str]:
    """Return the problems of one pair-file line (``label`` is ``file:line``)."""
    problems: list[str] = []
    for key in ("corpus", "article", "start", "end", "text", "mentions", "pairs"):
        if key not in record:
            problems.append(f"{label}: missing key {key!r}")
    if problems:
        return problems
    text = record["text"]
    if record["end"] - record["start"] != len(text):
        problems.append(
            f"{label}: start/end span {record['end'] - record['start']} characters, "
            f"the text {len(text)}"
        )
    mentions: Sequence[Mapping[str, Any]] = record["mentions"]
    for i, m in enumerate(mentions):
        if text[m["start"] : m["end"]] != m["text"]:
            problems.append(
                f"{label}: mentions[{i}]: text {m['text']!r} is not at "
                f"{m['start']}:{m['end']} ({text[m['start'] : m['end']]!r})"
            )
    seen: set[frozenset[int]] = set()
    n = len(mentions)
    for i, p in enumerate(record["pairs"]):
        where = f"{label}: pairs[{i}]"
        head, tail = p.get("head"), p.get("tail")
        if not (isinstance(head, int) and isinstance(tail, int)) or not (
            0 <= head < n and 0 <= tail < n and head != tail
        ):
            problems.append(f"{where}: head/tail {head!r}/{tail!r} do not index two mentions")
            continue
        pair = frozenset((head, tail))
        if pair in seen:
            problems.append(f"{where}: the pair {sorted(pair)} is labelled twice")
        seen.add(pair)
        rel = p.get("relation")
        if rel != "none" and rel not in RELATIONS:
            problems.append(f"{where}: unknown relation {rel!r}")
        elif rel != "none":
            if p.get("category") not in (None, RELATIONS[rel].category):
                problems.append(f"{where}: category {p.get('category')!r} is not {rel!r}'s")
            if p.get("modality") not in MODALITIES:
                problems.append(f"{where}: unknown modality {p.get('modality')!r}")
            if not isinstance(p.get("negated"), bool):
                problems.append(f"{where}: negated must be true or false")
            spk = p.get("speaker")
            if spk is not None and not (isinstance(spk, int) and 0 <= spk < n):
                problems.append(f"{where}: speaker {spk!r} does not index a mention")
    if len(seen) != n * (n - 1) // 2:
        problems.append(f"{label}: {len(seen)} pairs labelled, expected {n * (n - 1) // 2}")
    return problems


def check_pairs_file(path: str | Path) -> list[str]:
    """Return the problems of a pair file (every line checked)."""
    problems: list[str] = []
    with Path(path).open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            label = f"{path}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{label}: not JSON: {exc}")
                continue
            problems.extend(check_pair_line(record, label))
    return problems
