"""Sending a graph to a SPARQL 1.1 Graph Store Protocol endpoint.

The graph (a file of any format kg writes, or a store) is sent as one request:
``PUT`` replaces the target graph, ``POST`` merges into it. The target is the
endpoint's default graph (``?default``) or a named graph (``?graph=IRI``). The
body is N-Triples sent as ``text/turtle`` (N-Triples is a subset of Turtle, the
one syntax every Graph Store Protocol server reads). Credentials may be given in
the URL (``http://user:password@host/store``); they are sent as HTTP basic
authentication, never in the request line.

Example:
    >>> from kg.push import push  # doctest: +SKIP
    >>> push("output/graph.ttl", "http://127.0.0.1:7878/store")  # doctest: +SKIP
    1172
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from kg.errors import ExportError, InputError

__all__ = ["push", "redact", "target_url"]


def target_url(endpoint: str, graph: str | None = None) -> str:
    """Return the Graph Store Protocol URL of ``graph`` (the default graph if ``None``).

    Example:
        >>> target_url("http://localhost:7878/store")
        'http://localhost:7878/store?default'
        >>> target_url("http://localhost:7878/store", "https://example.org/g")
        'http://localhost:7878/store?graph=https%3A%2F%2Fexample.org%2Fg'
    """
    param = "default" if graph is None else "graph=" + quote(graph, safe="")
    parts = urlsplit(endpoint)
    query = f"{parts.query}&{param}" if parts.query else param
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))


def redact(url: str) -> str:
    """Return ``url`` without the credentials it may hold.

    Example:
        >>> redact("http://me:secret@localhost:7878/store")
        'http://localhost:7878/store'
    """
    parts = urlsplit(url)
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def push(
    source: str | Path,
    endpoint: str,
    *,
    graph: str | None = None,
    replace: bool = True,
    timeout: float = 300.0,
) -> int:
    """Load a graph into a SPARQL 1.1 Graph Store Protocol endpoint.

    Args:
        source: A graph file (Turtle, TriG, N-Triples, JSON-LD) or a store folder.
        endpoint: The Graph Store Protocol URL (for Oxigraph: ``http://host:port/store``;
            for Fuseki: ``http://host:port/DATASET/data``).
        graph: IRI of the named graph to load into; the default graph if ``None``.
        replace: ``PUT`` (replace the graph) if true, else ``POST`` (add to it).
        timeout: Seconds to wait for the server.

    Returns:
        The number of triples sent.

    Raises:
        InputError: The source cannot be read, or the endpoint is not an http(s) URL.
        ExportError: The server cannot be reached or refuses the data.
    """
    import pyoxigraph as ox

    from kg.store import open_dataset

    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        msg = f"endpoint must be an http(s) URL, got {endpoint!r}"
        raise InputError(msg)
    store = open_dataset(source)
    body: bytes = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    count = body.count(b"\n")
    headers = {"Content-Type": "text/turtle; charset=utf-8"}
    if parts.username is not None:
        user = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        headers["Authorization"] = "Basic " + base64.b64encode(user.encode()).decode("ascii")
    clean = redact(endpoint)
    url = target_url(clean, graph)
    request = urllib.request.Request(
        url, data=body, headers=headers, method="PUT" if replace else "POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        with exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
        msg = f"{url}: the server refused the graph: HTTP {exc.code} {exc.reason}: {detail}"
        raise ExportError(msg) from exc
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        msg = f"cannot reach the endpoint {clean!r}: {reason}"
        raise ExportError(msg) from exc
    return count
