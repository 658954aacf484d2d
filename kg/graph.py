"""The merged graph: entities, assertions and article metadata, and its views.

:class:`KnowledgeGraph` is plain data: every assertion ever found (facts,
negated, hypothetical alike), the canonical entities, the articles' metadata
and the surface forms that became each entity. Views are free functions:
:func:`to_networkx` gives a ``networkx.MultiDiGraph`` of the facts, one edge per
(subject, relation, object) with counts, dates, a noisy-or confidence and the
evidence.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kg.edges import DEFAULT_EVIDENCE_K, EdgeTable
from kg.errors import InputError
from kg.ontology import category_of
from kg.resolve import merge_entities
from kg.types import Article, ArticleResult, Assertion, Entity, Role

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

    from kg.exports import ExportResult

__all__ = [
    "KnowledgeGraph",
    "article_dates",
    "edge_records",
    "edge_table",
    "merge_graphs",
    "merge_results",
    "to_networkx",
]


@dataclass(slots=True)
class KnowledgeGraph:
    """Everything a build produced.

    A graph made by :func:`merge_results` reads ``assertions``, ``articles`` and
    ``article_forms`` lazily from its build database (see :mod:`kg.builddb`): they are
    re-iterable sequences and mappings that hold no assertion in memory. Other graphs
    hold plain lists and dicts.

    Attributes:
        entity_map: Canonical entities by id (the method :meth:`entities` gives a table).
        assertions: Every assertion, sorted by article and position.
        articles: Article metadata by id (text dropped to save memory).
        surface_forms: For each entity id, how often each surface form named it.
        article_forms: The same per article: article id -> entity id -> form -> count
            (the per-article merge report).
        warnings: Messages about input that was skipped.
        evidence_k: Evidence statements kept per edge by :func:`edge_records` (and so by
            the diagrams, the HTML view and the exports); not part of the value.
    """

    entity_map: dict[str, Entity] = field(default_factory=dict)
    assertions: Sequence[Assertion] = field(default_factory=list)
    articles: Mapping[str, Article] = field(default_factory=dict)
    surface_forms: dict[str, Counter[str]] = field(default_factory=dict)
    article_forms: Mapping[str, dict[str, Counter[str]]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    evidence_k: int = field(default=DEFAULT_EVIDENCE_K, compare=False, repr=False)
    # Views built on first use (a pyoxigraph store, an rdflib graph for SPARQL); a graph
    # loaded from a store answers SPARQL from that store. Not part of the value.
    _views: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def entities(self, *, type: str | None = None) -> pd.DataFrame:  # noqa: A002
        """Return the actors as a DataFrame (see :func:`kg.query.entities`)."""
        from kg.query import entities

        return entities(self, type=type)

    def find(self, name: str) -> Entity:
        """Return the entity called ``name``: its label, an alias, its id or QID.

        Raises:
            InputError: No entity has that name; the message lists the closest ones.
        """
        from kg.query import find_entity

        return self.entity_map[find_entity(self, name)]

    def relations(
        self,
        *,
        subject: str | None = None,
        relation: str | None = None,
        object: str | None = None,  # noqa: A002 - the contract's name
        category: str | None = None,
        min_confidence: float = 0.0,
        since: str | None = None,
        until: str | None = None,
    ) -> pd.DataFrame:
        """Return the facts as a DataFrame, one row per edge (see :func:`kg.query.relations`)."""
        from kg.query import relations

        return relations(
            self,
            subject=subject,
            relation=relation,
            object=object,
            category=category,
            min_confidence=min_confidence,
            since=since,
            until=until,
        )

    def evidence(
        self,
        *,
        subject: str | None = None,
        relation: str | None = None,
        object: str | None = None,  # noqa: A002 - the contract's name
        category: str | None = None,
        article: str | None = None,
        include_non_facts: bool = False,
    ) -> pd.DataFrame:
        """Return the sentences behind relations, with articles and offsets.

        See :func:`kg.query.evidence`.
        """
        from kg.query import evidence

        return evidence(
            self,
            subject=subject,
            relation=relation,
            object=object,
            category=category,
            article=article,
            include_non_facts=include_non_facts,
        )

    def allies(self, name: str, *, min_confidence: float = 0.0) -> pd.DataFrame:
        """Return the actors in cooperation with ``name`` (see :func:`kg.query.allies`)."""
        from kg.query import allies

        return allies(self, name, min_confidence=min_confidence)

    def adversaries(self, name: str, *, min_confidence: float = 0.0) -> pd.DataFrame:
        """Return the actors in conflict with ``name`` (see :func:`kg.query.adversaries`)."""
        from kg.query import adversaries

        return adversaries(self, name, min_confidence=min_confidence)

    def path(self, source: str, target: str, *, category: str | None = None) -> pd.DataFrame:
        """Return a shortest chain of relations between two actors (see :func:`kg.query.path`)."""
        from kg.query import path

        return path(self, source, target, category=category)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """Return the facts as a ``networkx.MultiDiGraph`` (see :func:`to_networkx`)."""
        return to_networkx(self)

    def export(
        self,
        path: str | Path,
        *,
        format: str,  # noqa: A002 - the contract's name
        category: str | Iterable[str] | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: float = 0.0,
        focus: str | None = None,
        depth: int = 1,
    ) -> ExportResult:
        """Write the facts as GraphML, GEXF, CSV or Neo4j import files.

        See :func:`kg.exports.export`; the filters are those of :meth:`plot`.

        Example:
            >>> import kg  # doctest: +SKIP
            >>> kg.load("output/graph.ttl").export("out.gexf", format="gexf")  # doctest: +SKIP
        """
        from kg.exports import export

        return export(
            self,
            path,
            format=format,
            category=category,
            since=since,
            until=until,
            min_confidence=min_confidence,
            focus=focus,
            depth=depth,
        )

    def to_rdflib(self) -> Any:
        """Return the graph as a new ``rdflib.Graph`` (see :func:`kg.rdf.to_rdflib`)."""
        from kg.rdf import to_rdflib

        return to_rdflib(self)

    def sparql(self, query: str, *, engine: str = "oxigraph") -> pd.DataFrame:
        """Run a SPARQL SELECT over the RDF form of the graph (see :func:`kg.query.sparql`)."""
        from kg.query import sparql

        return sparql(self, query, engine=engine)

    def __getstate__(self) -> dict[str, Any]:
        # Views (a pyoxigraph store) do not pickle: a copy builds its own on first use.
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "_views"}

    def __setstate__(self, state: dict[str, Any] | tuple[Any, dict[str, Any]]) -> None:
        if isinstance(state, tuple):  # pickled by the default protocol of slotted classes
            state = state[1]
        for name, value in state.items():
            if name != "_views":
                setattr(self, name, value)
        self._views = {}

    def use_store(self, store: Any) -> None:
        """Answer SPARQL queries from ``store``, a ``pyoxigraph.Store`` holding this graph."""
        self._views["oxigraph"] = store

    def use_source(self, path: str | Path) -> None:
        """Remember the file this graph was read from, to bulk-load it if SPARQL needs a store.

        Only Turtle, N-Triples and JSON-LD files are used (TriG keeps named graphs).
        """
        from kg.rdf import format_for_path

        if not format_for_path(path).quads:
            self._views["source"] = Path(path)

    def view(self, name: str) -> Any:
        """Return the view ``name`` (``"oxigraph"`` or ``"rdflib"``), building it on first use.

        The view reflects the graph as it was then: build a new graph rather than
        changing one that has been queried. For a graph whose statements are on disk
        (built by the streaming merge, or loaded), the ``oxigraph`` view is a store on
        disk beside them, so that memory does not grow with the corpus.
        """
        if name not in self._views:
            if name == "rdflib":
                from kg.rdf import to_rdflib

                self._views[name] = to_rdflib(self)
            elif name == "oxigraph":
                from kg.builddb import StoredAssertions
                from kg.store import disk_store, memory_store

                stored = self.assertions
                if isinstance(stored, StoredAssertions):
                    # On disk beside the statements, and removed with them.
                    folder = stored.db.path.parent / "oxigraph"
                    self._views[name] = disk_store(self, folder, self._views.get("source"))
                else:
                    self._views[name] = memory_store(self)
            else:
                msg = f"unknown view {name!r}; expected 'oxigraph' or 'rdflib'"
                raise InputError(msg)
        return self._views[name]

    def plot(self, path: str | None = None, **options: Any) -> Any:
        """Draw the graph (see :func:`kg.plot.plot_graph`); returns the matplotlib figure."""
        from kg.plot import plot_graph

        return plot_graph(self, path, **options)

    def summary(self) -> dict[str, Any]:
        """Return counts: articles, entities, facts, assertions, relations per category."""
        from kg.builddb import StoredAssertions

        by_category: Counter[str] = Counter()
        facts = 0
        if isinstance(self.assertions, StoredAssertions):  # counted as the merge went
            facts, by_category = self.assertions.facts, Counter(self.assertions.by_category)
        else:
            for a in self.assertions:
                if a.is_fact:
                    facts += 1
                    by_category[category_of(a.relation) or "open"] += 1
        return {
            "articles": len(self.articles),
            "entities": len(self.entity_map),
            "assertions": len(self.assertions),
            "facts": facts,
            "by_category": dict(sorted(by_category.items())),
            "warnings": len(self.warnings),
        }


def merge_results(
    results: Iterable[ArticleResult],
    *,
    warnings: Iterable[str] = (),
    workdir: str | Path | None = None,
) -> KnowledgeGraph:
    """Merge per-article results into one graph; the order of ``results`` does not matter.

    Each result streams into a build database as it arrives (see :mod:`kg.builddb`):
    memory holds the entities, their surface forms and the direct claims, not the
    assertions, whatever the number of articles.

    Args:
        results: The per-article results, read once.
        warnings: Messages about skipped input; read after ``results`` is consumed.
        workdir: Where the build database's temporary folder goes (default: the
            system's temporary folder).
    """
    from kg.builddb import StreamingMerge

    merge = StreamingMerge(workdir)
    for result in results:
        merge.add(result)
    # ``warnings`` may be filled while ``results`` is consumed: read it after.
    return merge.finish(list(warnings))


def _merge_results_in_memory(
    results: Iterable[ArticleResult], *, warnings: Iterable[str] = ()
) -> KnowledgeGraph:
    """Merge per-article results with everything in memory (the reference of the tests)."""
    groups: list[tuple[Entity, ...]] = []
    assertions: list[Assertion] = []
    articles: dict[str, Article] = {}
    by_article: dict[str, dict[str, Counter[str]]] = {}
    for result in results:
        articles[result.article.id] = replace(result.article, text="")
        groups.append(result.entities)
        assertions.extend(result.assertions)
        local: dict[str, Counter[str]] = defaultdict(Counter)
        for eid, mention in result.mentions:
            local[eid][mention.text] += 1
        by_article[result.article.id] = dict(local)
    # ``warnings`` may be filled while ``results`` is consumed: read it after.
    return _assemble(groups, assertions, articles, by_article, list(warnings))


def merge_graphs(base: KnowledgeGraph, new: KnowledgeGraph) -> KnowledgeGraph:
    """Return ``base`` with ``new`` added (``kg build --append``).

    Entities merge on their id as in :func:`merge_results`; an article of ``new``
    replaces the article of the same id in ``base``, with its assertions.
    """
    return _assemble(
        [tuple(base.entity_map.values()), tuple(new.entity_map.values())],
        [
            *(a for a in base.assertions if a.evidence.article not in new.articles),
            *new.assertions,
        ],
        {**base.articles, **new.articles},
        {**base.article_forms, **new.article_forms},
        [*base.warnings, *new.warnings],
    )


def _assemble(
    groups: list[tuple[Entity, ...]],
    assertions: list[Assertion],
    articles: Mapping[str, Article],
    by_article: Mapping[str, dict[str, Counter[str]]],
    warnings: list[str],
) -> KnowledgeGraph:
    entities = merge_entities(groups)
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for local in by_article.values():
        for eid, counts in local.items():
            forms[eid].update(counts)

    # Canonical names and QIDs of merged entities flow back into every assertion.
    def canonical(role: Role) -> Role:
        e = entities[role.id]
        return replace(role, name=e.name, type=e.type, qid=e.qid)

    fixed = [
        replace(
            a,
            subject=canonical(a.subject),
            object=canonical(a.object),
            attributed_to=canonical(a.attributed_to) if a.attributed_to else None,
        )
        for a in assertions
    ]
    fixed.sort(key=Assertion.key)
    return KnowledgeGraph(
        entity_map=entities,
        assertions=fixed,
        articles=dict(sorted(articles.items())),
        surface_forms={k: forms[k] for k in sorted(forms)},
        article_forms={k: by_article[k] for k in sorted(by_article)},
        warnings=warnings,
    )


def article_dates(graph: KnowledgeGraph) -> Callable[[str], str | None]:
    """Return a function giving an article's date by id, remembering the last one asked.

    Assertions come in article order, so a pass over them asks for each article once.
    """
    last: list[Any] = [None, None]

    def date(article_id: str) -> str | None:
        if last[0] != article_id:
            art = graph.articles.get(article_id)
            last[0], last[1] = article_id, art.date if art is not None else None
        return cast("str | None", last[1])

    return date


def edge_table(
    graph: KnowledgeGraph, *, since: str | None = None, until: str | None = None
) -> EdgeTable:
    """Return the graph's aggregated edges (in a date window), folded once and kept.

    One pass over the assertions (streamed from disk for a built graph); the table is
    kept with the graph, so diagrams, the HTML view and queries share it.

    Args:
        graph: The graph.
        since: Count only facts dated (by their evidence, else their article) on or
            after this (``YYYY[-MM[-DD]]``, already checked).
        until: Count only facts dated on or before this.
    """
    from kg.edges import aggregate_edges

    key = ("edges", since, until, graph.evidence_k)
    table = graph._views.get(key)
    if table is None:
        dates = article_dates(graph)
        keep = None
        if since is not None or until is not None:
            from kg.views import in_window

            window_dates = article_dates(graph)

            def keep(a: Assertion) -> bool:
                date = a.evidence.date or window_dates(a.evidence.article)
                return in_window(date, since, until)

        table = aggregate_edges(graph.assertions, k=graph.evidence_k, article_date=dates, keep=keep)
        graph._views[key] = table
    return cast("EdgeTable", table)


def edge_records(
    graph: KnowledgeGraph, *, since: str | None = None, until: str | None = None
) -> list[dict[str, Any]]:
    """Return one record per (subject, relation, object) of the facts, sorted.

    Each record has ``subject``, ``relation``, ``object``, ``category``, ``count``,
    ``articles``, ``first_date``, ``last_date``, ``confidence`` (noisy-or of the
    assertions), ``weight`` (the relation's cooperation/conflict weight),
    ``symmetric``, ``evidence`` (a list of dicts: the first ``graph.evidence_k``
    statements in article order; ``count`` says how many there are),
    ``best_evidence`` (the most confident statement) and ``months`` (statements per
    month of their article's date). Computed in one pass (see :func:`edge_table`),
    holding the edges, not the assertions.

    Args:
        graph: The graph.
        since: Only facts dated on or after this (a checked ``YYYY[-MM[-DD]]``).
        until: Only facts dated on or before this.
    """
    return [dict(r) for r in edge_table(graph, since=since, until=until).records]


def to_networkx(graph: KnowledgeGraph) -> nx.MultiDiGraph[str]:
    """Return the facts of ``graph`` as a ``networkx.MultiDiGraph``.

    Nodes are entity ids with ``name``, ``type``, ``qid`` and ``aliases``; edges are
    keyed by relation name and carry the fields of :func:`edge_records`. Symmetric
    relations are materialized in both directions, so either end finds them.
    Negated, intended and hypothetical assertions are not edges: they stay in
    ``graph.assertions``.
    """
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    records = edge_records(graph)
    used = {r["subject"] for r in records} | {r["object"] for r in records}
    for eid in sorted(used):
        e = graph.entity_map[eid]
        g.add_node(eid, name=e.name, type=e.type, qid=e.qid or "", aliases=list(e.aliases))
    for rec in records:
        attrs = {k: v for k, v in rec.items() if k not in ("subject", "object")}
        g.add_edge(rec["subject"], rec["object"], key=rec["relation"], **attrs)
        if rec["symmetric"] and not g.has_edge(rec["object"], rec["subject"], rec["relation"]):
            g.add_edge(rec["object"], rec["subject"], key=rec["relation"], inferred=True, **attrs)
    return g
