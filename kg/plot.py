"""Relationship diagrams with matplotlib (imported only when drawing).

Three diagrams, each a free function that returns the matplotlib figure and
writes PNG, SVG or PDF when given a path:

- :func:`plot_graph`: the overview (or, with ``focus``, an ego diagram) of the
  strongest actors. By default one line per pair of actors
  (:func:`kg.views.overview`): its colour is the pair's net polarity,
  cooperation minus conflict (green to red, grey for neither), its width the
  number of statements, dashed when the two both cooperate and clash; node fill
  is the actor's community (seeded Louvain) and node shape its type. With
  ``edges="relations"``, one line per pair, category and direction instead,
  coloured by category (conflict red and dashed), arrows for directed relations,
  node colour by type. Either way as many actors as fit with every label free of
  other labels and of nodes (:func:`label_overlaps` measures it), and a caption
  saying what was left out. The layout pulls allies together and pushes
  adversaries apart (:func:`kg.views.signed_layout`).
- :func:`plot_alliance`: a country-by-country heatmap of cooperation minus conflict.
- :func:`plot_timeline`: the relations between two actors over article dates.

Every artist that stands for data carries a ``gid`` (``node:<id>``,
``pair:<a>|<b>``, ``edge:<subject>|<category>|<object>``, ``label:<id>``), which
SVG output keeps as element ids and tests use to check what was drawn.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from kg.errors import ExportError, InputError
from kg.ontology import CATEGORIES, RELATIONS
from kg.views import (
    Overview,
    Pair,
    Selection,
    alliance_matrix,
    entities_of,
    overview,
    select,
    signed_layout,
    timeline,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from kg.graph import KnowledgeGraph

__all__ = [
    "CATEGORY_COLORS",
    "CATEGORY_STYLES",
    "COMMUNITY_COLORS",
    "EDGE_MODES",
    "NEUTRAL_COLOR",
    "NO_COMMUNITY_COLOR",
    "POLARITY_STOPS",
    "LineStyle",
    "TYPE_COLORS",
    "TYPE_MARKERS",
    "community_palette",
    "label_overlaps",
    "plot_alliance",
    "plot_graph",
    "plot_timeline",
    "polarity_color",
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
_Box = tuple[float, float, float, float]

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
# Community fills (ColorBrewer Set3, light enough for black labels beside them); the
# communities past these, and actors alone in theirs, are grey.
COMMUNITY_COLORS: tuple[str, ...] = (
    "#8dd3c7",
    "#fdb462",
    "#bebada",
    "#80b1d3",
    "#fccde5",
    "#b3de69",
    "#ffed6f",
    "#bc80bd",
)
NO_COMMUNITY_COLOR = "#e4e4e4"
# Net polarity scale of the pair lines: conflict, balanced, cooperation; neither is grey.
POLARITY_STOPS = ("#d73027", "#a58a5c", "#1a9850")
NEUTRAL_COLOR = "#8e8e8e"
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
EdgeMode = Literal["pairs", "relations"]
EDGE_MODES: tuple[EdgeMode, ...] = ("pairs", "relations")
# Caps by edge mode: actors to try first (fewer when their labels do not fit), lines.
_CAPS: dict[str, tuple[int, int]] = {"pairs": (50, 150), "relations": (40, 100)}
# Edge labels (relation names on the lines) only when there are few lines.
_EDGE_LABEL_LIMIT = 30


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
    """Choose what a per-relation diagram shows (see :func:`kg.views.select`).

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


