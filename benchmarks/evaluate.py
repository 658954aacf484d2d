"""Evaluate kg's relation extraction against public benchmarks, per relation category.

Run from the project root::

    .venv/bin/python benchmarks/evaluate.py [--shared ../shared]
        [--dataset crossre-news|crossre-politics|conll04|petrarch2|all]
        [--limit N] [--json OUT] [--examples N] [--model NAME] [--extractor rules|model|hybrid]

Each benchmark sentence becomes one :class:`kg.types.Article` (all of a dataset's
sentences go to one ``build_articles`` call); the assertions that come back are
compared with the gold relations, mapped onto kg's five categories (cooperation,
conflict, communication, affiliation, location).

Gold label mappings
-------------------
CrossRE (dev; labels seen in news-dev and politics-dev, plus ``usage`` from the
CrossRE label set of 17):

- ``role``, ``general-affiliation`` -> affiliation
- ``physical``, ``part-of`` -> location
- ``opposite`` -> conflict
- dropped (out of scope): ``named``, ``temporal``, ``artifact``, ``origin``,
  ``type-of``, ``related-to``, ``cause-effect``, ``usage``, ``compare``, ``topic``,
  ``social``, ``win-defeat``. ``win-defeat`` is close to conflict, but in news-dev it
  is almost all sports results ("Leicestershire beat Somerset") and in politics-dev
  mostly election results (a party or candidate winning an election), neither of
  which is a conflict relation between actors, so it stays out. ``social`` (family,
  friendship, personal ties) fits no category. Any other label is dropped and counted.

CoNLL04 (dev): ``Work_For`` -> affiliation; ``OrgBased_In``, ``Located_In``,
``Live_In`` -> location; ``Kill`` -> conflict.

PETRARCH2 (``PETR.UnitTest.records.xml`` and ``GigaWord.sample.PETR.xml``), by CAMEO
root (the first two digits of ``eventcode``): 01 make statement, 02 appeal, 03 express
intent to cooperate, 04 consult, 09 investigate -> communication; 05 diplomatic
cooperation, 06 material cooperation, 07 aid, 08 yield -> cooperation; 10-20 ->
conflict. Codes whose first two digits are outside 01-20 (the
unit tests' private verb codes such as ``903`` or ``345``) are dropped. Records are
skipped when ``sentence="false"`` (not part of the test run), when a coding says
``noevents="True"`` or carries an ``error`` (``dateline``, ``bad_input_parse``,
``storydiscard``, ``sentencediscard``). Of the rest, a record is kept when at least one
coding has a source and a target code that both begin with a real ISO 3166-1 alpha-3
code (the gazetteer's iso3 set, or the ``ISO3166-1-Alpha-3`` column of
``gazetteer-sources/countries/datasets-country-codes.csv`` if the gazetteer has none);
its other codings (fictional actors, militant groups) are dropped from the gold.
``ERI`` is excluded: in these files it is the fictional Eriador, never Eritrea. The
GigaWord sample has no codings at all, so it contributes no kept records.

Scoring
-------
Only facts are scored (``Assertion.is_fact``: not negated, modality asserted or
reported); a second line says how many non-fact assertions would have matched, and
what the overall figures would be with them. Open relations (``open:<lemma>``, no
category) are never predictions in the category rows; an "open" line counts them and
how many of them touch a gold pair.

For token datasets the sentence text is the tokens joined by single spaces; gold
spans become character spans. A prediction matches a gold relation of the same
category when the subject span overlaps the head span and the object span overlaps
the tail span (directed), or either way round (undirected). Undirected is the
headline; directed F1 is given beside it. Predictions and gold relations are first
deduplicated on their exact (category, ends), ordered for the directed score and
unordered for the undirected one, and then matched one to one (maximum bipartite
matching within a sentence and category), so no gold relation is matched twice and no
prediction counts twice.

For PETRARCH2 the ends are countries: the subject's and object's entities are mapped to
an ISO3 code (a Country entry's iso3, else the iso3 of the ``country`` of a body or
person in the gazetteer, else no code, which never matches), compared with the first
three letters of the source and target codes. Only predictions from kept records count.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

if TYPE_CHECKING:
    from kg.graph import KnowledgeGraph
    from kg.types import Assertion

PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"
CATEGORIES = ("cooperation", "conflict", "communication", "affiliation", "location")
DATASETS = ("crossre-news", "crossre-politics", "conll04", "petrarch2")

CROSSRE_MAP = {
    "role": "affiliation",
    "general-affiliation": "affiliation",
    "physical": "location",
    "part-of": "location",
    "opposite": "conflict",
}
CROSSRE_DROPPED = frozenset(
    {
        "named",
        "temporal",
        "artifact",
        "origin",
        "type-of",
        "related-to",
        "cause-effect",
        "usage",
        "compare",
        "topic",
        "social",
        "win-defeat",
    }
)
CONLL04_MAP = {
    "Work_For": "affiliation",
    "OrgBased_In": "location",
    "Located_In": "location",
    "Live_In": "location",
    "Kill": "conflict",
}
# CAMEO roots (two digits) -> category.
CAMEO_ROOTS = {
    **{f"{r:02d}": "communication" for r in (1, 2, 3, 4, 9)},
    **{f"{r:02d}": "cooperation" for r in (5, 6, 7, 8)},
    **{f"{r:02d}": "conflict" for r in range(10, 21)},
}
PETRARCH_FILES = ("PETR.UnitTest.records.xml", "GigaWord.sample.PETR.xml")
PETRARCH_ERRORS = ("dateline", "bad_input_parse", "storydiscard", "sentencediscard")
# Codes that are valid ISO3 but name fictional actors in the PETRARCH validation files.
FICTIONAL_ISO_COLLISIONS = {"ERI": "Eriador"}

# An end of a relation: a character span (start, end) or a country code.
End = tuple[int, int] | str


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Gold:
    category: str
    head: End
    tail: End
    label: str
    head_text: str
    tail_text: str


@dataclass(frozen=True, slots=True)
class Pred:
    category: str | None
    subj: End
    obj: End
    relation: str
    rule: str
    fact: bool
    subj_text: str
    obj_text: str
    note: str = ""


@dataclass(slots=True)
class Example:
    id: str
    text: str
    golds: list[Gold]
    date: str | None = None
    preds: list[Pred] = field(default_factory=list)


@dataclass(slots=True)
class Dataset:
    name: str
    split: str
    examples: list[Example]
    notes: list[str] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class Tally:
    gold: int = 0
    pred: int = 0
    correct: int = 0

    def add(self, other: Tally) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.correct += other.correct

    @property
    def precision(self) -> float:
        return self.correct / self.pred if self.pred else 0.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "pred": self.pred,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


# --------------------------------------------------------------------------- readers


def token_offsets(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with single spaces; return the text and each token's char span."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for tok in tokens:
        spans.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return " ".join(tokens), spans


def _require(path: Path) -> Path:
    if not path.is_file():
        msg = f"{path}: benchmark file not found (use --shared to point at the shared folder)"
        raise SystemExit(msg)
    return path


def read_crossre(path: Path, name: str) -> Dataset:
    examples: list[Example] = []
    dropped: Counter[str] = Counter()
    with _require(path).open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                msg = f"{path}:{line_no}: bad JSON ({exc})"
                raise SystemExit(msg) from exc
            text, spans = token_offsets(rec["sentence"])
            golds: list[Gold] = []
            for rel in rec["relations"]:
                hs, he, ts, te, label = rel[:5]
                category = CROSSRE_MAP.get(label)
                if category is None:
                    dropped[label] += 1
                    continue
                head = (spans[hs][0], spans[he][1])
                tail = (spans[ts][0], spans[te][1])
                golds.append(
                    Gold(category, head, tail, label, text[slice(*head)], text[slice(*tail)])
                )
            examples.append(Example(f"{name}:{len(examples):04d}", text, golds))
    ds = Dataset(name, "dev", examples, dropped=dropped)
    unknown = sorted(set(dropped) - CROSSRE_DROPPED)
    if unknown:
        ds.notes.append(f"labels not in the documented mapping, dropped: {', '.join(unknown)}")
    return ds


def read_conll04(path: Path) -> Dataset:
    try:
        records = json.loads(_require(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        msg = f"{path}: bad JSON ({exc})"
        raise SystemExit(msg) from exc
    examples: list[Example] = []
    dropped: Counter[str] = Counter()
    for rec in records:
        text, spans = token_offsets(rec["tokens"])
        ents = [(spans[e["start"]][0], spans[e["end"] - 1][1]) for e in rec["entities"]]
        golds = []
        for rel in rec["relations"]:
            category = CONLL04_MAP.get(rel["type"])
            if category is None:
                dropped[rel["type"]] += 1
                continue
            head, tail = ents[rel["head"]], ents[rel["tail"]]
            golds.append(
                Gold(category, head, tail, rel["type"], text[slice(*head)], text[slice(*tail)])
            )
        examples.append(Example(f"conll04:{len(examples):04d}", text, golds))
    return Dataset("conll04", "dev", examples, dropped=dropped)


def iso3_codes(shared: Path) -> tuple[set[str], str]:
    """Return the real ISO3 codes (upper case) and where they came from."""
    from kg.gazetteer import load_gazetteer

    codes = {e.iso3.upper() for e in load_gazetteer().entries() if e.type == "Country" and e.iso3}
    if codes:
        return codes, "gazetteer"
    path = _require(shared / "gazetteer-sources" / "countries" / "datasets-country-codes.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        codes = {
            row["ISO3166-1-Alpha-3"].strip().upper()
            for row in csv.DictReader(fh)
            if re.fullmatch(r"[A-Za-z]{3}", (row.get("ISO3166-1-Alpha-3") or "").strip())
        }
    return codes, path.name


def parse_trusted_xml(path: Path) -> ElementTree.Element:
    """Parse a local XML file, refusing any DTD (and so any entity declaration)."""
    data = _require(path).read_bytes()
    if re.search(rb"<!\s*(DOCTYPE|ENTITY)", data, re.IGNORECASE):
        msg = f"{path}: declares a DTD or entities; refusing to parse it"
        raise SystemExit(msg)
    try:
        return ElementTree.fromstring(data)  # noqa: S314 - trusted local file, no DTD
    except ElementTree.ParseError as exc:
        msg = f"{path}: malformed XML ({exc})"
        raise SystemExit(msg) from exc


def read_petrarch(folder: Path, iso3: set[str]) -> Dataset:
    real = iso3 - set(FICTIONAL_ISO_COLLISIONS)
    examples: list[Example] = []
    skipped: Counter[str] = Counter()
    dropped: Counter[str] = Counter()
    for file_name in PETRARCH_FILES:
        root = parse_trusted_xml(folder / file_name)
        for sent in root.iter("Sentence"):
            sid = sent.get("id", "?")
            node = sent.find("Text")
            text = " ".join((node.text or "").split()) if node is not None else ""
            codings = sent.findall("EventCoding")
            if (sent.get("sentence") or "").strip().lower() == "false":
                skipped['sentence="false"'] += 1
                continue
            if any((c.get("noevents") or "").strip().lower() == "true" for c in codings):
                skipped["noevents"] += 1
                continue
            errors = [c.get("error") for c in codings if c.get("error")]
            if errors:
                skipped[f"error={errors[0]}"] += 1
                continue
            if not codings:
                skipped[f"no codings ({file_name})"] += 1
                continue
            if not text:
                skipped["no text"] += 1
                continue
            golds: list[Gold] = []
            lost: Counter[str] = Counter()
            for c in codings:
                src = (c.get("sourcecode") or "").strip()
                tgt = (c.get("targetcode") or "").strip()
                code = (c.get("eventcode") or "").strip()
                if src[:3] not in real or tgt[:3] not in real:
                    lost["coding with a non-country actor (in a kept record)"] += 1
                    continue
                category = CAMEO_ROOTS.get(code[:2])
                if category is None:
                    lost[f"eventcode {code} (root outside 01-20)"] += 1
                    continue
                golds.append(Gold(category, src[:3], tgt[:3], code, src, tgt))
            if not golds:
                skipped["no real-country coding in a CAMEO root 01-20"] += 1
                continue
            dropped.update(lost)
            raw_date = sent.get("date", "").strip()
            date = (
                f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}"
                if re.fullmatch(r"\d{8}", raw_date)
                else None
            )
            examples.append(Example(f"petrarch2:{sid}", text, golds, date))
    notes = ["skipped records: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items()))]
    return Dataset("petrarch2", "unit tests", examples, notes=notes, dropped=dropped)


# --------------------------------------------------------------------------- extraction


def _import_kg() -> None:
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))


def extract(ds: Dataset, model: str | None, extractor: str = "rules") -> KnowledgeGraph:
    from kg.api import build_articles
    from kg.types import Article

    articles = [Article(id=ex.id, text=ex.text, date=ex.date, source=ds.name) for ex in ds.examples]
    return build_articles(articles, model=model, extractor=extractor)


def _category(relation: str) -> str | None:
    from kg.errors import OntologyError
    from kg.ontology import category_of

    try:
        return category_of(relation)
    except OntologyError:
        return None


def span_pred(a: Assertion) -> Pred:
    return Pred(
        _category(a.relation),
        (a.subject.start, a.subject.end),
        (a.object.start, a.object.end),
        a.relation,
        a.rule,
        a.is_fact,
        a.subject.text,
        a.object.text,
    )


def country_mapper() -> Callable[[str], str | None]:
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()

    def iso3_of(entity_id: str) -> str | None:
        entry = gaz.get(entity_id)
        if entry is None:
            return None
        if entry.type == "Country":
            return entry.iso3.upper() if entry.iso3 else None
        if entry.country:
            state = gaz.get(entry.country)
            if state is not None and state.iso3:
                return state.iso3.upper()
        return None

    return iso3_of


def country_pred(a: Assertion, iso3_of: Callable[[str], str | None]) -> Pred:
    s, o = iso3_of(a.subject.id), iso3_of(a.object.id)
    return Pred(
        _category(a.relation),
        s or f"?{a.subject.id}",
        o or f"?{a.object.id}",
        a.relation,
        a.rule,
        a.is_fact,
        a.subject.text,
        a.object.text,
        note=f"{s or '-'}->{o or '-'}",
    )


# --------------------------------------------------------------------------- scoring


def ends_match(gold_end: End, pred_end: End) -> bool:
    if isinstance(gold_end, tuple) and isinstance(pred_end, tuple):
        return gold_end[0] < pred_end[1] and pred_end[0] < gold_end[1]
    return gold_end == pred_end


def relation_match(g: Gold, p: Pred, *, directed: bool) -> bool:
    if ends_match(g.head, p.subj) and ends_match(g.tail, p.obj):
        return True
    return not directed and ends_match(g.head, p.obj) and ends_match(g.tail, p.subj)


def _key(category: str | None, a: End, b: End, directed: bool) -> tuple[Any, ...]:
    if directed:
        return (category, a, b)
    return (category, *sorted((a, b), key=repr))


def dedupe_golds(golds: Iterable[Gold], directed: bool) -> list[Gold]:
    seen: dict[tuple[Any, ...], Gold] = {}
    for g in golds:
        seen.setdefault(_key(g.category, g.head, g.tail, directed), g)
    return list(seen.values())


def dedupe_preds(preds: Iterable[Pred], directed: bool) -> list[Pred]:
    """Merge predictions with the same category and ends; a fact wins over a non-fact."""
    seen: dict[tuple[Any, ...], Pred] = {}
    for p in preds:
        key = _key(p.category, p.subj, p.obj, directed)
        if key not in seen or (p.fact and not seen[key].fact):
            seen[key] = p
    return list(seen.values())


def max_matching(edges: list[list[int]], n_right: int) -> list[int]:
    """Kuhn's algorithm; return, for each right node, its left partner or -1."""
    match_right = [-1] * n_right

    def augment(u: int, seen: set[int]) -> bool:
        for v in edges[u]:
            if v in seen:
                continue
            seen.add(v)
            if match_right[v] == -1 or augment(match_right[v], seen):
                match_right[v] = u
                return True
        return False

    for u in range(len(edges)):
        augment(u, set())
    return match_right


