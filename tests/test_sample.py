"""The bundled sample article end to end: the relations an analyst expects."""

from __future__ import annotations

import pytest

from kg.graph import KnowledgeGraph
from kg.ids import slugify


def facts(graph: KnowledgeGraph) -> set[tuple[str, str, str]]:
    return {(a.subject.id, a.relation, a.object.id) for a in graph.assertions if a.is_fact}


@pytest.mark.parametrize(
    "triple",
    [
        ("united-states", "cooperatesWith", "japan"),
        ("japan", "alliedWith", "united-states"),
        ("united-states", "holdsJointExercisesWith", "south-korea"),
        ("china", "alliedWith", "north-korea"),
        ("north-korea", "threatens", "japan"),
        ("north-korea", "threatens", "south-korea"),
        ("north-korea", "threatens", "united-states"),
        ("china", "urges", "united-states"),
        ("china", "urges", "south-korea"),
    ],
)
def test_state_relations(sample_graph: KnowledgeGraph, triple: tuple[str, str, str]) -> None:
    assert triple in facts(sample_graph)


def _named(graph: KnowledgeGraph, subject: str, relation: str, obj: str) -> bool:
    return any(
        a.is_fact
        and slugify(a.subject.name) == slugify(subject)
        and a.relation == relation
        and slugify(a.object.name) == slugify(obj)
        for a in graph.assertions
    )


@pytest.mark.parametrize(
    ("subject", "relation", "obj"),
    [
        ("Donald Trump", "warns", "North Korea"),
        ("Antonio Guterres", "talksWith", "Kim In Ryong"),
        ("Fan Changlong", "informs", "Joseph Dunford"),
        ("Donald Trump", "leaderOf", "United States"),
        ("Kim Jong Un", "leaderOf", "North Korea"),
        ("Itsunori Onodera", "holdsPosition", "Japan"),
        ("Jim Mattis", "holdsPosition", "United States"),
        ("Antonio Guterres", "leaderOf", "United Nations"),
    ],
)
def test_people_and_affiliations(
    sample_graph: KnowledgeGraph, subject: str, relation: str, obj: str
) -> None:
    assert _named(sample_graph, subject, relation, obj)


def test_dunford_leads_the_joint_chiefs(sample_graph: KnowledgeGraph) -> None:
    assert any(
        a.subject.name == "Joseph Dunford"
        and a.relation == "leaderOf"
        and "Joint Chiefs" in a.object.name
        for a in sample_graph.assertions
    )


def test_fan_serves_the_central_military_commission(sample_graph: KnowledgeGraph) -> None:
    assert any(
        a.subject.name == "Fan Changlong"
        and a.relation == "holdsPosition"
        and "Central Military Commission" in a.object.name
        for a in sample_graph.assertions
    )


def test_conditional_dialogue_and_vow_are_not_cooperation(sample_graph: KnowledgeGraph) -> None:
    for a in sample_graph.assertions:
        sentence = a.evidence.sentence
        if "only if it were meaningful" in sentence or "vowed not to allow" in sentence:
            assert not (a.is_fact and a.relation in ("talksWith", "supports", "cooperatesWith"))


def test_two_kims_are_two_nodes(sample_graph: KnowledgeGraph) -> None:
    names = {slugify(e.name) for e in sample_graph.entity_map.values() if e.type == "Person"}
    assert {"kim-jong-un", "kim-in-ryong"} <= names


def test_states_carry_qids(sample_graph: KnowledgeGraph) -> None:
    qids = {e.id: e.qid for e in sample_graph.entity_map.values()}
    assert qids["united-states"] == "Q30"
    assert qids["japan"] == "Q17"
    assert qids["north-korea"] == "Q423"
    assert qids["united-nations"] == "Q1065"


def test_dateline_yields_no_relation(sample_graph: KnowledgeGraph) -> None:
    for a in sample_graph.assertions:
        for role in (a.subject, a.object):
            assert role.start > 20 or role.text != "WASHINGTON"


def test_one_node_per_actor(sample_graph: KnowledgeGraph) -> None:
    us = sample_graph.entity_map["united-states"]
    forms = set(sample_graph.surface_forms["united-states"])
    assert {"U.S.", "Washington"} <= forms | set(us.aliases)
    labels = [e.name for e in sample_graph.entity_map.values()]
    assert len(labels) == len(set(labels))
    for bad in ("he", "it", "the minister", "Tokyo closed", "North Korea’s"):
        assert bad not in labels
