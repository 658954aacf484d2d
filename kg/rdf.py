"""The graph as RDF: ontology, entities, direct claims and statement nodes.

Modelled the Wikidata way. Direct triples (``kge:north-korea kg:threatens
kge:japan``) are written only for facts: assertions that are asserted or
reported and not negated. Every assertion, facts and non-facts alike, also gets
a statement node (``rdf:Statement`` with ``rdf:subject/predicate/object``) that
carries ``kg:negated``, ``kg:modality``, ``kg:confidence``, ``kg:rule``, the
evidence sentence and offsets, and ``prov:wasDerivedFrom`` the article, a
``schema:NewsArticle``. The ontology (relations, their categories as
super-properties, labels, PLOVER mappings) is written into the same graph.

All IRIs are built from percent-encoded slugs, so they are valid whatever the
names hold, and no blank nodes are used, so the output is deterministic.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SKOS

from kg.errors import ExportError, InputError
from kg.ontology import CATEGORIES, CATEGORY_COMMENTS, RELATIONS, is_open
from kg.types import Article, Assertion, Entity, EntityType, Evidence, Modality, Role

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = [
    "ARTICLE",
    "ENTITY",
    "KG",
    "SCHEMA",
    "STATEMENT",
    "from_rdflib",
    "ontology_graph",
    "read_graph",
    "to_rdflib",
    "write_graph",
]

BASE = "https://w3id.org/kg-news/"
KG = Namespace(BASE + "ontology#")
ENTITY = Namespace(BASE + "entity/")
ARTICLE = Namespace(BASE + "article/")
STATEMENT = Namespace(BASE + "statement/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
PLOVER = Namespace("https://github.com/openeventdata/PLOVER#")

_TYPE_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Country": (SCHEMA.Country,),
    "Person": (SCHEMA.Person,),
    "Organization": (SCHEMA.Organization,),
    "Group": (SCHEMA.Organization, KG.Group),
    "Place": (SCHEMA.Place,),
}
_CLASS_TYPES: dict[URIRef, EntityType] = {
    SCHEMA.Country: "Country",
    SCHEMA.Person: "Person",
    KG.Group: "Group",
    SCHEMA.Organization: "Organization",
    SCHEMA.Place: "Place",
}
FORMATS = {"turtle": "ttl", "trig": "trig", "nt": "nt", "json-ld": "jsonld", "xml": "rdf"}


def _iri_part(text: str) -> str:
    return quote(text, safe="-._~")


def entity_iri(entity_id: str) -> URIRef:
    """Return the IRI of an entity id."""
    return ENTITY[_iri_part(entity_id)]


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article id."""
    return ARTICLE[_iri_part(article_id)]


def relation_iri(name: str) -> URIRef:
    """Return the IRI of a relation, open relations included (``kg:open-deploy``)."""
    if is_open(name):
        return KG["open-" + _iri_part(name.split(":", 1)[1])]
    return KG[name]


def statement_id(a: Assertion) -> str:
    """Return a stable id for an assertion, from where it was found and what it says."""
    key = "\x1f".join(
        str(x)
        for x in (
            a.evidence.article,
            a.evidence.sentence_start,
            a.subject.start,
            a.subject.end,
            a.relation,
            a.object.start,
            a.object.end,
            a.subject.id,
            a.object.id,
            a.rule,
        )
    )
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def _lit(text: str) -> Literal:
    # Lone surrogates cannot be encoded; they are replaced, never written raw.
    return Literal(text.encode("utf-8", "replace").decode("utf-8"))


