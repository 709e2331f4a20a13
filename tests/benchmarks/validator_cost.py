"""What one schema validator costs a build: the hook as it is against the hook at an older commit, side by side.

Run as `.venv/bin/python tests/benchmarks/validator_cost.py <old commit> [runs]` from the repository root, with
whatever the old commit's hook imports installed (for the commit before jsonschema-rs was dropped:
`.venv/bin/pip install jsonschema-rs==0.60.3`). Not part of `make test`; see docs/performance.md.

Both projects get the same data, content and mkdocs.yml (today's), so only the hook differs. Each is built `runs`
times, alternating, each in a fresh process; also timed, in fresh processes: reading and checking the data alone
(`pipeline.check()`, with its imports). Prints medians and ratios as JSON.
"""
from __future__ import annotations

import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(HERE), str(ROOT / "tests")]
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from bench import compile_hooks, timed_build  # noqa: E402
from conftest import make_project  # noqa: E402

CHECK = """
import sys, time
start, cpu = time.perf_counter(), time.process_time()
sys.path.insert(0, "hooks")
from guide.pipeline import check
documents, errors = check(__import__("pathlib").Path("data"))
assert not errors, errors[:3]
print(time.perf_counter() - start, time.process_time() - cpu)
"""


def old_hooks(commit: str, project: Path) -> None:
    """Replace the project's hooks/ by the commit's."""
    archive = subprocess.run(["git", "archive", commit, "hooks"], cwd=ROOT, capture_output=True, check=True).stdout
    shutil.rmtree(project / "hooks")
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(project, filter="data")


def timed_check(project: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of importing the pipeline and checking the data, in a fresh process."""
    done = subprocess.run([sys.executable, "-c", CHECK], cwd=project, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    wall, cpu = done.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


def main(commit: str, runs: int) -> dict:
    work = Path(tempfile.mkdtemp(prefix="validator-cost-"))
    try:
        new, old = make_project(work / "new"), make_project(work / "old")
        old_hooks(commit, old)
        for project in (new, old):
            compile_hooks(project)
        times = {"new": [], "old": []}
        cpu = {"new": [], "old": []}
        checks = {"new": [], "old": []}
        check_cpu = {"new": [], "old": []}
        for run in range(runs):
            for name in (("new", "old") if run % 2 == 0 else ("old", "new")):
                project = new if name == "new" else old
                wall, cpu_seconds = timed_build(project, work / f"site-{name}")
                times[name].append(wall)
                cpu[name].append(cpu_seconds)
                check_wall, check_cpu_seconds = timed_check(project)
                checks[name].append(check_wall)
                check_cpu[name].append(check_cpu_seconds)
            print(f"run {run + 1}/{runs}: new {times['new'][-1]:.3f} s, old {times['old'][-1]:.3f} s", file=sys.stderr)
        med = {k: statistics.median(v) for k, v in times.items()}
        med_cpu = {k: statistics.median(v) for k, v in cpu.items()}
        med_check = {k: statistics.median(v) for k, v in checks.items()}
        med_check_cpu = {k: statistics.median(v) for k, v in check_cpu.items()}
        return {"old_commit": commit, "runs": runs, "build_seconds": med, "build_ratio": med["new"] / med["old"],
                "build_cpu_seconds": med_cpu, "build_cpu_ratio": med_cpu["new"] / med_cpu["old"],
                "check_seconds": med_check, "check_ratio": med_check["new"] / med_check["old"],
                "check_cpu_seconds": med_check_cpu, "check_cpu_ratio": med_check_cpu["new"] / med_check_cpu["old"],
                "build_seconds_all": times, "build_cpu_seconds_all": cpu,
                "load_average": os.getloadavg()[0]}
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 9), indent=1))
