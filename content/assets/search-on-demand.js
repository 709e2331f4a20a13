/* Search on demand. The theme's script asks for the search index (the text of every page) as each
   page opens, and its search worker then builds the search from it: on every page view, about half of the
   processor time the page costs (docs/performance.md, "Search on demand"). Here that one request waits until the
   reader reaches for search: points at the search field or its button, focuses the field (by click, tap, Tab or
   the theme's shortcuts s, f and /), or opens search on a phone. The theme already waits for the index before it
   searches, showing "Initializing search" meanwhile, and searches for what was typed once it is there.
   Loaded in the head, before the theme's script (mkdocs.yml, extra.polyfills). Pages opened from disk load the
   index as a script, not through this request, so there search starts as before. Zensical's search asks for
   another file (search.json) from another search box, which this leaves alone (docs/architecture.md). */
(function () {
  "use strict";
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];  // the request for the index, once sent, until the reader reaches for search; then null
  var index = null;
  var events = ["pointerover", "focusin", "change"];

  XMLHttpRequest.prototype.open = function (method, url) {
    if (held && /\/search\/search_index\.json$/.test(new URL(url, document.baseURI).pathname)) index = this;
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (held && this === index) held.push([this, arguments]);
    else return send.apply(this, arguments);
  };

  function reach(event) {
    if (!(event.target instanceof Element && event.target.closest("[data-md-component=search], [for=__search], #__search"))) return;
    events.forEach(function (type) { removeEventListener(type, reach, true); });
    held.forEach(function (request) { send.apply(request[0], request[1]); });
    held = null;
  }
  events.forEach(function (type) { addEventListener(type, reach, true); });
})();
