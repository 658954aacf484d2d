"""Exports for network-analysis tools: GraphML, GEXF, CSV and Neo4j import files.

One table of actors and one of relations (:func:`export_tables`), chosen by the
filters of ``kg plot`` (:func:`kg.views.select`, uncapped), written in the format
a tool reads:

- ``graphml``: one file for Gephi, Cytoscape, yEd, igraph (networkx's writer).
- ``gexf``: one file for Gephi, a dynamic graph whose edges start at their first
  and end at their last date, so that Gephi's timeline works (networkx's writer).
- ``csv``: a folder with ``nodes.csv`` and ``edges.csv`` (UTF-8, a header, quoted
  as the csv module does) for spreadsheets, pandas, igraph and R.
- ``neo4j``: the same two files with the header grammar of ``neo4j-admin database
  import`` (``id:ID(Actor)``, ``:LABEL``, ``:START_ID(Actor)``, ``:END_ID(Actor)``,
  ``:TYPE``, typed properties) and a ``load.cypher`` that loads them with ``LOAD CSV``.

What travels: actors with ``id``, ``name``, ``type``, ``qid``, ``aliases`` and
``facts`` (statements they take part in); relations with ``relation``,
``category``, ``polarity`` (the relation's cooperation/conflict weight, -10 … +10),
``count``, ``first_date``, ``last_date``, ``confidence`` and ``symmetric``; GraphML
and GEXF add one evidence sentence, the article ids and ``weight`` (the count, which
Gephi reads as edge weight). A symmetric relation is written once, from the smaller
id. Lists travel as JSON arrays in text attributes, except in the Neo4j files, which
use typed arrays.

XML 1.0 cannot hold most control characters: GraphML and GEXF write each as U+FFFD
(the replacement character). Every other character, quotes, ``<``, ``&``, line
breaks and emoji included, comes back unchanged from every format.

Example:
    >>> import kg  # doctest: +SKIP
    >>> kg.load("output/graph.ttl").export("graph.gexf", format="gexf")  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ExportError, InputError
from kg.ontology import CATEGORIES

if TYPE_CHECKING:
    import networkx as nx

    from kg.graph import KnowledgeGraph

__all__ = [
    "CSV_EDGE_FIELDS",
    "CSV_NODE_FIELDS",
    "FORMATS",
    "NEO4J_EDGE_HEADER",
    "NEO4J_NODE_HEADER",
    "ExportResult",
    "ExportTables",
    "check_format",
    "export",
    "export_tables",
    "to_export_networkx",
]

FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "neo4j")
CSV_NODE_FIELDS: tuple[str, ...] = ("id", "name", "type", "qid", "aliases", "facts")
CSV_EDGE_FIELDS: tuple[str, ...] = (
    "source",
    "target",
    "relation",
    "category",
    "polarity",
    "count",
    "first_date",
    "last_date",
    "confidence",
    "symmetric",
)
# neo4j-admin database import headers (<name>:<field_type>), column for column.
NEO4J_NODE_HEADER: tuple[str, ...] = (
    "id:ID(Actor)",
    ":LABEL",
    "name",
    "type",
    "qid",
    "aliases:string[]",
    "facts:int",
)
NEO4J_EDGE_HEADER: tuple[str, ...] = (
    ":START_ID(Actor)",
    ":END_ID(Actor)",
    ":TYPE",
    "category",
    "polarity:double",
    "count:int",
    "first_date:date",
    "last_date:date",
    "confidence:double",
    "symmetric:boolean",
)
_NODE_LABEL = "Actor"
# The import tool splits arrays (and labels) on one character, with no escape: the
# first of these that no value contains is used, and named in the import command.
_ARRAY_DELIMITERS = (";", "|", "\u00a6", "\u2016", "\u241e")
# Characters XML 1.0 cannot carry, not even as character references.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LAST_MODIFIED = re.compile(rb' lastmodifieddate="[^"]*"')


@dataclass(frozen=True, slots=True)
class ExportTables:
    """What an export writes, before any format.

    Attributes:
        nodes: One dict per actor, sorted by id: ``id``, ``name``, ``type``, ``qid``
            (or ``None``), ``aliases`` (a list), ``facts``.
        edges: One dict per relation, sorted: ``source``, ``target``, ``relation``,
            ``category``, ``polarity``, ``count``, ``first_date``, ``last_date``
            (or ``None``), ``confidence``, ``symmetric``, ``evidence`` (one
            sentence, the most confident), ``articles`` (a list of ids).
    """

    nodes: tuple[dict[str, Any], ...]
    edges: tuple[dict[str, Any], ...]


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What :func:`export` wrote.

    Attributes:
        format: The format name.
        files: The files written.
        nodes: Actors written.
        edges: Relations written.
    """

    format: str
    files: tuple[Path, ...]
    nodes: int
    edges: int


