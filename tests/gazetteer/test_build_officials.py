"""The gazetteer build's reading of the Phoenix actor dictionary (state officials)."""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest
from scriptload import load_script

ROOT = Path(__file__).resolve().parents[2]

SAMPLE = """\
# a comment line
UNITED_STATES_  [USA]
+AMERICA_
JOHN_KERRY_ # just KERRY is somewhat vague...
+SECRETARY_OF_STATE_JOHN_KERRY_
+SENATOR_JOHN_KERRY_
+JOHN_F._KERRY
\t[USAGOVLEG 850103-130201]
\t[USAGOV >130201]
\t[USAELI]
JOHN_MCCAIN_  # CountryInfo.txt
\t[USAGOVLEG 19870103-20180825]
US_SECRETARY_OF_DEFENSE_
+US_DEFENSE_SECRETARY_
\t[USAGOVMIL]
COLIN_POWELL_  # CountryInfo.txt
\t[USAELI 550101-871123]
\t[USAGOV 010120-050126]
ANCIENT_ENVOY_ONE_
\t[USAGOV 600101-700101]
OLD_MINISTER_
\t[GBRGOV 700101-790101]
PAST_OFFICIAL_
\t[GBRGOV 700101-790101]
NOWHERE_MAN_
\t[XYZGOV 900101-950101]
"""


@pytest.fixture(scope="module")
def build() -> ModuleType:
    return load_script("build_gazetteer")


@pytest.mark.parametrize(
    ("form", "name"),
    [
        ("JOHN_KERRY_", "John Kerry"),
        ("JOHN_MCCAIN_", "John McCain"),
        ("MARTIN_O'MALLEY_", "Martin O'Malley"),
        ("JEAN-CLAUDE_JUNCKER", "Jean-Claude Juncker"),
        ("COLIN_L._POWELL", "Colin L. Powell"),
        # titles, bodies and single words are no person's name
        ("SECRETARY_OF_STATE_JOHN_KERRY_", ""),
        ("US_SECRETARY_OF_DEFENSE_", ""),
        ("KERRY_", ""),
        ("ISLAMIC_REPUBLIC_OF_AFGHANISTAN", ""),
    ],
)
def test_a_dictionary_form_reads_as_a_name(build: ModuleType, form: str, name: str) -> None:
    assert build.phoenix_name(form) == name


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("130201", "2013-02-01"),
        ("850103", "1985-01-03"),
        ("19870103", "1987-01-03"),
        ("20180825", "2018-08-25"),
        ("991340", ""),  # no such day
    ],
)
def test_dictionary_dates(build: ModuleType, text: str, day: str) -> None:
    assert build.phoenix_day(text) == day


def test_entries_give_forms_and_dated_branches(build: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    blocks = list(build.read_phoenix_blocks(path))
    heads = [forms[0] for forms, _ in blocks]
    assert heads[:3] == ["UNITED_STATES_", "JOHN_KERRY_", "JOHN_MCCAIN_"]
    kerry = {forms[0]: codes for forms, codes in blocks}["JOHN_KERRY_"]
    by_iso3 = {"USA": "united-states", "GBR": "united-kingdom"}
    assert build.phoenix_terms(kerry, by_iso3) == [
        ("united-states", "government", "2013-02-01", ""),
        ("united-states", "legislature", "1985-01-03", "2013-02-01"),
    ]
    terms = {forms[0]: build.phoenix_terms(codes, by_iso3) for forms, codes in blocks}
    # "elite" codes and undated codes are no terms; terms ended before 1980 are dropped; a
    # country the gazetteer does not have gives nothing
    assert terms["UNITED_STATES_"] == []
    assert terms["US_SECRETARY_OF_DEFENSE_"] == []
    assert terms["COLIN_POWELL_"] == [("united-states", "government", "2001-01-20", "2005-01-26")]
    assert terms["OLD_MINISTER_"] == []
    assert terms["NOWHERE_MAN_"] == []
    assert terms["JOHN_MCCAIN_"] == [("united-states", "legislature", "1987-01-03", "2018-08-25")]


def test_the_build_reproduces_the_shipped_officials(build: ModuleType, tmp_path: Path) -> None:
    """Build from the shared sources (when present) and compare with the shipped tables."""
    sources = ROOT.parent / "shared" / "gazetteer-sources"
    if not (sources / build.PHOENIX).exists():
        pytest.skip("../shared/gazetteer-sources is not here")
    assert build.main([str(sources), str(tmp_path)]) == 0
    shipped = ROOT / "kg" / "gazetteer" / "data"
    for name in ("entities.tsv", "aliases.tsv", "offices.tsv", "eras.tsv"):
        assert (tmp_path / name).read_bytes() == (shipped / name).read_bytes(), name
