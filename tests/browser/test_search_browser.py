"""Search on a served page (content/assets/search-on-demand.js): a page view does not ask for the search index; the
reader's first move towards search does, and search then finds pages. Search from disk is in test_offline_browser.py."""
from __future__ import annotations

import pytest

INDEX = "search/search_index.json"
FIELD = "input.md-search__input"


def _press_tab_until_the_field_has_focus(page):
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({FIELD!r})"):
            return
    pytest.fail("Tab never reached the search field")


WAYS = {  # how a reader reaches for search: (viewport width, what they do)
    "pointer on the field": (1280, lambda page: page.hover(".md-search__form")),
    "click in the field": (1280, lambda page: page.click(FIELD)),
    "keyboard shortcut": (1280, lambda page: page.keyboard.press("/")),
    "tab to the field": (1280, _press_tab_until_the_field_has_focus),
    "search button on a phone": (375, lambda page: page.click("label.md-header__button[for=__search]")),
}


@pytest.mark.parametrize("way", WAYS)
def test_the_index_is_asked_for_when_the_reader_reaches_for_search(site_url, page, way):
    width, reach = WAYS[way]
    page.set_viewport_size({"width": width, "height": 800})
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url) if request.url.endswith(INDEX) else None)
    page.goto(site_url + "approaches/", wait_until="networkidle")
    assert asked == [], "the page asked for the search index before the reader reached for search"
    with page.expect_request(lambda request: request.url.endswith(INDEX), timeout=5000):
        reach(page)
    page.focus(FIELD)  # pointing at the box does not focus the field; every other way already has
    page.keyboard.type("retrieval")  # typed at once, whether or not the index has arrived
    results = page.locator(".md-search-result__item a")
    results.first.wait_for()
    assert results.count() > 0 and all(href.startswith(site_url) for href in
                                       results.evaluate_all("links => links.map(link => link.href)"))
    assert len(asked) == 1 and page.guide_errors == []
