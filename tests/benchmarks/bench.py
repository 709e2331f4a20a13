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

from conftest import CHROMIUM, CHROMIUM_ARGS, build, make_project, mkdocs_settings  # noqa: E402

import lighthouse  # noqa: E402
import page_weight  # noqa: E402
from bench_report import report  # noqa: E402
import scaling  # noqa: E402
import static_copy  # noqa: E402
import suite_timing  # noqa: E402
import tree_clicks  # noqa: E402
from gzip_server import GzipServer  # noqa: E402

SECTIONS = ("overhead", "scaling", "weight", "tree", "lighthouse", "suite")


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

def compile_hooks(project: Path) -> None:
    """Compile the hook's modules to bytecode, as `make build` does (`make bytecode`): a user's Python writes it on
    the first build anyway, and PYTHONDONTWRITEBYTECODE, where it is set, would make every build compile them."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "hooks")], check=True)


def overhead(work: Path, runs: int) -> dict:
    full = make_project(work / "full")  # a snapshot, so that edits made meanwhile do not land between runs
    compile_hooks(full)
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
    config = mkdocs_settings(project)
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
    own = page_weight.own_assets(project / "content" / "assets", site / "assets")
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
                                 "own_source_gzip": sum(a["source_gzip"] for a in own.values()),
                                 "usage": page_weight.usage(browser, server, site, own)}
            if "tree" in sections:
                out["tree"] = {"page": tree, **tree_clicks.measure(browser, server.url + tree, count=clicks)}
                log(f"  tree: median {out['tree']['median_ms']:.2f} ms over {out['tree']['clicks']} clicks")
            browser.close()
        if "lighthouse" in sections:
            log(f"  lighthouse: {lighthouse_runs} run(s) of {tree} ...")
            shown = lighthouse.shown_command(f"http://127.0.0.1:<port>{server.mount}{tree}")
            out["lighthouse"] = {"page": tree, "command": shown,
                                 **lighthouse.run(server.url + tree, CHROMIUM, runs=lighthouse_runs)}
    finally:
        server.close()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {', '.join(SECTIONS)}")
    parser.add_argument("--skip", default="", help="comma-separated sections to leave out")
    parser.add_argument("--runs", type=int, default=9, help="alternating runs per build in the overhead figure")
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
                compile_hooks(project)
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
