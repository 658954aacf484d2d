from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch
from matplotlib.text import Annotation, Text

from kg.errors import ExportError, InputError
from kg.graph import KnowledgeGraph
from kg.plot import (
    CATEGORY_COLORS,
    COMMUNITY_COLORS,
    TYPE_COLORS,
    label_overlaps,
    plot_alliance,
    plot_graph,
    plot_timeline,
    polarity_color,
    select_edges,
)
from kg.views import alliance_matrix, overview, select


def _by_gid(fig: Figure, prefix: str) -> dict[str, Any]:
    found = {}
    for artist in fig.findobj():
        gid = artist.get_gid()
        if isinstance(gid, str) and gid.startswith(prefix):
            found[gid[len(prefix) :]] = artist
    return found


def _texts(fig: Figure) -> str:
    return "\n".join(t.get_text() for t in fig.findobj(Text))


def test_overview_draws_one_line_per_pair_coloured_by_net_polarity(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    fig = plot_graph(sample_graph, tmp_path / "g.png")
    ov = overview(sample_graph)
    nodes, pairs = ov.top(50, 150)
    assert set(_by_gid(fig, "node:")) == set(nodes)
    lines = _by_gid(fig, "pair:")
    assert not _by_gid(fig, "edge:")
    assert set(lines) == {f"{p.a}|{p.b}" for p in pairs}
    # one line per pair, whatever the relations and their directions
    assert len(lines) == len({frozenset(k.split("|")) for k in lines})
    by_key = {f"{p.a}|{p.b}": p for p in pairs}
    for key, patch in lines.items():
        pair = by_key[key]
        assert to_hex(patch.get_edgecolor()) == polarity_color(pair.polarity)
        assert (patch.get_linestyle() in ("--", "dashed")) is pair.mixed
    threat = by_key["japan|north-korea"]  # North Korea threatens Japan: conflict only
    assert threat.net < 0 and to_hex(lines["japan|north-korea"].get_edgecolor()) == "#d73027"
    allies = by_key["japan|united-states"]
    assert allies.net > 0 and to_hex(lines["japan|united-states"].get_edgecolor()) == "#1a9850"
    # width grows with the statements
    widths = sorted((p.count, lines[f"{p.a}|{p.b}"].get_linewidth()) for p in pairs)
    assert widths[0][1] < widths[-1][1]
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_pairs_that_both_cooperate_and_clash_are_dashed(dense_graph: KnowledgeGraph) -> None:
    fig = plot_graph(dense_graph, max_nodes=20)
    lines = _by_gid(fig, "pair:")
    by_key = {f"{p.a}|{p.b}": p for p in overview(dense_graph).pairs}
    mixed = {k for k in lines if by_key[k].mixed}
    assert mixed and len(mixed) < len(lines)
    for key, patch in lines.items():
        assert (patch.get_linestyle() == "dashed") is (key in mixed), key
    # a mixed pair's colour lies between the two ends of the scale
    pair = by_key[min(mixed)]
    assert pair.cooperation > pair.conflict > 0
    assert to_hex(lines[min(mixed)].get_edgecolor()) == polarity_color(pair.polarity)
    assert polarity_color(pair.polarity) not in (polarity_color(1.0), polarity_color(-1.0))


def test_overview_fills_nodes_by_community(dense_graph: KnowledgeGraph) -> None:
    fig = plot_graph(dense_graph, max_nodes=30)
    ov = overview(dense_graph)
    nodes = _by_gid(fig, "node:")
    fills = {n: to_hex(c.get_facecolor()[0]) for n, c in nodes.items()}
    groups: dict[int, set[str]] = {}
    for n in nodes:
        groups.setdefault(ov.community[n], set()).add(fills[n])
    # one colour per community, different communities different colours
    assert all(len(colours) == 1 for colours in groups.values())
    coloured = [c.pop() for c in groups.values()]
    assert len(set(coloured)) == len(coloured) and set(coloured) <= {*COMMUNITY_COLORS, "#e4e4e4"}
    assert "Communities" in _texts(fig)


def test_per_relation_view_draws_the_selected_actors_and_relations(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    fig = plot_graph(sample_graph, tmp_path / "g.png", edges="relations")
    sel = select(sample_graph, max_edges=100)
    nodes = _by_gid(fig, "node:")
    assert set(nodes) == set(sel.nodes)
    assert "north-korea" in nodes
    # node colour by type
    for n, coll in nodes.items():
        kind = sample_graph.entity_map[n].type
        assert to_hex(coll.get_facecolor()[0]) == TYPE_COLORS[kind]
    # one line per pair, category and direction; coloured by category; conflict dashed
    edges = _by_gid(fig, "edge:")
    assert edges
    for key, patch in edges.items():
        category = key.split("|")[1]
        assert to_hex(patch.get_edgecolor()) == CATEGORY_COLORS[category]
        assert (patch.get_linestyle() in ("--", "dashed")) is (category == "conflict")
    assert any(k.startswith("north-korea|conflict|") for k in edges)
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_symmetric_relations_have_no_arrowheads(sample_graph: KnowledgeGraph) -> None:
    fig = plot_graph(sample_graph, edges="relations")
    edges = _by_gid(fig, "edge:")
    allied = edges["japan|cooperation|united-states"]  # alliedWith, cooperatesWith: mutual
    threat = edges["north-korea|conflict|japan"]
    assert type(allied.get_arrowstyle()).__name__ == "Curve"
    assert type(threat.get_arrowstyle()).__name__ == "CurveFilledB"


def test_overview_legend_explains_the_line_colours(sample_graph: KnowledgeGraph) -> None:
    fig = plot_graph(sample_graph)
    legend = fig.axes[0].get_legend()
    assert legend.get_title().get_text() == "Lines"
    colours = {h.get_label(): to_hex(h.get_color()) for h in legend.legend_handles if h}
    assert colours["cooperation"] == polarity_color(1.0)
    assert colours["conflict"] == polarity_color(-1.0)
    assert colours["neither (talks, ties)"] == polarity_color(None)
    texts = _texts(fig)
    for expected in ("Actors", "Communities", "Evidence", "one line per pair of actors"):
        assert expected in texts


def test_legends_name_categories_types_and_evidence(sample_graph: KnowledgeGraph) -> None:
    fig = plot_graph(sample_graph, edges="relations")
    ax = fig.axes[0]
    relations = {t.get_text() for t in ax.get_legend().get_texts()}
    assert relations == {"cooperation", "conflict", "communication", "affiliation"}
    colours = {h.get_label(): to_hex(h.get_color()) for h in ax.get_legend().legend_handles if h}
    assert colours["conflict"] == CATEGORY_COLORS["conflict"]
    texts = _texts(fig)
    for expected in ("Actors", "Country", "Person", "Organization", "1 statement", "Evidence"):
        assert expected in texts


@pytest.mark.parametrize("edges", ["pairs", "relations"])
def test_labels_do_not_overlap(sample_graph: KnowledgeGraph, edges: Any) -> None:
    fig = plot_graph(sample_graph, edges=edges)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = _by_gid(fig, "label:")
    assert set(labels) == set(_by_gid(fig, "node:"))
    assert all(isinstance(t, Annotation) for t in labels.values())
    boxes = [t.get_window_extent(renderer) for t in labels.values()]
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a, b)
    assert label_overlaps(fig) == []


@pytest.mark.parametrize("edges", ["pairs", "relations"])
def test_a_hairball_draws_as_many_actors_as_fit_without_overlaps(
    dense_graph: KnowledgeGraph, edges: Any
) -> None:
    fig = plot_graph(dense_graph, edges=edges, max_nodes=50)
    nodes = _by_gid(fig, "node:")
    assert label_overlaps(fig) == []  # no label over a label or over a node
    assert set(_by_gid(fig, "label:")) == set(nodes)  # and every actor drawn is named
    # fewer actors than asked for, since not all labels fit; the caption says so
    assert 15 <= len(nodes) < 50
    assert f"showing {len(nodes)} of 90 actors" in _texts(fig)


def test_label_overlaps_finds_a_label_on_a_node(sample_graph: KnowledgeGraph) -> None:
    fig = plot_graph(sample_graph)
    label = _by_gid(fig, "label:")["japan"]
    label.set_position((0.0, 0.0))
    label.set_horizontalalignment("center")
    label.set_verticalalignment("center")
    assert ("label:japan", "node:japan") in label_overlaps(fig)


def test_caption_counts_articles_and_what_was_left_out(sample_graph: KnowledgeGraph) -> None:
    nodes, edges, total = select_edges(sample_graph, max_nodes=3)
    assert len(nodes) <= 3 and total > 3
    assert all(e["subject"] in nodes and e["object"] in nodes for e in edges)
    fig = plot_graph(sample_graph, max_nodes=3, edges="relations")
    assert len(_by_gid(fig, "node:")) == len(nodes)
    texts = _texts(fig)
    assert f"showing {len(nodes)} of {total} actors" in texts
    assert f"{total - len(nodes)} actors" in texts and "left out" in texts
    assert "1 article" in texts
    pairs = plot_graph(sample_graph, max_nodes=3)
    ov = overview(sample_graph)
    shown_nodes, shown_pairs = ov.top(3, 150)
    assert len(_by_gid(pairs, "pair:")) == len(shown_pairs)
    assert (
        f"showing {len(shown_nodes)} of {total} actors and {len(shown_pairs)} of "
        f"{len(ov.pairs)} pairs" in _texts(pairs)
    )


def test_big_numbers_get_thousands_separators(toy_graph: KnowledgeGraph) -> None:
    sel = select(toy_graph)
    fake = type(sel)((), (), 1250, 3400, {}, 1000)
    assert "showing 0 of 1,250 actors" in fake.describe()
    assert fake.subtitle().startswith("1,000 articles")


def test_category_filter(sample_graph: KnowledgeGraph) -> None:
    _, edges, _ = select_edges(sample_graph, category="conflict")
    assert edges and {e["category"] for e in edges} == {"conflict"}
    fig = plot_graph(sample_graph, category="conflict", edges="relations")
    assert {k.split("|")[1] for k in _by_gid(fig, "edge:")} == {"conflict"}
    assert {t.get_text() for t in fig.axes[0].get_legend().get_texts()} == {"conflict"}
    pairs = plot_graph(sample_graph, category="conflict")
    assert {to_hex(p.get_edgecolor()) for p in _by_gid(pairs, "pair:").values()} == {
        polarity_color(-1.0)
    }
    assert {t.get_text() for t in pairs.axes[0].get_legend().get_texts()} == {"conflict"}


def test_ego_diagram(sample_graph: KnowledgeGraph) -> None:
    fig = plot_graph(sample_graph, focus="Pyongyang")
    nodes = _by_gid(fig, "node:")
    assert "north-korea" in nodes and "china" in nodes
    assert "person-fan-changlong" not in nodes  # two steps away
    assert nodes["north-korea"].get_linewidths()[0] > nodes["china"].get_linewidths()[0]
    assert "North Korea and its relations" in _texts(fig)


def test_date_window_on_a_dated_graph(toy_graph: KnowledgeGraph) -> None:
    fig = plot_graph(toy_graph, since="2020-04")
    assert set(_by_gid(fig, "node:")) == {"atlantis", "borduria", "carpania"}
    assert "3 articles · 2020-04-20 – 2020-06-30" in _texts(fig)


@pytest.mark.parametrize("edges", ["pairs", "relations"])
def test_same_input_same_bytes(sample_graph: KnowledgeGraph, tmp_path: Path, edges: Any) -> None:
    for suffix in (".png", ".svg", ".pdf"):
        a, b = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
        plot_graph(sample_graph, a, edges=edges)
        plot_graph(sample_graph, b, edges=edges)
        assert a.read_bytes() == b.read_bytes(), suffix
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert 'id="node:north-korea"' in svg


def test_unknown_edge_mode_lists_the_modes(sample_graph: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="pairs, relations"):
        plot_graph(sample_graph, edges="dyads")  # type: ignore[arg-type]


def test_bad_suffix_is_an_export_error(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=".png"):
        plot_graph(sample_graph, tmp_path / "g.gif")
    with pytest.raises(ExportError):
        plot_alliance(sample_graph, tmp_path / "g.jpg")


def test_empty_view_says_so(toy_graph: KnowledgeGraph) -> None:
    fig = plot_graph(toy_graph, since="2030")
    assert "no relations to draw" in _texts(fig)
    assert not _by_gid(fig, "node:")


def test_alliance_heatmap_shows_the_matrix(toy_graph: KnowledgeGraph, tmp_path: Path) -> None:
    fig = plot_alliance(toy_graph, tmp_path / "alliance.svg")
    data = alliance_matrix(toy_graph)
    image = fig.axes[0].images[0]
    assert image.get_gid() == "alliance"
    shown = image.get_array()
    n = len(data.countries)
    expected = np.array([[data.net(i, j) for j in range(n)] for i in range(n)])
    seen = np.array(
        [[data.cooperation[i][j] + data.conflict[i][j] for j in range(n)] for i in range(n)]
    )
    assert np.array_equal(np.ma.getmaskarray(shown), seen == 0)
    assert np.array_equal(shown.filled(0), expected)
    # the colour of an adversary cell is red, of an ally cell green
    i, j = data.countries.index("atlantis"), data.countries.index("borduria")
    k = data.countries.index("syldavia")
    red, green = image.to_rgba(shown[i, j]), image.to_rgba(shown[i, k])
    assert red[0] > red[1] and green[1] > green[0]
    cells = _by_gid(fig, "cell:")
    assert cells["atlantis|borduria"].get_text() == "-3"
    assert cells["atlantis|syldavia"].get_text() == "+2"
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert ticks == list(data.names)
    texts = _texts(fig)
    assert "showing 4 of 4 countries" in texts and "allies" in texts and "adversaries" in texts
    assert "<svg" in (tmp_path / "alliance.svg").read_text(encoding="utf-8")


def test_alliance_cap_is_reported(toy_graph: KnowledgeGraph) -> None:
    fig = plot_alliance(toy_graph, max_countries=2)
    assert "showing 2 of 4 countries" in _texts(fig)
    assert "2 left out" in _texts(fig)


def test_timeline_marks_each_statement(toy_graph: KnowledgeGraph, tmp_path: Path) -> None:
    fig = plot_timeline(toy_graph, "Atlantis", "Borduria", tmp_path / "t.png")
    events = _by_gid(fig, "event:")
    assert set(events) == {
        "conflict|-1|2020-02-10",
        "communication|0|2020-05-25",
        "conflict|-1|2020-05-25",
    }
    assert all(isinstance(e, PathCollection) for e in events.values())
    assert (
        to_hex(events["conflict|-1|2020-02-10"].get_facecolor()[0]) == CATEGORY_COLORS["conflict"]
    )
    bars = [a for a in fig.findobj() if a.get_gid() == "bar:conflict" and a.get_height() != 0]
    assert len(bars) == 2 and all(b.get_height() < 0 for b in bars)
    rows = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert rows == ["threatens", "meets with"]
    texts = _texts(fig)
    assert "Atlantis and Borduria: relations over time" in texts
    assert "1 undated statement(s) not shown" in texts
    assert "Borduria → Atlantis" in texts


def test_timeline_without_dates_says_so(sample_graph: KnowledgeGraph) -> None:
    fig = plot_timeline(sample_graph, "United States", "North Korea")
    assert "no dated relations between United States and North Korea" in _texts(fig)


def test_timeline_needs_known_actors(toy_graph: KnowledgeGraph) -> None:
    with pytest.raises(InputError, match="Atlantis"):
        plot_timeline(toy_graph, "Atlantiss", "Borduria")


def test_edges_are_fancy_arrows(sample_graph: KnowledgeGraph) -> None:
    fig = plot_graph(sample_graph, edges="relations")
    assert all(isinstance(p, FancyArrowPatch) for p in _by_gid(fig, "edge:").values())
    lines = _by_gid(plot_graph(sample_graph), "pair:").values()
    assert lines and all(isinstance(p, FancyArrowPatch) for p in lines)
    assert all(type(p.get_arrowstyle()).__name__ == "Curve" for p in lines)  # no arrowheads


def test_min_confidence_keeps_the_confident_relations(toy_graph: KnowledgeGraph) -> None:
    # each toy statement is 0.8 sure; only Borduria's two threats together reach 0.96
    fig = plot_graph(toy_graph, min_confidence=0.9)
    assert set(_by_gid(fig, "pair:")) == {"atlantis|borduria"}
    assert len(_by_gid(plot_graph(toy_graph), "pair:")) > 1
    with pytest.raises(InputError, match="min_confidence"):
        plot_graph(toy_graph, min_confidence=1.5)
