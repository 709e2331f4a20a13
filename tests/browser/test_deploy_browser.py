"""Deploying, in Chromium: the headers docs/deploy.md gives let a wiki frame the embeds and nothing else, and the
browser resolves no other host (the fork build and the workflows are checked in tests/repo/test_deploy.py)."""
from __future__ import annotations

import re
import pytest
from conftest import ROOT, serve, world_readable_dir


WIKIS = "https://*.atlassian.net https://*.notion.site https://*.sharepoint.com"


def documented_headers() -> list[tuple[str, dict[str, str]]]:
    """The rules of the `_headers` file in docs/deploy.md: (path pattern, headers), in order."""
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    block = re.search(r"^\*\*Netlify and Cloudflare Pages\*\*.*?^```text\n(.*?)^```", text, re.M | re.S)
    assert block, "docs/deploy.md has a _headers example for Netlify and Cloudflare Pages"
    rules: list[tuple[str, dict[str, str]]] = []
    for line in block.group(1).splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.strip():
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def headers_for(rules, path: str) -> dict[str, str]:
    """What a host sends for `path`: the headers of every rule that matches it (the rules set different headers,
    so how a host merges them does not matter; the test below checks that)."""
    sent: dict[str, str] = {}
    for pattern, headers in rules:
        if path == pattern or (pattern.endswith("*") and path.startswith(pattern[:-1])):
            assert not set(sent) & set(headers), f"two rules for {path} set {set(sent) & set(headers)}"
            sent.update(headers)
    return sent


def test_documented_headers_let_a_wiki_frame_the_embeds_and_nothing_else(built_site, browser, csp_violations):
    rules = documented_headers()
    assert [pattern for pattern, _ in rules] == ["/*", "/embed/*"]
    host_dir = world_readable_dir("guide-wiki-")
    host_url, host = serve(host_dir)
    wiki = host_url.rstrip("/")
    # As documented, with the example wiki hosts replaced by the test's own "wiki" on another origin.
    local = [(p, {k: v.replace(WIKIS, wiki) for k, v in h.items()}) for p, h in rules]
    assert any(wiki in v for _, h in local for v in h.values()), "the embed rule names the wiki hosts"
    site_url, site = serve(built_site, lambda path: headers_for(local, path))
    (host_dir / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wiki</title></head><body>'
        f'<iframe id="embed" src="{site_url}embed/synthesis/" title="Embed"></iframe>'
        f'<iframe id="page" src="{site_url}synthesis/" title="Page"></iframe></body></html>', encoding="utf-8")
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(host_url, wait_until="load")
        embed = page.frame_locator("#embed")
        embed.locator("h1").wait_for()
        assert embed.locator("h1").inner_text() == "Synthesis matrix"
        page.wait_for_timeout(300)
        blocked = page.locator("#page").element_handle().content_frame()
        assert blocked.locator(".md-content").count() == 0, "a page outside embed/ is not shown in another site's frame"
        context.close()
    finally:
        site.shutdown()
        host.shutdown()
    # The refusal of the framed page is the one report; the embed broke no policy.
    assert len(csp_violations) >= 1 and all("X-Frame-Options" in v for v in csp_violations), csp_violations
    csp_violations.clear()


def test_the_browser_resolves_no_other_host(browser, csp_violations):
    context = browser.new_context()
    page = context.new_page()
    with pytest.raises(Exception, match="ERR_NAME_NOT_RESOLVED"):
        page.goto("https://example.com/", timeout=10000)
    context.close()

