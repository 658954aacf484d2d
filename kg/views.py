"""What the diagrams show: selections, caps, date windows, layout and scores.

Pure functions over a :class:`~kg.graph.KnowledgeGraph`, shared by the
matplotlib diagrams (:mod:`kg.plot`) and the HTML view (:mod:`kg.html`); nothing
here imports matplotlib. Every function is deterministic: the same graph gives
the same selection, order and coordinates.

- :func:`select` picks the actors and relations a view draws (filters by
  category, date window and neighbourhood, then caps) and says how much it left out.
- :func:`overview` merges what :func:`select` keeps into one :class:`Pair` per
  two actors (cooperation minus conflict, statements, mixed or not) and groups
  the actors into communities (:func:`communities`, seeded Louvain).
- :func:`signed_layout` places actors so that allies sit together and
  adversaries apart (and, given communities, members of one near each other).
- :func:`alliance_matrix` scores every pair of countries, cooperation minus conflict.
- :func:`timeline` lists the relations between two actors by date.

Example:
    >>> in_window("2017-08-18", since="2017-08", until="2017")
    True
    >>> in_window(None, since="2017")
    False
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, cast, overload

from kg.errors import InputError
from kg.ontology import CATEGORIES, RELATIONS, Category, category_of, check_category

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.types import Article, Assertion, Entity

__all__ = [
    "DEFAULT_CATEGORIES",
    "Alliance",
    "Overview",
    "Pair",
    "Selection",
    "Timeline",
    "affinity",
    "alliance_matrix",
    "article_window",
    "check_date",
    "communities",
    "entities_of",
    "in_window",
    "overview",
    "select",
    "signed_layout",
    "state_of",
    "timeline",
    "window",
]

GRAVITY = 0.05
# How much members of one community attract each other, besides their relations.
_COHESION = 0.08
# What the views draw when no category is asked for: relations between actors.
# Location relations (X is based in Florida) would crowd the actors out with places.
DEFAULT_CATEGORIES: tuple[Category, ...] = (
    "cooperation",
    "conflict",
    "communication",
    "affiliation",
)
# When a cap drops relations, these count double: they are what the diagrams are for.
_SALIENT = frozenset({"cooperation", "conflict"})
_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
# Affiliation relations that tie a person or body to the state it serves.
_SERVES = frozenset({"leaderOf", "holdsPosition", "partOf", "represents", "worksFor", "citizenOf"})


def entities_of(graph: KnowledgeGraph) -> Mapping[str, Entity]:
    """Return the graph's canonical entities by id.

    The one place in the diagram code that knows where :class:`KnowledgeGraph`
    keeps its entities, so that a rename there is a one-line change here.
    """
    return graph.entity_map


# --------------------------------------------------------------------------- dates


def check_date(value: str | None, *, option: str = "date") -> str | None:
    """Return ``value`` stripped if it is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    Raises:
        InputError: The value is not such a date.

    Example:
        >>> check_date(" 2017-08 ")
        '2017-08'
    """
    if value is None:
        return None
    text = value.strip()
    ok = bool(_DATE.fullmatch(text))
    if ok:
        parts = [int(p) for p in text.split("-")] + [1, 1]
        try:
            dt.date(parts[0], parts[1], parts[2])
        except ValueError:
            ok = False
    if not ok:
        msg = f"bad {option} {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2017-08)"
        raise InputError(msg)
    return text


def in_window(date: str | None, since: str | None = None, until: str | None = None) -> bool:
    """Return whether ``date`` lies in the window; a partial bound covers its whole period.

    ``until="2017-08"`` keeps every day of August 2017. Without bounds every date,
    even a missing one, is in; with a bound an undated item is out.
    """
    if since is None and until is None:
        return True
    if not date:
        return False
    if since is not None and date[: len(since)] < since:
        return False
    return not (until is not None and date[: len(until)] > until)


def _date_of(graph: KnowledgeGraph, a: Assertion) -> str | None:
    if a.evidence.date:
        return a.evidence.date
    article = graph.articles.get(a.evidence.article)
    return article.date if article else None


def window(
    graph: KnowledgeGraph, since: str | None = None, until: str | None = None
) -> KnowledgeGraph:
    """Return ``graph`` restricted to assertions and articles dated in the window.

    The restricted assertions and articles are lazy views of the graph's: nothing is
    copied, each pass filters the graph's own.

    Raises:
        InputError: A bound is not a date.
    """
    since = check_date(since, option="--since")
    until = check_date(until, option="--until")
    if since is None and until is None:
        return graph
    return replace(
        graph,
        assertions=_WindowAssertions(graph, since, until),
        articles=_WindowArticles(graph.articles, since, until),
    )


class _WindowAssertions(Sequence["Assertion"]):
    """The assertions of a graph dated in a window, filtered on each pass."""

    def __init__(self, graph: KnowledgeGraph, since: str | None, until: str | None) -> None:
        self._graph, self._since, self._until = graph, since, until

    def __iter__(self) -> Iterator[Assertion]:
        from kg.graph import article_dates

        dates = article_dates(self._graph)
        for a in self._graph.assertions:
            if in_window(a.evidence.date or dates(a.evidence.article), self._since, self._until):
                yield a

    def __len__(self) -> int:
        return sum(1 for _ in self)

    @overload
    def __getitem__(self, index: int) -> Assertion: ...

    @overload
    def __getitem__(self, index: slice) -> list[Assertion]: ...

    def __getitem__(self, index: int | slice) -> Assertion | list[Assertion]:
        return list(self)[index]


class _WindowArticles(Mapping[str, "Article"]):
    """The articles of a graph dated in a window, filtered on each pass."""

    def __init__(self, articles: Mapping[str, Article], since: str | None, until: str | None):
        self._articles, self._since, self._until = articles, since, until

    def _inside(self, art: Article) -> bool:
        return in_window(art.date, self._since, self._until)

    def __getitem__(self, article_id: str) -> Article:
        art = self._articles[article_id]
        if not self._inside(art):
            raise KeyError(article_id)
        return art

    def __iter__(self) -> Iterator[str]:
        return (aid for aid, art in self._articles.items() if self._inside(art))

    def __len__(self) -> int:
        return sum(1 for art in self._articles.values() if self._inside(art))


def article_window(
    graph: KnowledgeGraph, since: str | None = None, until: str | None = None
) -> tuple[int, str | None, str | None]:
    """Return the articles dated in the window: how many, the first and the last date.

    One pass over the articles' metadata, kept with the graph.
    """
    key = ("article-window", since, until)
    found = graph._views.get(key)
    if found is None:
        count, first, last = 0, None, None
        for art in graph.articles.values():
            if not in_window(art.date, since, until):
                continue
            count += 1
            if art.date:
                first = art.date if first is None or art.date < first else first
                last = art.date if last is None or art.date > last else last
        found = graph._views[key] = (count, first, last)
    return cast("tuple[int, str | None, str | None]", found)


# ----------------------------------------------------------------------- selection


@dataclass(frozen=True, slots=True)
class Selection:
    """What a view draws and what it left out.

    Attributes:
        nodes: Entity ids drawn, the focus first, then strongest first.
        edges: Relation records drawn (as :func:`kg.graph.edge_records` gives them,
            symmetric relations once, from the smaller id), sorted.
        total_nodes: Actors with a relation in the filtered view (before the caps).
        total_edges: Relations in the filtered view (before the caps).
        strength: Weighted degree (evidence count) of every drawn node, in the whole view.
        articles: Articles in the date window.
        first_date: Earliest article date in the window, if any.
        last_date: Latest article date in the window, if any.
        focus: The focus entity id, if any.
        excluded: Relations (merged records) in the window left out because their
            category was not asked for, by category; only filled when the default
            categories were used, so that a caption can say what it left out.
        categories: The categories the view draws, in ontology order.
    """

    nodes: tuple[str, ...]
    edges: tuple[dict[str, Any], ...]
    total_nodes: int
    total_edges: int
    strength: Mapping[str, float]
    articles: int
    first_date: str | None = None
    last_date: str | None = None
    focus: str | None = None
    excluded: Mapping[str, int] = field(default_factory=dict)
    categories: tuple[str, ...] = DEFAULT_CATEGORIES

    @property
    def left_out(self) -> tuple[int, int]:
        """Actors and relations of the view that are not drawn."""
        return self.total_nodes - len(self.nodes), self.total_edges - len(self.edges)

    def describe(self) -> str:
        """Say what is shown and what was left out, for a caption.

        Example:
            >>> Selection((), (), 1250, 3400, {}, 0).describe()[:51]
            'showing 0 of 1,250 actors and 0 of 3,400 relations '
        """
        return _describe(
            (len(self.nodes), self.total_nodes),
            (len(self.edges), self.total_edges),
            "relations",
            self.excluded,
        )

    def subtitle(self) -> str:
        """Articles, their dates and the categories drawn, for a subtitle."""
        parts = [f"{self.articles:,} article" + ("" if self.articles == 1 else "s")]
        if self.first_date and self.last_date:
            span = self.first_date
            if self.last_date != self.first_date:
                span += f" – {self.last_date}"
            parts.append(span)
        if self.categories != DEFAULT_CATEGORIES:
            parts.append("categories: " + ", ".join(self.categories))
        return " · ".join(parts)


def _describe(
    nodes: tuple[int, int], lines: tuple[int, int], unit: str, excluded: Mapping[str, int]
) -> str:
    """Say how many actors and lines (``unit``) of how many are shown, and what is not."""
    text = f"showing {nodes[0]:,} of {nodes[1]:,} actors and {lines[0]:,} of {lines[1]:,} {unit}"
    left_n, left_e = nodes[1] - nodes[0], lines[1] - lines[0]
    if left_n or left_e:
        text += f" (the strongest by evidence; {left_n:,} actors and {left_e:,} {unit} left out)"
    for cat, count in excluded.items():
        text += f"; {count:,} {cat} relations not drawn (ask with category {cat!r})"
    return text


def _categories(category: str | Iterable[str] | None) -> frozenset[Category] | None:
    if category is None:
        return None
    names = [category] if isinstance(category, str) else list(category)
    if not names:
        return None
    return frozenset(check_category(c.strip()) for n in names for c in n.split(","))


def _merge_symmetric(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the records with each symmetric relation once, from the smaller id."""
    unique: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in records:
        s, o = r["subject"], r["object"]
        if r["symmetric"] and o < s:
            s, o = o, s
        key = (s, r["relation"], o)
        if key in unique:
            seen = unique[key]
            firsts = [d for d in (seen["first_date"], r["first_date"]) if d]
            lasts = [d for d in (seen["last_date"], r["last_date"]) if d]
            best = min(
                (seen["best_evidence"], r["best_evidence"]),
                key=lambda v: (-v["confidence"], v["article"], v["sentence_start"]),
            )
            months = Counter(seen["months"])
            months.update(r["months"])
            unique[key] = {
                **seen,
                "count": seen["count"] + r["count"],
                # Noisy-or over both directions, as edge_records does within one.
                "confidence": round(1.0 - (1.0 - seen["confidence"]) * (1.0 - r["confidence"]), 4),
                "articles": sorted(set(seen["articles"]) | set(r["articles"])),
                "first_date": min(firsts) if firsts else None,
                "last_date": max(lasts) if lasts else None,
                # Each direction's first statements: sorted together, a prefix stays exact.
                "evidence": [*seen["evidence"], *r["evidence"]],
                "best_evidence": best,
                "months": dict(sorted(months.items())),
            }
        else:
            unique[key] = {**r, "subject": s, "object": o}
    return [unique[k] for k in sorted(unique)]