@dataclass(slots=True)
class SentenceScore:
    tallies: dict[str, Tally]
    matched_preds: list[Pred]
    unmatched_preds: list[Pred]
    unmatched_golds: list[Gold]


def score_sentence(golds: list[Gold], preds: list[Pred], *, directed: bool) -> SentenceScore:
    golds = dedupe_golds(golds, directed)
    preds = dedupe_preds((p for p in preds if p.category is not None), directed)
    tallies = {c: Tally() for c in CATEGORIES}
    matched: list[Pred] = []
    lost_preds: list[Pred] = []
    lost_golds: list[Gold] = []
    for category in CATEGORIES:
        gs = [g for g in golds if g.category == category]
        ps = [p for p in preds if p.category == category]
        edges = [[j for j, g in enumerate(gs) if relation_match(g, p, directed=directed)]
                 for p in ps]  # fmt: skip
        partner = max_matching(edges, len(gs))
        hit_p = {u for u in partner if u >= 0}
        tallies[category] = Tally(len(gs), len(ps), len(hit_p))
        matched += [p for i, p in enumerate(ps) if i in hit_p]
        lost_preds += [p for i, p in enumerate(ps) if i not in hit_p]
        lost_golds += [g for j, g in enumerate(gs) if partner[j] < 0]
    return SentenceScore(tallies, matched, lost_preds, lost_golds)


