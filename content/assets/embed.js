/* Runs in the chrome-less embed pages, loaded in <head> so that it acts before the first frame is drawn:
   - the colours are light unless the address asks for dark (?theme=dark): the page around the embed chooses,
     not the reader's system setting, which a light wiki page does not follow;
   - <html> gets the class "guide-embed-js", with which embed.css keeps the tree's outline hidden until the tree's
     script has drawn its widget, so the page never shows, or reports the height of, the outline it then hides;
   - once the page's own scripts have run, and whenever the height changes, it tells the host page its height:
     window.parent.postMessage({type: "prompt-rag-fine-tune:height", height: <pixels>}, "*"), and again when the
     host asks with {type: "prompt-rag-fine-tune:measure"} (a host script that arrived after the first report);
   - links that leave the embed open the full guide in a new tab.
   Uses no storage and no cookies, so it works in any sandbox that allows scripts. */
(function () {
  "use strict";
  var root = document.documentElement;
  var HEIGHT = "prompt-rag-fine-tune:height";
  var MEASURE = "prompt-rag-fine-tune:measure";
  var last = -1;
  var started = false;

  root.setAttribute("data-guide-theme", /(?:^|[?&])theme=dark(?:&|$)/.test(location.search) ? "dark" : "light");
  root.classList.add("guide-embed-js");

  function report(always) {
    if (!started || window.parent === window) return;
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (height !== last || always) {
      last = height;
      window.parent.postMessage({type: HEIGHT, height: height}, "*");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    // Deferred scripts (the tree's) have run by now. A tree whose widget could not be drawn shows its outline.
    if (document.querySelector(".dt-widget[hidden]")) root.classList.remove("guide-embed-js");
    started = true;
    if (window.ResizeObserver) new ResizeObserver(function () { report(false); }).observe(root);
    report(false);
  });
  window.addEventListener("load", function () { report(false); });
  window.addEventListener("message", function (event) {
    if (event.source === window.parent && event.data && event.data.type === MEASURE) report(true);
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && link.getAttribute("href").charAt(0) !== "#") {
      link.target = "_blank";
      link.rel = "noopener";
    }
  }, true);
})();