def _distances(edges: Sequence[dict[str, Any]], center: str, depth: int) -> dict[str, int]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e["subject"]].add(e["object"])
        neighbours[e["object"]].add(e["subject"])
    dist = {center: 0}
    frontier = [center]
    for step in range(1, max(depth, 1) + 1):
        nxt = sorted({n for f in frontier for n in neighbours[f]} - dist.keys())
        for n in nxt:
            dist[n] = step
        frontier = nxt
    return dist


def select(
    graph: KnowledgeGraph,
    *,
    max_nodes: int = 40,
    max_edges: int | None = None,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
) -> Selection:
    """Choose what a view draws: filter, then keep the strongest actors and relations.

    Args:
        graph: The graph.
        max_nodes: Keep at most this many actors: the focus and its nearest
            neighbours first, then the strongest by weighted degree (evidence count).
        max_edges: Keep at most this many relations among them, most evidence
            first (relations of the focus before others, cooperation and conflict
            counting double); ``None`` keeps all.
        category: One category, several, or a comma-separated list; ``None`` keeps
            :data:`DEFAULT_CATEGORIES` (all but location). Open relations are never drawn.
        focus: An actor's name, alias, QID or id: keep its neighbourhood only.
        depth: Neighbourhood depth for ``focus``.
        since: Keep facts from articles dated on or after this (``YYYY[-MM[-DD]]``).
        until: Keep facts from articles dated on or before this.
        min_confidence: Keep relations at least this confident (noisy-or of their
            statements; a symmetric relation counts both directions).

    Returns:
        The selection; ``total_nodes``/``total_edges`` count the filtered view before caps.

    Raises:
        InputError: ``focus`` names no actor, a date, a cap or ``min_confidence``
            is invalid.
        OntologyError: ``category`` is not a category.
    """
    from kg.graph import edge_records

    if max_nodes < 1 or (max_edges is not None and max_edges < 1):
        msg = f"caps must be at least 1, got max_nodes={max_nodes!r}, max_edges={max_edges!r}"
        raise InputError(msg)
    if not 0.0 <= min_confidence <= 1.0:
        msg = f"min_confidence must be between 0 and 1, got {min_confidence!r}"
        raise InputError(msg)
    asked = _categories(category)
    cats = asked if asked is not None else frozenset(DEFAULT_CATEGORIES)
    since = check_date(since, option="--since")
    until = check_date(until, option="--until")
    records = [
        r for r in edge_records(graph, since=since, until=until) if r["category"] is not None
    ]
    excluded: Counter[str] = Counter()
    if asked is None:
        excluded.update(r["category"] for r in records if r["category"] not in cats)
    records = [r for r in records if r["category"] in cats]
    edges = _merge_symmetric(records)
    if min_confidence > 0.0:
        edges = [e for e in edges if e["confidence"] >= min_confidence]
    center: str | None = None
    dist: dict[str, int] = {}
    if focus:
        from kg.query import find_entity

        center = find_entity(graph, focus)
        dist = _distances(edges, center, depth)
        edges = [e for e in edges if e["subject"] in dist and e["object"] in dist]
    strength: dict[str, float] = defaultdict(float)
    for e in edges:
        strength[e["subject"]] += e["count"]
        strength[e["object"]] += e["count"]
    ranked = sorted(strength, key=lambda n: (dist.get(n, 0), -strength[n], n))
    keep = set(ranked[:max_nodes])
    drawn = [e for e in edges if e["subject"] in keep and e["object"] in keep]
    if max_edges is not None and len(drawn) > max_edges:

        def importance(e: dict[str, Any]) -> tuple[Any, ...]:
            touches = center in (e["subject"], e["object"])
            weight = e["count"] * (2 if e["category"] in _SALIENT else 1)
            return (not touches, -weight, e["subject"], e["relation"], e["object"])

        drawn = sorted(drawn, key=importance)[:max_edges]
        drawn.sort(key=lambda e: (e["subject"], e["relation"], e["object"]))
    connected = {e["subject"] for e in drawn} | {e["object"] for e in drawn}
    nodes = tuple(n for n in ranked if n in keep and n in connected)
    articles, first, last = article_window(graph, since, until)
    return Selection(
        nodes=nodes,
        edges=tuple(drawn),
        total_nodes=len(strength),
        total_edges=len(edges),
        strength={n: strength[n] for n in nodes},
        articles=articles,
        first_date=first,
        last_date=last,
        focus=center,
        excluded=dict(sorted(excluded.items())),
        categories=tuple(c for c in CATEGORIES if c in cats),
    )


