"""Relationship diagrams with matplotlib (imported only when drawing).

Three diagrams, each a free function that returns the matplotlib figure and
writes PNG, SVG or PDF when given a path:

- :func:`plot_graph`: the overview (or, with ``focus``, an ego diagram) of the
  strongest actors. Edges are coloured by category (conflict red and dashed,
  cooperation green), one line per pair, category and direction, width by
  evidence count; arrows for directed relations, none for symmetric ones; node
  colour and shape by entity type; labels placed so they do not overlap; a caption
  saying what was left out. The layout pulls allies together and pushes
  adversaries apart (:func:`kg.views.signed_layout`).
- :func:`plot_alliance`: a country-by-country heatmap of cooperation minus conflict.
- :func:`plot_timeline`: the relations between two actors over article dates.

Every artist that stands for data carries a ``gid`` (``node:<id>``,
``edge:<subject>|<category>|<object>``, ``label:<id>``), which SVG output keeps as
element ids and tests use to check what was drawn.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import ExportError
from kg.ontology import CATEGORIES, RELATIONS
from kg.views import Selection, alliance_matrix, entities_of, select, signed_layout, timeline

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from kg.graph import KnowledgeGraph

__all__ = [
    "CATEGORY_COLORS",
    "CATEGORY_STYLES",
    "LineStyle",
    "TYPE_COLORS",
    "TYPE_MARKERS",
    "plot_alliance",
    "plot_graph",
    "plot_timeline",
    "select_edges",
]

CATEGORY_COLORS: dict[str, str] = {
    "cooperation": "#1a9850",
    "conflict": "#d73027",
    "communication": "#4575b4",
    "affiliation": "#8c6bb1",
    "location": "#bf812d",
    "open": "#9e9e9e",
}
LineStyle = Literal["solid", "dashed", "dotted"]
_HAlign = Literal["left", "center", "right"]
_VAlign = Literal["top", "bottom", "center"]
_Spot = tuple[float, float, _HAlign, _VAlign]

# Conflict is dashed so that it differs from cooperation without colour too.
CATEGORY_STYLES: dict[str, LineStyle] = {
    "cooperation": "solid",
    "conflict": "dashed",
    "communication": "solid",
    "affiliation": "solid",
    "location": "dotted",
    "open": "dotted",
}
_CATEGORY_ALPHA = {"cooperation": 0.9, "conflict": 0.9, "communication": 0.7}
_CATEGORY_Z = {"cooperation": 3, "conflict": 3, "communication": 2}
TYPE_COLORS: dict[str, str] = {
    "Country": "#fdd49e",
    "Person": "#c6dbef",
    "Organization": "#d9f0d3",
    "Group": "#fbb4ae",
    "Place": "#eeeeee",
}
TYPE_MARKERS: dict[str, str] = {
    "Country": "o",
    "Person": "D",
    "Organization": "s",
    "Group": "^",
    "Place": "p",
}
# Marker areas that look alike: a diamond or square fills more of its box than a circle.
_MARKER_AREA = {"o": 1.0, "D": 0.62, "s": 0.8, "^": 1.1, "p": 0.95}
# Structural relations are drawn thinner: they are many, and not what the eye should follow.
_CATEGORY_WIDTH = {"affiliation": 0.6, "location": 0.6}
_FORMATS = {".png", ".svg", ".pdf"}
_FIGSIZE = (16.0, 10.0)
_DPI = 110
# Axes rectangle of the network diagrams (figure fractions): the legends sit to the right.
_AXES_BOX = (0.015, 0.075, 0.80, 0.855)
_EVIDENCE_SAMPLES = (1, 5, 20)


# ------------------------------------------------------------------------ overview


def select_edges(
    graph: KnowledgeGraph,
    *,
    max_nodes: int = 40,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
) -> tuple[list[str], list[dict[str, Any]], int]:
    """Choose what a diagram shows (see :func:`kg.views.select`).

    Returns:
        The node ids drawn (strongest first), the edge records drawn (symmetric
        relations once), and the number of actors in the whole view.
    """
    sel = select(
        graph,
        max_nodes=max_nodes,
        category=category,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
    )
    return list(sel.nodes), list(sel.edges), sel.total_nodes


@dataclass(frozen=True, slots=True)
class _Strand:
    """One drawn line: every relation of one category between two actors, one way."""

    subject: str
    object: str
    category: str
    directed: bool
    count: int
    labels: tuple[str, ...]

    @property
    def gid(self) -> str:
        return f"edge:{self.subject}|{self.category}|{self.object}"


def _strands(edges: Iterable[Mapping[str, Any]]) -> list[_Strand]:
    groups: dict[tuple[str, str, str, bool], list[Mapping[str, Any]]] = defaultdict(list)
    for e in edges:
        groups[(e["subject"], e["object"], e["category"], not e["symmetric"])].append(e)
    strands = []
    for (s, o, cat, directed), items in sorted(groups.items()):
        labels = tuple(
            RELATIONS[e["relation"]].label + (f" ×{e['count']}" if e["count"] > 1 else "")
            for e in sorted(items, key=lambda e: (-e["count"], e["relation"]))
        )
        strands.append(_Strand(s, o, cat, directed, sum(e["count"] for e in items), labels))
    return strands


def _width(count: int) -> float:
    return min(0.9 + 1.5 * math.log2(1 + count), 8.0)


def plot_graph(
    graph: KnowledgeGraph,
    path: str | Path | None = None,
    *,
    max_nodes: int = 40,
    max_edges: int | None = 100,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    title: str | None = None,
    edge_labels: bool | None = None,
) -> Figure:
    """Draw the relationship diagram; write it to ``path`` (PNG, SVG or PDF) if given.

    Args:
        graph: The graph to draw.
        path: Output file; its suffix picks the format.
        max_nodes: Draw at most this many actors (the strongest by weighted degree).
        max_edges: Draw at most this many relations (most evidence first); ``None``: all.
        category: Draw only this category (or these categories).
        focus: Draw only this actor and its neighbours up to ``depth`` (an ego diagram).
        depth: Neighbourhood depth for ``focus``.
        since: Only facts from articles dated on or after this (``YYYY[-MM[-DD]]``).
        until: Only facts from articles dated on or before this.
        title: Figure title.
        edge_labels: Name the relations on the lines; by default when few lines are drawn.

    Returns:
        The matplotlib figure (also saved when ``path`` is given).

    Raises:
        ExportError: The file format is not PNG, SVG or PDF, or it cannot be written.
        InputError: ``focus`` names no actor, or a date is invalid.
        OntologyError: ``category`` is not a category.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> kg.load("output/graph.ttl").plot("japan.svg", focus="Japan")  # doctest: +SKIP
    """
    _check_suffix(path)
    sel = select(
        graph,
        max_nodes=max_nodes,
        max_edges=max_edges,
        category=category,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
    )
    fig, ax = _network_figure()
    entities = entities_of(graph)
    strands = _strands(sel.edges)
    if sel.nodes:
        _draw_network(fig, ax, graph, sel, strands, edge_labels=edge_labels)
    else:
        ax.text(0.5, 0.5, "no relations to draw", ha="center", va="center", fontsize=14)
    used_categories = [c for c in CATEGORIES if any(s.category == c for s in strands)]
    used_types = sorted({entities[n].type for n in sel.nodes})
    _network_legends(ax, used_categories, used_types)
    default = "Actors and relations"
    if sel.focus is not None:
        name = entities[sel.focus].name
        default = f"{name} and its relations" + (f" (depth {depth})" if depth > 1 else "")
    _titles(fig, title or default, sel.subtitle())
    caption = sel.describe()
    caption += (
        "\nline colour: category · dashed: conflict · arrow: directed relation, none: mutual · "
        "width: number of statements · one line per pair, category and direction"
    )
    fig.text(0.015, 0.012, caption, ha="left", va="bottom", fontsize=9.5, color="#333333")
    if path is not None:
        _save(fig, Path(path))
    return fig


def _network_figure() -> tuple[Figure, Axes]:
    fig = _new_figure(_FIGSIZE)
    ax = fig.add_axes(_AXES_BOX)
    ax.set_axis_off()
    return fig, ax


def _box_aspect() -> float:
    return (_FIGSIZE[0] * _AXES_BOX[2]) / (_FIGSIZE[1] * _AXES_BOX[3])


def _node_area(strength: float, strongest: float) -> float:
    """Marker area in points²: the strongest actor about 5 times the weakest."""
    return 220.0 + 1500.0 * math.sqrt(strength / max(strongest, 1.0))


def _draw_network(
    fig: Figure,
    ax: Axes,
    graph: KnowledgeGraph,
    sel: Selection,
    strands: Sequence[_Strand],
    *,
    edge_labels: bool | None,
) -> None:
    from matplotlib.patches import FancyArrowPatch

    entities = entities_of(graph)
    aspect = _box_aspect()
    axes_height_pt = _FIGSIZE[1] * _AXES_BOX[3] * 72.0
    strongest = max(sel.strength.values())
    area = {
        n: _node_area(sel.strength[n], strongest)
        * _MARKER_AREA.get(TYPE_MARKERS.get(entities[n].type, "o"), 1.0)
        for n in sel.nodes
    }
    radius_pt = {n: math.sqrt(area[n]) / 2 for n in sel.nodes}
    # Room for the node and a short label beside it.
    radius = {n: (radius_pt[n] + 9.0) / axes_height_pt for n in sel.nodes}
    pos = signed_layout(sel.nodes, sel.edges, aspect=aspect, radius=radius, pinned=sel.focus)
    ax.set_xlim(0.0, aspect)
    ax.set_ylim(0.0, 1.0)
    ax.set_aspect("equal", adjustable="box")

    # Several lines between one pair fan out as arcs, symmetric about the straight line.
    by_pair: dict[tuple[str, str], list[_Strand]] = defaultdict(list)
    for s in strands:
        by_pair[(min(s.subject, s.object), max(s.subject, s.object))].append(s)
    midpoints: list[tuple[_Strand, tuple[float, float]]] = []
    for (a, _), group in sorted(by_pair.items()):
        for k, strand in enumerate(group):
            offset = 0.0 if len(group) == 1 else (k - (len(group) - 1) / 2) * 0.22
            rad = offset if strand.subject == a else -offset
            start, end = pos[strand.subject], pos[strand.object]
            width = _width(strand.count) * _CATEGORY_WIDTH.get(strand.category, 1.0)
            patch = FancyArrowPatch(
                start,
                end,
                arrowstyle="-|>" if strand.directed else "-",
                mutation_scale=11 + 1.6 * width,
                connectionstyle=f"arc3,rad={rad:.3f}",
                shrinkA=radius_pt[strand.subject] + 1.5,
                shrinkB=radius_pt[strand.object] + 1.5,
                color=CATEGORY_COLORS[strand.category],
                linewidth=width,
                linestyle=CATEGORY_STYLES[strand.category],
                alpha=_CATEGORY_ALPHA.get(strand.category, 0.55),
                zorder=_CATEGORY_Z.get(strand.category, 1),
                joinstyle="miter",
                capstyle="butt",
            )
            patch.set_gid(strand.gid)
            ax.add_patch(patch)
            # Midpoint of the quadratic Bézier that arc3 draws.
            dx, dy = end[0] - start[0], end[1] - start[1]
            mid = ((start[0] + end[0]) / 2 + rad * dy / 2, (start[1] + end[1]) / 2 - rad * dx / 2)
            midpoints.append((strand, mid))

    for n in sel.nodes:
        e = entities[n]
        focus = n == sel.focus
        coll = ax.scatter(
            [pos[n][0]],
            [pos[n][1]],
            s=area[n],
            marker=TYPE_MARKERS.get(e.type, "o"),
            c=TYPE_COLORS.get(e.type, "#eeeeee"),
            edgecolors="#000000" if focus else "#555555",
            linewidths=2.6 if focus else 1.0,
            zorder=4,
        )
        coll.set_gid(f"node:{n}")

    placer = _LabelPlacer(fig, ax)
    for n in sel.nodes:
        placer.add_obstacle(pos[n], radius_pt[n])
    for rank, n in enumerate(sel.nodes):
        big = rank < 12 or n == sel.focus
        placer.place(
            _wrap(entities[n].name),
            pos[n],
            radius_pt[n],
            gid=f"label:{n}",
            fontsize=10.5 if big else 9,
            fontweight="bold" if big else "normal",
            required=True,
        )
    if edge_labels is None:
        edge_labels = len(strands) <= 30
    if edge_labels:
        for strand, mid in midpoints:
            text = ", ".join(strand.labels[:2]) + (" …" if len(strand.labels) > 2 else "")
            placer.place(
                text,
                mid,
                0.0,
                gid=f"relation:{strand.gid[5:]}",
                fontsize=7.5,
                color=CATEGORY_COLORS[strand.category],
                fontstyle="italic",
                required=False,
            )


def _network_legends(ax: Axes, categories: Sequence[str], types: Sequence[str]) -> None:
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    anchor_x = 1.01
    type_handles = [
        Line2D(
            [],
            [],
            linestyle="none",
            marker=TYPE_MARKERS[t],
            markersize=11,
            markerfacecolor=TYPE_COLORS[t],
            markeredgecolor="#555555",
            label=t,
        )
        for t in types
    ]
    width_handles = [
        Line2D([], [], color="#777777", lw=_width(c), label=f"{c} statement" + "s" * (c > 1))
        for c in _EVIDENCE_SAMPLES
    ]
    y = 0.60
    if type_handles:
        actors = Legend(
            ax,
            type_handles,
            list(types),
            loc="upper left",
            bbox_to_anchor=(anchor_x, y),
            title="Actors",
            fontsize=10,
            title_fontsize=11,
            alignment="left",
            frameon=False,
        )
        ax.add_artist(actors)
    evidence = Legend(
        ax,
        width_handles,
        [f"{c} statement" + "s" * (c > 1) for c in _EVIDENCE_SAMPLES],
        loc="upper left",
        bbox_to_anchor=(anchor_x, 0.28),
        title="Evidence",
        fontsize=10,
        title_fontsize=11,
        alignment="left",
        frameon=False,
    )
    ax.add_artist(evidence)
    category_handles = [
        Line2D(
            [],
            [],
            color=CATEGORY_COLORS[c],
            lw=3,
            linestyle=CATEGORY_STYLES[c],
            label=c,
        )
        for c in categories
    ]
    # The relations legend is the axes' own legend (``ax.get_legend()``).
    ax.legend(
        handles=category_handles,
        loc="upper left",
        bbox_to_anchor=(anchor_x, 1.0),
        title="Relations",
        fontsize=10,
        title_fontsize=11,
        alignment="left",
        frameon=False,
        handlelength=3.2,
    )


def _titles(fig: Figure, title: str, subtitle: str) -> None:
    """Title and subtitle at a fixed distance (in inches) from the top, whatever the size."""
    height = fig.get_figheight()
    x = 0.23 / fig.get_figwidth()
    fig.text(x, 1 - 0.22 / height, title, ha="left", va="top", fontsize=17, fontweight="bold")
    fig.text(x, 1 - 0.62 / height, subtitle, ha="left", va="top", fontsize=11, color="#555555")


class _LabelPlacer:
    """Greedy label placement: each label takes the first free spot around its anchor.

    Candidates are tried nearest first (below, above, right, left, the diagonals,
    then further out); a spot is free when its box overlaps no node and no label
    placed before. Required labels (actor names) take the least crowded spot when
    none is free; optional ones (relation names) are dropped instead.
    """

    _DIRECTIONS: tuple[_Spot, ...] = (
        (0.0, -1.0, "center", "top"),
        (0.0, 1.0, "center", "bottom"),
        (1.0, 0.0, "left", "center"),
        (-1.0, 0.0, "right", "center"),
        (0.75, -0.75, "left", "top"),
        (-0.75, -0.75, "right", "top"),
        (0.75, 0.75, "left", "bottom"),
        (-0.75, 0.75, "right", "bottom"),
    )

    def __init__(self, fig: Figure, ax: Axes) -> None:
        self.fig = fig
        self.ax = ax
        self.renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
        ax.apply_aspect()
        self.limits = ax.get_window_extent(self.renderer)
        self.obstacles: list[tuple[float, float, float, float]] = []
        self.placed: list[tuple[float, float, float, float]] = []
        self.scale = fig.dpi / 72.0

    def add_obstacle(self, xy: tuple[float, float], radius_pt: float) -> None:
        x, y = self.ax.transData.transform(xy)
        r = radius_pt * self.scale
        self.obstacles.append((x - r, y - r, x + r, y + r))

    def place(
        self,
        text: str,
        xy: tuple[float, float],
        radius_pt: float,
        *,
        gid: str,
        required: bool,
        **style: Any,
    ) -> bool:
        candidates: list[_Spot] = []
        if radius_pt == 0.0:
            candidates.append((0.0, 0.0, "center", "center"))
        for distance in (radius_pt + 3.0, radius_pt + 14.0, radius_pt + 28.0):
            for dx, dy, ha, va in self._DIRECTIONS:
                candidates.append((dx * distance, dy * distance, ha, va))
        ann = self.ax.annotate(
            text,
            xy,
            xytext=(0.0, 0.0),
            textcoords="offset points",
            zorder=5,
            linespacing=1.0,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            **style,
        )
        ann.set_gid(gid)
        best: tuple[float, tuple[float, float, float, float], _Spot]
        best = (math.inf, (0.0, 0.0, 0.0, 0.0), candidates[0])
        for cand in candidates:
            dx, dy, ha, va = cand
            ann.set_position((dx, dy))
            ann.set_horizontalalignment(ha)
            ann.set_verticalalignment(va)
            ext = ann.get_window_extent(self.renderer)
            box = (ext.x0 - 2, ext.y0 - 2, ext.x1 + 2, ext.y1 + 2)
            cost = self._crowding(box)
            if cost < best[0]:
                best = (cost, box, cand)
            if cost == 0.0:
                break
        if best[0] > 0.0 and not required:
            ann.remove()
            return False
        dx, dy, ha, va = best[2]
        ann.set_position((dx, dy))
        ann.set_horizontalalignment(ha)
        ann.set_verticalalignment(va)
        self.placed.append(best[1])
        return True

    def _crowding(self, box: tuple[float, float, float, float]) -> float:
        cost = 0.0
        for other in self.placed:
            cost += 3.0 * _overlap(box, other)
        for other in self.obstacles:
            cost += _overlap(box, other)
        lim = self.limits
        inside = _overlap(box, (lim.x0, lim.y0, lim.x1, lim.y1))
        area = (box[2] - box[0]) * (box[3] - box[1])
        return cost + 4.0 * (area - inside)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


# ------------------------------------------------------------------------ alliance


def plot_alliance(
    graph: KnowledgeGraph,
    path: str | Path | None = None,
    *,
    max_countries: int = 20,
    roll_up: bool = True,
    since: str | None = None,
    until: str | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the alliance map: country by country, cooperation minus conflict.

    Each cell counts the cooperation facts between two countries minus the
    conflict facts, in either direction: green cells are allies, red cells
    adversaries, grey cells pairs with neither. Countries are ordered so that
    allies sit next to each other (see :func:`kg.views.alliance_matrix`).

    Args:
        graph: The graph.
        path: Output file (PNG, SVG or PDF).
        max_countries: Show at most this many countries (the most involved).
        roll_up: Count people and bodies with the state they serve.
        since: Only facts from articles dated on or after this.
        until: Only facts from articles dated on or before this.
        title: Figure title.

    Returns:
        The matplotlib figure; its first axes holds the heatmap image.

    Raises:
        ExportError: The file format is not PNG, SVG or PDF, or it cannot be written.
        InputError: A date or the cap is invalid.
    """
    import numpy as np
    from matplotlib.colors import Colormap, LinearSegmentedColormap, TwoSlopeNorm

    _check_suffix(path)
    data = alliance_matrix(
        graph, max_countries=max_countries, roll_up=roll_up, since=since, until=until
    )
    n = len(data.countries)
    # Geometry in inches: room for names left and on top, the colour bar right, the caption.
    cell = 0.7 if n <= 6 else 0.5 if n <= 12 else 0.4
    left, right, top, bottom = 2.3, 2.0, 2.4, 1.2
    grid = max(n, 2) * cell
    width, height = max(left + grid + right, 10.0), top + grid + bottom
    left += (width - (left + grid + right)) / 2  # centre a small matrix
    fig = _new_figure((width, height))
    ax = fig.add_axes((left / width, bottom / height, grid / width, grid / height))
    cax = fig.add_axes(((left + grid + 0.5) / width, bottom / height, 0.22 / width, grid / height))
    subtitle = f"{data.articles:,} article" + ("" if data.articles == 1 else "s")
    _titles(fig, title or "Alliance map: who cooperates, who clashes", subtitle)
    cmap: Colormap = LinearSegmentedColormap.from_list(
        "kg_conflict_cooperation",
        [CATEGORY_COLORS["conflict"], "#fdf5ec", CATEGORY_COLORS["cooperation"]],
    )
    cmap = cmap.with_extremes(bad="#ececec")
    if n >= 2:
        net = np.array([[data.net(i, j) for j in range(n)] for i in range(n)], dtype=float)
        seen = np.array(
            [[data.cooperation[i][j] + data.conflict[i][j] for j in range(n)] for i in range(n)]
        )
        masked = np.ma.masked_array(net, mask=seen == 0)
        top = max(float(np.abs(net).max()), 1.0)
        image = ax.imshow(
            masked, cmap=cmap, norm=TwoSlopeNorm(0.0, -top, top), interpolation="nearest"
        )
        image.set_gid("alliance")
        ax.set_xticks(range(n), labels=list(data.names), rotation=50, ha="left")
        ax.set_yticks(range(n), labels=list(data.names))
        ax.xaxis.tick_top()
        ax.tick_params(length=0, labelsize=10)
        ax.set_xticks(np.arange(-0.5, n), minor=True)
        ax.set_yticks(np.arange(-0.5, n), minor=True)
        ax.grid(which="minor", color="white", linewidth=1.5)
        ax.tick_params(which="minor", length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        for i in range(n):
            for j in range(n):
                if seen[i, j] == 0:
                    continue
                value = int(net[i, j])
                strong = abs(value) > 0.55 * top
                t = ax.text(
                    j,
                    i,
                    f"{value:+d}" if value else "0",
                    ha="center",
                    va="center",
                    fontsize=9 if n <= 20 else 7,
                    color="white" if strong else "#222222",
                    fontweight="bold" if strong else "normal",
                )
                t.set_gid(f"cell:{data.countries[i]}|{data.countries[j]}")
        bar = fig.colorbar(image, cax=cax)
        bar.set_label("cooperation − conflict (statements)", fontsize=10)
        bar.ax.text(0.5, 1.02, "allies", ha="center", va="bottom", transform=bar.ax.transAxes)
        bar.ax.text(0.5, -0.02, "adversaries", ha="center", va="top", transform=bar.ax.transAxes)
    else:
        ax.set_axis_off()
        cax.set_axis_off()
        ax.text(
            0.5,
            0.5,
            "fewer than two countries with cooperation or conflict",
            ha="center",
            va="center",
            fontsize=12,
            transform=ax.transAxes,
        )
    caption = f"showing {n:,} of {data.total_countries:,} countries with cooperation or conflict"
    if data.total_countries > n:
        caption += f" (the most involved; {data.total_countries - n:,} left out)"
    caption += (
        "\ncell: cooperation minus conflict statements between the two countries, either "
        "direction · grey: neither\nallies are ordered next to each other"
    )
    if data.rolled_up:
        who = "person or body" if data.rolled_up == 1 else "people and bodies"
        caption += f" · {data.rolled_up:,} {who} counted with the state they serve"
    fig.text(0.015, 0.012, caption, ha="left", va="bottom", fontsize=9, color="#333333")
    if path is not None:
        _save(fig, Path(path))
    return fig


# ------------------------------------------------------------------------ timeline

_DIRECTION_MARKERS = {1: ">", -1: "<", 0: "o"}


def plot_timeline(
    graph: KnowledgeGraph,
    first: str,
    second: str,
    path: str | Path | None = None,
    *,
    category: str | Iterable[str] | None = None,
    roll_up: bool = True,
    since: str | None = None,
    until: str | None = None,
    title: str | None = None,
) -> Figure:
    """Draw the relations between two actors over article dates.

    The upper panel counts cooperation (up, green) and conflict (down, red) per
    period; the lower panel marks each relation on its date, one row per
    relation, ``>`` when the first actor acts on the second, ``<`` the other
    way, ``o`` for mutual relations.

    Args:
        graph: The graph.
        first: An actor's name, alias, QID or id.
        second: Another actor.
        path: Output file (PNG, SVG or PDF).
        category: Only these categories.
        roll_up: For a country, count what the people and bodies serving it do.
        since: Only facts from articles dated on or after this.
        until: Only facts from articles dated on or before this.
        title: Figure title.

    Returns:
        The matplotlib figure: axes 0 the counts per period, axes 1 the relations.

    Raises:
        ExportError: The file format is not PNG, SVG or PDF, or it cannot be written.
        InputError: A name matches no actor, or a date is invalid.
    """
    import datetime as dt

    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    _check_suffix(path)
    tl = timeline(
        graph, first, second, category=category, roll_up=roll_up, since=since, until=until
    )
    entities = entities_of(graph)
    a_name, b_name = entities[tl.first].name, entities[tl.second].name
    rows = sorted(
        {(e["category"], e["label"]) for e in tl.events},
        key=lambda r: (CATEGORIES.index(r[0]), r[1]),
    )
    fig = _new_figure((14.0, 4.2 + 0.32 * max(len(rows), 3)))
    counts_ax = fig.add_axes((0.2, 0.62, 0.62, 0.24))
    rel_ax = fig.add_axes((0.2, 0.14, 0.62, 0.42), sharex=counts_ax)
    dates = [dt.date.fromisoformat(e["date"]) for e in tl.events]
    subtitle = f"{len(tl.events):,} dated statement" + "s" * (len(tl.events) != 1)
    if dates:
        subtitle += f" · {min(dates).isoformat()} – {max(dates).isoformat()}"
    _titles(fig, title or f"{a_name} and {b_name}: relations over time", subtitle)
    if tl.events:
        period, bins = _periods(min(dates), max(dates))
        ups: dict[dt.date, int] = defaultdict(int)
        downs: dict[dt.date, int] = defaultdict(int)
        for e, d in zip(tl.events, dates, strict=True):
            if e["category"] == "cooperation":
                ups[bins(d)] += 1
            elif e["category"] == "conflict":
                downs[bins(d)] += 1
        keys = sorted(set(ups) | set(downs))
        width = {"day": 0.8, "week": 5.6, "month": 24.0, "year": 300.0}[period]
        bars = counts_ax.bar(
            [_day(k) for k in keys],
            [ups[k] for k in keys],
            width=width,
            color=CATEGORY_COLORS["cooperation"],
        )
        for bar in bars:
            bar.set_gid("bar:cooperation")
        bars = counts_ax.bar(
            [_day(k) for k in keys],
            [-downs[k] for k in keys],
            width=width,
            color=CATEGORY_COLORS["conflict"],
        )
        for bar in bars:
            bar.set_gid("bar:conflict")
        counts_ax.axhline(0, color="#555555", linewidth=0.8)
        counts_ax.set_ylabel(f"per {period}\n▲ coop. ▼ conflict", fontsize=9)
        counts_ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        row_index = {r: i for i, r in enumerate(rows)}
        grouped: dict[tuple[int, str, dt.date, int], int] = defaultdict(int)
        for e, d in zip(tl.events, dates, strict=True):
            grouped[(row_index[(e["category"], e["label"])], e["category"], d, e["direction"])] += 1
        for (row, cat, d, direction), count in sorted(grouped.items()):
            mark = rel_ax.scatter(
                [_day(d)],
                [row],
                s=45 + 35 * min(count - 1, 6),
                marker=_DIRECTION_MARKERS[direction],
                color=CATEGORY_COLORS[cat],
                edgecolors="#333333",
                linewidths=0.5,
                zorder=3,
            )
            mark.set_gid(f"event:{cat}|{direction}|{d.isoformat()}")
        rel_ax.set_yticks(range(len(rows)), labels=[label for _, label in rows])
        for tick, (cat, _) in zip(rel_ax.get_yticklabels(), rows, strict=True):
            tick.set_color(CATEGORY_COLORS[cat])
        rel_ax.set_ylim(-0.7, len(rows) - 0.3)
        rel_ax.invert_yaxis()
        rel_ax.grid(axis="y", color="#eeeeee")
        lo, hi = min(dates), max(dates)
        pad = max((hi - lo).days * 0.04, 3)
        rel_ax.set_xlim(
            _day(lo - dt.timedelta(days=pad)),
            _day(hi + dt.timedelta(days=pad)),
        )
        locator = mdates.AutoDateLocator(minticks=3, maxticks=10)  # type: ignore[no-untyped-call]
        rel_ax.xaxis.set_major_locator(locator)
        formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
        rel_ax.xaxis.set_major_formatter(formatter)
        counts_ax.tick_params(labelbottom=False)
        for axis in (counts_ax, rel_ax):
            for side in ("top", "right"):
                axis.spines[side].set_visible(False)
        used = [c for c in CATEGORIES if any(e["category"] == c for e in tl.events)]
        handles = [
            Line2D([], [], linestyle="none", marker="s", markersize=9, color=CATEGORY_COLORS[c])
            for c in used
        ]
        labels: list[str] = list(used)
        for direction, text in (
            (1, f"{a_name} → {b_name}"),
            (-1, f"{b_name} → {a_name}"),
            (0, "mutual"),
        ):
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="none",
                    marker=_DIRECTION_MARKERS[direction],
                    markersize=9,
                    color="#777777",
                )
            )
            labels.append(text)
        rel_ax.legend(
            handles,
            labels,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=9.5,
        )
    else:
        counts_ax.set_axis_off()
        rel_ax.set_axis_off()
        rel_ax.text(
            0.5,
            0.8,
            f"no dated relations between {a_name} and {b_name}",
            ha="center",
            va="center",
            fontsize=13,
            transform=rel_ax.transAxes,
        )
    caption = []
    if tl.undated:
        caption.append(f"{tl.undated:,} undated statement(s) not shown")
    if tl.rolled_up:
        caption.append("people and bodies counted with the state they serve")
    caption.append("marker size: statements on that day")
    fig.text(0.015, 0.012, " · ".join(caption), ha="left", va="bottom", fontsize=9, color="#333")
    if path is not None:
        _save(fig, Path(path))
    return fig


