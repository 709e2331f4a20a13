/* Weigh it yourself: ranks the approaches by the weighted average of their values over the aspects the reader
   weighs. The values are worked out when the site is built and embedded as JSON; this script only multiplies,
   adds, divides and sorts, as hooks/guide/weighing.py does. An aspect no source rates for an approach is left out
   of that approach's average. Equal averages are split by how much of the weight is rated (more evidence first);
   approaches still equal share a place: the order on the page never decides one.
   The weights are kept in the address (#w=cost:5,flexibility:0). Without JavaScript the table of values stays. */
(function () {
  "use strict";
  var tool = document.getElementById("weigh-tool");
  var json = document.getElementById("weigh-data");
  if (!tool || !json) return;
  var data = JSON.parse(json.textContent);
  var inputs = tool.querySelectorAll("input[data-aspect]");
  var list = document.getElementById("weigh-ranking");
  var summary = document.getElementById("weigh-summary");
  var PLACES = ["first", "second", "third", "fourth", "fifth"];

  // Values are kept in hundredths, whole numbers, so that equal averages compare equal (by cross-multiplying).
  function signed(h) {
    return (h > 0 ? "+" : h < 0 ? "\u2212" : "") + (Math.abs(h) / 100).toFixed(2);
  }

  function shown(r) {  // the average in whole hundredths, rounded half up (weighing.shown)
    return Math.floor((2 * r.total + r.rated) / (2 * r.rated));
  }

  // <0 when x ranks before y, 0 when they share a place.
  function compare(x, y) {
    if (!x.rated || !y.rated) return (x.rated ? 0 : 1) - (y.rated ? 0 : 1);
    return (y.total * x.rated - x.total * y.rated) || (y.rated - x.rated);
  }

  var WEIGHTS = /^#w=([a-z0-9-]+:[0-5](?:,[a-z0-9-]+:[0-5])*)$/;

  function readHash() {
    var out = {};
    var m = WEIGHTS.exec(location.hash);
    if (m) m[1].split(",").forEach(function (pair) { var kv = pair.split(":"); out[kv[0]] = +kv[1]; });
    return out;
  }

  function setWeights(weights) {
    inputs.forEach(function (input) {
      var w = weights[input.dataset.aspect];
      input.value = w === undefined ? data.default : w;
    });
  }

  function rank(writeHash) {
    var weights = {};
    var pairs = [];
    var counted = 0;
    inputs.forEach(function (input) {
      weights[input.dataset.aspect] = +input.value;
      pairs.push(input.dataset.aspect + ":" + input.value);
      if (+input.value) counted += 1;
      document.getElementById(input.id + "-value").textContent = input.value;
    });
    var rows = data.approaches.map(function (a) {
      var row = {a: a, total: 0, rated: 0, aspects: 0};
      data.aspects.forEach(function (aspect) {
        var w = weights[aspect.id], v = aspect.values[a.id];
        if (!w || v === null) return;
        row.aspects += 1;
        row.rated += w;
        row.total += w * Math.round(v * 100);
      });
      return row;
    });
    rows.sort(compare);  // stable: approaches that share a place keep the page order, and the page says they share it
    rows.forEach(function (r, i) { r.place = i && !compare(rows[i - 1], r) ? rows[i - 1].place : i + 1; });
    list.textContent = "";
    rows.forEach(function (r) {
      var li = document.createElement("li");
      var name = document.createElement("strong");
      li.dataset.approach = r.a.id;
      li.dataset.place = r.place;
      li.dataset.score = r.rated ? shown(r) : "";
      name.textContent = r.a.name;
      li.appendChild(name);
      var shared = rows.filter(function (o) { return o.place === r.place; }).length > 1;
      li.appendChild(document.createTextNode(!r.rated
        ? ": no rating on any of the aspects you weighed"
        : ": " + signed(shown(r)) + " on average, rated on " + r.aspects + " of the " + counted + " aspects you weighed" +
          (shared ? " (shares " + PLACES[r.place - 1] + " place)" : "")));
      list.appendChild(li);
    });
    var top = rows[0], next = rows[1];
    summary.textContent = !counted ? "Every weight is 0, so nothing separates the approaches."
      : !top.rated ? "No source rates any approach on the aspects you weighed."
      : next && next.place === top.place ? top.a.name + " and " + next.a.name + " share first place at " + signed(shown(top)) + "."
      : top.a.name + " comes first with " + signed(shown(top)) + (next && next.rated ? ", ahead of " + next.a.name + " with " + signed(shown(next)) : "") + ".";
    if (writeHash) {
      try { history.replaceState(null, "", "#w=" + pairs.join(",")); } catch (e) { /* sandboxed: keep the ranking, skip the address */ }
    }
  }

  inputs.forEach(function (input) { input.addEventListener("input", function () { rank(true); }); });
  document.getElementById("weigh-reset").addEventListener("click", function () {
    setWeights({});
    rank(false);
    try { history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* as above */ }
  });
  window.addEventListener("hashchange", function () { setWeights(readHash()); rank(false); });
  // The presets point at the tool in the page as built (a link checker finds that anchor); here they set weights.
  tool.querySelectorAll("a[data-weights]").forEach(function (a) {
    if (WEIGHTS.test("#w=" + a.dataset.weights)) a.setAttribute("href", "#w=" + a.dataset.weights);
  });
  setWeights(readHash());
  tool.hidden = false;
  rank(false);
})();
