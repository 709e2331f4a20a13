/* Filters the use-case table by industry and approach. Without JavaScript the full table shows and the
   filter controls stay hidden. The choice is kept in the address (#industry=...&approach=...). */
(function () {
  "use strict";
  var box = document.getElementById("use-case-filters");
  var table = document.getElementById("use-case-list");
  if (!box || !table) return;
  var selects = box.querySelectorAll("select[data-filter]");
  var count = box.querySelector(".guide-filter-count");
  var rows = table.querySelectorAll("tbody tr");

  function readHash() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
      var kv = pair.split("=");
      if (kv.length === 2 && /^[a-z0-9-]{1,64}$/.test(kv[1])) out[kv[0]] = kv[1];
    });
    return out;
  }

  function apply() {
    var want = {};
    var parts = [];
    selects.forEach(function (s) {
      want[s.dataset.filter] = s.value;
      if (s.value) parts.push(s.dataset.filter + "=" + s.value);
    });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = (!want.industry || row.dataset.industry === want.industry) &&
               (!want.approach || row.dataset.approach.split(" ").indexOf(want.approach) !== -1);
      row.hidden = !ok;
      if (ok) shown += 1;
    });
    count.textContent = shown + " of " + rows.length + " use cases shown";
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== hash) {
      try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* sandboxed: keep the filter, skip the address */ }
    }
  }

  var initial = readHash();
  selects.forEach(function (s) {
    var value = initial[s.dataset.filter];
    if (value && s.querySelector('option[value="' + value + '"]')) s.value = value;
    s.addEventListener("change", apply);
  });
  box.hidden = false;
  apply();
})();