# ------------------------------------------------------------------------ overview

# Louvain is randomized; a fixed seed makes the communities (and the pictures) repeatable.
COMMUNITY_SEED = 18


@dataclass(frozen=True, slots=True)
class Pair:
    """Everything said between two actors, either direction: one line of the overview.

    Attributes:
        a: The smaller entity id.
        b: The larger entity id.
        counts: Statements by category, in ontology order (only categories present).
        relations: The relation records merged here (as :func:`select` gives them).

    Example:
        >>> p = Pair("a", "b", {"cooperation": 3, "conflict": 1}, ())
        >>> p.count, p.net, p.mixed, p.polarity
        (4, 2, True, 0.5)
    """

    a: str
    b: str
    counts: Mapping[str, int]
    relations: tuple[dict[str, Any], ...]

    @property
    def count(self) -> int:
        """Statements between the two, all categories drawn."""
        return sum(self.counts.values())

    @property
    def cooperation(self) -> int:
        """Cooperation statements."""
        return self.counts.get("cooperation", 0)

    @property
    def conflict(self) -> int:
        """Conflict statements."""
        return self.counts.get("conflict", 0)

    @property
    def net(self) -> int:
        """Cooperation minus conflict statements."""
        return self.cooperation - self.conflict

    @property
    def mixed(self) -> bool:
        """Whether the two both cooperate and clash."""
        return self.cooperation > 0 and self.conflict > 0

    @property
    def polarity(self) -> float | None:
        """Net polarity in -1 … 1 (cooperation minus conflict over both); ``None`` if neither."""
        salient = self.cooperation + self.conflict
        return self.net / salient if salient else None

    @property
    def importance(self) -> int:
        """Statements, cooperation and conflict counting double (what caps keep first)."""
        return self.count + self.cooperation + self.conflict


