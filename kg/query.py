"""The notebook-facing API: relations and evidence as pandas DataFrames, SPARQL.

Names resolve through labels and aliases ("U.S." finds the United States); an
unknown name raises :class:`~kg.errors.InputError` suggesting the closest ones.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.ids import normalize_name
from kg.ontology import category_of, check_category

if TYPE_CHECKING:
    import pandas as pd

    from kg.graph import KnowledgeGraph

__all__ = ["evidence", "find_entity", "relations", "sparql"]

RELATION_COLUMNS = [
    "subject",
    "subject_name",
    "relation",
    "category",
    "object",
    "object_name",
    "count",
    "confidence",
    "first_date",
    "last_date",
    "articles",
]


def find_entity(graph: KnowledgeGraph, name: str) -> str:
    """Return the id of the entity called ``name`` (id, label, alias or QID).

    Raises:
        InputError: No entity has that name; the message lists the closest ones.
    """
    if name in graph.entities:
        return name
    key = normalize_name(name)
    if key.startswith("the "):
        key = key[4:]
    table: dict[str, str] = {}
    for e in graph.entities.values():
        for label in (e.name, *e.aliases, e.qid or ""):
            if label:
                k = normalize_name(label)
                table.setdefault(k.removeprefix("the "), e.id)
    if key in table:
        return table[key]
    from kg.gazetteer import load_gazetteer

    entry = load_gazetteer().lookup(name)
    if entry is not None and entry.id in graph.entities:
        return str(entry.id)
    close = difflib.get_close_matches(key, list(table), n=5, cutoff=0.5)
    hint = ", ".join(repr(graph.entities[table[c]].name) for c in close) or "none"
    msg = f"no entity named {name!r} in the graph; closest: {hint}"
    raise InputError(msg)


def relations(
    graph: KnowledgeGraph,
    *,
    subject: str | None = None,
    relation: str | None = None,
    object: str | None = None,  # noqa: A002 - the contract's name
    category: str | None = None,
    min_confidence: float = 0.0,
    since: str | None = None,
    until: str | None = None,
) -> pd.DataFrame:
    """Return the facts of ``graph`` as a DataFrame, one row per edge.

    Args:
        graph: The graph.
        subject: Keep edges from this entity (name, alias or id).
        relation: Keep this relation (``threatens``).
        object: Keep edges to this entity.
        category: Keep this category (``conflict``).
        min_confidence: Keep edges at least this confident.
        since: Keep edges seen on or after this ISO date.
        until: Keep edges seen on or before this ISO date.
    """
    import pandas as pd

    from kg.graph import edge_records

    sid = find_entity(graph, subject) if subject else None
    oid = find_entity(graph, object) if object else None
    cat = check_category(category) if category else None
    rows = []
    for rec in edge_records(graph):
        if sid and rec["subject"] != sid and not (rec["symmetric"] and rec["object"] == sid):
            continue
        if oid and rec["object"] != oid and not (rec["symmetric"] and rec["subject"] == oid):
            continue
        if sid and rec["subject"] != sid:
            rec = {**rec, "subject": rec["object"], "object": rec["subject"]}
        if relation and rec["relation"] != relation:
            continue
        if cat and rec["category"] != cat:
            continue
        if rec["confidence"] < min_confidence:
            continue
        if since and (rec["last_date"] or "") < since:
            continue
        if until and (rec["first_date"] or "9999") > until:
            continue
        rows.append(
            {
                "subject": rec["subject"],
                "subject_name": graph.entities[rec["subject"]].name,
                "relation": rec["relation"],
                "category": rec["category"],
                "object": rec["object"],
                "object_name": graph.entities[rec["object"]].name,
                "count": rec["count"],
                "confidence": rec["confidence"],
                "first_date": rec["first_date"],
                "last_date": rec["last_date"],
                "articles": rec["articles"],
            }
        )
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


def evidence(
    graph: KnowledgeGraph,
    *,
    subject: str | None = None,
    relation: str | None = None,
    object: str | None = None,  # noqa: A002 - the contract's name
    include_non_facts: bool = False,
) -> pd.DataFrame:
    """Return the sentences behind relations, one row per assertion.

    Non-facts (negated, intended, hypothetical) are left out unless
    ``include_non_facts`` is true.
    """
    import pandas as pd

    sid = find_entity(graph, subject) if subject else None
    oid = find_entity(graph, object) if object else None
    rows: list[dict[str, Any]] = []
    for a in graph.assertions:
        if not include_non_facts and not a.is_fact:
            continue
        if relation and a.relation != relation:
            continue
        if sid and a.subject.id != sid or oid and a.object.id != oid:
            continue
        rows.append(
            {
                "subject": a.subject.name,
                "relation": a.relation,
                "category": category_of(a.relation),
                "object": a.object.name,
                "negated": a.negated,
                "modality": a.modality,
                "confidence": a.confidence,
                "article": a.evidence.article,
                "date": a.evidence.date,
                "sentence": a.evidence.sentence,
                "sentence_start": a.evidence.sentence_start,
                "subject_text": a.subject.text,
                "subject_start": a.subject.start,
                "object_text": a.object.text,
                "object_start": a.object.start,
                "rule": a.rule,
            }
        )
    return pd.DataFrame(rows)


def sparql(graph: KnowledgeGraph | Any, query: str) -> pd.DataFrame:
    """Run a SPARQL SELECT over ``graph`` (a KnowledgeGraph or an rdflib Graph).

    Prefixes ``kg:``, ``kge:``, ``kga:``, ``kgs:``, ``schema:``, ``rdfs:``, ``owl:``,
    ``skos:``, ``prov:`` and ``wd:`` are predeclared.

    Raises:
        InputError: The query does not parse.
    """
    import pandas as pd
    from rdflib import Graph

    from kg.graph import KnowledgeGraph

    g: Graph = graph.to_rdflib() if isinstance(graph, KnowledgeGraph) else graph
    try:
        result = g.query(query, initNs=dict(g.namespaces()))
    except Exception as exc:  # pyparsing and rdflib raise many types for bad queries
        msg = f"cannot run SPARQL query: {exc}"
        raise InputError(msg) from exc
    if result.type != "SELECT":
        msg = f"only SELECT queries give tables; got {result.type}"
        raise InputError(msg)
    columns = [str(v) for v in (result.vars or [])]
    rows = [[None if v is None else v.toPython() for v in row] for row in result]  # type: ignore[union-attr]
    return pd.DataFrame(
        [[str(v) if v is not None else None for v in r] for r in rows], columns=columns
    )