def overall(tallies: dict[str, Tally]) -> Tally:
    total = Tally()
    for t in tallies.values():
        total.add(t)
    return total


@dataclass(slots=True)
class Report:
    name: str
    split: str
    sentences: int
    seconds: float
    undirected: dict[str, Tally]
    directed: dict[str, Tally]
    all_assertions: dict[str, Tally]
    nonfact_preds: int
    nonfact_matched: int
    open_facts: int
    open_touching: int
    by_rule: dict[str, list[int]]
    false_positives: list[dict[str, Any]]
    false_negatives: list[dict[str, Any]]
    dropped: Counter[str]
    notes: list[str]

    def to_json(self) -> dict[str, Any]:
        def rows(t: dict[str, Tally]) -> dict[str, Any]:
            return {**{c: t[c].to_json() for c in CATEGORIES}, "overall": overall(t).to_json()}

        return {
            "split": self.split,
            "sentences": self.sentences,
            "seconds": round(self.seconds, 2),
            "undirected": rows(self.undirected),
            "directed": rows(self.directed),
            "all_assertions_undirected": rows(self.all_assertions),
            "non_facts": {"categorized": self.nonfact_preds, "would_match": self.nonfact_matched},
            "open": {"facts": self.open_facts, "touching_gold": self.open_touching},
            "by_rule": {r: {"correct": c, "pred": n} for r, (c, n) in sorted(self.by_rule.items())},
            "gold_dropped": dict(sorted(self.dropped.items())),
            "notes": self.notes,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
        }