@dataclass(frozen=True, slots=True)
class Overview:
    """The actor-pair view: every actor and pair of the filtered view, strongest first.

    Views draw a prefix: :meth:`top` picks the first actors and the strongest
    pairs among them, and :meth:`describe` says what that left out.

    Attributes:
        selection: The uncapped :func:`select` the pairs were merged from (its
            ``nodes`` are the actors ranked by weighted degree, the focus first).
        pairs: One :class:`Pair` per two actors with a relation, most important first.
        community: Community number of the strongest actors, ``0`` the one with
            most statements; from :func:`communities`.
    """

    selection: Selection
    pairs: tuple[Pair, ...]
    community: Mapping[str, int]

    @property
    def nodes(self) -> tuple[str, ...]:
        """Every actor of the view, the focus first, then by weighted degree."""
        return self.selection.nodes

    @property
    def strength(self) -> Mapping[str, float]:
        """Weighted degree (statements) of every actor."""
        return self.selection.strength

    def top(
        self, max_nodes: int, max_pairs: int | None = None
    ) -> tuple[tuple[str, ...], tuple[Pair, ...]]:
        """Return the first ``max_nodes`` actors with a pair drawn, and those pairs.

        Pairs among the kept actors are kept most important first (those of the focus
        before others), at most ``max_pairs``; an actor left without a pair is dropped.
        """
        keep = set(self.nodes[:max_nodes])
        focus = self.selection.focus
        among = [p for p in self.pairs if p.a in keep and p.b in keep]
        if focus is not None:
            among.sort(key=lambda p: focus not in (p.a, p.b))
        chosen = among[:max_pairs] if max_pairs is not None else among
        ends = {p.a for p in chosen} | {p.b for p in chosen}
        return tuple(n for n in self.nodes if n in ends), tuple(chosen)

    def describe(self, nodes: int, pairs: int) -> str:
        """Say how many actors and pairs of how many are shown, for a caption."""
        return _describe(
            (nodes, len(self.nodes)),
            (pairs, len(self.pairs)),
            "pairs",
            self.selection.excluded,
        )


