"""`make bench`: build overhead, scaling, page weight, the tree in the browser, Lighthouse and the test suite's time.

Run by `make bench` (never by `make test` or CI; file names here do not match test_*.py, so pytest collects none).
Every figure is a ratio against a baseline measured in the same run, or a median of several runs. See docs/performance.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT / "tests"), str(ROOT / "hooks")]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import yaml  # noqa: E402
from conftest import CHROMIUM, CHROMIUM_ARGS, build, make_project  # noqa: E402

import lighthouse  # noqa: E402
import page_weight  # noqa: E402
import scaling  # noqa: E402
import static_copy  # noqa: E402
import suite_timing  # noqa: E402
import tree_clicks  # noqa: E402
from gzip_server import GzipServer  # noqa: E402

SECTIONS = ("overhead", "scaling", "weight", "tree", "lighthouse", "suite")
TARGETS = {"overhead": 1.15, "scaling": 1.5, "own_assets_kb": 15.0, "tree_ms": 5.0}


def log(message: str):
    print(message, file=sys.stderr, flush=True)


def median(values):
    return statistics.median(values)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_build(project: Path, site: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of `mkdocs build --strict` in a fresh process; CPU time is less moved by other load."""
    shutil.rmtree(site, ignore_errors=True)
    start, cpu = time.perf_counter(), children_cpu()
    done = build(project, site)
    seconds, cpu_seconds = time.perf_counter() - start, children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return seconds, cpu_seconds


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        chromium = "not found"
    from importlib.metadata import version
    return {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "cores": os.cpu_count(), "cpu": cpu,
            "load_average": os.getloadavg()[0], "python": platform.python_version(), "mkdocs": version("mkdocs"),
            "mkdocs-material": version("mkdocs-material"), "chromium": chromium}


# 1. Build overhead -------------------------------------------------------------------------------------------------

def overhead(work: Path, runs: int) -> dict:
    full = make_project(work / "full")  # a snapshot, so that edits made meanwhile do not land between runs
    plain = static_copy.write_plain_project(full, work / "plain").parent
    times = {"full": [], "plain": []}
    cpu = {"full": [], "plain": []}
    for run in range(runs):
        order = ("full", "plain") if run % 2 == 0 else ("plain", "full")  # ABBA: drift in load falls on both
        for name in order:
            project = full if name == "full" else plain
            wall, cpu_seconds = timed_build(project, work / f"site-{name}")
            times[name].append(wall)
            cpu[name].append(cpu_seconds)
        log(f"  overhead: run {run + 1}/{runs}: full {times['full'][-1]:.2f} s, plain {times['plain'][-1]:.2f} s")
    done = subprocess.run([sys.executable, str(HERE / "build_probe.py"), str(full), str(work / "site-probe")],
                          capture_output=True, text=True, cwd=full)
    if done.returncode != 0:
        raise RuntimeError(f"probe build failed:\n{done.stderr[-3000:]}")
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    data_files = sum(1 for p in (full / "data").rglob("*.yml") if "schemas" not in p.parts)
    pages = {name: sorted(p.relative_to(work / f"site-{name}").as_posix() for p in (work / f"site-{name}").rglob("*.html"))
             for name in ("full", "plain")}
    return {"full": times["full"], "plain": times["plain"], "ratio": median(times["full"]) / median(times["plain"]),
            "cpu_full": cpu["full"], "cpu_plain": cpu["plain"], "cpu_ratio": median(cpu["full"]) / median(cpu["plain"]),
            "calls": probe["calls"], "phases": probe["seconds"], "probe_total": probe["total"], "data_files": data_files,
            "pages_full": len(pages["full"]), "pages_plain": len(pages["plain"]),
            "only_in_full": sorted(set(pages["full"]) - set(pages["plain"])),
            "only_in_plain": sorted(set(pages["plain"]) - set(pages["full"])), "site": work / "site-full", "project": full}


# 3. Page weight, 4. the tree, Lighthouse ---------------------------------------------------------------------------

def tree_page(project: Path) -> str:
    trees = sorted(p.stem for p in (project / "data" / "decision-trees").glob("*.yml"))
    return "decision-trees/guide/" if "guide" in trees else f"decision-trees/{trees[0]}/"


def site_mount(project: Path) -> str:
    from urllib.parse import urlsplit
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    return urlsplit(config.get("site_url") or "/").path or "/"


def resource_kind(path: str, page_path: str, own: dict) -> str:
    name = path.rsplit("/", 1)[-1]
    if path.endswith(page_path) and (path.endswith("/") or path.endswith(".html")):
        return "page HTML"
    if "/assets/" in path and name in own and "/assets/javascripts/" not in path and "/assets/stylesheets/" not in path:
        return "our JS and CSS"
    if "search_index.json" in path or "/workers/" in path:
        return "theme search (worker + index)"
    if "/assets/javascripts/" in path or "/assets/stylesheets/" in path:
        return "theme JS and CSS"
    return "other (favicon, images)"


