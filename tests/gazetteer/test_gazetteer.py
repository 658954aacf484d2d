from __future__ import annotations

import doctest
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.gazetteer
from kg.errors import InputError, OntologyError
from kg.gazetteer import Gazetteer, is_acronym, load_gazetteer, surface_key
from kg.ids import entity_id, normalize_name

STOPWORDS = {
    "he", "she", "it", "they", "we", "you", "i", "him", "her", "them", "the", "a", "an",
    "of", "in", "on", "at", "to", "by", "no", "is", "as", "us", "or", "and", "said",
    "president", "minister", "prime minister", "foreign minister", "king", "queen",
    "government", "military", "army", "state", "country", "ministry", "defence ministry",
    "foreign ministry", "senate", "house", "parliament", "forces", "troops",
}  # fmt: skip
SHORT_ACRONYMS = {"AU", "EC", "EU", "G7", "G8", "NY", "UK", "UN", "US"}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def _table(name: str) -> list[list[str]]:
    text = resources.files("kg.gazetteer").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


# --- lookup ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entity", "qid", "kind"),
    [
        ("United States", "united-states", "Q30", "name"),
        ("the United States", "united-states", "Q30", "name"),
        ("U.S.", "united-states", "Q30", "acronym"),
        ("US", "united-states", "Q30", "acronym"),
        ("USA", "united-states", "Q30", "acronym"),
        ("America", "united-states", "Q30", "alias"),
        ("United States of America", "united-states", "Q30", "alias"),
        ("Washington", "united-states", "Q30", "capital"),
        ("the White House", "united-states", "Q30", "metonym"),
        ("American", "united-states", "Q30", "demonym"),
        ("the United States'", "united-states", "Q30", "name"),
        ("Japan", "japan", "Q17", "name"),
        ("Japanese", "japan", "Q17", "demonym"),
        ("Tokyo", "japan", "Q17", "capital"),
        ("North Korea", "north-korea", "Q423", "name"),
        ("North Korea’s", "north-korea", "Q423", "name"),
        ("North Korea's", "north-korea", "Q423", "name"),
        ("DPRK", "north-korea", "Q423", "acronym"),
        ("D.P.R.K.", "north-korea", "Q423", "acronym"),
        ("North Korean", "north-korea", "Q423", "demonym"),
        ("Pyongyang", "north-korea", "Q423", "capital"),
        ("South Korea", "south-korea", "Q884", "name"),
        ("Seoul", "south-korea", "Q884", "capital"),
        ("China", "china", "Q148", "name"),
        ("Chinese", "china", "Q148", "demonym"),
        ("Beijing", "china", "Q148", "capital"),
        ("the Kremlin", "russia", "Q159", "metonym"),
        ("Russian Federation", "russia", "Q159", "alias"),
        ("Britain", "united-kingdom", "Q145", "alias"),
        ("U.K.", "united-kingdom", "Q145", "acronym"),
        ("Downing Street", "united-kingdom", "Q145", "metonym"),
        ("Namibia", "namibia", "Q1030", "name"),
        ("U.N.", "united-nations", "Q1065", "acronym"),
        ("UN", "united-nations", "Q1065", "acronym"),
        ("United Nations", "united-nations", "Q1065", "name"),
        ("the United Nations'", "united-nations", "Q1065", "name"),
        ("NATO", "nato", "Q7184", "name"),
        ("Nato", "nato", "Q7184", "alias"),
        ("North Atlantic Treaty Organization", "nato", "Q7184", "alias"),
        ("EU", "european-union", "Q458", "acronym"),
        ("E.U.", "european-union", "Q458", "acronym"),
        ("European Union", "european-union", "Q458", "name"),
        ("Security Council", "united-nations-security-council", "Q37470", "alias"),
        ("U.N. Security Council", "united-nations-security-council", "Q37470", "alias"),
        ("IAEA", "international-atomic-energy-agency", "Q41984", "acronym"),
        ("WHO", "world-health-organization", "Q7817", "acronym"),
        ("European Commission", "european-commission", "Q8880", "name"),
        ("G20", "group-of-twenty", "Q19771", "acronym"),
        ("G7", "group-of-seven", "Q1764511", "acronym"),
        ("State Department", "united-states-department-of-state", "Q789915", "alias"),
        ("the Pentagon", "united-states-department-of-defense", "Q11209", "alias"),
        ("Donald Trump", "donald-trump", "Q22686", "name"),
        ("Kim Jong-un", "kim-jong-un", "Q56226", "name"),
        ("Kim Jong Un", "kim-jong-un", "Q56226", "alias"),
        ("Shinzo Abe", "shinzo-abe", "Q132345", "name"),
        # armed groups, however spelled
        ("al Qaeda", "al-qaeda", "Q34490", "alias"),
        ("Al-Qaida", "al-qaeda", "Q34490", "alias"),
        ("ISIS", "islamic-state", "Q2429253", "acronym"),
    ],
)
def test_lookup_kind(gaz: Gazetteer, text: str, entity: str, qid: str, kind: str) -> None:
    found = gaz.lookup_kind(text)
    assert found is not None, text
    entry, got_kind = found
    assert (entry.id, entry.qid, got_kind) == (entity, qid, kind)
    assert gaz.lookup(text) == entry


