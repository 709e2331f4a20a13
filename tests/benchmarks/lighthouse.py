"""Lighthouse performance score (desktop preset) of a page, through `npx lighthouse` and Debian's Chromium.

Used by `bench.py`; when npx or the package cannot run, `run()` says why instead of failing the benchmark.
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

PACKAGE = "lighthouse@12"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-quic --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")


def command(url: str, output: Path) -> list[str]:
    return ["npx", "--yes", PACKAGE, url, "--preset=desktop", "--only-categories=performance",
            "--output=json", f"--output-path={output}", "--quiet", f"--chrome-flags={CHROME_FLAGS}"]


def shown_command(url: str) -> str:
    return (f"CHROME_PATH=/usr/bin/chromium npx {PACKAGE} {url} --preset=desktop --only-categories=performance "
            f"--chrome-flags=\"{CHROME_FLAGS}\"")


def run(url: str, chromium: str, runs: int = 3, timeout: int = 300) -> dict:
    """Median score (0-100) and metrics over `runs`, or {'error': why}."""
    if shutil.which("npx") is None:
        return {"error": "npx is not installed (Debian: apt-get install npm)"}
    env = dict(os.environ, CHROME_PATH=chromium)
    scores, metrics = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            out = Path(tmp) / f"lh-{i}.json"
            try:
                done = subprocess.run(command(url, out), env=env, capture_output=True, text=True, timeout=timeout)
            except subprocess.TimeoutExpired:
                return {"error": f"lighthouse did not finish within {timeout} s"}
            if done.returncode != 0 or not out.exists():
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                return {"error": f"lighthouse exited with {done.returncode}: {' / '.join(tail)}"}
            report = json.loads(out.read_text(encoding="utf-8"))
            scores.append(report["categories"]["performance"]["score"] * 100)
            audits = report["audits"]
            metrics.append({name: audits[name]["numericValue"] for name in
                            ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                             "cumulative-layout-shift", "speed-index") if name in audits})
            version = report.get("lighthouseVersion")
    middle = sorted(range(len(scores)), key=scores.__getitem__)[len(scores) // 2]
    return {"score": statistics.median(scores), "scores": scores, "metrics": metrics[middle], "version": version}
