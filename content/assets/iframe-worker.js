/* Search from disk. Browsers refuse to start a Web Worker from a page opened as a file, so there the theme's
   search worker runs in a hidden iframe of the page instead: the iframe's own postMessage hands results back,
   and messages to the worker are dispatched in the iframe as "message" events. Loaded on every page (mkdocs.yml,
   extra.polyfills); does nothing on a served page. No inline script, so it works under a strict script policy. */
(function () {
  "use strict";
  if (location.protocol !== "file:" || typeof EventTarget !== "function") return;

  function FrameWorker(url) {
    var target = new EventTarget();
    var queue = [];
    var ready = false;
    var frame = document.createElement("iframe");
    frame.hidden = true;
    frame.setAttribute("aria-hidden", "true");
    frame.title = "Search";
    document.body.appendChild(frame);
    var inner = frame.contentWindow;

    function emit(type, init) {
      var event = type === "message" ? new MessageEvent("message", init) : new ErrorEvent("error", init);
      target.dispatchEvent(event);
      var handler = target["on" + type];
      if (typeof handler === "function") handler.call(target, event);
    }
    function deliver(data) {
      inner.dispatchEvent(new inner.MessageEvent("message", {data: data}));
    }

    inner.postMessage = function (data) {  // the worker's replies
      setTimeout(function () { emit("message", {data: data}); }, 0);
    };
    inner.importScripts = function () {
      throw new Error("importScripts is not available to a worker started from disk");
    };
    var script = inner.document.createElement("script");
    script.src = new URL(url, document.baseURI).href;
    script.onload = function () {
      ready = true;
      queue.splice(0).forEach(deliver);
    };
    script.onerror = function () { emit("error", {message: "Could not load " + script.src, filename: script.src}); };
    inner.document.body.appendChild(script);

    target.postMessage = function (data) {
      if (ready) setTimeout(function () { deliver(data); }, 0);
      else queue.push(data);
    };
    target.terminate = function () {
      queue.length = 0;
      frame.remove();
    };
    return target;
  }

  window.Worker = FrameWorker;
})();
