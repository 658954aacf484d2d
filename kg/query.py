"""The notebook-facing API: actors, relations and evidence as pandas DataFrames, SPARQL.

Names resolve through labels, aliases, ids and Wikidata QIDs ("U.S." finds the
United States); an unknown name raises :class:`~kg.errors.InputError` suggesting
the closest known ones. Relations are the facts of the graph (asserted or
reported, not negated); symmetric relations are found from either end.

Example:
    >>> import kg  # doctest: +SKIP
    >>> graph = kg.load("output/graph.ttl")  # doctest: +SKIP
    >>> who = graph.evidence(relation="threatens", object="Japan")  # doctest: +SKIP
    >>> who[["subject", "sentence", "title"]]  # doctest: +SKIP
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.errors import InputError
from kg.ids import normalize_name
from kg.ontology import Category, category_of, check_category, is_open, relation

if TYPE_CHECKING:
    import pandas as pd

    from kg.graph import KnowledgeGraph

__all__ = [
    "adversaries",
    "allies",
    "entities",
    "evidence",
    "find_entity",
    "path",
    "relations",
    "sparql",
]

ENTITY_COLUMNS = ["id", "name", "type", "qid", "aliases", "assertions", "facts"]
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
EVIDENCE_COLUMNS = [
    "subject",
    "relation",
    "category",
    "object",
    "negated",
    "modality",
    "confidence",
    "article",
    "title",
    "date",
    "url",
    "sentence",
    "sentence_start",
    "sentence_end",
    "subject_text",
    "subject_start",
    "subject_end",
    "object_text",
    "object_start",
    "object_end",
    "rule",
    "subject_id",
    "object_id",
]
PARTNER_COLUMNS = [
    "id",
    "name",
    "type",
    "outgoing",
    "incoming",
    "count",
    "confidence",
    "weight",
    "articles",
]
PATH_COLUMNS = [
    "step",
    "source",
    "relation",
    "target",
    "direction",
    "category",
    "confidence",
    "source_id",
    "target_id",
]
ENGINES = ("oxigraph", "rdflib")


def find_entity(graph: KnowledgeGraph, name: str) -> str:
    """Return the id of the entity called ``name`` (id, label, alias or QID).

    Raises:
        InputError: No entity has that name; the message lists the closest ones.
    """
    if name in graph.entity_map:
        return name
    key = normalize_name(name).removeprefix("the ")
    table: dict[str, str] = {}
    for e in graph.entity_map.values():
        for label in (e.name, *e.aliases, e.qid or ""):
            if label:
                table.setdefault(normalize_name(label).removeprefix("the "), e.id)
    if key in table:
        return table[key]
    from kg.gazetteer import load_gazetteer

    entry = load_gazetteer().lookup(name)
    if entry is not None and entry.id in graph.entity_map:
        return str(entry.id)
    close = difflib.get_close_matches(key, list(table), n=5, cutoff=0.5)
    names = dict.fromkeys(graph.entity_map[table[c]].name for c in close)
    hint = ", ".join(repr(n) for n in names) or "none"
    msg = f"no entity named {name!r} in the graph; closest: {hint}"
    raise InputError(msg)


def _check_relation(name: str) -> str:
    if not is_open(name):
        relation(name)  # raises OntologyError listing the relations
    return name


def entities(graph: KnowledgeGraph, *, type: str | None = None) -> pd.DataFrame:  # noqa: A002
    """Return the actors, one row each, most connected first.

    Columns: ``id``, ``name``, ``type``, ``qid``, ``aliases`` (a list),
    ``assertions`` (how many assertions name it) and ``facts`` (how many of those
    are facts).

    Args:
        graph: The graph.
        type: Keep only this type (``Country``, ``Person``, ``Organization``, ``Group``,
            ``Place``).

    Raises:
        InputError: ``type`` is not one of the five types.
    """
    import pandas as pd

    types = ("Country", "Person", "Organization", "Group", "Place")
    if type is not None and type not in types:
        msg = f"unknown entity type {type!r}; expected one of: {', '.join(types)}"
        raise InputError(msg)
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in graph.assertions:
        for eid in {a.subject.id, a.object.id}:
            counts[eid][0] += 1
            counts[eid][1] += a.is_fact
    rows: list[dict[str, Any]] = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "qid": e.qid,
            "aliases": list(e.aliases),
            "assertions": counts[e.id][0] if e.id in counts else 0,
            "facts": counts[e.id][1] if e.id in counts else 0,
        }
        for e in graph.entity_map.values()
        if type is None or e.type == type
    ]
    rows.sort(key=lambda r: (-r["facts"], -r["assertions"], r["id"]))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)


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

    A symmetric relation (``alliedWith``) matches from either end and is shown
    with the asked-for actor as subject.

    Args:
        graph: The graph.
        subject: Keep edges from this entity (name, alias or id).
        relation: Keep this relation (``threatens``, or ``open:<lemma>``).
        object: Keep edges to this entity.
        category: Keep this category (``conflict``).
        min_confidence: Keep edges at least this confident.
        since: Keep edges seen on or after this ISO date.
        until: Keep edges seen on or before this ISO date.

    Raises:
        InputError: A name matches no entity.
        OntologyError: The relation or category is unknown.
    """
    import pandas as pd

    from kg.graph import edge_records

    sid = find_entity(graph, subject) if subject else None
    oid = find_entity(graph, object) if object else None
    rel = _check_relation(relation) if relation else None
    cat = check_category(category) if category else None
    rows = []
    for rec in edge_records(graph):
        if sid and rec["subject"] != sid and not (rec["symmetric"] and rec["object"] == sid):
            continue
        if sid and rec["subject"] != sid:
            rec = {**rec, "subject": rec["object"], "object": rec["subject"]}
        if oid and rec["object"] != oid and not (rec["symmetric"] and rec["subject"] == oid):
            continue
        if oid and rec["object"] != oid:
            rec = {**rec, "subject": rec["object"], "object": rec["subject"]}
        if rel and rec["relation"] != rel:
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
                "subject_name": graph.entity_map[rec["subject"]].name,
                "relation": rec["relation"],
                "category": rec["category"],
                "object": rec["object"],
                "object_name": graph.entity_map[rec["object"]].name,
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
    category: str | None = None,
    article: str | None = None,
    include_non_facts: bool = False,
) -> pd.DataFrame:
    """Return the sentences behind relations, one row per assertion.

    Each row says where the assertion was read: the article (id, title, date,
    address), the sentence and its character offsets, and the offsets of the
    words that named the subject and the object. A symmetric relation matches
    from either end. Non-facts (negated, intended, hypothetical) are left out
    unless ``include_non_facts`` is true.

    Args:
        graph: The graph.
        subject: Keep assertions by this entity.
        relation: Keep this relation.
        object: Keep assertions about this entity.
        category: Keep this category.
        article: Keep assertions read in this article (its id).
        include_non_facts: Also return negated, intended and hypothetical assertions.

    Raises:
        InputError: A name matches no entity.
        OntologyError: The relation or category is unknown.
    """
    import pandas as pd

    from kg.ontology import RELATIONS

    sid = find_entity(graph, subject) if subject else None
    oid = find_entity(graph, object) if object else None
    rel = _check_relation(relation) if relation else None
    cat = check_category(category) if category else None
    rows: list[dict[str, Any]] = []
    for a in graph.assertions:
        if not include_non_facts and not a.is_fact:
            continue
        if rel and a.relation != rel:
            continue
        if cat and category_of(a.relation) != cat:
            continue
        if article and a.evidence.article != article:
            continue
        ends = (a.subject.id, a.object.id)
        if sid or oid:
            symmetric = a.relation in RELATIONS and RELATIONS[a.relation].symmetric
            wanted = (sid or ends[0], oid or ends[1])
            if ends != wanted and not (symmetric and ends[::-1] == wanted):
                continue
        art = graph.articles.get(a.evidence.article)
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
                "title": art.title if art else "",
                "date": a.evidence.date or (art.date if art else None),
                "url": art.url if art else "",
                "sentence": a.evidence.sentence,
                "sentence_start": a.evidence.sentence_start,
                "sentence_end": a.evidence.sentence_start + len(a.evidence.sentence),
                "subject_text": a.subject.text,
                "subject_start": a.subject.start,
                "subject_end": a.subject.end,
                "object_text": a.object.text,
                "object_start": a.object.start,
                "object_end": a.object.end,
                "rule": a.rule,
                "subject_id": a.subject.id,
                "object_id": a.object.id,
            }
        )
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def _partners(
    graph: KnowledgeGraph, name: str, category: Category, min_confidence: float
) -> pd.DataFrame:
    """Return the actors linked to ``name`` by facts of ``category``, either way."""
    import pandas as pd

    from kg.graph import edge_records

    eid = find_entity(graph, name)
    found: dict[str, dict[str, Any]] = {}
    for rec in edge_records(graph):
        if rec["category"] != category or rec["confidence"] < min_confidence:
            continue
        if eid not in (rec["subject"], rec["object"]) or rec["subject"] == rec["object"]:
            continue
        other = rec["object"] if rec["subject"] == eid else rec["subject"]
        row = found.setdefault(
            other,
            {"outgoing": set(), "incoming": set(), "count": 0, "miss": 1.0, "weight": 0.0},
        )
        row.setdefault("articles", set()).update(rec["articles"])
        if rec["subject"] == eid or rec["symmetric"]:
            row["outgoing"].add(rec["relation"])
        if rec["object"] == eid or rec["symmetric"]:
            row["incoming"].add(rec["relation"])
        row["count"] += rec["count"]
        row["miss"] *= 1.0 - rec["confidence"]
        row["weight"] += rec["weight"] * rec["count"]
    rows = [
        {
            "id": other,
            "name": graph.entity_map[other].name,
            "type": graph.entity_map[other].type,
            "outgoing": sorted(row["outgoing"]),
            "incoming": sorted(row["incoming"]),
            "count": row["count"],
            "confidence": round(1.0 - row["miss"], 4),
            "weight": row["weight"],
            "articles": sorted(row["articles"]),
        }
        for other, row in found.items()
    ]
    rows.sort(key=lambda r: (-r["count"], -r["confidence"], r["name"]))
    return pd.DataFrame(rows, columns=PARTNER_COLUMNS)


