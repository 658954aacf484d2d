"""kg: offline, deterministic knowledge graphs of political actors from news.

Example:
    >>> import kg  # doctest: +SKIP
    >>> graph = kg.build("articles/")  # doctest: +SKIP
    >>> graph.relations(category="conflict")  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["KnowledgeGraph", "__version__", "append", "build", "load", "sample_path"]
__version__ = "0.1.0"

if TYPE_CHECKING:
    from kg.api import append, build, load, sample_path
    from kg.graph import KnowledgeGraph


def __getattr__(name: str) -> Any:
    # Lazy: importing kg must not import spaCy, rdflib or pandas.
    if name in ("append", "build", "load", "sample_path"):
        from kg import api

        return getattr(api, name)
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph

        return KnowledgeGraph
    msg = f"module 'kg' has no attribute {name!r}"
    raise AttributeError(msg)
