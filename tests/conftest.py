from __future__ import annotations

import os
from pathlib import Path

# The suite's tables pin what the dependency patterns read (and what the query, store and
# export machinery makes of it), so the suite's default extractor is the patterns; the
# learned model has its own tests (tests/extract/test_model.py, tests/test_default_model.py),
# which name their extractor. Set before kg is imported: defaults are bound at import.
os.environ["KG_EXTRACTOR"] = "rules"

import pytest  # noqa: E402

from kg.graph import KnowledgeGraph  # noqa: E402


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


# A small hand-made graph for the diagram tests: four countries, a leader with a
# hostile name, a place, dates over six months, one undated and one negated statement.
TOY_ODD_NAME = 'Zog "the <b>King</b>" & </script>\nII'
_TOY_ENTITIES = {
    "atlantis": ("Atlantis", "Country"),
    "borduria": ("Borduria", "Country"),
    "syldavia": ("Syldavia", "Country"),
    "carpania": ("Carpania", "Country"),
    "zog": (TOY_ODD_NAME, "Person"),
    "klow": ("Klow", "Place"),
}
# (article, date, subject, relation, object, negated)
TOY_FACTS = [
    ("a1", "2020-01-05", "atlantis", "alliedWith", "syldavia", False),
    ("a2", "2020-02-10", "atlantis", "cooperatesWith", "syldavia", False),
    ("a2", "2020-02-10", "borduria", "threatens", "atlantis", False),
    ("a3", "2020-03-15", "zog", "leaderOf", "borduria", False),
    ("a3", "2020-03-15", "zog", "attacks", "syldavia", False),
    ("a4", "2020-04-20", "borduria", "alliedWith", "carpania", False),
    ("a4", "2020-04-20", "carpania", "sanctions", "atlantis", False),
    ("a5", "2020-05-25", "atlantis", "meetsWith", "borduria", False),
    ("a5", "2020-05-25", "borduria", "threatens", "atlantis", False),
    ("a6", None, "borduria", "accuses", "atlantis", False),
    ("a7", "2020-06-30", "klow", "locatedIn", "syldavia", False),
    ("a7", "2020-06-30", "atlantis", "attacks", "carpania", True),
]


def _graph_of(
    names: dict[str, tuple[str, str]], facts: list[tuple[str, str | None, str, str, str, bool]]
) -> KnowledgeGraph:
    """Merge hand-made facts (article, date, subject, relation, object, negated) into a graph."""
    from kg.graph import merge_results
    from kg.types import Article, ArticleResult, Assertion, Entity, Evidence, Role

    results = []
    for aid in sorted({f[0] for f in facts}):
        rows = [f for f in facts if f[0] == aid]
        date = rows[0][1]
        sentences, assertions, used = [], [], set()
        offset = 0
        for _, _, subj, rel, obj, negated in rows:
            s_name, s_type = names[subj]
            o_name, o_type = names[obj]
            sentence = f"{s_name} {rel} {o_name} ({aid})."
            s = Role(subj, s_name, s_type, None, s_name, offset, offset + len(s_name))  # type: ignore[arg-type]
            o_start = offset + len(s_name) + len(rel) + 2
            o = Role(obj, o_name, o_type, None, o_name, o_start, o_start + len(o_name))  # type: ignore[arg-type]
            evidence = Evidence(aid, sentence, offset, date)
            assertions.append(Assertion(s, rel, o, evidence, negated=negated, confidence=0.8))
            sentences.append(sentence)
            used.update((subj, obj))
            offset += len(sentence) + 1
        entities = tuple(
            Entity(e, names[e][0], names[e][1])  # type: ignore[arg-type]
            for e in sorted(used)
        )
        article = Article(aid, " ".join(sentences), title=f"Story {aid}", date=date)
        results.append(ArticleResult(article, entities, tuple(assertions)))
    return merge_results(results)


@pytest.fixture(scope="session")
def toy_graph() -> KnowledgeGraph:
    return _graph_of(_TOY_ENTITIES, TOY_FACTS)


@pytest.fixture(scope="session")
def dense_graph() -> KnowledgeGraph:
    """A corpus-like hairball for the diagram tests: 90 actors with long names, two camps.

    Actors 0-44 and 45-89 form two camps that cooperate inside and clash across (and
    every fifth pair of neighbours does both); every actor has ties to several others,
    the first ones most, over 24 months of 2019-2020.
    """
    kinds = ("Country", "Organization", "Person")
    names = {
        f"actor-{i:02d}": (
            f"{['Republic', 'Ministry', 'Minister'][i % 3]} of Longname {i:02d}",
            kinds[i % 3],
        )
        for i in range(90)
    }
    facts: list[tuple[str, str | None, str, str, str, bool]] = []
    k = 0
    for i in range(90):
        for step in (1, 2, 3, 5, 8, 13, 21, 34, 45):
            j = (i + step) % 90
            if step > 8 and i > 30:
                continue  # the first actors are the hubs
            same = (i < 45) == (j < 45)
            relation = "cooperatesWith" if same else "threatens"
            if step == 3:
                relation = "meetsWith"
            # every fifth pair of neighbours also clashes: a mixed pair
            mixed = ["threatens"] if step == 1 and i % 5 == 0 else []
            for rel in [relation] * (1 + (90 - i) // 30) + mixed:
                date = f"{2019 + k % 24 // 12}-{k % 12 + 1:02d}-15"
                facts.append((f"d{k:04d}", date, f"actor-{i:02d}", rel, f"actor-{j:02d}", False))
                k += 1
    return _graph_of(names, facts)


@pytest.fixture(scope="session")
def multi_dir() -> Path:
    """Three short articles written for the tests, sharing actors (tests/data/multi)."""
    return Path(__file__).parent / "data" / "multi"


@pytest.fixture(scope="session")
def multi_graph(nlp, multi_dir: Path) -> KnowledgeGraph:  # type: ignore[no-untyped-def]
    import kg

    return kg.build(multi_dir)
