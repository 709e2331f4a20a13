/* The decision tree widget: one question at a time, the answers so far, and a recommendation with its reasons.
   It reads the tree from the page's <script type="application/json"> and keeps the path in the address
   (#answers=<option>/<option>/...), so a path can be shared, bookmarked and stepped back with the browser.
   An answer draws the next step at once and records the address with history.pushState; Back, Forward and
   links to a path (popstate, hashchange) draw whatever the address says, unless it is already shown.
   The widget's own Back button steps back through that history (history.back()) when the step before is the
   entry before, and otherwise replaces the address, so it never adds an entry. In a frame (an embed in a wiki)
   every step replaces the address: answers must not grow the history of the page around it.
   A link straight to a step (a shared recommendation) scrolls to it and puts the focus on its heading.
   Without JavaScript the page shows the whole tree as an outline; this script hides it and shows the widget.
   The home page has, instead of the outline, only the first question's answers as links (.dt-fallback); there
   the widget offers no "show every question" toggle.
   Text from the data is only ever set with textContent. */
(function () {
  "use strict";
  var MAX_HASH = 10000;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var NOTICE = "That link does not match this tree's questions, so the tree starts again from the first question.";

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      if (child) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function empty(node) {  // replaceChildren() takes the old nodes out in one change, which is faster
    if (node.replaceChildren) node.replaceChildren();
    else while (node.firstChild) node.removeChild(node.firstChild);
  }

  function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : null;
  }

  function setUp(box) {
    var dataNode = document.getElementById(box.getAttribute("data-tree-json") || "");
    var widget = box.querySelector(".dt-widget");
    var outline = box.querySelector(".dt-outline");
    var fallback = box.querySelector(".dt-fallback");
    var tree;
    try { tree = JSON.parse(dataNode.textContent); } catch (e) { return; }  // the outline stays as it is
    if (!widget || !(outline || fallback) || !tree || tree.version !== 1 || !own(tree.questions, tree.start)) return;
    var root = box.getAttribute("data-root") || "";
    var prefix = tree.hash_prefix;
    var headingId = box.id + "-step";
    var framed = document.body.classList.contains("guide-embed");
    try { framed = framed || window.self !== window.top; } catch (e) { framed = true; }
    var longest = {};  // questions on the longest way from a node to a recommendation, the node included

    function most(node, seen) {
      if (own(longest, node) !== null) return longest[node];
      var question = own(tree.questions, node);
      var n = 0;
      if (question && !seen[node]) {
        seen[node] = true;
        question.options.forEach(function (o) { n = Math.max(n, most(o.next, seen)); });
        seen[node] = false;
        n += 1;
      }
      return (longest[node] = n);
    }

    var notice = el("p", {"class": "dt-notice"});
    var trail = el("nav", {"class": "dt-trail", "aria-label": "Your answers so far"});
    var step = el("div", {"class": "dt-step"});
    var back = el("button", {type: "button", "class": "dt-control dt-back", text: "Back"});
    var restart = el("button", {type: "button", "class": "dt-control dt-restart", text: "Start again"});
    var toggle = outline && el("button", {type: "button", "class": "dt-control dt-toggle", "aria-controls": outline.id,
                               "aria-expanded": "false", text: "Show every question and recommendation"});
    var live = el("p", {"class": "dt-live", "aria-live": "polite"});
    notice.hidden = true;
    [notice, trail, step, el("div", {"class": "dt-controls"}, [back, restart, toggle]), live]
      .forEach(function (part) { widget.appendChild(part); });
    var answers = null;  // the option ids of the path shown; null until the first draw
    var shown = null;    // the address of the step shown

    function walk(ids) {
      var node = tree.start, path = [];
      for (var i = 0; i < ids.length; i++) {
        var question = own(tree.questions, node);
        var option = question && SLUG.test(ids[i]) && question.options.filter(function (o) { return o.id === ids[i]; })[0];
        if (!option) return null;
        path.push({id: node, question: question, option: option});
        node = option.next;
      }
      return {path: path, node: node};
    }

    function read() {
      var raw = location.hash.slice(1);
      if (raw.length > MAX_HASH) return {problem: true};
      if (raw === "") return {ids: []};
      if (raw.indexOf(prefix) !== 0) {
        var target = null;
        try { target = document.getElementById(decodeURIComponent(raw)); } catch (e) { /* malformed escapes */ }
        return target ? {target: target} : {problem: true};
      }
      var rest = raw.slice(prefix.length);
      var ids = rest === "" ? [] : rest.split("/");
      return walk(ids) ? {ids: ids} : {problem: true};
    }

    function address(ids) {
      return "#" + prefix + ids.join("/");
    }

    function go(ids, replace) {
      notice.hidden = true;
      try {
        if (replace || framed) history.replaceState(null, "", address(ids));
        else history.pushState({dt: box.id, from: shown}, "", address(ids));
      } catch (e) {  // a document whose address cannot be rewritten: let the hashchange listener draw
        if (replace || framed) location.replace(address(ids));
        else location.hash = address(ids);
        return;
      }
      draw(ids, true);
    }

    function stepBack() {
      var before = address(answers.slice(0, -1));
      var state = history.state;
      if (!framed && state && state.dt === box.id && state.from === before) history.back();  // popstate draws it
      else go(answers.slice(0, -1), true);
    }

    function links(list, text) {
      var out = el("p", {"class": "dt-sources"}, [text]);
      list.forEach(function (source, i) {
        var titles = source.items.map(function (item) { return item.label; }).join("; ");
        var a = el("a", {href: root + source.url, text: source.name});
        if (titles) a.setAttribute("title", titles);
        out.appendChild(document.createTextNode(i ? ", " : " "));
        out.appendChild(a);
      });
      return out;
    }

    function list(tag, items, make) {
      return el(tag, {}, items.map(function (item) { return el("li", {}, make(item)); }));
    }

    function heading(text) {
      return el("h2", {"class": "dt-heading", id: headingId, tabindex: "-1", text: text});
    }

    // "Question 3 of at most 6" and a bar of the same steps: those answered, this one, and the most still to come.
    function progress(number, total, text) {
      var bar = el("span", {"class": "dt-steps", "aria-hidden": "true"});
      for (var i = 1; i <= total; i++) {
        bar.appendChild(el("span", {"class": i < number ? "dt-step-done" : i === number ? "dt-step-now" : "dt-step-later"}));
      }
      return el("div", {"class": "dt-progress-box"}, [el("p", {"class": "dt-progress", text: text}), bar]);
    }

    function drawQuestion(question, number, node) {
      var options = el("div", {"class": "dt-options", role: "group", "aria-labelledby": headingId});
      question.options.forEach(function (option) {
        var button = el("button", {type: "button", "class": "dt-option", "data-option": option.id, text: option.label});
        button.addEventListener("click", function () { go(answers.concat([option.id])); });
        options.appendChild(button);
      });
      var total = number - 1 + most(node, {});
      var text = total === number ? "Question " + number + ", the last" : "Question " + number + " of at most " + total;
      // The help comes after the answers, so that on a phone the question and its answers are what shows first.
      return [progress(number, total, text), heading(question.text), options,
              question.help ? el("p", {"class": "dt-help", text: question.help}) : null,
              links(question.sources, "Asked by")];
    }

    function drawOutcome(outcome, path) {
      var approaches = el("p", {"class": "dt-approaches"}, ["Approaches, in order: "]);
      outcome.approaches.forEach(function (a, i) {
        if (i) approaches.appendChild(document.createTextNode(", then "));
        approaches.appendChild(el("a", {href: root + a.url, text: a.name}));
      });
      var steps = path.length + 1;
      var parts = [progress(steps, steps, "Recommendation, after " + path.length + " answer" + (path.length === 1 ? "" : "s")),
                   heading(outcome.title), approaches];
      outcome.rationale.forEach(function (p) { parts.push(el("p", {text: p})); });
      parts.push(el("h3", {text: "Why: your answers"}),
        list("ol", path, function (s) {
          return [el("strong", {text: s.question.text}), el("br"), "You answered: " + s.option.label +
                  (s.option.reason ? ". " + s.option.reason : ""), links(s.question.sources, "Asked by")];
        }),
        el("h3", {text: "Next steps"}), list("ol", outcome.next_steps, function (t) { return [t]; }));
      if (outcome.caveats.length) {
        parts.push(el("h3", {text: "Watch out for"}), list("ul", outcome.caveats, function (t) { return [t]; }));
      }
      if (outcome.use_cases.length) {
        parts.push(el("h3", {text: "Use cases like this"}), list("ul", outcome.use_cases, function (u) {
          return [el("a", {href: root + u.url, text: u.title})];
        }));
      }
      parts.push(links(outcome.sources, "Sources:"), recordTools(outcome, path));
      return parts;
    }

    // A short decision record in Markdown, to paste into a design document or an ADR.
    function record(outcome, path) {
      var abs = function (url) { try { return new URL(root + url, location.href).href; } catch (e) { return root + url; } };
      var cite = function (sources) { return sources.map(function (s) { return s.name; }).join(", "); };
      var lines = ["# Decision record: " + tree.title, "",
        "- Date: " + new Date().toISOString().slice(0, 10),
        "- Guide: Prompt, RAG or Fine-tune?, version " + tree.guide_version + ", tree '" + tree.id + "'",
        "- Path: " + location.href, "", "## Recommendation", "", "**" + outcome.title + "** (" +
        outcome.approaches.map(function (a) { return a.name; }).join(", then ") + ")", ""];
      outcome.rationale.forEach(function (p) { lines.push(p, ""); });
      lines.push("## Questions and answers", "");
      path.forEach(function (s, i) {
        lines.push((i + 1) + ". " + s.question.text + " **" + s.option.label + ".**" +
                   (s.option.reason ? " " + s.option.reason : "") + " (Asked by " + cite(s.question.sources) + ")");
      });
      lines.push("", "## Next steps", "");
      outcome.next_steps.forEach(function (t, i) { lines.push((i + 1) + ". " + t); });
      if (outcome.caveats.length) {
        lines.push("", "## Caveats", "");
        outcome.caveats.forEach(function (t) { lines.push("- " + t); });
      }
      lines.push("", "## Sources", "");
      var seen = {};
      path.map(function (s) { return s.question.sources; }).concat([outcome.sources]).forEach(function (list) {
        list.forEach(function (s) {
          if (!seen[s.name]) { seen[s.name] = true; lines.push("- " + s.name + ": " + abs(s.url)); }
        });
      });
      return lines.join("\n") + "\n";
    }

    // The record is written when it is first needed (opening the preview, copying, downloading), not with every
    // recommendation drawn: it is most of an outcome's drawing time and most readers never ask for it.
    function recordTools(outcome, path) {
      var text = null;
      var status = el("span", {"class": "dt-record-status", role: "status"});
      var copy = el("button", {type: "button", "class": "dt-control", text: "Copy as Markdown"});
      var save = el("button", {type: "button", "class": "dt-control", text: "Download (.md)"});
      var preview = el("pre", {"class": "dt-record-text"});
      var details = el("details", {}, [el("summary", {text: "Preview the record"}), preview]);
      function written() {
        if (text === null) preview.textContent = text = record(outcome, path);
        return text;
      }
      details.addEventListener("toggle", function () { if (details.open) written(); });
      copy.addEventListener("click", function () {
        var done = function (ok) { status.textContent = ok ? "Copied." : "Copy failed: select the text in the preview."; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(written()).then(function () { done(true); }, function () { done(false); });
        } else {
          written();
          var range = document.createRange();
          range.selectNodeContents(preview);
          window.getSelection().removeAllRanges();
          window.getSelection().addRange(range);
          try { done(document.execCommand("copy")); } catch (e) { done(false); }
        }
      });
      save.addEventListener("click", function () {
        var link = el("a", {href: URL.createObjectURL(new Blob([written()], {type: "text/markdown"})),
                            download: "decision-record-" + tree.id + ".md"});
        document.body.appendChild(link);
        link.click();
        link.remove();
        status.textContent = "Downloaded.";
      });
      return el("section", {"class": "dt-record", "aria-label": "Decision record"}, [
        el("h3", {text: "Decision record"}),
        el("p", {text: "Keep this decision with its reasons: paste it into a design document or an architecture decision record."}),
        el("div", {"class": "dt-controls"}, [copy, save, status]), details]);
    }

    function draw(ids, moveFocus) {
      var walked = walk(ids);
      answers = ids;
      shown = address(ids);
      empty(trail);
      empty(step);
      if (walked.path.length) {
        trail.appendChild(el("h2", {"class": "dt-trail-title", text: "Your answers"}));
        trail.appendChild(list("ol", walked.path, function (s) {
          var i = walked.path.indexOf(s);
          return [el("a", {href: address(ids.slice(0, i)), title: "Change this answer", text: s.question.text}), " ",
                  el("span", {"class": "dt-trail-answer", text: s.option.label})];
        }));
      }
      trail.hidden = !walked.path.length;
      var question = own(tree.questions, walked.node);
      var parts = question ? drawQuestion(question, ids.length + 1, walked.node) : drawOutcome(own(tree.outcomes, walked.node), walked.path);
      parts.forEach(function (part) { if (part) step.appendChild(part); });
      back.disabled = restart.disabled = !ids.length;
      var said = question ? step.querySelector(".dt-progress").textContent + ": " + question.text
                          : "Recommendation: " + own(tree.outcomes, walked.node).title;
      live.textContent = notice.hidden ? said : NOTICE + " " + said;
      if (moveFocus) reveal(false);
    }

    // Focus on the step's heading; scroll it to the top when it is not wholly in view (always for a link
    // straight to a step), clear of the theme's header. Reads the layout once, after the step is drawn, as
    // focus() itself would.
    function reveal(always) {
      var node = document.getElementById(headingId);
      if (framed) return node.focus();  // the frame is as tall as its page: let the browser scroll the host to it
      node.focus({preventScroll: true});
      var rect = node.getBoundingClientRect();
      if (always || rect.top < parseFloat(getComputedStyle(node).scrollMarginTop) || rect.bottom > window.innerHeight) {
        node.scrollIntoView({block: "start"});
      }
    }

    function showOutline(show) {
      outline.hidden = !show;
      toggle.setAttribute("aria-expanded", String(show));
      toggle.textContent = show ? "Hide the full list" : "Show every question and recommendation";
    }

    function follow(moveFocus) {
      var state = read();
      if (state.ids && address(state.ids) === shown) return;  // drawn already (Back fires popstate, then hashchange)
      if (state.target) {  // a link to a heading or into the outline: not a path, so leave the widget alone
        if (outline && outline.contains(state.target)) {
          showOutline(true);
          state.target.scrollIntoView();
        }
        if (answers === null) draw([], false);
        return;
      }
      if (state.problem) {
        notice.textContent = NOTICE;
        notice.hidden = false;
        try { history.replaceState(null, "", address([])); } catch (e) { location.replace(address([])); }
        state = {ids: []};
      }
      draw(state.ids, moveFocus);
    }

    // Links to a path elsewhere on the page point at the outline without JavaScript; now they open the path.
    Array.prototype.forEach.call(document.querySelectorAll("a[data-dt-answers]"), function (a) {
      var ids = a.getAttribute("data-dt-answers").split("/");
      if (a.getAttribute("data-dt-tree") === tree.id && walk(ids)) a.setAttribute("href", address(ids));
    });
    back.addEventListener("click", stepBack);
    restart.addEventListener("click", function () { go([]); });
    if (toggle) toggle.addEventListener("click", function () { showOutline(outline.hidden); });
    window.addEventListener("popstate", function () { follow(true); });
    window.addEventListener("hashchange", function () { follow(true); });
    widget.hidden = false;
    if (outline) showOutline(false);
    if (fallback) fallback.hidden = true;
    follow(false);
    if (answers && answers.length && notice.hidden && !framed) reveal(true);  // a framed page must not pull its host
  }

  Array.prototype.forEach.call(document.querySelectorAll(".dt[data-tree-json]"), setUp);
})();