def ontology_graph() -> Graph:
    """Return the ontology: the five categories and every relation under them."""
    g = Graph()
    _bind(g)
    g.add((KG.Assertion, RDF.type, OWL.Class))
    g.add((KG.Assertion, RDFS.subClassOf, RDF.Statement))
    g.add((KG.Group, RDF.type, OWL.Class))
    g.add((KG.Group, RDFS.subClassOf, SCHEMA.Organization))
    g.add((KG.Group, RDFS.label, Literal("armed or political group", lang="en")))
    g.add((KG.OpenRelation, RDF.type, OWL.Class))
    g.add((KG.relation, RDF.type, OWL.ObjectProperty))
    g.add((KG.relation, RDFS.label, Literal("relation", lang="en")))
    for category in CATEGORIES:
        c = KG[category]
        g.add((c, RDF.type, OWL.ObjectProperty))
        g.add((c, RDFS.subPropertyOf, KG.relation))
        g.add((c, RDFS.label, Literal(category, lang="en")))
        g.add((c, RDFS.comment, Literal(CATEGORY_COMMENTS[category], lang="en")))
    for rel in RELATIONS.values():
        p = KG[rel.name]
        g.add((p, RDF.type, OWL.ObjectProperty))
        if rel.symmetric:
            g.add((p, RDF.type, OWL.SymmetricProperty))
        g.add((p, RDFS.subPropertyOf, KG[rel.category]))
        g.add((p, RDFS.label, Literal(rel.label, lang="en")))
        g.add((p, RDFS.comment, Literal(rel.comment, lang="en")))
        g.add((p, KG.weight, Literal(rel.weight)))
        if rel.plover:
            g.add((p, SKOS.closeMatch, PLOVER[rel.plover]))
        if rel.cameo:
            g.add((p, KG.cameoRoot, Literal(rel.cameo)))
    return g


def _bind(g: Graph) -> None:
    g.bind("kg", KG)
    g.bind("kge", ENTITY)
    g.bind("kga", ARTICLE)
    g.bind("kgs", STATEMENT)
    g.bind("schema", SCHEMA, override=True, replace=True)
    g.bind("wd", WD)
    g.bind("prov", PROV)
    g.bind("skos", SKOS)
    g.bind("owl", OWL)
    g.bind("plover", PLOVER)


def _add_role(g: Graph, node: URIRef, prefix: str, role: Role) -> None:
    g.add((node, KG[prefix + "Text"], _lit(role.text)))
    g.add((node, KG[prefix + "Start"], Literal(role.start)))
    g.add((node, KG[prefix + "End"], Literal(role.end)))


def to_rdflib(graph: KnowledgeGraph, *, include_ontology: bool = True) -> Graph:
    """Return ``graph`` as an ``rdflib.Graph``."""
    g = ontology_graph() if include_ontology else Graph()
    _bind(g)
    used_open: set[str] = set()
    referenced = {a.subject.id for a in graph.assertions} | {a.object.id for a in graph.assertions}
    referenced |= {a.attributed_to.id for a in graph.assertions if a.attributed_to}
    for eid in sorted(referenced):
        _add_entity(g, graph.entities[eid])
    for art in graph.articles.values():
        node = article_iri(art.id)
        g.add((node, RDF.type, SCHEMA.NewsArticle))
        g.add((node, SCHEMA.identifier, _lit(art.id)))
        if art.title:
            g.add((node, SCHEMA.headline, _lit(art.title)))
        if art.date:
            g.add((node, SCHEMA.datePublished, Literal(art.date, datatype=XSD.date)))
        if art.url:
            g.add((node, SCHEMA.url, _lit(art.url)))
        if art.source:
            g.add((node, SCHEMA.publisher, _lit(art.source)))
    for a in graph.assertions:
        pred = relation_iri(a.relation)
        if is_open(a.relation):
            used_open.add(a.relation)
        subj, obj = entity_iri(a.subject.id), entity_iri(a.object.id)
        if a.is_fact:
            g.add((subj, pred, obj))
            if a.relation in RELATIONS and RELATIONS[a.relation].symmetric:
                g.add((obj, pred, subj))
        node = STATEMENT[statement_id(a)]
        g.add((node, RDF.type, KG.Assertion))
        g.add((node, RDF.subject, subj))
        g.add((node, RDF.predicate, pred))
        g.add((node, RDF.object, obj))
        g.add((node, KG.negated, Literal(a.negated)))
        g.add((node, KG.modality, Literal(a.modality)))
        g.add((node, KG.confidence, Literal(round(a.confidence, 4), datatype=XSD.decimal)))
        g.add((node, KG.rule, Literal(a.rule)))
        g.add((node, KG.evidenceText, _lit(a.evidence.sentence)))
        g.add((node, KG.sentenceStart, Literal(a.evidence.sentence_start)))
        _add_role(g, node, "subject", a.subject)
        _add_role(g, node, "object", a.object)
        if a.detail:
            g.add((node, KG.detail, _lit(a.detail)))
        if a.attributed_to is not None:
            g.add((node, KG.attributedTo, entity_iri(a.attributed_to.id)))
            _add_role(g, node, "speaker", a.attributed_to)
        g.add((node, PROV.wasDerivedFrom, article_iri(a.evidence.article)))
    for name in sorted(used_open):
        p = relation_iri(name)
        g.add((p, RDF.type, OWL.ObjectProperty))
        g.add((p, RDF.type, KG.OpenRelation))
        g.add((p, RDFS.subPropertyOf, KG.relation))
        g.add((p, RDFS.label, _lit(name.split(":", 1)[1])))
    return g


