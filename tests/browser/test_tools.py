"""The three reader tools in Chromium: weighing the aspects, the break-even accuracy and comparing approaches side
by side, with and without JavaScript, from file:// and in a sandboxed iframe (weighing.py itself is unit-tested in
tests/unit/test_weighing.py)."""
from __future__ import annotations

import pytest
from conftest import real_model
from playwright.sync_api import expect
from guide import weighing


MODEL = real_model()
DATA = weighing.payload(MODEL.derived.synthesis, MODEL.items["approaches"])
APPROACHES = [a["id"] for a in MODEL.items["approaches"]]
def ranking_on_page(page) -> list[str]:
    return page.locator("#weigh-ranking li").evaluate_all("lis => lis.map(li => li.dataset.approach)")


def shown(locator) -> list[bool]:
    return locator.evaluate_all("els => els.map(e => getComputedStyle(e).display !== 'none')")


def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    return context, context.new_page()


def favouring(approach: str) -> dict[str, int]:
    return weighing.weights_favouring(DATA, approach)


def ids(ranking) -> list[str]:
    return [r["id"] for r in ranking]


def hash_of(weights: dict[str, int]) -> str:
    return "#w=" + ",".join(f"{k}:{v}" for k, v in weights.items())


def test_weights_in_the_address_restore_the_ranking(page, site_url):
    weights = favouring("fine-tuning")
    expected = ids(weighing.ranking(DATA, weights))
    assert expected != ids(weighing.ranking(DATA, {})), "the chosen weighting should change the order, or the test proves little"
    page.goto(f"{site_url}weigh/{hash_of(weights)}")
    expect(page.locator("#weigh-tool")).to_be_visible()
    assert ranking_on_page(page) == expected
    scores = weighing.scores(DATA, weights)
    shown_scores = page.locator("#weigh-ranking li").evaluate_all("lis => lis.map(li => li.dataset.score)")
    assert shown_scores == [str(weighing.shown(scores[a])) if scores[a]["rated"] else "" for a in expected]
    for aspect, weight in weights.items():
        expect(page.locator(f"#weight-{aspect}")).to_have_value(str(weight))
        expect(page.locator(f"#weight-{aspect}-value")).to_have_text(str(weight))
    top = next(a["name"] for a in DATA["approaches"] if a["id"] == expected[0])
    expect(page.locator("#weigh-summary")).to_contain_text(f"{top} comes first")
    assert page.guide_errors == []


def test_rag_favouring_weights_put_rag_first(page, site_url):
    """A reader who cares about what RAG is rated best on (from the data, not a fixed list) follows the page's own
    link for those priorities, then nudges the sliders by keyboard: RAG comes first, as the tree would say."""
    rag = MODEL.by_id["approaches"]["rag"]["short_name"]
    weights = favouring("rag")
    page.goto(f"{site_url}weigh/")
    expect(page.locator("#weigh-tool")).to_be_visible()
    assert ranking_on_page(page)[0] != "rag", "with default weights another approach leads, or the test proves little"
    page.locator(".guide-weigh-presets").get_by_role("link", name=f"what favours {rag}").click()
    assert page.evaluate("location.hash") == hash_of({a["id"]: weights[a["id"]] for a in DATA["aspects"]})
    expect(page.locator("#weigh-summary")).to_contain_text(f"{rag} comes first")
    assert ranking_on_page(page)[0] == "rag"
    first = page.locator("#weigh-ranking li").first
    expect(first).to_have_attribute("data-place", "1")
    assert page.locator("#weigh-ranking li[data-place='1']").count() == 1
    # Weigh every aspect RAG is rated best on a little more: it stays first.
    for aspect, weight in weights.items():
        if weight and weight < weighing.MAX_WEIGHT:
            page.focus(f"#weight-{aspect}")
            page.keyboard.press("End")
            weights[aspect] = weighing.MAX_WEIGHT
    assert weighing.winner(DATA, weights) == "rag"
    assert ranking_on_page(page) == ids(weighing.ranking(DATA, weights))
    expect(page.locator("#weigh-summary")).to_contain_text(f"{rag} comes first")
    assert page.guide_errors == []