def polarity_color(polarity: float | None) -> str:
    """Return the line colour of a pair's net polarity (-1 conflict … 1 cooperation).

    ``None`` (neither cooperation nor conflict, only talks or affiliation) is grey.

    Example:
        >>> polarity_color(1.0), polarity_color(-1.0), polarity_color(None)
        ('#1a9850', '#d73027', '#8e8e8e')
    """
    if polarity is None:
        return NEUTRAL_COLOR
    t = (max(-1.0, min(1.0, polarity)) + 1.0) / 2.0
    low, high = (POLARITY_STOPS[0], POLARITY_STOPS[1]) if t <= 0.5 else POLARITY_STOPS[1:]
    f = t * 2.0 if t <= 0.5 else t * 2.0 - 1.0
    rgb = [
        round(int(low[i : i + 2], 16) * (1 - f) + int(high[i : i + 2], 16) * f) for i in (1, 3, 5)
    ]
    return "#" + "".join(f"{c:02x}" for c in rgb)


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
        strands.append(_Strand(s, o, cat, directed, sum(e["count"] for e in items), _names(items)))
    return strands


def _names(records: Iterable[Mapping[str, Any]]) -> tuple[str, ...]:
    """Relation labels with their counts, most statements first."""
    return tuple(
        RELATIONS[e["relation"]].label + (f" ×{e['count']}" if e["count"] > 1 else "")
        for e in sorted(records, key=lambda e: (-e["count"], e["relation"]))
    )


def _width(count: int) -> float:
    return min(0.9 + 1.5 * math.log2(1 + count), 8.0)


@dataclass(frozen=True, slots=True)
class _Line:
    """A line to draw between two actors, whatever it stands for."""

    gid: str
    a: str
    b: str
    color: str
    style: LineStyle
    width: float
    directed: bool = False
    rad: float = 0.0
    alpha: float = 0.9
    zorder: int = 3
    label: str = ""


@dataclass(frozen=True, slots=True)
class _Scene:
    """What one attempt at the network diagram draws."""

    nodes: tuple[str, ...]
    strength: Mapping[str, float]
    fill: Mapping[str, str]
    lines: tuple[_Line, ...]
    layout_edges: tuple[Mapping[str, Any], ...]
    caption: str
    subtitle: str
    focus: str | None = None
    groups: Mapping[str, int] | None = None
    legend: Callable[[Axes], None] = field(default=lambda ax: None)


