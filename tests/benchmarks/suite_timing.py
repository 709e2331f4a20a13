"""The test suite's wall time through the README's command (`make test`), split by part: unit, build, browser, checkers.

Used by `bench.py`; `suite_recorder.py` is loaded into that pytest run to time each test and see which ones build a site.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = ("unit", "build", "browser", "checkers")
_SUMMARY = re.compile(r"\b[0-9]+ (passed|failed|errors?)\b.* in [0-9.]+s")  # pytest's last line, with or without -q


def part(test: dict, building_fixtures: set[str]) -> str:
    """checkers (marker), browser (marker), build (builds a site or uses a fixture that does), else unit."""
    if "checker" in test["markers"]:
        return "checkers"
    if "browser" in test["markers"]:
        return "browser"
    if test["builds"] or building_fixtures & set(test["fixtures"]):
        return "build"
    return "unit"


def merged(records: list[dict]) -> dict:
    """One record from those of several pytest-xdist workers: each worker lists every test, with time only for
    those it ran; times and builds add up, and a test failed if it failed where it ran."""
    tests: dict[str, dict] = {}
    for record in records:
        for nodeid, test in record["tests"].items():
            if nodeid not in tests:
                tests[nodeid] = dict(test)
                continue
            seen = tests[nodeid]
            seen["seconds"] += test["seconds"]
            seen["builds"] += test["builds"]
            if test["outcome"] != "passed":
                seen["outcome"] = test["outcome"]
    return {"tests": tests, "builds": sum(r["builds"] for r in records),
            "building_fixtures": sorted({f for r in records for f in r["building_fixtures"]})}


def run(root: Path, command: tuple[str, ...] = ("make", "test")) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        record = Path(tmp) / "suite.json"
        env = dict(os.environ, BENCH_SUITE_RECORD=str(record),
                   PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
                   PYTEST_ADDOPTS=" ".join(filter(None, [os.environ.get("PYTEST_ADDOPTS"), "-p suite_recorder"])))
        start = time.perf_counter()
        done = subprocess.run(list(command), cwd=root, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
        files = sorted(Path(tmp).glob("suite.json*"))
        if not files:
            return {"error": f"`{' '.join(command)}` exited with {done.returncode} before pytest finished: "
                             + " / ".join((done.stderr or done.stdout).strip().splitlines()[-3:]), "wall": wall}
        data = merged([json.loads(file.read_text(encoding="utf-8")) for file in files])
    building = set(data["building_fixtures"])
    parts = {name: {"tests": 0, "seconds": 0.0} for name in PARTS}
    modules: dict[str, dict] = defaultdict(lambda: {"tests": 0, "seconds": 0.0, "parts": set()})
    outcomes: dict[str, int] = defaultdict(int)
    for test in data["tests"].values():
        name = part(test, building)
        parts[name]["tests"] += 1
        parts[name]["seconds"] += test["seconds"]
        module = modules[test["module"]]
        module["tests"] += 1
        module["seconds"] += test["seconds"]
        module["parts"].add(name)
        outcomes[test["outcome"]] += 1
    summary = next((line.strip("= ") for line in reversed(done.stdout.splitlines()) if _SUMMARY.search(line)), "")
    failed = sorted(nodeid for nodeid, test in data["tests"].items() if test["outcome"] in ("failed", "error"))
    return {"command": " ".join(command), "wall": wall, "returncode": done.returncode, "summary": summary, "failed": failed,
            "parts": parts, "outcomes": dict(outcomes), "builds": data["builds"], "building_fixtures": sorted(building),
            "modules": {k: {**v, "parts": sorted(v["parts"])}
                        for k, v in sorted(modules.items(), key=lambda kv: -kv[1]["seconds"])}}