def check_format(format: str) -> str:  # noqa: A002 - the option's name
    """Return ``format`` if kg can export it.

    Raises:
        ExportError: It is not one of :data:`FORMATS`.

    Example:
        >>> check_format("gexf")
        'gexf'
    """
    if format not in FORMATS:
        msg = f"unknown export format {format!r}; expected one of: {', '.join(FORMATS)}"
        raise ExportError(msg)
    return format


def export_tables(
    graph: KnowledgeGraph,
    *,
    category: str | Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    focus: str | None = None,
    depth: int = 1,
) -> ExportTables:
    """Choose the actors and relations to export, with the filters of ``kg plot``.

    Args:
        graph: The graph.
        category: One category, several, or a comma-separated list; ``None``: all
            five (open relations, which have none, are not exported).
        since: Keep facts from articles dated on or after this (``YYYY[-MM[-DD]]``).
        until: Keep facts from articles dated on or before this.
        min_confidence: Keep relations at least this confident.
        focus: An actor's name, alias, QID or id: keep its neighbourhood only.
        depth: Neighbourhood depth for ``focus``.

    Returns:
        The tables; actors are those with a relation kept.

    Raises:
        InputError: ``focus`` names no actor, a date or ``min_confidence`` is invalid.
        OntologyError: ``category`` is not a category.
    """
    from kg.views import entities_of, select

    if not 0.0 <= min_confidence <= 1.0:
        msg = f"min_confidence must be between 0 and 1, got {min_confidence!r}"
        raise InputError(msg)
    asked = [category] if isinstance(category, str) else list(category or ())
    sel = select(
        graph,
        max_nodes=max(len(graph.entity_map), 1),
        category=asked or CATEGORIES,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    facts: Counter[str] = Counter()
    edges = []
    for e in sel.edges:
        for end in {e["subject"], e["object"]}:  # a self-loop counts once
            facts[end] += e["count"]
        best = e["best_evidence"]
        edges.append(
            {
                "source": e["subject"],
                "target": e["object"],
                "relation": e["relation"],
                "category": e["category"],
                "polarity": float(e["weight"]),
                "count": e["count"],
                "first_date": e["first_date"],
                "last_date": e["last_date"],
                "confidence": e["confidence"],
                "symmetric": bool(e["symmetric"]),
                "evidence": best["sentence"],
                "articles": list(e["articles"]),
            }
        )
    entities = entities_of(graph)
    nodes = [
        {
            "id": eid,
            "name": entities[eid].name,
            "type": entities[eid].type,
            "qid": entities[eid].qid,
            "aliases": list(entities[eid].aliases),
            "facts": facts[eid],
        }
        for eid in sorted(sel.nodes)
    ]
    return ExportTables(tuple(nodes), tuple(edges))


def to_export_networkx(tables: ExportTables, *, dynamic: bool = False) -> nx.MultiDiGraph[str]:
    """Return the tables as the flat graph that GraphML and GEXF files hold.

    Edges are keyed by relation; missing values are left out, lists become JSON
    arrays, and strings lose the characters XML cannot carry (see the module notes).
    With ``dynamic``, each node gets a ``label`` (its name) and each dated edge a
    ``start`` and an ``end`` (GEXF's names).
    """
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in tables.nodes:
        attrs = _flat(node, skip=("id",))
        if dynamic:
            attrs["label"] = attrs["name"]
        g.add_node(_xml_text(node["id"]), **attrs)
    for edge in tables.edges:
        attrs = _flat(edge, skip=("source", "target"))
        attrs["weight"] = float(edge["count"])
        if dynamic:
            for key, field in (("start", "first_date"), ("end", "last_date")):
                if edge[field]:
                    attrs[key] = edge[field][:10]
        g.add_edge(
            _xml_text(edge["source"]), _xml_text(edge["target"]), key=edge["relation"], **attrs
        )
    return g


def export(
    graph: KnowledgeGraph,
    path: str | Path,
    *,
    format: str,  # noqa: A002 - the contract's name
    category: str | Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    focus: str | None = None,
    depth: int = 1,
) -> ExportResult:
    """Write ``graph`` for another tool; the filters are those of :func:`export_tables`.

    Args:
        graph: The graph.
        path: The file (``graphml``, ``gexf``) or the folder (``csv``, ``neo4j``) to write.
        format: ``graphml``, ``gexf``, ``csv`` or ``neo4j``.
        category: Keep these categories (default: all five).
        since: Keep facts from articles dated on or after this.
        until: Keep facts from articles dated on or before this.
        min_confidence: Keep relations at least this confident.
        focus: Keep this actor's neighbourhood only.
        depth: Neighbourhood depth for ``focus``.

    Returns:
        The files written and how many actors and relations they hold.

    Raises:
        ExportError: The format is unknown, or the output cannot be written.
        InputError: A filter is invalid.
        OntologyError: ``category`` is not a category.
    """
    writer = _WRITERS[check_format(format)]
    target = Path(path)
    folder = format in ("csv", "neo4j")
    if folder and target.exists() and not target.is_dir():
        msg = f"{str(target)!r} is a file; {format} export writes a folder, give its name"
        raise ExportError(msg)
    if not folder and target.is_dir():
        msg = f"{str(target)!r} is a folder; {format} export writes one file, give its name"
        raise ExportError(msg)
    tables = export_tables(
        graph,
        category=category,
        since=since,
        until=until,
        min_confidence=min_confidence,
        focus=focus,
        depth=depth,
    )
    files = writer(tables, target)
    return ExportResult(format, tuple(files), len(tables.nodes), len(tables.edges))


# ------------------------------------------------------------------------ writers


def _write_graphml(tables: ExportTables, path: Path) -> list[Path]:
    import networkx as nx

    # The writer makes an edge's key its id: number the edges, since tools such as
    # Gephi take an id seen twice for the same edge (the relation is an attribute).
    g = to_export_networkx(tables)
    numbered: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    numbered.add_nodes_from(g.nodes(data=True))
    for i, (u, v, data) in enumerate(g.edges(data=True)):
        numbered.add_edge(u, v, key=f"e{i}", **data)
    _save(path, _xml(nx.write_graphml, numbered))
    return [path]


def _write_gexf(tables: ExportTables, path: Path) -> list[Path]:
    import networkx as nx

    data = _xml(nx.write_gexf, to_export_networkx(tables, dynamic=True))
    # The writer stamps today's date in <meta>: drop it, so that the same graph gives
    # the same bytes (the attribute is optional).
    _save(path, _LAST_MODIFIED.sub(b"", data, count=1))
    return [path]


def _write_csv(tables: ExportTables, folder: Path) -> list[Path]:
    nodes = [
        [n["id"], n["name"], n["type"], n["qid"], _json(n["aliases"]), n["facts"]]
        for n in tables.nodes
    ]
    edges = [[e[f] for f in CSV_EDGE_FIELDS] for e in tables.edges]
    return [
        _save(folder / "nodes.csv", _csv(CSV_NODE_FIELDS, nodes)),
        _save(folder / "edges.csv", _csv(CSV_EDGE_FIELDS, edges)),
    ]


def _write_neo4j(tables: ExportTables, folder: Path) -> list[Path]:
    delimiter = _array_delimiter(
        [a for n in tables.nodes for a in n["aliases"]] + [n["type"] for n in tables.nodes]
    )
    nodes = [
        [
            n["id"],
            delimiter.join((_NODE_LABEL, n["type"])),
            n["name"],
            n["type"],
            n["qid"],
            delimiter.join(n["aliases"]) or None,
            n["facts"],
        ]
        for n in tables.nodes
    ]
    edges = [
        [
            e["source"],
            e["target"],
            e["relation"],
            e["category"],
            e["polarity"],
            e["count"],
            e["first_date"],
            e["last_date"],
            e["confidence"],
            e["symmetric"],
        ]
        for e in tables.edges
    ]
    return [
        _save(folder / "nodes.csv", _csv(NEO4J_NODE_HEADER, nodes)),
        _save(folder / "edges.csv", _csv(NEO4J_EDGE_HEADER, edges)),
        _save(folder / "load.cypher", _load_cypher(tables, delimiter)),
    ]


_WRITERS: dict[str, Callable[[ExportTables, Path], list[Path]]] = {
    "graphml": _write_graphml,
    "gexf": _write_gexf,
    "csv": _write_csv,
    "neo4j": _write_neo4j,
}


# ------------------------------------------------------------------------ helpers


def _save(path: Path, data: str | bytes) -> Path:
    from kg.io.atomic import atomic_write

    atomic_write(path, data)
    return path


def _xml_text(value: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", value)


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _flat(record: dict[str, Any], *, skip: Sequence[str]) -> dict[str, Any]:
    """Return the attributes an XML writer takes: scalars, no ``None``, legal text."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        if key in skip or value is None:
            continue
        if isinstance(value, list):
            value = _json(value)
        out[key] = _xml_text(value) if isinstance(value, str) else value
    return out


def _xml(write: Callable[..., None], g: nx.MultiDiGraph[str]) -> bytes:
    """Serialize ``g`` with a networkx writer, keeping carriage returns.

    An XML parser turns a literal carriage return in text into a line feed; as a
    character reference it survives. ElementTree escapes it in attributes only.
    """
    buffer = io.BytesIO()
    write(g, buffer)
    return buffer.getvalue().replace(b"\r", b"&#13;")


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):  # the import tool reads exactly "true" as true
        return "true" if value else "false"
    return value


def _csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return buffer.getvalue()


def _array_delimiter(values: Iterable[str]) -> str:
    text = "".join(values)
    for delimiter in _ARRAY_DELIMITERS:
        if delimiter not in text:
            return delimiter
    shown = " ".join(_ARRAY_DELIMITERS)
    msg = f"every array delimiter the Neo4j export can use ({shown}) occurs in some alias"
    raise ExportError(msg)


def _cypher_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("'", "\\'")
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f"'{escaped}'"


def _cypher_name(value: str) -> str:
    return "`" + value.replace("`", "``") + "`"


def _column(name: str) -> str:
    return f"row.{_cypher_name(name)}"


# How LOAD CSV (which reads every field as text) converts a column of each import type.
_CYPHER_CONVERT = {
    "": "{}",
    "int": "toInteger({})",
    "double": "toFloat({})",
    "date": "date({})",
    "boolean": "{} = 'true'",
    "string[]": "split({}, {delimiter})",
}


def _cypher_sets(var: str, header: Sequence[str], delimiter: str) -> str:
    """Return ``var.name = <converted column>, ...`` for the property columns of ``header``."""
    sets = []
    for field in header:
        name, _, kind = field.partition(":")
        if not name:  # :LABEL, :TYPE, :START_ID(...), :END_ID(...)
            continue
        if kind.startswith("ID"):  # MERGE has set it
            continue
        value = _CYPHER_CONVERT[kind].format(_column(field), delimiter=_cypher_string(delimiter))
        sets.append(f"{var}.{_cypher_name(name)} = {value}")
    return ",\n    ".join(sets)


def _load_cypher(tables: ExportTables, delimiter: str) -> str:
    node_id = NEO4J_NODE_HEADER[0]
    start, end, rel_type = NEO4J_EDGE_HEADER[:3]
    actor = _NODE_LABEL
    lines = [
        "// kg export: nodes.csv (actors) and edges.csv (relations) for Neo4j.",
        "//",
        "// Into a new database with the import tool (files given from where you run it):",
        "//   neo4j-admin database import full neo4j --nodes=nodes.csv --relationships=edges.csv"
        f" --array-delimiter=U+{ord(delimiter):04X} --multiline-fields=true --trim-strings=false",
        "//",
        "// Into a running database with LOAD CSV: copy both files into its import folder, then",
        "//   cypher-shell -f load.cypher",
        "//",
        "// A symmetric relation (symmetric = true) is stored once; match it without a direction.",
        "",
        f"CREATE CONSTRAINT kg_actor_id IF NOT EXISTS FOR (a:{actor}) REQUIRE a.id IS UNIQUE;",
        "",
        "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row",
        f"MERGE (a:{actor} {{id: {_column(node_id)}}})",
        f"SET {_cypher_sets('a', NEO4J_NODE_HEADER, delimiter)};",
    ]
    for kind in sorted({node["type"] for node in tables.nodes}):
        lines.append(
            f"MATCH (a:{actor}) WHERE a.type = {_cypher_string(kind)} SET a:{_cypher_name(kind)};"
        )
    for relation in sorted({edge["relation"] for edge in tables.edges}):
        lines += [
            "",
            "LOAD CSV WITH HEADERS FROM 'file:///edges.csv' AS row",
            f"WITH row WHERE {_column(rel_type)} = {_cypher_string(relation)}",
            f"MATCH (s:{actor} {{id: {_column(start)}}}), (o:{actor} {{id: {_column(end)}}})",
            f"MERGE (s)-[r:{_cypher_name(relation)}]->(o)",
            f"SET {_cypher_sets('r', NEO4J_EDGE_HEADER, delimiter)};",
        ]
    return "\n".join(lines) + "\n"
