"""Every case of the bad-input corpus ends in its precise error from the pipeline, as the contributor check reports
it (the build stopping with the same report: tests/site/test_bad_input_build.py)."""
from __future__ import annotations

import io
import tracemalloc
from contextlib import redirect_stderr
from pathlib import Path

import pytest
from bad_input_cases import CASES
from conftest import minimal_data

from guide import check
from guide.strict_yaml import parse

@pytest.fixture
def broken_data(tmp_path):
    def make(file, change) -> Path:
        return minimal_data(tmp_path, (file, change))
    return make


def test_corpus_is_large_and_unique():
    assert len(CASES) >= 70
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case, file, change, expected", CASES, ids=[c[0] for c in CASES])
def test_check_reports_the_exact_error(broken_data, case, file, change, expected):
    data = broken_data(file, change)
    stderr = io.StringIO()
    with redirect_stderr(stderr):
        status = check.main([str(data)])
    lines = stderr.getvalue().splitlines()
    assert status == 1
    assert expected in lines, "\n".join(lines)
    assert lines[-1].endswith("detected in data/")


def test_alias_bomb_costs_almost_nothing():
    """The bomb is refused at its first anchor, before any expansion: a few hundred kB at most."""
    bomb = next(c for c in CASES if c[0] == "alias-bomb")[2][1].encode()
    tracemalloc.start()
    document, _, errors = parse(bomb, "bomb.yml")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert document is None and len(errors) == 1
    assert peak < 2_000_000, f"parsing the bomb peaked at {peak} bytes"
