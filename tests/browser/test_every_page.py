"""Every page of the site, not a sample, loaded once in Chromium at a phone's width: it asks no other host for
anything, does not scroll sideways, and raises no script error.

What one item's text can change (a long word or address that widens a page) or one page's markup can ask for is
not seen by checking one page of each kind, so this walk covers them all; axe-core checks each kind of page in
both schemes and widths in tests/quality/test_axe.py. One page is reused for the whole walk.
"""
from __future__ import annotations

from urllib.parse import urlparse

from accessibility import WIDTHS
from conftest import site_pages

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_every_page_asks_no_other_host_fits_a_phone_and_runs_cleanly(browser, built_site, site_url):
    context = browser.new_context(viewport={"width": WIDTHS["phone"], "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    host = urlparse(site_url).netloc
    foreign: list[str] = []
    errors: list[str] = []
    wide: list[str] = []
    page.on("request", lambda r: foreign.append(f"{page.url} -> {r.url}")
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host else None)
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: page error: {exc}"))
    pages = [file.relative_to(built_site).as_posix().removesuffix("index.html") for file in site_pages(built_site)]
    assert len(pages) > 100, pages
    try:
        for path in pages:
            if path == "404.html":
                continue  # its addresses start with the published path; loaded at both widths by test_axe.py
            page.goto(site_url + path, wait_until="load")
            if (overflow := page.evaluate(OVERFLOW)) > 0:
                wide.append(f"/{path}: scrolls sideways by {overflow}px at {WIDTHS['phone']}px")
        page.wait_for_timeout(500)
    finally:
        context.close()
    assert foreign == [], "requests to another host:\n" + "\n".join(foreign)
    assert wide == [], "\n".join(wide)
    assert errors == [], "\n".join(errors)
