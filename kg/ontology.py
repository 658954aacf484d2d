"""The closed relation vocabulary of kg: relations, their categories and RDF terms.

Every relation belongs to exactly one of five categories (``cooperation``,
``conflict``, ``communication``, ``affiliation``, ``location``). Each carries a
label, a comment, the PLOVER event type and CAMEO root it is closest to, whether
it is symmetric, and a cooperation/conflict weight in the spirit of the
Goldstein scale (-10 hostile … +10 cooperative).

Verbs the lexicon does not know become *open* relations named ``open:<lemma>``;
they have no category and never pretend to have one.

Example:
    >>> relation("threatens").category
    'conflict'
    >>> relation("alliedWith").symmetric
    True
    >>> category_of("open:deploy") is None
    True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kg.errors import OntologyError

__all__ = [
    "CATEGORIES",
    "OPEN_PREFIX",
    "RELATIONS",
    "Category",
    "Relation",
    "category_of",
    "is_open",
    "relation",
]

Category = Literal["cooperation", "conflict", "communication", "affiliation", "location"]
CATEGORIES: tuple[Category, ...] = (
    "cooperation",
    "conflict",
    "communication",
    "affiliation",
    "location",
)
CATEGORY_COMMENTS: dict[Category, str] = {
    "cooperation": "Alliance, agreement, support, aid or joint action.",
    "conflict": "Threat, attack, sanction, accusation, rejection or opposition.",
    "communication": "Meetings, talks, calls, visits and requests.",
    "affiliation": "A person or body and the state or organization it leads, serves or belongs to.",
    "location": "Places and where they are.",
}
OPEN_PREFIX = "open:"


@dataclass(frozen=True, slots=True)
class Relation:
    """One relation of the ontology."""

    name: str
    category: Category
    label: str
    comment: str
    plover: str
    cameo: str
    weight: float
    symmetric: bool = False
    inverse: str | None = None


def _r(
    name: str,
    category: Category,
    label: str,
    comment: str,
    plover: str,
    cameo: str,
    weight: float,
    *,
    symmetric: bool = False,
    inverse: str | None = None,
) -> Relation:
    return Relation(name, category, label, comment, plover, cameo, weight, symmetric, inverse)


_TABLE: tuple[Relation, ...] = (
    # cooperation
    _r("alliedWith", "cooperation", "allied with", "Formal or declared alliance.",
       "COOPERATE", "06", 8.0, symmetric=True),
    _r("cooperatesWith", "cooperation", "cooperates with",
       "Cooperation: defence, economic or diplomatic.", "COOPERATE", "06", 6.0, symmetric=True),
    _r("agreesWith", "cooperation", "agrees with", "Reaches or signs an agreement with.",
       "AGREE", "05", 5.0, symmetric=True),
    _r("supports", "cooperation", "supports", "Expresses or gives political support.",
       "SUPPORT", "05", 4.0),
    _r("aids", "cooperation", "aids", "Gives material, economic, military or humanitarian aid.",
       "AID", "07", 7.0),
    _r("holdsJointExercisesWith", "cooperation", "holds joint exercises with",
       "Joint military drills or exercises.", "COOPERATE", "06", 6.0, symmetric=True),
    _r("praises", "cooperation", "praises", "Praises or welcomes the actions of.",
       "SUPPORT", "05", 3.0),
    _r("concedesTo", "cooperation", "concedes to", "Yields, eases or retreats in favour of.",
       "CONCEDE", "08", 5.0),
    # conflict
    _r("threatens", "conflict", "threatens", "Threatens force, sanctions or other harm.",
       "THREATEN", "13", -7.0),
    _r("attacks", "conflict", "attacks", "Uses armed force or violence against.",
       "ASSAULT", "18", -9.0),
    _r("fightsWith", "conflict", "fights with", "Engages in armed combat with.",
       "FIGHT", "19", -10.0, symmetric=True),
    _r("sanctions", "conflict", "sanctions", "Imposes sanctions or embargoes on.",
       "SANCTION", "16", -5.0),
    _r("imposesTariffsOn", "conflict", "imposes tariffs on", "Imposes tariffs or trade barriers.",
       "SANCTION", "16", -4.0),
    _r("accuses", "conflict", "accuses", "Accuses or blames.", "DISAPPROVE", "11", -3.0),
    _r("criticizes", "conflict", "criticizes", "Criticizes or condemns.", "DISAPPROVE", "11",
       -3.0),
    _r("rejects", "conflict", "rejects", "Rejects a proposal, demand or the legitimacy of.",
       "REJECT", "12", -4.0),
    _r("opposes", "conflict", "opposes", "Opposes or resists.", "REJECT", "12", -4.0),
    _r("warns", "conflict", "warns", "Issues a warning to.", "THREATEN", "13", -5.0),
    _r("pressures", "conflict", "pressures", "Applies pressure or coercion to.", "COERCE", "17",
       -5.0),
    _r("demandsFrom", "conflict", "makes demands of", "Demands something of.", "DEMAND", "10",
       -2.0),
    _r("mobilizesAgainst", "conflict", "mobilizes against",
       "Deploys or mobilizes forces against.", "MOBILIZE", "15", -6.0),
    _r("protestsAgainst", "conflict", "protests against", "Protests against.", "PROTEST", "14",
       -4.0),
    # communication
    _r("meetsWith", "communication", "meets with", "Meets in person.", "CONSULT", "04", 1.0,
       symmetric=True),
    _r("talksWith", "communication", "talks with", "Holds talks, calls or consultations.",
       "CONSULT", "04", 1.0, symmetric=True),
    _r("negotiatesWith", "communication", "negotiates with", "Negotiates with.", "CONSULT", "04",
       2.0, symmetric=True),
    _r("visits", "communication", "visits", "Visits a country or organization.", "CONSULT",
       "04", 2.0),
    _r("urges", "communication", "urges", "Urges or appeals to.", "DEMAND", "02", -1.0),
    _r("asks", "communication", "asks", "Asks or requests.", "DEMAND", "02", 0.0),
    _r("informs", "communication", "informs", "Tells, briefs or informs.", "CONSULT", "01", 0.5),
    # affiliation
    _r("leaderOf", "affiliation", "leader of", "Leads a state, government or organization.",
       "", "", 0.0),
    _r("holdsPosition", "affiliation", "holds position in",
       "Holds a position (the title is kept) in a state or organization.", "", "", 0.0),
    _r("memberOf", "affiliation", "member of", "Is a member of an organization or alliance.",
       "", "", 0.0),
    _r("represents", "affiliation", "represents", "Speaks for or represents.", "", "", 0.0),
    _r("partOf", "affiliation", "part of", "A government body of a state or organization.",
       "", "", 0.0),
    _r("citizenOf", "affiliation", "citizen of", "A national of a state.", "", "", 0.0),
    _r("worksFor", "affiliation", "works for", "Is employed by.", "", "", 0.0),
    # location
    _r("locatedIn", "location", "located in", "Is located in a place.", "", "", 0.0),
    _r("territoryOf", "location", "territory of", "A territory administered by a state.",
       "", "", 0.0),
    _r("basedIn", "location", "based in", "An organization or person based in a place.",
       "", "", 0.0),
)  # fmt: skip

RELATIONS: dict[str, Relation] = {r.name: r for r in _TABLE}


def relation(name: str) -> Relation:
    """Return the relation called ``name``.

    Raises:
        OntologyError: ``name`` is not a relation of the ontology.
    """
    try:
        return RELATIONS[name]
    except KeyError:
        valid = ", ".join(sorted(RELATIONS))
        msg = f"unknown relation {name!r}; expected one of: {valid}"
        raise OntologyError(msg) from None


def is_open(name: str) -> bool:
    """Return whether ``name`` is an open (lexicon-less) relation such as ``open:deploy``."""
    return name.startswith(OPEN_PREFIX)


def category_of(name: str) -> Category | None:
    """Return the category of relation ``name``, or ``None`` for an open relation.

    Raises:
        OntologyError: ``name`` is neither open nor in the ontology.
    """
    if is_open(name):
        return None
    return relation(name).category


def check_category(name: str) -> Category:
    """Return ``name`` as a category, or raise listing the valid ones.

    Raises:
        OntologyError: ``name`` is not one of the five categories.
    """
    for category in CATEGORIES:
        if category == name:
            return category
    msg = f"unknown category {name!r}; expected one of: {', '.join(CATEGORIES)}"
    raise OntologyError(msg)