def _pairs(edges: Iterable[Mapping[str, Any]]) -> list[Pair]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for e in edges:
        s, o = e["subject"], e["object"]
        if s != o:
            groups[(min(s, o), max(s, o))].append(dict(e))
    pairs = []
    for (a, b), records in groups.items():
        counts: Counter[str] = Counter()
        for r in records:
            counts[r["category"]] += r["count"]
        ordered: dict[str, int] = {c: counts[c] for c in CATEGORIES if counts[c]}
        pairs.append(Pair(a, b, ordered, tuple(records)))
    pairs.sort(key=lambda p: (-p.importance, p.a, p.b))
    return pairs


def communities(
    nodes: Iterable[str], pairs: Iterable[Pair], *, seed: int = COMMUNITY_SEED
) -> dict[str, int]:
    """Group actors that talk about each other a lot (networkx's Louvain, seeded).

    Pairs weigh by their statements. Communities are numbered by their total
    statements, largest first (ties: the smaller first id), so the numbers and
    the colours drawn from them are the same for the same graph.

    Example:
        >>> ps = [Pair("a", "b", {"conflict": 5}, ()), Pair("c", "d", {"cooperation": 2}, ())]
        >>> communities("abcd", ps)
        {'a': 0, 'b': 0, 'c': 1, 'd': 1}
    """
    import networkx as nx

    g: nx.Graph[str] = nx.Graph()
    g.add_nodes_from(sorted(set(nodes)))
    for p in sorted(pairs, key=lambda p: (p.a, p.b)):
        if p.a in g and p.b in g:
            g.add_edge(p.a, p.b, weight=p.count)
    parts = nx.community.louvain_communities(g, weight="weight", seed=seed)
    degree = dict(g.degree(weight="weight"))
    ranked = sorted(
        (sorted(part) for part in parts),
        key=lambda part: (-sum(degree[n] for n in part), part[0]),
    )
    return {n: i for i, part in enumerate(ranked) for n in sorted(part)}


def overview(
    graph: KnowledgeGraph,
    *,
    category: str | Iterable[str] | None = None,
    focus: str | None = None,
    depth: int = 1,
    since: str | None = None,
    until: str | None = None,
    min_confidence: float = 0.0,
    community_actors: int = 300,
) -> Overview:
    """Merge the filtered view into actor pairs and find its communities.

    Takes the same filters as :func:`select` (uncapped: :meth:`Overview.top`
    caps); one line per two actors replaces one line per relation. Communities
    are found among the ``community_actors`` strongest actors (more than any view
    draws; the rest have none), which keeps a large corpus quick.

    Raises:
        InputError: ``focus`` names no actor, or a date is invalid.
        OntologyError: ``category`` is not a category.
    """
    sel = select(
        graph,
        max_nodes=max(len(graph.entity_map), 1),
        category=category,
        focus=focus,
        depth=depth,
        since=since,
        until=until,
        min_confidence=min_confidence,
    )
    pairs = tuple(_pairs(sel.edges))
    return Overview(sel, pairs, communities(sel.nodes[:community_actors], pairs))


# -------------------------------------------------------------------------- layout


def affinity(edge: Mapping[str, Any]) -> float:
    """Return how strongly a relation pulls its two actors together (negative: apart).

    Cooperation and conflict follow the relation's weight (Goldstein-like, -10 … +10);
    communication pulls weakly; affiliation and location keep people and bodies
    beside their state. More evidence pulls (or pushes) harder, logarithmically.
    """
    category = edge["category"]
    if category in ("affiliation", "location"):
        base = 1.0
    elif category == "conflict":
        base = min(float(edge["weight"]) / 5.0, -0.3)
    else:
        base = max(float(edge["weight"]) / 5.0, 0.3)
    return base * (1.0 + math.log(max(int(edge["count"]), 1)))