def _fmt_gold(g: Gold) -> str:
    return f"{g.head_text} -[{g.label}/{g.category}]-> {g.tail_text}"


def _fmt_pred(p: Pred) -> str:
    note = f" {{{p.note}}}" if p.note else ""
    flag = "" if p.fact else " (non-fact)"
    return (
        f"{p.subj_text} -[{p.relation}/{p.category or 'open'}]-> {p.obj_text}"
        f" ({p.rule}){note}{flag}"
    )


def evaluate(ds: Dataset, graph: KnowledgeGraph, seconds: float, *, n_examples: int) -> Report:
    by_article: dict[str, list[Assertion]] = defaultdict(list)
    for a in graph.assertions:
        by_article[a.evidence.article].append(a)
    iso3_of = country_mapper() if ds.name == "petrarch2" else None

    und = {c: Tally() for c in CATEGORIES}
    dire = {c: Tally() for c in CATEGORIES}
    alla = {c: Tally() for c in CATEGORIES}
    nonfact_preds = nonfact_matched = open_facts = open_touching = 0
    by_rule: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    fps: list[dict[str, Any]] = []
    fns: list[dict[str, Any]] = []
    for ex in ds.examples:
        assertions = by_article.get(ex.id, [])
        if iso3_of is not None:
            ex.preds = [country_pred(a, iso3_of) for a in assertions]
        else:
            ex.preds = [span_pred(a) for a in assertions]
        facts = [p for p in ex.preds if p.fact]
        s_und = score_sentence(ex.golds, facts, directed=False)
        s_dir = score_sentence(ex.golds, facts, directed=True)
        s_all = score_sentence(ex.golds, ex.preds, directed=False)
        for c in CATEGORIES:
            und[c].add(s_und.tallies[c])
            dire[c].add(s_dir.tallies[c])
            alla[c].add(s_all.tallies[c])
        nonfact = dedupe_preds((p for p in ex.preds if p.category is not None), False)
        nonfact_preds += sum(not p.fact for p in nonfact)
        nonfact_matched += sum(not p.fact for p in s_all.matched_preds)
        for p in ex.preds:
            if p.category is None and p.fact:
                open_facts += 1
                if any(relation_match(g, p, directed=False) for g in ex.golds):
                    open_touching += 1
        for p in s_und.matched_preds:
            by_rule[p.rule][0] += 1
            by_rule[p.rule][1] += 1
        for p in s_und.unmatched_preds:
            by_rule[p.rule][1] += 1
        context = {
            "id": ex.id,
            "sentence": ex.text,
            "gold": [_fmt_gold(g) for g in ex.golds],
            "pred": [_fmt_pred(p) for p in ex.preds],
        }
        fps += [{**context, "error": _fmt_pred(p)} for p in s_und.unmatched_preds]
        fns += [{**context, "error": _fmt_gold(g)} for g in s_und.unmatched_golds]
    rng = random.Random(13)
    return Report(
        name=ds.name,
        split=ds.split,
        sentences=len(ds.examples),
        seconds=seconds,
        undirected=und,
        directed=dire,
        all_assertions=alla,
        nonfact_preds=nonfact_preds,
        nonfact_matched=nonfact_matched,
        open_facts=open_facts,
        open_touching=open_touching,
        by_rule=dict(by_rule),
        false_positives=sample_errors(fps, n_examples, rng),
        false_negatives=sample_errors(fns, n_examples, rng),
        dropped=ds.dropped,
        notes=ds.notes,
    )


