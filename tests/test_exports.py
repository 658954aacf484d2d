from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd
import pytest
from clirun import run_kg

from kg.errors import ExportError, InputError
from kg.exports import (
    CSV_EDGE_FIELDS,
    CSV_NODE_FIELDS,
    NEO4J_EDGE_HEADER,
    NEO4J_NODE_HEADER,
    export,
    export_tables,
)
from kg.graph import KnowledgeGraph, merge_results
from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role

# ------------------------------------------------------------------ a hostile graph

QUOTES = "He said \"no\" & 'yes' <b>&amp;</b> ]]> </script>"
LINES = "Line one\nLine two\r\nthree\rfour"
EMOJI = "🇺🇸 United 🦄 States 👩‍👩‍👧"
CONTROL = "Bell\x07 Esc\x1b Tab\t VT\x0b FF\x0c end"
# What XML 1.0 can carry of CONTROL: the illegal characters become U+FFFD.
CONTROL_IN_XML = "Bell\ufffd Esc\ufffd Tab\t VT\ufffd FF\ufffd end"
HOSTILE = {
    # id: (name, type, aliases, qid)
    "quotes": (QUOTES, "Person", ("A;B", "C|D", "«E»"), None),
    "lines": (LINES, "Country", (), "Q30"),
    "emoji": (EMOJI, "Organization", ("🦄",), None),
    "control": (CONTROL, "Group", (), None),
    'odd id "<&>"': ("Odd", "Country", (), None),
}
# (article, date, subject, relation, object, confidence, negated)
HOSTILE_FACTS = [
    ("a1", "2021-01-10", "quotes", "alliedWith", "lines", 0.6, False),
    ("a2", "2021-03-05", "lines", "alliedWith", "quotes", 0.5, False),
    ("a2", "2021-03-05", "emoji", "threatens", "control", 0.9, False),
    ("a3", None, "control", "attacks", 'odd id "<&>"', 0.7, False),
    ("a3", None, "control", "sanctions", "emoji", 0.7, True),
]


def _graph(entities: dict[str, tuple[Any, ...]], facts: list[tuple[Any, ...]]) -> KnowledgeGraph:
    results = []
    for aid in sorted({f[0] for f in facts}):
        rows = [f for f in facts if f[0] == aid]
        assertions, used, sentences = [], set(), []
        for _, date, subj, rel, obj, confidence, negated in rows:
            roles = []
            for eid in (subj, obj):
                name, kind, _, qid = entities[eid]
                roles.append(Role(eid, name, kind, qid, name, 0, len(name)))
            sentence = f"{roles[0].name} {rel} {roles[1].name}."
            evidence = Evidence(aid, sentence, 0, date)
            assertions.append(
                Assertion(roles[0], rel, roles[1], evidence, negated=negated, confidence=confidence)
            )
            used.update((subj, obj))
            sentences.append(sentence)
        ents = tuple(
            Entity(e, entities[e][0], entities[e][1], entities[e][2], entities[e][3])
            for e in sorted(used)
        )
        article = Article(aid, " ".join(sentences), title=aid, date=rows[0][1])
        results.append(ArticleResult(article, ents, tuple(assertions)))
    return merge_results(results)


@pytest.fixture(scope="module")
def hostile() -> KnowledgeGraph:
    return _graph(HOSTILE, HOSTILE_FACTS)


