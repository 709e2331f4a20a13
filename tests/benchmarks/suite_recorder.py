"""A pytest plugin for the test-suite benchmark: each test's time, markers, and whether it needed a site build.

Loaded by `suite_timing.py` through PYTEST_ADDOPTS="-p suite_recorder"; writes JSON to $BENCH_SUITE_RECORD, or,
when pytest-xdist runs the tests in workers, one file per worker ($BENCH_SUITE_RECORD.gw0, ...) that
suite_timing.py merges.
"""
from __future__ import annotations

import json
import os
import subprocess
import time

import pytest

_tests: dict[str, dict] = {}
_building_fixtures: set[str] = set()
_state = {"fixture": None, "test": None, "builds": 0}


def _is_build(args) -> bool:
    words = [str(a) for a in args] if isinstance(args, (list, tuple)) else str(args).split()
    return any("mkdocs" in w for w in words) and "build" in words


def _count_build():
    _state["builds"] += 1
    if _state["fixture"]:
        _building_fixtures.add(_state["fixture"])
    if _state["test"] in _tests:
        _tests[_state["test"]]["builds"] += 1


def pytest_configure(config):
    popen_init = subprocess.Popen.__init__

    def counting_init(self, args, *rest, **kwargs):
        if _is_build(args):
            _count_build()
        return popen_init(self, args, *rest, **kwargs)

    subprocess.Popen.__init__ = counting_init
    try:  # builds run in-process through MkDocs' API count too
        from mkdocs.commands import build as mkdocs_build
    except ImportError:
        return
    build = mkdocs_build.build

    def counting_build(*args, **kwargs):
        _count_build()
        return build(*args, **kwargs)

    mkdocs_build.build = counting_build


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    outer = _state["fixture"]
    _state["fixture"] = fixturedef.argname
    try:
        yield
    finally:
        _state["fixture"] = outer


def pytest_runtest_logstart(nodeid, location):
    _state["test"] = nodeid


def pytest_itemcollected(item):
    _tests[item.nodeid] = {"module": item.nodeid.split("::")[0], "markers": sorted({m.name for m in item.iter_markers()}),
                           "fixtures": list(item.fixturenames), "builds": 0, "seconds": 0.0, "outcome": "passed"}


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The markers once tests/conftest.py has given each test its folder's."""
    for item in items:
        if item.nodeid in _tests:
            _tests[item.nodeid]["markers"] = sorted({m.name for m in item.iter_markers()})


def pytest_runtest_logreport(report):
    test = _tests.get(report.nodeid)
    if test is None:
        return
    test["seconds"] += report.duration
    if report.outcome != "passed" and test["outcome"] == "passed":
        test["outcome"] = report.outcome if report.when == "call" or report.outcome == "skipped" else "error"


def pytest_sessionfinish(session):
    path = os.environ.get("BENCH_SUITE_RECORD")
    if not path or not _tests:
        return  # xdist's controlling process collects and runs nothing itself
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    path = f"{path}.{worker}" if worker else path
    with open(path, "w", encoding="utf-8") as out:
        json.dump({"finished": time.time(), "tests": _tests, "building_fixtures": sorted(_building_fixtures),
                   "builds": _state["builds"]}, out)
