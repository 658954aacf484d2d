"""The graph as RDF: ontology, entities, direct claims and statement nodes.

Modelled the Wikidata way. Direct triples (``kge:north-korea kg:threatens
kge:japan``) are written only for facts: assertions that are asserted or
reported and not negated. Every assertion, facts and non-facts alike, also gets
a statement node (a ``kg:Assertion``, subclass of ``rdf:Statement``, with
``rdf:subject/predicate/object``) that carries ``kg:negated``, ``kg:modality``,
``kg:confidence``, ``kg:rule``, the evidence sentence and character offsets, and
``prov:wasDerivedFrom`` the article, a ``schema:NewsArticle`` with headline,
date and address. Entities are typed with schema.org classes and linked to
Wikidata with ``owl:sameAs``. The ontology (relations, their categories as
super-properties, labels, PLOVER mappings, the statement properties) is written
into the same graph and can be written on its own (:func:`write_ontology`).

Every triple belongs to a graph: the ontology, entities and article metadata
to the default graph, each article's statement nodes and direct claims to a
named graph called by the article's IRI. TriG keeps those graphs; Turtle,
N-Triples and JSON-LD hold their union.

All IRIs are built from percent-encoded slugs, so they are valid whatever the
names hold; no blank nodes are used; every serialization is byte-identical for
the same graph (sorted subjects, sorted graphs, sorted N-Triples lines, sorted
JSON-LD nodes).

Example:
    >>> from kg.graph import KnowledgeGraph
    >>> len(serialize(KnowledgeGraph(), "nt").splitlines()) > 100  # the ontology alone
    True
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast
from urllib.parse import quote, unquote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, PROV, SKOS
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.errors import ExportError, InputError
from kg.ontology import CATEGORIES, CATEGORY_COMMENTS, RELATIONS, is_open
from kg.types import MODALITIES, Article, Assertion, Entity, EntityType, Evidence, Modality, Role

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph

__all__ = [
    "ARTICLE",
    "ENTITY",
    "FORMATS",
    "KG",
    "ONTOLOGY_IRI",
    "PREFIXES",
    "SCHEMA",
    "STATEMENT",
    "RdfFormat",
    "article_iri",
    "check_format",
    "entity_iri",
    "block_key",
    "format_for_path",
    "graph_chunks",
    "memory_chunks",
    "merged_blocks",
    "from_rdflib",
    "graph_from_triples",
    "stored_graph_from_triples",
    "iter_quads",
    "ontology_graph",
    "read_graph",
    "named_graphs",
    "relation_iri",
    "serialize",
    "statement_id",
    "oxigraph_format",
    "parse_file",
    "to_rdflib",
    "trig_chunks",
    "turtle_iri",
    "union_chunks",
    "write_graph",
    "write_ontology",
]

BASE = "https://w3id.org/kg-news/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
KG = Namespace(BASE + "ontology#")
ENTITY = Namespace(BASE + "entity/")
ARTICLE = Namespace(BASE + "article/")
STATEMENT = Namespace(BASE + "statement/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
PLOVER = Namespace("https://github.com/openeventdata/PLOVER#")

#: Prefixes bound in every output and predeclared in every SPARQL query.
PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "kge": str(ENTITY),
    "kga": str(ARTICLE),
    "kgs": str(STATEMENT),
    "schema": str(SCHEMA),
    "wd": str(WD),
    "prov": str(PROV),
    "skos": str(SKOS),
    "owl": str(OWL),
    "plover": str(PLOVER),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

Term = URIRef | Literal
Triple = tuple[URIRef, URIRef, Term]
Quad = tuple[URIRef, URIRef, Term, URIRef | None]

_TYPE_CLASSES: dict[str, tuple[URIRef, ...]] = {
    "Country": (SCHEMA.Country,),
    "Person": (SCHEMA.Person,),
    "Organization": (SCHEMA.Organization,),
    "Group": (SCHEMA.Organization, KG.Group),
    "Place": (SCHEMA.Place,),
}
# Most specific first: a kg:Group is also a schema:Organization.
_CLASS_TYPES: dict[str, EntityType] = {
    str(SCHEMA.Country): "Country",
    str(SCHEMA.Person): "Person",
    str(KG.Group): "Group",
    str(SCHEMA.Organization): "Organization",
    str(SCHEMA.Place): "Place",
}

# The literal-valued properties of a statement node: (local name, datatype, comment).
_STATEMENT_PROPERTIES: tuple[tuple[str, URIRef, str], ...] = (
    ("negated", XSD.boolean, "The sentence denies the relation."),
    ("modality", XSD.string, "asserted, reported, intended or hypothetical."),
    ("confidence", XSD.decimal, "How sure the extractor is, between 0 and 1."),
    ("rule", XSD.string, "The name of the pattern that produced the assertion."),
    ("detail", XSD.string, "A qualifier, such as the title held (holdsPosition)."),
    ("evidenceText", XSD.string, "The sentence the assertion was read in."),
    ("sentenceStart", XSD.integer, "Character offset of the sentence in the article."),
    ("sentenceEnd", XSD.integer, "Character offset one past the end of the sentence."),
    ("subjectText", XSD.string, "The words that named the subject."),
    ("subjectStart", XSD.integer, "Character offset of the subject's words in the article."),
    ("subjectEnd", XSD.integer, "Offset one past the subject's words."),
    ("objectText", XSD.string, "The words that named the object."),
    ("objectStart", XSD.integer, "Character offset of the object's words in the article."),
    ("objectEnd", XSD.integer, "Offset one past the object's words."),
    ("speakerText", XSD.string, "The words that named the speaker (kg:attributedTo)."),
    ("speakerStart", XSD.integer, "Character offset of the speaker's words in the article."),
    ("speakerEnd", XSD.integer, "Offset one past the speaker's words."),
)


@dataclass(frozen=True, slots=True)
class RdfFormat:
    """An RDF serialization kg writes and reads.

    Attributes:
        name: The name used by ``--format`` and rdflib (``turtle``, ``trig``, ``nt``, ``json-ld``).
        suffix: The file suffix, with its dot.
        media_type: The HTTP content type.
        quads: Whether it keeps named graphs.
    """

    name: str
    suffix: str
    media_type: str
    quads: bool = False


FORMATS: dict[str, RdfFormat] = {
    "turtle": RdfFormat("turtle", ".ttl", "text/turtle"),
    "trig": RdfFormat("trig", ".trig", "application/trig", quads=True),
    "nt": RdfFormat("nt", ".nt", "application/n-triples"),
    "json-ld": RdfFormat("json-ld", ".jsonld", "application/ld+json"),
}
_FORMAT_ALIASES = {"ttl": "turtle", "n-triples": "nt", "ntriples": "nt", "jsonld": "json-ld"}
_SUFFIXES = {f.suffix: f for f in FORMATS.values()} | {".json": FORMATS["json-ld"]}


def check_format(name: str) -> RdfFormat:
    """Return the format called ``name`` (``turtle``, ``trig``, ``nt``, ``json-ld``).

    Raises:
        ExportError: No such format; the message lists the valid names.

    Example:
        >>> check_format("ttl").suffix
        '.ttl'
    """
    key = _FORMAT_ALIASES.get(name.lower(), name.lower())
    if key not in FORMATS:
        msg = f"unknown RDF format {name!r}; expected one of: {', '.join(FORMATS)}"
        raise ExportError(msg)
    return FORMATS[key]


def format_for_path(path: str | Path) -> RdfFormat:
    """Return the format of a graph file from its suffix (Turtle when it is unknown).

    Example:
        >>> format_for_path("out/graph.trig").name
        'trig'
    """
    return _SUFFIXES.get(Path(path).suffix.lower(), FORMATS["turtle"])


def _iri_part(text: str) -> str:
    return quote(text, safe="-._~")


def entity_iri(entity_id: str) -> URIRef:
    """Return the IRI of an entity id."""
    return ENTITY[_iri_part(entity_id)]


def article_iri(article_id: str) -> URIRef:
    """Return the IRI of an article id; it also names the article's graph in TriG."""
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