def _day(date: Any) -> float:
    """Return a date as matplotlib's day number."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(date))  # type: ignore[no-untyped-call]


def _periods(lo: Any, hi: Any) -> tuple[str, Any]:
    """Pick a bin size for the span and return it with a function mapping a date to its bin."""
    import datetime as dt

    days = (hi - lo).days
    if days <= 45:
        return "day", lambda d: d
    if days <= 400:
        return "week", lambda d: d - dt.timedelta(days=d.weekday())
    if days <= 365 * 8:
        return "month", lambda d: d.replace(day=15)
    return "year", lambda d: dt.date(d.year, 7, 1)


# --------------------------------------------------------------------------- shared


def _new_figure(size: tuple[float, float]) -> Figure:
    """Return a figure on an Agg canvas, outside pyplot (no global state, nothing leaks)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=_DPI)
    FigureCanvasAgg(fig)
    return fig


def _check_suffix(path: str | Path | None) -> None:
    if path is not None and Path(path).suffix.lower() not in _FORMATS:
        msg = f"cannot draw to {str(path)!r}: expected a .png, .svg or .pdf file"
        raise ExportError(msg)


def _wrap(name: str, width: int = 18) -> str:
    """Wrap a name on word boundaries into lines of about ``width`` characters."""
    words, lines, line = name.split(), [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > width:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return "\n".join(lines[:3]) + (" …" if len(lines) > 3 else "")


def _save(fig: Figure, path: Path) -> None:
    import tempfile

    from matplotlib import rc_context

    from kg.io.atomic import atomic_write

    suffix = path.suffix.lower()
    # Fixed metadata so the same graph gives the same bytes.
    meta: dict[str, Any] = {
        ".png": {"Software": None},
        ".svg": {"Date": None},
        ".pdf": {"CreationDate": None},
    }[suffix]
    try:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_path = Path(tmp) / ("plot" + suffix)
            # A fixed salt makes SVG clip-path ids stable.
            with rc_context({"svg.hashsalt": "kg"}):
                fig.savefig(tmp_path, metadata=meta)
            atomic_write(path, tmp_path.read_bytes())
    except OSError as exc:
        msg = f"cannot write {str(path)!r}: {exc}"
        raise ExportError(msg) from exc
