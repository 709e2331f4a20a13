"""What a page view costs the reader's processor with search on demand, against the theme's own way (the search
index fetched and built on every page view), side by side.

    .venv/bin/python tests/benchmarks/search_on_demand.py [ROUNDS]

Builds the site once into a temporary folder and copies it; in the copy, `assets/search-on-demand.js` is empty,
so its pages behave as the theme does on its own. Chromium (the benchmarks' flags, `CHROMIUM_ARGS`) opens every
page of each in turn, one fresh browser context per site and round, the two alternating ROUNDS times (default
3). Each page view waits for the network to be quiet for half a second, so the search worker has built its index
where it does. Reported: the machine's busy processor time per page view (from /proc/stat, every process, since
most of it is Chromium's; keep the machine otherwise idle), medians over the rounds and their ratio, and the
requests for the search index. Wall time is not reported: it is mostly the half second of quiet each view waits. See docs/performance.md, "Search on demand".
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT / "tests")]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from conftest import CHROMIUM, CHROMIUM_ARGS, build, serve, site_pages  # noqa: E402
from page_kinds import address  # noqa: E402
from suite_compare import busy_seconds  # noqa: E402

SCRIPT = Path("assets") / "search-on-demand.js"
INDEX = "search/search_index.json"


def views(browser, base: str, paths: list[str]) -> tuple[float, int]:
    """(busy processor seconds, requests for the index) of viewing every page once in a new context."""
    context = browser.new_context()
    page = context.new_page()
    asked = []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith(INDEX) else None)
    page.goto(base, wait_until="networkidle")  # the theme's files in the cache, as for a reader's second page
    asked.clear()
    busy = busy_seconds()
    for path in paths:
        page.goto(base + path, wait_until="networkidle")
    result = busy_seconds() - busy, len(asked)
    context.close()
    return result


def main(rounds: int) -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="guide-search-bench-"))
    try:
        on_demand, eager = work / "on-demand", work / "eager"
        done = build(ROOT, on_demand)
        if done.returncode != 0:
            sys.exit(f"the build failed:\n{done.stdout}\n{done.stderr}")
        shutil.copytree(on_demand, eager)
        (eager / SCRIPT).write_text("", encoding="utf-8")
        paths = [address(on_demand, file) for file in site_pages(on_demand)]
        servers = {name: serve(folder) for name, folder in (("eager", eager), ("on demand", on_demand))}
        runs: dict[str, list[tuple[float, int]]] = {name: [] for name in servers}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for number in range(1, rounds + 1):
                for name, (base, _server) in servers.items():
                    runs[name].append(views(browser, base, paths))
                    cpu, asked = runs[name][-1]
                    print(f"round {number}, {name}: {len(paths)} page views, {cpu:.1f} s processor, "
                          f"{asked} requests for the index", flush=True)
            browser.close()
        for _base, server in servers.values():
            server.shutdown()
        per_view = {name: 1000 * statistics.median(r[0] for r in rs) / len(paths) for name, rs in runs.items()}
        for name, cpu in per_view.items():
            print(f"{name}: {cpu:.0f} ms of processor time per page view (median of {rounds} rounds)")
        print(f"on demand / eager: {per_view['on demand'] / per_view['eager']:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and not sys.argv[1].isdigit()):
        sys.exit(__doc__)
    main(int(sys.argv[1]) if len(sys.argv) == 2 else 3)
