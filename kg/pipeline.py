"""Orchestration: articles in, per-article results out, in input order.

Articles are read lazily and cut into batches. For each batch, results already in the
cache (:mod:`kg.cache`) are taken from it; the rest go to an executor
(:mod:`kg.executors`: this process, a process pool or a Dask cluster), which runs
:func:`process_articles` on them: each article is cut into chunks the parser handles
comfortably (at paragraph, then sentence, then word boundaries), parsed with
``nlp.pipe`` in batches bounded by characters as well as texts (the parser holds a whole
batch at once, so a worker's peak memory follows the batch's length), extracted and
resolved. A bounded number of batches is in flight, so
memory does not grow with the corpus, and every finished batch is stored in the cache in
one transaction. Results come out in input order, one :class:`~kg.types.ArticleResult`
per article, identical whichever executor made them.
"""

from __future__ import annotations

import functools
import itertools
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from kg.extract import DocFacts, extract_doc
from kg.extract.gender import first_name_genders
from kg.extract.hybrid import DEFAULT_EXTRACTOR
from kg.nlp import load_pipeline
from kg.resolve import resolve_article
from kg.types import Article, ArticleResult

if TYPE_CHECKING:
    from kg.cache import ResultCache
    from kg.executors import Executor, PendingResults

__all__ = [
    "BATCH_CHARS",
    "CHUNK_CHARS",
    "BuildStats",
    "iter_results",
    "parse_batches",
    "process_articles",
    "recase_lowercase",
    "split_text",
]

_T = TypeVar("_T")

CHUNK_CHARS = 20_000
# The characters of one parse batch (texts are added while the batch stays under it; a text
# longer than it goes alone). 32 texts of up to CHUNK_CHARS each held 670 MiB in a worker at
# the peak, parsed this way 450-550 MiB, in the same time.
BATCH_CHARS = 20_000
_BREAKS = (
    re.compile(r"\n\s*\n"),
    re.compile(r"\n"),
    re.compile(r"(?<=[.!?])\s+"),
    re.compile(r"\s"),
)


