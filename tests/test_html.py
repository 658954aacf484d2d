from __future__ import annotations

import base64
import json
import math
import os
import re
import shutil
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.graph import KnowledgeGraph
from kg.html import html_view, write_html
from kg.views import overview

TOY_ODD_NAME = 'Zog "the <b>King</b>" & </script>\nII'


def _data(page: str) -> dict[str, Any]:
    match = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, flags=re.S
    )
    assert match
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def test_same_graph_same_bytes(toy_graph: KnowledgeGraph, tmp_path: Path) -> None:
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    write_html(toy_graph, a)
    write_html(toy_graph, b)
    assert a.read_bytes() == b.read_bytes()


def test_names_and_sentences_are_escaped(toy_graph: KnowledgeGraph) -> None:
    page = html_view(toy_graph, title="<i>War & Peace</i>")
    # The only closing script tags are the page's own two.
    assert page.count("</script>") == 2
    assert "<b>King</b>" not in page
    assert "<title>&lt;i&gt;War &amp; Peace&lt;/i&gt;</title>" in page
    data = _data(page)
    names = {n["name"] for n in data["nodes"]}
    assert TOY_ODD_NAME in names
    assert any(TOY_ODD_NAME in ev["text"] for e in data["edges"] for ev in e["evidence"])


def test_page_is_self_contained(sample_graph: KnowledgeGraph) -> None:
    page = html_view(sample_graph)
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "@import" not in page and "url(http" not in page


def test_data_carries_layout_evidence_and_caps(toy_graph: KnowledgeGraph) -> None:
    data = _data(html_view(toy_graph, max_nodes=3, max_evidence=1))
    assert [n["id"] for n in data["nodes"]] == ["atlantis", "borduria", "syldavia"]
    assert all(
        0 <= n["x"] <= data["width"] and 0 <= n["y"] <= data["height"] for n in data["nodes"]
    )
    threats = next(e for e in data["edges"] if e["relation"] == "threatens")
    assert threats["count"] == 2 and len(threats["evidence"]) == 1 and threats["more"] == 1
    assert threats["evidence"][0]["article"] in data["articles"]
    assert "showing 3 of 5 actors" in data["caption"]
    assert {c["name"] for c in data["categories"]} == {"cooperation", "conflict", "communication"}
    # one row per pair of actors, pointing at its relations
    pairs = {(data["nodes"][p["a"]]["id"], data["nodes"][p["b"]]["id"]): p for p in data["pairs"]}
    hostile = pairs[("atlantis", "borduria")]
    assert {data["edges"][j]["relation"] for j in hostile["rels"]} == {
        "threatens",
        "meetsWith",
        "accuses",
    }
    # statements by month (the date range control counts with them)
    assert data["months"][0] == "2020-01"
    assert sum(c for _, c in threats["months"]) == 2


def test_file_opens_on_the_overview_and_holds_more(dense_graph: KnowledgeGraph) -> None:
    data = _data(html_view(dense_graph, max_nodes=60, initial_nodes=20, initial_lines=40))
    ov = overview(dense_graph)
    first, first_pairs = ov.top(20, 40)
    pool, pool_pairs = ov.top(60, 600)
    ids = [n["id"] for n in data["nodes"]]
    # the first screen's actors come first, then the rest of the file by weight
    assert data["initial"] == {"nodes": len(first), "lines": 40, "step": 10}
    assert tuple(ids[: len(first)]) == first
    assert set(ids) == set(pool) and len(data["pairs"]) == len(pool_pairs)
    assert ids[len(first) :] == [n for n in pool if n not in first]
    # pairs strongest first, as the overview ranks them
    keys = [(ids[p["a"]], ids[p["b"]]) for p in data["pairs"]]
    assert keys == [(p.a, p.b) for p in pool_pairs]
    # every actor has a place; those of the first screen do not overlap
    spots = {n["id"]: (n["x"], n["y"], n["r"]) for n in data["nodes"]}
    for a in first:
        for b in first:
            if a < b:
                (xa, ya, ra), (xb, yb, rb) = spots[a], spots[b]
                assert math.dist((xa, ya), (xb, yb)) >= ra + rb
    assert len(data["months"]) == 24
    assert "showing 60 of 90 actors" in data["caption"]
    # node fill by community: the palette slots come from the communities in the file
    assert {n["c"] for n in data["nodes"]} <= set(range(len(data["communities"]))) | {-1}
    assert len({n["c"] for n in data["nodes"]}) > 2