def signed_layout(
    nodes: Sequence[str],
    edges: Iterable[Mapping[str, Any]],
    *,
    aspect: float = 1.6,
    radius: Mapping[str, float] | None = None,
    pinned: str | None = None,
    iterations: int = 300,
    groups: Mapping[str, int] | None = None,
) -> dict[str, tuple[float, float]]:
    """Place nodes in the box ``[0, aspect] x [0, 1]``: allies close, adversaries apart.

    A force-directed layout (Fruchterman-Reingold) on signed weights from
    :func:`affinity`: every pair repels; a positive pair attracts; a hostile pair
    repels harder and attracts only weakly, so it stays in the picture but apart.
    It starts from a sunflower spiral in node order (the strongest at the
    centre) and uses no random numbers: the same input gives the same picture.

    Args:
        nodes: Node ids, most important first.
        edges: Records with ``subject``, ``object``, ``category``, ``weight``, ``count``.
        aspect: Width of the box (its height is 1).
        radius: Node radii in box units; overlapping nodes are pushed apart.
        pinned: A node kept at the centre (the focus of an ego diagram).
        iterations: Force iterations.
        groups: Community of each node (see :func:`communities`): members of one
            community attract each other a little, so communities form clusters.

    Returns:
        Coordinates by node id.

    Example:
        >>> e = [{"subject": "a", "object": "b", "category": "conflict", "weight": -7.0,
        ...       "count": 1}, {"subject": "a", "object": "c", "category": "cooperation",
        ...       "weight": 8.0, "count": 1}]
        >>> pos = signed_layout(["a", "b", "c"], e)
        >>> d = lambda u, v: math.dist(pos[u], pos[v])
        >>> d("a", "c") < d("a", "b")
        True
    """
    import numpy as np

    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (aspect / 2, 0.5)}
    index = {v: i for i, v in enumerate(nodes)}
    w = np.zeros((n, n))
    for e in edges:
        i, j = index.get(e["subject"]), index.get(e["object"])
        if i is None or j is None or i == j:
            continue
        a = affinity(e)
        w[i, j] += a
        w[j, i] += a
    # ForceAtlas2-style forces: repulsion grows with both degrees, so hubs get room
    # around them; attraction is linear in distance and compressed in weight.
    degree = (w != 0).sum(axis=1).astype(float) + 1.0
    mass = degree[:, None] * degree[None, :]
    attract = np.log1p(np.clip(w, 0.0, None))
    hostile = np.log1p(np.clip(-w, 0.0, None))
    if groups:
        member = np.array([groups.get(v, -1 - i) for i, v in enumerate(nodes)])
        same = (member[:, None] == member[None, :]) & ~np.eye(n, dtype=bool)
        attract = attract + _COHESION * same
    size = math.sqrt(n)
    golden = math.pi * (3.0 - math.sqrt(5.0))
    idx = np.arange(n, dtype=float)
    r0 = size * np.sqrt((idx + 0.5) / n)
    pos = np.column_stack([r0 * np.cos(idx * golden), r0 * np.sin(idx * golden)])
    pin = index.get(pinned) if pinned is not None else None
    if pin is not None:
        pos -= pos[pin]
    for step in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(dist, 1.0)
        dist = np.maximum(dist, 0.05)
        repel = mass * (1.0 + 2.0 * hostile) / dist**2
        coef = repel - attract - 0.05 * hostile
        np.fill_diagonal(coef, 0.0)
        disp = (delta * coef[:, :, None]).sum(axis=1) - GRAVITY * degree[:, None] * pos
        length = np.maximum(np.sqrt((disp**2).sum(axis=1)), 1e-9)
        limit = 0.4 * size * (1.0 - step / iterations) + 1e-3
        pos += disp * (np.minimum(length, limit) / length)[:, None]
        if pin is not None:
            pos -= pos[pin]
    pos = _principal_axes(pos, pin)
    pos = _fit(pos, aspect, pin)
    if radius:
        radii = np.array([radius.get(v, 0.0) for v in nodes])
        pos = _separate(pos, radii, aspect)
    return {
        v: (round(float(pos[i, 0]), 6), round(float(pos[i, 1]), 6)) for i, v in enumerate(nodes)
    }


def _principal_axes(pos: Any, pin: int | None = None) -> Any:
    """Rotate so the widest spread is horizontal, with a canonical sign."""
    import numpy as np

    centred = pos - (pos.mean(axis=0) if pin is None else pos[pin])
    cov = centred.T @ centred
    _, vecs = np.linalg.eigh(cov)
    main = vecs[:, -1]
    other = np.array([-main[1], main[0]])
    out = np.column_stack([centred @ main, centred @ other])
    # Canonical orientation: the first (most important) node left of centre and above it.
    if out[0, 0] > 0:
        out[:, 0] = -out[:, 0]
    if out[0, 1] < 0:
        out[:, 1] = -out[:, 1]
    return out


