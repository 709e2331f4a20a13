/* Compare side by side: shows only the synthesis matrix columns of the approaches ticked (two or more).
   The choice is kept in the address (#compare=rag,fine-tuning). Without JavaScript the whole table shows. */
(function () {
  "use strict";
  var box = document.getElementById("compare-pick");
  var table = document.querySelector("table.guide-synthesis");
  if (!box || !table) return;
  var boxes = box.querySelectorAll("input[type=checkbox]");
  var status = document.getElementById("compare-status");
  var cells = table.querySelectorAll("[data-approach]");

  function fromHash() {
    var m = /^#compare=([a-z0-9,-]+)$/.exec(location.hash);
    if (!m) return;
    var ids = m[1].split(",");
    var known = [].filter.call(boxes, function (b) { return ids.indexOf(b.value) !== -1; });
    if (known.length < 2) return;
    boxes.forEach(function (b) { b.checked = known.indexOf(b) !== -1; });
  }

  function apply(writeHash) {
    var chosen = [].filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; });
    var some = chosen.length >= 2 && chosen.length < boxes.length;
    cells.forEach(function (cell) { cell.hidden = some && chosen.indexOf(cell.dataset.approach) === -1; });
    status.textContent = chosen.length < 2 ? "Tick at least two approaches; all are shown meanwhile."
      : "Showing " + chosen.length + " of " + boxes.length + " approaches.";
    if (!writeHash) return;
    var hash = some ? "#compare=" + chosen.join(",") : "";
    if (location.hash !== hash && (some || /^#compare=/.test(location.hash))) {
      try { history.replaceState(null, "", hash || location.pathname + location.search); } catch (e) { /* sandboxed: keep the view, skip the address */ }
    }
  }

  boxes.forEach(function (b) { b.addEventListener("change", function () { apply(true); }); });
  window.addEventListener("hashchange", function () { fromHash(); apply(false); });
  fromHash();
  box.hidden = false;
  apply(false);
})();
