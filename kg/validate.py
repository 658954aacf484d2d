"""Checking kg's RDF against its SHACL shapes (``kg/shapes.ttl``) with pyshacl.

The shapes describe what every output promises: typed actors with one label and
at most one Wikidata link, statement nodes with their evidence, offsets and
provenance, a relation vocabulary in five categories, and no direct claim
without a statement node that states it as a fact. pyshacl is imported inside
:func:`validate`.

Example:
    >>> from kg.validate import validate  # doctest: +SKIP
    >>> validate("output/graph.ttl").conforms  # doctest: +SKIP
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib import Graph

    from kg.graph import KnowledgeGraph

__all__ = ["ValidationReport", "Violation", "shapes_path", "union_graph", "validate"]


def shapes_path() -> Path:
    """Return the path of the SHACL shapes shipped with kg."""
    from importlib.resources import files

    return Path(str(files("kg") / "shapes.ttl"))


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One SHACL validation result.

    Attributes:
        focus: The node that fails.
        path: The property path that fails, if any.
        value: The offending value, if any.
        message: What is wrong.
        severity: ``Violation``, ``Warning`` or ``Info``.
    """

    focus: str
    path: str
    value: str
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    Attributes:
        conforms: Whether the data satisfies every shape.
        triples: How many triples were checked.
        violations: The results, sorted.
    """

    conforms: bool
    triples: int
    violations: tuple[Violation, ...]


def union_graph(source: KnowledgeGraph | Graph | str | Path) -> Graph:
    """Return ``source`` as one ``rdflib.Graph``: a file's graphs (or a store's) merged.

    Raises:
        InputError: The file or store cannot be read.
    """
    from rdflib import Graph

    from kg.graph import KnowledgeGraph

    if isinstance(source, Graph):
        return source
    if isinstance(source, KnowledgeGraph):
        from kg.rdf import to_rdflib

        return to_rdflib(source)
    import pyoxigraph as ox

    from kg.store import open_dataset

    # Files of every format and stores alike: their union graph, as N-Triples.
    store = open_dataset(source)
    data: bytes = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    graph = Graph()
    graph.parse(data=data, format="nt")
    return graph


def validate(
    source: KnowledgeGraph | Graph | str | Path, *, shapes: str | Path | None = None
) -> ValidationReport:
    """Validate a graph, a graph file or a store against kg's SHACL shapes.

    Args:
        source: A :class:`~kg.graph.KnowledgeGraph`, an ``rdflib.Graph``, or the path
            of a graph file (any format kg writes) or store.
        shapes: Other shapes (Turtle) to use instead of ``kg/shapes.ttl``.

    Returns:
        The report; ``conforms`` is false when any shape is violated.

    Raises:
        InputError: The source cannot be read.
    """
    import pyshacl
    from rdflib import Graph, Namespace

    sh = Namespace("http://www.w3.org/ns/shacl#")
    data = union_graph(source)
    shapes_graph = Graph().parse(str(shapes or shapes_path()), format="turtle")
    conforms, results, _ = pyshacl.validate(
        data, shacl_graph=shapes_graph, inference="none", advanced=True
    )

    def text(node: Any) -> str:
        return "" if node is None else str(node)

    violations = sorted(
        Violation(
            focus=text(results.value(r, sh.focusNode)),
            path=text(results.value(r, sh.resultPath)),
            value=text(results.value(r, sh.value)),
            message=text(results.value(r, sh.resultMessage)),
            severity=text(results.value(r, sh.resultSeverity)).rsplit("#", 1)[-1],
        )
        for r in results.subjects(predicate=None, object=sh.ValidationResult)
    )
    return ValidationReport(bool(conforms), len(data), tuple(violations))