def plot_graph(
    graph: KnowledgeGraph,
    path: str | Path | None = None,
    *,
    edges: EdgeMode = "pairs",
    max_nodes: int | None = None,
    max_edges: int | None = None,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    title: str | None = None,
    edge_labels: bool | None = None,
) -> Figure:
    """Draw the relationship diagram; write it to ``path`` (PNG, SVG or PDF) if given.

    The strongest actors by weighted degree are drawn, as many as fit with no label
    overlapping another label or a node: the diagram is laid out with ``max_nodes``
    actors and then with fewer until every label has a free spot.

    Args:
        graph: The graph to draw.
        path: Output file; its suffix picks the format.
        edges: ``"pairs"`` (the default): one line per pair of actors, coloured by
            cooperation minus conflict; ``"relations"``: one line per pair, category
            and direction, coloured by category.
        max_nodes: Draw at most this many actors (default 50 pairs, 40 relations).
        max_edges: Draw at most this many lines, most evidence first (default 150
            pairs, 100 relations).
        category: Draw only this category (or these categories).
        focus: Draw only this actor and its neighbours up to ``depth`` (an ego diagram).
        depth: Neighbourhood depth for ``focus``.
        since: Only facts from articles dated on or after this (``YYYY[-MM[-DD]]``).
        until: Only facts from articles dated on or before this.
        min_confidence: Only relations at least this confident.
        title: Figure title.
        edge_labels: Name the relations on the lines; by default when few lines are drawn.

    Returns:
        The matplotlib figure (also saved when ``path`` is given).

    Raises:
        ExportError: The file format is not PNG, SVG or PDF, or it cannot be written.
        InputError: ``focus`` names no actor, a date or a cap is invalid, or
            ``edges`` is not one of :data:`EDGE_MODES`.
        OntologyError: ``category`` is not a category.

    Example:
        >>> import kg  # doctest: +SKIP
        >>> kg.load("output/graph.ttl").plot("japan.svg", focus="Japan")  # doctest: +SKIP
    """
    _check_suffix(path)
    if edges not in EDGE_MODES:
        msg = f"unknown edges {edges!r}; expected one of: {', '.join(EDGE_MODES)}"
        raise InputError(msg)
    node_cap, line_cap = _CAPS[edges]
    max_nodes = node_cap if max_nodes is None else max_nodes
    max_edges = line_cap if max_edges is None else max_edges
    if max_nodes < 1 or max_edges < 1:
        msg = f"caps must be at least 1, got max_nodes={max_nodes!r}, max_edges={max_edges!r}"
        raise InputError(msg)
    filters: dict[str, Any] = {
        "category": category,
        "focus": focus,
        "depth": depth,
        "since": since,
        "until": until,
        "min_confidence": min_confidence,
    }
    ov = overview(graph, **filters) if edges == "pairs" else None

    def scene_of(n: int) -> _Scene:
        if ov is not None:
            return _pair_scene(graph, ov, n, max_edges, edge_labels)
        sel = select(graph, max_nodes=n, max_edges=max_edges, **filters)
        return _relation_scene(graph, sel, edge_labels)

    # Fewer actors until every label fits: each round drops as many as labels did not fit.
    n = max_nodes
    while True:
        scene = scene_of(n)
        fig, ax = _network_figure()
        misses = _draw_network(fig, ax, graph, scene) if scene.nodes else 0
        if misses == 0 or len(scene.nodes) <= 1:
            break
        n = len(scene.nodes) - misses
    if not scene.nodes:
        ax.text(0.5, 0.5, "no relations to draw", ha="center", va="center", fontsize=14)
    default = "Actors and relations"
    if scene.focus is not None:
        default = f"{entities_of(graph)[scene.focus].name} and its relations"
        default += f" (depth {depth})" if depth > 1 else ""
    scene.legend(ax)
    _titles(fig, title or default, scene.subtitle)
    fig.text(0.015, 0.012, scene.caption, ha="left", va="bottom", fontsize=9.5, color="#333333")
    if path is not None:
        _save(fig, Path(path))
    return fig


def _relation_scene(graph: KnowledgeGraph, sel: Selection, edge_labels: bool | None) -> _Scene:
    """One line per pair, category and direction; nodes coloured by type."""
    entities = entities_of(graph)
    strands = _strands(sel.edges)
    if edge_labels is None:
        edge_labels = len(strands) <= _EDGE_LABEL_LIMIT
    # Several lines between one pair fan out as arcs, symmetric about the straight line.
    by_pair: dict[tuple[str, str], list[_Strand]] = defaultdict(list)
    for s in strands:
        by_pair[(min(s.subject, s.object), max(s.subject, s.object))].append(s)
    lines = []
    for (a, _), group in sorted(by_pair.items()):
        for k, strand in enumerate(group):
            offset = 0.0 if len(group) == 1 else (k - (len(group) - 1) / 2) * 0.22
            text = ", ".join(strand.labels[:2]) + (" …" if len(strand.labels) > 2 else "")
            lines.append(
                _Line(
                    gid=strand.gid,
                    a=strand.subject,
                    b=strand.object,
                    color=CATEGORY_COLORS[strand.category],
                    style=CATEGORY_STYLES[strand.category],
                    width=_width(strand.count) * _CATEGORY_WIDTH.get(strand.category, 1.0),
                    directed=strand.directed,
                    rad=offset if strand.subject == a else -offset,
                    alpha=_CATEGORY_ALPHA.get(strand.category, 0.55),
                    zorder=_CATEGORY_Z.get(strand.category, 1),
                    label=text if edge_labels else "",
                )
            )
    used_categories = [c for c in CATEGORIES if any(s.category == c for s in strands)]
    used_types = sorted({entities[n].type for n in sel.nodes})

    def legend(ax: Axes) -> None:
        _network_legends(ax, _category_handles(used_categories), "Relations", used_types)

    caption = sel.describe() + (
        "\nline colour: category · dashed: conflict · arrow: directed relation, none: mutual · "
        "width: number of statements · one line per pair, category and direction"
    )
    return _Scene(
        nodes=sel.nodes,
        strength=sel.strength,
        fill={n: TYPE_COLORS.get(entities[n].type, "#eeeeee") for n in sel.nodes},
        lines=tuple(lines),
        layout_edges=sel.edges,
        caption=caption,
        subtitle=sel.subtitle(),
        focus=sel.focus,
        legend=legend,
    )