def ontology_triples() -> Iterator[Triple]:
    """Yield the ontology: classes, the five categories, every relation, statement properties."""
    en = "en"
    yield ONTOLOGY_IRI, RDF.type, OWL.Ontology
    yield ONTOLOGY_IRI, RDFS.label, Literal("kg: political actors and relations in news", lang=en)
    yield (
        ONTOLOGY_IRI,
        RDFS.comment,
        Literal(
            "Relations between political actors read from news articles, in five categories, "
            "with statement nodes that keep each assertion's evidence and provenance.",
            lang=en,
        ),
    )
    yield KG.Assertion, RDF.type, OWL.Class
    yield KG.Assertion, RDFS.subClassOf, RDF.Statement
    yield KG.Assertion, RDFS.subClassOf, PROV.Entity
    yield KG.Assertion, RDFS.label, Literal("assertion", lang=en)
    yield (
        KG.Assertion,
        RDFS.comment,
        Literal("One statement found in one sentence of one article.", lang=en),
    )
    yield KG.Group, RDF.type, OWL.Class
    yield KG.Group, RDFS.subClassOf, SCHEMA.Organization
    yield KG.Group, RDFS.label, Literal("armed or political group", lang=en)
    yield KG.OpenRelation, RDF.type, OWL.Class
    yield KG.OpenRelation, RDFS.label, Literal("open relation", lang=en)
    yield (
        KG.OpenRelation,
        RDFS.comment,
        Literal(
            "A relation named by a verb the lexicon does not know; it has no category.", lang=en
        ),
    )
    yield KG.relation, RDF.type, OWL.ObjectProperty
    yield KG.relation, RDFS.label, Literal("relation", lang=en)
    yield KG.relation, RDFS.comment, Literal("Any relation between two actors.", lang=en)
    for category in CATEGORIES:
        c = KG[category]
        yield c, RDF.type, OWL.ObjectProperty
        yield c, RDFS.subPropertyOf, KG.relation
        yield c, RDFS.label, Literal(category, lang=en)
        yield c, RDFS.comment, Literal(CATEGORY_COMMENTS[category], lang=en)
    for rel in RELATIONS.values():
        p = KG[rel.name]
        yield p, RDF.type, OWL.ObjectProperty
        if rel.symmetric:
            yield p, RDF.type, OWL.SymmetricProperty
        yield p, RDFS.subPropertyOf, KG[rel.category]
        yield p, RDFS.label, Literal(rel.label, lang=en)
        yield p, RDFS.comment, Literal(rel.comment, lang=en)
        yield p, KG.weight, Literal(rel.weight)
        if rel.plover:
            yield p, SKOS.closeMatch, PLOVER[rel.plover]
        if rel.cameo:
            yield p, KG.cameoRoot, Literal(rel.cameo)
    for name, datatype, comment in _STATEMENT_PROPERTIES:
        p = KG[name]
        yield p, RDF.type, OWL.DatatypeProperty
        yield p, RDFS.domain, KG.Assertion
        yield p, RDFS.range, datatype
        yield p, RDFS.comment, Literal(comment, lang=en)
    yield KG.attributedTo, RDF.type, OWL.ObjectProperty
    yield KG.attributedTo, RDFS.domain, KG.Assertion
    yield KG.attributedTo, RDFS.comment, Literal("Who the statement is attributed to.", lang=en)
    yield KG.entityId, RDF.type, OWL.DatatypeProperty
    yield KG.entityId, RDFS.comment, Literal("kg's stable id of an actor.", lang=en)
    for name, comment in (
        ("weight", "Cooperation (+10) to conflict (-10) weight, after the Goldstein scale."),
        ("cameoRoot", "The CAMEO root code the relation is closest to."),
    ):
        yield KG[name], RDF.type, OWL.AnnotationProperty
        yield KG[name], RDFS.comment, Literal(comment, lang=en)


def entity_triples(e: Entity) -> Iterator[Triple]:
    """Yield the triples that describe an entity: types, labels, aliases, Wikidata link."""
    node = entity_iri(e.id)
    for cls in _TYPE_CLASSES[e.type]:
        yield node, RDF.type, cls
    yield node, RDFS.label, _lit(e.name)
    yield node, SCHEMA.name, _lit(e.name)
    yield node, KG.entityId, _lit(e.id)
    for alias in e.aliases:
        yield node, SKOS.altLabel, _lit(alias)
    if e.qid:
        yield node, OWL.sameAs, WD[e.qid]


def article_triples(art: Article) -> Iterator[Triple]:
    """Yield the ``schema:NewsArticle`` description of an article."""
    node = article_iri(art.id)
    yield node, RDF.type, SCHEMA.NewsArticle
    yield node, SCHEMA.identifier, _lit(art.id)
    if art.title:
        yield node, SCHEMA.headline, _lit(art.title)
    if art.date:
        yield node, SCHEMA.datePublished, Literal(art.date, datatype=XSD.date)
    if art.url:
        yield node, SCHEMA.url, _lit(art.url)
    if art.source:
        yield node, SCHEMA.publisher, _lit(art.source)


