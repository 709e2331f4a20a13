/* Break-even accuracy: p* = (C + R) / (V + C) from the value of a success V, the cost of a failure C and an
   optional cost per request R. The figures are kept in the address (#v=10&c=40&r=5). Without JavaScript the
   page shows the formula and a worked example instead. */
(function () {
  "use strict";
  var form = document.getElementById("break-even-tool");
  if (!form) return;
  var inputs = form.querySelectorAll("input[data-key]");
  var result = document.getElementById("be-result");
  var NUMBER = /^\d+(\.\d+)?(e[+-]?\d+)?$/i;
  var LIMIT = 1e15;  /* far beyond any price, and sums stay exact below it */
  var NAMES = { v: "the value of a correct answer", c: "the cost of a wrong answer", r: "the cost of each request" };
  var dropped = [];  /* figures the address gave that the page could not use, said once in the result */

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length !== 2 || !NAMES[kv[0]]) return;
      try { out[kv[0]] = decodeURIComponent(kv[1]); } catch (e) { out[kv[0]] = kv[1]; }
    });
    return out;
  }

  function verdict(n) {
    var v = n.v, c = n.c, r = n.r || 0;
    if (v + c === 0) {
      return r > 0 ? "No accuracy is enough: a correct answer earns nothing and a wrong one costs nothing, but each request costs " + r + "."
        : "With every figure at 0, any accuracy breaks even.";
    }
    var p = (c + r) / (v + c) * 100;
    if (p > 100) return "No accuracy is enough: at " + p.toFixed(1) + "%, the break-even is above 100%, because each request costs more than a correct answer earns.";
    if (v === 0) return "Break-even accuracy: 100%. A correct answer earns nothing, so only a system that is never wrong breaks even.";
    return "Break-even accuracy: " + p.toFixed(1) + "%. Below it the approach loses money on average; above it, it pays its way.";
  }

  function update(writeHash) {
    var n = {}, bad = [], pairs = [];
    inputs.forEach(function (input) {
      var text = input.value.trim(), key = input.dataset.key;
      /* A number too large for the browser reads as badInput, one too large for exact sums as above LIMIT. */
      var ok = text === "" ? !input.validity.badInput : NUMBER.test(text) && +text <= LIMIT;
      input.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) bad.push(NAMES[key]);
      if (ok && text !== "") { n[key] = +text; pairs.push(key + "=" + text); }
    });
    var message;
    if (bad.length) {
      message = "Enter a number from 0 to 1,000,000,000,000,000 for " + bad.join(" and ") + ".";
    } else if (n.v === undefined || n.c === undefined) {
      message = "Enter the value of a correct answer and the cost of a wrong one.";
    } else {
      message = verdict(n);
    }
    if (writeHash) dropped = [];  /* the reader has changed the figures: the address's are no longer in play */
    result.textContent = dropped.length ? dropped.join(" ") + " " + message : message;
    if (writeHash && !bad.length) {
      try { history.replaceState(null, "", pairs.length ? "#" + pairs.join("&") : location.pathname + location.search); } catch (e) { /* sandboxed: keep the result, skip the address */ }
    }
  }

  function load() {
    var saved = readHash();
    dropped = [];
    inputs.forEach(function (input) {
      var given = saved[input.dataset.key];
      input.value = given === undefined ? "" : given;
      /* A number field empties itself when given text that is not a number: say so rather than lose it. */
      if (given !== undefined && input.value !== given) {
        dropped.push("The address gave \u201c" + given.slice(0, 40) + "\u201d for " + NAMES[input.dataset.key] + ", which is " +
          (NUMBER.test(given) ? "too large to work with" : "not a number") + "; it was left out.");
      }
    });
    update(false);
  }

  inputs.forEach(function (input) { input.addEventListener("input", function () { update(true); }); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("hashchange", load);
  load();
  form.hidden = false;
})();
