"""Quality gate: axe-core finds no accessibility violation on any kind of page, light and dark, desktop and phone;
and at a phone's width every page of the site loads cleanly.

Kinds of page come from the built site (tests/page_kinds.py): the home page, each index, each collection's item
pages, each hand-written page, the 404 page, each embed. Of each kind, axe checks the few pages that between them
show every element, class, role and ARIA attribute the kind ever shows, at both widths and in both schemes: each
page opens in the scheme the reader's system asks for (half of them light, half dark) and is then switched to the
other with the theme's own toggle, as a reader would, so one load serves both schemes.

What one item's text or markup alone can do (a word too long for a phone, a script error, a request to another
host) is not seen on a sample, so at 375 px the walk loads every page of the site, not only the sample, and fails
any that scrolls sideways, raises a script error or asks another host for anything.

Run alone: `.venv/bin/python -m pytest tests/quality/test_axe.py`; with SCREENSHOTS=1 it also saves full-page
screenshots of the key pages in both schemes and widths to test-output/screenshots/. See docs/quality.md.
"""
from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from accessibility import RUN, SCHEMES, WIDTHS, axe_script, describe
from conftest import ROOT, site_pages, mkdocs_settings
from page_kinds import address, kinds, sample

SCREENSHOTS = ROOT / "test-output" / "screenshots"
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Colours are read once the transitions the change of scheme started have ended (an endless animation is not waited for).
SETTLED = """Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity).map(a => a.finished)).then(() => null)"""
TOGGLE = "form[data-md-component=palette] label:not([hidden])"


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


def test_every_kind_of_page_has_a_sample(built_site):
    """Every kind of page the site has is checked, and a kind's sample holds its pages' every feature."""
    found, chosen = kinds(built_site), sample(built_site)
    assert sorted(chosen) == sorted(found) and all(chosen.values())
    assert len(found) >= 25, f"only {len(found)} kinds of page: {sorted(found)}"
    for kind in ("", "404.html", "approaches/*/", "use-cases/*/", "decision-trees/*/", "embed/decision-trees/*/"):
        assert kind in found, f"no kind {kind!r} among {sorted(found)}"


class Walk:
    """One page, reused for every address at one width, that records script errors and requests to other hosts."""

    def __init__(self, browser, built_site: Path, site_url: str, width: int):
        self.site_url = site_url
        self.context = browser.new_context(viewport={"width": width, "height": 900}, reduced_motion="reduce")
        # The theme stores the scheme a page shows and applies it to the next page: each page is opened as on a
        # reader's first visit instead, with nothing stored, so that it follows the system's preference.
        self.context.add_init_script("try { localStorage.clear() } catch (error) {}")
        # Pages other than the 404 page use relative links; the 404 page's links start with the path the site is
        # published under, so that path is mapped back onto the local server's root.
        prefix = site_path()
        if prefix != "/" and not (built_site / prefix.strip("/")).exists():
            self.context.route(f"{site_url}{prefix.lstrip('/')}**",
                               lambda route: route.continue_(url=route.request.url.replace(prefix, "/", 1)))
        self.page = page = self.context.new_page()
        host = urlsplit(site_url).netloc
        self.errors: list[str] = []
        self.foreign: list[str] = []
        page.on("pageerror", lambda exc: self.errors.append(f"{page.url}: page error: {exc}"))
        page.on("request", lambda r: self.foreign.append(f"{page.url} -> {r.url}")
                if urlsplit(r.url).scheme in ("http", "https") and urlsplit(r.url).netloc != host else None)

    def open(self, path: str, scheme: str) -> None:
        """Load a page with the reader's system asking for `scheme`; an embed page, which follows its host and not
        the system, is asked for it in its address as a host asks (?theme=dark)."""
        self.page.emulate_media(color_scheme=scheme)
        dark = "?theme=dark" if scheme == "dark" and not self.themed(path) else ""
        self.page.goto(self.site_url + path + dark, wait_until="load")

    def switch(self, path: str, scheme: str) -> None:
        """Show the open page in `scheme`: the theme's toggle, pressed, or the embed reloaded with its host's choice."""
        if not self.themed(path):
            self.open(path, scheme)
            return
        self.page.emulate_media(color_scheme=scheme)
        self.page.locator(TOGGLE).click()
        self.page.evaluate(SETTLED)

    @staticmethod
    def themed(path: str) -> bool:
        return not path.startswith("embed/")

    def shown_scheme(self) -> str | None:
        return self.page.evaluate("document.body.dataset.mdColorScheme")


@pytest.mark.parametrize("width", WIDTHS)
def test_no_accessibility_violations(built_site, site_url, browser, width):
    """axe on the sampled pages in both schemes; at 375 px every page is loaded and must fit and run cleanly."""
    axe = axe_script()
    shots = {path: name for name, path in key_pages(built_site).items()} if os.environ.get("SCREENSHOTS") else {}
    checked = sorted({path for paths in sample(built_site).values() for path in paths} | set(shots))
    every = [address(built_site, file) for file in site_pages(built_site)]
    assert set(checked) <= set(every) and len(every) > 100, every
    pages = every if width == "phone" else checked
    walk = Walk(browser, built_site, site_url, WIDTHS[width])
    problems: list[str] = []
    try:
        for index, path in enumerate(pages):
            first = "light" if index % 2 == 0 else "dark"
            walk.open(path, first)
            if walk.themed(path) and (shown := walk.shown_scheme()) != SCHEMES[first]:
                problems.append(f"/{path}: the page opened in the {shown!r} scheme, not the system's {SCHEMES[first]!r}")
            if width == "phone" and (overflow := walk.page.evaluate(OVERFLOW)) > 0:
                problems.append(f"/{path}: the page scrolls sideways by {overflow}px at {WIDTHS[width]}px")
            if path not in checked:
                continue
            for scheme in (first, "dark" if first == "light" else "light"):
                if scheme != first:
                    walk.switch(path, scheme)
                    if walk.themed(path) and (shown := walk.shown_scheme()) != SCHEMES[scheme]:
                        problems.append(f"/{path}: the toggle left the {shown!r} scheme, not {SCHEMES[scheme]!r}")
                if walk.page.evaluate("typeof axe") == "undefined":
                    walk.page.evaluate(axe)
                if violations := walk.page.evaluate(RUN):
                    problems.append(f"/{path}, {scheme} scheme:\n{describe(violations)}")
                if path in shots:
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    walk.page.screenshot(path=SCREENSHOTS / f"{shots[path]}-{WIDTHS[width]}-{scheme}.png", full_page=True)
    finally:
        walk.context.close()
    problems += [f"request to another host: {request}" for request in walk.foreign]
    problems += walk.errors
    if problems:
        pytest.fail(f"{len(pages)} pages at {WIDTHS[width]}px:\n" + "\n".join(problems), pytrace=False)
