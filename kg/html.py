"""The interactive view: one self-contained HTML file (``graph.html``).

The page needs no network: its script and style are inlined from
``kg/data/view/`` and the graph is embedded as JSON in a
``<script type="application/json">`` element, with ``<``, ``>`` and ``&``
escaped so that no name or sentence can close the element or inject markup; the
script only ever puts text into the page through ``textContent``. Positions come
from :func:`kg.views.signed_layout` and a deterministic placement of the rest,
computed here, so the same graph gives the same bytes.

The page opens small, on the overview of :func:`kg.views.overview`: the
strongest actors by weighted degree, one line per pair of actors (colour:
cooperation minus conflict; width: statements; dashed: both), node fill by
community. The file holds more than the first screen shows: clicking an actor
expands its neighbours (and a second click collapses them), "show more" adds
the next actors by weight, a date range narrows a corpus to a period, and
labels are drawn for the larger actors that have room at the current zoom.
Drag to pan, wheel or the buttons to zoom, click a line to read a pair's
relations with their evidence sentences, tick categories on or off.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ExportError, InputError
from kg.ontology import CATEGORIES, RELATIONS
from kg.views import Pair, entities_of, overview, signed_layout

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = ["html_view", "write_html"]

# The view's canvas in SVG user units; the browser scales it to the window.
_WIDTH = 1600.0
_HEIGHT = 1000.0
# Room between two placed actors beyond their radii (canvas units), for a label.
_GAP = 34.0
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def html_view(
    graph: KnowledgeGraph,
    *,
    max_nodes: int = 150,
    max_edges: int | None = 600,
    max_evidence: int = 10,
    initial_nodes: int = 40,
    initial_lines: int = 150,
    step: int = 10,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    title: str | None = None,
) -> str:
    """Return the interactive view of ``graph`` as one self-contained HTML page.

    Args:
        graph: The graph.
        max_nodes: Keep at most this many actors in the file (the strongest by
            weighted degree); the first screen shows fewer.
        max_edges: Keep at most this many pairs of actors in the file, most
            statements first; ``None`` keeps every pair among the kept actors.
        max_evidence: Keep at most this many evidence sentences per relation (and
            at most the graph's ``evidence_k``, the statements it keeps per edge); the
            page says how many more there are.
        initial_nodes: Actors on the first screen.
        initial_lines: Lines (pairs) on the first screen, at most.
        step: Actors that "show more" adds.
        category: Only these categories (default: all but location).
        focus: Only this actor's neighbourhood.
        depth: Neighbourhood depth for ``focus``.
        since: Only facts from articles dated on or after this.
        until: Only facts from articles dated on or before this.
        min_confidence: Only relations at least this confident.
        title: Page title.

    Returns:
        The page; the same graph and options give the same string.

    Raises:
        InputError: ``focus`` names no actor, a date or a cap is invalid.
        OntologyError: ``category`` is not a category.
    """
    if min(max_nodes, initial_nodes, initial_lines, step, max_edges or 1) < 1:
        msg = (
            f"caps must be at least 1, got max_nodes={max_nodes!r}, max_edges={max_edges!r}, "
            f"initial_nodes={initial_nodes!r}, initial_lines={initial_lines!r}, step={step!r}"
        )
        raise InputError(msg)
    ov = overview(
        graph,
        category=category,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    pool, pairs = ov.top(max_nodes, max_edges)
    # The first screen: the strongest actors that have one of the strongest lines among
    # them (as the PNG overview draws them); the rest of the file follows by weight.
    first, _ = ov.top(min(initial_nodes, max_nodes), initial_lines)
    first = tuple(n for n in first if n in set(pool))
    pool = first + tuple(n for n in pool if n not in set(first))
    entities = entities_of(graph)
    strength = {n: float(sum(p.count for p in pairs if n in (p.a, p.b))) for n in pool}
    strongest = max(strength.values(), default=1.0)
    radius = {n: 9.0 + 22.0 * math.sqrt(strength[n] / strongest) for n in pool}
    names = {n: entities[n].name for n in pool}
    pos = _positions(pool, first, pairs, radius, names, ov.community, ov.selection.focus)
    index = {n: i for i, n in enumerate(pool)}
    from kg.plot import (
        CATEGORY_COLORS,
        COMMUNITY_COLORS,
        NEUTRAL_COLOR,
        NO_COMMUNITY_COLOR,
        POLARITY_STOPS,
        community_palette,
    )

    palette, communities = community_palette(graph, ov.community, pool)
    nodes = []
    for n in pool:
        e = entities[n]
        nodes.append(
            {
                "id": n,
                "name": e.name,
                "type": e.type,
                "qid": e.qid or "",
                "aliases": list(e.aliases[:8]),
                "x": pos[n][0],
                "y": pos[n][1],
                "r": round(radius[n], 1),
                "strength": int(strength[n]),
                "c": palette.get(ov.community.get(n, -1), -1),
            }
        )
    months = sorted({m for p in pairs for r in p.relations for m in r["months"]})
    month_index = {m: i for i, m in enumerate(months)}
    # The graph keeps the first evidence_k statements of each relation in article order.
    shown = min(max_evidence, graph.evidence_k)
    cited: set[str] = set()
    edges: list[dict[str, Any]] = []
    pair_rows: list[dict[str, Any]] = []
    for p in pairs:
        rows = []
        for rec in p.relations:
            evidence = sorted(rec["evidence"], key=lambda ev: (ev["article"], ev["sentence_start"]))
            kept = evidence[:shown]
            cited.update(ev["article"] for ev in kept)
            by_month = rec["months"]
            rows.append(len(edges))
            edges.append(
                {
                    "s": index[rec["subject"]],
                    "o": index[rec["object"]],
                    "relation": rec["relation"],
                    "label": RELATIONS[rec["relation"]].label,
                    "category": rec["category"],
                    "directed": not rec["symmetric"],
                    "count": rec["count"],
                    "first": rec["first_date"] or "",
                    "last": rec["last_date"] or "",
                    "months": [[month_index[m], c] for m, c in sorted(by_month.items())],
                    "evidence": [{"text": ev["sentence"], "article": ev["article"]} for ev in kept],
                    "more": rec["count"] - len(kept),
                }
            )
        pair_rows.append({"a": index[p.a], "b": index[p.b], "rels": rows})
    articles = {}
    for aid in sorted(cited):
        art = graph.articles.get(aid)
        articles[aid] = {
            "title": art.title if art else "",
            "date": (art.date or "") if art else "",
            "source": art.source if art else "",
            "url": art.url if art else "",
        }
    counts = Counter(e["category"] for e in edges)
    sel = ov.selection
    default = "Actors and relations"
    if sel.focus is not None:
        default = f"{entities[sel.focus].name} and its relations"
    page_title = title or default
    data = {
        "title": page_title,
        "subtitle": sel.subtitle(),
        "caption": ov.describe(len(pool), len(pairs))
        + f"; at most {shown} evidence sentences per relation are kept",
        "width": _WIDTH,
        "height": _HEIGHT,
        "focus": index.get(sel.focus, -1) if sel.focus is not None else -1,
        "initial": {"nodes": len(first), "lines": initial_lines, "step": step},
        "totals": {"nodes": len(ov.nodes), "pairs": len(ov.pairs)},
        "polarity": {"stops": list(POLARITY_STOPS), "neutral": NEUTRAL_COLOR},
        "none": NO_COMMUNITY_COLOR,
        "categories": [
            {"name": c, "color": CATEGORY_COLORS[c], "dashed": c == "conflict", "count": counts[c]}
            for c in CATEGORIES
            if counts[c]
        ],
        "types": sorted({entities[n].type for n in pool}),
        "communities": [
            {"color": COMMUNITY_COLORS[i], "name": name} for i, name in enumerate(communities)
        ],
        "months": months,
        "nodes": nodes,
        "pairs": pair_rows,
        "edges": edges,
        "articles": articles,
    }
    return _render(page_title, data)


def _positions(
    pool: Sequence[str],
    first: Sequence[str],
    pairs: Sequence[Pair],
    radius: Mapping[str, float],
    names: Mapping[str, str],
    community: Mapping[str, int],
    focus: str | None,
) -> dict[str, tuple[float, float]]:
    """Lay out the first screen; place every other actor next to its strongest placed partner.

    The first screen is :func:`kg.views.signed_layout` of its actors. Each further
    actor, strongest first, takes the nearest free spot on rings around the placed
    actor it has most statements with (or around the whole, when it has none),
    starting on the side away from the middle, so that an expansion opens outwards.
    Coordinates are canvas units, rounded: the same input gives the same numbers.
    """
    inside = set(first)
    first_edges = [r for p in pairs if p.a in inside and p.b in inside for r in p.relations]
    box = signed_layout(
        first,
        first_edges,
        aspect=_WIDTH / _HEIGHT,
        radius={n: _room(radius[n], names[n]) / _HEIGHT for n in first},
        pinned=focus if focus in inside else None,
        groups=community,
    )
    pos = {n: (x * _HEIGHT, (1.0 - y) * _HEIGHT) for n, (x, y) in box.items()}
    partners: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for p in pairs:
        partners[p.a].append((p.count, p.b))
        partners[p.b].append((p.count, p.a))
    cx, cy = _WIDTH / 2, _HEIGHT / 2
    for n in pool:
        if n in pos:
            continue
        placed = sorted(((c, m) for c, m in partners[n] if m in pos), key=lambda t: (-t[0], t[1]))
        if placed:
            ax, ay = pos[placed[0][1]]
            start = radius[placed[0][1]] + radius[n] + _GAP
        else:
            ax, ay = cx, cy
            start = max(math.dist((cx, cy), q) for q in pos.values()) if pos else 0.0
        away = math.atan2(ay - cy, ax - cx) if (ax, ay) != (cx, cy) else -math.pi / 2
        pos[n] = _free_spot(pos, radius, n, (ax, ay), start, away)
    return {n: (round(pos[n][0], 1), round(pos[n][1], 1)) for n in pool}


def _room(radius: float, name: str) -> float:
    """Room an actor needs in the layout (canvas units): its shape and most of its label.

    The page draws labels 12-13 px high at a fixed size below the shape; the canvas
    is shown at about 0.65 px a unit, so a character takes about 11 units.
    """
    return max(radius + _GAP / 2, min(4.5 * len(name), 100.0))


def _free_spot(
    pos: Mapping[str, tuple[float, float]],
    radius: Mapping[str, float],
    node: str,
    anchor: tuple[float, float],
    start: float,
    away: float,
) -> tuple[float, float]:
    """Return the first spot on rings around ``anchor`` at which ``node`` touches no one."""
    steps = 16
    ring = start
    while True:
        for k in range(steps):
            # Alternate sides of the outward direction: 0, +1, -1, +2, -2, …
            turn = (k + 1) // 2 * (1 if k % 2 else -1)
            angle = away + turn * 2 * math.pi / steps
            x, y = anchor[0] + ring * math.cos(angle), anchor[1] + ring * math.sin(angle)
            if all(math.dist((x, y), q) >= radius[m] + radius[node] + _GAP for m, q in pos.items()):
                return x, y
        ring += radius[node] + _GAP / 2


def _embed_json(data: Any) -> str:
    r"""Serialize ``data`` for a ``<script type="application/json">`` element.

    Example:
        >>> _embed_json({"name": "</script><b>&"})
        '{"name":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _asset(name: str) -> str:
    from importlib.resources import files

    return (files("kg") / "data" / "view" / name).read_text(encoding="utf-8")


def _render(title: str, data: Any) -> str:
    script = _asset("view.js")
    style = _asset("view.css")
    if "</script" in script.lower() or "</style" in style.lower():
        msg = "the view's script or style contains a closing tag and cannot be inlined"
        raise ExportError(msg)
    parts = {
        "TITLE": html.escape(title, quote=True),
        "STYLE": style,
        "SCRIPT": script,
        "DATA": _embed_json(data),
    }
    # One pass over the template: inserted text is never scanned for placeholders.
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("view.html"))


def write_html(graph: KnowledgeGraph, path: str | Path, **options: Any) -> Path:
    """Write the interactive view (see :func:`html_view`) to ``path``, atomically.

    Raises:
        ExportError: The file cannot be written.
    """
    from kg.io.atomic import atomic_write

    target = Path(path)
    atomic_write(target, html_view(graph, **options))
    return target