@pytest.mark.parametrize(
    "text",
    ["us", "Us", "in", "IN", "it", "IT", "no", "NO", "as", "AS", "he", "the", "who", "un",
     "president", "Defence Ministry", "military", "", "   ", "George Bush"],
)  # fmt: skip
def test_lookup_rejects_words_codes_and_relative_forms(gaz: Gazetteer, text: str) -> None:
    assert gaz.lookup(text) is None


def test_acronyms_are_case_sensitive(gaz: Gazetteer) -> None:
    assert gaz.lookup("US") == gaz.get("united-states")
    assert gaz.lookup("us") is None
    assert gaz.lookup("UN") == gaz.get("united-nations")
    assert gaz.lookup("un") is None
    assert gaz.lookup("WHO") == gaz.get("world-health-organization")
    assert gaz.lookup("who") is None
    assert is_acronym("U.S.") and is_acronym("DPRK") and not is_acronym("Nato")
    assert surface_key("U.S.", case_sensitive=True) == "US"


def test_capitals_and_metonyms_return_the_country(gaz: Gazetteer) -> None:
    for text, country in [("Tokyo", "japan"), ("Pyongyang", "north-korea"), ("Moscow", "russia")]:
        entry = gaz.lookup(text)
        assert entry is not None and entry.id == country and entry.type == "Country"


def test_country_fields(gaz: Gazetteer) -> None:
    us = gaz.get("united-states")
    assert us is not None
    assert (us.name, us.type, us.qid, us.iso2, us.iso3) == (
        "United States",
        "Country",
        "Q30",
        "US",
        "USA",
    )
    assert {"U.S.", "USA", "America", "Washington", "White House", "American"} <= set(us.aliases)
    assert "United States" not in us.aliases
    assert us.aliases == tuple(sorted(us.aliases))


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Japanese", "japan"),
        ("North Korean", "north-korea"),
        ("U.S.", "united-states"),
        ("US", "united-states"),
        ("American", "united-states"),
        ("Chinese", "china"),
        ("British", "united-kingdom"),
        ("Israeli", "israel"),
        ("Palestinian", "palestine"),
    ],
)
def test_demonym(gaz: Gazetteer, text: str, country: str) -> None:
    entry = gaz.demonym(text)
    assert entry is not None and entry.id == country


def test_demonym_only_takes_demonyms(gaz: Gazetteer) -> None:
    assert gaz.demonym("Japan") is None
    assert gaz.demonym("us") is None
    # shared by both Congos, so dropped rather than guessed
    assert gaz.demonym("Congolese") is None


