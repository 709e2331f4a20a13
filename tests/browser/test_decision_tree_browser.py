"""The decision tree widget in Chromium: worked examples clicked through, shared links, back and restart, the
keyboard, a malformed address, no JavaScript, file://, an iframe, a small screen and dark mode.

Uses the conftest fixtures `built_site`, `site_url`, `browser` and `page`; the expected texts come from the data.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import forget, real_model, recording_page
from playwright.sync_api import expect

from guide import tree_view

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
TREES = {t["id"]: tree_view.payload(MODEL, t) for t in MODEL.items["decision-trees"]}
EXAMPLES = [(tree_id, example) for tree_id, tree in TREES.items() for example in tree["examples"]]
GUIDE = TREES["guide"]
NOTICE = "That link does not match this tree's questions, so the tree starts again from the first question."


def open_tree(page, site_url: str, tree_id: str = "guide", fragment: str = ""):
    page.goto(f"{site_url}decision-trees/{tree_id}/{fragment}")
    expect(page.locator(".dt-widget")).to_be_visible()
    return page


def heading(page):
    return page.locator(".dt-widget .dt-heading")


def node_title(tree: dict, node_id: str) -> str:
    return tree["questions"][node_id]["text"] if node_id in tree["questions"] else tree["outcomes"][node_id]["title"]


def walk(tree: dict, answers: list[str]) -> list[str]:
    """The node ids visited from the start."""
    nodes = [tree["start"]]
    for answer in answers:
        options = {o["id"]: o for o in tree["questions"][nodes[-1]]["options"]}
        nodes.append(options[answer]["next"])
    return nodes


def label(tree: dict, question: str, answer: str) -> str:
    return next(o["label"] for o in tree["questions"][question]["options"] if o["id"] == answer)


@pytest.fixture(scope="module")
def tree_page(shared_context, site_url):
    """The page of a tree, opened once per tree and module and brought back to its first question with the
    widget's own "Start again" between worked examples, as a reader trying one case after another would."""
    page = recording_page(shared_context)
    shown: dict[str, bool] = {}

    def at_start(tree_id: str):
        if page.url.split("#")[0] != f"{site_url}decision-trees/{tree_id}/" or tree_id not in shown:
            open_tree(page, site_url, tree_id)
            shown[tree_id] = True
        elif page.evaluate("location.hash") not in ("", "#answers="):
            page.locator(".dt-widget .dt-restart").click()
        expect(heading(page)).to_have_text(node_title(TREES[tree_id], TREES[tree_id]["start"]))
        assert page.evaluate("location.hash") in ("", "#answers=")
        page.guide_errors.clear()
        return page

    yield at_start
    forget(shared_context, [page])


@pytest.mark.parametrize("tree_id, example", EXAMPLES,
                         ids=[f"data/decision-trees/{t}.yml:{e['name'][:40]}" for t, e in EXAMPLES])
def test_worked_example_clicked_through_to_its_outcome(tree_page, site_url, tree_id, example):
    tree = TREES[tree_id]
    page = tree_page(tree_id)
    nodes = walk(tree, example["answers"])
    for question, answer in zip(nodes, example["answers"]):
        expect(heading(page)).to_have_text(node_title(tree, question))
        page.locator(".dt-options").get_by_role("button", name=label(tree, question, answer), exact=True).click()
    outcome = tree["outcomes"][example["outcome"]]
    expect(heading(page)).to_have_text(outcome["title"])
    assert page.evaluate("location.hash") == "#answers=" + "/".join(example["answers"])
    why = page.locator(".dt-step ol").first.locator(":scope > li")
    expect(why).to_have_count(len(example["answers"]))
    for item, question, answer in zip(why.all(), nodes, example["answers"]):
        expect(item).to_contain_text(tree["questions"][question]["text"])
        expect(item).to_contain_text("You answered: " + label(tree, question, answer))
    expect(page.locator(".dt-widget .dt-approaches a")).to_have_text([a["name"] for a in outcome["approaches"]])
    use_cases = page.locator(".dt-widget h3:text-is('Use cases like this') + ul a")
    expect(use_cases).to_have_text([u["title"] for u in outcome["use_cases"]])
    hrefs = page.evaluate("[...document.querySelectorAll('.dt-widget .dt-step a')].map(a => a.href)")
    assert hrefs and all(h.startswith(site_url) for h in hrefs)
    assert page.guide_errors == []