def _pair_scene(
    graph: KnowledgeGraph,
    ov: Overview,
    max_nodes: int,
    max_pairs: int,
    edge_labels: bool | None,
) -> _Scene:
    """One line per pair of actors, coloured by net polarity; nodes by community."""
    entities = entities_of(graph)
    nodes, pairs = ov.top(max_nodes, max_pairs)
    if edge_labels is None:
        edge_labels = len(pairs) <= _EDGE_LABEL_LIMIT
    lines = tuple(_pair_line(p, label=edge_labels) for p in pairs)
    fill, named = _community_fills(graph, ov, nodes)
    strength = {n: float(sum(p.count for p in pairs if n in (p.a, p.b))) for n in nodes}
    # The layout and the node sizes follow what is drawn, so a dropped pair leaves no pull.
    layout_edges = tuple(r for p in pairs for r in p.relations)
    used_types = sorted({entities[n].type for n in nodes})

    def legend(ax: Axes) -> None:
        _network_legends(ax, _polarity_handles(pairs), "Lines", used_types, named, neutral=True)

    caption = ov.describe(len(nodes), len(pairs)) + (
        "\none line per pair of actors · colour: cooperation minus conflict (green: cooperate, "
        "red: clash, grey: neither) · dashed: both · width: statements · "
        "node fill: community (Louvain), shape: type"
    )
    return _Scene(
        nodes=nodes,
        strength=strength,
        fill=fill,
        lines=lines,
        layout_edges=layout_edges,
        caption=caption,
        subtitle=ov.selection.subtitle(),
        focus=ov.selection.focus,
        groups=ov.community,
        legend=legend,
    )


def _pair_line(pair: Pair, *, label: bool) -> _Line:
    names = _names(pair.relations)
    text = ", ".join(names[:2]) + (" …" if len(names) > 2 else "") if label else ""
    salient = pair.polarity is not None
    return _Line(
        gid=f"pair:{pair.a}|{pair.b}",
        a=pair.a,
        b=pair.b,
        color=polarity_color(pair.polarity),
        style="dashed" if pair.mixed else "solid",
        width=_width(pair.count),
        alpha=0.85 if salient else 0.6,
        zorder=3 if salient else 2,
        label=text,
    )


def community_palette(
    graph: KnowledgeGraph, community: Mapping[str, int], nodes: Sequence[str]
) -> tuple[dict[int, int], list[str]]:
    """Give the communities drawn a slot of :data:`COMMUNITY_COLORS` each, and a name.

    Communities with at least two of ``nodes`` take the slots in order of size
    (their number); the rest stay grey. A community is named after its strongest
    member among ``nodes`` (which come strongest first).

    Returns:
        The slot of each coloured community, and the names by slot.
    """
    entities = entities_of(graph)
    members: dict[int, list[str]] = defaultdict(list)
    for n in nodes:
        members[community.get(n, -1)].append(n)
    shown = sorted(c for c, ms in members.items() if c >= 0 and len(ms) >= 2)
    shown = shown[: len(COMMUNITY_COLORS)]
    names = []
    for c in shown:
        lead, rest = entities[members[c][0]].name, len(members[c]) - 1
        names.append(f"{_short(lead, 24)} and {rest} more")
    return {c: i for i, c in enumerate(shown)}, names