def _role_triples(node: URIRef, prefix: str, role: Role) -> Iterator[Triple]:
    yield node, KG[prefix + "Text"], _lit(role.text)
    yield node, KG[prefix + "Start"], Literal(role.start)
    yield node, KG[prefix + "End"], Literal(role.end)


def assertion_triples(a: Assertion) -> Iterator[Triple]:
    """Yield an assertion's direct claim (facts only, both ways if symmetric) and statement node."""
    yield from claim_triples(a)
    yield from statement_triples(a)


def claim_triples(a: Assertion) -> Iterator[Triple]:
    """Yield an assertion's direct claim: none for a non-fact, both ways if symmetric."""
    if a.is_fact:
        pred = relation_iri(a.relation)
        subj, obj = entity_iri(a.subject.id), entity_iri(a.object.id)
        yield subj, pred, obj
        if a.relation in RELATIONS and RELATIONS[a.relation].symmetric:
            yield obj, pred, subj


def statement_triples(a: Assertion) -> Iterator[Triple]:
    """Yield an assertion's statement node (canonical names do not appear in it)."""
    pred = relation_iri(a.relation)
    subj, obj = entity_iri(a.subject.id), entity_iri(a.object.id)
    node = STATEMENT[statement_id(a)]
    yield node, RDF.type, KG.Assertion
    yield node, RDF.subject, subj
    yield node, RDF.predicate, pred
    yield node, RDF.object, obj
    yield node, KG.negated, Literal(a.negated)
    yield node, KG.modality, Literal(a.modality)
    yield node, KG.confidence, Literal(round(a.confidence, 4), datatype=XSD.decimal)
    yield node, KG.rule, Literal(a.rule)
    yield node, KG.evidenceText, _lit(a.evidence.sentence)
    yield node, KG.sentenceStart, Literal(a.evidence.sentence_start)
    yield node, KG.sentenceEnd, Literal(a.evidence.sentence_start + len(a.evidence.sentence))
    yield from _role_triples(node, "subject", a.subject)
    yield from _role_triples(node, "object", a.object)
    if a.detail:
        yield node, KG.detail, _lit(a.detail)
    if a.attributed_to is not None:
        yield node, KG.attributedTo, entity_iri(a.attributed_to.id)
        yield from _role_triples(node, "speaker", a.attributed_to)
    yield node, PROV.wasDerivedFrom, article_iri(a.evidence.article)


def statement_turtle(a: Assertion, memo: dict[Any, str]) -> tuple[str, list[tuple[str, str]]]:
    """Return the statement node of ``a`` as Turtle text: its subject and (predicate, object) pairs.

    The same text as :func:`turtle_pairs` of :func:`statement_triples`, made without
    rdflib terms, which cost most of a build's merge otherwise.

    Args:
        a: The assertion.
        memo: Text of the IRIs and literals that repeat (relations, entities, confidences,
            rules); keep one per build: it grows with them, not with articles.
    """
    t = _statement_terms()

    def term(kind: str, value: Any, make: Any) -> str:
        key = (kind, value)
        text = memo.get(key)
        if text is None:
            text = memo[key] = make(value)
        return text

    def entity(eid: str) -> str:
        return term("e", eid, lambda v: _turtle_iri(str(entity_iri(v)), {}))

    def roles(prefix: str, role: Role) -> list[tuple[str, str]]:
        return [
            (t[prefix + "Text"], _plain(role.text, replace=True)),
            (t[prefix + "Start"], str(role.start)),
            (t[prefix + "End"], str(role.end)),
        ]

    def decimal(value: float) -> str:
        return _turtle_term(Literal(round(value, 4), datatype=XSD.decimal), {})

    ev = a.evidence
    pairs = [
        ("a", t["Assertion"]),
        (t["subject"], entity(a.subject.id)),
        (t["predicate"], term("r", a.relation, lambda v: _turtle_iri(str(relation_iri(v)), {}))),
        (t["object"], entity(a.object.id)),
        (t["negated"], "true" if a.negated else "false"),
        (t["modality"], term("m", a.modality, _plain)),
        (t["confidence"], term("c", a.confidence, decimal)),
        (t["rule"], term("rule", a.rule, _plain)),
        (t["evidenceText"], _plain(ev.sentence, replace=True)),
        (t["sentenceStart"], str(ev.sentence_start)),
        (t["sentenceEnd"], str(ev.sentence_start + len(ev.sentence))),
        *roles("subject", a.subject),
        *roles("object", a.object),
    ]
    if a.detail:
        pairs.append((t["detail"], _plain(a.detail, replace=True)))
    if a.attributed_to is not None:
        pairs.append((t["attributedTo"], entity(a.attributed_to.id)))
        pairs.extend(roles("speaker", a.attributed_to))
    pairs.append((t["wasDerivedFrom"], _turtle_iri(str(article_iri(ev.article)), {})))
    return _turtle_iri(str(STATEMENT[statement_id(a)]), {}), pairs


@cache
def _statement_terms() -> dict[str, str]:
    """Return the Turtle text of the class and predicates of statement nodes, by local name."""
    nodes = {
        "subject": RDF.subject,
        "predicate": RDF.predicate,
        "object": RDF.object,
        "wasDerivedFrom": PROV.wasDerivedFrom,
        "Assertion": KG.Assertion,
        "attributedTo": KG.attributedTo,
        **{name: KG[name] for name, _, _ in _STATEMENT_PROPERTIES},
    }
    return {name: _turtle_iri(str(node), {}) for name, node in nodes.items()}


def _plain(text: str, *, replace: bool = False) -> str:
    """Return a plain string literal in Turtle (``replace``: lone surrogates as :func:`_lit`)."""
    if replace:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return '"' + _NEEDS_ESCAPE.sub(_escape_char, text) + '"'


def open_relation_triples(name: str) -> Iterator[Triple]:
    """Yield the declaration of an open relation (``open:deploy``): no category."""
    p = relation_iri(name)
    yield p, RDF.type, OWL.ObjectProperty
    yield p, RDF.type, KG.OpenRelation
    yield p, RDFS.subPropertyOf, KG.relation
    yield p, RDFS.label, _lit(name.split(":", 1)[1])


