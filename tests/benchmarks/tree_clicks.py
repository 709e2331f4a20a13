"""The decision tree in the browser: time from an option's click to the next step drawn and laid out.

Used by `bench.py`. Timed inside the page with performance.now(): from just before the click to the end of the
hashchange that draws the step, with a forced layout of the new step. Where that time goes is measured too: each
hashchange listener is timed (an init script wraps addEventListener and tells listeners apart by the script that
added them), so the widget's own drawing and the theme's listeners show apart from the browser's navigation.
"""
from __future__ import annotations

import statistics

_TIME_LISTENERS = """(() => {
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  const wrappers = new WeakMap();
  window.__hashchange = [];  // one {script, ms} per listener call
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
  const nextDraw = () => new Promise((resolve) => window.addEventListener("hashchange", () => {
    widget.getBoundingClientRect();  // style and layout of the new step
    resolve(performance.now());
  }, {once: true}));
  const times = [], kinds = [], listeners = [], clicking = [], waiting = [];
  let turn = 0, restarts = 0;
  while (times.length < count) {
    const options = widget.querySelectorAll(".dt-option");
    if (!options.length) {  // at a recommendation: start again, untimed
      const restart = widget.querySelector(".dt-restart");
      if (!restart || restart.disabled) return {error: "at a recommendation without a 'Start again' button"};
      const drawn = nextDraw();
      restart.click();
      await drawn;
      restarts++;
      continue;
    }
    const button = options[turn++ % options.length];  // vary the branch taken
    const drawn = nextDraw();
    window.__hashchange = [];
    const start = performance.now();
    button.click();  // runs the click listeners and sets location.hash; the hashchange event comes as a new task
    const clicked = performance.now();
    const end = await drawn;
    if (turn > warmup) {
      times.push(end - start);
      clicking.push(clicked - start);
      waiting.push(Math.min(...window.__hashchange.map((call) => call.start)) - clicked);
      kinds.push(widget.querySelector(".dt-option") ? "question" : "recommendation");
      const byScript = {};
      for (const call of window.__hashchange) byScript[call.script] = (byScript[call.script] || 0) + call.ms;
      listeners.push(byScript);
    }
  }
  return {times, kinds, listeners, clicking, waiting, restarts};
}"""


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
        "median_to_question_ms": statistics.median(to_question) if to_question else None,
        "click_ms": statistics.median(result["clicking"]),      # click listeners and setting location.hash
        "queue_ms": statistics.median(result["waiting"]),       # until the browser dispatches hashchange
        "listeners_ms": listeners,  # median time per click in the hashchange listeners of each script
        "restarts": result["restarts"],
        "page_errors": errors,
    }