def sample_errors(items: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """Pick ``n`` errors at random, from as many different sentences as possible."""
    seen: set[str] = set()
    first: list[dict[str, Any]] = []
    rest: list[dict[str, Any]] = []
    for it in rng.sample(items, len(items)):
        (rest if it["id"] in seen else first).append(it)
        seen.add(it["id"])
    return sorted((first + rest)[:n], key=lambda it: str(it["id"]))


# --------------------------------------------------------------------------- output


def format_report(rep: Report, *, show_examples: int) -> str:
    lines = [f"{rep.name} ({rep.split}, {rep.sentences} sentences, {rep.seconds:.1f} s)"]
    header = (
        f"{'category':<16}{'gold':>6}{'pred':>6}{'correct':>9}"
        f"{'P':>8}{'R':>7}{'F1':>7}   (directed F1)"
    )
    lines.append(header)
    rows = [(c, rep.undirected[c], rep.directed[c]) for c in CATEGORIES]
    rows.append(("overall (micro)", overall(rep.undirected), overall(rep.directed)))
    for name, t, d in rows:
        lines.append(
            f"{name:<16}{t.gold:>6}{t.pred:>6}{t.correct:>9}"
            f"{t.precision:>8.3f}{t.recall:>7.3f}{t.f1:>7.3f}   ({d.f1:.3f})"
        )
    a = overall(rep.all_assertions)
    lines.append(
        f"non-facts: {rep.nonfact_preds} categorized non-fact assertions not scored, "
        f"{rep.nonfact_matched} would match gold; scoring all assertions: "
        f"P {a.precision:.3f} R {a.recall:.3f} F1 {a.f1:.3f}"
    )
    lines.append(
        f"open relations (no category): {rep.open_facts} facts, {rep.open_touching} on a gold pair"
    )
    rules = sorted(rep.by_rule.items(), key=lambda kv: (-kv[1][1], kv[0]))
    if rules:
        lines.append(
            "by rule (correct/pred): " + ", ".join(f"{r or '?'} {c}/{n}" for r, (c, n) in rules)
        )
    if rep.dropped:
        lines.append(
            "gold dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(rep.dropped.items()))
        )
    lines += rep.notes
    if show_examples:
        for title, items in (
            ("false positives", rep.false_positives),
            ("false negatives", rep.false_negatives),
        ):
            lines.append(f"-- {title} (sample of {len(items)}):")
            for it in items[:show_examples]:
                lines.append(f"  [{it['id']}] {it['sentence']}")
                lines.append(f"     error: {it['error']}")
                lines.append(f"     gold:  {'; '.join(it['gold']) or '-'}")
                lines.append(f"     pred:  {'; '.join(it['pred']) or '-'}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def load_dataset(name: str, shared: Path) -> Dataset:
    bench = shared / "benchmarks"
    if name == "crossre-news":
        return read_crossre(bench / "crossre" / "news-dev.json", name)
    if name == "crossre-politics":
        return read_crossre(bench / "crossre" / "politics-dev.json", name)
    if name == "conll04":
        return read_conll04(bench / "conll04" / "dev.json")
    iso3, origin = iso3_codes(shared)
    ds = read_petrarch(bench / "petrarch2", iso3)
    ds.notes.append(f"ISO3 codes: {len(iso3)} from {origin}; excluded {FICTIONAL_ISO_COLLISIONS}")
    return ds


def warm_up(model: str | None) -> float:
    """Load the spaCy pipeline and the gazetteer (both cached) and return the time taken."""
    from kg.gazetteer import load_gazetteer
    from kg.nlp import load_pipeline

    t0 = time.perf_counter()
    load_pipeline(model)
    load_gazetteer()
    return time.perf_counter() - t0


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared folder")
    parser.add_argument("--dataset", choices=[*DATASETS, "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N sentences per dataset")
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    parser.add_argument(
        "--examples", type=int, default=0, help="print N false positives and negatives"
    )
    parser.add_argument("--model", default=None, help="spaCy pipeline name")
    parser.add_argument(
        "--extractor",
        choices=["rules", "model", "hybrid"],
        default="rules",
        help="kg's relation extractor (model/hybrid: the relation model, $KG_RELATION_MODEL)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    _import_kg()
    names = DATASETS if args.dataset == "all" else (args.dataset,)
    start_all = time.perf_counter()
    load_seconds = warm_up(args.model)
    print(f"pipeline and gazetteer loaded in {load_seconds:.1f} s (not in per-dataset times)\n")
    reports: list[Report] = []
    for name in names:
        ds = load_dataset(name, args.shared)
        if args.limit is not None:
            ds.examples = ds.examples[: args.limit]
        t0 = time.perf_counter()
        graph = extract(ds, args.model, args.extractor)
        seconds = time.perf_counter() - t0
        rep = evaluate(ds, graph, seconds, n_examples=max(args.examples, 20))
        reports.append(rep)
        print(format_report(rep, show_examples=args.examples), end="\n\n", flush=True)
    total = time.perf_counter() - start_all
    print(f"total wall time: {total:.1f} s")
    if args.json is not None:
        payload = {
            "shared": str(args.shared),
            "limit": args.limit,
            "model": args.model,
            "extractor": args.extractor,
            "facts_only": True,
            "total_seconds": round(total, 2),
            "load_seconds": round(load_seconds, 2),
            "datasets": {r.name: r.to_json() for r in reports},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
