"""The use-case list in Chromium: its filters, and the whole list without JavaScript (the text checks of the
content pages are in tests/site/test_content.py)."""
from __future__ import annotations

from conftest import real_model



MODEL = real_model()
def test_use_case_filters(page, site_url):
    page.goto(site_url + "use-cases/")
    rows = page.locator("#use-case-list tbody tr")
    total = rows.count()
    assert total == len(MODEL.items["use-cases"])
    page.select_option("select[data-filter=approach]", "rag")
    # The filter follows the guide's verdict, not the source's recommendation.
    expected = sum(1 for u in MODEL.items["use-cases"] if "rag" in MODEL.derived.verdicts[u["id"]]["approaches"])
    assert page.locator("#use-case-list tbody tr:not([hidden])").count() == expected
    assert page.locator(".guide-filter-count").text_content() == f"{expected} of {total} use cases shown"
    assert "approach=rag" in page.url
    page.reload()
    assert page.locator("select[data-filter=approach]").input_value() == "rag"
    assert page.locator("#use-case-list tbody tr:not([hidden])").count() == expected
    assert page.guide_errors == []


def test_use_case_list_is_complete_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "use-cases/")
    assert page.locator("#use-case-list tbody tr").count() == len(MODEL.items["use-cases"])
    assert not page.locator("#use-case-filters").is_visible()
    context.close()

