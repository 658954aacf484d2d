from __future__ import annotations

from pathlib import Path

import pytest

from kg.graph import KnowledgeGraph


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from kg.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def sample_graph(nlp) -> KnowledgeGraph:  # type: ignore[no-untyped-def]
    import kg

    return kg.build(kg.sample_path())


@pytest.fixture(scope="session")
def sample_ttl(sample_graph: KnowledgeGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.rdf import write_graph

    path = tmp_path_factory.mktemp("sample") / "graph.ttl"
    write_graph(sample_graph, path)
    return path