# --- government bodies -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "body", "country"),
    [
        ("China's Defence Ministry", "ministry-of-national-defense-china", "china"),
        ("China’s Defense Ministry", "ministry-of-national-defense-china", "china"),
        ("the Japanese Defence Ministry", "ministry-of-defense-japan", "japan"),
        ("Japan's Foreign Ministry", "ministry-of-foreign-affairs-japan", "japan"),
        ("Russian Foreign Ministry", "ministry-of-foreign-affairs-russia", "russia"),
        ("U.S. military", "united-states-armed-forces", "united-states"),
        ("North Korean military", "korean-people-s-army", "north-korea"),
        ("South Korea's Defense Ministry", "ministry-of-national-defense-south-korea",
         "south-korea"),
        ("U.S. State Department", "united-states-department-of-state", "united-states"),
        ("Beijing's Foreign Ministry", "ministry-of-foreign-affairs-china", "china"),
        ("Moscow's Defence Ministry", "ministry-of-defence-russia", "russia"),
        # central banks: by name, by their own short names, and as their state's
        ("Federal Reserve Board", "federal-reserve", "united-states"),
        ("the Fed", "federal-reserve", "united-states"),
        ("BOJ", "bank-of-japan", "japan"),
        ("Japan's central bank", "bank-of-japan", "japan"),
        ("the Bundesbank", "deutsche-bundesbank", "germany"),
        ("the West German central bank", "deutsche-bundesbank", "germany"),
        ("British central bank", "bank-of-england", "united-kingdom"),
        ("Bank of Sudan", "central-bank-of-sudan", "sudan"),
        # the devolved parliaments and governments, under their names before and after
        ("the Scottish Executive", "scottish-government", "united-kingdom"),
        ("Scottish Parliament", "scottish-parliament", "united-kingdom"),
        ("the Welsh Assembly", "senedd", "united-kingdom"),
        ("Welsh Assembly Government", "welsh-government", "united-kingdom"),
        ("Northern Ireland Assembly", "northern-ireland-assembly", "united-kingdom"),
        # the US departments and agencies of the news
        ("EPA", "environmental-protection-agency", "united-states"),
        ("U.S. Labor Department", "united-states-department-of-labor", "united-states"),
        ("ICE", "u-s-immigration-and-customs-enforcement", "united-states"),
        ("HHS", "united-states-department-of-health-and-human-services", "united-states"),
        ("Iran's Quds Force", "quds-force", "iran"),
    ],
)  # fmt: skip
def test_country_relative_bodies(gaz: Gazetteer, text: str, body: str, country: str) -> None:
    entry = gaz.lookup(text)
    assert entry is not None and entry.id == body
    assert entry.type == "Organization" and entry.country == country


def test_relative_body(gaz: Gazetteer) -> None:
    japan_mod = gaz.relative_body("Defence Ministry", "japan")
    assert japan_mod is not None and japan_mod.id == "ministry-of-defense-japan"
    assert gaz.relative_body("the Defense Ministry", "japan") == japan_mod
    state = gaz.relative_body("Foreign Ministry", "united-states")
    assert state is not None and state.qid == "Q789915"
    assert gaz.relative_body("Defence Ministry", "nauru") is None
    assert gaz.relative_body("Defence Ministry", "no-such-country") is None
    labor = gaz.relative_body("Labor Department", "united-states")
    assert labor is not None and labor.id == "united-states-department-of-labor"
    assert gaz.relative_body("Labor Department", "china") is None
    bank = gaz.relative_body("central bank", "germany")
    assert bank is not None and bank.id == "deutsche-bundesbank"


def test_split_forms_report_country_relative(gaz: Gazetteer) -> None:
    found = gaz.lookup_kind("Beijing's Foreign Ministry")
    assert found is not None and found[1] == "country_relative"