def iter_quads(graph: KnowledgeGraph, *, include_ontology: bool = True) -> Iterator[Quad]:
    """Yield every triple of ``graph`` with the graph it belongs to.

    The ontology, entities, article metadata and open-relation declarations belong
    to the default graph (``None``); an article's statement nodes and direct claims
    to the graph named by the article's IRI.
    """
    if include_ontology:
        for s, p, o in ontology_triples():
            yield s, p, o, None
    for e in graph.entity_map.values():
        for s, p, o in entity_triples(e):
            yield s, p, o, None
    for art in graph.articles.values():
        for s, p, o in article_triples(art):
            yield s, p, o, None
    used_open: set[str] = set()
    for a in graph.assertions:
        if is_open(a.relation):
            used_open.add(a.relation)
        context = article_iri(a.evidence.article)
        for s, p, o in assertion_triples(a):
            yield s, p, o, context
    for name in sorted(used_open):
        for s, p, o in open_relation_triples(name):
            yield s, p, o, None


def _bind(g: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, override=True, replace=True)


def ontology_graph() -> Graph:
    """Return the ontology alone as an ``rdflib.Graph``."""
    g = Graph()
    _bind(g)
    for triple in ontology_triples():
        g.add(triple)
    return g


def to_rdflib(graph: KnowledgeGraph, *, include_ontology: bool = True) -> Graph:
    """Return ``graph`` as an ``rdflib.Graph``: the union of all its graphs."""
    g = Graph()
    _bind(g)
    for s, p, o, _ in iter_quads(graph, include_ontology=include_ontology):
        g.add((s, p, o))
    return g


def named_graphs(graph: KnowledgeGraph) -> tuple[Graph, list[Graph]]:
    """Return the default graph and one named graph per article (sorted by IRI).

    Plain ``rdflib.Graph`` objects: the graph name is each one's ``identifier``.
    """
    default = Graph(identifier=URIRef(BASE + "graph/default"))
    _bind(default)
    named: dict[URIRef, Graph] = {}
    for s, p, o, context in iter_quads(graph):
        if context is None:
            default.add((s, p, o))
            continue
        target = named.get(context)
        if target is None:
            target = named[context] = Graph(identifier=context)
            _bind(target)
        target.add((s, p, o))
    return default, [named[k] for k in sorted(named)]


class _TrigWriter(TrigSerializer):
    """rdflib's TriG serializer over plain graphs: the default graph first, then the named."""

    def __init__(self, default: Graph, named: list[Graph]) -> None:
        super().__init__(default)
        self.contexts = [default, *named]
        self.default_context = default.identifier


def _jsonld_context() -> dict[str, str]:
    return dict(PREFIXES)


def _canonical_jsonld(g: Graph) -> bytes:
    """Serialize ``g`` as compact JSON-LD with nodes and value lists sorted."""
    data = json.loads(g.serialize(format="json-ld", context=_jsonld_context(), auto_compact=True))
    if "@graph" in data:
        nodes = data["@graph"]
    else:
        nodes = [{k: v for k, v in data.items() if k != "@context"}] if len(data) > 1 else []

    def order(value: Any) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False)

    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=order)
    nodes.sort(key=lambda n: (str(n.get("@id", "")), order(n)))
    doc = {"@context": _jsonld_context(), "@graph": nodes}
    return (json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


# Turtle, written directly ------------------------------------------------------------

_PN_LOCAL = re.compile(r"(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?\Z")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\x00-\x1f\x7f]')
_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))


def _escape_char(match: re.Match[str]) -> str:
    c = match.group()
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


def _turtle_iri(iri: str, cache: dict[str, str]) -> str:
    text = cache.get(iri)
    if text is None:
        text = f"<{iri}>"
        for prefix, ns in _LONGEST_FIRST:
            if iri.startswith(ns) and _PN_LOCAL.match(iri, len(ns)):
                text = f"{prefix}:{iri[len(ns) :]}"
                break
        cache[iri] = text
    return text


def turtle_iri(iri: str) -> str:
    """Return an IRI in kg's Turtle text: a prefixed name where one is valid, else ``<iri>``.

    Example:
        >>> turtle_iri("https://w3id.org/kg-news/entity/japan")
        'kge:japan'
    """
    return _turtle_iri(iri, {})


def _turtle_term(term: Term, cache: dict[str, str]) -> str:
    if isinstance(term, URIRef):
        return _turtle_iri(str(term), cache)
    lexical = _NEEDS_ESCAPE.sub(_escape_char, str(term))
    if term.language:
        return f'"{lexical}"@{term.language}'
    datatype = term.datatype
    if datatype is None or datatype == XSD.string:
        return f'"{lexical}"'
    if datatype == XSD.integer and lexical.lstrip("-").isdigit():
        return lexical
    if datatype == XSD.boolean and lexical in ("true", "false"):
        return lexical
    return f'"{lexical}"^^{_turtle_iri(str(datatype), cache)}'


TurtleBlock = tuple[str, Iterable[tuple[str, str]]]
"""A subject in Turtle text with its (predicate, object) pairs in Turtle text."""


def turtle_pairs(
    triples: Iterable[tuple[URIRef, URIRef, Term]], cache: dict[str, str]
) -> Iterator[tuple[str, str, str]]:
    """Yield ``triples`` as Turtle text: subject, predicate (``a`` for ``rdf:type``), object.

    Args:
        triples: The triples.
        cache: Turtle text of IRIs already seen; filled as IRIs come.
    """
    rdf_type = str(RDF.type)
    for s, p, o in triples:
        pred = "a" if str(p) == rdf_type else _turtle_iri(str(p), cache)
        yield _turtle_iri(str(s), cache), pred, _turtle_term(o, cache)


def turtle_header() -> str:
    """Return the ``@prefix`` lines every Turtle file kg writes starts with."""
    return "".join(f"@prefix {prefix}: <{ns}> .\n" for prefix, ns in sorted(PREFIXES.items()))


def turtle_block(subject: str, preds: Mapping[str, Iterable[str]]) -> str:
    """Return one subject's Turtle block: ``a`` first, then predicates and objects sorted."""
    order = sorted(preds, key=lambda p: (p != "a", p))
    lines = [f"    {p} " + ",\n        ".join(sorted(set(preds[p]))) for p in order]
    return f"\n{subject}\n" + " ;\n".join(lines) + " .\n"


def turtle_bytes(triples: Iterable[tuple[URIRef, URIRef, Term]]) -> bytes:
    """Return ``triples`` as Turtle: grouped by subject, everything sorted.

    Written directly rather than through rdflib's serializer, which is ten times
    slower and holds the whole graph with its indexes: the bytes depend only on the
    set of triples, and subjects with their ``a`` types come first in each block.
    """
    cache: dict[str, str] = {}
    blocks: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for s, p, o in turtle_pairs(triples, cache):
        blocks[s].add((p, o))
    return "".join(union_chunks("turtle", [sorted(blocks.items())])).encode("utf-8")


