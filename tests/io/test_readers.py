from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.io import READERS, Reader, read_articles, reader_for
from kg.io._common import parse_date
from kg.types import Article

BBC = "Labour plans maternity pay rise\n\nMaternity pay is to rise.\n\nMs Hewitt said so.\n"


def read_all(
    *sources: str | Path, text_field: str | None = None, stdin: io.StringIO | None = None
) -> tuple[list[Article], list[InputError]]:
    errors: list[InputError] = []
    articles = list(
        read_articles(sources, text_field=text_field, on_error=errors.append, stdin=stdin)
    )
    return articles, errors


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


# --- plain text -----------------------------------------------------------------------


def test_txt_bbc_headline_becomes_title(tmp_path: Path) -> None:
    path = write(tmp_path / "001.txt", BBC)
    [article] = list(read_articles([path]))
    assert article.title == "Labour plans maternity pay rise"
    assert article.text == "Maternity pay is to rise.\n\nMs Hewitt said so."
    assert article.origin == str(path)
    assert article.id.startswith("001-")
    assert len(article.id) == len("001-") + 12
    assert article.date is None


def test_txt_ids_are_stable_and_follow_content(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", BBC)
    first = [a.id for a in read_articles([path])]
    second = [a.id for a in read_articles([str(path)])]
    assert first == second
    write(path, BBC + "One more line.")
    assert [a.id for a in read_articles([path])] != first


@pytest.mark.parametrize(
    ("content", "title", "text"),
    [
        ("Headline\n\nBody.", "Headline", "Body."),
        ("Headline\r\n\r\nBody.\r\nMore.", "Headline", "Body.\nMore."),
        ("  Headline  \n   \nBody.", "Headline", "Body."),
        ("No headline here.\nBody continues.", "", "No headline here.\nBody continues."),
        ("Only one line.", "", "Only one line."),
        ("Headline\n\n", "", "Headline"),
        ("x" * 300 + "\n\nBody.", "", "x" * 300 + "\n\nBody."),
        ("Old Mac\r\rline ends.", "Old Mac", "line ends."),
    ],
)
def test_txt_title_rule(tmp_path: Path, content: str, title: str, text: str) -> None:
    [article] = list(read_articles([write(tmp_path / "a.txt", content)]))
    assert (article.title, article.text) == (title, text)


def test_md_is_read_as_text(tmp_path: Path) -> None:
    [article] = list(read_articles([write(tmp_path / "notes.md", "# Title\n\nBody *text*.")]))
    assert article.title == "# Title"
    assert article.text == "Body *text*."


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  "], ids=["empty", "whitespace"])
def test_empty_file_is_an_input_error(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path / "empty.txt", content)
    with pytest.raises(InputError, match="empty file") as caught:
        list(read_articles([path]))
    assert caught.value.path == str(path)


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    articles, errors = read_all(path)
    assert articles == []
    assert [e.path for e in errors] == [str(path)]
    assert "binary file" in errors[0].reason


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", "Título\n\nAçaí and Zürich.".encode("utf-16"))
    [article] = list(read_articles([path]))
    assert (article.title, article.text) == ("Título", "Açaí and Zürich.")


def test_utf8_bom_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", "\ufeffHeadline\n\nBody.".encode())
    [article] = list(read_articles([path]))
    assert article.title == "Headline"


def test_broken_utf16_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "u16.txt", b"\xff\xfeA\x00\x00\xd8")  # a lone surrogate
    with pytest.raises(InputError, match="UTF-16"):
        list(read_articles([path]))


def test_invalid_utf8_falls_back_to_latin1(tmp_path: Path) -> None:
    path = write(tmp_path / "old.txt", "Caf\xe9 in S\xe3o Paulo.".encode("latin-1"))
    articles, errors = read_all(path)
    assert errors == []
    assert [a.text for a in articles] == ["Café in São Paulo."]


# --- HTML -----------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html><head><title> Talks   resume </title>
<meta property="article:published_time" content="2017-08-18T10:00:00Z">
<link rel="canonical" href="https://example.org/talks">
<style>p { color: red }</style><script>var secret = "script text";</script></head>
<body>
<header><h1>Site name</h1></header>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
  <h2>Talks   resume</h2>
  <p>The United States and
     Japan met on <b>Thursday</b>.</p>
  <div>Mattis said<br>more.</div>
  <ul><li>One</li><li>Two</li></ul>
  <aside>Related: other story</aside>
  <form><input value="subscribe">Subscribe</form>
  <p>&ldquo;Fire &amp; fury,&rdquo; he said.<script>alert(1)</script></p>