def allies(graph: KnowledgeGraph, name: str, *, min_confidence: float = 0.0) -> pd.DataFrame:
    """Return the actors in cooperation relations with ``name``, in either direction.

    One row per partner, most often seen first: ``outgoing`` lists the relations
    from ``name`` to the partner, ``incoming`` those from the partner to ``name``
    (symmetric ones are in both), ``count`` the assertions, ``confidence`` the
    noisy-or of the edges and ``weight`` the summed cooperation weight.

    Raises:
        InputError: ``name`` matches no entity.
    """
    return _partners(graph, name, "cooperation", min_confidence)


def adversaries(graph: KnowledgeGraph, name: str, *, min_confidence: float = 0.0) -> pd.DataFrame:
    """Return the actors in conflict relations with ``name``, in either direction.

    The columns are those of :func:`allies`; ``weight`` is negative (hostile).

    Raises:
        InputError: ``name`` matches no entity.
    """
    return _partners(graph, name, "conflict", min_confidence)


def path(
    graph: KnowledgeGraph, source: str, target: str, *, category: str | None = None
) -> pd.DataFrame:
    """Return a shortest chain of facts linking two actors, one row per step.

    Edges are followed in either direction (``direction`` says ``"->"`` when the
    step's relation goes from ``source`` to ``target`` of the step, ``"<-"`` when
    it goes the other way); between two actors the most confident relation is
    shown. No chain gives an empty DataFrame.

    Args:
        graph: The graph.
        source: Where the chain starts.
        target: Where it ends.
        category: Follow only relations of this category.

    Raises:
        InputError: A name matches no entity.
        OntologyError: The category is unknown.
    """
    import networkx as nx
    import pandas as pd

    from kg.graph import edge_records

    sid, tid = find_entity(graph, source), find_entity(graph, target)
    cat = check_category(category) if category else None
    best: dict[tuple[str, str], dict[str, Any]] = {}
    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(sorted(graph.entity_map))
    for rec in edge_records(graph):
        if cat and rec["category"] != cat:
            continue
        s, o = rec["subject"], rec["object"]
        pair = (min(s, o), max(s, o))
        if pair not in best or rec["confidence"] > best[pair]["confidence"]:
            best[pair] = rec
        g.add_edge(*pair)
    try:
        nodes = nx.shortest_path(g, sid, tid)
    except nx.NetworkXNoPath:
        return pd.DataFrame([], columns=PATH_COLUMNS)
    rows = []
    for step, (a, b) in enumerate(zip(nodes, nodes[1:], strict=False), start=1):
        rec = best[(min(a, b), max(a, b))]
        rows.append(
            {
                "step": step,
                "source": graph.entity_map[a].name,
                "relation": rec["relation"],
                "target": graph.entity_map[b].name,
                "direction": "->" if rec["subject"] == a or rec["symmetric"] else "<-",
                "category": rec["category"],
                "confidence": rec["confidence"],
                "source_id": a,
                "target_id": b,
            }
        )
    return pd.DataFrame(rows, columns=PATH_COLUMNS)