def serialize(graph: KnowledgeGraph, fmt: str = "turtle") -> bytes:
    """Return ``graph`` serialized as ``fmt`` (``turtle``, ``trig``, ``nt``, ``json-ld``).

    The bytes depend only on the graph's content, never on the order things were
    found or on the process (hash seeds).

    Raises:
        ExportError: The format is unknown.
    """
    return "".join(graph_chunks(graph, fmt)).encode("utf-8")


def graph_chunks(graph: KnowledgeGraph, fmt: str = "turtle") -> Iterator[str]:
    """Yield ``graph`` as ``fmt`` in pieces of text, without rdflib.

    A graph from the streaming merge streams from its build database (memory holds
    the entities, not the statements); any other graph is grouped in memory first
    (:func:`memory_chunks`). The text is that of :func:`_serialize_with_rdflib` for
    Turtle, N-Triples and JSON-LD, byte for byte; TriG is kg's own (the same graphs,
    sorted like Turtle), where rdflib's serializer orders and groups its own way.

    Raises:
        ExportError: The format is unknown.
    """
    from kg.builddb import streaming_chunks

    name = check_format(fmt).name
    chunks = streaming_chunks(graph, name)
    return chunks if chunks is not None else memory_chunks(graph, name)


def _serialize_with_rdflib(graph: KnowledgeGraph, fmt: str = "turtle") -> bytes:
    """Return ``graph`` as ``fmt`` through rdflib's serializers, in memory (the reference).

    Raises:
        ExportError: The format is unknown.
    """
    f = check_format(fmt)
    if f.name == "trig":
        buffer = io.BytesIO()
        _TrigWriter(*named_graphs(graph)).serialize(buffer, encoding="utf-8")
        return buffer.getvalue()
    if f.name == "turtle":
        return turtle_bytes((s, p, o) for s, p, o, _ in iter_quads(graph))
    g = to_rdflib(graph)
    if f.name == "nt":
        lines = g.serialize(format="nt", encoding="utf-8").splitlines()
        return b"".join(line + b"\n" for line in sorted(set(lines)) if line.strip())
    return _canonical_jsonld(g)  # json-ld


def write_graph(graph: KnowledgeGraph, path: str | Path, *, fmt: str | None = None) -> Path:
    """Serialize ``graph`` to ``path`` atomically, in ``fmt`` or the format of the suffix.

    Raises:
        ExportError: The format is unknown or the file cannot be written.
    """
    from kg.io.atomic import atomic_open

    target = Path(path)
    name = check_format(fmt).name if fmt else format_for_path(target).name
    with atomic_open(target, binary=True) as out:
        fh = cast("IO[bytes]", out)
        for chunk in graph_chunks(graph, name):
            fh.write(chunk.encode("utf-8"))
    return target


def write_ontology(path: str | Path) -> Path:
    """Write the ontology alone as Turtle to ``path`` atomically."""
    from kg.io.atomic import atomic_write

    target = Path(path)
    atomic_write(target, turtle_bytes(ontology_triples()))
    return target


# Reading back -------------------------------------------------------------------------

_RDF_TYPE = str(RDF.type)
_P = {
    name: str(iri)
    for name, iri in {
        "entityId": KG.entityId,
        "label": RDFS.label,
        "altLabel": SKOS.altLabel,
        "sameAs": OWL.sameAs,
        "identifier": SCHEMA.identifier,
        "headline": SCHEMA.headline,
        "datePublished": SCHEMA.datePublished,
        "url": SCHEMA.url,
        "publisher": SCHEMA.publisher,
        "subject": RDF.subject,
        "predicate": RDF.predicate,
        "object": RDF.object,
        "derived": PROV.wasDerivedFrom,
        "attributedTo": KG.attributedTo,
        **{name: KG[name] for name, _, _ in _STATEMENT_PROPERTIES},
    }.items()
}
_NEWS_ARTICLE = str(SCHEMA.NewsArticle)
_ASSERTION = str(KG.Assertion)


Props = Mapping[str, list[str]]


def _one(props: Props, key: str, default: str = "") -> str:
    values = props.get(_P[key])
    return min(values) if values else default


def _entity_of(props: Props) -> Entity | None:
    """The entity an entity node describes, else ``None``."""
    if _P["entityId"] not in props:
        return None
    types = props.get(_RDF_TYPE, ())
    etype: EntityType = "Organization"
    for cls, name in _CLASS_TYPES.items():
        if cls in types:
            etype = name
            break
    same = _one(props, "sameAs")
    aliases = tuple(sorted(set(props.get(_P["altLabel"], ()))))
    eid = _one(props, "entityId")
    return Entity(eid, _one(props, "label", eid), etype, aliases, same.rsplit("/")[-1] or None)


def _article_of(node: str, props: Props) -> Article | None:
    """The article a ``schema:NewsArticle`` node describes, else ``None``."""
    if _NEWS_ARTICLE not in props.get(_RDF_TYPE, ()):
        return None
    aid = _one(props, "identifier") or unquote(node.removeprefix(str(ARTICLE)))
    return Article(
        id=aid,
        text="",
        title=_one(props, "headline"),
        date=_one(props, "datePublished") or None,
        source=_one(props, "publisher"),
        url=_one(props, "url"),
    )


def _is_statement(props: Props) -> bool:
    return _ASSERTION in props.get(_RDF_TYPE, ())


def _assertion_of(
    node: str, fields: Props, by_iri: Mapping[str, Entity], article_id: str, date: str | None
) -> Assertion:
    """The assertion a statement node describes, read in ``article_id`` dated ``date``.

    Raises:
        InputError: The node lacks its subject, predicate or object entity.
    """
    pred = _one(fields, "predicate")
    subject = by_iri.get(_one(fields, "subject"))
    obj = by_iri.get(_one(fields, "object"))
    if not pred or subject is None or obj is None:
        msg = f"statement {node} lacks a subject, predicate or object entity"
        raise InputError(msg)
    local = pred.removeprefix(str(KG))
    relation = local if local in RELATIONS else "open:" + unquote(local.removeprefix("open-"))
    speaker = by_iri.get(_one(fields, "attributedTo"))
    modality_text = _one(fields, "modality", "asserted")
    modality: Modality = "asserted"
    for m in MODALITIES:
        if m == modality_text:
            modality = m
    return Assertion(
        subject=_role(fields, "subject", subject),
        relation=relation,
        object=_role(fields, "object", obj),
        evidence=Evidence(
            article_id,
            _one(fields, "evidenceText"),
            int(_one(fields, "sentenceStart", "0")),
            date,
        ),
        negated=_one(fields, "negated", "false") in ("true", "1"),
        modality=modality,
        attributed_to=_role(fields, "speaker", speaker) if speaker else None,
        confidence=float(_one(fields, "confidence", "0.5")),
        rule=_one(fields, "rule"),
        detail=_one(fields, "detail"),
    )