def _community_fills(
    graph: KnowledgeGraph, ov: Overview, nodes: Sequence[str]
) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Fill colour of each drawn actor, and (colour, name) of each community coloured."""
    slots, names = community_palette(graph, ov.community, nodes)
    fill = {
        n: COMMUNITY_COLORS[slots[ov.community[n]]]
        if ov.community.get(n, -1) in slots
        else NO_COMMUNITY_COLOR
        for n in nodes
    }
    return fill, [(COMMUNITY_COLORS[i], name) for i, name in enumerate(names)]


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


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


def _draw_network(fig: Figure, ax: Axes, graph: KnowledgeGraph, scene: _Scene) -> int:
    """Draw the scene's lines, nodes and labels; return how many actor labels found no room."""
    from matplotlib.patches import FancyArrowPatch

    entities = entities_of(graph)
    aspect = _box_aspect()
    axes_height_pt = _FIGSIZE[1] * _AXES_BOX[3] * 72.0
    strongest = max(scene.strength.values())
    area = {
        n: _node_area(scene.strength[n], strongest)
        * _MARKER_AREA.get(TYPE_MARKERS.get(entities[n].type, "o"), 1.0)
        for n in scene.nodes
    }
    # Centre to the farthest point of the marker: a diamond reaches further than a circle.
    radius_pt = {
        n: math.sqrt(area[n]) * _marker_reach(TYPE_MARKERS.get(entities[n].type, "o"))
        for n in scene.nodes
    }
    # Room for the node and its label: labels are wider than tall, so count half their width.
    room = {n: max(radius_pt[n] + 12.0, _label_halfwidth(entities[n].name)) for n in scene.nodes}
    pos = signed_layout(
        scene.nodes,
        scene.layout_edges,
        aspect=aspect,
        radius={n: r / axes_height_pt for n, r in room.items()},
        pinned=scene.focus,
        groups=scene.groups,
    )
    ax.set_xlim(0.0, aspect)
    ax.set_ylim(0.0, 1.0)
    ax.set_aspect("equal", adjustable="box")

    midpoints: list[tuple[_Line, tuple[float, float]]] = []
    for line in scene.lines:
        start, end = pos[line.a], pos[line.b]
        patch = FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>" if line.directed else "-",
            mutation_scale=11 + 1.6 * line.width,
            connectionstyle=f"arc3,rad={line.rad:.3f}",
            shrinkA=radius_pt[line.a] + 1.5,
            shrinkB=radius_pt[line.b] + 1.5,
            color=line.color,
            linewidth=line.width,
            linestyle=line.style,
            alpha=line.alpha,
            zorder=line.zorder,
            joinstyle="miter",
            capstyle="butt",
        )
        patch.set_gid(line.gid)
        # add_artist, not add_patch: the limits are fixed, and fitting them to every
        # curve's path costs more than drawing it.
        ax.add_artist(patch)
        # Midpoint of the quadratic Bézier that arc3 draws.
        dx, dy = end[0] - start[0], end[1] - start[1]
        rad = line.rad
        mid = ((start[0] + end[0]) / 2 + rad * dy / 2, (start[1] + end[1]) / 2 - rad * dx / 2)
        midpoints.append((line, mid))

    for n in scene.nodes:
        focus = n == scene.focus
        coll = ax.scatter(
            [pos[n][0]],
            [pos[n][1]],
            s=area[n],
            marker=TYPE_MARKERS.get(entities[n].type, "o"),
            c=scene.fill[n],
            edgecolors="#000000" if focus else "#555555",
            linewidths=2.6 if focus else 1.0,
            zorder=4,
        )
        coll.set_gid(f"node:{n}")

    placer = _LabelPlacer(fig, ax)
    for n in scene.nodes:
        placer.add_obstacle(pos[n], radius_pt[n])
    misses = 0
    for rank, n in enumerate(scene.nodes):
        big = rank < 12 or n == scene.focus
        free = placer.place(
            _wrap(entities[n].name),
            pos[n],
            radius_pt[n],
            gid=f"label:{n}",
            fontsize=10.5 if big else 9,
            fontweight="bold" if big else "normal",
            required=True,
        )
        misses += not free
    for line, mid in midpoints:
        if line.label:
            placer.place(
                line.label,
                mid,
                0.0,
                gid=f"relation:{line.gid.split(':', 1)[1]}",
                fontsize=7.5,
                color=line.color,
                fontstyle="italic",
                required=False,
            )
    return misses


