"""The test suite of two checkouts side by side: wall time and the machine's processor time, with their ratios.

    .venv/bin/python tests/benchmarks/suite_compare.py BEFORE AFTER [ROUNDS]

BEFORE and AFTER are checkouts of this repository, each with its .venv, node_modules and .venv-zensical set up (or
linked to this one's). Their suites run alternately, ROUNDS times each (default 1), with the command `make test`
runs after its set-up: `pytest -n 2 --dist worksteal`. Processor time is read from /proc/stat for the whole
machine (user, nice and system time), since most of it is Chromium's, which a child's own accounting misses; keep
the machine otherwise idle. See docs/performance.md, "Test suite".
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def busy_seconds() -> float:
    """Processor time the machine has spent busy since it started (every core), from /proc/stat."""
    user, nice, system, _idle, _iowait, irq, softirq = map(int, Path("/proc/stat").read_text().split()[1:8])
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def run_suite(checkout: Path) -> tuple[float, float, str]:
    """(wall seconds, busy processor seconds, pytest's last line) of one run of the suite in `checkout`."""
    busy, start = busy_seconds(), time.perf_counter()
    result = subprocess.run([str(checkout / ".venv/bin/python"), "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "-n", "2", "--dist", "worksteal"], cwd=checkout, capture_output=True, text=True)
    wall, cpu = time.perf_counter() - start, busy_seconds() - busy
    last = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
    if result.returncode != 0:
        sys.exit(f"{checkout}: the suite failed: {last}")
    return wall, cpu, last


def main(before: Path, after: Path, rounds: int) -> None:
    runs: dict[Path, list[tuple[float, float, str]]] = {before: [], after: []}
    for _ in range(rounds):
        for checkout in (before, after):
            runs[checkout].append(run_suite(checkout))
            wall, cpu, last = runs[checkout][-1]
            print(f"{checkout}: {wall:.0f} s wall, {cpu:.0f} s processor: {last}", flush=True)
    medians = {c: (statistics.median(r[0] for r in rs), statistics.median(r[1] for r in rs)) for c, rs in runs.items()}
    print(f"after / before: wall {medians[after][0] / medians[before][0]:.2f}, "
          f"processor {medians[after][1] / medians[before][1]:.2f} (medians of {rounds} run(s) each)")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve(), int(sys.argv[3]) if len(sys.argv) == 4 else 1)
