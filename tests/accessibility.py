"""axe-core in a page of Chromium: its script, how a run is asked for, and its findings as lines a person can act on.

Used by tests/quality/test_axe.py (the gate) and tests/browser/test_home_browser.py (the home page's tree, answered).
"""
from __future__ import annotations

from pathlib import Path

import pytest

SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> mkdocs-material's scheme
WIDTHS = {"desktop": 1280, "phone": 375}
RUN = "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"


def axe_script() -> str:
    """axe-core's browser script as shipped with axe-playwright-python (pinned in requirements-test.txt)."""
    try:
        import axe_playwright_python
    except ImportError:
        pytest.fail("axe-playwright-python is missing: run `make setup-test` (pip install -r requirements-test.txt)")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def describe(violations: list[dict]) -> str:
    """One line per violated rule, then up to five offending elements, each with axe's last line of advice."""
    def advice(node: dict) -> str:
        return ((node.get("failureSummary") or "").strip().splitlines() or [""])[-1].strip()
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
        f"      {', '.join(map(str, node['target']))}: {advice(node)}" for node in v["nodes"][:5]) for v in violations)
