"""The 404 page in Chromium: styled, with working links, when a server sends it for a missing address at any
depth under the path the site is published at, as GitHub Pages, Netlify and nginx's error_page do."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
import pytest


UNDER = "/guide/"


class _SubPathWith404(http.server.SimpleHTTPRequestHandler):
    """Serves the site under UNDER, and 404.html with status 404 for anything missing."""
    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        inside = path[len(UNDER):] if path.startswith(UNDER) else "\0missing"
        return str(Path(self.directory) / inside)

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.is_file():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def sub_path_server(built_site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPathWith404, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.parametrize("missing", ["typo", "typo/", "approaches/no-such-approach/", "sources/gone/deeper"])
def test_404_page_is_styled_and_links_work_at_any_depth_under_a_sub_path(page, sub_path_server, missing):
    root = f"{sub_path_server}{UNDER}"
    failed: list[str] = []
    # Without site_url the browser's look-ahead may fetch a file from beside the missing address before the page's
    # script names the root; what counts is that nothing the page asks for at the right address is missing.
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.url.startswith(root + "assets/") else None)
    page.on("pageerror", lambda e: failed.append(f"page error: {e}"))
    response = page.goto(root + missing)
    assert response.status == 404
    page.wait_for_load_state("load")
    used = page.evaluate("[...document.styleSheets].map(s => s.href).concat([...document.scripts].map(s => s.src))"
                         ".filter(Boolean)")
    assert used and all(address.startswith(root + "assets/") for address in used), used
    # The theme's stylesheet applied: its header is fixed to the top and coloured.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") != "rgba(0, 0, 0, 0)"
    home = page.get_by_role("link", name="home page")
    assert home.evaluate("a => a.href") == root
    synthesis = page.locator(".md-nav--primary a.md-nav__link[href$='synthesis/']").first
    assert synthesis.evaluate("a => a.href") == root + "synthesis/"
    assert failed == []

