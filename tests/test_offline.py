"""In Chromium, no page requests anything from a host other than the one serving the site."""
from __future__ import annotations

from urllib.parse import urlparse

import pytest


@pytest.mark.browser
def test_no_page_requests_another_host(browser, built_site, site_url):
    context = browser.new_context()
    page = context.new_page()
    foreign: list[str] = []
    host = urlparse(site_url).netloc
    page.on("request", lambda r: foreign.append(f"{page.url} -> {r.url}")
            if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host else None)
    pages = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("index.html"))
    assert len(pages) > 20
    for path in pages:
        page.goto(site_url + path.removesuffix("index.html"), wait_until="load")
    page.wait_for_timeout(500)
    context.close()
    assert foreign == []