def _derived_article(fields: Props, article_ids: Mapping[str, str]) -> str:
    art = _one(fields, "derived")
    return article_ids.get(art, unquote(art.removeprefix(str(ARTICLE))))


def graph_from_triples(triples: Iterable[tuple[str, str, str]]) -> KnowledgeGraph:
    """Rebuild a :class:`~kg.graph.KnowledgeGraph` from the triples :func:`iter_quads` wrote.

    Everything is held in memory (see :func:`stored_graph_from_triples` for large graphs).

    Args:
        triples: ``(subject, predicate, object)`` as plain strings: IRIs and the
            lexical forms of literals (the predicate tells which is which).

    Raises:
        InputError: A statement node lacks its subject, predicate or object entity.
    """
    from kg.graph import KnowledgeGraph

    index: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for subj, pred_iri, value in triples:
        index[subj][pred_iri].append(value)

    entities: dict[str, Entity] = {}
    articles: dict[str, Article] = {}
    statements: list[tuple[str, Props]] = []
    by_iri: dict[str, Entity] = {}
    for node, props in index.items():
        entity = _entity_of(props)
        if entity is not None:
            entities[entity.id] = entity
            by_iri[node] = entity
        article = _article_of(node, props)
        if article is not None:
            articles[article.id] = article
        if _is_statement(props):
            statements.append((node, props))
    article_ids = {str(article_iri(aid)): aid for aid in articles}
    assertions: list[Assertion] = []
    for node, fields in statements:
        aid = _derived_article(fields, article_ids)
        found = articles.get(aid)
        assertions.append(_assertion_of(node, fields, by_iri, aid, found.date if found else None))
    assertions.sort(key=Assertion.key)
    return KnowledgeGraph(
        entity_map=dict(sorted(entities.items())),
        assertions=assertions,
        articles=dict(sorted(articles.items())),
    )


def stored_graph_from_triples(
    triples: Iterable[tuple[str, str, str]], *, workdir: str | Path | None = None
) -> KnowledgeGraph:
    """Rebuild the graph of :func:`graph_from_triples` with its evidence on disk.

    Memory holds the entities (and the ontology's few nodes); articles and statement
    nodes go to a build database (:mod:`kg.builddb`) as they are parsed, and the graph's
    ``assertions`` and ``articles`` are lazy views of it, as for a graph just built.
    Triples need not be grouped by subject.

    Args:
        triples: ``(subject, predicate, object)`` as plain strings.
        workdir: Where the build database's temporary folder goes.

    Raises:
        InputError: A statement node lacks its subject, predicate or object entity.
    """
    import itertools
    import pickle

    from kg.builddb import BuildDB, StoredArticles, StoredAssertions, encode_assertions
    from kg.graph import KnowledgeGraph
    from kg.ontology import category_of

    db = BuildDB(workdir)
    conn = db.conn
    conn.execute("CREATE TEMP TABLE nodes (subject TEXT NOT NULL, pairs BLOB NOT NULL)")
    conn.execute("CREATE TEMP TABLE loaded (article BLOB NOT NULL, row BLOB NOT NULL)")
    on_disk = (str(ARTICLE), str(STATEMENT))
    index: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def staged() -> Iterator[tuple[str, bytes]]:
        for subject, group in itertools.groupby(triples, key=lambda t: t[0]):
            if subject.startswith(on_disk):
                yield subject, pickle.dumps([(p, o) for _, p, o in group], protocol=5)
            else:
                for _, p, o in group:
                    index[subject][p].append(o)

    conn.executemany("INSERT INTO nodes VALUES (?, ?)", staged())
    by_iri: dict[str, Entity] = {}
    for node, props in index.items():
        entity = _entity_of(props)
        if entity is not None:
            by_iri[node] = entity
    entities = {e.id: e for e in sorted(by_iri.values(), key=lambda e: e.id)}
    index.clear()
    # Articles sort before statements (…/article/ < …/statement/): their ids are known
    # when the statements come. Only ids that their IRI does not spell are kept.
    article_ids: dict[str, str] = {}

    def rows() -> Iterator[tuple[bytes, bytes]]:
        nodes = conn.execute("SELECT subject, pairs FROM nodes ORDER BY subject, rowid")
        for node, group in itertools.groupby(nodes, key=lambda row: row[0]):
            props: defaultdict[str, list[str]] = defaultdict(list)
            for _, blob in group:
                for p, o in pickle.loads(blob):
                    props[p].append(o)
            article = _article_of(node, props)
            if article is not None:
                db.put_article(article, {}, ("", []))
                if unquote(node.removeprefix(str(ARTICLE))) != article.id:
                    article_ids[node] = article.id
            if _is_statement(props):
                aid = _derived_article(props, article_ids)
                a = _assertion_of(node, props, by_iri, aid, None)
                yield aid.encode("utf-8", "surrogatepass"), pickle.dumps(a, protocol=5)

    conn.executemany("INSERT INTO loaded VALUES (?, ?)", rows())
    facts = 0
    by_category: defaultdict[str, int] = defaultdict(int)
    articles = StoredArticles(db)
    loaded = conn.execute("SELECT article, row FROM loaded ORDER BY article, rowid")
    for key, group in itertools.groupby(loaded, key=lambda row: row[0]):
        aid = key.decode("utf-8", "surrogatepass")
        found = articles.get(aid)
        date = found.date if found is not None else None
        items = []
        for _, blob in group:
            a: Assertion = pickle.loads(blob)
            if date is not None:
                a = replace(a, evidence=replace(a.evidence, date=date))
            if a.is_fact:
                facts += 1
                by_category[category_of(a.relation) or "open"] += 1
            items.append(a)
        db.add_assertions(aid, encode_assertions(items))
    conn.execute("DROP TABLE nodes")
    conn.execute("DROP TABLE loaded")
    db.finish()
    return KnowledgeGraph(
        entity_map=entities,
        assertions=StoredAssertions(db, entities, facts=facts, by_category=by_category),
        articles=StoredArticles(db),
    )


