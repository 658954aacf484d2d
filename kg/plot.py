"""Relationship diagrams with matplotlib (imported only when drawing).

The overview draws the top actors by weighted degree, edges coloured by
category with a legend, width by evidence count, arrows for directed relations
(symmetric ones drawn once, without arrows), node colour by entity type, and a
caption saying how much of the graph is shown.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ExportError
from kg.ontology import CATEGORIES, check_category

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kg.graph import KnowledgeGraph

__all__ = ["CATEGORY_COLORS", "TYPE_COLORS", "plot_graph", "select_edges"]

CATEGORY_COLORS: dict[str, str] = {
    "cooperation": "#1a9850",
    "conflict": "#d73027",
    "communication": "#4575b4",
    "affiliation": "#8c6bb1",
    "location": "#bf812d",
    "open": "#9e9e9e",
}
TYPE_COLORS: dict[str, str] = {
    "Country": "#fdd49e",
    "Person": "#c6dbef",
    "Organization": "#d9f0d3",
    "Group": "#fbb4ae",
    "Place": "#eeeeee",
}
_FORMATS = {".png", ".svg", ".pdf"}


def select_edges(
    graph: KnowledgeGraph,
    *,
    max_nodes: int = 40,
    category: str | None = None,
    focus: str | None = None,
    depth: int = 1,
) -> tuple[list[str], list[dict[str, Any]], int]:
    """Choose what a diagram shows.

    Returns:
        The node ids drawn (strongest first), the edge records drawn (symmetric
        relations once), and the number of actors in the whole view.
    """
    from kg.graph import edge_records
    from kg.query import find_entity

    cat = check_category(category) if category else None
    records = [
        r
        for r in edge_records(graph)
        if (cat is None or r["category"] == cat) and r["category"] is not None
    ]
    # Symmetric relations once, in a canonical direction.
    unique: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in records:
        s, o = r["subject"], r["object"]
        if r["symmetric"] and o < s:
            s, o = o, s
        key = (s, r["relation"], o)
        if key in unique:
            unique[key]["count"] += r["count"]
        else:
            unique[key] = {**r, "subject": s, "object": o}
    edges = list(unique.values())
    if focus:
        center = find_entity(graph, focus)
        keep = {center}
        frontier = {center}
        for _ in range(max(depth, 1)):
            nxt = set()
            for e in edges:
                if e["subject"] in frontier:
                    nxt.add(e["object"])
                if e["object"] in frontier:
                    nxt.add(e["subject"])
            frontier = nxt - keep
            keep |= nxt
        edges = [e for e in edges if e["subject"] in keep and e["object"] in keep]
    strength: dict[str, float] = defaultdict(float)
    for e in edges:
        strength[e["subject"]] += e["count"]
        strength[e["object"]] += e["count"]
    total = len(strength)
    ranked = sorted(strength, key=lambda n: (-strength[n], n))
    shown = ranked[:max_nodes]
    keep_set = set(shown)
    drawn = [e for e in edges if e["subject"] in keep_set and e["object"] in keep_set]
    connected = {e["subject"] for e in drawn} | {e["object"] for e in drawn}
    shown = [n for n in shown if n in connected]
    drawn.sort(key=lambda e: (e["subject"], e["relation"], e["object"]))
    return shown, drawn, total


def plot_graph(
    graph: KnowledgeGraph,
    path: str | Path | None = None,
    *,
    max_nodes: int = 40,
    category: str | None = None,
    focus: str | None = None,
    depth: int = 1,
    title: str | None = None,
) -> Figure:
    """Draw the relationship diagram; write it to ``path`` (PNG, SVG or PDF) if given.

    Args:
        graph: The graph to draw.
        path: Output file; its suffix picks the format.
        max_nodes: Draw at most this many actors (the strongest by weighted degree).
        category: Draw only this category.
        focus: Draw only this actor and its neighbours up to ``depth``.
        depth: Neighbourhood depth for ``focus``.
        title: Figure title.

    Returns:
        The matplotlib figure (also saved when ``path`` is given).

    Raises:
        ExportError: The file format is not PNG, SVG or PDF, or it cannot be written.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    if path is not None and Path(path).suffix.lower() not in _FORMATS:
        msg = f"cannot draw to {str(path)!r}: expected a .png, .svg or .pdf file"
        raise ExportError(msg)
    nodes, edges, total = select_edges(
        graph, max_nodes=max_nodes, category=category, focus=focus, depth=depth
    )
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for n in nodes:
        g.add_node(n)
    for e in edges:
        g.add_edge(e["subject"], e["object"], key=e["relation"])
    fig, ax = plt.subplots(figsize=(15, 10), dpi=110)
    fig.subplots_adjust(left=0.02, right=0.84, top=0.93, bottom=0.06)
    ax.set_axis_off()
    if nodes:
        simple: nx.Graph[str] = nx.Graph(g)
        # Seeded spring layout on a fixed node order: the same graph, the same picture.
        k = 2.2 / max(len(nodes), 1) ** 0.5
        raw = nx.spring_layout(simple, seed=7, k=k, iterations=200, weight=None)
        pos = {n: (float(raw[n][0]), float(raw[n][1])) for n in nodes}
        degree: dict[str, int] = defaultdict(int)
        for e in edges:
            degree[e["subject"]] += e["count"]
            degree[e["object"]] += e["count"]
        # Several relations between one pair fan out as arcs.
        pair_seen: dict[frozenset[str], int] = defaultdict(int)
        for e in edges:
            pair = frozenset((e["subject"], e["object"]))
            k = pair_seen[pair]
            pair_seen[pair] += 1
            rad = 0.08 + 0.12 * k
            nx.draw_networkx_edges(
                g,
                pos,
                edgelist=[(e["subject"], e["object"])],
                ax=ax,
                edge_color=CATEGORY_COLORS[e["category"] or "open"],
                width=1.2 + 1.3 * min(e["count"], 6),
                alpha=0.8,
                arrows=True,
                arrowstyle="-" if e["symmetric"] else "-|>",
                arrowsize=16,
                connectionstyle=f"arc3,rad={rad}",
                node_size=[900 + 250 * min(degree[n], 12) for n in nodes],
                nodelist=nodes,
            )
        nx.draw_networkx_nodes(
            g,
            pos,
            nodelist=nodes,
            ax=ax,
            node_color=[TYPE_COLORS[graph.entities[n].type] for n in nodes],
            node_size=[900 + 250 * min(degree[n], 12) for n in nodes],
            edgecolors="#555555",
            linewidths=1.0,
        )
        labels = {n: _wrap(graph.entities[n].name) for n in nodes}
        nx.draw_networkx_labels(
            g,
            pos,
            labels=labels,
            ax=ax,
            font_size=9,
            font_weight="bold",
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.75},
        )
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        ax.set_xlim(min(xs) - 0.25, max(xs) + 0.25)
        ax.set_ylim(min(ys) - 0.2, max(ys) + 0.2)
    else:
        ax.text(0.5, 0.5, "no relations to draw", ha="center", va="center", fontsize=14)
    used_categories = sorted({e["category"] for e in edges}, key=list(CATEGORIES).index)
    handles: list[Any] = [
        Line2D([0], [0], color=CATEGORY_COLORS[c], lw=3, label=c) for c in used_categories
    ]
    used_types = sorted({graph.entities[n].type for n in nodes})
    handles += [Patch(facecolor=TYPE_COLORS[t], edgecolor="#555555", label=t) for t in used_types]
    if handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            fontsize=10,
            frameon=True,
            title="relations / actors",
        )
    ax.set_title(title or "Actors and relations", fontsize=15)
    fig.text(
        0.5,
        0.02,
        f"{len(graph.articles)} article(s) · showing {len(nodes)} of {total} actors and "
        f"{len(edges)} relations · arrows: directed relations · width: evidence count",
        ha="center",
        fontsize=9,
        color="#444444",
    )
    if path is not None:
        _save(fig, Path(path))
    return fig


def _wrap(name: str, width: int = 16) -> str:
    words, lines, line = name.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines)


def _save(fig: Figure, path: Path) -> None:
    import tempfile

    from kg.io.atomic import atomic_write

    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp) / ("plot" + path.suffix.lower())
            # Fixed metadata so the same graph gives the same bytes.
            meta: dict[str, Any] = {"Software": None} if path.suffix.lower() == ".png" else {}
            if path.suffix.lower() in (".svg", ".pdf"):
                meta = {"Date": None} if path.suffix.lower() == ".svg" else {"CreationDate": None}
            fig.savefig(tmp_path, metadata=meta)
            atomic_write(path, tmp_path.read_bytes())
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc}"
        raise ExportError(msg) from exc
