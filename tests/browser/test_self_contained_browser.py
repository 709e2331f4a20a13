"""Quality gate in Chromium: the key pages, running, request nothing from another host, and the watcher that says
so catches a request that does (the markup of every page is checked in tests/site/test_self_contained.py)."""
from __future__ import annotations

from pathlib import Path
from conftest import serve


def key_pages(site: Path) -> list[str]:
    """Home, the first decision tree, the synthesis, the first approach and the use-case index, as site paths."""
    def first(section: str) -> str:
        items = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / section).glob("*/index.html"))
        assert items, f"no page under {section}/ in the built site"
        return items[0]
    return ["", first("decision-trees"), "synthesis/", first("approaches"), "use-cases/"]


def remote_requests(browser, base_url: str, paths: list[str]) -> list[str]:
    """The requests to other hosts that the pages at `paths` make once loaded and idle (all refused)."""
    context = browser.new_context()
    remote: list[str] = []

    def refuse(route):
        # Nothing may leave the machine: a request to another host is recorded and refused.
        remote.append(f"{route.request.frame.url}: {route.request.resource_type} {route.request.url}")
        route.abort()

    context.route(lambda url: not url.startswith(base_url), refuse)
    page = context.new_page()
    try:
        for path in paths:
            page.goto(base_url + path, wait_until="networkidle")
    finally:
        context.close()
    return remote


def test_a_script_request_to_another_host_is_caught(browser, tmp_path):
    """The gate itself works: a page whose script fetches from another host fails it."""
    (tmp_path / "index.html").write_text('<!doctype html><title>t</title>'
                                         '<script>fetch("https://api.example/facts").catch(() => {})</script>')
    url, server = serve(tmp_path)
    try:
        assert [r.split(": ", 1)[1] for r in remote_requests(browser, url, [""])] == ["fetch https://api.example/facts"]
    finally:
        server.shutdown()


def test_key_pages_request_nothing_from_another_host_when_they_run(built_site, site_url, browser):
    """The scripts too: every request a key page makes, once loaded and idle, goes to the local server."""
    remote = remote_requests(browser, site_url, key_pages(built_site))
    assert not remote, "Pages requested files from other hosts:\n" + "\n".join(remote)

