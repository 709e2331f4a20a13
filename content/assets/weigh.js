/* Weigh it yourself: ranks the approaches by the sum of weight x value over the aspects. The values are
   worked out when the site is built and embedded as JSON; this script only multiplies, adds and sorts.
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

  // Scores are kept in hundredths, whole numbers, so that equal scores compare equal.
  function signed(h) {
    return (h > 0 ? "+" : h < 0 ? "\u2212" : "") + (Math.abs(h) / 100).toFixed(2);
  }

  function readHash() {
    var out = {};
    var m = /^#w=([a-z0-9-]+:[0-5](?:,[a-z0-9-]+:[0-5])*)$/.exec(location.hash);
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
    inputs.forEach(function (input) {
      weights[input.dataset.aspect] = +input.value;
      pairs.push(input.dataset.aspect + ":" + input.value);
      document.getElementById(input.id + "-value").textContent = input.value;
    });
    var rows = data.approaches.map(function (a, index) {
      var row = { a: a, index: index, score: 0, rated: 0, weighed: 0 };
      data.aspects.forEach(function (aspect) {
        var w = weights[aspect.id], v = aspect.values[a.id];
        if (!w) return;
        row.weighed += 1;
        if (v === null) return;
        row.rated += 1;
        row.score += w * Math.round(v * 100);
      });
      return row;
    });
    rows.sort(function (x, y) { return y.score - x.score || x.index - y.index; });
    list.textContent = "";
    rows.forEach(function (r) {
      var li = document.createElement("li");
      var name = document.createElement("strong");
      li.dataset.approach = r.a.id;
      li.dataset.score = r.score;
      name.textContent = r.a.name;
      li.appendChild(name);
      li.appendChild(document.createTextNode(": score " + signed(r.score) + " (rated on " + r.rated + " of the " +
        r.weighed + " aspects you weighed)"));
      list.appendChild(li);
    });
    var top = rows[0], next = rows[1];
    summary.textContent = !top.weighed ? "Every weight is 0, so nothing separates the approaches."
      : next && next.score === top.score ? top.a.name + " and " + next.a.name + " tie at " + signed(top.score) + "."
      : top.a.name + " comes first with " + signed(top.score) + (next ? ", ahead of " + next.a.name + " with " + signed(next.score) : "") + ".";
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
  setWeights(readHash());
  tool.hidden = false;
  rank(false);
})();