def _marker_reach(marker: str) -> float:
    """Return how far a marker of size 1 reaches from its centre (a circle: 0.5)."""
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    import numpy as np

    return float(np.abs(np.asarray(path.vertices)).max())


def _label_halfwidth(name: str) -> float:
    """About half the width of a wrapped label, in points (bold 10.5 pt DejaVu Sans)."""
    return 3.4 * max(len(line) for line in _wrap(name).split("\n"))


def _category_handles(categories: Sequence[str]) -> list[Any]:
    from matplotlib.lines import Line2D

    return [
        Line2D([], [], color=CATEGORY_COLORS[c], lw=3, linestyle=CATEGORY_STYLES[c], label=c)
        for c in categories
    ]


def _polarity_handles(pairs: Sequence[Pair]) -> list[Any]:
    from matplotlib.lines import Line2D

    samples: list[tuple[str, str, LineStyle, bool]] = [
        ("cooperation", polarity_color(1.0), "solid", any(p.net > 0 for p in pairs)),
        ("conflict", polarity_color(-1.0), "solid", any(p.net < 0 for p in pairs)),
        ("both (mixed)", polarity_color(0.0), "dashed", any(p.mixed for p in pairs)),
        ("neither (talks, ties)", NEUTRAL_COLOR, "solid", any(p.polarity is None for p in pairs)),
    ]
    return [
        Line2D([], [], color=color, lw=3, linestyle=style, label=label)
        for label, color, style, used in samples
        if used
    ]