def _role(props: Mapping[str, list[str]], prefix: str, e: Entity) -> Role:
    def value(key: str, default: str) -> str:
        values = props.get(_P[prefix + key])
        return min(values) if values else default

    return Role(
        e.id,
        e.name,
        e.type,
        e.qid,
        value("Text", ""),
        int(value("Start", "0")),
        int(value("End", "0")),
    )


def from_rdflib(g: Graph) -> KnowledgeGraph:
    """Rebuild a :class:`~kg.graph.KnowledgeGraph` from RDF written by :func:`to_rdflib`."""
    return graph_from_triples((str(s), str(p), str(o)) for s, p, o in g)


_OX_FORMATS = {"turtle": "TURTLE", "trig": "TRIG", "nt": "N_TRIPLES", "json-ld": "JSON_LD"}


def oxigraph_format(fmt: RdfFormat) -> Any:
    """Return the ``pyoxigraph.RdfFormat`` of ``fmt``."""
    import pyoxigraph

    return getattr(pyoxigraph.RdfFormat, _OX_FORMATS[fmt.name])


def parse_file(path: str | Path) -> Iterator[tuple[str, str, str]]:
    """Yield the triples of a graph file (of every graph, for TriG) as plain strings.

    Parsed by pyoxigraph; the format comes from the suffix (Turtle when unknown).

    Raises:
        InputError: The file is missing or does not parse.
    """
    import pyoxigraph

    p = Path(path)
    if not p.is_file():
        msg = f"no such graph file: {str(p)!r}"
        raise InputError(msg, path=str(p))
    fmt = format_for_path(p)
    try:
        for q in pyoxigraph.parse(path=str(p), format=oxigraph_format(fmt)):
            yield q.subject.value, q.predicate.value, q.object.value
    except (SyntaxError, ValueError, OSError) as exc:
        msg = f"cannot parse as {fmt.name}: {exc}"
        raise InputError(msg, path=str(p)) from exc


def read_graph(path: str | Path) -> KnowledgeGraph:
    """Load a graph file written by kg (Turtle, TriG, N-Triples, JSON-LD).

    Raises:
        InputError: The file is missing or is not RDF kg can read.
    """
    return stored_graph_from_triples(parse_file(path))


# N-Triples, JSON-LD and TriG, written directly ---------------------------------------
#
# The same Turtle blocks (a subject and its (predicate, object) pairs, in Turtle text)
# become each format: N-Triples lines as rdflib writes them, JSON-LD nodes as rdflib's
# compaction makes them, TriG graphs of Turtle blocks. The blocks of a graph come sorted
# by the key of the format (:func:`block_key`): a streamed file needs one merge of sorted
# sources, never the whole graph in memory.

_XSD_BOOLEAN = str(XSD.boolean)
_XSD_INTEGER = str(XSD.integer)
_XSD_DOUBLE = str(XSD.double)
_XSD_STRING = str(XSD.string)
_TURTLE_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|(.))", re.DOTALL)
_UNECHAR = {"\\": "\\", '"': '"', "n": "\n", "r": "\r", "t": "\t"}
_NAMESPACE_PREFIX = {ns: prefix for prefix, ns in PREFIXES.items()}
# Terms remembered per file: predicates, classes, entities, short repeated literals; never
# sentences, and never more than this many, whatever the corpus.
_MEMO_LIMIT = 100_000
_MEMO_LONGEST = 80


def _unescape(text: str) -> str:
    """Return the lexical form of a string kg's Turtle writer escaped (:func:`_escape_char`)."""
    if "\\" not in text:
        return text

    def char(m: re.Match[str]) -> str:
        return chr(int(m.group(1), 16)) if m.group(1) else _UNECHAR[m.group(2)]

    return _TURTLE_ESCAPE.sub(char, text)


def _iri_of(text: str) -> str:
    """Return the IRI of a subject, predicate or IRI object in kg's Turtle text."""
    if text == "a":
        return _RDF_TYPE
    if text.startswith("<"):
        return text[1:-1]
    prefix, _, local = text.partition(":")
    return PREFIXES[prefix] + local


def _literal_of(text: str) -> tuple[str, str | None, str | None] | None:
    """Return (lexical form, datatype, language) of a literal in kg's Turtle text, else ``None``."""
    if text.startswith('"'):
        end = text.rindex('"')
        lexical, rest = _unescape(text[1:end]), text[end + 1 :]
        if not rest:
            return lexical, None, None
        if rest.startswith("@"):
            return lexical, None, rest[1:]
        return lexical, _iri_of(rest[2:]), None
    if text in ("true", "false"):
        return text, _XSD_BOOLEAN, None
    if text[0] == "-" or text[0].isdigit():
        return text, _XSD_INTEGER, None
    return None


def _memo(memo: dict[str, Any], text: str, make: Any) -> Any:
    value = memo.get(text)
    if value is None:
        value = make(text)
        if len(text) <= _MEMO_LONGEST and len(memo) < _MEMO_LIMIT:
            memo[text] = value
    return value


def _nt_term(text: str) -> str:
    """Return a term in kg's Turtle text as rdflib's N-Triples serializer writes it."""
    literal = _literal_of(text)
    if literal is None:
        return f"<{_iri_of(text)}>"
    lexical, datatype, language = literal
    quoted = (
        lexical.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
    )
    if language:
        return f'"{quoted}"@{language}'
    if datatype:
        return f'"{quoted}"^^<{datatype}>'
    return f'"{quoted}"'


def _compact(iri: str) -> str:
    """Return an IRI as rdflib's JSON-LD compaction with kg's prefixes writes it."""
    for delimiter in ("#", "/", ":"):
        at = iri.rfind(delimiter)
        if at > -1:
            prefix = _NAMESPACE_PREFIX.get(iri[: at + 1])
            return f"{prefix}:{iri[at + 1 :]}" if prefix else iri
    return iri


def _jsonld_value(text: str) -> Any:
    """Return an object in kg's Turtle text as rdflib's compact JSON-LD value."""
    literal = _literal_of(text)
    if literal is None:
        return {"@id": _compact(_iri_of(text))}
    lexical, datatype, language = literal
    if language:
        return {"@language": language, "@value": lexical}
    if datatype is None:
        return lexical
    # Native JSON values for the types rdflib's serializer converts (PLAIN_LITERAL_TYPES).
    if datatype == _XSD_BOOLEAN:
        return lexical == "true"
    if datatype == _XSD_INTEGER:
        return int(lexical)
    if datatype == _XSD_DOUBLE:
        return float(lexical)
    if datatype == _XSD_STRING:
        return lexical
    return {"@type": _compact(datatype), "@value": lexical}


