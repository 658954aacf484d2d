"""The interactive view: one self-contained HTML file (``graph.html``).

The page needs no network: its script and style are inlined from
``kg/data/view/`` and the graph is embedded as JSON in a
``<script type="application/json">`` element, with ``<``, ``>`` and ``&``
escaped so that no name or sentence can close the element or inject markup; the
script only ever puts text into the page through ``textContent``. Positions come
from :func:`kg.views.signed_layout`, computed here, so the same graph gives the
same bytes.

In the browser: drag to pan, wheel or the buttons to zoom, click an actor (or
search for one) to see its relations with their evidence sentences, click a line
to see one relation, and tick categories on or off.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ExportError
from kg.ontology import CATEGORIES, RELATIONS
from kg.views import entities_of, select, signed_layout

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = ["html_view", "write_html"]

# The view's canvas in SVG user units; the browser scales it to the window.
_WIDTH = 1600.0
_HEIGHT = 1000.0
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
    max_nodes: int = 120,
    max_edges: int | None = 400,
    max_evidence: int = 10,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    title: str | None = None,
) -> str:
    """Return the interactive view of ``graph`` as one self-contained HTML page.

    Args:
        graph: The graph.
        max_nodes: Show at most this many actors (the strongest by weighted degree).
        max_edges: Show at most this many relations (most evidence first).
        max_evidence: Keep at most this many evidence sentences per relation; the
            page says how many more there are.
        category: Only these categories (default: all but location).
        focus: Only this actor's neighbourhood.
        depth: Neighbourhood depth for ``focus``.
        since: Only facts from articles dated on or after this.
        until: Only facts from articles dated on or before this.
        title: Page title.

    Returns:
        The page; the same graph and options give the same string.

    Raises:
        InputError: ``focus`` names no actor, or a date is invalid.
        OntologyError: ``category`` is not a category.
    """
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
    entities = entities_of(graph)
    strongest = max(sel.strength.values(), default=1.0)
    radius = {n: 9.0 + 22.0 * math.sqrt(sel.strength[n] / strongest) for n in sel.nodes}
    pos = signed_layout(
        sel.nodes,
        sel.edges,
        aspect=_WIDTH / _HEIGHT,
        radius={n: (r + 12.0) / _HEIGHT for n, r in radius.items()},
        pinned=sel.focus,
    )
    index = {n: i for i, n in enumerate(sel.nodes)}
    nodes = []
    for n in sel.nodes:
        e = entities[n]
        nodes.append(
            {
                "id": n,
                "name": e.name,
                "type": e.type,
                "qid": e.qid or "",
                "aliases": list(e.aliases[:8]),
                "x": round(pos[n][0] * _HEIGHT, 1),
                "y": round((1.0 - pos[n][1]) * _HEIGHT, 1),
                "r": round(radius[n], 1),
                "strength": int(sel.strength[n]),
            }
        )
    cited: set[str] = set()
    edges = []
    for rec in sel.edges:
        evidence = sorted(rec["evidence"], key=lambda ev: (ev["article"], ev["sentence_start"]))
        kept = evidence[:max_evidence]
        cited.update(ev["article"] for ev in kept)
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
                "evidence": [{"text": ev["sentence"], "article": ev["article"]} for ev in kept],
                "more": len(evidence) - len(kept),
            }
        )
    articles = {}
    for aid in sorted(cited):
        art = graph.articles.get(aid)
        articles[aid] = {
            "title": art.title if art else "",
            "date": (art.date or "") if art else "",
            "source": art.source if art else "",
            "url": art.url if art else "",
        }
    from kg.plot import CATEGORY_COLORS, TYPE_COLORS

    counts = {c: sum(1 for e in sel.edges if e["category"] == c) for c in CATEGORIES}
    default = "Actors and relations"
    if sel.focus is not None:
        default = f"{entities[sel.focus].name} and its relations"
    page_title = title or default
    data = {
        "title": page_title,
        "subtitle": sel.subtitle(),
        "caption": sel.describe()
        + f"; at most {max_evidence} evidence sentences per relation are kept",
        "width": _WIDTH,
        "height": _HEIGHT,
        "focus": index.get(sel.focus, -1) if sel.focus is not None else -1,
        "categories": [
            {"name": c, "color": CATEGORY_COLORS[c], "dashed": c == "conflict", "count": counts[c]}
            for c in CATEGORIES
            if counts[c]
        ],
        "types": [
            {"name": t, "color": TYPE_COLORS[t]}
            for t in sorted({entities[n].type for n in sel.nodes})
        ],
        "nodes": nodes,
        "edges": edges,
        "articles": articles,
    }
    return _render(page_title, data)


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