def test_a_tie_is_shown_as_a_shared_place(page, site_url):
    """Weigh only an aspect on which two approaches have the same value: neither wins by its position on the page."""
    def best_shared(aspect):
        rated = [v for v in aspect["values"].values() if v is not None]
        return rated.count(max(rated)) >= 2
    aspect = next(a for a in DATA["aspects"] if best_shared(a))
    weights = {a["id"]: 5 if a is aspect else 0 for a in DATA["aspects"]}
    ranked = weighing.ranking(DATA, weights)
    assert ranked[0]["place"] == ranked[1]["place"] == 1
    page.goto(f"{site_url}weigh/{hash_of(weights)}")
    expect(page.locator("#weigh-summary")).to_contain_text("share first place")
    places = page.locator("#weigh-ranking li").evaluate_all("lis => lis.map(li => +li.dataset.place)")
    assert places == [r["place"] for r in ranked]


def test_moving_a_slider_by_keyboard_reranks_and_updates_the_address(page, site_url):
    zero = {a["id"]: 0 for a in DATA["aspects"]}
    page.goto(f"{site_url}weigh/{hash_of(zero)}")
    expect(page.locator("#weigh-summary")).to_have_text("Every weight is 0, so nothing separates the approaches.")
    aspect = next(a for a, w in favouring("fine-tuning").items() if w == weighing.MAX_WEIGHT)
    page.focus(f"#weight-{aspect}")
    page.keyboard.press("End")
    weights = dict(zero, **{aspect: 5})
    assert ranking_on_page(page) == ids(weighing.ranking(DATA, weights))
    assert ranking_on_page(page)[0] == "fine-tuning"
    assert page.evaluate("location.hash") == hash_of(weights)
    page.click("#weigh-reset")
    assert ranking_on_page(page) == ids(weighing.ranking(DATA, {}))
    assert page.evaluate("location.hash") == ""
    assert page.guide_errors == []


@pytest.mark.parametrize("fragment", ["#w=cost:9", "#w=cost:5,,", "#w=%3Cscript%3E", "#w", "#cost=5"])
def test_a_malformed_weights_address_falls_back_to_defaults(page, site_url, fragment):
    page.goto(f"{site_url}weigh/{fragment}")
    expect(page.locator("#weigh-tool")).to_be_visible()
    values = page.locator("#weigh-tool input[type=range]").evaluate_all("els => els.map(e => e.value)")
    assert values == [str(DATA["default"])] * len(DATA["aspects"])
    assert ranking_on_page(page) == ids(weighing.ranking(DATA, {}))
    assert page.guide_errors == []


def test_weigh_without_javascript_shows_the_values_and_the_formula(browser, site_url):
    context, page = no_js_page(browser)
    try:
        page.goto(f"{site_url}weigh/")
        expect(page.locator("#weigh-tool")).to_be_hidden()
        expect(page.locator("#weigh-values")).to_be_visible()
        expect(page.locator("#weigh-values tbody tr")).to_have_count(len(DATA["aspects"]))
        expect(page.get_by_text("score = (w1 × v1 + w2 × v2 + …) / (w1 + w2 + …)")).to_be_visible()
        first = DATA["aspects"][0]
        cells = page.locator("#weigh-values tbody tr").first.locator("td")
        for i, approach in enumerate(DATA["approaches"], start=1):
            value = first["values"][approach["id"]]
            expect(cells.nth(i)).to_have_text("not rated" if value is None else weighing.signed(round(value * 100)))
    finally:
        context.close()


@pytest.mark.parametrize("fragment, figure", [("#v=10&c=40", "80.0%"), ("#v=10&c=40&r=5", "90.0%"), ("#v=3&c=1", "25.0%")])
def test_break_even_from_the_address(page, site_url, fragment, figure):
    page.goto(f"{site_url}break-even/{fragment}")
    expect(page.locator("#be-result")).to_have_text(
        f"Break-even accuracy: {figure}. Below it the approach loses money on average; above it, it pays its way.")
    expect(page.locator("#be-value")).to_have_value(fragment.split("&")[0].split("=")[1])
    assert page.guide_errors == []


def test_break_even_typed_in_is_announced_and_kept_in_the_address(page, site_url):
    page.goto(f"{site_url}break-even/")
    result = page.locator("#be-result")
    expect(result).to_have_attribute("aria-live", "polite")
    expect(result).to_have_text("Enter the value of a correct answer and the cost of a wrong one.")
    page.get_by_label("Value of a correct answer").fill("10")
    page.get_by_label("Cost of a wrong answer").fill("40")
    expect(result).to_contain_text("80.0%")
    page.get_by_label("Cost of each request").fill("5")
    expect(result).to_contain_text("90.0%")
    assert page.evaluate("location.hash") == "#v=10&c=40&r=5"
    page.reload()
    expect(result).to_contain_text("90.0%")
    page.get_by_label("Cost of each request").fill("12")
    expect(result).to_contain_text("No accuracy is enough")
    expect(result).to_contain_text("104.0%")
    assert page.guide_errors == []


