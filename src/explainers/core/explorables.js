/* Explorable figures of "Pain and the Default Mode": one small script, no dependencies, no network.
   Every number it shows is read from the data block its explorable carries (a JSON <script> the
   notebook wrote); it computes none. Without it each explorable is its static figure and table.
   Kinds: "power" (sliders over a SIMULATED power grid) and "regions" (a sortable region table
   with a map of the same regions). The global-signal switch needs no script (CSS only). */
(function () {
  "use strict";
  if (window.exExplorables) {
    return;
  }
  var SVG = "http://www.w3.org/2000/svg";

  function svg(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  function text(node, words) { node.textContent = words; return node; }

  function data(root) {
    return JSON.parse(root.querySelector("script.ex-data").textContent);
  }

  function percent(value) { return (value * 100).toFixed(1) + " %"; }

  function thousands(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ","); }

  /* ---- power: share of the dip and group size on sliders, power read from the grid ---- */
  function power(root) {
    var d = data(root);
    var share = root.querySelector("input[data-ex-control=share]");
    var size = root.querySelector("input[data-ex-control=size]");
    var models = root.querySelectorAll("input[data-ex-control=model]");
    var shareOut = root.querySelector("[data-ex-out=share]");
    var sizeOut = root.querySelector("[data-ex-out=size]");
    var result = root.querySelector("[data-ex-out=result]");
    var chart = root.querySelector("svg[data-ex-out=chart]");
    var W = 640, H = 300, L = 56, R = 16, T = 16, B = 46;
    var nMin = d.sizes[0], nMax = d.sizes[d.sizes.length - 1];
    function x(n) { return L + (n - nMin) / (nMax - nMin) * (W - L - R); }
    function y(p) { return T + (1 - p) * (H - T - B); }

    function model() {
      for (var i = 0; i < models.length; i++) { if (models[i].checked) { return models[i].value; } }
      return d.models[0];
    }

    function axes() {
      while (chart.firstChild) { chart.removeChild(chart.firstChild); }
      svg("rect", {x: L, y: T, width: W - L - R, height: H - T - B, fill: "#ffffff", stroke: "#b3b3b3"}, chart);
      [0, 0.2, 0.4, 0.6, 0.8, 1].forEach(function (p) {
        svg("line", {x1: L - 4, x2: L, y1: y(p), y2: y(p), stroke: "#4d4d4d"}, chart);
        text(svg("text", {x: L - 7, y: y(p) + 4, "text-anchor": "end", "class": "ex-tick"}, chart), Math.round(p * 100) + " %");
      });
      [5, 10, 20, 30, 40, 50, 60].forEach(function (n) {
        if (n < nMin || n > nMax) { return; }
        svg("line", {x1: x(n), x2: x(n), y1: H - B, y2: H - B + 4, stroke: "#4d4d4d"}, chart);
        text(svg("text", {x: x(n), y: H - B + 17, "text-anchor": "middle", "class": "ex-tick"}, chart), String(n));
      });
      text(svg("text", {x: (L + W - R) / 2, y: H - 6, "text-anchor": "middle", "class": "ex-axis"}, chart), d.words.x_axis);
      var goal = y(d.goal);
      svg("line", {x1: L, x2: W - R, y1: goal, y2: goal, stroke: d.colours.goal, "stroke-dasharray": "6 4"}, chart);
      text(svg("text", {x: W - R - 4, y: goal - 5, "text-anchor": "end", "class": "ex-tick"}, chart), d.words.goal);
      svg("line", {x1: x(d.n_2008), x2: x(d.n_2008), y1: T, y2: H - B, stroke: d.colours.study, "stroke-width": 2}, chart);
      text(svg("text", {x: x(d.n_2008) + 5, y: T + 14, "class": "ex-tick"}, chart), d.words.study);
    }

    function update() {
      // The chart is as wide as its box (at most 640 units), so its words keep their size on a phone.
      W = Math.max(320, Math.min(640, Math.round(chart.parentNode.clientWidth || 640)));
      chart.setAttribute("viewBox", "0 0 " + W + " " + H);
      var s = Number(share.value), n = Number(size.value), m = model();
      var row = d.power[m][d.sizes.indexOf(n)];
      var value = row[s];
      var needed = d.needed[m][s];
      var at2008 = d.power[m][d.sizes.indexOf(d.n_2008)][s];
      var dText = d.d[s].toFixed(2);
      shareOut.textContent = Math.round(d.shares[s] * 100) + " % (Cohen's d " + dText + ")";
      sizeOut.textContent = String(n);
      share.setAttribute("aria-valuetext", Math.round(d.shares[s] * 100) + " %, Cohen's d " + dText);
      size.setAttribute("aria-valuetext", n + " people per group");
      result.textContent = "";
      var strong = document.createElement("strong");
      strong.textContent = "Power " + percent(value);
      result.appendChild(strong);
      result.appendChild(document.createTextNode(
        ": " + thousands(Math.round(value * d.n_sim)) + " of " + thousands(d.n_sim) + " " + d.words.studies +
        " with " + n + " per group. With " + d.n_2008 + " per group, as in 2008: " + percent(at2008) + ". " +
        d.words.needed + " " + (needed === null ? d.words.beyond : needed + " per group") + "."));
      axes();
      var points = d.sizes.map(function (k, i) { return x(k) + "," + y(d.power[m][i][s]); }).join(" ");
      svg("polyline", {points: points, fill: "none", stroke: d.colours.curve, "stroke-width": 3}, chart);
      svg("circle", {cx: x(n), cy: y(value), r: 7, fill: d.colours.curve, stroke: "#000000", "stroke-width": 2}, chart);
      chart.setAttribute("aria-label", d.words.chart + " " + Math.round(d.shares[s] * 100) + " %, " + m +
        ". At " + n + " per group: " + percent(value) + ".");
    }

    [share, size].forEach(function (input) { input.addEventListener("input", update); });
    Array.prototype.forEach.call(models, function (input) { input.addEventListener("change", update); });
    update();
  }

  /* ---- regions: a sortable table and a map of the same regions, one selection ---- */
  function regions(root) {
    var d = data(root);
    var body = root.querySelector("tbody");
    var rows = Array.prototype.slice.call(body.rows);
    var detail = root.querySelector("[data-ex-out=detail]");
    var map = root.querySelector("svg[data-ex-out=map]");
    var dots = [];
    var current = -1;

    function cell(i, k) { return rows[i].cells[k].textContent; }

    function describe(i) {
      var direction = d.t[i] < 0 ? d.words.down : d.words.up;
      return cell(i, 0) + ": " + cell(i, 1) + ", group t " + cell(i, 2) + " (" + direction + "). " +
        d.words.where + " " + cell(i, 3) + ".";
    }

    function select(i, focus) {
      if (current >= 0) {
        rows[current].classList.remove("ex-selected");
        rows[current].setAttribute("tabindex", "-1");
        dots[current].forEach(function (dot) { dot.classList.remove("ex-selected"); });
      }
      current = i;
      var row = rows[i];
      row.classList.add("ex-selected");
      row.setAttribute("tabindex", "0");
      dots[i].forEach(function (dot) { dot.classList.add("ex-selected"); dot.parentNode.appendChild(dot); });
      detail.textContent = describe(i);
      if (focus) {
        row.focus();
      } else if (row.scrollIntoView) {
        var box = row.closest(".ex-rg-scroll");
        if (box) { box.scrollTop = row.offsetTop - box.clientHeight / 2; }
      }
    }

    // The map: each region's centre seen from above and from the left, coloured by its group t.
    d.views.forEach(function (view) {
      var g = svg("g", {transform: "translate(" + view.left + ",0)"}, map);
      svg("rect", {x: 0, y: 0, width: view.width, height: view.height, rx: 12, fill: "#ffffff", stroke: "#b3b3b3"}, g);
      text(svg("text", {x: 8, y: 18, "class": "ex-axis"}, g), view.title);
      view.ticks.forEach(function (tick) {
        text(svg("text", {x: tick.x, y: tick.y, "text-anchor": tick.anchor, "class": "ex-tick"}, g), tick.text);
      });
      d.points[view.key].forEach(function (p, i) {
        var dot = svg("circle", {cx: p[0], cy: p[1], r: 5.5, fill: d.colour[i],
          stroke: "#333333", "stroke-width": 0.8, "data-i": i}, g);
        svg("title", {}, dot).textContent = cell(i, 0);
        (dots[i] = dots[i] || []).push(dot);
      });
    });
    map.addEventListener("click", function (event) {
      var i = event.target.getAttribute && event.target.getAttribute("data-i");
      if (i !== null && i !== undefined) { select(Number(i), false); }
    });
    map.addEventListener("mouseover", function (event) {
      var i = event.target.getAttribute && event.target.getAttribute("data-i");
      if (i !== null && i !== undefined) { select(Number(i), false); }
    });

    // The table: one tab stop (the selected row); arrows, Home and End move; a click selects.
    rows.forEach(function (row, i) {
      row.setAttribute("tabindex", "-1");
      row.addEventListener("click", function () { select(i, true); });
      row.addEventListener("focus", function () { if (current !== i) { select(i, false); } });
    });
    body.addEventListener("keydown", function (event) {
      var order = Array.prototype.slice.call(body.rows).map(function (row) { return rows.indexOf(row); });
      var at = order.indexOf(current), next = null;
      if (event.key === "ArrowDown") { next = Math.min(at + 1, order.length - 1); }
      else if (event.key === "ArrowUp") { next = Math.max(at - 1, 0); }
      else if (event.key === "Home") { next = 0; }
      else if (event.key === "End") { next = order.length - 1; }
      if (next !== null) { event.preventDefault(); select(order[next], true); }
    });

    // Sorting: each heading becomes a button; a second press reverses the order.
    var heads = root.querySelectorAll("thead th");
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ex-sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = d.sort[column];
        function value(row) {
          var i = rows.indexOf(row);
          return key === "text" ? cell(i, column) : d[key][i];
        }
        var sorted = rows.slice().sort(function (a, b) {
          var va = value(a), vb = value(b);
          var c = typeof va === "number" ? va - vb : va.localeCompare(vb);
          return ascending ? c : -c;
        });
        sorted.forEach(function (row) { body.appendChild(row); });
      });
    });
    root.querySelector(".ex-rg-scroll").classList.add("ex-scrolls");
    select(d.start, false);
  }

  var KINDS = {power: power, regions: regions};

  function init(scope) {
    scope = scope || document;
    var roots = Array.prototype.slice.call(scope.querySelectorAll("[data-ex-explorable]"));
    if (scope.matches && scope.matches("[data-ex-explorable]")) { roots.unshift(scope); }
    roots.forEach(function (root) {
      var kind = KINDS[root.getAttribute("data-ex-explorable")];
      if (!kind || root.hasAttribute("data-ex-ready")) { return; }
      root.setAttribute("data-ex-ready", "");
      Array.prototype.forEach.call(root.querySelectorAll("[data-ex-needs-script]"), function (node) { node.hidden = false; });
      kind(root);
      Array.prototype.forEach.call(root.querySelectorAll("details[data-ex-fold]"), function (node) { node.open = false; });
    });
  }

  window.exExplorables = {init: init};
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();