def test_shared_address_reloads_to_the_same_outcome(browser, site_url):
    example = GUIDE["examples"][-2]
    fragment = "#answers=" + "/".join(example["answers"])
    title = GUIDE["outcomes"][example["outcome"]]["title"]
    for _ in range(2):  # a fresh browser context each time, as for someone who was sent the link
        context = browser.new_context()
        page = context.new_page()
        open_tree(page, site_url, "guide", fragment)
        expect(heading(page)).to_have_text(title)
        page.reload()
        expect(heading(page)).to_have_text(title)
        expect(page.locator(".dt-trail li")).to_have_count(len(example["answers"]))
        context.close()


def answers_through(tree: dict, questions: int) -> list[str]:
    """The first path (depth first, in option order) that asks at least `questions` questions, as its answers."""
    def search(node, path):
        if len(path) >= questions:
            return path
        for option in tree["questions"].get(node, {"options": []})["options"]:
            found = search(option["next"], path + [option["id"]])
            if found:
                return found
        return None
    return search(tree["start"], [])


def test_back_restart_trail_and_the_browsers_back_button(page, site_url):
    answers = answers_through(GUIDE, 3)[:2]
    first, second, third = walk(GUIDE, answers)
    open_tree(page, site_url)
    page.get_by_role("button", name=label(GUIDE, first, answers[0]), exact=True).click()
    page.get_by_role("button", name=label(GUIDE, second, answers[1]), exact=True).click()
    expect(heading(page)).to_have_text(node_title(GUIDE, third))
    length = page.evaluate("history.length")

    page.get_by_role("button", name="Back", exact=True).click()   # steps back through history: no new entry
    expect(heading(page)).to_have_text(node_title(GUIDE, second))
    assert page.evaluate("location.hash") == "#answers=" + answers[0]
    assert page.evaluate("history.length") == length
    expect(heading(page)).to_be_focused()

    page.get_by_role("button", name="Start again", exact=True).click()
    expect(heading(page)).to_have_text(node_title(GUIDE, first))
    expect(page.get_by_role("button", name="Back", exact=True)).to_be_disabled()
    expect(page.locator(".dt-trail")).to_be_hidden()

    page.go_back()  # undoes "Start again"
    expect(heading(page)).to_have_text(node_title(GUIDE, second))
    page.go_back()  # to the first question: the step left with Back is not in the way
    expect(heading(page)).to_have_text(node_title(GUIDE, first))
    page.go_forward()
    expect(heading(page)).to_have_text(node_title(GUIDE, second))

    page.locator(".dt-trail a").first.click()  # change the first answer
    expect(heading(page)).to_have_text(node_title(GUIDE, first))
    assert page.guide_errors == []


