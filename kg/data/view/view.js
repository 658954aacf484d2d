// kg interactive view: plain SVG and DOM, no library, no network.
// Every string from the graph reaches the page through textContent or
// setAttribute, never as markup.
//
// It opens on the overview: the strongest actors, one line per pair of actors.
// Clicking an actor shows its relations and expands its neighbours (a second
// click collapses them); "show more" adds the next actors by statements; the
// date range and the category boxes recount every line; labels are drawn for
// the larger actors that have room at the current zoom.
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var canvas = document.getElementById("canvas");
  var svg = document.getElementById("graph");
  var overlay = document.getElementById("overlay");
  var viewport = document.getElementById("viewport");
  var edgeLayer = document.getElementById("edges");
  var nodeLayer = document.getElementById("nodes");
  var labelLayer = document.getElementById("labels");
  var details = document.getElementById("details");
  var nodes = data.nodes;
  var edges = data.edges;
  var pairs = data.pairs;
  var colors = {};
  var hiddenCategories = {};
  var view = { k: 1, x: 0, y: 0 };
  var selected = null;
  var CATEGORY_ORDER = {};
  // What is shown: the first `base` actors, the actors found by search, and the
  // neighbours of every expanded actor that is itself shown.
  var base = data.initial.nodes;
  var lineBudget = data.initial.lines;
  var expanded = [];
  var pinned = {};
  var visible = [];
  var window_ = { from: 0, to: Math.max(data.months.length - 1, 0) };

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
  var caption = document.getElementById("caption");
  svg.setAttribute("viewBox", "0 0 " + data.width + " " + data.height);

  data.categories.forEach(function (c, i) { colors[c.name] = c.color; CATEGORY_ORDER[c.name] = i; });

  // ---------------------------------------------------------------- colours
  function hex(c) { return [1, 3, 5].map(function (i) { return parseInt(c.slice(i, i + 2), 16); }); }
  // Net polarity -1 (conflict) … 1 (cooperation), as in kg.plot.polarity_color.
  function polarityColor(p) {
    if (p === null) { return data.polarity.neutral; }
    var stops = data.polarity.stops;
    var t = (Math.max(-1, Math.min(1, p)) + 1) / 2;
    var lo = hex(t <= 0.5 ? stops[0] : stops[1]), hi = hex(t <= 0.5 ? stops[1] : stops[2]);
    var f = t <= 0.5 ? t * 2 : t * 2 - 1;
    return "#" + lo.map(function (v, i) {
      var c = Math.round(v * (1 - f) + hi[i] * f);
      return (c < 16 ? "0" : "") + c.toString(16);
    }).join("");
  }
  var NO_COMMUNITY = data.none;
  function fillOf(n) { return n.c >= 0 ? data.communities[n.c].color : NO_COMMUNITY; }

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
  // How far each shape reaches from its centre, in radii (for the label boxes).
  var REACH = { Country: 1, Person: 1.25, Organization: 0.9, Group: 1.3, Place: 1.1 };
  function shape(type, r, parent, fill) {
    var pts = SHAPES[type];
    if (!pts) { return svgEl("circle", { r: r, fill: fill, "class": "shape" }, parent); }
    return svgEl("polygon", { points: polygon(r, pts), fill: fill, "class": "shape" }, parent);
  }

  // ---------------------------------------------------------------- counts
  // Statements of one relation in the date window.
  function inWindow(e) {
    if (data.months.length < 2) { return e.count; }
    var n = 0;
    e.months.forEach(function (m) { if (m[0] >= window_.from && m[0] <= window_.to) { n += m[1]; } });
    return n;
  }
  function windowed() { return data.months.length >= 2 && (window_.from > 0 || window_.to < data.months.length - 1); }
  // A pair's statements by category, in the window and the ticked categories.
  function pairCounts(p) {
    var c = { total: 0, cooperation: 0, conflict: 0 };
    p.rels.forEach(function (j) {
      var e = edges[j];
      if (hiddenCategories[e.category]) { return; }
      var n = windowed() ? inWindow(e) : e.count;
      c.total += n;
      c[e.category] = (c[e.category] || 0) + n;
    });
    return c;
  }

  // ---------------------------------------------------------------- pairs
  var incident = nodes.map(function () { return []; });
  var neighbours = nodes.map(function () { return []; });
  var pairEls = [];
  pairs.forEach(function (p, i) {
    incident[p.a].push(i);
    incident[p.b].push(i);
    neighbours[p.a].push(p.b);
    neighbours[p.b].push(p.a);
    var a = nodes[p.a], b = nodes[p.b];
    var dx = b.x - a.x, dy = b.y - a.y;
    var len = Math.max(Math.sqrt(dx * dx + dy * dy), 1e-6);
    var ux = dx / len, uy = dy / len;
    var d = "M" + (a.x + ux * (a.r + 2)).toFixed(1) + "," + (a.y + uy * (a.r + 2)).toFixed(1) +
      " L" + (b.x - ux * (b.r + 2)).toFixed(1) + "," + (b.y - uy * (b.r + 2)).toFixed(1);
    var g = svgEl("g", { "class": "pair hidden", "data-index": i, "data-a": a.id, "data-b": b.id }, edgeLayer);
    var title = svgEl("title", {}, g);
    svgEl("path", { d: d, "class": "hit" }, g);
    var line = svgEl("path", { d: d, "class": "line" }, g);
    g.addEventListener("click", function (ev) { ev.stopPropagation(); showPair(i); });
    pairEls.push({ g: g, line: line, title: title });
  });

  function stylePair(i, c) {
    var p = pairs[i], el = pairEls[i];
    var salient = c.cooperation + c.conflict;
    var polarity = salient ? (c.cooperation - c.conflict) / salient : null;
    el.line.setAttribute("stroke", polarityColor(polarity));
    el.line.setAttribute("stroke-width", (Math.min(1.2 + 1.6 * Math.log2(1 + c.total), 9)).toFixed(2));
    el.line.setAttribute("stroke-opacity", salient ? "0.85" : "0.55");
    if (c.cooperation && c.conflict) { el.line.setAttribute("stroke-dasharray", "8 5"); }
    else { el.line.removeAttribute("stroke-dasharray"); }
    el.g.setAttribute("data-net", String(c.cooperation - c.conflict));
    el.title.textContent = nodes[p.a].name + " – " + nodes[p.b].name + ": " + fmt(c.total) +
      " statements (" + fmt(c.cooperation) + " cooperation, " + fmt(c.conflict) + " conflict)";
  }

  // ---------------------------------------------------------------- nodes
  var nodeEls = [];
  var labelEls = [];
  nodes.forEach(function (n, i) {
    var g = svgEl("g", {
      "class": "node hidden" + (i === data.focus ? " focus" : ""),
      transform: "translate(" + n.x + "," + n.y + ")",
      tabindex: 0, role: "button", "data-id": n.id, "data-index": i
    }, nodeLayer);
    g.setAttribute("aria-label", n.name + ", " + n.type);
    var title = svgEl("title", {}, g);
    title.textContent = n.name + " (" + n.type + ", " + fmt(n.strength) + " statements)";
    shape(n.type, n.r, g, fillOf(n));
    g.addEventListener("click", function (ev) { ev.stopPropagation(); clickNode(i); });
    g.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); clickNode(i); }
    });
    nodeEls.push(g);
    var label = svgEl("text", {
      "text-anchor": "middle", "class": "label hidden" + (i < 12 ? " major" : ""), "data-index": i
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
      update();
    });
    var sw = htmlEl("span", null, "swatch" + (c.dashed ? " dashed" : ""), row);
    sw.style.borderTopColor = c.color;
    htmlEl("span", c.name, null, row);
    htmlEl("span", fmt(c.count), "n", row);
  });
  var key = document.getElementById("lines-key");
  htmlEl("h4", "Lines: one per pair of actors", null, key);
  [["cooperation", polarityColor(1), false], ["conflict", polarityColor(-1), false],
    ["both (mixed)", polarityColor(0), true], ["neither (talks, ties)", data.polarity.neutral, false]
  ].forEach(function (row) {
    var item = htmlEl("span", null, null, key);
    var sw = htmlEl("span", null, "swatch" + (row[2] ? " dashed" : ""), item);
    sw.style.borderTopColor = row[1];
    item.appendChild(document.createTextNode(" " + row[0]));
  });
  htmlEl("span", "width: statements", "n", key);
  var comms = document.getElementById("communities");
  if (data.communities.length) { htmlEl("h4", "Communities", null, comms); }
  data.communities.forEach(function (c) {
    var item = htmlEl("span", null, null, comms);
    htmlEl("span", null, "dot", item).style.background = c.color;
    item.appendChild(document.createTextNode(c.name));
  });
  var typesBox = document.getElementById("types");
  data.types.forEach(function (t) {
    var item = htmlEl("span", null, null, typesBox);
    var icon = svgEl("svg", { width: 18, height: 18, viewBox: "-10 -10 20 20" }, item);
    var s = shape(t, 7, icon, NO_COMMUNITY);
    s.setAttribute("stroke", "#555");
    item.appendChild(document.createTextNode(" " + t));
  });
  var names = document.getElementById("actor-names");
  nodes.map(function (n) { return n.name; }).sort().forEach(function (name) {
    var opt = document.createElement("option");
    opt.value = name;
    names.appendChild(opt);
  });

  // ---------------------------------------------------------------- dates
  var fromInput = document.getElementById("date-from");
  var toInput = document.getElementById("date-to");
  var rangeOut = document.getElementById("date-range");
  if (data.months.length >= 2) {
    document.getElementById("dates").classList.remove("hidden");
    [fromInput, toInput].forEach(function (input) { input.max = String(data.months.length - 1); });
    toInput.value = String(data.months.length - 1);
    var onDate = function () {
      var a = Number(fromInput.value), b = Number(toInput.value);
      window_ = { from: Math.min(a, b), to: Math.max(a, b) };
      update();
    };
    fromInput.addEventListener("input", onDate);
    toInput.addEventListener("input", onDate);
  }

  // ---------------------------------------------------------------- what is shown
  function computeVisible() {
    visible = nodes.map(function (_, i) { return i < base || !!pinned[i]; });
    var still = [];
    expanded.forEach(function (c) {
      if (!visible[c]) { return; }
      still.push(c);
      neighbours[c].forEach(function (m) { visible[m] = true; });
    });
    expanded = still;
  }

  function update() {
    computeVisible();
    var isExpanded = {};
    expanded.forEach(function (c) { isExpanded[c] = true; });
    var active = nodes.map(function () { return false; });
    var shownLines = 0, shownNodes = 0, ranked = 0;
    // Lines come strongest first: the first `lineBudget` among the shown actors, and
    // every line of an expanded actor.
    pairs.forEach(function (p, i) {
      var c = pairCounts(p);
      var eligible = visible[p.a] && visible[p.b] && c.total > 0;
      var show = eligible && (ranked < lineBudget || isExpanded[p.a] || isExpanded[p.b]);
      if (eligible) { ranked += 1; }
      pairEls[i].g.classList.toggle("hidden", !show);
      if (show) {
        stylePair(i, c);
        active[p.a] = active[p.b] = true;
        shownLines += 1;
      }
    });
    nodes.forEach(function (n, i) {
      nodeEls[i].classList.toggle("hidden", !visible[i]);
      nodeEls[i].classList.toggle("expanded", !!isExpanded[i]);
      // an actor with nothing in the window or the ticked categories fades
      nodeEls[i].classList.toggle("isolated", visible[i] && !active[i]);
      if (visible[i]) { shownNodes += 1; }
    });
    var more = document.getElementById("show-more");
    more.disabled = base >= nodes.length;
    more.textContent = base >= nodes.length ? "all shown" : "show more";
    var range = data.months.length >= 2 ? data.months[window_.from] + " – " + data.months[window_.to] : "";
    rangeOut.textContent = range;
    caption.textContent = "on screen: " + fmt(shownNodes) + " actors and " + fmt(shownLines) +
      " lines" + (windowed() ? " (" + range + ")" : "") + " · in this file: " + data.caption;
    document.body.setAttribute("data-shown", shownNodes + "," + shownLines);
    if (selected !== null && selected.kind === "node") { describeNode(selected.index); }
    layoutLabels();
  }

  // ---------------------------------------------------------------- details
  function clearDetails() {
    while (details.firstChild) { details.removeChild(details.firstChild); }
  }

  function actorLink(i, parent) {
    var b = htmlEl("button", nodes[i].name, "actor-link", parent);
    b.type = "button";
    b.addEventListener("click", function () { reveal(i); describeNode(i); centerOn(i); });
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

  function relationBlock(j, parent) {
    var e = edges[j];
    var block = htmlEl("section", null, "relation " + e.category, parent);
    block.setAttribute("data-index", String(j));
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

  function shownRelations(p) {
    return p.rels.filter(function (j) {
      return !hiddenCategories[edges[j].category] && (!windowed() || inWindow(edges[j]) > 0);
    });
  }

  function byCategory(list) {
    return list.sort(function (p, q) {
      var a = edges[p], b = edges[q];
      return (CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category]) || (b.count - a.count) || (p - q);
    });
  }

  function highlight(nodeSet, pairSet) {
    canvas.classList.add("has-selection");
    nodeEls.forEach(function (g, i) {
      g.classList.toggle("near", !!nodeSet[i]);
      g.classList.toggle("selected", selected.kind === "node" && selected.index === i);
      labelEls[i].classList.toggle("near", !!nodeSet[i]);
    });
    pairEls.forEach(function (el, i) { el.g.classList.toggle("near", !!pairSet[i]); });
  }

  function describeNode(i) {
    selected = { kind: "node", index: i };
    var n = nodes[i];
    clearDetails();
    htmlEl("h2", n.name, null, details);
    var meta = [n.type, n.qid, fmt(n.strength) + " statements"].filter(Boolean).join(" · ");
    htmlEl("p", meta, "meta", details);
    if (n.aliases.length) { htmlEl("p", "also: " + n.aliases.join(", "), "meta", details); }
    var hidden = neighbours[i].filter(function (m) { return !visible[m]; }).length;
    if (expanded.indexOf(i) >= 0) {
      htmlEl("p", "Neighbours shown; click the actor again to fold them away.", "hint", details);
    } else if (hidden) {
      htmlEl("p", fmt(hidden) + " more neighbour(s) in this file: click the actor again to show them.", "hint", details);
    }
    var mine = [];
    var nodeSet = {}, pairSet = {};
    nodeSet[i] = true;
    incident[i].forEach(function (k) {
      if (pairEls[k].g.classList.contains("hidden")) { return; }
      pairSet[k] = true;
      nodeSet[pairs[k].a] = nodeSet[pairs[k].b] = true;
      mine = mine.concat(shownRelations(pairs[k]));
    });
    if (!mine.length) { htmlEl("p", "No relation shown for the ticked categories and dates.", "hint", details); }
    byCategory(mine).forEach(function (j) { relationBlock(j, details); });
    highlight(nodeSet, pairSet);
  }

  // A click selects an actor; a click on the selected actor expands or collapses it.
  // The first click on an actor with hidden neighbours expands it at once.
  function clickNode(i) {
    var at = expanded.indexOf(i);
    if (at >= 0) {
      if (selected && selected.kind === "node" && selected.index === i) { expanded.splice(at, 1); }
    } else if (neighbours[i].some(function (m) { return !visible[m]; })) {
      expanded.push(i);
    }
    selected = { kind: "node", index: i };
    update();
  }

  function showPair(i) {
    selected = { kind: "pair", index: i };
    var p = pairs[i];
    clearDetails();
    htmlEl("h2", nodes[p.a].name + " – " + nodes[p.b].name, null, details);
    var c = pairCounts(p);
    htmlEl("p", fmt(c.total) + " statements · cooperation − conflict: " + fmt(c.cooperation - c.conflict), "meta", details);
    byCategory(shownRelations(p)).forEach(function (j) { relationBlock(j, details); });
    var nodeSet = {}, pairSet = {};
    nodeSet[p.a] = nodeSet[p.b] = true;
    pairSet[i] = true;
    highlight(nodeSet, pairSet);
  }

  function clearSelection() {
    selected = null;
    canvas.classList.remove("has-selection");
    nodeEls.forEach(function (g) { g.classList.remove("near", "selected"); });
    pairEls.forEach(function (el) { el.g.classList.remove("near"); });
    labelEls.forEach(function (l) { l.classList.remove("near"); });
  }

  function reveal(i) {
    if (!visible[i]) { pinned[i] = true; update(); }
  }

  // ---------------------------------------------------------------- labels
  // Labels live outside the zoomed group, at a fixed size: zooming in gives them
  // room, so more appear. The larger actors go first; a label is drawn only where it
  // overlaps no label drawn before and no shown actor.
  var widths = [];
  function labelWidth(i) {
    if (widths[i] === undefined) {
      var l = labelEls[i];
      l.classList.remove("hidden");
      widths[i] = l.getComputedTextLength();
      l.classList.add("hidden");
    }
    return widths[i];
  }
  function layoutLabels() {
    var scale = screenScale();
    var order = [];
    nodes.forEach(function (n, i) { if (visible[i]) { order.push(i); } });
    order.sort(function (a, b) { return (nodes[b].r - nodes[a].r) || (a - b); });
    var boxes = order.map(function (i) {
      var n = nodes[i], r = n.r * (REACH[n.type] || 1) * view.k * scale.k + 1.5;
      var x = (n.x * view.k + view.x) * scale.k + scale.x, y = (n.y * view.k + view.y) * scale.k + scale.y;
      return [x - r, y - r, x + r, y + r];
    });
    var taken = [];
    var w = overlay.clientWidth, h = overlay.clientHeight;
    order.forEach(function (i, k) {
      var l = labelEls[i], node = boxes[k];
      var cx = (node[0] + node[2]) / 2, cy = (node[1] + node[3]) / 2;
      var wl = labelWidth(i) + 4, fs = l.classList.contains("major") ? 13 : 12, hl = fs * 1.25;
      // below, above, right, left of the shape: the first free spot wins
      var spots = [
        [cx - wl / 2, node[3] + 1], [cx - wl / 2, node[1] - 1 - hl],
        [node[2] + 3, cy - hl / 2], [node[0] - 3 - wl, cy - hl / 2]
      ];
      var spot = null;
      for (var s = 0; spot === null && s < spots.length; s++) {
        var box = [spots[s][0], spots[s][1], spots[s][0] + wl, spots[s][1] + hl];
        var free = box[0] >= 0 && box[2] <= w && box[1] >= 0 && box[3] <= h - 24;
        for (var t = 0; free && t < taken.length; t++) { free = !touches(box, taken[t]); }
        for (var m = 0; free && m < boxes.length; m++) { free = m === k || !touches(box, boxes[m]); }
        if (free) { spot = box; }
      }
      l.classList.toggle("hidden", spot === null);
      if (spot !== null) {
        l.setAttribute("x", ((spot[0] + spot[2]) / 2).toFixed(1));
        l.setAttribute("y", (spot[1] + fs).toFixed(1));
        taken.push(spot);
      }
    });
    nodes.forEach(function (_, i) { if (!visible[i]) { labelEls[i].classList.add("hidden"); } });
  }
  function touches(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  // From the viewBox of #graph to the pixels of #overlay (the same box on the page).
  function screenScale() {
    var w = svg.clientWidth, h = svg.clientHeight;
    var k = Math.min(w / data.width, h / data.height);
    return { k: k, x: (w - data.width * k) / 2, y: (h - data.height * k) / 2 };
  }

  // ---------------------------------------------------------------- pan and zoom
  function apply() {
    viewport.setAttribute("transform", "translate(" + view.x.toFixed(2) + "," + view.y.toFixed(2) + ") scale(" + view.k.toFixed(4) + ")");
    layoutLabels();
  }
  function toGraph(clientX, clientY) {
    var pt = svg.createSVGPoint();
    pt.x = clientX;
    pt.y = clientY;
    var m = svg.getScreenCTM();
    return m ? pt.matrixTransform(m.inverse()) : { x: clientX, y: clientY };
  }
  function zoomAt(factor, px, py) {
    var k = Math.min(Math.max(view.k * factor, 0.1), 16);
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
  // Fit the shown actors, with room for their labels below, into the canvas.
  function reset() {
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    nodes.forEach(function (n, i) {
      if (!visible[i]) { return; }
      x0 = Math.min(x0, n.x - n.r - 60);
      x1 = Math.max(x1, n.x + n.r + 60);
      y0 = Math.min(y0, n.y - n.r - 10);
      y1 = Math.max(y1, n.y + n.r + 30);
    });
    if (x1 > x0) {
      var k = Math.min(data.width / (x1 - x0), data.height / (y1 - y0), 2.5) * 0.96;
      view = { k: k, x: data.width / 2 - ((x0 + x1) / 2) * k, y: data.height / 2 - ((y0 + y1) / 2) * k };
    } else {
      view = { k: 1, x: 0, y: 0 };
    }
    apply();
  }

  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toGraph(ev.clientX, ev.clientY);
    zoomAt(Math.exp(-ev.deltaY * 0.0015), p.x, p.y);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0 || ev.target.closest(".node, .pair")) { return; }
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
  window.addEventListener("resize", layoutLabels);

  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.4, data.width / 2, data.height / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(1 / 1.4, data.width / 2, data.height / 2); });
  document.getElementById("zoom-reset").addEventListener("click", reset);
  document.getElementById("show-more").addEventListener("click", function () {
    var added = Math.min(data.initial.step, nodes.length - base);
    base += added;
    lineBudget += Math.round(added * data.initial.lines / Math.max(data.initial.nodes, 1));
    update();
    reset();
  });

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
    if (hit >= 0) { reveal(hit); describeNode(hit); centerOn(hit); }
  }

  update();
  reset();
  if (data.focus >= 0) { describeNode(data.focus); }
  if (!nodes.length) {
    var empty = svgEl("text", { x: data.width / 2, y: data.height / 2, "text-anchor": "middle", "class": "label" }, viewport);
    empty.textContent = "no relations to draw";
  }
  document.body.setAttribute("data-ready", "true");
})();
