"""Readers' paths walked in Chromium as a reader would: the tree on a 390x844 phone, a shared link to a
recommendation, Back that means back, answers inside an embed, the whole-tree diagram and the synthesis matrix
on a phone and a desktop; and the main pages at both widths, none scrolling sideways, with screenshots of them
written to test-output/ when SCREENSHOTS=1 is set.

Uses the conftest fixtures `site_url`, `browser`; every path through a tree is found from the data (the model's
tree payload), never written out, so the tests follow the trees as they change. Weighing with RAG-favouring
weights is walked in tests/browser/test_tools.py.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import real_model
from playwright.sync_api import expect

from guide import tree_view

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
MODEL = real_model()
GUIDE = tree_view.payload(MODEL, MODEL.by_id["decision-trees"]["guide"])
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
HEADER = 48   # mkdocs-material's sticky header, 2.4rem at 20px


def most_questions(tree: dict, node: str) -> int:
    """Questions on the longest way from `node` to a recommendation, `node` included."""
    if node not in tree["questions"]:
        return 0
    return 1 + max(most_questions(tree, o["next"]) for o in tree["questions"][node]["options"])


def longest_path(tree: dict) -> list[str]:
    """The answers along a longest path from the start to a recommendation."""
    node, answers = tree["start"], []
    while node in tree["questions"]:
        option = max(tree["questions"][node]["options"], key=lambda o: most_questions(tree, o["next"]))
        answers.append(option["id"])
        node = option["next"]
    return answers


def end_of(tree: dict, answers: list[str]) -> list[str]:
    """The nodes visited along `answers`, the start first."""
    nodes = [tree["start"]]
    for answer in answers:
        nodes.append(next(o["next"] for o in tree["questions"][nodes[-1]]["options"] if o["id"] == answer))
    return nodes


def option_label(tree: dict, question: str, answer: str) -> str:
    return next(o["label"] for o in tree["questions"][question]["options"] if o["id"] == answer)


def title(tree: dict, node: str) -> str:
    return tree["questions"][node]["text"] if node in tree["questions"] else tree["outcomes"][node]["title"]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, device_scale_factor=1)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.guide_errors = errors
    yield page
    context.close()


def overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def heading(page):
    return page.locator(".dt-widget .dt-heading")


# ---------------------------------------------------------------- the tree on a phone

TREES = {t["id"]: tree_view.payload(MODEL, t) for t in MODEL.items["decision-trees"]}


@pytest.mark.parametrize("tree_id", list(TREES), ids=[f"data/decision-trees/{t}.yml" for t in TREES])
def test_on_a_phone_the_first_question_and_its_answers_show_without_scrolling(phone, site_url, tree_id):
    phone.goto(f"{site_url}decision-trees/{tree_id}/")
    first = TREES[tree_id]["questions"][TREES[tree_id]["start"]]
    expect(heading(phone)).to_have_text(first["text"])
    buttons = phone.locator(".dt-widget .dt-option")
    expect(buttons).to_have_count(len(first["options"]))
    for box in [heading(phone).bounding_box()] + [b.bounding_box() for b in buttons.all()]:
        assert box["y"] >= HEADER and box["y"] + box["height"] <= PHONE["height"], "above the fold, below the header"
    assert overflow(phone) == 0


def test_on_a_phone_a_walk_shows_the_steps_taken_and_the_most_to_come(phone, site_url):
    answers = longest_path(GUIDE)
    nodes = end_of(GUIDE, answers)
    phone.goto(f"{site_url}decision-trees/guide/")
    for number, (question, answer) in enumerate(zip(nodes, answers), start=1):
        expect(heading(phone)).to_have_text(title(GUIDE, question))
        total = number - 1 + most_questions(GUIDE, question)
        text = f"Question {number}, the last" if total == number else f"Question {number} of at most {total}"
        expect(phone.locator(".dt-widget .dt-progress")).to_have_text(text)
        expect(phone.locator(".dt-live")).to_have_text(f"{text}: {title(GUIDE, question)}")   # said to screen readers too
        steps = phone.locator(".dt-widget .dt-steps > span")
        expect(steps).to_have_count(total)
        expect(phone.locator(".dt-widget .dt-steps > .dt-step-done")).to_have_count(number - 1)
        phone.locator(".dt-options").get_by_role("button", name=option_label(GUIDE, question, answer), exact=True).tap()
        expect(heading(phone)).to_be_focused()
        assert overflow(phone) == 0
    expect(heading(phone)).to_have_text(title(GUIDE, nodes[-1]))
    expect(phone.locator(".dt-widget .dt-progress")).to_have_text(f"Recommendation, after {len(answers)} answers")
    assert phone.guide_errors == []


@pytest.mark.parametrize("outcome", list(GUIDE["outcomes"])[:1] + [GUIDE["examples"][-1]["outcome"]])
def test_a_shared_link_to_a_recommendation_opens_at_it(phone, site_url, outcome):
    example = next((e for e in GUIDE["examples"] if e["outcome"] == outcome), None)
    answers = example["answers"] if example else None
    if answers is None:  # no worked example ends there: find a path from the tree itself
        def search(node, path):
            if node == outcome:
                return path
            for o in GUIDE["questions"].get(node, {"options": []})["options"]:
                found = search(o["next"], path + [o["id"]])
                if found is not None:
                    return found
            return None
        answers = search(GUIDE["start"], [])
    phone.goto(f"{site_url}decision-trees/guide/#answers={'/'.join(answers)}")
    expect(heading(phone)).to_have_text(GUIDE["outcomes"][outcome]["title"])
    expect(heading(phone)).to_be_focused()
    box = heading(phone).bounding_box()
    assert HEADER <= box["y"] < PHONE["height"] / 2, f"the recommendation's heading should open near the top, not at {box['y']}"
    assert phone.evaluate("window.scrollY") > 0


# ---------------------------------------------------------------- Back that means back

def test_the_trees_back_does_not_leave_the_recommendation_in_the_way(page, site_url):
    answers = longest_path(GUIDE)
    nodes = end_of(GUIDE, answers)
    page.goto(f"{site_url}decision-trees/guide/")
    for question, answer in zip(nodes, answers):
        page.locator(".dt-options").get_by_role("button", name=option_label(GUIDE, question, answer), exact=True).click()
    expect(heading(page)).to_have_text(title(GUIDE, nodes[-1]))
    length = page.evaluate("history.length")
    page.get_by_role("button", name="Back", exact=True).click()
    expect(heading(page)).to_have_text(title(GUIDE, nodes[-2]))
    assert page.evaluate("history.length") == length, "the tree's Back must not add a history entry"
    page.go_back()   # the browser's Back goes on backwards, to the question before, not to the recommendation
    expect(heading(page)).to_have_text(title(GUIDE, nodes[-3]))
    assert page.evaluate("location.hash") == "#answers=" + "/".join(answers[:-2])


def test_back_after_opening_a_shared_link_replaces_instead_of_leaving_the_page(page, site_url):
    answers = longest_path(GUIDE)
    nodes = end_of(GUIDE, answers)
    page.goto(f"{site_url}decision-trees/guide/#answers={'/'.join(answers)}")
    length = page.evaluate("history.length")
    page.get_by_role("button", name="Back", exact=True).click()
    expect(heading(page)).to_have_text(title(GUIDE, nodes[-2]))
    assert page.evaluate("history.length") == length
    assert page.evaluate("location.hash") == "#answers=" + "/".join(answers[:-1])


# ---------------------------------------------------------------- answers inside an embed

@pytest.mark.parametrize("path", ["embed/decision-trees/guide/", "decision-trees/guide/"], ids=["embed page", "full page"])
def test_answers_in_a_frame_do_not_grow_the_hosts_history(page, site_url, path):
    page.goto(f"{site_url}404.html")   # any page of the same server as a host; its history is what a wiki keeps
    page.evaluate("""(src) => { const f = document.createElement('iframe'); f.title = 'tree'; f.src = src;
                                f.width = 600; f.height = 900; document.body.appendChild(f); }""", site_url + path)
    frame = page.frame_locator("iframe")
    expect(frame.locator(".dt-heading")).to_have_text(title(GUIDE, GUIDE["start"]))
    before = page.evaluate("history.length")
    answers = longest_path(GUIDE)
    nodes = end_of(GUIDE, answers)
    for question, answer in zip(nodes, answers):
        frame.locator(".dt-options").get_by_role("button", name=option_label(GUIDE, question, answer), exact=True).click()
        expect(frame.locator(".dt-heading")).to_have_text(title(GUIDE, nodes[nodes.index(question) + 1]))
    assert page.evaluate("history.length") == before, "each answer in a frame replaced the address instead of adding to history"
    frame.get_by_role("button", name="Back", exact=True).click()
    expect(frame.locator(".dt-heading")).to_have_text(title(GUIDE, nodes[-2]))
    frame.get_by_role("button", name="Start again", exact=True).click()
    expect(frame.locator(".dt-heading")).to_have_text(title(GUIDE, GUIDE["start"]))
    assert page.evaluate("history.length") == before


# ---------------------------------------------------------------- the whole-tree diagram

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_diagram_fits_the_column_with_every_box_whole_and_linked(page, site_url, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{site_url}decision-trees/guide/")
    figure = page.locator(".dt-diagram")
    expect(figure).to_be_visible()
    assert overflow(page) == 0
    fits = figure.evaluate("""(fig) => {
        const right = fig.getBoundingClientRect().right + 0.5;
        return [...fig.querySelectorAll('a')].filter((a) => a.getBoundingClientRect().right > right
                                                   || a.scrollWidth > a.clientWidth + 1).map((a) => a.textContent);
    }""")
    assert fits == [], f"boxes running past the column or cut: {fits}"
    outcomes = figure.locator("a.dt-map-outcome")
    titles = {t.removeprefix("Recommendation: ") for t in outcomes.all_text_contents()}
    assert titles == {o["title"] for o in GUIDE["outcomes"].values()}, "every recommendation shown whole"
    # A box opens its entry in the outline, which the script shows for it.
    target = list(GUIDE["outcomes"])[0]
    figure.locator(f"a.dt-map-outcome[href='#{tree_view.anchor('guide', target)}']").first.click()
    expect(page.locator(f"#{tree_view.anchor('guide', target)}")).to_be_in_viewport()


# ---------------------------------------------------------------- the synthesis matrix

def test_the_synthesis_matrix_takes_the_room_it_needs_and_keeps_its_header_in_view(page, site_url):
    page.set_viewport_size(DESKTOP)
    page.goto(f"{site_url}synthesis/")
    expect(page.locator(".md-sidebar--secondary")).to_be_hidden()
    table = page.locator("table.guide-synthesis")
    assert table.bounding_box()["width"] >= 900, "the matrix gets the contents sidebar's room as well"
    assert overflow(page) == 0
    last = table.locator("tbody tr").last
    last.scroll_into_view_if_needed()
    header = table.locator("thead th").first.bounding_box()
    assert HEADER - 1 <= header["y"] <= HEADER + 1, f"the header row should stick below the site's header, not at {header['y']}"


@pytest.mark.parametrize("compare", ["", "#compare=prompt-engineering,rag"], ids=["all", "two"])
def test_the_synthesis_matrix_reads_on_a_phone(phone, site_url, compare):
    phone.goto(f"{site_url}synthesis/{compare}")
    expect(phone.locator("#compare-pick")).to_be_visible()
    assert overflow(phone) == 0, "no sideways scrolling on a phone"
    row = phone.locator("table.guide-synthesis tbody tr").first
    cells = row.locator("td:visible")
    labels = cells.evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
    names = [f'"{MODEL.by_id["approaches"][td]["short_name"]}"'
             for td in cells.evaluate_all("tds => tds.map(td => td.dataset.approach)")]
    assert labels == names, "each cell says which approach it is about"
    assert len(names) == (2 if compare else 3)
    width = row.bounding_box()["width"]
    assert all(c.bounding_box()["width"] >= width - 4 for c in cells.all()), "one approach under the other, full width"


# ---------------------------------------------------------------- screenshots for review

SHOTS = {
    "home": ("", None),
    "tree": ("decision-trees/guide/", None),
    "outcome": ("decision-trees/guide/#answers=" + "/".join(longest_path(GUIDE)), None),
    "synthesis": ("synthesis/", None),
    "diagram": ("decision-trees/guide/", ".dt-diagram"),
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_main_pages_fit_and_screenshots_of_them(browser, site_url, viewport):
    """The main pages, a recommendation and the diagram fit the width; with SCREENSHOTS=1 (for a person to look at
    after a change to templates or CSS) each is also saved as a PNG."""
    shoot = bool(os.environ.get("SCREENSHOTS"))
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    loaded: set[str] = set()
    for name, (path, element) in SHOTS.items():
        if path in loaded and not shoot:
            continue  # an element of a page already checked, there only to be photographed
        loaded.add(path)
        page.goto("about:blank")   # a fresh load each time, not a change of address within the page
        page.goto(site_url + path)
        page.wait_for_load_state("load")
        assert overflow(page) == 0, f"{name} scrolls sideways at {viewport['width']} px"
        if shoot:
            OUTPUT.mkdir(exist_ok=True)
            target = OUTPUT / f"{name}-{viewport['width']}.png"
            (page.locator(element) if element else page).screenshot(path=str(target))
            assert target.stat().st_size > 5_000, f"{target.name} looks empty"
    context.close()