def _network_legends(
    ax: Axes,
    line_handles: Sequence[Any],
    line_title: str,
    types: Sequence[str],
    communities: Sequence[tuple[str, str]] = (),
    *,
    neutral: bool = False,
) -> None:
    """Legends right of the diagram: lines (the axes' own legend), communities, actors, evidence.

    With ``neutral``, actor types are shown by shape only (the fill is the community).
    """
    from matplotlib.legend import Legend
    from matplotlib.lines import Line2D

    anchor_x = 1.01

    def add(handles: Sequence[Any], title: str, y: float) -> None:
        box = Legend(
            ax,
            list(handles),
            [h.get_label() for h in handles],
            loc="upper left",
            bbox_to_anchor=(anchor_x, y),
            title=title,
            fontsize=10 if not communities else 9,
            title_fontsize=11,
            alignment="left",
            frameon=False,
        )
        ax.add_artist(box)

    def marker(face: str, shape: str, label: str) -> Any:
        return Line2D(
            [],
            [],
            linestyle="none",
            marker=shape,
            markersize=11,
            markerfacecolor=face,
            markeredgecolor="#555555",
            label=label,
        )

    type_handles = [
        marker(NO_COMMUNITY_COLOR if neutral else TYPE_COLORS[t], TYPE_MARKERS[t], t) for t in types
    ]
    width_handles = [
        Line2D([], [], color="#777777", lw=_width(c), label=f"{c} statement" + "s" * (c > 1))
        for c in _EVIDENCE_SAMPLES
    ]
    if communities:
        add([marker(color, "o", name) for color, name in communities], "Communities", 0.77)
    if type_handles:
        add(type_handles, "Actors", 0.37 if communities else 0.60)
    add(width_handles, "Evidence", 0.14 if communities else 0.28)
    # The lines legend is the axes' own legend (``ax.get_legend()``).
    ax.legend(
        handles=list(line_handles),
        loc="upper left",
        bbox_to_anchor=(anchor_x, 1.0),
        title=line_title,
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
    none is free (and :meth:`place` says so, so that the diagram can be drawn with
    fewer actors); optional ones (relation names) are dropped instead.
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
        """Add a label at the first free spot; return whether the spot is free."""
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
            annotation_clip=False,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            **style,
        )
        ann.set_gid(gid)
        # Measure once, centred on the anchor; a candidate's box is that box moved.
        # Only a spot that looks free is measured again where it is, to be sure.
        ann.set_horizontalalignment("center")
        ann.set_verticalalignment("center")
        ext = ann.get_window_extent(self.renderer)
        half_w, half_h = ext.width / 2, ext.height / 2
        shift_x = {"left": half_w, "center": 0.0, "right": -half_w}
        shift_y = {"bottom": half_h, "center": 0.0, "top": -half_h}
        best: tuple[float, _Box, _Spot] = (math.inf, (0.0, 0.0, 0.0, 0.0), candidates[0])
        for cand in candidates:
            dx, dy, ha, va = cand
            cx = ext.x0 + half_w + dx * self.scale + shift_x[ha]
            cy = ext.y0 + half_h + dy * self.scale + shift_y[va]
            box = (cx - half_w - 2, cy - half_h - 2, cx + half_w + 2, cy + half_h + 2)
            cost = self._crowding(box)
            if cost == 0.0:
                box = self._measure(ann, cand)
                cost = self._crowding(box)
            if cost < best[0]:
                best = (cost, box, cand)
            if cost == 0.0:
                break
        if best[0] > 0.0 and not required:
            ann.remove()
            return False
        self.placed.append(self._measure(ann, best[2]))
        return best[0] == 0.0

    def _measure(self, ann: Any, spot: _Spot) -> _Box:
        """Put the label at ``spot`` and return its box (2 px margin) as drawn."""
        dx, dy, ha, va = spot
        ann.set_position((dx, dy))
        ann.set_horizontalalignment(ha)
        ann.set_verticalalignment(va)
        ext = ann.get_window_extent(self.renderer)
        return (ext.x0 - 2, ext.y0 - 2, ext.x1 + 2, ext.y1 + 2)

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


def label_overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Return the labels of a network diagram that overlap another label or a node.

    Boxes come from matplotlib's renderer: each text's window extent, and each
    node marker's path scaled to its drawn size. A label's own node counts too.

    Returns:
        Pairs of gids (``label:…`` or ``relation:…`` first, then the label or
        ``node:…`` it overlaps), sorted; empty when every label is free.
    """
    import numpy as np
    from matplotlib.collections import PathCollection
    from matplotlib.text import Text
    from matplotlib.transforms import Affine2D

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    labels: list[tuple[str, _Box]] = []
    nodes: list[tuple[str, _Box]] = []
    for artist in fig.findobj():
        gid = artist.get_gid()
        if not isinstance(gid, str):
            continue
        if isinstance(artist, Text) and gid.startswith(("label:", "relation:")):
            ext = artist.get_window_extent(renderer)
            labels.append((gid, (ext.x0, ext.y0, ext.x1, ext.y1)))
        elif isinstance(artist, PathCollection) and gid.startswith("node:"):
            shape = Affine2D(artist.get_transforms()[0]).transform_path(artist.get_paths()[0])
            ext = shape.get_extents()
            offsets = np.asarray(artist.get_offsets())
            x, y = artist.get_offset_transform().transform(offsets[0])
            nodes.append((gid, (x + ext.x0, y + ext.y0, x + ext.x1, y + ext.y1)))
    found = []
    for i, (gid, box) in enumerate(labels):
        for other, other_box in [*labels[i + 1 :], *nodes]:
            if _overlap(box, other_box) > 0.0:
                found.append((gid, other))
    return sorted(found)


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
