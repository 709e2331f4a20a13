"""Offline use: no page of the served site asks another host for anything, and the offline edition (`make offline`)
works from disk in Chromium: navigation, search, the decision tree and every tool, with no console error.

The offline edition is built once per run into a temporary folder with OFFLINE=true, as `make offline` does.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, recording_page, world_readable_dir
from playwright.sync_api import expect

from guide import addresses, pipeline, render

MODEL = pipeline.load_model(ROOT / "data")
GUIDE = next(t for t in MODEL.items["decision-trees"] if t["id"] == "guide")


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


# ---------------------------------------------------------------- the offline edition, opened from disk

@pytest.fixture(scope="session")
def offline_site() -> Path:
    """The offline edition, built as `make offline` builds it (OFFLINE=true turns on the offline plugin)."""
    site = world_readable_dir("guide-offline-") / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", OFFLINE="true")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)],
                            capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, f"the offline build failed:\n{result.stdout}\n{result.stderr}"
    return site


@pytest.mark.parametrize("page_src, target, directory, by_file", [
    ("approaches/rag.md", "synthesis.md", "../../synthesis/", "../synthesis.html"),
    ("approaches/rag.md", "approaches/index.md", "../", "index.html"),
    ("index.md", "decision-trees/guide.md", "decision-trees/guide/", "decision-trees/guide.html"),
    ("decision-trees/guide.md", "index.md", "../../", "../index.html"),
    ("embed/synthesis/index.md", "sources/openai.md#x", "../../sources/openai/#x", "../../sources/openai.html#x"),
])
def test_links_in_templates_follow_the_url_style(page_src, target, directory, by_file):
    """The addresses our templates write into HTML, with directory URLs and in the offline edition."""
    assert addresses.relative_url(page_src, target) == directory
    with addresses.addressing(False):
        assert addresses.relative_url(page_src, target) == by_file
        assert addresses.url_of(target) == target.replace(".md", ".html")
    assert addresses.relative_url(page_src, target) == directory


def test_assets_follow_the_url_style():
    with addresses.addressing(False):
        assert render.asset({"page_src": "approaches/rag.md"}, "assets/x.js") == "../assets/x.js"
        assert render.asset({"page_src": "index.md"}, "assets/x.js") == "assets/x.js"
    assert render.asset({"page_src": "approaches/rag.md"}, "assets/x.js") == "../../assets/x.js"


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def test_make_offline_builds_the_offline_edition():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^offline:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target, "the Makefile has an `offline` target"
    assert "OFFLINE=true" in target.group(1) and "mkdocs build" in target.group(1)


def test_every_address_in_the_offline_edition_names_a_file(offline_site):
    """From disk a folder opens as a directory listing, so every link, script and style names a file that exists."""
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 50
    bad: list[str] = []
    for page in pages:
        parser = _Addresses()
        parser.feed(page.read_text(encoding="utf-8"))
        for address in parser.found:
            parsed = urlparse(address)
            if parsed.scheme or parsed.netloc or address.startswith("#") or not parsed.path:
                continue
            target = (page.parent / unquote(parsed.path)).resolve()
            if not target.is_file() or offline_site.resolve() not in target.parents:
                bad.append(f"{page.relative_to(offline_site)}: {address}")
    assert bad == [], f"{len(bad)} addresses name no file, e.g. {bad[:10]}"


def test_the_offline_edition_searches_from_a_script(offline_site):
    index = offline_site / "search" / "search_index.js"
    assert index.is_file() and index.read_text(encoding="utf-8").startswith("var __index = {")
    assert 'src="assets/iframe-worker.js"' in (offline_site / "index.html").read_text(encoding="utf-8")


def _open(browser):
    context, page = recording_page(browser)
    problems = page.guide_errors
    # A load cut short because the reader moved on (net::ERR_ABORTED) is no fault; a missing file is.
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED" else None)
    return context, page, problems


def _is_a_guide_page(page):
    expect(page.locator("article.md-content__inner h1").first).to_be_visible()
    assert urlparse(page.url).path.endswith(".html"), page.url


@pytest.mark.browser
def test_from_disk_home_to_tree_to_outcome_and_on(browser, offline_site):
    context, page, problems = _open(browser)
    page.goto((offline_site / "index.html").as_uri())
    page.locator("article a[href$='decision-trees/index.html']").first.click()
    _is_a_guide_page(page)
    page.locator("article a[href$='guide.html']").first.click()
    _is_a_guide_page(page)
    expect(page.locator(".dt-widget")).to_be_visible()
    questions = {q["id"]: q for q in GUIDE["questions"]}
    example = GUIDE["examples"][0]
    node = GUIDE["start"]
    for answer in example["answers"]:
        option = next(o for o in questions[node]["options"] if o["id"] == answer)
        page.locator(".dt-options").get_by_role("button", name=option["label"], exact=True).click()
        node = option["next"]
    outcome = next(o for o in GUIDE["outcomes"] if o["id"] == example["outcome"])
    expect(page.locator(".dt-widget .dt-heading")).to_have_text(outcome["title"])
    approach = page.locator(".dt-widget .dt-approaches a").first
    expected = approach.text_content()
    approach.click()
    _is_a_guide_page(page)
    expect(page.locator("article h1").first).to_contain_text(expected)
    # Links in the navigation: a page, then a section's index page, which from disk must not be a folder.
    page.locator(".md-nav--primary a.md-nav__link[href$='synthesis.html']").first.click()
    _is_a_guide_page(page)
    assert page.url.endswith("/synthesis.html")
    page.locator(".md-nav--primary a.md-nav__link[href$='glossary/index.html']").first.click()
    _is_a_guide_page(page)
    assert page.url.endswith("/glossary/index.html")
    context.close()
    assert problems == [], problems


@pytest.mark.browser
def test_from_disk_search_finds_pages(browser, offline_site):
    context, page, problems = _open(browser)
    page.goto((offline_site / "index.html").as_uri())
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("retrieval")  # typed, as the theme searches on key presses
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10000)
    assert results.count() > 3
    results.first.locator("a").first.click()
    _is_a_guide_page(page)
    context.close()
    assert problems == []


@pytest.mark.browser
def test_from_disk_every_tool_works(browser, offline_site):
    context, page, problems = _open(browser)
    page.goto((offline_site / "weigh.html").as_uri())
    expect(page.locator("#weigh-tool")).to_be_visible()
    expect(page.locator("#weigh-ranking li").first).to_be_visible()
    page.locator("#weigh-tool input[type=range]").first.focus()
    page.keyboard.press("End")
    assert page.evaluate("location.hash").startswith("#w=")

    page.goto((offline_site / "break-even.html").as_uri())
    page.get_by_label("Value of a correct answer").fill("10")
    page.get_by_label("Cost of a wrong answer").fill("40")
    expect(page.locator("#be-result")).to_contain_text("80.0%")

    page.goto((offline_site / "synthesis.html").as_uri())
    picker = page.locator("#compare-pick")
    expect(picker).to_be_visible()
    approaches = MODEL.items["approaches"]
    for approach in approaches[2:]:
        picker.locator(f"input[value='{approach['id']}']").uncheck()
    expect(page.locator("#compare-status")).to_have_text(f"Showing 2 of {len(approaches)} approaches.")
    context.close()
    assert problems == []