# ---------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    for name in (os.environ.get("KG_CHROMIUM", ""), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
    "--window-size=1400,900",
]


class Browser:
    """Headless Chromium driven over the DevTools protocol."""

    def __init__(self, binary: str, profile: Path) -> None:
        import websocket

        self.proc = subprocess.Popen(
            [binary, *_FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws: Any = None
        self.events: list[dict[str, Any]] = []
        self._id = 0
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not (port_file.exists() and port_file.read_text().strip()):
            if time.monotonic() > deadline or self.proc.poll() is not None:
                self.close()
                pytest.fail("chromium did not start")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
            targets = json.load(r)
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=30, suppress_origin=True
        )

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                assert "error" not in message, message
                return message.get("result", {})  # type: ignore[no-any-return]
            self.events.append(message)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def open(self, url: str) -> None:
        self.call("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while self.evaluate("document.body ? document.body.dataset.ready || '' : ''") != "true":
            assert time.monotonic() < deadline, "the view did not start"
            time.sleep(0.05)

    def center(self, selector: str) -> tuple[float, float]:
        x, y = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()"
        )
        return float(x), float(y)

    def click_at(self, x: float, y: float) -> None:
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def click(self, selector: str) -> None:
        self.click_at(*self.center(selector))

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot")["data"]))

    def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    binary = _chromium()
    if binary is None:
        pytest.skip("chromium is not installed (make test installs it: apt-get install chromium)")
    b = Browser(binary, tmp_path_factory.mktemp("chromium-profile"))
    try:
        b.call("Runtime.enable")
        b.call("Network.enable")
        yield b
    finally:
        b.close()


def _count(b: Browser, selector: str) -> int:
    return int(b.evaluate(f"document.querySelectorAll({json.dumps(selector)}).length"))


def test_browser_renders_actors_and_a_click_shows_evidence(
    browser: Browser, sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_html(sample_graph, tmp_path / "graph.html")
    data = _data(path.read_text(encoding="utf-8"))
    browser.events.clear()
    browser.open(path.as_uri())
    # every actor is drawn, with a visible shape of non-zero size inside the canvas
    assert _count(browser, "#nodes .node:not(.hidden)") == len(data["nodes"]) > 5
    assert _count(browser, "#edges .pair:not(.hidden)") == len(data["pairs"])
    size = browser.evaluate(
        "(() => { const r = document.querySelector('.node[data-id=\"north-korea\"]')"
        ".getBoundingClientRect(); return [r.width, r.height, r.x, r.y]; })()"
    )
    assert size[0] > 4 and size[1] > 4 and 0 < size[2] < 1400 and 60 < size[3] < 900
    labels = browser.evaluate(
        "Array.from(document.querySelectorAll('#labels text:not(.hidden)')).map(t => t.textContent)"
    )
    assert {"North Korea", "Japan", "United States"} <= set(labels)
    # a real mouse click on North Korea lists its relations with evidence sentences
    browser.click('.node[data-id="north-korea"]')
    details = browser.evaluate("document.getElementById('details').innerText")
    assert details.startswith("North Korea")
    assert "threatens" in details
    sentence = next(
        ev["text"]
        for e in data["edges"]
        if data["nodes"][e["s"]]["id"] == "north-korea" and e["relation"] == "threatens"
        for ev in e["evidence"]
    )
    assert sentence[:60] in details
    assert _count(browser, "#details ol.evidence li") >= 3
    # the highlighted neighbourhood is North Korea's
    near = browser.evaluate(
        "Array.from(document.querySelectorAll('.node.near')).map(n => n.dataset.id)"
    )
    assert {"north-korea", "japan", "china"} <= set(near)
    assert "person-fan-changlong" not in near
    # clicking an empty spot of the canvas clears the selection
    spot = browser.evaluate(
        "(() => { const r = document.getElementById('graph').getBoundingClientRect();"
        " for (let y = r.top + 60; y < r.bottom; y += 17) for (let x = r.left + 5; x < r.right;"
        " x += 23) { if (document.elementFromPoint(x, y).id === 'graph') return [x, y]; } })()"
    )
    browser.click_at(*spot)
    assert _count(browser, ".node.near") == 0
    # the page fetched nothing but itself, and threw nothing
    requests = [
        e["params"]["request"]["url"]
        for e in browser.events
        if e["method"] == "Network.requestWillBeSent"
    ]
    assert requests and all(url.startswith("file://") for url in requests), requests
    assert not [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"]


def test_browser_filters_by_category_and_zooms(
    browser: Browser, sample_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_html(sample_graph, tmp_path / "graph.html")
    browser.open(path.as_uri())
    threat = '.pair[data-a="japan"][data-b="north-korea"]'  # threatens only: conflict
    allies = '.pair[data-a="japan"][data-b="united-states"]'
    shown = "#edges .pair:not(.hidden)"
    before = _count(browser, shown)
    assert _count(browser, threat + ":not(.hidden)") == 1
    colour = f"document.querySelector('{allies} .line').getAttribute('stroke')"
    assert browser.evaluate(colour) == "#1a9850"
    browser.click('#filters input[value="conflict"]')
    assert _count(browser, threat + ":not(.hidden)") == 0  # nothing left to draw
    assert 0 < _count(browser, shown) < before
    browser.click('#filters input[value="cooperation"]')
    assert browser.evaluate(colour) == "#8e8e8e"  # talks left: grey
    browser.click('#filters input[value="cooperation"]')
    browser.click('#filters input[value="conflict"]')
    assert _count(browser, shown) == before
    before = browser.evaluate("document.getElementById('viewport').getAttribute('transform')")
    browser.click("#zoom-in")
    after = browser.evaluate("document.getElementById('viewport').getAttribute('transform')")
    assert before != after
    # a line click shows that pair's relations
    browser.click("#zoom-reset")
    browser.evaluate(f"document.querySelector('{threat}').dispatchEvent(new MouseEvent('click'))")
    assert browser.evaluate("document.querySelector('#details h2').textContent") == (
        "Japan – North Korea"
    )
    assert browser.evaluate("document.querySelectorAll('#details .relation').length") == 1


def _shown_ids(b: Browser) -> set[str]:
    ids = b.evaluate(
        "Array.from(document.querySelectorAll('#nodes .node:not(.hidden)')).map(n => n.dataset.id)"
    )
    return set(ids)


def test_browser_opens_small_expands_collapses_and_shows_more(
    browser: Browser, dense_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_html(dense_graph, tmp_path / "dense.html", initial_nodes=12, initial_lines=20)
    data = _data(path.read_text(encoding="utf-8"))
    browser.events.clear()
    browser.open(path.as_uri())
    first = _shown_ids(browser)
    assert first == {n["id"] for n in data["nodes"][: data["initial"]["nodes"]]}
    assert len(first) <= 12 and 0 < _count(browser, "#edges .pair:not(.hidden)") <= 20
    assert "on screen: " + str(len(first)) + " actors" in browser.evaluate(
        "document.getElementById('caption').textContent"
    )
    # clicking an actor brings in its neighbours ...
    ids = [n["id"] for n in data["nodes"]]
    hub = next(
        n for n in ids if n in first and any(
            {ids[p["a"]], ids[p["b"]]} - first and n in (ids[p["a"]], ids[p["b"]])
            for p in data["pairs"]
        )
    )  # fmt: skip
    partners = {ids[p["a"]] for p in data["pairs"] if ids[p["b"]] == hub} | {
        ids[p["b"]] for p in data["pairs"] if ids[p["a"]] == hub
    }
    browser.click(f'.node[data-id="{hub}"]')
    expanded = _shown_ids(browser)
    assert expanded == first | partners and expanded > first
    lines = browser.evaluate(
        "Array.from(document.querySelectorAll('#edges .pair:not(.hidden)'))"
        ".map(p => [p.dataset.a, p.dataset.b])"
    )
    assert {n for pair in lines if hub in pair for n in pair} == partners | {hub}
    assert (
        browser.evaluate("document.querySelector('#details h2').textContent")
        == (data["nodes"][ids.index(hub)]["name"])
    )
    # ... and a second click folds them away again
    browser.click(f'.node[data-id="{hub}"]')
    assert _shown_ids(browser) == first
    # "show more" adds the next actors by weight
    browser.click("#show-more")
    more = _shown_ids(browser)
    assert more == set(ids[: len(first) + data["initial"]["step"]])
    assert not [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"]


def test_browser_labels_never_overlap_and_follow_the_zoom(
    browser: Browser, dense_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_html(dense_graph, tmp_path / "dense.html")
    browser.open(path.as_uri())
    overlaps = """(() => {
      const shown = el => el.getClientRects().length > 0;
      const box = el => el.getBoundingClientRect();
      const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom
        && b.top < a.bottom;
      const labels = [...document.querySelectorAll('#labels text')].filter(shown);
      const shapes = [...document.querySelectorAll('#nodes .node')].filter(shown)
        .map(n => [n.dataset.index, box(n.querySelector('.shape'))]);
      let found = 0;
      labels.forEach((l, i) => {
        labels.slice(i + 1).forEach(m => { if (hit(box(l), box(m))) found += 1; });
        shapes.forEach(([k, s]) => { if (k !== l.dataset.index && hit(box(l), s)) found += 1; });
      });
      return [labels.length, found, shapes.length];
    })()"""
    labels, found, actors = browser.evaluate(overlaps)
    assert found == 0 and 5 < labels <= actors
    # the larger actors are named first
    named = browser.evaluate(
        "Array.from(document.querySelectorAll('#labels text:not(.hidden)'))"
        ".map(t => Number(t.dataset.index))"
    )
    assert 0 in named
    for _ in range(3):
        browser.click("#zoom-in")
    zoomed, found, _ = browser.evaluate(overlaps)
    assert found == 0
    browser.click("#zoom-reset")
    for _ in range(3):
        browser.click("#zoom-out")
    small, found, _ = browser.evaluate(overlaps)
    assert found == 0 and small < labels


def test_browser_date_range_recounts_the_lines(
    browser: Browser, dense_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_html(dense_graph, tmp_path / "dense.html")
    data = _data(path.read_text(encoding="utf-8"))
    browser.open(path.as_uri())
    assert browser.evaluate("getComputedStyle(document.getElementById('dates')).display") != "none"
    widths = "Array.from(document.querySelectorAll('#edges .pair:not(.hidden) .line'))" \
        ".map(l => Number(l.getAttribute('stroke-width')))"  # fmt: skip
    full = browser.evaluate(widths)
    last = len(data["months"]) - 1
    browser.evaluate(
        f"(() => {{ const i = document.getElementById('date-from'); i.value = '{last}';"
        " i.dispatchEvent(new Event('input')); })()"
    )
    assert browser.evaluate("document.getElementById('date-range').textContent") == (
        f"{data['months'][-1]} – {data['months'][-1]}"
    )
    one_month = browser.evaluate(widths)
    assert 0 < len(one_month) <= len(full) and sum(one_month) < sum(full)
    assert data["months"][-1] in browser.evaluate("document.getElementById('caption').textContent")


def test_browser_shows_odd_names_as_text(
    browser: Browser, toy_graph: KnowledgeGraph, tmp_path: Path
) -> None:
    path = write_html(toy_graph, tmp_path / "odd.html")
    browser.events.clear()
    browser.open(path.as_uri())
    # the name is text: no <b> element was created from it, anywhere
    assert _count(browser, "b") == 0
    label = browser.evaluate("document.querySelector('.node[data-id=\"zog\"] title').textContent")
    assert label.startswith(TOY_ODD_NAME)
    browser.click('.node[data-id="zog"]')
    assert browser.evaluate("document.querySelector('#details h2').textContent") == TOY_ODD_NAME
    assert not [e for e in browser.events if e["method"] == "Runtime.exceptionThrown"]
