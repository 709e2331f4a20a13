"""Quality gate: axe-core finds no accessibility violation on any kind of page, light and dark, desktop and phone.

Kinds of page come from the built site (tests/page_kinds.py): the home page, each index, each collection's item
pages, each hand-written page, the 404 page, each embed. Of each kind, axe checks in all four modes the few pages
that between them show every element, class, role and ARIA attribute the kind ever shows. What text alone can change on
one page (a word too long for a phone) is checked on every page in tests/browser/test_every_page.py. The same run saves screenshots of the key pages to
test-output/screenshots/. Run alone: `.venv/bin/python -m pytest tests/quality/test_axe.py`. See docs/quality.md.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from accessibility import RUN, SCHEMES, WIDTHS, axe_script, describe
from conftest import ROOT, mkdocs_settings
from page_kinds import kinds, sample


SCREENSHOTS = ROOT / "test-output" / "screenshots"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def site_path() -> str:
    """The path the site is published under (from site_url in mkdocs.yml), e.g. '/guide/'; '/' without one."""
    path = urlsplit(mkdocs_settings().get("site_url") or "/").path or "/"
    return path if path.endswith("/") else path + "/"


def key_pages(site: Path) -> dict[str, str]:
    """The pages to take screenshots of: {name: path}."""
    def first(section: str) -> str:
        items = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / section).glob("*/index.html"))
        assert items, f"no page under {section}/ in the built site"
        return items[0]
    return {"home": "", "decision-tree": first("decision-trees"), "synthesis": "synthesis/",
            "approach": first("approaches"), "use-cases": "use-cases/"}


def open_context(browser, built_site, site_url, width: int, scheme: str):
    """(context, page, errors): one page reused for every address, which saves a fresh context per page."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, reduced_motion="reduce")
    # Pages other than the 404 page use relative links; the 404 page's links start with the path the site is
    # published under, so that path is mapped back onto the local server's root.
    prefix = site_path()
    if prefix != "/" and not (built_site / prefix.strip("/")).exists():
        context.route(f"{site_url}{prefix.lstrip('/')}**",
                      lambda route: route.continue_(url=route.request.url.replace(prefix, "/", 1)))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: page error: {exc}"))
    return context, page, errors


def test_every_kind_of_page_has_a_sample(built_site):
    """Every kind of page the site has is checked, and a kind's sample holds its pages' every feature."""
    found, chosen = kinds(built_site), sample(built_site)
    assert sorted(chosen) == sorted(found) and all(chosen.values())
    assert len(found) >= 25, f"only {len(found)} kinds of page: {sorted(found)}"
    for kind in ("", "404.html", "approaches/*/", "use-cases/*/", "decision-trees/*/", "embed/decision-trees/*/"):
        assert kind in found, f"no kind {kind!r} among {sorted(found)}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_accessibility_violations(built_site, site_url, browser, scheme, width):
    axe = axe_script()
    context, page, errors = open_context(browser, built_site, site_url, WIDTHS[width], scheme)
    shots = {path: name for name, path in key_pages(built_site).items()}
    pages = sorted({path for paths in sample(built_site).values() for path in paths} | set(shots))
    problems: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        for path in pages:
            page.goto(site_url + path, wait_until="load")
            # A page of the theme must follow the emulated preference; an embed page (no theme) has no scheme.
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown in (SCHEMES[scheme], None), f"{path}: the page shows the {shown!r} scheme, not {SCHEMES[scheme]!r}"
            if width == "phone" and (overflow := page.evaluate(OVERFLOW)) > 0:
                problems.append(f"/{path}: the page scrolls sideways by {overflow}px at {WIDTHS[width]}px")
            page.evaluate(axe)
            violations = page.evaluate(RUN)
            if violations:
                problems.append(f"/{path}:\n{describe(violations)}")
            if path in shots:
                page.screenshot(path=SCREENSHOTS / f"{shots[path]}-{WIDTHS[width]}-{scheme}.png", full_page=True)
    finally:
        context.close()
    if problems:
        pytest.fail(f"axe-core, {scheme} scheme at {WIDTHS[width]}px:\n" + "\n".join(problems), pytrace=False)
    assert not errors, "\n".join(errors)
