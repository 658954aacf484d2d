"""Bad input, end to end: every bad file is named, the rest of the build goes on.

``tests/data/bad/`` holds small bad files; the big ones (a 50 MB article, a line of
100,000 sentences), a dangling link and a directory loop are made in a temporary folder.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from clirun import run_kg as kg
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.api import build_articles
from kg.errors import InputError
from kg.io import read_articles
from kg.io.readers import truncate
from kg.rdf import serialize, to_rdflib
from kg.types import Article

BAD = Path(__file__).parent / "data" / "bad"

# What the user sees for each bad input: (file, words of the message).
EXPECTED = [
    ("blank.txt", "empty file"),
    ("empty.txt", "empty file"),
    ("picture.txt", "binary file"),
    ("nul-bytes.txt", "binary file (NUL byte at offset 23)"),
    ("malformed.jsonl:2", "malformed JSON"),
    ("malformed.jsonl:3", "expected a JSON object"),
    ("malformed.jsonl:4", "no text"),
    ("columns.csv:3", "expected 3 columns, as in the header, got 1"),
    ("columns.csv:4", "expected 3 columns, as in the header, got 5"),
    ("scripts-only.html", "no text in the HTML"),
    ("no-body.sgm:1", "no BODY"),
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad")
    shutil.copytree(BAD, root / "bad")
    (root / "bad" / "dangling.txt").symlink_to(root / "gone.txt")
    (root / "bad" / "loop").mkdir()
    (root / "bad" / "loop" / "up").symlink_to(root / "bad", target_is_directory=True)
    return root / "bad"


@pytest.fixture(scope="module")
def build(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    out = tmp_path_factory.mktemp("out")
    result = kg("build", str(corpus), "-o", str(out), "--no-progress", "--no-plot", "--no-html")
    assert result.returncode == 0, result.stderr
    return out, result.stdout, result.stderr


@pytest.mark.parametrize(("where", "words"), EXPECTED)
def test_each_bad_input_is_named_with_its_reason(
    build: tuple[Path, str, str], corpus: Path, where: str, words: str
) -> None:
    _, _, stderr = build
    lines = [ln for ln in stderr.splitlines() if f"{corpus / where}:" in ln]
    assert lines, f"nothing said about {where}:\n{stderr}"
    assert any(words in ln for ln in lines), lines


def test_unreadable_file_is_named(build: tuple[Path, str, str], corpus: Path) -> None:
    _, _, stderr = build
    assert f"{corpus / 'dangling.txt'}: broken symbolic link" in stderr


def test_the_rest_of_the_build_goes_on(build: tuple[Path, str, str]) -> None:
    out, stdout, stderr = build
    warned = [ln for ln in stderr.splitlines() if ln.startswith("warning: ")]
    assert f"warnings:   {len(warned)}" in stdout
    rows = [json.loads(ln) for ln in (out / "assertions.jsonl").read_text("utf-8").splitlines()]
    pairs = {(r["subject"]["name"], r["object"]["name"]) for r in rows}
    # good.txt, the decodable text files, the good JSON line and CSV rows all count.
    assert {
        ("Japan", "China"),
        ("Poland", "Belarus"),
        ("France", "Italy"),
        ("Spain", "Morocco"),
        ("Russia", "Ukraine"),
        ("Germany", "Turkey"),
    } <= pairs
    assert ("Kenya", "Uganda") not in pairs  # a row with extra columns is skipped whole
    Graph().parse(out / "graph.ttl", format="turtle")


def test_strict_stops_at_the_first_bad_input(corpus: Path, tmp_path: Path) -> None:
    result = kg("build", str(corpus), "-o", str(tmp_path / "out"), "--strict", "--no-progress")
    assert result.returncode == 2
    assert "error: " in result.stderr and str(corpus) in result.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


def test_a_50_mb_article_is_cut_with_a_warning(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = "Japan criticized China on Monday. "
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(50 * 2**20 // len(sentence)):
            fh.write(sentence)
    assert big.stat().st_size >= 50 * 2**20 - len(sentence)
    [article] = read_articles(big, on_error=lambda e: None)
    assert len(article.text) <= 1_000_000 and article.text.endswith("Monday.")
    out = tmp_path / "out"
    result = kg("build", str(big), "-o", str(out), "--max-chars", "3000", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert f"{big}: article" in result.stderr and "only the first" in result.stderr
    assert "--max-chars" in result.stderr
    assert "Japan" in (out / "graph.ttl").read_text("utf-8")


def test_one_line_of_100000_sentences(tmp_path: Path) -> None:
    line = tmp_path / "line.jsonl"
    text = "Kenya criticized Uganda. " * 100_000
    line.write_text(json.dumps({"id": "long", "text": text}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = kg("build", str(line), "-o", str(out), "--max-chars", "20000", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert f"{line}:1: article 'long' has 2,499,999 characters" in result.stderr
    assert "only the first 19,999 are read" in result.stderr
    assert "Kenya" in (out / "graph.ttl").read_text("utf-8")


def test_repeated_and_clashing_ids_are_told_apart(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text(
        '{"id": "1", "text": "Japan criticized China."}\n'
        '{"id": "1", "text": "Japan criticized China."}\n'
        '{"id": "1", "text": "Russia attacked Ukraine."}\n',
        encoding="utf-8",
    )
    errors: list[InputError] = []
    articles = list(read_articles(tmp_path, on_error=errors.append))
    assert [a.text for a in articles] == ["Japan criticized China.", "Russia attacked Ukraine."]
    assert articles[0].id == "1" and articles[1].id.startswith("1-")
    assert "repeats" in str(errors[0]) and "a.jsonl:2" in str(errors[0])
    assert "is taken by" in str(errors[1]) and "a.jsonl:3" in str(errors[1])


def test_an_article_date_the_api_cannot_read_is_dropped_with_a_warning() -> None:
    # Article objects built by hand skip the readers: "10/10/18" would be compared with
    # ISO days (misdating an office) and written as a malformed xsd:date
    articles = [
        Article(id="a", text="Japan criticized China.", date="10/10/18"),
        Article(id="b", text="Russia criticized Ukraine.", date="2014-05-01T10:00:00Z"),
    ]
    graph = build_articles(articles)
    assert graph.warnings == [
        "article a: date '10/10/18' is not a date kg can read (expected YYYY-MM-DD); "
        "read as undated"
    ]
    dates = {a.evidence.article: a.evidence.date for a in graph.assertions}
    assert dates == {"a": None, "b": "2014-05-01"}
    assert b"10/10/18" not in serialize(graph, "turtle")


def test_truncate_cuts_at_a_sentence_or_a_word() -> None:
    assert truncate("One two three. Four five six.", 20) == ("One two three.", 14)
    assert truncate("One two. Three four five.", 20) == ("One two. Three four", 19)
    assert truncate("abcdefghij", 4) == ("abcd", 4)
    assert truncate("short", 10) == ("short", 5)


def test_html_entities_and_links_are_never_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text(
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        f'<html><body><p>&x; Japan criticized China.</p><img src="file://{secret}">'
        f'<iframe src="{secret}"></iframe><a href="{secret}">link</a></body></html>',
        encoding="utf-8",
    )
    [article] = read_articles(page)
    assert "TOPSECRET" not in article.text
    assert "]>" not in article.text and "DOCTYPE" not in article.text  # no DTD residue
    assert "Japan criticized China." in article.text


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_unreadable_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root reads any file whatever its mode (and CI runs as root), so the refusal is faked
    # where the reader meets it: reading the file's bytes raises PermissionError.
    locked = tmp_path / "locked.txt"
    locked.write_text("Japan criticized China.", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Poland criticized Belarus.", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    errors: list[InputError] = []
    articles = list(read_articles(tmp_path, on_error=errors.append))
    assert [a.text for a in articles] == ["Poland criticized Belarus."]
    assert len(errors) == 1
    assert str(locked) in str(errors[0])
    assert "Permission denied" in str(errors[0])


_HOSTILE = st.sampled_from(
    [
        "Japan",
        "China",
        "North Korea",
        "President Kim Jong Un",
        'The "Quoted" Party',
        "<Acme> & Sons",
        "Mr O'Brien",
        "Björk Guðmundsdóttir",
        "מפלגת העבודה",  # right-to-left text
        "حزب الله",
        "Emoji 🚀 Corp",
        "Group #1 %20",
        "Line\nBreak Union",
        "Tab\tParty",
        "Ministry of " + "Very " * 300 + "Long Names",
        "attacked",
        "met with",
        "criticized",
        "said",
        ".",
        ",",
        "\\",
        "\x0b",
        "\u200b",
    ]
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_HOSTILE, st.text(max_size=12)), min_size=1, max_size=16))
def test_whatever_the_text_the_rdf_parses_back_the_same(words: list[str]) -> None:
    text = " ".join(words)
    graph = build_articles([Article(id="h", text=text, title=text[:80])])
    data = serialize(graph, "turtle")
    parsed = Graph().parse(data=data, format="turtle")
    assert isomorphic(parsed, to_rdflib(graph))
    store = pyoxigraph.Store()
    store.load(data, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(parsed)


def test_same_bytes_whatever_the_process_count_and_input_order(tmp_path: Path) -> None:
    texts = {
        "a.txt": "Japan criticized China on Monday. Tokyo met Seoul.",
        "b.txt": "Russia attacked Ukraine. NATO condemned Moscow.",
        "c.jsonl": '{"id": "c1", "text": "Iran threatened Israel."}\n'
        '{"id": "c2", "text": "Germany and France signed a treaty."}\n',
        "d.txt": "Angela Merkel met Emmanuel Macron in Berlin. Merkel praised Macron.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    files = [str(tmp_path / n) for n in sorted(texts)]
    runs = {
        "j1": ("-j", "1", *files),
        "j2-reversed": ("-j", "2", *reversed(files)),
    }
    outputs = {}
    for label, args in runs.items():
        out = tmp_path / label
        result = kg("build", *args, "-o", str(out), "--no-progress", "--no-plot", "--no-html")
        assert result.returncode == 0, result.stderr
        outputs[label] = [(out / n).read_bytes() for n in ("graph.ttl", "assertions.jsonl")]
    assert outputs["j1"] == outputs["j2-reversed"]
    assert b"Merkel" in outputs["j1"][0]
