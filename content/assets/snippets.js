/* The "Embed and export" page: copy buttons for the snippets, and the snippets rewritten to the address this
   copy of the guide is served from, so a mirror on an intranet hands out its own address. */
(function () {
  "use strict";
  var box = document.querySelector(".guide-snippets");
  if (box && /^https?:$/.test(location.protocol)) {
    var here = new URL("../", location.href).href;
    document.querySelectorAll(".guide-site-url").forEach(function (span) { span.textContent = here; });
  }
  document.querySelectorAll("button.guide-copy").forEach(function (button) {
    var code = document.getElementById(button.getAttribute("data-copy"));
    if (!code) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = code.textContent;
      function done(ok) {
        button.textContent = ok ? "Copied" : "Select and copy the text above";
        setTimeout(function () { button.textContent = "Copy snippet"; }, 2000);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(false); });
      } else {
        var range = document.createRange();
        range.selectNodeContents(code);
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
        done(ok);
      }
    });
  });
})();