def split_text(text: str, *, max_chars: int = CHUNK_CHARS) -> list[tuple[str, int]]:
    """Cut ``text`` into (chunk, offset) pairs of at most ``max_chars`` characters.

    Cuts fall at paragraph breaks where possible, else at line breaks, sentence
    ends, spaces, and as a last resort anywhere.

    Example:
        >>> split_text("a b. c d.", max_chars=5)
        [('a b.', 0), ('c d.', 5)]
    """
    chunks: list[tuple[str, int]] = []
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + max_chars)
        if end < n:
            window = text[start:end]
            cut = -1
            for pattern in _BREAKS:
                matches = [m for m in pattern.finditer(window) if m.start() > max_chars // 4]
                if matches:
                    cut = matches[-1].start()
                    break
            if cut > 0:
                end = start + cut
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            chunks.append((stripped, start + lead))
        start = end
    return chunks


# A text with fewer capitals than this share of its letters was written in lower case.
_LOWER_CASE_TEXT = 0.02
_LONGEST_PHRASE = 5
_WORD = re.compile(r"[a-z][a-z-]*")
_SENTENCE_START = re.compile(r"(?:\A|[.!?]\s+|\n\s*\n|\n\s{2,})\s*([a-z])")


@functools.lru_cache(maxsize=1)
def _cased_phrases() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Gazetteer names by their lower-case words: ``("world", "bank") -> ("World", "Bank")``.

    Names, demonyms and capitals of any length, other aliases of two words or more; never a
    word of three letters or fewer alone ("us" is no "US").
    """
    from kg.gazetteer import load_gazetteer

    out: dict[tuple[str, ...], tuple[str, ...]] = {}
    for form, _, kind in load_gazetteer().phrases():
        words = tuple(form.split())
        if not all(_WORD.fullmatch(w.lower()) for w in words):
            continue
        if len(words) == 1 and (kind not in ("name", "demonym", "capital") or len(form) < 4):
            continue
        if len(words) <= _LONGEST_PHRASE and any(w[:1].isupper() for w in words):
            out.setdefault(tuple(w.lower() for w in words), words)
    return out


# A link's hover card pasted into the text (The Hill): a name, the person's full name glued to
# the headlines of related stories, and "MORE": "Sen. Jack Reed John (Jack) Francis
# ReedOvernight Defense: ... MORE (D-R.I.)". Some cards keep a space after the full name
# ("Speaker Paul Ryan Paul Davis Ryan Retirees should say ... MORE's office"); those are
# read after the glued ones, and the card must repeat the word before the visible surname
# ("Paul"; "Chris" in "Christopher (Chris) Andrew Coons") and not go on as the visible name
# does ("Sheila Jackson Lee Sheila Jackson Lee Consequential" is not a card of "Jackson").
_LINK_CARD = re.compile(
    r"(?P<before>[\w.'’-]+)[ \t]+(?P<last>[A-Z][\w'’-]+)[ \t]+"
    r"(?P<card>(?P<full>(?:[A-Z(][\w.'’()-]*[ \t]+){0,4})(?P=last)(?P<gap>[ \t]?)"
    r"(?P<next>[A-Z0-9'‘“][^\s]*)[^\n]{0,800}?[ \t]MORE)(?![A-Za-z])"
)


def _is_card(match: re.Match[str], *, spaced: bool) -> bool:
    if not spaced:
        return not match.group("gap")
    if not match.group("gap"):
        return False
    full = match.group("full").split()
    before = match.group("before").lower()
    return (
        bool(full)
        and match.group("next") != full[0]
        and any(word.strip("()").lower().startswith(before) for word in full)
    )


def blank_link_cards(text: str) -> str:
    """Blank the hover cards of links that a page's text kept, keeping the length.

    Example:
        >>> text = "Rep. Mark Meadows Mark Randall MeadowsDemocrats seize on it MORE (R-N.C.)"
        >>> " ".join(blank_link_cards(text).split())
        'Rep. Mark Meadows (R-N.C.)'
        >>> text = "Speaker Paul Ryan Paul Davis Ryan Retirees should say no MORE's office"
        >>> " ".join(blank_link_cards(text).split())
        "Speaker Paul Ryan 's office"
    """
    if " MORE" not in text:
        return text
    for spaced in (False, True):
        chars = list(text)
        pos = 0
        while (match := _LINK_CARD.search(text, pos)) is not None:
            if not _is_card(match, spaced=spaced):
                pos = match.start("last")
                continue
            chars[match.start("card") : match.end("card")] = " " * len(match.group("card"))
            pos = match.end()
        text = "".join(chars)
    return text


def recase_lowercase(text: str) -> str:
    """Give a text written all in lower case the capitals the tagger needs to see names.

    Some wires come in lower case ("a senior world bank official said ... bolivia's state oil
    company"); the tagger finds no name there. Sentences get their first capital and the
    gazetteer's names theirs; the length never changes, so offsets stay valid. A text with
    capitals is returned as it is.

    Example:
        >>> recase_lowercase("a senior world bank official said bolivia should invest more "
        ...                  "in oil. " * 4)[:60]
        'A senior World Bank official said Bolivia should invest more'
    """
    letters = sum(ch.isalpha() for ch in text)
    if not letters or sum(ch.isupper() for ch in text) > _LOWER_CASE_TEXT * letters:
        return text
    chars = list(text)
    phrases = _cased_phrases()
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST_PHRASE, len(words) - i), 0, -1):
            span = words[i : i + n]
            if any(text[a.end() : b.start()].strip() for a, b in itertools.pairwise(span)):
                continue  # words of one name stand side by side
            cased = phrases.get(tuple(m.group() for m in span))
            if cased is None or any(
                len(c) != len(m.group()) for c, m in zip(cased, span, strict=True)
            ):
                continue
            for c, m in zip(cased, span, strict=True):
                chars[m.start() : m.start() + len(c)] = c
            i += n - 1
            break
        i += 1
    for match in _SENTENCE_START.finditer(text):
        chars[match.start(1)] = chars[match.start(1)].upper()
    return "".join(chars)


# A line shouted in capitals: at least this many words of two letters or more, nearly all
# written in capitals ("SESSIONS SIDES WITH BARR OVER FBI'S 'SPYING' ON TRUMP CAMPAIGN").
_SHOUTED_WORDS = 3
_SHOUTED_SHARE = 0.8
_LETTERS = re.compile(r"[A-Za-z]+")
_LINE = re.compile(r"[^\n]+")
_MID_SENTENCE = re.compile(r"[^\s.!?:\"“”‘'(\[-]")  # what a word inside a sentence follows
# Capitals-only words this short the text does not explain stay as written: "GOP", "DOJ".
_ACRONYM_LETTERS = 3
# Abbreviated titles a surname follows in a shouted line: "REP. ILHAN OMAR".
_NAME_TITLES = frozenset({"rep", "sen", "gov", "gen", "dr", "mr", "mrs", "ms", "pres", "lt", "col"})


def _is_shouted(line: str) -> bool:
    words = [w for w in _LETTERS.findall(line) if len(w) >= 2]
    capitals = sum(w.isupper() for w in words)
    return len(words) >= _SHOUTED_WORDS and capitals >= _SHOUTED_SHARE * len(words)


def _written_forms(
    text: str, shouted: Sequence[tuple[int, int]]
) -> tuple[dict[str, str], set[str]]:
    """How the text writes its words outside the shouted lines.

    Returns the capitalized form of each word seen capitalized inside a sentence ("Barr",
    "FBI", "McEntee"; a sentence's first word says nothing), and the words seen in lower case.
    """
    cased: dict[str, str] = {}
    lower: set[str] = set()
    pos = 0
    for start, end in [*shouted, (len(text), len(text))]:
        for match in _LETTERS.finditer(text, pos, start):
            word = match.group()
            if word.islower():
                lower.add(word)
                continue
            k = match.start() - 1
            while k >= 0 and text[k] in " \t":
                k -= 1
            if k >= 0 and _MID_SENTENCE.match(text[k]) and text[match.start() - 1] not in "'’":
                cased.setdefault(word.lower(), word)
        pos = end
    return cased, lower


def recase_shouted(text: str) -> str:
    r"""Give the lines a text shouts in capitals the case the tagger needs to see names.

    News pages keep the headlines of related stories in capitals ("SESSIONS SIDES WITH BARR
    OVER FBI'S 'SPYING' ON TRUMP CAMPAIGN"), where the tagger finds few names and invents
    others ("DEM BILLIONAIRE" a person). A line of three words or more, four in five of them
    in capitals, is written again word by word: the gazetteer's names in its case ("White
    House", "NATO"); else a word as the rest of the text writes it inside a sentence ("Barr"
    where the article names William Barr, "FBI"); else a title ("REP."), a given name and
    the name after them with a capital ("Ilhan Omar"); else a word of up to three capitals
    that no other rule explains as written ("GOP"); else lower case. The line's first
    letter is a capital. The length never changes, so offsets stay valid.

    Example:
        >>> recase_shouted("Jeff Sessions backed William Barr.\n\nSESSIONS SIDES WITH BARR "
        ...                "OVER FBI'S SPYING\n\nThe FBI said it sides with nobody.")[36:78]
        "Sessions sides with Barr over FBI's spying"
    """
    shouted = [(m.start(), m.end()) for m in _LINE.finditer(text) if _is_shouted(m.group())]
    if not shouted:
        return text
    from spacy.lang.en.stop_words import STOP_WORDS

    cased, lower = _written_forms(text, shouted)
    phrases = _cased_phrases()
    given = first_name_genders()
    chars = list(text)
    for start, end in shouted:
        words = list(_LETTERS.finditer(text, start, end))
        name_words = 0  # a title's name (two words) or a given name's surname (one) follows
        i = 0
        while i < len(words):
            n = _recase_phrase(text, words, i, phrases, chars)
            if n:
                i += n
                name_words = 0
                continue
            word = words[i].group()
            key = word.lower()
            dotted = text[words[i].end() : words[i].end() + 1] == "."
            form = cased.get(key)
            if form is None or len(form) != len(word):
                known = phrases.get((key,), ("",))[0]
                if text[words[i].start() - 1 : words[i].start()] in ("'", "’"):
                    form = key  # "FBI'S"
                elif len(known) == len(word):
                    form = known  # "NATO", "Venezuela"
                elif key in given or name_words or (dotted and key in _NAME_TITLES):
                    form = word.capitalize()  # "ILHAN OMAR", "REP."
                elif key in lower or key in STOP_WORDS:
                    form = key
                elif word.isupper() and len(word) <= _ACRONYM_LETTERS and not dotted:
                    form = word  # "GOP"
                else:
                    form = key
            name_words = max(0, name_words - 1)
            if dotted and key in _NAME_TITLES:
                name_words = 2
            elif key in given and form[:1].isupper():
                name_words = max(name_words, 1)
            chars[words[i].start() : words[i].end()] = form
            i += 1
        first = words[0].start() if words else start
        chars[first] = chars[first].upper()
    return "".join(chars)


def _recase_phrase(
    text: str,
    words: Sequence[re.Match[str]],
    i: int,
    phrases: dict[tuple[str, ...], tuple[str, ...]],
    chars: list[str],
) -> int:
    """Write the gazetteer's longest name starting at ``words[i]`` in its case; its length."""
    for n in range(min(_LONGEST_PHRASE, len(words) - i), 1, -1):
        span = words[i : i + n]
        if any(text[a.end() : b.start()] != " " for a, b in itertools.pairwise(span)):
            continue
        form = phrases.get(tuple(m.group().lower() for m in span))
        if form is None or any(len(c) != len(m.group()) for c, m in zip(form, span, strict=True)):
            continue
        for c, m in zip(form, span, strict=True):
            chars[m.start() : m.end()] = c
        return n
    return 0


# spaCy does not promise that one pipeline may parse in two threads at once; threads of
# one process share the GIL anyway, so a worker with several threads parses in turn.
_PIPELINE_LOCK = threading.Lock()


def process_articles(
    articles: Sequence[Article],
    *,
    model: str | None = None,
    batch_size: int = 32,
    extractor: str = DEFAULT_EXTRACTOR,
) -> list[ArticleResult]:
    """Parse, extract and resolve ``articles``; the unit of work of every executor.

    The pipeline (and the relation model, if used) is loaded on the first call in a
    process and kept.

    Args:
        articles: The articles.
        model: spaCy pipeline name (see :func:`kg.nlp.model_name`).
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`kg.extract.extract_doc`).

    Returns:
        One result per article, in order.
    """

    def chunks() -> Iterator[tuple[str, tuple[int, int, bool]]]:
        for index, article in enumerate(articles):
            parts = split_text(blank_link_cards(recase_shouted(recase_lowercase(article.text))))
            if not parts:
                yield "", (index, 0, True)
                continue
            for k, (text, offset) in enumerate(parts):
                yield text, (index, offset, k == len(parts) - 1)

    results: list[ArticleResult] = []
    pending: list[DocFacts] = []
    with _PIPELINE_LOCK:
        nlp = load_pipeline(model)
        for batch in parse_batches(chunks(), batch_size=batch_size):
            for doc, (index, offset, last) in nlp.pipe(
                batch, as_tuples=True, batch_size=len(batch)
            ):
                pending.append(extract_doc(doc, offset=offset, extractor=extractor))
                if last:
                    results.append(resolve_article(articles[index], pending))
                    pending = []
    return results


def parse_batches(
    texts: Iterable[tuple[str, _T]], *, batch_size: int = 32, max_chars: int = BATCH_CHARS
) -> Iterator[list[tuple[str, _T]]]:
    """Group (text, context) pairs into parse batches of at most ``batch_size`` texts.

    A batch also stays under ``max_chars`` characters unless one text alone is longer: the
    parser holds every text of a batch at once.

    Example:
        >>> [[t for t, _ in b] for b in parse_batches(
        ...     [("aaa", 0), ("bb", 1), ("c", 2), ("dddd", 3)], batch_size=2, max_chars=4)]
        [['aaa'], ['bb', 'c'], ['dddd']]
    """
    batch: list[tuple[str, _T]] = []
    chars = 0
    for item in texts:
        size = len(item[0])
        if batch and (len(batch) >= batch_size or chars + size > max_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += size
    if batch:
        yield batch


@dataclass(slots=True)
class BuildStats:
    """Counts kept while results stream out, for summaries and interrupted builds.

    Attributes:
        parsed: Articles parsed in this run (counted a batch at a time, once its results
            are in the cache, before they are handed on).
        cached: Articles taken from the cache.
        last: Id of the last article whose result came out.
    """

    parsed: int = 0
    cached: int = 0
    last: str = ""

    @property
    def done(self) -> int:
        """Articles done, parsed or cached."""
        return self.parsed + self.cached


@dataclass(slots=True)
class _Batch:
    keys: list[str]
    hits: list[ArticleResult | None]
    pending: PendingResults | None

    def done(self) -> bool:
        return self.pending is None or self.pending.done()


def iter_results(
    articles: Iterable[Article],
    *,
    model: str | None = None,
    batch_size: int = 32,
    n_process: int = 1,
    extractor: str = DEFAULT_EXTRACTOR,
    executor: str | Executor | None = None,
    scheduler: str | None = None,
    cache: ResultCache | None = None,
    progress: Callable[[ArticleResult], None] | None = None,
    stats: BuildStats | None = None,
) -> Iterator[ArticleResult]:
    """Parse, extract and resolve ``articles``, yielding one result per article in order.

    Args:
        articles: The articles, read lazily (a bounded number is held at a time).
        model: spaCy pipeline name (see :func:`kg.nlp.model_name`).
        batch_size: Texts per ``nlp.pipe`` batch (at most; see :data:`kg.pipeline.BATCH_CHARS`).
        n_process: Worker processes (for the ``process`` and ``dask`` executors).
        extractor: ``rules``, ``model`` or ``hybrid`` (see :func:`kg.extract.extract_doc`);
            ignored when ``executor`` is an :class:`Executor` (it carries its own).
        executor: An executor name (see :data:`kg.executors.EXECUTORS`; by default
            ``local`` for one process, else ``process``) or an :class:`Executor`, which the
            caller then closes.
        scheduler: Address of an existing Dask scheduler (with ``executor="dask"``).
        cache: Where results are looked up before parsing and stored after.
        progress: Called with each result as it comes out.
        stats: Updated with counts as results come out.

    Raises:
        ExecutorError: The executor cannot be made, started or reached.
        ModelError: The spaCy pipeline is missing (raised when the first article is parsed).

    Example:
        >>> from kg.types import Article
        >>> empty = [Article(id="a", text=""), Article(id="b", text="")]
        >>> [r.article.id for r in iter_results(empty)]
        ['a', 'b']
    """
    from kg.executors import make_executor
    from kg.extract import check_extractor

    check_extractor(extractor)
    if executor is None or isinstance(executor, str):
        runner = make_executor(
            executor,
            jobs=n_process,
            model=model,
            batch_size=batch_size,
            scheduler=scheduler,
            extractor=extractor,
        )
        owned = True
    else:
        runner, owned = executor, False
    counts = stats if stats is not None else BuildStats()
    window: deque[_Batch] = deque()

    def finish(batch: _Batch) -> Iterator[ArticleResult]:
        fresh = iter(batch.pending.result() if batch.pending is not None else ())
        results = [hit if hit is not None else next(fresh) for hit in batch.hits]
        if cache is not None:
            cache.put_many(
                (key, result)
                for key, result, hit in zip(batch.keys, results, batch.hits, strict=True)
                if hit is None
            )
        # Counted once saved, before the results go on: a build stopped while the graph
        # takes them in reports the articles a rerun will not redo.
        for hit in batch.hits:
            if hit is None:
                counts.parsed += 1
            else:
                counts.cached += 1
        for result in results:
            counts.last = result.article.id
            if progress is not None:
                progress(result)
            yield result

    completed = False
    try:
        source = iter(articles)
        while chunk := list(itertools.islice(source, runner.batch_articles)):
            if cache is not None:
                keys, hits = cache.lookup(chunk)
            else:
                keys, hits = [], [None] * len(chunk)
            todo = [a for a, hit in zip(chunk, hits, strict=True) if hit is None]
            window.append(_Batch(keys, hits, runner.submit(todo) if todo else None))
            while window and (len(window) > runner.capacity or window[0].done()):
                yield from finish(window.popleft())
        while window:
            yield from finish(window.popleft())
        completed = True
    finally:
        if owned:
            runner.close(cancel=not completed)
