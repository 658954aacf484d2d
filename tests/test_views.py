from __future__ import annotations

import math

import pytest

from kg.errors import InputError, OntologyError
from kg.graph import KnowledgeGraph
from kg.views import (
    alliance_matrix,
    check_date,
    in_window,
    select,
    signed_layout,
    state_of,
    timeline,
)


def test_default_view_leaves_out_location_and_says_so(toy_graph: KnowledgeGraph) -> None:
    sel = select(toy_graph)
    assert "klow" not in sel.nodes
    assert sel.excluded == {"location": 1}
    assert "1 location relations not drawn" in sel.describe()
    assert {e["category"] for e in sel.edges} == {
        "cooperation",
        "conflict",
        "communication",
        "affiliation",
    }
    asked = select(toy_graph, category="location")
    assert set(asked.nodes) == {"klow", "syldavia"}
    assert asked.excluded == {}


def test_negated_statements_are_not_drawn(toy_graph: KnowledgeGraph) -> None:
    sel = select(toy_graph)
    assert not any(e["relation"] == "attacks" and e["subject"] == "atlantis" for e in sel.edges)


def test_symmetric_relations_once_from_the_smaller_id(toy_graph: KnowledgeGraph) -> None:
    allied = [e for e in select(toy_graph).edges if e["relation"] == "alliedWith"]
    assert [(e["subject"], e["object"]) for e in allied] == [
        ("atlantis", "syldavia"),
        ("borduria", "carpania"),
    ]


def test_caps_keep_the_strongest_and_count_what_is_left_out(toy_graph: KnowledgeGraph) -> None:
    full = select(toy_graph)
    sel = select(toy_graph, max_nodes=2)
    assert sel.nodes == ("atlantis", "borduria")  # the two with most evidence
    assert sel.total_nodes == full.total_nodes == 5
    assert all(e["subject"] in sel.nodes and e["object"] in sel.nodes for e in sel.edges)
    assert sel.left_out == (3, full.total_edges - len(sel.edges))
    assert "showing 2 of 5 actors" in sel.describe()


def test_edge_cap_prefers_cooperation_and_conflict(toy_graph: KnowledgeGraph) -> None:
    sel = select(toy_graph, max_edges=2)
    assert len(sel.edges) == 2
    assert {e["category"] for e in sel.edges} <= {"cooperation", "conflict"}
    assert {e["relation"] for e in sel.edges} == {"threatens", "alliedWith"}


def test_focus_and_depth(toy_graph: KnowledgeGraph) -> None:
    one = select(toy_graph, focus="Syldavia")
    assert one.focus == "syldavia" and one.nodes[0] == "syldavia"
    assert set(one.nodes) == {"syldavia", "atlantis", "zog"}
    two = select(toy_graph, focus="Syldavia", depth=2)
    assert {"borduria", "carpania"} <= set(two.nodes)
    with pytest.raises(InputError, match="Syldavia"):
        select(toy_graph, focus="Syldavija")


def test_date_window(toy_graph: KnowledgeGraph) -> None:
    sel = select(toy_graph, since="2020-02", until="2020-03")
    assert {e["relation"] for e in sel.edges} == {
        "cooperatesWith",
        "threatens",
        "leaderOf",
        "attacks",
    }
    assert sel.articles == 2 and (sel.first_date, sel.last_date) == ("2020-02-10", "2020-03-15")
    assert "2020-02-10 – 2020-03-15" in sel.subtitle()


@pytest.mark.parametrize(
    ("date", "since", "until", "inside"),
    [
        ("2020-02-29", "2020-02", "2020-02", True),
        ("2020-03-01", None, "2020-02", False),
        ("2019-12-31", "2020", None, False),
        (None, None, None, True),
        (None, "2020", None, False),
    ],
)
def test_in_window(date: str | None, since: str | None, until: str | None, inside: bool) -> None:
    assert in_window(date, since, until) is inside


@pytest.mark.parametrize("bad", ["2020-13", "20", "yesterday", "2020-02-30"])
def test_bad_dates_are_input_errors(bad: str) -> None:
    with pytest.raises(InputError, match="YYYY"):
        check_date(bad, option="--since")