def test_break_even_refuses_negative_numbers(page, site_url):
    page.goto(f"{site_url}break-even/#v=10&c=40")
    field = page.get_by_label("Value of a correct answer")
    field.fill("-5")
    expect(page.locator("#be-result")).to_have_text("Enter a number from 0 to 1,000,000,000,000,000 for the value of a correct answer.")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("location.hash") == "#v=10&c=40", "an invalid figure must not replace the saved ones"
    field.fill("10")
    expect(field).to_have_attribute("aria-invalid", "false")
    expect(page.locator("#be-result")).to_contain_text("80.0%")


def test_break_even_says_what_it_left_out_of_a_malformed_address(page, site_url):
    page.goto(f"{site_url}break-even/#v=-10&c=abc&r=1e9")
    expect(page.locator("#be-value")).to_have_value("-10")
    expect(page.locator("#be-failure")).to_have_value("")
    expect(page.locator("#be-result")).to_have_text(
        "The address gave \u201cabc\u201d for the cost of a wrong answer, which is not a number; it was left out. "
        "Enter a number from 0 to 1,000,000,000,000,000 for the value of a correct answer.")
    expect(page.get_by_label("Value of a correct answer")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Value of a correct answer").fill("10")
    page.get_by_label("Cost of a wrong answer").fill("40")
    expect(page.locator("#be-result")).to_have_text("No accuracy is enough: at 2000000080.0%, the break-even is above 100%, "
                                                    "because each request costs more than a correct answer earns.")
    assert page.guide_errors == []


@pytest.mark.parametrize("fragment, message", [
    ("#v=0&c=0&r=5", "No accuracy is enough: a correct answer earns nothing and a wrong one costs nothing, "
                     "but each request costs 5."),
    ("#v=0&c=0", "With every figure at 0, any accuracy breaks even."),
    ("#v=0&c=40", "Break-even accuracy: 100%. A correct answer earns nothing, so only a system that is never wrong "
                  "breaks even."),
    ("#v=1e308&c=1e308", "Enter a number from 0 to 1,000,000,000,000,000 for the value of a correct answer and the cost of a "
                         "wrong answer."),
    ("#v=10&c=1e999", "The address gave \u201c1e999\u201d for the cost of a wrong answer, which is too large to work "
                      "with; it was left out. Enter the value of a correct answer and the cost of a wrong one."),
    ("#v=1e15&c=1e15&r=1e15", "Break-even accuracy: 100.0%. Below it the approach loses money on average; above it, "
                              "it pays its way."),
], ids=["zero-costs-with-a-request-cost", "all-zero", "nothing-earned", "overflow", "infinity", "at-the-limit"])
def test_break_even_edge_figures_get_a_clear_message(page, site_url, fragment, message):
    page.goto(f"{site_url}break-even/{fragment}")
    expect(page.locator("#be-result")).to_have_text(message)
    assert page.guide_errors == []


def test_break_even_refuses_a_typed_number_too_large_to_work_with(page, site_url):
    page.goto(f"{site_url}break-even/#v=10&c=40")
    field = page.get_by_label("Cost of a wrong answer")
    field.fill("9" * 400)
    expect(page.locator("#be-result")).to_have_text("Enter a number from 0 to 1,000,000,000,000,000 for the cost of a wrong answer.")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("location.hash") == "#v=10&c=40", "a figure too large to use must not replace the saved ones"


def test_break_even_without_javascript_shows_the_formula_and_worked_example(browser, site_url):
    context, page = no_js_page(browser)
    try:
        page.goto(f"{site_url}break-even/")
        expect(page.locator("#break-even-tool")).to_be_hidden()
        expect(page.get_by_text("p* = (C + R) / (V + C)")).to_be_visible()
        example = page.locator(".admonition.example")
        expect(example).to_contain_text("40 / (10 + 40) = 0.8")
        expect(example).to_contain_text("80%")
        expect(example).to_contain_text("90%")
    finally:
        context.close()


def columns(page) -> dict[str, list[bool]]:
    table = page.locator("table.guide-synthesis")
    return {a: shown(table.locator(f"[data-approach='{a}']")) for a in APPROACHES}


def test_compare_hides_the_unticked_columns_and_restores_from_the_address(page, site_url):
    page.goto(f"{site_url}synthesis/")
    picker = page.locator("#compare-pick")
    expect(picker).to_be_visible()
    rows = len(MODEL.derived.synthesis) + 1                       # a header cell and a cell per aspect
    assert {a: len(v) for a, v in columns(page).items()} == {a: rows for a in APPROACHES}
    hidden_one = APPROACHES[1]
    picker.get_by_label(MODEL.by_id["approaches"][hidden_one]["short_name"], exact=True).uncheck()
    state = columns(page)
    assert not any(state[hidden_one])
    assert all(all(state[a]) for a in APPROACHES if a != hidden_one)
    kept = [a for a in APPROACHES if a != hidden_one]
    assert page.evaluate("location.hash") == "#compare=" + ",".join(kept)
    expect(page.locator("#compare-status")).to_have_text(f"Showing 2 of {len(APPROACHES)} approaches.")

    page.reload()
    expect(picker.locator(f"input[value='{hidden_one}']")).not_to_be_checked()
    assert not any(columns(page)[hidden_one])
    assert all(columns(page)[kept[0]])
    assert page.guide_errors == []


def test_compare_from_a_shared_address_and_with_too_few_ticked(page, site_url):
    first, *others = APPROACHES
    page.goto(f"{site_url}synthesis/#compare={','.join(others)}")
    state = columns(page)
    assert not any(state[first]) and all(all(state[a]) for a in others)
    page.locator(f"#compare-pick input[value='{others[0]}']").uncheck()   # one left: everything shows again
    assert all(all(v) for v in columns(page).values())
    expect(page.locator("#compare-status")).to_contain_text("Tick at least two approaches")
    assert page.guide_errors == []


def test_compare_leaves_a_row_anchor_alone(page, site_url):
    aspect = MODEL.derived.synthesis[0]["aspect"]["id"]
    page.goto(f"{site_url}synthesis/#{aspect}")
    expect(page.locator("#compare-pick")).to_be_visible()
    assert page.evaluate("location.hash") == f"#{aspect}"
    assert all(all(v) for v in columns(page).values())


def test_compare_without_javascript_shows_the_full_table(browser, site_url):
    context, page = no_js_page(browser)
    try:
        page.goto(f"{site_url}synthesis/#compare={APPROACHES[0]},{APPROACHES[1]}")
        expect(page.locator("#compare-pick")).to_be_hidden()
        assert all(all(v) and v for v in columns(page).values())
    finally:
        context.close()


def test_the_tools_work_from_file(page, built_site):
    weights = favouring("fine-tuning")
    page.goto((built_site / "weigh" / "index.html").as_uri() + hash_of(weights))
    assert ranking_on_page(page) == ids(weighing.ranking(DATA, weights))
    page.goto((built_site / "break-even" / "index.html").as_uri() + "#v=10&c=40")
    expect(page.locator("#be-result")).to_contain_text("80.0%")
    page.goto((built_site / "synthesis" / "index.html").as_uri() + f"#compare={APPROACHES[0]},{APPROACHES[2]}")
    assert not any(columns(page)[APPROACHES[1]])
    expect(page.locator("#compare-pick")).to_have_css("border-top-style", "solid")   # tools.css loads from file:// too
    # mkdocs-material's search cannot load its index from file://; that error is the theme's, not the tools'.
    assert [e for e in page.guide_errors if e.startswith("page error") and "search/search_index" not in e] == []


def test_the_tools_work_in_a_sandboxed_iframe(page, site_url):
    # Without allow-same-origin the page cannot rewrite its own address; the tools must keep working regardless.
    page.set_content(f'<iframe sandbox="allow-scripts" width="900" height="700" src="{site_url}break-even/#v=10&c=40"></iframe>'
                     f'<iframe sandbox="allow-scripts" width="900" height="700" src="{site_url}synthesis/"></iframe>')
    calculator, matrix = page.frame_locator("iframe").nth(0), page.frame_locator("iframe").nth(1)
    expect(calculator.locator("#be-result")).to_contain_text("80.0%")
    calculator.locator("#be-request").fill("5")
    expect(calculator.locator("#be-result")).to_contain_text("90.0%")
    matrix.locator(f"#compare-pick input[value='{APPROACHES[0]}']").uncheck()
    expect(matrix.locator(f"table.guide-synthesis th[data-approach='{APPROACHES[0]}']")).to_be_hidden()
    expect(matrix.locator(f"table.guide-synthesis th[data-approach='{APPROACHES[1]}']")).to_be_visible()
    # The theme's own scripts cannot reach localStorage in such a frame; those errors are the theme's.
    assert [e for e in page.guide_errors if e.startswith("page error") and "Storage" not in e] == []

