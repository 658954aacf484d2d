"""Measure the diagrams on corpus-sized graphs: the PNG overview and the HTML view.

For each graph (a ``graph.ttl`` written by ``kg build``) it draws what ``kg build``
draws (``graph.png`` and ``graph.html``) and reports:

- PNG: actors and lines drawn, labels that overlap another label or a node (boxes
  from matplotlib's renderer, :func:`kg.plot.label_overlaps`), seconds to draw, bytes;
- HTML: bytes; actors, lines and labels on the first screen and label overlaps
  there, time to first paint and until the view is ready, in headless Chromium
  (median of ``--runs`` fresh loads, each in a fresh tab).

``--before DIR`` also measures another copy of the ``kg`` package (``DIR/kg``,
e.g. ``git archive <commit> kg | tar -x -C DIR``): that copy draws, in a
subprocess, and this one measures, so both are measured the same way (the PNG
figure crosses over as a pickle). ``--shots DIR`` saves the PNG and a screenshot
of the HTML view's first screen for each.

Build the graphs first, for example the first 1,000 AllSides articles::

    zcat ../shared/corpus/allsides-10k.jsonl.gz | head -n 1000 > /tmp/a1000.jsonl
    kg build /tmp/a1000.jsonl -o /tmp/b1000 -j 2 --cache /tmp/kg-cache --no-plot --no-html
    python benchmarks/diagrams.py /tmp/b1000 --json benchmarks/out/diagrams.json

Needs Chromium (``make chromium``) and websocket-client (the dev extra).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TITLE = "kg: actors and relations"
_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-sync",
    "--disable-component-update",
    "--remote-debugging-port=0",
    "--window-size=1400,900",
]
# Counted in the page: shapes and lines displayed, labels displayed, and label boxes that
# overlap another label or a displayed actor. Works on the view before and after issue 18.
_FIRST_SCREEN = """(() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).display !== "none"
    && Number(getComputedStyle(el).opacity) > 0;
  const nodes = [...document.querySelectorAll("#nodes .node")].filter(shown);
  const lines = [...document.querySelectorAll("#edges > g")].filter(shown);
  const labels = [...document.querySelectorAll("#labels text")].filter(shown);
  const box = el => el.getBoundingClientRect();
  const hit = (a, b) => a.left < b.right && b.left < a.right
    && a.top < b.bottom && b.top < a.bottom;
  const shapes = nodes.map(n => [n.dataset.index, box(n.querySelector(".shape"))]);
  let overlaps = 0;
  labels.forEach((l, i) => {
    const a = box(l);
    labels.slice(i + 1).forEach(m => { if (hit(a, box(m))) overlaps += 1; });
    shapes.forEach(([idx, b]) => { if (idx !== l.dataset.index && hit(a, b)) overlaps += 1; });
  });
  return {actors: nodes.length, lines: lines.length, labels: labels.length, overlaps: overlaps};
})()"""
_PAINT = """(() => {
  const p = Object.fromEntries(
    performance.getEntriesByType("paint").map(e => [e.name, e.startTime]));
  const nav = performance.getEntriesByType("navigation")[0];
  return {fcp: p["first-contentful-paint"] ?? null, fp: p["first-paint"] ?? null,
          load: nav ? nav.loadEventEnd : null};
})()"""


# ------------------------------------------------------------------------ drawing


def draw(graph_ttl: Path, out: Path) -> dict[str, Any]:
    """Draw graph.png and graph.html as ``kg build`` does; pickle the PNG's figure.

    Runs with whichever ``kg`` is importable (this tree, or ``--before``'s copy).
    """
    import kg
    from kg.html import write_html
    from kg.plot import plot_graph

    out.mkdir(parents=True, exist_ok=True)
    graph = kg.load(graph_ttl)
    started = time.perf_counter()
    fig = plot_graph(graph, out / "graph.png", title=TITLE)
    png_seconds = time.perf_counter() - started
    started = time.perf_counter()
    write_html(graph, out / "graph.html", title=TITLE)
    html_seconds = time.perf_counter() - started
    (out / "figure.pickle").write_bytes(pickle.dumps(fig))
    return {
        "png_seconds": round(png_seconds, 2),
        "html_seconds": round(html_seconds, 2),
        "kg": str(Path(kg.__file__).parent),
    }


def _drawn(out: Path, kg_root: Path | None, graph_ttl: Path) -> dict[str, Any]:
    """Draw in a subprocess (with ``kg_root`` first on the path when given)."""
    env = dict(os.environ)
    if kg_root is not None:
        env["PYTHONPATH"] = os.pathsep.join([str(kg_root), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, __file__, "--draw", str(graph_ttl), "--into", str(out)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        msg = f"drawing {graph_ttl} failed:\n{proc.stderr}"
        raise RuntimeError(msg)
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure_png(out: Path) -> dict[str, Any]:
    """Actors, lines and label overlaps of the pickled figure, measured with this kg."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from kg.plot import label_overlaps

    fig = pickle.loads((out / "figure.pickle").read_bytes())  # noqa: S301  # our own file
    FigureCanvasAgg(fig)
    gids = [str(a.get_gid()) for a in fig.findobj() if isinstance(a.get_gid(), str)]
    overlaps = label_overlaps(fig)
    return {
        "actors": sum(g.startswith("node:") for g in gids),
        "lines": sum(g.startswith(("edge:", "pair:")) for g in gids),
        "labels": sum(g.startswith("label:") for g in gids),
        "label_overlaps": len(overlaps),
        "overlapping": [f"{a} / {b}" for a, b in overlaps[:10]],
        "bytes": (out / "graph.png").stat().st_size,
    }


# ------------------------------------------------------------------------ browser


class Chromium:
    """Headless Chromium over the DevTools protocol, one fresh tab per load."""

    def __init__(self, binary: str, profile: Path) -> None:
        """Start the browser with a fresh profile and wait for its DevTools port."""
        self.proc = subprocess.Popen(
            [binary, *_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                msg = "chromium did not start"
                raise RuntimeError(msg)
            time.sleep(0.1)
        self.port = int(port_file.read_text().split()[0])
        self.ws: Any = None
        self._id = 0

    def _http(self, path: str, method: str = "GET") -> Any:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(req, timeout=10) as r:  # noqa: S310  # local DevTools
            return json.load(r)

    def new_tab(self) -> None:
        """Close the current tab, if any, and attach to a new blank one."""
        import websocket

        if self.ws is not None:
            self.ws.close()
        target = self._http("/json/new?about:blank", method="PUT")
        self.ws = websocket.create_connection(
            target["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one DevTools command and return its result."""
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(message["error"])
                return message.get("result", {})  # type: ignore[no-any-return]

    def evaluate(self, expression: str) -> Any:
        """Evaluate JavaScript in the page and return its value."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def open(self, url: str) -> None:
        """Load ``url`` in a fresh tab and wait until the view says it is ready."""
        self.new_tab()
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 120
        ready = "document.body ? document.body.dataset.ready || '' : ''"
        while self.evaluate(ready) != "true":
            if time.monotonic() > deadline:
                msg = f"{url} did not get ready"
                raise RuntimeError(msg)
            time.sleep(0.02)

    def screenshot(self, path: Path) -> None:
        """Save what the tab shows as a PNG."""
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot")["data"]))

    def close(self) -> None:
        """Stop the browser."""
        if self.ws is not None:
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def measure_html(browser: Chromium, page: Path, runs: int, shot: Path | None) -> dict[str, Any]:
    """First-screen counts, paint and ready times (medians of ``runs`` loads), bytes."""
    paints: list[dict[str, Any]] = []
    screen: dict[str, Any] = {}
    for run in range(runs):
        browser.open(page.as_uri())
        deadline = time.monotonic() + 30
        paint = browser.evaluate(_PAINT)
        while paint["fcp"] is None and time.monotonic() < deadline:
            time.sleep(0.02)
            paint = browser.evaluate(_PAINT)
        paints.append(paint)
        if run == 0:
            screen = browser.evaluate(_FIRST_SCREEN)
            if shot is not None:
                browser.screenshot(shot)

    def median(key: str) -> float | None:
        values = [p[key] for p in paints if p[key] is not None]
        return round(statistics.median(values)) if values else None

    return {
        "bytes": page.stat().st_size,
        "first_screen": screen,
        "first_contentful_paint_ms": median("fcp"),
        "load_event_end_ms": median("load"),
        "runs": runs,
    }


# ------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> int:
    """Measure each graph (and, with ``--before``, another kg's drawings of it)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("graphs", nargs="*", type=Path, help="kg build output folders")
    parser.add_argument("--before", type=Path, help="folder holding another copy of kg/")
    parser.add_argument("--runs", type=int, default=5, help="page loads per HTML file")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--shots", type=Path, help="save the PNGs and HTML screenshots here")
    parser.add_argument("--chromium", default=os.environ.get("KG_CHROMIUM", "chromium"))
    parser.add_argument("--draw", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--into", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.draw is not None:
        print(json.dumps(draw(args.draw, args.into)))
        return 0
    binary = shutil.which(args.chromium)
    if binary is None:
        print(f"{args.chromium} not found (make chromium installs it)", file=sys.stderr)
        return 2
    versions: list[tuple[str, Path | None]] = [("after", None)]
    if args.before is not None:
        versions.insert(0, ("before", args.before.resolve()))
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="kg-diagrams-") as tmp:
        browser = Chromium(binary, Path(tmp) / "profile")
        try:
            for folder in args.graphs:
                name = folder.resolve().name
                for version, root in versions:
                    out = Path(tmp) / name / version
                    timing = _drawn(out, root, folder / "graph.ttl")
                    shot = None
                    if args.shots is not None:
                        args.shots.mkdir(parents=True, exist_ok=True)
                        shutil.copy(out / "graph.png", args.shots / f"{name}-{version}.png")
                        shot = args.shots / f"{name}-{version}-html.png"
                    row = {
                        "png": {**measure_png(out), "seconds": timing["png_seconds"]},
                        "html": {
                            **measure_html(browser, out / "graph.html", args.runs, shot),
                            "seconds": timing["html_seconds"],
                        },
                    }
                    report.setdefault(name, {})[version] = row
                    print(f"{name} {version}: {json.dumps(row)}", flush=True)
        finally:
            browser.close()
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
