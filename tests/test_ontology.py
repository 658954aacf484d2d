from __future__ import annotations

import pytest

from kg import ontology
from kg.errors import OntologyError
from kg.extract import lexicon


def test_at_least_25_relations_in_five_categories() -> None:
    assert len(ontology.RELATIONS) >= 25
    cats = {r.category for r in ontology.RELATIONS.values()}
    assert cats == set(ontology.CATEGORIES)
    assert ontology.CATEGORIES == (
        "cooperation",
        "conflict",
        "communication",
        "affiliation",
        "location",
    )


def test_every_lexicon_entry_names_a_relation() -> None:
    names = (
        set(lexicon.VERB_RELATIONS.values())
        | set(lexicon.PREP_VERBS.values())
        | set(lexicon.NOUN_RELATIONS.values())
    )
    unknown = names - set(ontology.RELATIONS)
    assert not unknown


def test_conflict_weights_are_negative_and_cooperation_positive() -> None:
    for r in ontology.RELATIONS.values():
        if r.category == "conflict":
            assert r.weight < 0, r.name
        if r.category == "cooperation":
            assert r.weight > 0, r.name


def test_unknown_relation_and_category_raise_with_choices() -> None:
    with pytest.raises(OntologyError, match="threatens"):
        ontology.relation("threaten")
    with pytest.raises(OntologyError, match="cooperation"):
        ontology.check_category("friendship")


def test_open_relations_have_no_category() -> None:
    assert ontology.category_of("open:outmaneuver") is None
    assert ontology.category_of("sanctions") == "conflict"
