from __future__ import annotations

import math

import pytest

from kg.errors import InputError, OntologyError
from kg.graph import KnowledgeGraph
from kg.views import (
    alliance_matrix,
    check_date,
    communities,
    in_window,
    overview,
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


# ------------------------------------------------------------------------ overview


def test_overview_merges_relations_into_one_pair_per_two_actors(toy_graph: KnowledgeGraph) -> None:
    ov = overview(toy_graph)
    pairs = {(p.a, p.b): p for p in ov.pairs}
    assert len(pairs) == len(ov.pairs)  # each two actors once, the smaller id first
    hostile = pairs[("atlantis", "borduria")]  # threatens ×2, accuses (both from Borduria), meets
    assert dict(hostile.counts) == {"conflict": 3, "communication": 1}
    assert (hostile.count, hostile.net, hostile.mixed, hostile.polarity) == (4, -3, False, -1.0)
    allies = pairs[("atlantis", "syldavia")]  # alliedWith and cooperatesWith
    assert (allies.count, allies.net, allies.polarity) == (2, 2, 1.0)
    assert {r["relation"] for r in allies.relations} == {"alliedWith", "cooperatesWith"}
    assert pairs[("borduria", "zog")].polarity is None  # affiliation only: neither
    assert ("klow", "syldavia") not in pairs  # location is not drawn by default
    # strongest first, cooperation and conflict counting double: one attack outranks
    # one affiliation
    assert ov.pairs[0] is hostile
    order = [(p.a, p.b) for p in ov.pairs]
    assert order.index(("syldavia", "zog")) < order.index(("borduria", "zog"))
    assert ov.nodes == select(toy_graph).nodes


def test_overview_top_keeps_the_strongest_and_says_what_it_left_out(
    toy_graph: KnowledgeGraph,
) -> None:
    ov = overview(toy_graph)
    nodes, pairs = ov.top(3, 2)
    assert nodes == ("atlantis", "borduria", "syldavia")
    assert [(p.a, p.b) for p in pairs] == [("atlantis", "borduria"), ("atlantis", "syldavia")]
    assert ov.describe(len(nodes), len(pairs)).startswith(
        "showing 3 of 5 actors and 2 of 6 pairs (the strongest by evidence; "
        "2 actors and 4 pairs left out)"
    )
    # an actor whose every pair fell under the cap is not kept
    assert ov.top(5, 1) == (("atlantis", "borduria"), (ov.pairs[0],))
    # with a focus, its own pairs come first
    focused = overview(toy_graph, focus="Carpania")
    assert focused.selection.focus == "carpania"
    assert all("carpania" in (p.a, p.b) for p in focused.top(5, 2)[1])


def test_overview_takes_the_plot_filters(toy_graph: KnowledgeGraph) -> None:
    early = overview(toy_graph, until="2020-02", category="cooperation")
    assert [(p.a, p.b, p.count) for p in early.pairs] == [("atlantis", "syldavia", 2)]
    assert overview(toy_graph, category="location").pairs[0].counts == {"location": 1}


def test_communities_are_seeded_and_numbered_by_size(dense_graph: KnowledgeGraph) -> None:
    ov = overview(dense_graph)
    found = communities(ov.nodes, ov.pairs)
    assert set(found) == set(ov.nodes)
    # the same graph gives the same communities: Louvain runs with a fixed seed ...
    assert all(communities(ov.nodes, ov.pairs) == found for _ in range(4))
    # ... which it does use: other seeds give other splits
    assert (
        len({tuple(sorted(communities(ov.nodes, ov.pairs, seed=s).items())) for s in range(4)}) > 1
    )
    # numbered by their statements, the largest first
    weight = {c: 0 for c in set(found.values())}
    for p in ov.pairs:
        for n in (p.a, p.b):
            weight[found[n]] += p.count
    assert [weight[c] for c in sorted(weight)] == sorted(weight.values(), reverse=True)
    # a real split: far better than one block (modularity of a random split is about 0)
    import networkx as nx

    g: nx.Graph[str] = nx.Graph()
    g.add_weighted_edges_from((p.a, p.b, p.count) for p in ov.pairs)
    parts = [{n for n in found if found[n] == c} for c in weight]
    assert len(parts) >= 2 and nx.community.modularity(g, parts) > 0.3


def test_signed_layout_keeps_communities_together() -> None:
    nodes = [f"n{i}" for i in range(16)]
    groups = {n: i % 2 for i, n in enumerate(nodes)}  # interleaved, so the start mixes them

    def spread(pos: dict[str, tuple[float, float]]) -> float:
        same = [
            math.dist(pos[a], pos[b])
            for a in nodes
            for b in nodes
            if a < b and groups[a] == groups[b]
        ]
        other = [math.dist(pos[a], pos[b]) for a in nodes for b in nodes if groups[a] != groups[b]]
        return (sum(same) / len(same)) / (sum(other) / len(other))

    together = signed_layout(nodes, [], groups=groups)
    assert spread(together) < 0.8
    assert spread(signed_layout(nodes, [])) > 0.9
    assert together == signed_layout(nodes, [], groups=groups)  # deterministic
