"""The browser context most tests share (conftest.py, `shared_context`): what one test's pages store, the next
test's pages do not find, and a page another fixture keeps open stays open."""
from __future__ import annotations

from conftest import forget, recording_page


def test_what_a_test_stored_is_gone_for_the_next(shared_context, site_url):
    kept = recording_page(shared_context)
    first = recording_page(shared_context)
    first.goto(site_url + "faq/")
    first.evaluate("""() => { localStorage.setItem('guide-test', '1'); sessionStorage.setItem('guide-test', '1');
                              document.cookie = 'guide-test=1; path=/'; }""")
    assert shared_context.cookies(), "the cookie was not set, so the test proves nothing"
    forget(shared_context, [first])
    assert first.is_closed() and not kept.is_closed()
    second = recording_page(shared_context)
    try:
        second.goto(site_url + "faq/")
        assert second.evaluate("[localStorage.getItem('guide-test'), sessionStorage.getItem('guide-test'), "
                               "document.cookie]") == [None, None, ""]
        assert shared_context.cookies() == []
    finally:
        forget(shared_context, [second, kept])