@pytest.fixture(scope="module")
def hostile_ttl(hostile: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.rdf import write_graph

    path = tmp_path_factory.mktemp("hostile") / "graph.ttl"
    write_graph(hostile, path)
    return path


def _xml(value: Any) -> Any:
    return value.replace(CONTROL, CONTROL_IN_XML) if isinstance(value, str) else value


# ------------------------------------------------------------------ what travels


def test_tables_carry_the_fields_and_symmetric_relations_once(hostile: KnowledgeGraph) -> None:
    tables = export_tables(hostile)
    edges = {(e["source"], e["relation"], e["target"]): e for e in tables.edges}
    # "quotes alliedWith lines" and "lines alliedWith quotes": one edge, both statements.
    assert [k for k in edges if k[1] == "alliedWith"] == [("lines", "alliedWith", "quotes")]
    allied = edges[("lines", "alliedWith", "quotes")]
    assert allied["count"] == 2
    assert allied["confidence"] == pytest.approx(1 - 0.4 * 0.5)  # noisy-or of both directions
    assert (allied["first_date"], allied["last_date"]) == ("2021-01-10", "2021-03-05")
    assert allied["articles"] == ["a1", "a2"]
    assert allied["symmetric"] is True
    assert allied["evidence"] == f"{QUOTES} alliedWith {LINES}."  # the more confident one
    assert allied["category"] == "cooperation" and allied["polarity"] > 0
    threat = edges[("emoji", "threatens", "control")]
    assert threat["polarity"] < 0 and threat["category"] == "conflict"
    assert threat["evidence"] == f"{EMOJI} threatens {CONTROL}."
    # The negated sanction is no fact; the undated attack has no dates.
    assert ("control", "sanctions", "emoji") not in edges
    attack = edges[("control", "attacks", 'odd id "<&>"')]
    assert attack["first_date"] is None and attack["last_date"] is None
    nodes = {n["id"]: n for n in tables.nodes}
    assert nodes["quotes"]["aliases"] == ["A;B", "C|D", "«E»"]
    assert nodes["lines"]["qid"] == "Q30"
    assert {k: n["facts"] for k, n in nodes.items()} == {
        "quotes": 2,
        "lines": 2,
        "emoji": 1,
        "control": 2,
        'odd id "<&>"': 1,
    }


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # Every category by default, location included (kg plot leaves location out).
        (
            {},
            {
                "atlantis alliedWith syldavia",
                "atlantis cooperatesWith syldavia",
                "atlantis meetsWith borduria",
                "borduria accuses atlantis",
                "borduria alliedWith carpania",
                "borduria threatens atlantis",
                "carpania sanctions atlantis",
                "klow locatedIn syldavia",
                "zog attacks syldavia",
                "zog leaderOf borduria",
            },
        ),
        (
            {"category": "conflict"},
            {
                "borduria accuses atlantis",
                "borduria threatens atlantis",
                "carpania sanctions atlantis",
                "zog attacks syldavia",
            },
        ),
        (
            {"since": "2020-03", "until": "2020-04"},
            {
                "borduria alliedWith carpania",
                "carpania sanctions atlantis",
                "zog attacks syldavia",
                "zog leaderOf borduria",
            },
        ),
        # Two threats at 0.8 each: noisy-or 0.96; every other relation is 0.8.
        ({"min_confidence": 0.9}, {"borduria threatens atlantis"}),
        (
            {"focus": "Syldavia", "category": ["conflict", "location"]},
            {
                "klow locatedIn syldavia",
                "zog attacks syldavia",
            },
        ),
        (
            {"focus": "Syldavia", "category": "conflict", "depth": 2},
            {"zog attacks syldavia"},
        ),
    ],
)
def test_filters_of_kg_plot_apply(
    toy_graph: KnowledgeGraph, filters: dict[str, Any], expected: set[str]
) -> None:
    tables = export_tables(toy_graph, **filters)
    assert {f"{e['source']} {e['relation']} {e['target']}" for e in tables.edges} == expected
    ends = {e["source"] for e in tables.edges} | {e["target"] for e in tables.edges}
    assert {n["id"] for n in tables.nodes} == ends


def test_bad_filters_and_formats_raise_typed_errors(
    toy_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    with pytest.raises(ExportError, match="expected one of: graphml, gexf, csv, neo4j"):
        export(toy_graph, tmp_path / "x", format="dot")
    with pytest.raises(InputError, match="min_confidence"):
        export_tables(toy_graph, min_confidence=1.5)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="is a file"):
        export(toy_graph, tmp_path / "file", format="csv")
    with pytest.raises(ExportError, match="is a folder"):
        export(toy_graph, tmp_path, format="graphml")


