"""The decision tree in the browser: time from an option's click to the next step drawn and laid out.

Used by `bench.py`. Timed inside the page with performance.now(), from just before the click to the new step laid
out (a forced layout of the widget). The widget draws the step inside its click listener and records the address
with history.pushState, so the step is there when click() returns; a script that draws on `hashchange` instead
is timed to the end of that event, and the wait for it is reported apart. The parts: the click itself (listeners,
drawing, focus), the layout forced afterwards, and, where there is one, the wait for `hashchange` and the time in
its listeners (an init script wraps addEventListener and tells listeners apart by the script that added them).
"""
from __future__ import annotations

import statistics

_TIME_LISTENERS = """(() => {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const wrappers = new WeakMap();
  window.__hashchange = [];  // one {script, start, ms} per listener call
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (this !== window || type !== "hashchange" || typeof listener !== "function") {
      return add.call(this, type, listener, options);
    }
    const stack = new Error().stack || "";
    const script = (stack.match(/[\\w.-]+\\.js/g) || ["page"]).pop();
    const wrapped = function (event) {
      const start = performance.now();
      try {
        return listener.call(this, event);
      } finally {
        window.__hashchange.push({script, start, ms: performance.now() - start});
      }
    };
    wrappers.set(listener, wrapped);
    return add.call(this, type, wrapped, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    return remove.call(this, type, wrappers.get(listener) || listener, options);
  };
})();"""

_CLICKS = """async ({count, warmup}) => {
  const box = document.querySelector(".dt[data-tree-json]");
  const widget = box && box.querySelector(".dt-widget");
  if (!widget || widget.hidden) return {error: "no decision tree widget on this page"};
  const heading = () => widget.querySelector(".dt-heading");
  const hashchange = () => new Promise((resolve) => window.addEventListener("hashchange", () => {
    widget.getBoundingClientRect();
    resolve(performance.now());
  }, {once: true}));
  // Press `button`; resolve with {clicked, end, async}: when click() returned, when the new step was laid out,
  // and whether the step came with a later hashchange event.
  const press = async (button) => {
    const before = heading();
    const later = hashchange();
    window.__hashchange = [];
    const start = performance.now();
    button.click();
    const clicked = performance.now();
    if (heading() !== before) {
      widget.getBoundingClientRect();  // style and layout of the new step
      return {start, clicked, end: performance.now(), async: false};
    }
    return {start, clicked, end: await later, async: true};
  };
  const times = [], kinds = [], listeners = [], clicking = [], layout = [], waiting = [];
  let turn = 0, restarts = 0, asynchronous = 0;
  while (times.length < count) {
    const options = widget.querySelectorAll(".dt-option");
    if (!options.length) {  // at a recommendation: start again, untimed
      const restart = widget.querySelector(".dt-restart");
      if (!restart || restart.disabled) return {error: "at a recommendation without a 'Start again' button"};
      await press(restart);
      restarts++;
      continue;
    }
    const timing = await press(options[turn++ % options.length]);  // vary the branch taken
    await new Promise((resolve) => setTimeout(resolve, 0));  // let a hashchange of a synchronous draw pass, untimed
    if (turn > warmup) {
      times.push(timing.end - timing.start);
      clicking.push(timing.clicked - timing.start);
      kinds.push(widget.querySelector(".dt-option") ? "question" : "recommendation");
      if (timing.async) {
        asynchronous++;
        waiting.push(Math.min(...window.__hashchange.map((call) => call.start)) - timing.clicked);
        const byScript = {};
        for (const call of window.__hashchange) byScript[call.script] = (byScript[call.script] || 0) + call.ms;
        listeners.push(byScript);
      } else {
        layout.push(timing.end - timing.clicked);
      }
    }
  }
  return {times, kinds, listeners, clicking, layout, waiting, restarts, asynchronous};
}"""


def _median(values):
    return statistics.median(values) if values else None


def measure(browser, url: str, count: int = 100, warmup: int = 10) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(_TIME_LISTENERS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="load")
    page.wait_for_selector(".dt-widget:not([hidden]) .dt-option", timeout=10_000)
    result = page.evaluate(_CLICKS, {"count": count, "warmup": warmup})
    context.close()
    if "error" in result:
        raise RuntimeError(f"{url}: {result['error']}")
    times = result["times"]
    to_question = [t for t, k in zip(times, result["kinds"]) if k == "question"]
    scripts = sorted({s for calls in result["listeners"] for s in calls})
    listeners = {s: statistics.median(calls.get(s, 0.0) for calls in result["listeners"]) for s in scripts}
    return {
        "clicks": len(times),
        "median_ms": statistics.median(times),
        "p95_ms": sorted(times)[int(len(times) * 0.95) - 1],
        "max_ms": max(times),
        "median_to_question_ms": _median(to_question),
        "click_ms": _median(result["clicking"]),   # click listeners: the widget draws the step and moves the focus
        "layout_ms": _median(result["layout"]),    # the layout forced after a synchronous draw
        "drawn_on_hashchange": result["asynchronous"],  # clicks whose step came with a later hashchange
        "queue_ms": _median(result["waiting"]),    # until the browser dispatched hashchange, for those clicks
        "listeners_ms": listeners,  # median time per click in the hashchange listeners of each script, for those
        "restarts": result["restarts"],
        "page_errors": errors,
    }
