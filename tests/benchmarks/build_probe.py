"""One build in-process with counters and phase timers: how often the data is loaded, and where the time goes.

Run by `bench.py` in a child process: `python build_probe.py <project> <site_dir>` prints one JSON object.
"""
from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

calls: Counter = Counter()
seconds: defaultdict = defaultdict(float)      # wall time
cpu_seconds: defaultdict = defaultdict(float)  # this process's CPU time, less disturbed by other load on the machine


def _count(module, name: str, label: str, timed: bool = False):
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        calls[label] += 1
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            if timed:
                seconds[label] += time.perf_counter() - start
                cpu_seconds[label] += time.process_time() - cpu

    setattr(module, name, wrapper)


def probe(project: Path, site_dir: Path) -> dict:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    # The hook imports `guide` from <project>/hooks; importing it first makes the hook see the wrapped functions.
    sys.path.insert(0, str(project / "hooks"))
    from guide import documents, pipeline, site

    _count(pipeline, "load_model", "pipeline.load_model()")
    _count(pipeline, "read_documents", "documents.read_documents()")
    _count(documents, "read_document", "documents.read_document() (one per data file)")
    _count(documents, "validate", "schemas.validate() (one per data file)")
    _count(site, "pages", "site.pages()")

    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import PluginCollection

    run_event = PluginCollection.run_event

    def timed_event(self, name, *args, **kwargs):
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return run_event(self, name, *args, **kwargs)
        finally:
            seconds[f"event {name}"] += time.perf_counter() - start
            cpu_seconds[f"event {name}"] += time.process_time() - cpu
            calls[f"event {name}"] += 1

    PluginCollection.run_event = timed_event
    _count(mkdocs_build, "_populate_page", "pages: Markdown to HTML", timed=True)
    _count(mkdocs_build, "_build_page", "pages: theme templates and writing", timed=True)

    os.chdir(project)
    start, cpu = time.perf_counter(), time.process_time()
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    mkdocs_build.build(config)
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    return {"total": total, "total_cpu": total_cpu, "calls": dict(calls), "seconds": dict(seconds), "cpu": dict(cpu_seconds)}


if __name__ == "__main__":
    print(json.dumps(probe(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())))