def test_keyboard_only_walk_with_focus_and_announcements(page, site_url):
    answers = ["yes", "hosted-ok", "live-data"]
    nodes = walk(GUIDE, answers)
    open_tree(page, site_url)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('dt-option')"):
            break
    else:
        pytest.fail("Tab never reached an answer button")
    for question, answer in zip(nodes, answers):
        for _ in range(10):
            if page.evaluate("document.activeElement.dataset.option") == answer:
                break
            page.keyboard.press("Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "the focused answer must show a visible outline"
        page.keyboard.press("Enter")
        expect(heading(page)).to_be_focused()
        page.keyboard.press("Tab")  # from the heading on to the first answer or link
    expect(heading(page)).to_have_text(node_title(GUIDE, nodes[-1]))
    live = page.locator(".dt-live")
    assert live.get_attribute("aria-live") == "polite"
    expect(live).to_have_text("Recommendation: " + node_title(GUIDE, nodes[-1]))


@pytest.mark.parametrize("fragment", [
    "#answers=maybe",
    "#answers=no/../../etc",
    "#answers=no/extra",
    "#answers=no/",
    "#<script>alert(1)</script>",
    "#javascript:alert(1)",
    "#%E0%A4%A",
    "#" + "answers=" + "no/" * 3400,
    "#" + "x" * 10_001,
], ids=["unknown-option", "path-like", "after-the-end", "trailing-slash", "script", "javascript", "bad-escape",
        "over-long-path", "over-long"])
def test_malformed_address_resets_with_a_notice(page, site_url, fragment):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_tree(page, site_url, "guide", fragment)
    expect(page.locator(".dt-notice")).to_have_text(NOTICE)
    expect(heading(page)).to_have_text(GUIDE["questions"][GUIDE["start"]]["text"])
    assert page.evaluate("location.hash") == "#answers="
    assert dialogs == [] and page.guide_errors == []
    page.get_by_role("button", name=label(GUIDE, GUIDE["start"], "yes"), exact=True).click()
    expect(page.locator(".dt-notice")).to_be_hidden()


def test_links_to_headings_and_outline_anchors_are_not_paths(page, site_url):
    open_tree(page, site_url, "guide", "#worked-examples")
    expect(page.locator(".dt-notice")).to_be_hidden()
    expect(heading(page)).to_have_text(GUIDE["questions"][GUIDE["start"]]["text"])
    target = tree_view.anchor("guide", "rag")
    page.evaluate(f"location.hash = '#{target}'")
    expect(page.locator(f"#{target}")).to_be_visible()
    expect(page.get_by_role("button", name="Hide the full list")).to_have_attribute("aria-expanded", "true")


@pytest.mark.parametrize("tree_id", list(TREES), ids=[f"data/decision-trees/{t}.yml" for t in TREES])
def test_without_javascript_the_outline_holds_the_whole_tree(browser, site_url, tree_id):
    tree = TREES[tree_id]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}decision-trees/{tree_id}/")
    expect(page.locator(".dt-widget")).to_be_hidden()
    expect(page.locator(".dt-outline")).to_be_visible()
    for oid, outcome in tree["outcomes"].items():
        section = page.locator(f"#{tree_view.anchor(tree_id, oid)}")
        expect(section).to_be_visible()
        expect(section.locator("h3")).to_have_text(outcome["title"])
    for qid, question in tree["questions"].items():
        expect(page.locator(f"#{tree_view.anchor(tree_id, qid)} > .dt-outline-text")).to_have_text(question["text"])
        for option in question["options"]:
            expect(page.locator(f"#{tree_view.anchor(tree_id, qid, option['id'])} .dt-outline-answer").first).to_have_text(
                option["label"])
    context.close()


def test_works_from_file_without_a_server(page, built_site):
    example = GUIDE["examples"][2]
    page.goto((built_site / "decision-trees/guide/index.html").as_uri() + "#answers=" + "/".join(example["answers"]))
    expect(heading(page)).to_have_text(GUIDE["outcomes"][example["outcome"]]["title"])
    assert page.evaluate("getComputedStyle(document.querySelector('.dt-widget')).borderTopStyle") == "solid", \
        "the widget's CSS loads from file://"
    page.get_by_role("button", name="Back", exact=True).click()
    expect(heading(page)).to_have_text(node_title(GUIDE, walk(GUIDE, example["answers"])[-2]))
    # mkdocs-material's search cannot load its index from file://; that error is the theme's, not the tree's.
    assert [e for e in page.guide_errors if e.startswith("page error") and "search/search_index" not in e] == []