def _fit(pos: Any, aspect: float, pin: int | None = None, margin: float = 0.06) -> Any:
    """Scale into the box, each axis on its own but never stretched more than 1.6 times.

    With ``pin``, that node goes to the centre of the box (the focus of an ego diagram).
    """
    import numpy as np

    room = np.array([aspect - 2 * margin, 1.0 - 2 * margin])
    if pin is not None:
        rel = pos - pos[pin]
        reach = np.maximum(np.abs(rel).max(axis=0), 1e-9)
        scale = (room / 2) / reach
        scale = np.minimum(scale, scale.min() * 1.6)
        return rel * scale + np.array([aspect / 2, 0.5])
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(hi - lo, 1e-9)
    scale = room / span
    uniform = scale.min()
    scale = np.minimum(scale, uniform * 1.6)
    out = (pos - lo) * scale
    out += (np.array([aspect, 1.0]) - (out.max(axis=0) - out.min(axis=0))) / 2 - out.min(axis=0)
    return out


def _separate(pos: Any, radii: Any, aspect: float, rounds: int = 60) -> Any:
    """Push overlapping nodes apart and keep them in the box."""
    import numpy as np

    pos = pos.copy()
    gap = radii[:, None] + radii[None, :] + 0.012
    for _ in range(rounds):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.sqrt((delta**2).sum(axis=-1))
        np.fill_diagonal(dist, np.inf)
        short = np.where(dist < gap, (gap - dist) / 2, 0.0)
        if not short.any():
            break
        safe = np.maximum(dist, 1e-6)
        # Coincident nodes: push along a fixed diagonal so the result stays deterministic.
        unit = np.where(dist[:, :, None] < 1e-6, np.array([0.6, 0.8]), delta / safe[:, :, None])
        pos += (unit * short[:, :, None]).sum(axis=1)
        pos[:, 0] = np.clip(pos[:, 0], radii, aspect - radii)
        pos[:, 1] = np.clip(pos[:, 1], radii, 1.0 - radii)
    return pos


# ------------------------------------------------------------------------ alliance


def _facts(graph: KnowledgeGraph) -> Iterator[Assertion]:
    return (a for a in graph.assertions if a.is_fact)


def state_of(graph: KnowledgeGraph) -> dict[str, str]:
    """Return, for each person or body, the country it serves most often.

    Counted from affiliation facts (leads, holds a position in, is part of,
    represents, works for, is a citizen of) whose object is a country; ties go
    to the smaller id. Countries themselves are not in the mapping.
    """
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for a in _facts(graph):
        if (
            a.relation in _SERVES
            and a.object.type == "Country"
            and a.subject.type != "Country"
            and a.subject.id != a.object.id
        ):
            counts[a.subject.id][a.object.id] += 1
    return {
        actor: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        for actor, c in sorted(counts.items())
    }


@dataclass(frozen=True, slots=True)
class Alliance:
    """Country-by-country cooperation and conflict.

    Attributes:
        countries: Country ids in display order (allies next to each other).
        names: Their labels.
        cooperation: ``cooperation[i][j]``: cooperation facts between the two, either direction.
        conflict: ``conflict[i][j]``: conflict facts between the two, either direction.
        total_countries: Countries with any cooperation or conflict (before the cap).
        articles: Articles in the date window.
        rolled_up: People and bodies whose facts were counted with their state.
    """

    countries: tuple[str, ...]
    names: tuple[str, ...]
    cooperation: tuple[tuple[int, ...], ...]
    conflict: tuple[tuple[int, ...], ...]
    total_countries: int
    articles: int
    rolled_up: int

    def net(self, i: int, j: int) -> int:
        """Cooperation minus conflict between countries ``i`` and ``j``."""
        return self.cooperation[i][j] - self.conflict[i][j]