# --- offices -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("country", "role", "date", "person", "qid"),
    [
        ("united-states", "head_of_state", "2017-08-18", "donald-trump", "Q22686"),
        ("united-states", "head_of_state", "2022-01-01", "joe-biden", "Q6279"),
        ("united-states", "head_of_government", "2021-01-20", "joe-biden", "Q6279"),
        ("united-states", "head_of_state", "2021-01-19", "donald-trump", "Q22686"),
        ("japan", "head_of_government", "2017-08-18", "shinzo-abe", "Q132345"),
        ("north-korea", "head_of_state", "2017-08-18", "kim-jong-un", "Q56226"),
        ("united-kingdom", "head_of_state", "2017-08-18", "elizabeth-ii", "Q9682"),
        ("russia", "foreign_minister", "2022-06-01", "sergey-lavrov", "Q58217"),
    ],
)
def test_office_holder(
    gaz: Gazetteer, country: str, role: str, date: str, person: str, qid: str
) -> None:
    entry = gaz.office_holder(country, role, date)
    assert entry is not None and (entry.id, entry.qid, entry.type) == (person, qid, "Person")


def test_office_holder_misses_and_errors(gaz: Gazetteer) -> None:
    assert gaz.office_holder("united-states", "head_of_state", "1970-01-01") is None
    assert gaz.office_holder("atlantis", "head_of_state", "2017-08-18") is None
    assert gaz.office_holder("united-states", "head_of_state", "2017-08-18T12:00:00Z") is not None
    with pytest.raises(OntologyError, match="king"):
        gaz.office_holder("united-states", "king", "2017-08-18")
    with pytest.raises(InputError, match="ISO date"):
        gaz.office_holder("united-states", "head_of_state", "18/08/2017")


def test_consecutive_cabinets_are_merged(gaz: Gazetteer) -> None:
    abe = [t for t in gaz.offices("shinzo-abe") if t.role == "head_of_government"]
    assert [(t.start, t.end) for t in abe] == [
        ("2006-09-26", "2007-09-25"),
        ("2012-12-26", "2020-09-16"),
    ]


def test_person_entries(gaz: Gazetteer) -> None:
    trump = gaz.get("donald-trump")
    assert trump is not None and trump.country == "united-states"
    queen = gaz.get("elizabeth-ii")
    assert queen is not None and queen.country == "united-kingdom"
    assert entity_id("Donald Trump", "Person", known=True) == "donald-trump"


# --- phrases -----------------------------------------------------------------------------


def test_phrases_leave_out_ambiguous_and_relative_forms(gaz: Gazetteer) -> None:
    phrases = set(gaz.phrases())
    assert {
        ("U.S.", "united-states", "acronym"),
        ("U.S.", "united-states", "demonym"),
        ("Japanese", "japan", "demonym"),
        ("Pyongyang", "north-korea", "capital"),
        ("Kim Jong Un", "kim-jong-un", "alias"),
    } <= phrases
    forms = {(text, ident) for text, ident, _kind in phrases}
    assert ("Jordan", "jordan") not in forms
    assert gaz.lookup("Jordan") == gaz.get("jordan")
    assert ("Defence Ministry", "ministry-of-defense-japan") not in forms
    assert all(kind != "country_relative" for _text, _ident, kind in phrases)


# --- data files --------------------------------------------------------------------------


def test_no_alias_is_a_short_word_or_stopword() -> None:
    for ident, kind, alias, cs, _ambiguous in _table("aliases.tsv")[1:]:
        if kind == "country_relative":
            continue
        key = normalize_name(alias)
        if cs == "1":  # matched only in capitals: "US" is the country, "us" is nothing
            assert is_acronym(alias), (ident, alias)
            assert len(key) >= 3 or key.upper() in SHORT_ACRONYMS, (ident, alias)
        else:
            assert not is_acronym(alias), (ident, alias)
            assert key not in STOPWORDS and len(key) >= 3, (ident, alias)


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("entities.tsv", ["id", "type", "name", "qid", "country", "iso2", "iso3"]),
        ("aliases.tsv", ["id", "kind", "alias", "case_sensitive", "ambiguous"]),
        ("offices.tsv", ["person", "country", "role", "start", "end"]),
    ],
)
def test_data_files_are_sorted_and_unique(name: str, header: list[str]) -> None:
    rows = _table(name)
    assert rows[0] == header
    body = rows[1:]
    assert all(len(row) == len(header) for row in body)
    if name == "offices.tsv":
        key = [(r[1], r[2], r[3], r[0], r[4]) for r in body]
    else:
        key = [tuple(r) for r in body]
    assert key == sorted(key)
    assert len(set(key)) == len(key)


