"""Scaling: the site built from synthetic data at several multiples of the real size; time and bytes per page.

Used by `bench.py`. Each size gets its own project copy (conftest.make_project); builds of all sizes alternate, round
after round, so that a change in the machine's load falls on every size alike; each figure is a median over rounds.
"""
from __future__ import annotations

import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import synthetic_data
from conftest import make_project
from gzip_server import gzip_size

PROBE = Path(__file__).resolve().parent / "build_probe.py"
NAV_PAGE = "approaches/rag/index.html"   # present at every size (approaches are not multiplied)
_NAV_TAG = re.compile(r"<(/?)nav\b")


def primary_nav(html: str) -> str:
    """The page's main navigation element (mkdocs-material's md-nav--primary), nested navs included."""
    start = html.find('<nav class="md-nav md-nav--primary"')
    if start < 0:
        return ""
    depth = 0
    for match in _NAV_TAG.finditer(html, start):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[start:html.index(">", match.end()) + 1]
    return html[start:]


def site_sizes(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    html_bytes = sum(p.stat().st_size for p in pages)
    index = site / "search" / "search_index.json"
    nav_page = site / NAV_PAGE
    return {"pages": len(pages), "html_bytes": html_bytes,
            "search_index_bytes": index.stat().st_size if index.exists() else 0,
            # what a first visit to any page downloads: mkdocs-material fetches the whole index at start-up
            "search_index_gzip": gzip_size(index.read_bytes()) if index.exists() else 0,
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
            "nav_bytes": len(primary_nav(nav_page.read_text(encoding="utf-8"))) if nav_page.exists() else None}


def prepare(data_dir: Path, work: Path, factors: list[int]) -> dict[int, dict]:
    projects = {}
    for factor in factors:
        where = work / f"x{factor}"
        counts = synthetic_data.write(data_dir, where / "data-generated", factor)
        project = make_project(where / "project", where / "data-generated")
        # The hook's bytecode compiled as `make build` does (see bench.compile_hooks).
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(project / "hooks")], check=True)
        projects[factor] = {"project": project, "items": sum(counts.values()), "site": where / "site"}
    return projects


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def probe_build(project: Path, site: Path) -> tuple[float, float, dict]:
    """Wall and CPU time of one build (a fresh process, as `mkdocs build`) and the probe's counters and phase times."""
    shutil.rmtree(site, ignore_errors=True)
    start, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([sys.executable, str(PROBE), str(project), str(site)], capture_output=True, text=True, cwd=project)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return wall, cpu, json.loads(done.stdout.strip().splitlines()[-1])


def measure(data_dir: Path, work: Path, factors: list[int], rounds: int, log=print) -> dict[int, dict]:
    projects = prepare(data_dir, work, factors)
    walls: dict[int, list[float]] = {f: [] for f in factors}
    cpus: dict[int, list[float]] = {f: [] for f in factors}
    probes: dict[int, list[dict]] = {f: [] for f in factors}
    for round_ in range(rounds):
        for factor in factors:
            wall, cpu, probe = probe_build(projects[factor]["project"], projects[factor]["site"])
            walls[factor].append(wall)
            cpus[factor].append(cpu)
            probes[factor].append(probe)
            log(f"  scaling: round {round_ + 1}/{rounds}, {factor}x: {wall:.1f} s")
    results = {}
    for factor in factors:
        sizes = site_sizes(projects[factor]["site"])
        wall = statistics.median(walls[factor])
        phase_names = sorted({k for p in probes[factor] for k in p["seconds"]})
        phases = {k: statistics.median(p["seconds"].get(k, 0.0) for p in probes[factor]) for k in phase_names}
        cpu = statistics.median(cpus[factor])
        results[factor] = {"items": projects[factor]["items"], "walls": walls[factor], "wall": wall,
                           "seconds_per_page": wall / sizes["pages"], "cpu": cpu, "cpu_per_page": cpu / sizes["pages"],
                           "phases": phases,
                           "load_model_calls": [p["calls"].get("pipeline.load_model()", 0) for p in probes[factor]], **sizes}
    return results
