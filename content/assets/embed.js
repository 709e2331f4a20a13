/* Runs in the chrome-less embed pages. It tells the host page how tall the embed is, with
   window.parent.postMessage({type: "prompt-rag-fine-tune:height", height: <pixels>}, "*"), whenever the height
   changes, and opens every link that leaves the embed in a new tab. Works in a sandboxed iframe
   (sandbox="allow-scripts allow-popups"): it uses no storage and no cookies. */
(function () {
  "use strict";
  var last = -1;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last && window.parent !== window) {
      last = height;
      window.parent.postMessage({type: "prompt-rag-fine-tune:height", height: height}, "*");
    }
  }
  if (window.ResizeObserver) new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener("load", report);
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && link.getAttribute("href").charAt(0) !== "#") {
      link.target = "_blank";
      link.rel = "noopener";
    }
  }, true);
  report();
})();
