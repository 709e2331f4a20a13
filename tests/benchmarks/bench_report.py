"""The table `make bench` prints: each figure against its target, then the details behind the figures.

Used by `bench.py` once every section has run; it reads the results dict and measures nothing itself.
"""
from __future__ import annotations

import statistics

import page_weight

TARGETS = {"overhead": 1.15, "scaling": 1.5, "own_assets_kb": 16.0, "tree_ms": 5.0}


def median(values):
    return statistics.median(values)


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"  # KB = 1024 bytes throughout


def table(rows: list[tuple], header: tuple) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    return "\n".join([line(header), "| " + " | ".join("-" * w for w in widths) + " |", *map(line, rows)])


def holds(ok: bool | None) -> str:
    return "n/a" if ok is None else ("yes" if ok else "NO")


def report(results: dict) -> str:
    rows, details = [], []
    m = results["machine"]
    head = (f"make bench, {m['date']}: {m['cores']} cores ({m['cpu']}), load average {m['load_average']:.1f} at start; "
            f"Python {m['python']}, MkDocs {m['mkdocs']}, mkdocs-material {m['mkdocs-material']}, {m['chromium']}")
    if "overhead" in results:
        o = results["overhead"]
        rows.append(("Build overhead: full build / plain MkDocs build of the same pages",
                     f"{o['ratio']:.2f} ({median(o['full']):.2f} s / {median(o['plain']):.2f} s, "
                     f"medians of {len(o['full'])} alternating runs)",
                     f"<= {TARGETS['overhead']}", holds(o["ratio"] <= TARGETS["overhead"])))
        rows.append(("Build overhead in CPU time (same runs; less moved by other load)",
                     f"{o['cpu_ratio']:.2f} ({median(o['cpu_full']):.2f} s / {median(o['cpu_plain']):.2f} s)", "cross-check", ""))
        calls = o["calls"]
        loads = calls.get("pipeline.load_model()", 0)
        reads = calls.get("documents.read_document() (one per data file)", 0)
        rows.append(("Data loaded and validated per build",
                     f"load_model() {loads}x; {reads} files read and schema-checked for {o['data_files']} data files; "
                     f"{calls.get('event page_markdown', 0)} pages", "once per build",
                     holds(loads == 1 and reads == o["data_files"] and calls.get("site.pages()", 0) == 1)))
        phases = o["phases"]
        details.append("Where a real build's time goes (one probe build, seconds):\n" + table(
            [(k, f"{v:.2f}") for k, v in sorted(phases.items(), key=lambda kv: -kv[1]) if v >= 0.005]
            + [("total (in-process)", f"{o['probe_total']:.2f}")], ("phase", "seconds")))
        if o["only_in_full"] or o["only_in_plain"]:
            details.append(f"HTML only in the full build (written by on_post_build): {len(o['only_in_full'])}; "
                           f"only in the plain build: {o['only_in_plain'] or 'none'}")
    if "scaling" in results:
        s = results["scaling"]
        base = s[min(s)]
        for factor in sorted(s)[1:]:
            r = s[factor]
            ratio = r["seconds_per_page"] / base["seconds_per_page"]
            cpu_ratio = r["cpu_per_page"] / base["cpu_per_page"]
            rows.append((f"Scaling: build time per page, {factor}x / {min(s)}x",
                         f"{ratio:.2f} ({r['seconds_per_page'] * 1000:.1f} / {base['seconds_per_page'] * 1000:.1f} ms per page; "
                         f"CPU time {cpu_ratio:.2f})", f"<= {TARGETS['scaling']}", holds(ratio <= TARGETS["scaling"])))
            size_ratio = (r["html_bytes"] / r["pages"]) / (base["html_bytes"] / base["pages"])
            rows.append((f"Scaling: HTML bytes per page, {factor}x / {min(s)}x",
                         f"{size_ratio:.2f} ({kb(r['html_bytes'] / r['pages'])} / {kb(base['html_bytes'] / base['pages'])})",
                         f"<= {TARGETS['scaling']}", holds(size_ratio <= TARGETS["scaling"])))
        top = s[max(s)]
        rows.append(("Scaling: search index every first visit downloads (gzip), " + " / ".join(f"{f}x" for f in sorted(s)),
                     " / ".join(kb(s[f]["search_index_gzip"]) for f in sorted(s)), "report", ""))
        rows.append(("Scaling: navigation bytes in one page, " + " / ".join(f"{f}x" for f in sorted(s)),
                     " / ".join(str(s[f]["nav_bytes"]) for f in sorted(s)), "constant",
                     holds(len({s[f]["nav_bytes"] for f in s}) == 1)))
        details.append("Scaling (synthetic data; medians over rounds):\n" + table(
            [(f"{f}x", s[f]["items"], s[f]["pages"], f"{s[f]['wall']:.1f}", f"{s[f]['seconds_per_page'] * 1000:.1f}",
              f"{s[f]['cpu_per_page'] * 1000:.1f}",
              kb(s[f]["html_bytes"] / s[f]["pages"]), kb(s[f]["search_index_bytes"] / s[f]["pages"]),
              kb(s[f]["site_bytes"] / s[f]["pages"]), s[f]["nav_bytes"], ",".join(map(str, s[f]["load_model_calls"])))
             for f in sorted(s)],
            ("size", "data items", "HTML pages", "build s", "ms/page", "CPU ms/page", "HTML/page", "search index/page",
             "site/page",
             "nav bytes", "load_model calls")))
        phase_names = sorted(top["phases"], key=lambda k: -top["phases"][k])[:8]
        details.append("Scaling, phase seconds per page (ms):\n" + table(
            [(k, *(f"{s[f]['phases'].get(k, 0) / s[f]['pages'] * 1000:.2f}" for f in sorted(s))) for k in phase_names],
            ("phase", *(f"{f}x" for f in sorted(s)))))
    if "weight" in results:
        w = results["weight"]
        visits = w["visits"]
        base_label = next(iter(visits))
        base = visits[base_label]["bytes"]
        for label, v in visits.items():
            if label == base_label:
                rows.append((f"Page weight, first visit, gzip: {label}", kb(base), "baseline", ""))
            else:
                rows.append((f"Page weight, first visit, gzip: {label} ({v['path'] or '/'})",
                             f"{kb(v['bytes'])} = {v['bytes'] / base:.2f}x baseline", "report", ""))
        rows.append(("Our own JS and CSS as served (content/assets/*.js, *.css, minified by the build), gzip",
                     f"{kb(w['own_gzip'])} ({w['own_gzip']} bytes; as written, with comments: {w['own_source_gzip']} bytes)",
                     f"<= {TARGETS['own_assets_kb']:.0f} KB", holds(w["own_gzip"] <= TARGETS["own_assets_kb"] * 1024)))
        u = w["usage"]
        unused = sum(len(v) for v in u["unused"].values())
        rows.append(("Pages that load one of our assets without using it", f"{unused} loads on {u['pages']} pages checked",
                     "0", holds(unused == 0)))
        kinds = sorted({k for v in visits.values() for k in v["kinds"]})
        details.append("First-visit bytes by kind (gzip):\n" + table(
            [(k, *(kb(v["kinds"].get(k, 0)) for v in visits.values())) for k in kinds]
            + [("total", *(kb(v["bytes"]) for v in visits.values())), ("requests", *(v["requests"] for v in visits.values()))],
            ("kind", *visits)))
        details.append("Our assets: where they load and whether they are used:\n" + table(
            [(n, a["raw"], a["gzip"], a["source_gzip"], page_weight.sections(u["loads"].get(n, [])) or "nowhere",
              ", ".join(u["unused"].get(n, [])) or ("not checkable (no element lookup)" if u["unchecked"].get(n) else "none"))
             for n, a in w["own"].items()],
            ("asset", "bytes", "gzip", "gzip as written", "loaded on", "loaded but unused on")))
    if "tree" in results:
        t = results["tree"]
        parts = [f"the click, drawing the step {t['click_ms']:.2f}"]
        if t["layout_ms"] is not None:
            parts.append(f"layout afterwards {t['layout_ms']:.2f}")
        if t["drawn_on_hashchange"]:
            parts.append(f"{t['drawn_on_hashchange']} clicks drawn on hashchange: wait for it {t['queue_ms']:.2f}, listeners "
                         + ", ".join(f"{k} {v:.2f}" for k, v in t["listeners_ms"].items() if v >= 0.005))
        to_question = "" if t["median_to_question_ms"] is None else f"to a question {t['median_to_question_ms']:.2f}; "
        rows.append((f"Tree: click to next step drawn ({t['page']}), median of {t['clicks']} clicks",
                     f"{t['median_ms']:.2f} ms ({to_question}p95 {t['p95_ms']:.1f}; medians of the parts: "
                     + "; ".join(parts) + ")",
                     f"< {TARGETS['tree_ms']:.0f} ms", holds(t["median_ms"] < TARGETS["tree_ms"])))
    if "lighthouse" in results:
        lh = results["lighthouse"]
        if "error" in lh:
            rows.append(("Lighthouse performance (desktop), tree page", f"not run: {lh['error']}", "report", "n/a"))
        else:
            metrics = lh["metrics"]
            rows.append((f"Lighthouse {lh['version']} performance (desktop), {lh['page']}",
                         f"{lh['score']:.0f} (runs {', '.join(f'{x:.0f}' for x in lh['scores'])}; "
                         f"LCP {metrics.get('largest-contentful-paint', 0):.0f} ms, "
                         f"TBT {metrics.get('total-blocking-time', 0):.0f} ms, "
                         f"CLS {metrics.get('cumulative-layout-shift', 0):.3f})", "report", ""))
            details.append(f"Lighthouse command: {lh['command']}")
    if "suite" in results:
        st = results["suite"]
        if "error" in st:
            rows.append(("Test suite (make test)", f"not measured: {st['error']}", "report", "n/a"))
        else:
            parts = ", ".join(f"{k} {v['seconds']:.0f} s ({v['tests']})" for k, v in st["parts"].items())
            rows.append(("Test suite: `make test` wall time", f"{st['wall']:.0f} s: {parts}", "report",
                         "" if st["returncode"] == 0 else f"exit {st['returncode']}"))
            if st["failed"]:
                details.append("Tests that failed in this run: " + ", ".join(st["failed"]))
            details.append(f"Test suite: {st['summary']}; {st['builds']} site builds; building fixtures: "
                           f"{', '.join(st['building_fixtures']) or 'none'}\n" + table(
                               [(k, v["tests"], f"{v['seconds']:.1f}", ", ".join(v["parts"])) for k, v in st["modules"].items()],
                               ("module", "tests", "seconds", "parts")))
    m_end = results.get("load_average_end")
    tail = f"\nLoad average at the end: {m_end:.1f}" if m_end is not None else ""
    return "\n\n".join([head, table(rows, ("figure", "measured", "target", "holds")), *details]) + tail