def test_bad_category_lists_the_valid_ones(toy_graph: KnowledgeGraph) -> None:
    with pytest.raises(OntologyError, match="cooperation"):
        select(toy_graph, category="friendship")
    both = select(toy_graph, category="conflict,cooperation")
    assert {e["category"] for e in both.edges} == {"conflict", "cooperation"}


def test_signed_layout_puts_allies_closer_than_adversaries(toy_graph: KnowledgeGraph) -> None:
    sel = select(toy_graph, category=["cooperation", "conflict"])
    pos = signed_layout(sel.nodes, sel.edges, aspect=1.5)
    assert pos == signed_layout(sel.nodes, sel.edges, aspect=1.5)  # deterministic

    def d(a: str, b: str) -> float:
        return math.dist(pos[a], pos[b])

    assert d("atlantis", "syldavia") < d("atlantis", "borduria")
    assert d("borduria", "carpania") < d("borduria", "atlantis")
    assert all(0.0 <= x <= 1.5 and 0.0 <= y <= 1.0 for x, y in pos.values())


def test_signed_layout_separates_nodes() -> None:
    nodes = [f"n{i}" for i in range(12)]
    edges = [
        {"subject": "n0", "object": n, "category": "cooperation", "weight": 8.0, "count": 5}
        for n in nodes[1:]
    ]
    radius = dict.fromkeys(nodes, 0.05)
    pos = signed_layout(nodes, edges, radius=radius)
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            assert math.dist(pos[a], pos[b]) >= 0.1 - 1e-6


def test_state_of_maps_leaders_to_their_country(toy_graph: KnowledgeGraph) -> None:
    assert state_of(toy_graph) == {"zog": "borduria"}


def test_alliance_matrix_counts_both_directions_and_rolls_up(toy_graph: KnowledgeGraph) -> None:
    a = alliance_matrix(toy_graph)
    idx = {c: i for i, c in enumerate(a.countries)}
    assert set(idx) == {"atlantis", "borduria", "syldavia", "carpania"}
    # threatens twice (plus an undated accusation), all from Borduria; no cooperation
    assert a.net(idx["atlantis"], idx["borduria"]) == -3
    assert a.net(idx["atlantis"], idx["syldavia"]) == 2
    assert a.net(idx["borduria"], idx["syldavia"]) == -1  # Zog attacks Syldavia
    assert a.net(idx["borduria"], idx["carpania"]) == 1
    assert a.rolled_up == 1 and a.names[idx["borduria"]] == "Borduria"
    # The order keeps each camp together.
    order = list(a.countries)
    camps = [{"atlantis", "syldavia"}, {"borduria", "carpania"}]
    assert {frozenset(order[:2]), frozenset(order[2:])} == {frozenset(c) for c in camps}
    plain = alliance_matrix(toy_graph, roll_up=False)
    pidx = {c: i for i, c in enumerate(plain.countries)}
    assert plain.net(pidx["borduria"], pidx["syldavia"]) == 0
    dated = alliance_matrix(toy_graph, since="2020-03")
    didx = {c: i for i, c in enumerate(dated.countries)}
    assert dated.net(didx["atlantis"], didx["borduria"]) == -1


def test_alliance_cap(toy_graph: KnowledgeGraph) -> None:
    a = alliance_matrix(toy_graph, max_countries=2)
    assert len(a.countries) == 2 and a.total_countries == 4
    with pytest.raises(InputError):
        alliance_matrix(toy_graph, max_countries=1)


def test_timeline_lists_both_directions_by_date(toy_graph: KnowledgeGraph) -> None:
    tl = timeline(toy_graph, "Atlantis", "Borduria")
    assert [(e["date"], e["relation"], e["direction"]) for e in tl.events] == [
        ("2020-02-10", "threatens", -1),
        ("2020-05-25", "meetsWith", 0),
        ("2020-05-25", "threatens", -1),
    ]
    assert tl.undated == 1
    rolled = timeline(toy_graph, "Syldavia", "Borduria")
    assert [e["relation"] for e in rolled.events] == ["attacks"]
    assert rolled.events[0]["direction"] == -1
    assert timeline(toy_graph, "Syldavia", "Borduria", roll_up=False).events == ()
    with pytest.raises(InputError, match="same actor"):
        timeline(toy_graph, "Atlantis", "atlantis")
