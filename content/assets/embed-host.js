/* For a wiki or any other page that embeds views of the guide: sizes each <iframe data-prompt-rag-fine-tune> to
   the height its embed reports, so it needs no scroll bar, and takes away the iframe's border. Load it once per
   page, from the guide (<script src="https://<guide>/assets/embed-host.js" defer></script>) or from a copy on the
   wiki's own host. It has no inline script and sets no style attribute (it changes styles through the CSSOM,
   which a style-src policy allows), so it works under "script-src 'self' <guide>" with no 'unsafe-inline'.
   Messages: an embed posts {type: "prompt-rag-fine-tune:height", height: <pixels>} to its parent; this script
   asks each embed for its height with {type: "prompt-rag-fine-tune:measure"} when it starts and whenever a
   frame loads, in case the embed reported before this script was there. */
(function () {
  "use strict";
  if (window.promptRagFineTuneHost) return;  // the snippet may be pasted more than once on a page
  window.promptRagFineTuneHost = true;
  var SELECTOR = "iframe[data-prompt-rag-fine-tune]";
  var MAX_HEIGHT = 20000;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
  }

  function ask(frame) {
    if (frame.contentWindow) frame.contentWindow.postMessage({type: "prompt-rag-fine-tune:measure"}, "*");
  }

  function prepare(frame) {
    if (frame.getAttribute("data-prompt-rag-fine-tune-ready") !== null) return;
    frame.setAttribute("data-prompt-rag-fine-tune-ready", "");
    frame.style.border = "0";
    frame.addEventListener("load", function () { ask(frame); });
    ask(frame);
  }

  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "prompt-rag-fine-tune:height" || typeof data.height !== "number" || !(data.height >= 0)) return;
    // The sender is known by its window, not its origin: a sandboxed embed's origin is "null". A height is all it
    // can set, and never more than MAX_HEIGHT.
    frames().forEach(function (frame) {
      if (frame.contentWindow !== event.source) return;
      prepare(frame);  // a frame the wiki added after this script started
      var height = Math.min(Math.ceil(data.height), MAX_HEIGHT);
      frame.height = String(height);
      frame.style.height = height + "px";
    });
  });

  function start() { frames().forEach(prepare); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
