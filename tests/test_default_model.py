"""The shipped relation model as users run it: the default extractor on the bundled sample.

The rest of the suite runs the patterns (``tests/conftest.py`` sets ``$KG_EXTRACTOR``);
these tests name ``hybrid`` and ``model`` and use the model in ``kg/models``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg.api import build_articles
from kg.extract.hybrid import DEFAULT_EXTRACTOR, EXTRACTOR_ENV
from kg.extract.model import load_relation_model
from kg.graph import KnowledgeGraph
from kg.types import Article


@pytest.fixture(scope="module")
def hybrid_sample() -> KnowledgeGraph:
    return kg.build(kg.sample_path(), extractor="hybrid")


def test_the_shipped_model_reads_relations_in_the_sample(hybrid_sample: KnowledgeGraph) -> None:
    model = load_relation_model()
    assert model.input == "sentence"
    learned = [a for a in hybrid_sample.assertions if a.rule == model.rule]
    assert learned, "the model found nothing in the sample"
    facts = {(a.subject.name, a.object.name) for a in learned if a.is_fact}
    # The sample's central conflict: North Korea's threats against its neighbours.
    assert any("North Korea" in pair for pair in facts), sorted(facts)


def test_denied_and_hypothetical_relations_are_never_facts_with_the_model() -> None:
    articles = [
        Article(id="n", text="Egypt did not attack Israel."),
        Article(id="h", text="Sweden would sanction Norway if the talks fail."),
        Article(id="f", text="Japan refused to meet China."),
    ]
    graph = build_articles(articles, extractor="model")
    for a in graph.assertions:
        assert not a.is_fact, a
    assert graph.summary()["facts"] == 0


def test_a_relation_carried_over_a_list_reads_its_own_clause() -> None:
    """ "X did not condemn A and B": the relation carried to B is denied like A's."""
    from kg.extract.hybrid import COORDINATION_RULE

    articles = [
        Article(
            id="n",
            # three names: rel-minilm-soup3 reads "the United States and Britain" itself, and
            # the last of a longer list is the coordination rule's
            text="Russia did not condemn the United States, France and Britain for the strikes.",
        ),
        Article(id="h", text="Iran may threaten Israel and the United States."),
        Article(id="f", text="Iran threatened Israel and the United States."),
    ]
    graph = build_articles(articles, extractor="hybrid")
    # The relation that reaches the second name of the list, whether the model read it
    # itself or the coordination rule carried it there ("n" is carried).
    second = {"n": "United Kingdom", "h": "United States", "f": "United States"}
    carried = {
        a.evidence.article: a
        for a in graph.assertions
        if a.object.name == second[a.evidence.article]
    }
    assert sorted(carried) == ["f", "h", "n"], graph.assertions
    assert carried["n"].rule == COORDINATION_RULE
    assert carried["n"].negated and not carried["n"].is_fact
    assert carried["h"].modality == "hypothetical" and not carried["h"].is_fact
    fact = carried["f"]
    assert fact.is_fact and (fact.subject.name, fact.object.name) == ("Iran", "United States")


def test_the_hybrid_keeps_the_patterns_affiliations(hybrid_sample: KnowledgeGraph) -> None:
    rules = kg.build(kg.sample_path(), extractor="rules")
    from kg.ontology import category_of

    def affiliations(graph: KnowledgeGraph, *, patterns_only: bool) -> set[tuple[str, str, str]]:
        return {
            (a.subject.id, a.relation, a.object.id)
            for a in graph.assertions
            if a.is_fact
            and category_of(a.relation) == "affiliation"
            and not (patterns_only and a.rule.startswith("model:"))
        }

    # Every affiliation the patterns state is in the hybrid's graph (where the model read
    # the same triple in the same sentence, one assertion of the two is kept).
    found = affiliations(rules, patterns_only=True)
    assert found
    assert found <= affiliations(hybrid_sample, patterns_only=False)


def test_the_default_is_hybrid_unless_the_environment_says_otherwise(tmp_path: Path) -> None:
    assert DEFAULT_EXTRACTOR == "rules"  # this suite's conftest
    code = "from kg.extract.hybrid import DEFAULT_EXTRACTOR; print(DEFAULT_EXTRACTOR)"
    env = {k: v for k, v in os.environ.items() if k != EXTRACTOR_ENV}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert out.stdout.strip() == "hybrid", out.stderr
    # A misspelt default is a usage error naming the variable, not a traceback.
    text = tmp_path / "a.txt"
    text.write_text("Japan met China.", encoding="utf-8")
    env[EXTRACTOR_ENV] = "patterns"
    bad = subprocess.run(
        [sys.executable, "-m", "kg.cli", "extract", str(text)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert "unknown extractor 'patterns' (from $KG_EXTRACTOR)" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_a_stance_is_never_read_as_an_affiliation() -> None:
    from kg.ontology import category_of

    text = "Then there was Rand Paul, a fierce libertarian opponent of the NSA, on CNN."
    graph = build_articles([Article(id="s", text=text)], extractor="model")
    between = [
        a
        for a in graph.assertions
        if "Rand Paul" in (a.subject.name, a.object.name)
        and "NSA" in a.subject.name + a.object.name
    ]
    # the noun's own relation if any: Paul opposes the NSA, never a member of it
    assert all(
        category_of(a.relation) == "conflict" and a.subject.name == "Rand Paul" for a in between
    ), between


def test_a_party_designators_parts_relate_only_to_their_legislator() -> None:
    """ "Sen. X, D-Conn.": the Senate, the party and the state are X's, never each other's."""
    text = (
        '"The plan is weak," said Sen. Richard Blumenthal, D-Conn., in an interview with '
        "radio host Audie Cornish."
    )
    graph = build_articles([Article(id="d", text=text)], extractor="hybrid")
    parts = {"United States Senate", "Democratic Party (United States)", "Connecticut"}
    touching = [a for a in graph.assertions if {a.subject.name, a.object.name} & parts]
    assert {(a.subject.name, a.relation, a.object.name) for a in touching} == {
        ("Richard Blumenthal", "holdsPosition", "United States Senate"),
        ("Richard Blumenthal", "memberOf", "Democratic Party (United States)"),
        ("Richard Blumenthal", "represents", "Connecticut"),
    }
    assert {a.rule for a in touching} == {"party-designator"}
