// The attention head explorer, in the page: plain JS + SVG, no library. Data: #explorer-data (JSON, built by
// site/explorer_data.ts). Queries on the left, keys on the right; a line's opacity is its weight. Hovering
// a query shows its row: its lines, and each key shaded and labelled with its weight (BertViz's head view).
(function () {
  "use strict";
  var examples = JSON.parse(document.getElementById("explorer-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var pick = { example: document.getElementById("example"), layer: document.getElementById("layer"), head: document.getElementById("head") };
  var svg = document.getElementById("heads"), note = document.getElementById("note"), readout = document.getElementById("readout");
  var ROW = 24, TOP = 30, LEFT = 200, RIGHT = 460;

  function el(name, attrs, text) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function fill(select, names) {
    select.innerHTML = "";
    names.forEach(function (n, i) { var o = document.createElement("option"); o.value = String(i); o.textContent = n; select.appendChild(o); });
    select.disabled = names.length < 2;
  }
  function current() {
    var ex = examples[Number(pick.example.value)], layer = ex.layers[Number(pick.layer.value) || 0];
    return { ex: ex, head: layer.heads[Number(pick.head.value) || 0] };
  }

  function draw() {
    var c = current(), ex = c.ex, W = c.head.weights;
    note.textContent = ex.note;
    readout.textContent = "Hover a token on the left.";
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    var rows = Math.max(ex.queries.length, ex.keys.length);
    svg.setAttribute("viewBox", "0 0 640 " + (TOP + rows * ROW + 10));
    svg.setAttribute("height", String(TOP + rows * ROW + 10));
    svg.appendChild(el("text", { x: LEFT, y: 16, "text-anchor": "end", class: "colhead" }, "query"));
    svg.appendChild(el("text", { x: RIGHT, y: 16, class: "colhead" }, "key"));
    var lines = [], keys = [];
    ex.queries.forEach(function (_, i) {
      lines[i] = ex.keys.map(function (_, j) {
        var l = el("line", { x1: LEFT + 8, y1: TOP + i * ROW + ROW / 2, x2: RIGHT - 8, y2: TOP + j * ROW + ROW / 2, class: "link", "stroke-opacity": (0.4 * W[i][j]).toFixed(4) });
        svg.appendChild(l);
        return l;
      });
    });
    ex.keys.forEach(function (t, j) {
      var g = el("g", { class: "key", "data-weight": "" });
      g.appendChild(el("rect", { x: RIGHT - 4, y: TOP + j * ROW + 2, width: 120, height: ROW - 4, rx: 3, class: "shade", "fill-opacity": "0" }));
      g.appendChild(el("text", { x: RIGHT, y: TOP + j * ROW + ROW / 2 + 5 }, t));
      var w = el("text", { x: RIGHT + 150, y: TOP + j * ROW + ROW / 2 + 5, class: "weight" }, "");
      g.appendChild(w);
      svg.appendChild(g);
      keys.push({ g: g, rect: g.firstChild, label: w });
    });
    ex.queries.forEach(function (t, i) {
      var g = el("g", { class: "query", tabindex: "0" });
      g.appendChild(el("rect", { x: LEFT - 124, y: TOP + i * ROW + 2, width: 128, height: ROW - 4, rx: 3, class: "qshade" }));
      g.appendChild(el("text", { x: LEFT, y: TOP + i * ROW + ROW / 2 + 5, "text-anchor": "end" }, t));
      function on() { focus(i); }
      g.addEventListener("mouseenter", on);
      g.addEventListener("focus", on);
      g.addEventListener("mouseleave", reset);
      svg.appendChild(g);
    });
    function focus(i) {
      var best = 0;
      lines.forEach(function (row, r) { row.forEach(function (l, j) { l.setAttribute("stroke-opacity", r === i ? W[i][j].toFixed(4) : "0"); }); });
      keys.forEach(function (k, j) {
        k.rect.setAttribute("fill-opacity", W[i][j].toFixed(4));
        k.g.setAttribute("data-weight", String(W[i][j]));
        k.label.textContent = W[i][j].toFixed(3);
        if (W[i][j] > W[i][best]) best = j;
      });
      svg.setAttribute("data-query", String(i));
      readout.textContent = "“" + ex.queries[i] + "” attends most to “" + ex.keys[best] + "” (" + W[i][best].toFixed(3) + ").";
    }
    function reset() {
      lines.forEach(function (row, r) { row.forEach(function (l, j) { l.setAttribute("stroke-opacity", (0.4 * W[r][j]).toFixed(4)); }); });
      keys.forEach(function (k) { k.rect.setAttribute("fill-opacity", "0"); k.g.setAttribute("data-weight", ""); k.label.textContent = ""; });
      svg.removeAttribute("data-query");
    }
  }

  fill(pick.example, examples.map(function (e) { return e.title; }));
  function onExample() {
    var ex = examples[Number(pick.example.value)];
    fill(pick.layer, ex.layers.map(function (l) { return l.name; }));
    onLayer();
  }
  function onLayer() {
    var ex = examples[Number(pick.example.value)];
    fill(pick.head, ex.layers[Number(pick.layer.value) || 0].heads.map(function (h) { return h.name; }));
    draw();
  }
  // The live panel (live.js) adds the learner's own examples: computed in the page, shown like the built-in ones.
  window.attentionKitExplorer = {
    show: function (example) {
      var at = examples.findIndex(function (e) { return e.id === example.id; });
      if (at < 0) { examples.push(example); at = examples.length - 1; } else examples[at] = example;
      var keep = { layer: pick.layer.value, head: pick.head.value, same: pick.example.value === String(at) };
      fill(pick.example, examples.map(function (e) { return e.title; }));
      pick.example.value = String(at);
      if (keep.same) { fill(pick.layer, example.layers.map(function (l) { return l.name; })); pick.layer.value = keep.layer || "0"; fill(pick.head, example.layers[Number(pick.layer.value) || 0].heads.map(function (h) { return h.name; })); pick.head.value = keep.head || "0"; draw(); } else onExample();
    },
    focus: function (i) { var g = svg.querySelectorAll("g.query")[i]; if (g) g.dispatchEvent(new Event("mouseenter")); },
  };
  pick.example.addEventListener("change", onExample);
  pick.layer.addEventListener("change", onLayer);
  pick.head.addEventListener("change", draw);
  onExample();
})();