def _add_entity(g: Graph, e: Entity) -> None:
    node = entity_iri(e.id)
    for cls in _TYPE_CLASSES[e.type]:
        g.add((node, RDF.type, cls))
    g.add((node, RDFS.label, _lit(e.name)))
    g.add((node, KG.entityId, _lit(e.id)))
    for alias in e.aliases:
        g.add((node, SKOS.altLabel, _lit(alias)))
    if e.qid:
        g.add((node, OWL.sameAs, WD[e.qid]))


def write_graph(graph: KnowledgeGraph, path: str | Path, *, fmt: str = "turtle") -> Path:
    """Serialize ``graph`` to ``path`` atomically.

    Raises:
        ExportError: The format is unknown or the file cannot be written.
    """
    from kg.io.atomic import atomic_write

    if fmt not in FORMATS:
        msg = f"unknown RDF format {fmt!r}; expected one of: {', '.join(FORMATS)}"
        raise ExportError(msg)
    data = to_rdflib(graph).serialize(format=fmt, encoding="utf-8")
    target = Path(path)
    atomic_write(target, data)
    return target


def _int(g: Graph, node: URIRef, prop: URIRef, default: int = 0) -> int:
    value = g.value(node, prop)
    return int(str(value)) if value is not None else default


def _subjects(g: Graph, prop: URIRef, obj: URIRef | None = None) -> list[URIRef]:
    """Return the IRI subjects having ``prop`` (with value ``obj`` if given), sorted."""
    return sorted({s for s in g.subjects(prop, obj) if isinstance(s, URIRef)})


def _str(g: Graph, node: URIRef, prop: URIRef, default: str = "") -> str:
    value = g.value(node, prop)
    return str(value) if value is not None else default


def _local(iri: URIRef, ns: Namespace) -> str:
    return unquote(str(iri)[len(str(ns)) :])