</article>
<footer>Copyright</footer>
</body></html>
"""


def test_html_article_text_without_boilerplate(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    [article] = list(read_articles([path]))
    assert article.title == "Talks resume"
    assert article.text == (
        "Talks resume\n\nThe United States and Japan met on Thursday.\n\nMattis said\n\nmore."
        "\n\nOne\n\nTwo\n\n\u201cFire & fury,\u201d he said."
    )
    for dropped in ("script text", "Home", "Related", "Subscribe", "Copyright", "alert"):
        assert dropped not in article.text
    assert article.date == "2017-08-18"
    assert article.url == "https://example.org/talks"
    assert article.id == next(iter(read_articles([path]))).id


def test_html_falls_back_to_main_body_and_h1(tmp_path: Path) -> None:
    main = "<body><nav>menu</nav><h1>Head</h1><main><p>In main.</p></main><p>Out.</p></body>"
    body = "<body><h1>Head</h1><p>One.</p><p>Two.</p></body>"
    [from_main, from_body] = list(
        read_articles([write(tmp_path / "a.htm", main), write(tmp_path / "b.html", body)])
    )
    assert (from_main.title, from_main.text) == ("Head", "In main.")
    assert (from_body.title, from_body.text) == ("Head", "Head\n\nOne.\n\nTwo.")


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = '<meta charset="windows-1252"><p>\u201cQuoted\u201d caf\xe9</p>'.encode("cp1252")
    [article] = list(read_articles([write(tmp_path / "a.html", page)]))
    assert article.text == "\u201cQuoted\u201d caf\xe9"


def test_html_without_text_is_an_input_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.html", "<html><body><nav>Only menu</nav><script>x</script>")
    with pytest.raises(InputError, match="no text"):
        list(read_articles([path]))


def test_html_deep_nesting_does_not_recurse(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.html", "<span>" * 5000 + "deep" + "</span>" * 5000)
    [article] = list(read_articles([path]))
    assert article.text == "deep"


# --- JSON Lines -----------------------------------------------------------------------

JSONL_LINES = [
    '{"ID": "ro10J5wpg170cnMc", "title": " Obama\'s  finale ", "content_original": '
    '"President Obama spoke.\\r\\nThen left.", "date": "2016-01-11", '
    '"url": "http://example.org/1", "source": "Washington Times"}',
    "",
    "{not json",
    '{"id": 42, "text": "Answer.", "source": {"name": "Reuters"}, "date": "Aug 18, 2017"}',
    '["a", "list"]',
    '{"title": "no text here"}',
    '{"text": 7}',
    '{"text": "   "}',
    '{"body": "Derived id.", "date": "someday"}',
]


def test_jsonl_records_and_errors_with_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "news.jsonl", "\n".join(JSONL_LINES) + "\n")
    articles, errors = read_all(path)
    assert [e.line for e in errors] == [3, 5, 6, 7, 8]
    assert all(e.path == str(path) for e in errors)
    assert "malformed JSON" in errors[0].reason
    assert "expected a JSON object, got list" in errors[1].reason
    assert "no text" in errors[2].reason
    assert "must be a string" in errors[3].reason
    first, second, third = articles
    assert first == Article(
        id="ro10J5wpg170cnMc",
        text="President Obama spoke.\nThen left.",
        title="Obama's finale",
        date="2016-01-11",
        source="Washington Times",
        url="http://example.org/1",
        origin=f"{path}:1",
    )
    assert (second.id, second.source, second.date, second.origin) == (
        "42",
        "Reuters",
        "2017-08-18",
        f"{path}:4",
    )
    assert third.id.startswith("news-")
    assert third.date is None
    assert [a.id for a in read_all(path)[0]] == [a.id for a in articles]


def test_jsonl_text_field(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "short", "full": "The full text."}\n{"text": "x"}')
    articles, errors = read_all(path, text_field="full")
    assert [a.text for a in articles] == ["The full text."]
    assert [e.line for e in errors] == [2]
    assert "'full'" in errors[0].reason


def test_jsonl_invalid_utf8_line_is_reported_and_skipped(tmp_path: Path) -> None:
    data = b'{"text": "caf\xe9"}\n{"text": "fine"}\n'
    articles, errors = read_all(write(tmp_path / "a.jsonl", data))
    assert [a.text for a in articles] == ["fine"]
    assert [(e.line, "UTF-8" in e.reason) for e in errors] == [(1, True)]


def test_jsonl_without_on_error_raises_the_first_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", '{"text": "ok"}\n{oops\n{"text": "never"}\n')
    seen: list[Article] = []
    with pytest.raises(InputError) as caught:
        seen.extend(read_articles([path]))
    assert [a.text for a in seen] == ["ok"]
    assert (caught.value.path, caught.value.line) == (str(path), 2)


def test_on_error_that_raises_stops_reading_and_is_called_once(tmp_path: Path) -> None:
    path = write(tmp_path / "a.jsonl", "{oops\n{oops\n")
    calls: list[InputError] = []

    def stop(error: InputError) -> None:
        calls.append(error)
        raise error

    with pytest.raises(InputError):
        list(read_articles([path, tmp_path / "missing.txt"], on_error=stop))
    assert [e.line for e in calls] == [1]


def test_pretty_printed_json_is_one_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '[\n  {"text": "a"}\n]\n')
    articles, errors = read_all(path)
    assert articles == []
    assert len(errors) == 1
    assert "pretty-printed JSON" in errors[0].reason


def test_json_suffix_is_read_as_json_lines(tmp_path: Path) -> None:
    articles, _ = read_all(write(tmp_path / "a.json", '{"text": "one"}\n{"text": "two"}\n'))
    assert [a.text for a in articles] == ["one", "two"]


def test_jsonl_gz(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "a", "text": "One."}\n\n{"text": "Two."}\n'))
    articles, errors = read_all(path)
    assert errors == []
    assert [(a.id, a.origin) for a in articles][0] == ("a", f"{path}:1")
    assert articles[1].id.startswith("news-")  # the stem drops the whole .jsonl.gz


def test_truncated_gzip_yields_what_it_can_then_errors(tmp_path: Path) -> None:
    lines = b"".join(b'{"text": "Article number %d."}\n' % i for i in range(2000))
    data = gzip.compress(lines)
    path = write(tmp_path / "cut.jsonl.gz", data[: len(data) * 2 // 3])
    articles, errors = read_all(path)
    assert 0 < len(articles) < 2000
    assert [a.text for a in articles] == [f"Article number {i}." for i in range(len(articles))]
    assert len(errors) == 1
    assert "gzip" in errors[0].reason
    assert errors[0].path == str(path)


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.jsonl.gz", '{"text": "not compressed"}\n')
    with pytest.raises(InputError, match="gzip"):
        list(read_articles([path]))


# --- CSV ------------------------------------------------------------------------------


def test_csv_rows_with_wrong_column_counts_and_missing_text(tmp_path: Path) -> None:
    content = (
        "id,title,text,date\r\n"
        "1,First,First text.,2017-08-18\r\n"
        "2,Extra,Text,2017-08-18,surplus\r\n"
        "3,Missing\r\n"
        "\r\n"
        '4,Quoted,"Line one,\r\nline two.",18/08/2017\r\n'
        "5,No text,,2017-08-18\r\n"
        ",Derived,Derived id.,\r\n"
    )
    path = write(tmp_path / "news.csv", content)
    articles, errors = read_all(path)
    assert [(e.line, e.reason.split(",")[0]) for e in errors] == [
        (3, "expected 4 columns"),
        (4, "expected 4 columns"),
        (
            8,
            "no text: expected a non-empty 'text' or 'content' or 'content_original' or 'body'"
            " field",
        ),
    ]
    assert [(a.id, a.title, a.text, a.date, a.origin) for a in articles[:2]] == [
        ("1", "First", "First text.", "2017-08-18", f"{path}:2"),
        ("4", "Quoted", "Line one,\nline two.", "2017-08-18", f"{path}:6"),
    ]
    assert articles[2].id.startswith("news-")
    assert [a.id for a in read_all(path)[0]] == [a.id for a in articles]


def test_csv_long_fields_and_latin1(tmp_path: Path) -> None:
    long_text = "word " * 60_000  # over the csv module's default 128 KiB field limit
    content = f'text,source\n"{long_text}",Caf\xe9 News\n'.encode("latin-1")
    [article] = list(read_articles([write(tmp_path / "big.csv", content)]))
    assert article.text == long_text.strip()
    assert article.source == "Café News"


@pytest.mark.parametrize(
    ("content", "message"),
    [("", "header row"), ("\n\n", "header row"), ("title,url\nA,b\n", "no text column")],
)
def test_csv_needs_a_header_with_a_text_column(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(read_articles([write(tmp_path / "a.csv", content)]))


def test_csv_text_field(tmp_path: Path) -> None:
    path = write(tmp_path / "a.csv", "headline,story\nH,The story.\n")
    [article] = list(read_articles([path], text_field="story"))
    assert article.text == "The story."


# --- Reuters SGML ---------------------------------------------------------------------

SGM = (
    b'<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'
    b'<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" OLDID="5544" NEWID="1">\n'
    b"<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
    b"<TOPICS><D>cocoa</D></TOPICS>\n"
    b"<UNKNOWN> \n&#5;&#5;&#5;C T\n</UNKNOWN>\n"
    b"<TEXT>&#2;\n"
    b"<TITLE>BAHIA COCOA &lt;REVIEW&gt;</TITLE>\n"
    b"<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Showers continued in S\xe3o Paulo\n"
    b"for AT&amp;T &lt;T&gt;.\n Reuter\n&#3;</BODY></TEXT>\n"
    b"</REUTERS>\n"
    b'<REUTERS TOPICS="NO" NEWID="2">\n'
    b"<DATE> 2-MAR-1987 09:00:00.00</DATE>\n"
    b'<TEXT TYPE="BRIEF">&#2;\n<TITLE>HEADLINE ONLY</TITLE>\n</TEXT>\n'
    b"</REUTERS>\n"
)


def line_of(marker: bytes) -> int:
    return SGM[: SGM.index(marker)].count(b"\n") + 1


def test_sgm_records(tmp_path: Path) -> None:
    path = write(tmp_path / "reut2-000.sgm", SGM)
    articles, errors = read_all(path)
    assert articles == [
        Article(
            id="reuters-1",
            text="Showers continued in S\xe3o Paulo\nfor AT&T <T>.\n Reuter",
            title="BAHIA COCOA <REVIEW>",
            date="1987-02-26",
            source="Reuters",
            origin=f"{path}:2",
        )
    ]
    assert [(e.line, e.path) for e in errors] == [(line_of(b'NEWID="2"'), str(path))]
    assert "no BODY" in errors[0].reason


def test_sgm_unterminated_record_and_no_records(tmp_path: Path) -> None:
    cut = write(tmp_path / "cut.sgm", SGM + b'<REUTERS NEWID="3">\n<TEXT><BODY>cut')
    articles, errors = read_all(cut)
    assert [a.id for a in articles] == ["reuters-1"]
    assert [e.line for e in errors] == [line_of(b'NEWID="2"'), SGM.count(b"\n") + 1]
    assert "</REUTERS>" in errors[1].reason
    with pytest.raises(InputError, match="no <REUTERS> record"):
        list(read_articles([write(tmp_path / "none.sgm", b"<HTML>nothing</HTML>")]))


# --- standard input -------------------------------------------------------------------


def test_stdin_plain_text() -> None:
    [article] = list(read_articles(["-"], stdin=io.StringIO(BBC)))
    assert article.title == "Labour plans maternity pay rise"
    assert article.id.startswith("stdin-")
    assert article.id == next(iter(read_articles(["-"], stdin=io.StringIO(BBC)))).id


def test_stdin_json_lines() -> None:
    stdin = io.StringIO('\n  {"id": "a", "text": "One."}\n{bad\n{"text": "Two."}\n')
    articles, errors = read_all("-", stdin=stdin)
    assert [a.text for a in articles] == ["One.", "Two."]
    assert articles[1].id.startswith("stdin-")
    assert [(e.path, e.line) for e in errors] == [("<stdin>", 3)]


def test_stdin_empty() -> None:
    with pytest.raises(InputError, match="empty"):
        list(read_articles(["-"], stdin=io.StringIO("  \n")))


def test_a_path_object_named_dash_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "-", "x")
    with pytest.raises(InputError, match="unknown file type"):
        list(read_articles([Path("-")], stdin=io.StringIO("stdin text")))


# --- sources, directories and the registry ---------------------------------------------


def test_directory_walk_is_sorted_recursive_and_skips_hidden_and_unknown(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    for name in ("b.txt", "a/z.txt", "a/b/y.md", "c.jsonl", ".hidden.txt", ".git/x.txt"):
        write(root / name, '{"text": "json"}' if name.endswith(".jsonl") else f"Text of {name}")
    write(root / "notes.pdf", b"%PDF-1.4")
    write(root / "a" / "README", "no suffix")
    articles, errors = read_all(root)
    assert errors == []
    assert [a.origin for a in articles] == [
        str(root / "a/b/y.md"),
        str(root / "a/z.txt"),
        str(root / "b.txt"),
        f"{root / 'c.jsonl'}:1",
    ]
    assert [a.origin for a in read_all(root)[0]] == [a.origin for a in articles]


def test_directory_symlink_loop_terminates(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "sub" / "a.txt", "Text.")
    (root / "sub" / "loop").symlink_to(root, target_is_directory=True)
    (root / "again").symlink_to(root / "sub", target_is_directory=True)
    articles, errors = read_all(root)
    assert errors == []
    assert [a.origin for a in articles] == [str(root / "again" / "a.txt")]


def test_explicit_unknown_suffix_is_an_error_listing_valid_ones(tmp_path: Path) -> None:
    path = write(tmp_path / "report.pdf", b"%PDF")
    with pytest.raises(InputError) as caught:
        list(read_articles([path]))
    for suffix in (".txt", ".html", ".jsonl.gz", ".csv", ".sgm"):
        assert suffix in str(caught.value)


def test_nonexistent_path_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    present = write(tmp_path / "yes.txt", "Here.")
    articles, errors = read_all(missing, present)
    assert [a.text for a in articles] == ["Here."]
    assert [e.path for e in errors] == [str(missing)]
    with pytest.raises(InputError, match="no such file"):
        list(read_articles([missing]))


def test_a_single_source_is_not_iterated_by_character(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", "Text.")
    assert [a.text for a in read_articles(str(path))] == ["Text."]
    assert [a.text for a in read_articles(path)] == ["Text."]


def test_relative_paths_are_kept_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "d" / "a.txt", "Text.")
    monkeypatch.chdir(tmp_path)
    [article] = list(read_articles(["d"]))
    assert article.origin == os.path.join("d", "a.txt")


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("a.txt", ".txt"),
        ("A.TXT", ".txt"),
        ("a.md", ".txt"),
        ("a.htm", ".html"),
        ("x.jsonl.gz", ".jsonl"),
        ("x.json", ".jsonl"),
        ("reut2-000.sgm", ".sgm"),
        ("t.csv", ".csv"),
    ],
)
def test_reader_for(name: str, suffix: str) -> None:
    assert reader_for(name) is READERS[suffix]


def test_reader_for_unknown_suffix() -> None:
    with pytest.raises(InputError, match=r"expected one of \.csv, \.htm, \.html"):
        reader_for("archive.tar.gz")


def test_registry_is_consistent() -> None:
    for suffix, reader in READERS.items():
        assert suffix in reader.suffixes
        assert suffix == suffix.lower()
        assert callable(reader.read)
    typed: Reader = READERS[".txt"]  # the registry's values satisfy the protocol
    assert typed.suffixes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-08-18", "2017-08-18"),
        ("2017-08-18T14:03:00+02:00", "2017-08-18"),
        ("2017/8/1", "2017-08-01"),
        ("20170818", "2017-08-18"),
        (" 26-FEB-1987 15:01:01.79", "1987-02-26"),
        ("18 August 2017", "2017-08-18"),
        ("Tue, 22 Aug 2017 10:00:00 GMT", "2017-08-22"),
        ("Sept. 5, 2017", "2017-09-05"),
        ("18/08/2017", "2017-08-18"),
        ("08/18/2017", "2017-08-18"),
        ("05/06/2017", None),
        ("2017-02-30", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20170818, None),
    ],
)
def test_parse_date(value: object, expected: str | None) -> None:
    assert parse_date(value) == expected


# --- arbitrary bytes ------------------------------------------------------------------

PREFIXES = [
    b"",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"Headline\n\n",
    b'{"text": "',
    b'{"id": 1, "text": "ok"}\n',
    b"id,text\n",
    b'text\n"',
    b'<REUTERS NEWID="1"><TEXT><BODY>',
    b"<html><body><article><p>",
    b"\x1f\x8b\x08\x00",
]
SUFFIXES = [".txt", ".md", ".html", ".jsonl", ".jsonl.gz", ".json", ".csv", ".sgm"]


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzz")


@settings(max_examples=50, deadline=None, database=None)
@given(
    prefix=st.sampled_from(PREFIXES),
    payload=st.binary(max_size=600),
    suffix=st.sampled_from(SUFFIXES),
    compress=st.booleans(),
)
def test_arbitrary_bytes_raise_only_input_error(
    fuzz_dir: Path, prefix: bytes, payload: bytes, suffix: str, compress: bool
) -> None:
    data = prefix + payload
    if compress and suffix == ".jsonl.gz":
        data = gzip.compress(data)
    path = write(fuzz_dir / f"input{suffix}", data)
    errors: list[InputError] = []
    articles = list(read_articles([path, fuzz_dir], on_error=errors.append))
    assert all(isinstance(e, InputError) for e in errors)
    for article in articles:
        assert article.text == article.text.strip()
        assert "\r" not in article.text
        assert article.id
    try:
        list(read_articles([path]))
    except InputError:
        pass
