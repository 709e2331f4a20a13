"""The home page in Chromium: the first question above the fold on a phone, answering in place, a shared address,
no JavaScript, file://, and axe-core in both schemes with the tree answered. Expected texts come from the data;
the generated page itself is checked in tests/site/test_home.py."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from conftest import real_model
from accessibility import RUN, SCHEMES, axe_script, describe
from guide import tree_view


MODEL = real_model()
MAIN = next(t for t in MODEL.items["decision-trees"] if "source" not in t)  # the guide's own tree
TREE = tree_view.payload(MODEL, MAIN)
FIRST = TREE["questions"][TREE["start"]]
PHONE = {"width": 390, "height": 844}


def next_title(answers: list[str]) -> str:
    """The heading the widget shows after these answers: the next question's text or the recommendation's title."""
    node = TREE["start"]
    for answer in answers:
        node = next(o["next"] for o in TREE["questions"][node]["options"] if o["id"] == answer)
    return TREE["questions"][node]["text"] if node in TREE["questions"] else TREE["outcomes"][node]["title"]


def test_first_question_and_its_answers_are_above_the_fold_on_a_phone(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    expect(page.locator(".dt-widget .dt-heading")).to_have_text(FIRST["text"])
    assert page.evaluate("window.scrollY") == 0
    for part in [page.locator(".dt-widget .dt-heading"), *page.locator(".dt-option").all()]:
        box = part.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], \
            f"{part.text_content()!r} is not wholly in the first {PHONE['height']}px: {box}"
    assert page.locator(".dt-option").count() == len(FIRST["options"])


def test_answering_on_the_home_page_reaches_the_next_question_in_place(page, site_url):
    page.goto(site_url)
    option = FIRST["options"][0]
    page.locator(".dt-options").get_by_role("button", name=option["label"], exact=True).click()
    expect(page.locator(".dt-widget .dt-heading")).to_have_text(next_title([option["id"]]))
    assert page.url == f"{site_url}#{TREE['hash_prefix']}{option['id']}"
    expect(page.locator(".dt-widget .dt-heading")).to_be_focused()
    page.go_back()
    expect(page.locator(".dt-widget .dt-heading")).to_have_text(FIRST["text"])
    assert not page.guide_errors, page.guide_errors


@pytest.mark.parametrize("example", TREE["examples"][:3], ids=lambda e: e["name"][:40])
def test_a_shared_address_opens_the_same_step_on_the_home_page_and_the_tree_page(page, site_url, example):
    answers = example["answers"][:2]
    fragment = f"#{TREE['hash_prefix']}{'/'.join(answers)}"
    for address in (site_url, f"{site_url}decision-trees/{MAIN['id']}/"):
        page.goto(address + fragment)
        expect(page.locator(".dt-widget .dt-heading")).to_have_text(next_title(answers))
        expect(page.locator(".dt-trail li")).to_have_count(len(answers))
    page.goto(site_url + f"#{TREE['hash_prefix']}{'/'.join(example['answers'])}")
    expect(page.locator(".dt-widget .dt-heading")).to_have_text(TREE["outcomes"][example["outcome"]]["title"])
    assert not page.guide_errors, page.guide_errors


def test_from_disk_the_home_page_answers_in_place(page, built_site):
    page.goto((built_site / "index.html").as_uri())
    option = FIRST["options"][-1]
    page.locator(".dt-options").get_by_role("button", name=option["label"], exact=True).click()
    expect(page.locator(".dt-widget .dt-heading")).to_have_text(next_title([option["id"]]))
    assert page.url.endswith(f"index.html#{TREE['hash_prefix']}{option['id']}")


def test_without_javascript_the_first_question_is_links(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url)
        expect(page.locator(".dt-fallback")).to_be_visible()
        expect(page.locator(".dt-widget")).to_be_hidden()
        expect(page.locator(".dt-fallback a")).to_have_count(len(FIRST["options"]))
    finally:
        context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_home_page_passes_axe_with_a_question_answered(browser, site_url, scheme):
    """The home page's tree after one answer, in both widths (the page as it opens, with the first question, is
    checked by the accessibility gate, tests/quality/test_axe.py, in both schemes and widths)."""
    answers = [FIRST["options"][0]["id"]]
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(site_url + f"#{TREE['hash_prefix']}{'/'.join(answers)}")
        expect(page.locator(".dt-widget .dt-heading")).to_have_text(next_title(answers))
        assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
        page.evaluate(axe_script())
        for width in (PHONE["width"], 1280):
            page.set_viewport_size({"width": width, "height": PHONE["height"]})
            violations = page.evaluate(RUN)
            assert not violations, f"axe-core, {scheme} scheme at {width}px:\n{describe(violations)}"
    finally:
        context.close()

