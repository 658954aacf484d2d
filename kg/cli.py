"""The ``kg`` command line: a thin Typer app over the library.

Only :class:`~kg.errors.KGError` is caught: its message is printed without a
traceback and the exit code is 2.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from kg.errors import InputError, KGError

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
    typer.Option("--model", help="spaCy pipeline to use (default: $KG_MODEL or en_core_web_sm)."),
]
TextFieldOpt = Annotated[
    str | None,
    typer.Option("--text-field", help="Field with the article text in .jsonl/.csv input."),
]
StrictOpt = Annotated[
    bool, typer.Option("--strict", help="Stop with exit code 2 at the first bad input.")
]


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.command()
def build(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(help="Files or folders of articles, or - for standard input."),
    ] = None,
    out: Annotated[Path, typer.Option("-o", "--out", help="Output folder.")] = Path("output"),
    sample: Annotated[
        bool, typer.Option("--sample", help="Build from the bundled sample article.")
    ] = False,
    model: ModelOpt = None,
    text_field: TextFieldOpt = None,
    strict: StrictOpt = False,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Parser processes.")] = 1,
    plot: Annotated[bool, typer.Option("--plot/--no-plot", help="Draw graph.png.")] = True,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar.")
    ] = True,
) -> None:
    """Build graph.ttl, assertions.jsonl and graph.png from articles.

    Example: kg build articles/ news.jsonl.gz -o output
    """
    from kg.api import build as build_graph
    from kg.api import sample_path
    from kg.export import write_assertions
    from kg.rdf import write_graph

    sources = list(inputs or [])
    if sample:
        sources.append(str(sample_path()))
    if not sources:
        msg = "no input: give files or folders, - for standard input, or --sample"
        raise InputError(msg)
    started = time.perf_counter()

    def report(err: InputError) -> None:
        _err(f"warning: {err}")

    bar = _Progress(enabled=progress and sys.stderr.isatty())
    graph = build_graph(
        sources,
        model=model,
        text_field=text_field,
        strict=strict,
        n_process=jobs,
        progress=bar.advance,
        on_error=report,
    )
    bar.close()
    out.mkdir(parents=True, exist_ok=True)
    write_graph(graph, out / "graph.ttl")
    n = write_assertions(graph.assertions, out / "assertions.jsonl")
    _write_merge_report(graph, out / "entities.json")
    if plot:
        from kg.plot import plot_graph

        plot_graph(graph, out / "graph.png", title="kg: actors and relations")
    elapsed = time.perf_counter() - started
    s = graph.summary()
    typer.echo(f"articles:   {s['articles']}")
    typer.echo(f"entities:   {s['entities']}")
    typer.echo(f"assertions: {n} ({s['facts']} facts)")
    for cat, count in s["by_category"].items():
        typer.echo(f"  {cat:<14} {count}")
    typer.echo(f"warnings:   {s['warnings']}")
    typer.echo(f"time:       {elapsed:.1f} s")
    written = "graph.ttl, assertions.jsonl, entities.json" + (", graph.png" if plot else "")
    typer.echo(f"wrote {written} to {out}")


def _write_merge_report(graph: Any, path: Path) -> None:
    from kg.io.atomic import atomic_write

    report = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "qid": e.qid,
            "aliases": list(e.aliases),
            "surface_forms": dict(sorted(graph.surface_forms.get(e.id, {}).items())),
        }
        for e in graph.entities.values()
    ]
    atomic_write(path, json.dumps(report, ensure_ascii=False, indent=1) + "\n")


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders, or - for stdin.")],
    model: ModelOpt = None,
    text_field: TextFieldOpt = None,
    strict: StrictOpt = False,
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

    articles = read_articles(inputs, text_field=text_field, on_error=None if strict else report)
    for result in iter_results(articles, model=model):
        write_jsonl_lines(result.assertions, sys.stdout)
    sys.stdout.flush()


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A graph file written by kg build.")],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT query.")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run a SPARQL SELECT query and print the result as a table.

    Example: kg query output/graph.ttl 'SELECT ?s ?o WHERE { ?s kg:threatens ?o }'
    """
    from rdflib import Graph

    from kg.query import sparql as run

    g = Graph()
    try:
        g.parse(graph, format="turtle")
    except Exception as exc:  # rdflib raises many types on bad input
        msg = f"cannot parse {str(graph)!r} as Turtle: {exc}"
        raise InputError(msg, path=str(graph)) from exc
    df = run(g, sparql)
    if fmt == "csv":
        typer.echo(df.to_csv(index=False), nl=False)
    elif fmt == "json":
        typer.echo(df.to_json(orient="records", force_ascii=False))
    elif fmt == "table":
        import pandas as pd

        with pd.option_context("display.max_rows", None, "display.max_colwidth", 60):
            typer.echo(df.to_string(index=False) if len(df) else "(no results)")
    else:
        msg = f"unknown format {fmt!r}; expected table, csv or json"
        raise InputError(msg)


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
def plot(
    graph: Annotated[Path, typer.Argument(help="A graph file written by kg build.")],
    out: Annotated[Path, typer.Option("-o", "--out", help="PNG, SVG or PDF file.")] = Path(
        "graph.png"
    ),
    focus: Annotated[str | None, typer.Option(help="Draw this actor's neighbourhood.")] = None,
    depth: Annotated[int, typer.Option(help="Neighbourhood depth for --focus.")] = 1,
    category: Annotated[str | None, typer.Option(help="Draw only this category.")] = None,
    max_nodes: Annotated[int, typer.Option(help="Draw at most this many actors.")] = 40,
) -> None:
    """Draw a relationship diagram of a graph.

    Example: kg plot output/graph.ttl -o japan.svg --focus Japan --category conflict
    """
    from kg.api import load
    from kg.plot import plot_graph

    plot_graph(load(graph), out, focus=focus, depth=depth, category=category, max_nodes=max_nodes)
    typer.echo(f"wrote {out}")


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
                TimeElapsedColumn(),
                transient=True,
            )
            self._bar.start()
            self._task = self._bar.add_task("build", total=None)

    def advance(self, _result: object) -> None:
        if self._bar is not None:
            self._bar.advance(self._task)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def main() -> None:
    """Run the CLI; a :class:`KGError` prints its message and exits with code 2."""
    try:
        app(standalone_mode=False)
    except KGError as exc:
        _err(f"error: {exc}")
        sys.exit(2)
    except KeyboardInterrupt:
        _err("interrupted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        if isinstance(exc, click.exceptions.Abort):
            _err("aborted")
            sys.exit(130)
        raise


if __name__ == "__main__":
    main()
