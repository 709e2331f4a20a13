"""Offline use in Chromium: the offline edition (`make offline`, the `offline_site` fixture) works from disk:
navigation, search, the decision tree and every tool, with no console error (that no page of the served site asks
another host for anything: the walk of every page in tests/quality/test_axe.py)."""
from __future__ import annotations

from urllib.parse import urlparse
from conftest import real_model
from playwright.sync_api import expect


MODEL = real_model()


GUIDE = next(t for t in MODEL.items["decision-trees"] if t["id"] == "guide")


def _watch(page):
    """The page's errors, to which every failed request is added."""
    problems = page.guide_errors
    # A load cut short because the reader moved on (net::ERR_ABORTED) is no fault; a missing file is.
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url} {r.failure}")
            if r.failure != "net::ERR_ABORTED" else None)
    return problems


def _is_a_guide_page(page):
    expect(page.locator("article.md-content__inner h1").first).to_be_visible()
    assert urlparse(page.url).path.endswith(".html"), page.url


def test_from_disk_home_to_tree_to_outcome_and_on(page, offline_site):
    problems = _watch(page)
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
    assert problems == [], problems


def test_from_disk_search_finds_pages(page, offline_site):
    problems = _watch(page)
    page.goto((offline_site / "index.html").as_uri())
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("retrieval")  # typed, as the theme searches on key presses
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=10000)
    assert results.count() > 3
    results.first.locator("a").first.click()
    _is_a_guide_page(page)
    assert problems == []


def test_from_disk_every_tool_works(page, offline_site):
    problems = _watch(page)
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
    assert problems == []

