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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from kg.ontology import RELATIONS, category_of
from kg.resolve import merge_entities
from kg.types import Article, ArticleResult, Assertion, Entity

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

__all__ = ["KnowledgeGraph", "edge_records", "merge_results", "to_networkx"]


@dataclass(slots=True)
class KnowledgeGraph:
    """Everything a build produced.

    Attributes:
        entities: Canonical entities by id.
        assertions: Every assertion, sorted by article and position.
        articles: Article metadata by id (text dropped to save memory).
        surface_forms: For each entity id, how often each surface form named it.
        warnings: Messages about input that was skipped.
    """

    entities: dict[str, Entity] = field(default_factory=dict)
    assertions: list[Assertion] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    surface_forms: dict[str, Counter[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        """Return the facts as a ``networkx.MultiDiGraph`` (see :func:`to_networkx`)."""
        return to_networkx(self)

    def to_rdflib(self) -> Any:
        """Return the graph as an ``rdflib.Graph`` (see :func:`kg.rdf.to_rdflib`)."""
        from kg.rdf import to_rdflib

        return to_rdflib(self)

    def relations(self, **filters: Any) -> pd.DataFrame:
        """Return the relations as a DataFrame (see :func:`kg.query.relations`)."""
        from kg.query import relations

        return relations(self, **filters)

    def evidence(self, **filters: Any) -> pd.DataFrame:
        """Return the evidence sentences behind relations (see :func:`kg.query.evidence`)."""
        from kg.query import evidence

        return evidence(self, **filters)

    def sparql(self, query: str) -> pd.DataFrame:
        """Run a SPARQL query over the RDF form of the graph (see :func:`kg.query.sparql`)."""
        from kg.query import sparql

        return sparql(self, query)

    def plot(self, path: str | None = None, **options: Any) -> Any:
        """Draw the graph (see :func:`kg.plot.plot_graph`); returns the matplotlib figure."""
        from kg.plot import plot_graph

        return plot_graph(self, path, **options)

    def summary(self) -> dict[str, Any]:
        """Return counts: articles, entities, facts, assertions, relations per category."""
        by_category: Counter[str] = Counter()
        facts = 0
        for a in self.assertions:
            if a.is_fact:
                facts += 1
                by_category[category_of(a.relation) or "open"] += 1
        return {
            "articles": len(self.articles),
            "entities": len(self.entities),
            "assertions": len(self.assertions),
            "facts": facts,
            "by_category": dict(sorted(by_category.items())),
            "warnings": len(self.warnings),
        }


def merge_results(
    results: Iterable[ArticleResult], *, warnings: Iterable[str] = ()
) -> KnowledgeGraph:
    """Merge per-article results into one graph; the order of ``results`` does not matter."""
    groups: list[tuple[Entity, ...]] = []
    assertions: list[Assertion] = []
    articles: dict[str, Article] = {}
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for result in results:
        articles[result.article.id] = replace(result.article, text="")
        groups.append(result.entities)
        assertions.extend(result.assertions)
        for eid, mention in result.mentions:
            forms[eid][mention.text] += 1
    entities = merge_entities(groups)
    # Canonical names and QIDs of merged entities flow back into every assertion.
    fixed: list[Assertion] = []
    for a in assertions:
        s, o = entities[a.subject.id], entities[a.object.id]
        fixed.append(
            replace(
                a,
                subject=replace(a.subject, name=s.name, type=s.type, qid=s.qid),
                object=replace(a.object, name=o.name, type=o.type, qid=o.qid),
            )
        )
    fixed.sort(key=Assertion.key)
    # ``warnings`` may be filled while ``results`` is consumed: read it last.
    return KnowledgeGraph(
        entities=entities,
        assertions=fixed,
        articles=dict(sorted(articles.items())),
        surface_forms={k: forms[k] for k in sorted(forms)},
        warnings=list(warnings),
    )


def edge_records(graph: KnowledgeGraph) -> list[dict[str, Any]]:
    """Return one record per (subject, relation, object) of the facts, sorted.

    Each record has ``subject``, ``relation``, ``object``, ``category``, ``count``,
    ``articles``, ``first_date``, ``last_date``, ``confidence`` (noisy-or of the
    assertions), ``weight`` (the relation's cooperation/conflict weight) and
    ``evidence`` (a list of dicts).
    """
    groups: dict[tuple[str, str, str], list[Assertion]] = defaultdict(list)
    for a in graph.assertions:
        if a.is_fact:
            groups[(a.subject.id, a.relation, a.object.id)].append(a)
    records = []
    for (s, r, o), items in sorted(groups.items()):
        miss = 1.0
        for a in items:
            miss *= 1.0 - a.confidence
        dates = sorted(d for d in (a.evidence.date for a in items) if d)
        rel = RELATIONS.get(r)
        records.append(
            {
                "subject": s,
                "relation": r,
                "object": o,
                "category": category_of(r),
                "count": len(items),
                "articles": sorted({a.evidence.article for a in items}),
                "first_date": dates[0] if dates else None,
                "last_date": dates[-1] if dates else None,
                "confidence": round(1.0 - miss, 4),
                "weight": rel.weight if rel else 0.0,
                "symmetric": bool(rel and rel.symmetric),
                "evidence": [
                    {
                        "article": a.evidence.article,
                        "sentence": a.evidence.sentence,
                        "sentence_start": a.evidence.sentence_start,
                        "rule": a.rule,
                        "confidence": a.confidence,
                        "modality": a.modality,
                        "detail": a.detail,
                    }
                    for a in items
                ],
            }
        )
    return records


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
        e = graph.entities[eid]
        g.add_node(eid, name=e.name, type=e.type, qid=e.qid or "", aliases=list(e.aliases))
    for rec in records:
        attrs = {k: v for k, v in rec.items() if k not in ("subject", "object")}
        g.add_edge(rec["subject"], rec["object"], key=rec["relation"], **attrs)
        if rec["symmetric"] and not g.has_edge(rec["object"], rec["subject"], rec["relation"]):
            g.add_edge(rec["object"], rec["subject"], key=rec["relation"], inferred=True, **attrs)
    return g