def _jsonld_order(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def block_key(fmt: str) -> Any:
    """Return the sort key of subjects (in kg's Turtle text) in a file of format ``fmt``.

    Turtle and TriG sort subjects by their Turtle text, N-Triples by the IRI in angle
    brackets (each line starts with it, and ``>`` never occurs in an IRI, so the lines of
    one subject stay together in a sorted file), JSON-LD by the compact ``@id``.
    """
    name = check_format(fmt).name
    if name == "nt":
        return lambda subject: f"<{_iri_of(subject)}>"
    if name == "json-ld":
        return lambda subject: _compact(_iri_of(subject))
    return lambda subject: subject


def merged_blocks(
    sources: Iterable[Iterable[TurtleBlock]], key: Any = None
) -> Iterator[tuple[str, set[tuple[str, str]]]]:
    """Merge sources of Turtle blocks, each sorted by ``key`` of the subject, into one stream.

    Blocks of one subject, in one source or several, become one with the union of
    their (predicate, object) pairs.
    """
    import heapq
    import itertools

    if key is None:
        merged = heapq.merge(*sources, key=lambda block: block[0])
    else:
        merged = heapq.merge(*sources, key=lambda block: key(block[0]))
    for subject, group in itertools.groupby(merged, key=lambda block: block[0]):
        pairs: set[tuple[str, str]] = set()
        for _, items in group:
            pairs.update(items)
        yield subject, pairs


def union_chunks(fmt: str, sources: Iterable[Iterable[TurtleBlock]]) -> Iterator[str]:
    """Yield the union graph of ``sources`` in ``fmt`` (``turtle``, ``nt``, ``json-ld``), in pieces.

    Args:
        fmt: The format.
        sources: Turtle blocks, each source sorted by the format's :func:`block_key`.
    """
    name = check_format(fmt).name
    blocks = merged_blocks(sources, block_key(name))
    memo: dict[str, Any] = {}
    if name == "turtle":
        yield turtle_header()
        for subject, pairs in blocks:
            preds: dict[str, list[str]] = defaultdict(list)
            for p, o in pairs:
                preds[p].append(o)
            yield turtle_block(subject, preds)
    elif name == "nt":
        for subject, pairs in blocks:
            s = _nt_term(subject)
            lines = [
                f"{s} {_memo(memo, p, _nt_term)} {_memo(memo, o, _nt_term)} .\n" for p, o in pairs
            ]
            yield "".join(sorted(lines))
    elif name == "json-ld":
        yield from _jsonld_chunks(blocks, memo)
    else:
        msg = f"{name} keeps named graphs: write it with trig_chunks"
        raise ExportError(msg)


def _compact_term(text: str) -> str:
    return _compact(_iri_of(text))


def _jsonld_node(subject: str, pairs: Iterable[tuple[str, str]], memo: dict[str, Any]) -> Any:
    values: dict[str, list[Any]] = defaultdict(list)
    for p, o in pairs:
        if p == "a" and _literal_of(o) is None:  # rdflib writes types as "@type" symbols
            values["@type"].append(_memo(memo, o, _compact_term))
        else:
            values[_memo(memo, p, _compact_term)].append(_jsonld_value(o))
    node: dict[str, Any] = {"@id": _compact(_iri_of(subject))}
    for key, found in values.items():
        node[key] = found[0] if len(found) == 1 else sorted(found, key=_jsonld_order)
    return node


def _jsonld_chunks(
    blocks: Iterable[tuple[str, Iterable[tuple[str, str]]]], memo: dict[str, Any]
) -> Iterator[str]:
    """Yield the JSON-LD document of :func:`_canonical_jsonld`, one node at a time."""
    head = json.dumps({"@context": _jsonld_context()}, ensure_ascii=False, indent=2, sort_keys=True)
    yield head[: -len("\n}")] + ',\n  "@graph": ['
    first = True
    for subject, pairs in blocks:
        text = json.dumps(
            _jsonld_node(subject, pairs, memo), ensure_ascii=False, indent=2, sort_keys=True
        )
        yield ("\n    " if first else ",\n    ") + text.replace("\n", "\n    ")
        first = False
    yield "]\n}\n" if first else "\n  ]\n}\n"


GraphBlocks = tuple[str, Iterable[TurtleBlock]]
"""A named graph: its name in Turtle text and its Turtle blocks, sorted by subject."""


def trig_chunks(
    default: Iterable[Iterable[TurtleBlock]], named: Iterable[GraphBlocks]
) -> Iterator[str]:
    """Yield TriG in pieces: the default graph, then each named graph, as Turtle blocks.

    Args:
        default: Sources of the default graph's blocks, each sorted by subject.
        named: The named graphs, sorted by name, each with its blocks sorted by subject.
    """
    yield turtle_header()
    yield "\n{"
    for subject, pairs in merged_blocks(default):
        yield _indented_block(subject, pairs)
    yield "}\n"
    for name, blocks in named:
        yield f"\n{name} {{"
        for subject, pairs in merged_blocks([blocks]):
            yield _indented_block(subject, pairs)
        yield "}\n"


def _indented_block(subject: str, pairs: Iterable[tuple[str, str]]) -> str:
    preds: dict[str, list[str]] = defaultdict(list)
    for p, o in pairs:
        preds[p].append(o)
    return turtle_block(subject, preds)


def memory_chunks(graph: KnowledgeGraph, fmt: str) -> Iterator[str]:
    """Yield ``graph`` in ``fmt`` from its triples, grouped in memory (any graph)."""
    name = check_format(fmt).name
    cache: dict[str, str] = {}
    key = block_key(name)
    if name != "trig":
        blocks: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for s, p, o in turtle_pairs(((s, p, o) for s, p, o, _ in iter_quads(graph)), cache):
            blocks[s].add((p, o))
        yield from union_chunks(name, [sorted(blocks.items(), key=lambda b: key(b[0]))])
        return
    default: dict[str, set[tuple[str, str]]] = defaultdict(set)
    named: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for s, p, o, context in iter_quads(graph):
        target = default if context is None else named[_turtle_iri(str(context), cache)]
        [(st, pt, ot)] = turtle_pairs([(s, p, o)], cache)
        target[st].add((pt, ot))
    yield from trig_chunks(
        [sorted(default.items())],
        ((g, sorted(named[g].items())) for g in sorted(named)),
    )