# ------------------------------------------------------------------ round trips


def _expected_xml(graph: KnowledgeGraph) -> tuple[dict[str, Any], dict[Any, Any]]:
    """Nodes and edges as an XML reader should give them back (lists as JSON text)."""
    tables = export_tables(graph)
    nodes = {
        _xml(n["id"]): {
            k: _xml(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
            for k, v in n.items()
            if k != "id" and v is not None
        }
        for n in tables.nodes
    }
    edges = {
        (_xml(e["source"]), _xml(e["target"]), e["relation"]): {
            k: _xml(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)
            for k, v in e.items()
            if k not in ("source", "target") and v is not None
        }
        | {"weight": float(e["count"])}
        for e in tables.edges
    }
    return nodes, edges


def test_graphml_round_trips(hostile: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.graphml"
    result = hostile.export(path, format="graphml")
    assert result.files == (path,) and (result.nodes, result.edges) == (5, 3)
    back = nx.read_graphml(path, force_multigraph=True, edge_key_type=str)
    nodes, edges = _expected_xml(hostile)
    assert dict(back.nodes(data=True)) == nodes
    assert {(u, v, d["relation"]): d for u, v, d in back.edges(data=True)} == edges
    # Edge ids are unique in the file (Gephi would take a repeated id for one edge).
    assert sorted(k for _, _, k in back.edges(keys=True)) == ["e0", "e1", "e2"]
    # The hostile names, spelled out: \r survives, control characters become U+FFFD.
    assert back.nodes["lines"]["name"] == LINES
    assert back.nodes["quotes"]["name"] == QUOTES
    assert back.nodes["emoji"]["name"] == EMOJI
    assert back.nodes["control"]["name"] == CONTROL_IN_XML
    assert json.loads(back.nodes["quotes"]["aliases"]) == ["A;B", "C|D", "«E»"]


def test_gexf_round_trips_as_a_dynamic_graph(hostile: KnowledgeGraph, tmp_path: Path) -> None:
    path = tmp_path / "graph.gexf"
    hostile.export(path, format="gexf")
    back = nx.read_gexf(path)
    nodes, edges = _expected_xml(hostile)
    # GEXF adds a label (the name) to nodes and an id to edges; dated edges get start/end.
    assert {n: {k: v for k, v in d.items() if k != "label"} for n, d in back.nodes(data=True)} == (
        nodes
    )
    assert all(d["label"] == d["name"] for _, d in back.nodes(data=True))
    # Without parallel edges the reader gives a DiGraph: the relation is an attribute too.
    got = {(u, v, d["relation"]): d for u, v, d in back.edges(data=True)}
    assert {
        k: {a: b for a, b in d.items() if a not in ("id", "start", "end")} for k, d in got.items()
    } == edges
    allied = got[("lines", "quotes", "alliedWith")]
    assert (allied["start"], allied["end"]) == ("2021-01-10", "2021-03-05")
    assert "start" not in got[("control", 'odd id "<&>"', "attacks")]
    root = path.read_text(encoding="utf-8")
    assert re.search(r'<graph [^>]*mode="dynamic"', root)
    assert re.search(r'<graph [^>]*timeformat="date"', root)
    assert "lastmodifieddate" not in root  # no date of writing: the same graph, the same bytes


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def test_csv_loads_with_pandas_and_networkx(hostile: KnowledgeGraph, tmp_path: Path) -> None:
    result = hostile.export(tmp_path / "csv", format="csv")
    assert [f.name for f in result.files] == ["nodes.csv", "edges.csv"]
    tables = export_tables(hostile)
    nodes = _read_csv(tmp_path / "csv" / "nodes.csv")
    assert tuple(nodes.columns) == CSV_NODE_FIELDS
    # Every name comes back exactly, control characters and carriage returns included.
    assert list(nodes["name"]) == [n["name"] for n in tables.nodes]
    assert list(nodes["id"]) == [n["id"] for n in tables.nodes]
    assert [json.loads(a) for a in nodes["aliases"]] == [n["aliases"] for n in tables.nodes]
    typed = pd.read_csv(tmp_path / "csv" / "edges.csv")
    assert tuple(typed.columns) == CSV_EDGE_FIELDS
    assert typed["count"].dtype.kind == "i" and typed["confidence"].dtype.kind == "f"
    assert typed["symmetric"].dtype.kind == "b"
    g = nx.from_pandas_edgelist(
        typed,
        edge_attr=True,
        create_using=nx.MultiDiGraph,
        edge_key="relation",
    )
    assert {(u, v, k) for u, v, k in g.edges(keys=True)} == {
        (e["source"], e["target"], e["relation"]) for e in tables.edges
    }
    allied = g.edges["lines", "quotes", "alliedWith"]
    assert (allied["count"], allied["first_date"]) == (2, "2021-01-10")
    # The csv module reads them too, with the header first.
    with (tmp_path / "csv" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == list(CSV_NODE_FIELDS) and len(rows) == 1 + len(tables.nodes)


# --------------------------------------------------------------- Neo4j's grammar

# neo4j-admin database import, "CSV header format": each field is <name>:<field_type>;
# a property type is one of these, with [] for an array; ID, START_ID and END_ID may
# name an id space in brackets; LABEL, TYPE and IGNORE take no name that matters.
_NEO4J_TYPES = (
    "int|long|float|double|boolean|byte|short|char|string|point|date|localtime|time"
    "|localdatetime|datetime|duration"
)
_NEO4J_FIELD = re.compile(
    rf"^(?P<name>[^:]*)(?::(?:(?P<id>ID|START_ID|END_ID)(?:\((?P<space>[^()]+)\))?"
    rf"|(?P<special>LABEL|TYPE|IGNORE)|(?P<type>(?:{_NEO4J_TYPES})(?P<array>\[\])?)))?$"
)


def _neo4j_fields(header: list[str]) -> list[dict[str, str | None]]:
    fields = []
    for field in header:
        match = _NEO4J_FIELD.match(field)
        assert match, f"{field!r} is not <name>:<field_type>"
        fields.append(match.groupdict())
    props = [f["name"] for f in fields if not (f["id"] or f["special"]) or f["id"] == "ID"]
    assert all(props) and len(props) == len(set(props)), props
    return fields


@pytest.mark.parametrize(
    "field",
    ["id:ID", "id:ID(Actor)", ":LABEL", ":START_ID(Actor)", "n", "n:string[]", "d:date"],
)
def test_neo4j_grammar_accepts_documented_fields(field: str) -> None:
    _neo4j_fields([field])


@pytest.mark.parametrize("field", ["facts:integer", "id:ID(", "x:LABEL:int", "a:string[][]"])
def test_neo4j_grammar_rejects_others(field: str) -> None:
    with pytest.raises(AssertionError):
        _neo4j_fields([field])


def test_neo4j_files_follow_the_import_header_grammar(
    hostile: KnowledgeGraph, tmp_path: Path
) -> None:
    result = hostile.export(tmp_path / "neo", format="neo4j")
    assert [f.name for f in result.files] == ["nodes.csv", "edges.csv", "load.cypher"]
    with (tmp_path / "neo" / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        node_rows = list(csv.reader(fh))
    with (tmp_path / "neo" / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edge_rows = list(csv.reader(fh))
    assert tuple(node_rows[0]) == NEO4J_NODE_HEADER
    assert tuple(edge_rows[0]) == NEO4J_EDGE_HEADER
    nodes = _neo4j_fields(node_rows[0])
    edges = _neo4j_fields(edge_rows[0])
    # A node file has one ID; a relationship file one START_ID, END_ID and TYPE, in the
    # id space of the nodes.
    assert [f["id"] for f in nodes if f["id"]] == ["ID"]
    assert sorted(f["id"] for f in edges if f["id"]) == ["END_ID", "START_ID"]
    assert [f["special"] for f in edges if f["special"]] == ["TYPE"]
    spaces = {f["space"] for f in nodes + edges if f["id"]}
    assert len(spaces) == 1 and None not in spaces

    # The array delimiter named in the import command splits arrays and labels back.
    script = (tmp_path / "neo" / "load.cypher").read_text(encoding="utf-8")
    code = re.search(r"--array-delimiter=U\+([0-9A-F]{4})", script)
    assert code and "--multiline-fields=true" in script
    delimiter = chr(int(code.group(1), 16))
    assert delimiter not in ";|"  # an alias holds each of them
    assert f"split(row.`aliases:string[]`, '{delimiter}')" in script

    tables = export_tables(hostile)
    by_id = {n["id"]: n for n in tables.nodes}
    for row in node_rows[1:]:
        value = dict(zip(node_rows[0], row, strict=True))
        node = by_id[value["id:ID(Actor)"]]
        assert value["name"] == node["name"]  # hostile names, exactly
        assert value[":LABEL"].split(delimiter) == ["Actor", node["type"]]
        aliases = value["aliases:string[]"]
        assert (aliases.split(delimiter) if aliases else []) == node["aliases"]
        assert int(value["facts:int"]) == node["facts"]
    for row in edge_rows[1:]:
        value = dict(zip(edge_rows[0], row, strict=True))
        assert value[":START_ID(Actor)"] in by_id and value[":END_ID(Actor)"] in by_id
        float(value["polarity:double"]), float(value["confidence:double"])
        int(value["count:int"])
        assert value["symmetric:boolean"] in ("true", "false")
        for key in ("first_date:date", "last_date:date"):
            assert value[key] == "" or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[key])
    # One MERGE per relation type, with the type as a quoted name.
    assert sorted(re.findall(r"MERGE \(s\)-\[r:`([^`]+)`\]->\(o\)", script)) == sorted(
        {e["relation"] for e in tables.edges}
    )


# ------------------------------------------------------------------ the command line


def test_cli_exports_every_format(hostile_ttl: Path, tmp_path: Path) -> None:
    for fmt, out in (
        ("graphml", tmp_path / "g.graphml"),
        ("gexf", tmp_path / "g.gexf"),
        ("csv", tmp_path / "csv"),
        ("neo4j", tmp_path / "neo"),
    ):
        result = run_kg("export", str(hostile_ttl), "--format", fmt, "-o", str(out))
        assert result.returncode == 0, result.stderr
        assert "wrote 5 actors and 3 relations" in result.stdout
    g = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True, edge_key_type=str)
    assert g.nodes["quotes"]["name"] == QUOTES and g.nodes["lines"]["name"] == LINES
    assert g.nodes["emoji"]["name"] == EMOJI
    assert nx.read_gexf(tmp_path / "g.gexf").nodes["control"]["name"] == CONTROL_IN_XML
    names = set(_read_csv(tmp_path / "csv" / "nodes.csv")["name"])
    assert names == {QUOTES, LINES, EMOJI, CONTROL, "Odd"}


def test_cli_applies_filters_and_reports_errors(hostile_ttl: Path, tmp_path: Path) -> None:
    out = tmp_path / "conflict"
    result = run_kg(
        "export",
        str(hostile_ttl),
        "--format",
        "csv",
        "-o",
        str(out),
        "--category",
        "conflict",
        "--min-confidence",
        "0.8",
    )
    assert result.returncode == 0, result.stderr
    edges = _read_csv(out / "edges.csv")
    assert list(zip(edges["source"], edges["relation"], edges["target"], strict=True)) == [
        ("emoji", "threatens", "control")
    ]
    bad = run_kg("export", str(hostile_ttl), "--format", "dot", "-o", str(tmp_path / "x"))
    assert bad.returncode == 2
    assert "unknown export format 'dot'" in bad.stderr and "Traceback" not in bad.stderr