# SPARQL -------------------------------------------------------------------------------

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_TYPES = {
    _XSD + t
    for t in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
_FLOAT_TYPES = {_XSD + "decimal", _XSD + "double", _XSD + "float"}


def literal_value(lexical: str, datatype: str | None) -> Any:
    """Return a literal as a Python value: numbers and booleans typed, the rest as text.

    Both SPARQL engines go through this, so they give the same DataFrame.

    Example:
        >>> literal_value("0.90", "http://www.w3.org/2001/XMLSchema#decimal")
        0.9
        >>> literal_value("2017-08-18", "http://www.w3.org/2001/XMLSchema#date")
        '2017-08-18'
    """
    try:
        if datatype in _INTEGER_TYPES:
            return int(lexical)
        if datatype in _FLOAT_TYPES:
            return float(lexical)
    except ValueError:
        return lexical
    if datatype == _XSD + "boolean":
        return lexical in ("true", "1")
    return lexical


def _rdflib_rows(g: Any, query: str) -> tuple[list[str], list[list[Any]]]:
    from rdflib import BNode, Literal

    from kg.rdf import PREFIXES

    result = g.query(query, initNs=PREFIXES)
    if result.type != "SELECT":
        msg = f"only SELECT queries give tables; got {result.type}"
        raise InputError(msg)
    columns = [str(v) for v in (result.vars or [])]

    def value(term: Any) -> Any:
        if term is None:
            return None
        if isinstance(term, Literal):
            return literal_value(str(term), str(term.datatype) if term.datatype else None)
        if isinstance(term, BNode):
            return "_:" + str(term)
        return str(term)

    return columns, [[value(term) for term in row] for row in result]


def _oxigraph_rows(store: Any, query: str) -> tuple[list[str], list[list[Any]]]:
    import pyoxigraph as ox

    from kg.rdf import PREFIXES

    result = store.query(query, prefixes=PREFIXES)
    if not isinstance(result, ox.QuerySolutions):
        kind = "ASK" if isinstance(result, ox.QueryBoolean) else "CONSTRUCT or DESCRIBE"
        msg = f"only SELECT queries give tables; got {kind}"
        raise InputError(msg)
    columns = [v.value for v in result.variables]

    def value(term: Any) -> Any:
        if term is None:
            return None
        if isinstance(term, ox.Literal):
            return literal_value(term.value, term.datatype.value)
        if isinstance(term, ox.BlankNode):
            return "_:" + term.value
        return term.value

    return columns, [[value(solution[c]) for c in columns] for solution in result]


def sparql(source: Any, query: str, *, engine: str = "oxigraph") -> pd.DataFrame:
    """Run a SPARQL SELECT and return its solutions as a DataFrame.

    Prefixes ``kg:``, ``kge:``, ``kga:``, ``kgs:``, ``schema:``, ``rdf:``, ``rdfs:``,
    ``owl:``, ``skos:``, ``prov:``, ``xsd:``, ``plover:`` and ``wd:`` are predeclared.
    IRIs come back as strings, numbers and booleans as Python values, other literals
    as their text; an unbound variable is ``None``.

    Args:
        source: A :class:`~kg.graph.KnowledgeGraph`, an ``rdflib.Graph`` or a
            ``pyoxigraph.Store``.
        query: The query.
        engine: ``"oxigraph"`` (fast; the default) or ``"rdflib"``, for a KnowledgeGraph.

    Raises:
        InputError: The query does not parse or is not a SELECT, or the engine is unknown.
    """
    import pandas as pd

    from kg.graph import KnowledgeGraph

    if engine not in ENGINES:
        msg = f"unknown SPARQL engine {engine!r}; expected one of: {', '.join(ENGINES)}"
        raise InputError(msg)
    if isinstance(source, KnowledgeGraph):
        source = source.view(engine)
    run = _oxigraph_rows if type(source).__module__.startswith("pyoxigraph") else _rdflib_rows
    try:
        columns, rows = run(source, query)
    except InputError:
        raise
    except Exception as exc:  # both engines raise several types for bad queries
        msg = f"cannot run SPARQL query: {exc}"
        raise InputError(msg) from exc
    return pd.DataFrame(rows, columns=columns)
