// kg interactive view: plain SVG and DOM, no library, no network.
// Every string from the graph reaches the page through textContent or
// setAttribute, never as markup.
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var edgeLayer = document.getElementById("edges");
  var nodeLayer = document.getElementById("nodes");
  var labelLayer = document.getElementById("labels");
  var details = document.getElementById("details");
  var nodes = data.nodes;
  var edges = data.edges;
  var colors = {};
  var hiddenCategories = {};
  var view = { k: 1, x: 0, y: 0 };
  var selected = null;
  var STRUCTURAL = { affiliation: true, location: true };
  var CATEGORY_ORDER = {};

  function svgEl(tag, attrs, parent) {
    var el = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function htmlEl(tag, text, cls, parent) {
    var el = document.createElement(tag);
    if (text !== null && text !== undefined) { el.textContent = text; }
    if (cls) { el.className = cls; }
    if (parent) { parent.appendChild(el); }
    return el;
  }

  function fmt(n) { return Number(n).toLocaleString("en-US"); }

  // ---------------------------------------------------------------- header
  document.getElementById("subtitle").textContent = data.subtitle;
  document.getElementById("caption").textContent = data.caption;
  svg.setAttribute("viewBox", "0 0 " + data.width + " " + data.height);

  data.categories.forEach(function (c, i) { colors[c.name] = c.color; CATEGORY_ORDER[c.name] = i; });

  // ---------------------------------------------------------------- markers
  var defs = document.getElementById("markers");
  data.categories.forEach(function (c) {
    var m = svgEl("marker", {
      id: "arrow-" + c.name, viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 4.5, markerHeight: 4.5, orient: "auto", markerUnits: "strokeWidth"
    }, defs);
    svgEl("path", { d: "M0,0 L10,5 L0,10 z", fill: c.color }, m);
  });

  // ---------------------------------------------------------------- shapes
  function polygon(r, points) {
    return points.map(function (p) { return (p[0] * r).toFixed(1) + "," + (p[1] * r).toFixed(1); }).join(" ");
  }
  function regular(n, rotation) {
    var pts = [];
    for (var i = 0; i < n; i++) {
      var a = rotation + (2 * Math.PI * i) / n;
      pts.push([Math.cos(a), Math.sin(a)]);
    }
    return pts;
  }
  var SHAPES = {
    Country: null,
    Person: [[0, -1.25], [1.25, 0], [0, 1.25], [-1.25, 0]],
    Organization: [[-0.9, -0.9], [0.9, -0.9], [0.9, 0.9], [-0.9, 0.9]],
    Group: [[0, -1.3], [1.15, 0.75], [-1.15, 0.75]],
    Place: regular(5, -Math.PI / 2).map(function (p) { return [p[0] * 1.1, p[1] * 1.1]; })
  };
  function shape(type, r, parent, fill) {
    var pts = SHAPES[type];
    if (!pts) { return svgEl("circle", { r: r, fill: fill, "class": "shape" }, parent); }
    return svgEl("polygon", { points: polygon(r, pts), fill: fill, "class": "shape" }, parent);
  }
  var typeColors = {};
  data.types.forEach(function (t) { typeColors[t.name] = t.color; });

  // ---------------------------------------------------------------- edges
  var pairs = {};
  edges.forEach(function (e, i) {
    var key = Math.min(e.s, e.o) + "-" + Math.max(e.s, e.o);
    (pairs[key] = pairs[key] || []).push(i);
  });
  var incident = nodes.map(function () { return []; });
  var edgeEls = [];
  edges.forEach(function (e, i) {
    incident[e.s].push(i);
    incident[e.o].push(i);
    var a = nodes[e.s], b = nodes[e.o];
    var group = pairs[Math.min(e.s, e.o) + "-" + Math.max(e.s, e.o)];
    var k = group.indexOf(i);
    var offset = group.length === 1 ? 0 : (k - (group.length - 1) / 2) * 26;
    if (e.s > e.o) { offset = -offset; }
    var dx = b.x - a.x, dy = b.y - a.y;
    var len = Math.max(Math.sqrt(dx * dx + dy * dy), 1e-6);
    var cx = (a.x + b.x) / 2 - (dy / len) * offset * 2;
    var cy = (a.y + b.y) / 2 + (dx / len) * offset * 2;
    function trim(p, r) {
      var tx = cx - p.x, ty = cy - p.y;
      var tl = Math.max(Math.sqrt(tx * tx + ty * ty), 1e-6);
      return [p.x + (tx / tl) * (r + 2), p.y + (ty / tl) * (r + 2)];
    }
    var start = trim(a, a.r), end = trim(b, b.r);
    var d = "M" + start[0].toFixed(1) + "," + start[1].toFixed(1) + " Q" + cx.toFixed(1) + "," +
      cy.toFixed(1) + " " + end[0].toFixed(1) + "," + end[1].toFixed(1);
    var width = Math.min(1.5 + 1.6 * Math.log2(1 + e.count), 8) * (STRUCTURAL[e.category] ? 0.7 : 1);
    var g = svgEl("g", {
      "class": "edge " + e.category + (STRUCTURAL[e.category] ? " structural" : ""),
      "data-category": e.category, "data-index": i
    }, edgeLayer);
    var title = svgEl("title", {}, g);
    title.textContent = a.name + " " + e.label + " " + b.name + " (" + fmt(e.count) + ")";
    svgEl("path", { d: d, "class": "hit" }, g);
    var line = svgEl("path", { d: d, "class": "line", stroke: colors[e.category], "stroke-width": width.toFixed(2) }, g);
    if (e.category === "conflict") { line.setAttribute("stroke-dasharray", "7 4"); }
    if (e.directed) { line.setAttribute("marker-end", "url(#arrow-" + e.category + ")"); }
    g.addEventListener("click", function (ev) { ev.stopPropagation(); showEdge(i); });
    edgeEls.push(g);
  });

  // ---------------------------------------------------------------- nodes
  var nodeEls = [];
  var labelEls = [];
  nodes.forEach(function (n, i) {
    var g = svgEl("g", {
      "class": "node" + (i === data.focus ? " focus" : ""),
      transform: "translate(" + n.x + "," + n.y + ")",
      tabindex: 0, role: "button", "data-id": n.id, "data-index": i
    }, nodeLayer);
    g.setAttribute("aria-label", n.name + ", " + n.type);
    var title = svgEl("title", {}, g);
    title.textContent = n.name + " (" + n.type + ", " + fmt(n.strength) + " statements)";
    shape(n.type, n.r, g, typeColors[n.type] || "#eee");
    g.addEventListener("click", function (ev) { ev.stopPropagation(); selectNode(i); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); selectNode(i); }
    });
    nodeEls.push(g);
    var label = svgEl("text", {
      x: n.x, y: n.y + n.r + 19, "text-anchor": "middle",
      "class": "label" + (i < 12 ? " major" : ""), "data-index": i
    }, labelLayer);
    label.textContent = n.name;
    labelEls.push(label);
  });

  // ---------------------------------------------------------------- side panel
  var filters = document.getElementById("filters");
  data.categories.forEach(function (c) {
    var row = htmlEl("label", null, "filter", filters);
    var box = htmlEl("input", null, null, row);
    box.type = "checkbox";
    box.checked = true;
    box.value = c.name;
    box.addEventListener("change", function () {
      hiddenCategories[c.name] = !box.checked;
      applyFilters();
    });
    var sw = htmlEl("span", null, "swatch" + (c.dashed ? " dashed" : ""), row);
    sw.style.borderTopColor = c.color;
    htmlEl("span", c.name, null, row);
    htmlEl("span", fmt(c.count), "n", row);
  });
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    var item = htmlEl("span", null, null, typesBox);
    var icon = svgEl("svg", { width: 18, height: 18, viewBox: "-10 -10 20 20" }, item);
    var s = shape(t.name, 7, icon, t.color);
    s.setAttribute("stroke", "#555");
    item.appendChild(document.createTextNode(" " + t.name));
  });
  var names = document.getElementById("actor-names");
  nodes.map(function (n) { return n.name; }).sort().forEach(function (name) {
    var opt = document.createElement("option");
    opt.value = name;
    names.appendChild(opt);
  });

  function applyFilters() {
    edgeEls.forEach(function (g, i) {
      g.classList.toggle("hidden", !!hiddenCategories[edges[i].category]);
    });
    nodes.forEach(function (n, i) {
      var visible = incident[i].some(function (j) { return !hiddenCategories[edges[j].category]; });
      nodeEls[i].classList.toggle("isolated", !visible);
    });
    if (selected !== null && selected.kind === "node") { selectNode(selected.index); }
  }

  function clearDetails() {
    while (details.firstChild) { details.removeChild(details.firstChild); }
  }

  function actorLink(i, parent) {
    var b = htmlEl("button", nodes[i].name, "actor-link", parent);
    b.type = "button";
    b.addEventListener("click", function () { selectNode(i); centerOn(i); });
    return b;
  }

  function evidenceList(e, parent) {
    var list = htmlEl("ol", null, "evidence", parent);
    e.evidence.forEach(function (ev) {
      var li = htmlEl("li", null, null, list);
      htmlEl("q", ev.text, null, li);
      var art = data.articles[ev.article] || {};
      var cite = [art.title || ev.article, art.source, art.date].filter(Boolean).join(" · ");
      htmlEl("cite", cite, null, li);
    });
    if (e.more > 0) { htmlEl("p", "and " + fmt(e.more) + " more statement(s) not kept in this file", "more", parent); }
  }

  function relationBlock(i, parent) {
    var e = edges[i];
    var block = htmlEl("section", null, "relation " + e.category, parent);
    block.setAttribute("data-index", String(i));
    var h = htmlEl("h3", null, null, block);
    var sw = htmlEl("span", null, "swatch" + (e.category === "conflict" ? " dashed" : ""), h);
    sw.style.borderTopColor = colors[e.category];
    h.appendChild(document.createTextNode(" "));
    actorLink(e.s, h);
    h.appendChild(document.createTextNode(" "));
    htmlEl("span", e.label, "verb", h);
    h.appendChild(document.createTextNode(" "));
    actorLink(e.o, h);
    htmlEl("span", " ×" + fmt(e.count), "count", h);
    var dates = e.first && e.last ? (e.first === e.last ? e.first : e.first + " – " + e.last) : "";
    if (dates) { htmlEl("div", dates + " · " + e.category, "dates", block); }
    evidenceList(e, block);
  }

  function highlight(nodeSet, edgeSet) {
    svg.classList.add("has-selection");
    nodeEls.forEach(function (g, i) {
      g.classList.toggle("near", !!nodeSet[i]);
      g.classList.toggle("selected", selected.kind === "node" && selected.index === i);
      labelEls[i].classList.toggle("near", !!nodeSet[i]);
    });
    edgeEls.forEach(function (g, i) { g.classList.toggle("near", !!edgeSet[i]); });
  }

  function selectNode(i) {
    selected = { kind: "node", index: i };
    var n = nodes[i];
    clearDetails();
    htmlEl("h2", n.name, null, details);
    var meta = [n.type, n.qid, fmt(n.strength) + " statements"].filter(Boolean).join(" · ");
    htmlEl("p", meta, "meta", details);
    if (n.aliases.length) { htmlEl("p", "also: " + n.aliases.join(", "), "meta", details); }
    var mine = incident[i].filter(function (j) { return !hiddenCategories[edges[j].category]; });
    mine.sort(function (p, q) {
      var a = edges[p], b = edges[q];
      return (CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category]) || (b.count - a.count) || (p - q);
    });
    if (!mine.length) { htmlEl("p", "No relation of the shown categories.", "hint", details); }
    var nodeSet = {}, edgeSet = {};
    nodeSet[i] = true;
    mine.forEach(function (j) {
      relationBlock(j, details);
      edgeSet[j] = true;
      nodeSet[edges[j].s] = true;
      nodeSet[edges[j].o] = true;
    });
    highlight(nodeSet, edgeSet);
  }

  function showEdge(i) {
    selected = { kind: "edge", index: i };
    var e = edges[i];
    clearDetails();
    htmlEl("h2", nodes[e.s].name + " " + e.label + " " + nodes[e.o].name, null, details);
    relationBlock(i, details);
    var nodeSet = {}, edgeSet = {};
    nodeSet[e.s] = true;
    nodeSet[e.o] = true;
    edgeSet[i] = true;
    highlight(nodeSet, edgeSet);
  }

  function clearSelection() {
    selected = null;
    svg.classList.remove("has-selection");
    nodeEls.forEach(function (g) { g.classList.remove("near", "selected"); });
    edgeEls.forEach(function (g) { g.classList.remove("near"); });
    labelEls.forEach(function (l) { l.classList.remove("near"); });
  }

  // ---------------------------------------------------------------- pan and zoom
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x.toFixed(2) + "," + view.y.toFixed(2) + ") scale(" + view.k.toFixed(4) + ")");
    var limit = Math.max(30, Math.round(30 * view.k * view.k));
    labelEls.forEach(function (l, i) { l.classList.toggle("hidden", i >= limit); });
  }
  function toGraph(clientX, clientY) {
    var pt = svg.createSVGPoint();
    pt.x = clientX;
    pt.y = clientY;
    var m = svg.getScreenCTM();
    return m ? pt.matrixTransform(m.inverse()) : { x: clientX, y: clientY };
  }
  function zoomAt(factor, px, py) {
    var k = Math.min(Math.max(view.k * factor, 0.25), 16);
    var f = k / view.k;
    view.x = px - (px - view.x) * f;
    view.y = py - (py - view.y) * f;
    view.k = k;
    apply();
  }
  function centerOn(i) {
    var n = nodes[i];
    view.x = data.width / 2 - n.x * view.k;
    view.y = data.height / 2 - n.y * view.k;
    apply();
  }
  // Fit everything drawn (labels included) into the canvas.
  function reset() {
    view = { k: 1, x: 0, y: 0 };
    apply();
    var box = nodes.length ? viewport.getBBox() : null;
    if (box && box.width > 0 && box.height > 0) {
      var k = Math.min(data.width / box.width, data.height / box.height, 2.5) * 0.96;
      view = {
        k: k,
        x: data.width / 2 - (box.x + box.width / 2) * k,
        y: data.height / 2 - (box.y + box.height / 2) * k
      };
      apply();
    }
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toGraph(ev.clientX, ev.clientY);
    zoomAt(Math.exp(-ev.deltaY * 0.0015), p.x, p.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || ev.target.closest(".node, .edge")) { return; }
    var p = toGraph(ev.clientX, ev.clientY);
    drag = { x: p.x, y: p.y, vx: view.x, vy: view.y, moved: false, id: ev.pointerId };
    svg.setPointerCapture(ev.pointerId);
    svg.classList.add("panning");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag || ev.pointerId !== drag.id) { return; }
    var p = toGraph(ev.clientX, ev.clientY);
    var dx = p.x - drag.x, dy = p.y - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; }
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    apply();
  });
  function endDrag(ev) {
    if (!drag || ev.pointerId !== drag.id) { return; }
    if (!drag.moved) { clearSelection(); }
    drag = null;
    svg.classList.remove("panning");
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.4, data.width / 2, data.height / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(1 / 1.4, data.width / 2, data.height / 2); });
  document.getElementById("zoom-reset").addEventListener("click", reset);

  // ---------------------------------------------------------------- search
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    findActor(document.getElementById("search-input").value);
  });
  document.getElementById("search-input").addEventListener("change", function (ev) {
    findActor(ev.target.value);
  });
  function findActor(text) {
    var q = String(text || "").trim().toLowerCase();
    if (!q) { return; }
    var hit = -1;
    nodes.forEach(function (n, i) {
      if (hit >= 0) { return; }
      var labels = [n.name].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
      if (labels.indexOf(q) >= 0) { hit = i; }
    });
    if (hit < 0) {
      nodes.forEach(function (n, i) { if (hit < 0 && n.name.toLowerCase().indexOf(q) >= 0) { hit = i; } });
    }
    if (hit >= 0) { selectNode(hit); centerOn(hit); }
  }

  reset();
  applyFilters();
  if (data.focus >= 0) { selectNode(data.focus); }
  if (!nodes.length) {
    var empty = svgEl("text", { x: data.width / 2, y: data.height / 2, "text-anchor": "middle", "class": "label" }, viewport);
    empty.textContent = "no relations to draw";
  }
  document.body.setAttribute("data-ready", "true");
})();
