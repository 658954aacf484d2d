from __future__ import annotations

from pathlib import Path

import pytest
from matplotlib.colors import to_hex

from kg.errors import ExportError
from kg.graph import KnowledgeGraph
from kg.plot import CATEGORY_COLORS, plot_graph, select_edges


def test_overview_draws_top_actors_with_legend(
    sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    fig = plot_graph(sample_graph, tmp_path / "g.png")
    ax = fig.axes[0]
    texts = {t.get_text() for t in ax.texts}
    assert any("North Korea" in t for t in texts)
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert {"conflict", "cooperation", "affiliation"} <= legend
    colors = {to_hex(c) for coll in ax.collections for c in coll.get_edgecolor()} | {
        to_hex(p.get_edgecolor()) for p in ax.patches
    }
    assert CATEGORY_COLORS["conflict"] in colors
    assert (tmp_path / "g.png").read_bytes()[:4] == b"\x89PNG"


def test_cap_is_respected_and_reported(sample_graph: KnowledgeGraph) -> None:
    nodes, edges, total = select_edges(sample_graph, max_nodes=3)
    assert len(nodes) <= 3 and total > 3
    assert all(e["subject"] in nodes and e["object"] in nodes for e in edges)
    fig = plot_graph(sample_graph, max_nodes=3)
    assert any(f"of {total} actors" in t.get_text() for t in fig.texts)


def test_category_filter(sample_graph: KnowledgeGraph) -> None:
    _, edges, _ = select_edges(sample_graph, category="conflict")
    assert edges and {e["category"] for e in edges} == {"conflict"}


def test_bad_suffix_is_an_export_error(sample_graph: KnowledgeGraph, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=".png"):
        plot_graph(sample_graph, tmp_path / "g.gif")