def test_entity_ids_and_qids_are_unique() -> None:
    rows = _table("entities.tsv")[1:]
    ids = [r[0] for r in rows]
    qids = [r[3] for r in rows if r[3]]
    assert len(ids) == len(set(ids))
    assert len(qids) == len(set(qids))
    assert all(q.startswith("Q") and q[1:].isdigit() for q in qids)
    types = {r[1] for r in rows}
    assert types == {"Country", "Group", "Organization", "Person", "Place"}


def test_every_entry_is_reachable_by_its_name(gaz: Gazetteer) -> None:
    unreachable = [e.id for e in gaz.entries() if gaz.lookup(e.name) not in (e, None)]
    # a name may be dropped when two entities share it, but never point elsewhere
    assert unreachable == []


def test_licences_ship_with_the_data() -> None:
    text = resources.files("kg.gazetteer").joinpath("data", "LICENSES.md").read_text("utf-8")
    for licence in ("ODbL", "CC BY-SA 4.0", "CC0", "MIT"):
        assert licence in text


# --- properties --------------------------------------------------------------------------


@given(st.text(max_size=40))
def test_lookup_never_raises(text: str) -> None:
    gaz = load_gazetteer()
    entry = gaz.lookup(text)
    assert entry is None or entry.id in gaz


@given(st.sampled_from(["North Korea", "U.N.", "Japanese", "Kremlin", "NATO", "Tokyo"]))
def test_article_and_possessive_do_not_change_the_answer(text: str) -> None:
    gaz = load_gazetteer()
    assert gaz.lookup(f"the {text}") == gaz.lookup(text) == gaz.lookup(f"{text}’s")


def test_docstring_examples() -> None:
    result = doctest.testmod(kg.gazetteer, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_state_officials_have_the_branches_they_served_in(gaz: Gazetteer) -> None:
    kerry = gaz.lookup("John Kerry")
    assert kerry is not None and kerry.type == "Person" and kerry.country == "united-states"
    terms = {(t.role, t.start, t.end) for t in gaz.offices(kerry.id)}
    assert ("legislature", "1985-01-03", "2013-02-01") in terms
    assert any(role == "government" and start == "2013-02-01" for role, start, _ in terms)
    # a leader the leader sources have keeps their seats beside the dictionary's branches
    obama = gaz.lookup("Barack Obama")
    assert obama is not None and obama.qid == "Q76"
    assert {"head_of_state", "head_of_government"} <= {t.role for t in gaz.offices(obama.id)}
    # the branches are no seats: nobody "holds" the government on a day
    assert gaz.office_holder("united-states", "head_of_state", "2014-01-01") == obama
    with pytest.raises(OntologyError, match="head_of_state"):
        gaz.office_holder("united-states", "government", "2014-01-01")


def test_officials_known_only_from_the_event_dictionary_are_no_typo_targets(
    gaz: Gazetteer,
) -> None:
    # a leader with a QID is corrected to; an official without one is not
    assert gaz.near("Vladimir Puttin", ["Person"]) == gaz.lookup("Vladimir Putin")
    hagel = gaz.lookup("Chuck Hagel")
    assert hagel is not None and hagel.qid is None
    assert gaz.near("Chuck Hagle", ["Person"]) is None
