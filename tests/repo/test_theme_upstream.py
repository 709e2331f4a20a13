"""The theme overrides in hooks/theme/ extend mkdocs-material's templates instead of copying them.

A copied template silently drifts from the installed theme; changes go into blocks, CSS or hooks/guide/theme_fixes.py.
"""
from __future__ import annotations

from pathlib import Path

import material
import pytest

THEME = Path(__file__).resolve().parents[2] / "hooks" / "theme"
UPSTREAM = Path(material.__file__).resolve().parent / "templates"
MOST_SHARED_LINES = 30


def shared_lines(ours: str, theirs: str) -> int:
    """How many of our non-blank lines, stripped of indentation, also occur in the upstream file (each counted as often
    as it occurs in both), ignoring lines made only of Jinja comment markers."""
    def lines(text: str) -> list[str]:
        return [line.strip() for line in text.splitlines() if line.strip() and line.strip() not in ("{#-", "-#}", "#}")]
    pool: dict[str, int] = {}
    for line in lines(theirs):
        pool[line] = pool.get(line, 0) + 1
    shared = 0
    for line in lines(ours):
        if pool.get(line, 0) > 0:
            pool[line] -= 1
            shared += 1
    return shared


def test_shared_lines_counts_a_copy_and_not_an_extension():
    upstream = "{#-\n  generated\n-#}\n<div>\n  {% block a %}\n  <p>x</p>\n  {% endblock %}\n</div>\n"
    assert shared_lines(upstream.replace("<p>x</p>", "<p>y</p>"), upstream) == 5
    assert shared_lines('{% extends "base.html" %}\n{% block a %}<p>y</p>{% endblock %}\n', upstream) == 0


# Templates of our own (partials/report-problem.html) have nothing upstream to drift from.
OVERRIDES = sorted(name for name in (path.relative_to(THEME).as_posix() for path in THEME.rglob("*") if path.is_file())
                   if (UPSTREAM / name).exists())


def test_the_overrides_are_found():
    assert "404.html" in OVERRIDES, f"no override of mkdocs-material's 404.html found in {THEME}: {OVERRIDES}"


@pytest.mark.parametrize("name", OVERRIDES)
def test_no_override_copies_its_upstream_template(name):
    upstream = UPSTREAM / name
    shared = shared_lines((THEME / name).read_text(encoding="utf-8"), upstream.read_text(encoding="utf-8"))
    assert shared <= MOST_SHARED_LINES, (
        f"hooks/theme/{name} shares {shared} lines with mkdocs-material's templates/{name} (at most "
        f"{MOST_SHARED_LINES}): override its blocks, or fix the output in hooks/guide/theme_fixes.py, instead of copying it")