def from_rdflib(g: Graph) -> KnowledgeGraph:
    """Rebuild a :class:`~kg.graph.KnowledgeGraph` from RDF written by :func:`to_rdflib`."""
    from kg.graph import KnowledgeGraph

    entities: dict[str, Entity] = {}
    for node in _subjects(g, KG.entityId):
        eid = _str(g, node, KG.entityId)
        classes = set(g.objects(node, RDF.type))
        etype: EntityType = "Organization"
        for cls, name in _CLASS_TYPES.items():
            if cls in classes:
                etype = name
                break
        same = g.value(node, OWL.sameAs)
        qid = str(same).rsplit("/", 1)[-1] if same is not None else None
        aliases = tuple(sorted(str(x) for x in g.objects(node, SKOS.altLabel)))
        entities[eid] = Entity(eid, _str(g, node, RDFS.label, eid), etype, aliases, qid)
    articles: dict[str, Article] = {}
    for node in _subjects(g, RDF.type, SCHEMA.NewsArticle):
        aid = _str(g, node, SCHEMA.identifier, _local(node, ARTICLE))
        date = g.value(node, SCHEMA.datePublished)
        articles[aid] = Article(
            id=aid,
            text="",
            title=_str(g, node, SCHEMA.headline),
            date=str(date) if date is not None else None,
            source=_str(g, node, SCHEMA.publisher),
            url=_str(g, node, SCHEMA.url),
        )
    by_iri = {entity_iri(e.id): e for e in entities.values()}
    assertions: list[Assertion] = []
    for node in _subjects(g, RDF.type, KG.Assertion):
        pred = g.value(node, RDF.predicate)
        s_node, o_node = g.value(node, RDF.subject), g.value(node, RDF.object)
        s = by_iri.get(s_node) if isinstance(s_node, URIRef) else None
        o = by_iri.get(o_node) if isinstance(o_node, URIRef) else None
        if pred is None or s is None or o is None:
            msg = f"statement {node} lacks a subject, predicate or object entity"
            raise InputError(msg)
        local = str(pred)[len(str(KG)) :]
        relation = local if local in RELATIONS else "open:" + unquote(local.removeprefix("open-"))
        art = g.value(node, PROV.wasDerivedFrom)
        aid = _local(art, ARTICLE) if isinstance(art, URIRef) else ""
        article = articles.get(aid)
        speaker_node = g.value(node, KG.attributedTo)
        speaker = by_iri.get(speaker_node) if isinstance(speaker_node, URIRef) else None
        modality_text = _str(g, node, KG.modality, "asserted")
        modality: Modality = "asserted"
        for m in ("asserted", "reported", "intended", "hypothetical"):
            if m == modality_text:
                modality = m
        assertions.append(
            Assertion(
                subject=_role(g, node, "subject", s),
                relation=relation,
                object=_role(g, node, "object", o),
                evidence=Evidence(
                    aid,
                    _str(g, node, KG.evidenceText),
                    _int(g, node, KG.sentenceStart),
                    article.date if article else None,
                ),
                negated=_str(g, node, KG.negated, "false") == "true",
                modality=modality,
                attributed_to=_role(g, node, "speaker", speaker) if speaker else None,
                confidence=float(_str(g, node, KG.confidence, "0.5")),
                rule=_str(g, node, KG.rule),
                detail=_str(g, node, KG.detail),
            )
        )
    assertions.sort(key=Assertion.key)
    forms: dict[str, Counter[str]] = {}
    return KnowledgeGraph(entities, assertions, articles, forms, [])


def _role(g: Graph, node: URIRef, prefix: str, e: Entity) -> Role:
    return Role(
        e.id,
        e.name,
        e.type,
        e.qid,
        _str(g, node, KG[prefix + "Text"]),
        _int(g, node, KG[prefix + "Start"]),
        _int(g, node, KG[prefix + "End"]),
    )


def read_graph(path: str | Path) -> KnowledgeGraph:
    """Load a graph file written by kg (Turtle, TriG, N-Triples, JSON-LD).

    Raises:
        InputError: The file is missing or is not RDF kg can read.
    """
    p = Path(path)
    if not p.is_file():
        msg = f"no such graph file: {str(p)!r}"
        raise InputError(msg, path=str(p))
    fmt = {".ttl": "turtle", ".trig": "trig", ".nt": "nt", ".jsonld": "json-ld"}.get(
        p.suffix.lower(), "turtle"
    )
    g = Graph()
    try:
        g.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many unrelated types for bad syntax
        msg = f"cannot parse as {fmt}: {exc}"
        raise InputError(msg, path=str(p)) from exc
    return from_rdflib(g)


def graph_stats(g: Graph) -> dict[str, Any]:
    """Return triple counts of an RDF graph, for ``kg stats``."""
    return {"triples": len(g)}
