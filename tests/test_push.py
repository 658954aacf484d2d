"""kg push against a real SPARQL endpoint: `oxigraph serve` (PyPI package oxigraph)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.errors import ExportError, InputError
from kg.graph import KnowledgeGraph
from kg.push import push
from kg.rdf import to_rdflib, write_graph
from kg.store import write_store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
        "oxigraph"
    )
    assert binary, "the oxigraph server (pip install oxigraph, in the dev extra) is missing"
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    server = subprocess.Popen(
        [binary, "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=1):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    err = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"oxigraph serve did not start: {err}")
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stderr is not None:
            server.stderr.close()


def select(base: str, query: str) -> list[dict[str, str]]:
    url = base + "/query?" + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


COUNT_DEFAULT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_push_a_file_into_the_default_graph(
    endpoint: str, sample_graph: KnowledgeGraph, sample_ttl: Path
) -> None:
    sent = push(sample_ttl, endpoint + "/store")
    assert sent == len(to_rdflib(sample_graph))
    assert select(endpoint, COUNT_DEFAULT) == [{"n": str(sent)}]
    who = select(
        endpoint,
        "SELECT ?who WHERE { ?s <https://w3id.org/kg-news/ontology#threatens> "
        "<https://w3id.org/kg-news/entity/japan> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?who }",
    )
    assert who == [{"who": "North Korea"}]
    # PUT replaces: pushing again leaves the same graph, not twice the triples.
    push(sample_ttl, endpoint + "/store")
    assert select(endpoint, COUNT_DEFAULT) == [{"n": str(sent)}]


def test_push_a_store_and_a_trig_file_into_named_graphs(
    endpoint: str, sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    write_store(sample_graph, tmp_path / "store")
    trig = write_graph(sample_graph, tmp_path / "graph.trig")
    name = "https://example.org/graphs/sample"
    sent = push(tmp_path / "store", endpoint + "/store", graph=name)
    push(trig, endpoint + "/store", graph=name, replace=False)  # POST merges: nothing new
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
    assert select(endpoint, count) == [{"n": str(sent)}]


def test_push_command(endpoint: str, sample_ttl: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "push",
            str(sample_ttl),
            "--endpoint",
            endpoint + "/store",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "replaced" in result.stdout and "?default" in result.stdout


def test_push_errors_are_clear(endpoint: str, sample_ttl: Path) -> None:
    with pytest.raises(ExportError, match="HTTP 404"):
        push(sample_ttl, endpoint + "/no-such-service")
    with pytest.raises(ExportError, match="cannot reach"):
        push(sample_ttl, f"http://127.0.0.1:{_free_port()}/store", timeout=5)
    with pytest.raises(InputError, match="http"):
        push(sample_ttl, "ftp://example.org/store")