def test_works_inside_an_iframe_and_asks_no_other_host(page, site_url):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.set_content(f'<iframe title="tree" src="{site_url}decision-trees/guide/" width="600" height="900"></iframe>')
    frame = page.frame_locator("iframe")
    first = GUIDE["questions"][GUIDE["start"]]
    expect(frame.locator(".dt-heading")).to_have_text(first["text"])
    frame.get_by_role("button", name=label(GUIDE, GUIDE["start"], "yes"), exact=True).click()
    frame.get_by_role("button", name=label(GUIDE, "hosting", "on-premises"), exact=True).click()
    expect(frame.locator(".dt-heading")).to_have_text(GUIDE["outcomes"]["self-hosted-open-model"]["title"])
    assert [u for u in requests if not u.startswith(site_url)] == []


def test_fits_a_320_pixel_screen(page, site_url):
    page.set_viewport_size({"width": 320, "height": 640})
    example = max(GUIDE["examples"], key=lambda e: len(e["answers"]))
    for fragment in ("", "#answers=" + "/".join(example["answers"])):
        open_tree(page, site_url, "guide", fragment)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        box = page.locator(".dt-widget").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_readable_in_light_and_dark_mode(page, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    page.emulate_media(color_scheme=scheme)
    open_tree(page, site_url, "guide", "#answers=yes/hosted-ok/both/short/enough")
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
    colours = page.evaluate("""() => {
        const s = getComputedStyle(document.querySelector('.dt-heading'));
        const b = getComputedStyle(document.body);
        return [s.color, b.backgroundColor];
    }""")
    assert colours[0] != colours[1]
    results = Axe().run(page, context=".dt", options={"runOnly": ["wcag2a", "wcag2aa"]})
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Start again", exact=True).click()
    results = Axe().run(page, context=".dt", options={"runOnly": ["wcag2a", "wcag2aa"]})
    assert results.violations_count == 0, results.generate_report()


def test_worked_example_links_open_their_path(page, site_url):
    example = GUIDE["examples"][5]
    open_tree(page, site_url)
    link = page.locator(f"a[data-dt-answers='{'/'.join(example['answers'])}']")
    expect(link).to_have_attribute("href", "#answers=" + "/".join(example["answers"]))
    link.click()
    expect(heading(page)).to_have_text(GUIDE["outcomes"][example["outcome"]]["title"])
    expect(heading(page)).to_be_focused()


def test_an_answer_draws_the_next_step_before_the_click_returns(page, site_url):
    """The step is drawn in the click itself (docs/performance.md), the address follows with one history entry, and
    Back, which fires popstate and then hashchange, draws the previous step once."""
    open_tree(page, site_url)
    first = GUIDE["start"]
    answer = GUIDE["questions"][first]["options"][0]
    result = page.evaluate("""(label) => {
      const draws = [];
      new MutationObserver(() => draws.push(document.querySelector(".dt-widget .dt-heading").textContent))
        .observe(document.querySelector(".dt-widget .dt-step"), {childList: true});
      window.__draws = draws;
      const before = history.length;
      const button = [...document.querySelectorAll(".dt-option")].find((b) => b.textContent === label);
      button.click();
      return {heading: document.querySelector(".dt-widget .dt-heading").textContent, hash: location.hash,
              focused: document.activeElement.classList.contains("dt-heading"), added: history.length - before};
    }""", answer["label"])
    assert result == {"heading": node_title(GUIDE, answer["next"]), "hash": f"#answers={answer['id']}", "focused": True,
                      "added": 1}
    page.evaluate("window.__draws.length = 0")
    page.go_back()
    expect(heading(page)).to_have_text(node_title(GUIDE, first))
    page.wait_for_timeout(200)  # a second draw, if there were one, would have come by now
    assert page.evaluate("window.__draws.length") == 1
    expect(heading(page)).to_be_focused()
    assert page.guide_errors == []