def weight_and_browser(site: Path, project: Path, sections: set[str], clicks: int, lighthouse_runs: int) -> dict:
    from playwright.sync_api import sync_playwright
    out: dict = {}
    own = page_weight.own_assets(project / "content" / "assets")
    server = GzipServer(site, site_mount(project))
    tree = tree_page(project)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            if "weight" in sections:
                pages = {"baseline: 404 page (plain mkdocs-material)": "404.html", "home": "", "decision tree": tree,
                         "synthesis matrix": "synthesis/"}
                visits = {}
                for label, path in pages.items():
                    visit = page_weight.first_visit(browser, server, path)
                    kinds: dict[str, int] = {}
                    for resource, sent in visit["resources"].items():
                        kind = resource_kind(resource, server.mount + path, own)
                        kinds[kind] = kinds.get(kind, 0) + sent
                    visits[label] = {**visit, "path": path, "kinds": kinds}
                    log(f"  weight: {label}: {visit['bytes']} bytes in {visit['requests']} requests")
                log("  weight: checking every page for assets it loads but does not use ...")
                out["weight"] = {"visits": visits, "own": own, "own_gzip": sum(a["gzip"] for a in own.values()),
                                 "usage": page_weight.usage(browser, server, site, own)}
            if "tree" in sections:
                out["tree"] = {"page": tree, **tree_clicks.measure(browser, server.url + tree, count=clicks)}
                log(f"  tree: median {out['tree']['median_ms']:.2f} ms over {out['tree']['clicks']} clicks")
            browser.close()
        if "lighthouse" in sections:
            log(f"  lighthouse: {lighthouse_runs} run(s) of {tree} ...")
            out["lighthouse"] = {"page": tree, "command": lighthouse.shown_command(f"http://127.0.0.1:<port>{server.mount}{tree}"),
                                 **lighthouse.run(server.url + tree, CHROMIUM, runs=lighthouse_runs)}
    finally:
        server.close()
    return out


# Report -------------------------------------------------------------------------------------------------------------

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
                     f"{o['ratio']:.2f} ({median(o['full']):.2f} s / {median(o['plain']):.2f} s, medians of {len(o['full'])} alternating runs)",
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
            ("size", "data items", "HTML pages", "build s", "ms/page", "CPU ms/page", "HTML/page", "search index/page", "site/page",
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
        rows.append(("Our own JS and CSS (content/assets/*.js, *.css), gzip", f"{kb(w['own_gzip'])} ({w['own_gzip']} bytes)",
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
            [(n, a["raw"], a["gzip"], page_weight.sections(u["loads"].get(n, [])) or "nowhere",
              ", ".join(u["unused"].get(n, [])) or ("not checkable (no element lookup)" if u["unchecked"].get(n) else "none"))
             for n, a in w["own"].items()],
            ("asset", "bytes", "gzip", "loaded on", "loaded but unused on")))
    if "tree" in results:
        t = results["tree"]
        rows.append((f"Tree: click to next step drawn ({t['page']}), median of {t['clicks']} clicks",
                     f"{t['median_ms']:.2f} ms (to a question {t['median_to_question_ms']:.2f}; p95 {t['p95_ms']:.1f}; medians of the "
                     f"parts: click and hash {t['click_ms']:.2f}, wait for hashchange {t['queue_ms']:.2f}, hashchange listeners "
                     + ", ".join(f"{k} {v:.2f}" for k, v in t["listeners_ms"].items() if v >= 0.005) + ")",
                     f"< {TARGETS['tree_ms']:.0f} ms", holds(t["median_ms"] < TARGETS["tree_ms"])))
    if "lighthouse" in results:
        lh = results["lighthouse"]
        if "error" in lh:
            rows.append(("Lighthouse performance (desktop), tree page", f"not run: {lh['error']}", "report", "n/a"))
        else:
            metrics = lh["metrics"]
            rows.append((f"Lighthouse {lh['version']} performance (desktop), {lh['page']}",
                         f"{lh['score']:.0f} (runs {', '.join(f'{x:.0f}' for x in lh['scores'])}; "
                         f"LCP {metrics.get('largest-contentful-paint', 0):.0f} ms, TBT {metrics.get('total-blocking-time', 0):.0f} ms, "
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


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {', '.join(SECTIONS)}")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out")
    parser.add_argument("--runs", type=int, default=5, help="alternating runs per build in the overhead figure")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of builds per size in the scaling figure")
    parser.add_argument("--scales", default="1,10,50", help="multiples of the real data to build")
    parser.add_argument("--clicks", type=int, default=100)
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer runs (3, 1 round, scales 1,10): a smoke run, not figures")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON here")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs, args.rounds, args.scales, args.lighthouse_runs = 3, 1, "1,10", 1
    sections = set(args.only.split(",")) - set(args.skip.split(","))
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")

    results: dict = {"machine": machine()}
    work = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    work.chmod(0o755)
    try:
        site = project = None
        if "overhead" in sections:
            log("1. build overhead")
            results["overhead"] = overhead(work / "overhead", args.runs)
            site, project = results["overhead"]["site"], results["overhead"]["project"]
        if "scaling" in sections:
            log("2. scaling")
            results["scaling"] = scaling.measure(ROOT / "data", work / "scaling", [int(x) for x in args.scales.split(",")],
                                                 args.rounds, log=log)
        if sections & {"weight", "tree", "lighthouse"}:
            log("3-4. page weight, the tree in the browser, Lighthouse")
            if site is None:
                project = make_project(work / "browser" / "project")
                timed_build(project, work / "browser" / "site")
                site = work / "browser" / "site"
            results.update(weight_and_browser(site, project, sections, args.clicks, args.lighthouse_runs))
        if "suite" in sections:
            log("5. test suite (make test) ...")
            results["suite"] = suite_timing.run(ROOT)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["load_average_end"] = os.getloadavg()[0]
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
