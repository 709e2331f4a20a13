/* Break-even accuracy: p* = (C + R) / (V + C) from the value of a success V, the cost of a failure C and an
   optional cost per request R. The figures are kept in the address (#v=10&c=40&r=5). Without JavaScript the
   page shows the formula and a worked example instead. */
(function () {
  "use strict";
  var form = document.getElementById("break-even-tool");
  if (!form) return;
  var inputs = form.querySelectorAll("input[data-key]");
  var result = document.getElementById("be-result");
  var NUMBER = /^\d+(\.\d+)?$/;
  var NAMES = { v: "the value of a correct answer", c: "the cost of a wrong answer", r: "the cost of each request" };

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2 && NAMES[kv[0]] && NUMBER.test(kv[1])) out[kv[0]] = kv[1];
    });
    return out;
  }

  function update(writeHash) {
    var n = {}, bad = [], pairs = [];
    inputs.forEach(function (input) {
      var text = input.value.trim(), key = input.dataset.key;
      var ok = text === "" ? !input.validity.badInput : NUMBER.test(text) && isFinite(+text);
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) bad.push(NAMES[key]);
      if (ok && text !== "") { n[key] = +text; pairs.push(key + "=" + text); }
    });
    var message;
    if (bad.length) {
      message = "Enter a number of 0 or more for " + bad.join(" and ") + ".";
    } else if (n.v === undefined || n.c === undefined) {
      message = "Enter the value of a correct answer and the cost of a wrong one.";
    } else if (n.v + n.c === 0) {
      message = "With a value and a cost of 0, every accuracy breaks even.";
    } else {
      var p = ((n.c + (n.r || 0)) / (n.v + n.c)) * 100;
      message = p > 100 ? "No accuracy is enough: at " + p.toFixed(1) + "%, the break-even is above 100%, because each request costs more than a correct answer earns."
        : "Break-even accuracy: " + p.toFixed(1) + "%. Below it the approach loses money on average; above it, it pays its way.";
    }
    result.textContent = message;
    if (writeHash && !bad.length) {
      try { history.replaceState(null, "", pairs.length ? "#" + pairs.join("&") : location.pathname + location.search); } catch (e) { /* sandboxed: keep the result, skip the address */ }
    }
  }

  function load() {
    var saved = readHash();
    inputs.forEach(function (input) { input.value = saved[input.dataset.key] || ""; });
    update(false);
  }

  inputs.forEach(function (input) { input.addEventListener("input", function () { update(true); }); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", load);
  load();
  form.hidden = false;
})();