def alliance_matrix(
    graph: KnowledgeGraph,
    *,
    max_countries: int = 20,
    roll_up: bool = True,
    since: str | None = None,
    until: str | None = None,
) -> Alliance:
    """Score every pair of countries: cooperation facts minus conflict facts.

    Args:
        graph: The graph.
        max_countries: Keep the countries with the most cooperation and conflict.
        roll_up: Count what a person or body does with the state it serves
            (:func:`state_of`): "Trump warns North Korea" counts for the United States.
        since: Keep facts from articles dated on or after this.
        until: Keep facts from articles dated on or before this.

    Returns:
        The matrices, ordered so that allies sit next to each other: by the
        leading eigenvector of the net matrix, which splits a two-camp
        (structurally balanced) picture into its camps.

    Raises:
        InputError: A date or the cap is invalid.
    """
    import numpy as np

    if max_countries < 2:
        msg = f"max_countries must be at least 2, got {max_countries!r}"
        raise InputError(msg)
    view = window(graph, since, until)
    entities = entities_of(graph)
    home = state_of(view) if roll_up else {}

    def country(role_id: str) -> str | None:
        if role_id in home:
            return home[role_id]
        e = entities.get(role_id)
        return role_id if e is not None and e.type == "Country" else None

    coop: Counter[tuple[str, str]] = Counter()
    conf: Counter[tuple[str, str]] = Counter()
    rolled: set[str] = set()
    for a in _facts(view):
        cat = category_of(a.relation)
        if cat not in ("cooperation", "conflict"):
            continue
        s, o = country(a.subject.id), country(a.object.id)
        if s is None or o is None or s == o:
            continue
        rolled.update(r for r in (a.subject.id, a.object.id) if r in home)
        pair = (min(s, o), max(s, o))
        (coop if cat == "cooperation" else conf)[pair] += 1
    involvement: Counter[str] = Counter()
    for counter in (coop, conf):
        for (s, o), c in counter.items():
            involvement[s] += c
            involvement[o] += c
    top = sorted(involvement, key=lambda c: (-involvement[c], c))[:max_countries]
    # A country whose partners all fell under the cap would be an empty row: drop it.
    kept = set(top)
    partners = {c for pair in (*coop, *conf) if set(pair) <= kept for c in pair}
    top = [c for c in top if c in partners]
    n = len(top)
    if n >= 2:
        net = np.zeros((n, n))
        for i, s in enumerate(top):
            for j, o in enumerate(top):
                pair = (min(s, o), max(s, o))
                if i != j:
                    net[i, j] = coop[pair] - conf[pair]
        _, vecs = np.linalg.eigh(net)
        lead = vecs[:, -1]
        if lead[int(np.argmax(np.abs(lead)))] < 0:
            lead = -lead
        order = sorted(range(n), key=lambda i: (-round(float(lead[i]), 9), i))
        top = [top[i] for i in order]

    def table(counter: Counter[tuple[str, str]]) -> tuple[tuple[int, ...], ...]:
        return tuple(
            tuple(0 if s == o else counter[(min(s, o), max(s, o))] for o in top) for s in top
        )

    return Alliance(
        countries=tuple(top),
        names=tuple(entities[c].name if c in entities else c for c in top),
        cooperation=table(coop),
        conflict=table(conf),
        total_countries=len(involvement),
        articles=len(view.articles),
        rolled_up=len(rolled),
    )


# ------------------------------------------------------------------------ timeline


@dataclass(frozen=True, slots=True)
class Timeline:
    """The relations between two actors, by date.

    Attributes:
        first: Id of the first actor.
        second: Id of the second actor.
        events: One dict per fact, sorted by date: ``date``, ``relation``, ``label``,
            ``category``, ``direction`` (1: first acts on second, -1: the other way,
            0: a symmetric relation), ``subject``, ``object`` (names as written in
            the graph), ``sentence`` and ``article``.
        undated: Facts between the two whose article has no date (not in ``events``).
        rolled_up: Whether people and bodies were counted with their state.
    """

    first: str
    second: str
    events: tuple[dict[str, Any], ...]
    undated: int
    rolled_up: bool


def timeline(
    graph: KnowledgeGraph,
    first: str,
    second: str,
    *,
    category: str | Iterable[str] | None = None,
    roll_up: bool = True,
    since: str | None = None,
    until: str | None = None,
) -> Timeline:
    """List the facts between two actors, in either direction, by article date.

    Args:
        graph: The graph.
        first: An actor's name, alias, QID or id.
        second: Another actor.
        category: Keep only these categories.
        roll_up: When an actor is a country, count what the people and bodies
            serving it do (see :func:`state_of`).
        since: Keep facts from articles dated on or after this.
        until: Keep facts from articles dated on or before this.

    Raises:
        InputError: A name matches no actor, both name the same one, or a date is invalid.
        OntologyError: ``category`` is not a category.
    """
    from kg.query import find_entity

    a_id, b_id = find_entity(graph, first), find_entity(graph, second)
    if a_id == b_id:
        msg = f"{first!r} and {second!r} name the same actor; a timeline needs two"
        raise InputError(msg)
    cats = _categories(category)
    view = window(graph, since, until)
    home = state_of(view) if roll_up else {}

    def side(role_id: str) -> str:
        return home.get(role_id, role_id)

    events: list[dict[str, Any]] = []
    undated = 0
    for a in _facts(view):
        cat = category_of(a.relation)
        if cat is None or (cats is not None and cat not in cats):
            continue
        s, o = side(a.subject.id), side(a.object.id)
        if (s, o) not in ((a_id, b_id), (b_id, a_id)) and (a.subject.id, a.object.id) not in (
            (a_id, b_id),
            (b_id, a_id),
        ):
            continue
        forward = a.subject.id == a_id or (a.subject.id != b_id and s == a_id)
        rel = RELATIONS[a.relation]
        date = _date_of(view, a)
        if not date:
            undated += 1
            continue
        events.append(
            {
                "date": date[:10],
                "relation": a.relation,
                "label": rel.label,
                "category": cat,
                "direction": 0 if rel.symmetric else (1 if forward else -1),
                "subject": a.subject.name,
                "object": a.object.name,
                "sentence": a.evidence.sentence,
                "article": a.evidence.article,
            }
        )
    events.sort(key=lambda e: (e["date"], e["category"], e["relation"], e["article"]))
    return Timeline(a_id, b_id, tuple(events), undated, roll_up)
