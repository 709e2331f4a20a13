"""The Content-Security-Policy in Chromium: every kind of page runs under its policy, and what the policy blocks
is blocked and reported (the policy's text and the pages' markup are checked in tests/site/test_csp.py)."""
from __future__ import annotations

import re
from pathlib import Path
from conftest import serve, site_pages, world_readable_dir
from guide import csp


PAGE = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>T</title>\n{head}</head>\n'
        '<body>{body}</body>\n</html>\n')


def _script_sets(site: Path) -> list[str]:
    """One page for each distinct set of scripts the site's pages run (script files and inline hashes), so that
    every combination is loaded under its policy at least once."""
    chosen: dict[tuple, str] = {}
    for path in site_pages(site):
        text = path.read_text(encoding="utf-8")
        files = tuple(sorted(Path(src).name for src in re.findall(r'<script[^>]* src="([^"]+)"', text)))
        key = (files, "embed" in path.parts, path.name == "404.html")
        chosen.setdefault(key, path.relative_to(site).as_posix().removesuffix("index.html"))
    return sorted(chosen.values())


def test_every_kind_of_page_runs_under_its_policy(built_site, site_url, browser, csp_violations):
    pages = _script_sets(built_site)
    assert len(pages) >= 6
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    for path in pages:
        page.goto(site_url + path, wait_until="load")
    page.goto(site_url, wait_until="load")
    page.locator("[data-md-component=palette] label:visible").first.click()  # the theme's colour switch
    page.goto(site_url + "decision-trees/guide/", wait_until="load")
    page.keyboard.press("/")  # the theme's search runs in a worker, which the policy also governs
    page.keyboard.type("rag")
    page.locator(".md-search-result__item").first.wait_for()
    context.close()
    assert csp_violations == [] and errors == []


def test_a_script_address_planted_in_a_page_does_not_run(site_url, page, csp_violations):
    """What the policy is for: markup that slips past the checks (here a javascript: link and an inline script
    added to a real page) is refused, and the watcher that fails every browser test sees it."""
    page.goto(site_url + "faq/", wait_until="load")
    page.evaluate("""() => {
        const link = document.createElement("a");
        link.id = "planted"; link.href = "javascript:document.title='ran'"; link.textContent = "x";
        document.body.prepend(link);
        const script = document.createElement("script");
        script.textContent = "document.title = 'ran too'";
        document.body.append(script);
    }""")
    page.click("#planted")
    page.wait_for_timeout(300)
    assert page.title() not in {"ran", "ran too"}
    assert any("script-src" in v for v in csp_violations), csp_violations
    csp_violations.clear()


def test_the_watcher_sees_a_blocked_style_and_a_blocked_script(browser, csp_violations):
    folder = world_readable_dir("guide-csp-")
    (folder / "index.html").write_text(csp.with_policy(PAGE.format(
        head="<script>console.log('Hello, world.');</script>",
        body='<p style="color: red">styled</p><img src="https://example.invalid/x.png" alt="">')), encoding="utf-8")
    (folder / "index.html").write_text((folder / "index.html").read_text(encoding="utf-8").replace(
        "</body>", "<script>document.title = 'not hashed'</script></body>"), encoding="utf-8")
    url, server = serve(folder)
    try:
        page = browser.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_timeout(200)
        assert page.title() == "T"
        page.context.close()
    finally:
        server.shutdown()
    seen = " ".join(csp_violations)
    assert "script-src" in seen and "style-src" in seen and "img-src" in seen, csp_violations
    csp_violations.clear()

