"""Quality gate: axe-core finds no accessibility violation on any page, light and dark, desktop and phone.

The same run saves screenshots of the key pages to test-output/screenshots/ for a person to look at.
Run alone: `.venv/bin/python -m pytest tests/test_quality_a11y.py`. See docs/quality.md.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, mkdocs_settings

pytestmark = pytest.mark.browser

SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> mkdocs-material's scheme
WIDTHS = {"desktop": 1280, "phone": 375}
SCREENSHOTS = ROOT / "test-output" / "screenshots"


def axe_script() -> str:
    """axe-core's browser script as shipped with axe-playwright-python (pinned in requirements-test.txt)."""
    try:
        import axe_playwright_python
    except ImportError:
        pytest.fail("axe-playwright-python is missing: run `make setup-test` (pip install -r requirements-test.txt)")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def site_path() -> str:
    """The path the site is published under (from site_url in mkdocs.yml), e.g. '/guide/'; '/' without one."""
    path = urlsplit(mkdocs_settings().get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def pages(site: Path) -> list[str]:
    """Every page of the site as a path from its root ('' for the home page), the 404 page included."""
    found = []
    for file in sorted(site.rglob("*.html")):
        if not re.match(r"\s*<!doctype html", file.read_text(encoding="utf-8")[:200], re.IGNORECASE):
            continue  # a fragment to embed elsewhere (exports/), not a page
        relative = file.relative_to(site).as_posix()
        found.append(relative.removesuffix("index.html"))
    return found


def key_pages(site: Path) -> dict[str, str]:
    """The pages to take screenshots of: {name: path}."""
    def first(section: str) -> str:
        items = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / section).glob("*/index.html"))
        assert items, f"no page under {section}/ in the built site"
        return items[0]
    return {"home": "", "decision-tree": first("decision-trees"), "synthesis": "synthesis/",
            "approach": first("approaches"), "use-cases": "use-cases/"}


def describe(violations: list[dict]) -> str:
    """One line per violated rule, then up to five offending elements, each with axe's last line of advice."""
    def advice(node: dict) -> str:
        return ((node.get("failureSummary") or "").strip().splitlines() or [""])[-1].strip()
    return "\n".join(f"  {v['id']} ({v['impact']}): {v['help']}\n" + "\n".join(
        f"      {', '.join(map(str, node['target']))}: {advice(node)}" for node in v["nodes"][:5]) for v in violations)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_accessibility_violations(built_site, site_url, browser, scheme, width):
    axe = axe_script()
    context = browser.new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce")
    # Pages other than the 404 page use relative links; the 404 page's links start with the path the site is
    # published under, so that path is mapped back onto the local server's root.
    prefix = site_path()
    if prefix != "/" and not (built_site / prefix.strip("/")).exists():
        context.route(f"{site_url}{prefix.lstrip('/')}**",
                      lambda route: route.continue_(url=route.request.url.replace(prefix, "/", 1)))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: page error: {exc}"))
    shots = {path: name for name, path in key_pages(built_site).items()}
    problems: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for path in pages(built_site):
            page.goto(site_url + path, wait_until="load")
            # A page of the theme must follow the emulated preference; an embed page (no theme) has no scheme.
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown in (SCHEMES[scheme], None), f"{path}: the page shows the {shown!r} scheme, not {SCHEMES[scheme]!r}"
            if width == "phone":
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 0:
                    problems.append(f"/{path}: the page scrolls sideways by {overflow}px at {WIDTHS[width]}px")
            page.evaluate(axe)
            violations = page.evaluate("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)")
            if violations:
                problems.append(f"/{path}:\n{describe(violations)}")
            if path in shots:
                page.screenshot(path=SCREENSHOTS / f"{shots[path]}-{WIDTHS[width]}-{scheme}.png", full_page=True)
    finally:
        context.close()
    if problems:
        pytest.fail(f"axe-core, {scheme} scheme at {WIDTHS[width]}px:\n" + "\n".join(problems), pytrace=False)
    assert not errors, "\n".join(errors)
