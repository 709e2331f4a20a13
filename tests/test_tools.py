"""The three reader tools: weighing the aspects, the break-even accuracy and comparing approaches side by side.

Unit tests of hooks/guide/weighing.py first, then the built pages in Chromium through the conftest fixtures
(`built_site`, `site_url`, `browser`, `page`), with and without JavaScript.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from guide import pipeline, weighing

ROOT = Path(__file__).resolve().parents[1]
MODEL = pipeline.load_model(ROOT / "data")
DATA = weighing.payload(MODEL.derived.synthesis, MODEL.items["approaches"])
APPROACHES = [a["id"] for a in MODEL.items["approaches"]]


# ---------------------------------------------------------------- weighing.py, from tiny inline inputs

def row(aspect_id: str, better: str, cells: dict[str, list[tuple[str, str | None]]]) -> dict:
    """A synthesis row as model.py builds it, with only the fields weighing.py reads."""
    return {"aspect": {"id": aspect_id, "name": aspect_id.title(), "better": better},
            "cells": {a: {"entries": [{"source": s, "rating": r} for s, r in entries]} for a, entries in cells.items()}}


TWO = [{"id": "a", "short_name": "A"}, {"id": "b", "short_name": "B"}]


@pytest.mark.parametrize("rating, better, value", [
    ("low", "lower", 1), ("medium", "lower", 0), ("high", "lower", -1),
    ("low", "higher", -1), ("medium", "higher", 0), ("high", "higher", 1),
])
def test_rating_value(rating, better, value):
    assert weighing.rating_value(rating, better) == value


def test_rating_value_refuses_an_aspect_without_a_direction():
    with pytest.raises(ValueError, match="better: 'neither' is not weighed"):
        weighing.rating_value("high", "neither")


def test_cell_value_averages_over_sources_each_counting_once():
    # Source x rates low twice (two of its tables), y rates high: x's mean +1 and y's -1 average to 0.
    cell = {"entries": [{"source": "x", "rating": "low"}, {"source": "x", "rating": "low"}, {"source": "y", "rating": "high"}]}
    assert weighing.cell_value(cell, "lower") == 0


def test_cell_value_is_rounded_to_two_decimals():
    cell = {"entries": [{"source": s, "rating": r} for s, r in (("x", "high"), ("y", "medium"), ("z", "medium"))]}
    assert weighing.cell_value(cell, "higher") == 0.33


def test_cell_value_is_none_when_no_source_rates_it():
    assert weighing.cell_value({"entries": [{"source": "x", "rating": None}]}, "higher") is None
    assert weighing.cell_value({"entries": []}, "higher") is None


def test_payload_leaves_out_describing_and_unrated_aspects():
    synthesis = [row("cost", "lower", {"a": [("x", "low")], "b": [("x", "high")]}),
                 row("definition", "neither", {"a": [("x", "high")], "b": []}),
                 row("scalability", "higher", {"a": [("x", None)], "b": []})]
    data = weighing.payload(synthesis, TWO)
    assert data == {"default": 3, "approaches": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
                    "aspects": [{"id": "cost", "name": "Cost", "better": "lower", "values": {"a": 1.0, "b": -1.0}}]}
    view = weighing.view(synthesis, TWO)
    assert [a["id"] for a in view["describing"]] == ["definition"]
    assert [a["id"] for a in view["unrated"]] == ["scalability"]


def test_scores_leave_an_unrated_aspect_out_instead_of_counting_it_as_zero():
    synthesis = [row("cost", "lower", {"a": [("x", "low")], "b": [("x", "high")]}),
                 row("flexibility", "higher", {"a": [("x", "medium"), ("y", "high")], "b": []})]
    data = weighing.payload(synthesis, TWO)
    assert weighing.scores(data, {}) == {"a": {"total": 3 * 100 + 3 * 50, "rated": 6, "weighed": 6},
                                         "b": {"total": -300, "rated": 3, "weighed": 6}}
    assert weighing.shown(weighing.scores(data, {})["a"]) == 75          # (300 + 150) / 6
    assert weighing.shown(weighing.scores(data, {})["b"]) == -100        # flexibility is not rated for b: left out
    only_flexibility = weighing.scores(data, {"cost": 0, "flexibility": 5})
    assert only_flexibility["b"] == {"total": 0, "rated": 0, "weighed": 5}
    assert weighing.shown(only_flexibility["b"]) is None and weighing.average(only_flexibility["b"]) is None


def test_shown_rounds_half_up_like_the_script():
    assert weighing.shown({"total": 1, "rated": 2}) == 1                  # 0.5 -> 1
    assert weighing.shown({"total": -1, "rated": 2}) == 0                 # -0.5 -> 0, as Math.round(-0.5)
    assert weighing.shown({"total": 200, "rated": 3}) == 67


def test_equal_scores_share_a_place_instead_of_going_by_page_order():
    synthesis = [row("cost", "lower", {"a": [("x", "high")], "b": [("x", "low")]}),
                 row("flexibility", "higher", {"a": [("x", "high")], "b": [("x", "low")]})]
    data = weighing.payload(synthesis, TWO)
    assert weighing.ranking(data, {}) == [{"id": "a", "place": 1}, {"id": "b", "place": 1}]
    assert weighing.winner(data, {}) is None
    assert [r["id"] for r in weighing.ranking(data, {"cost": 5, "flexibility": 1})] == ["b", "a"]
    assert weighing.winner(data, {"cost": 1, "flexibility": 5}) == "a"
    # The second approach in page order wins its ties as often as the first: reverse the columns, same places.
    flipped = dict(data, approaches=list(reversed(data["approaches"])))
    assert {r["id"]: r["place"] for r in weighing.ranking(flipped, {})} == {"a": 1, "b": 1}


def test_on_equal_averages_more_rated_weight_comes_first():
    # Both average +1, but b's rests on two aspects and a's on one.
    synthesis = [row("cost", "lower", {"a": [("x", "low")], "b": [("x", "low")]}),
                 row("flexibility", "higher", {"a": [], "b": [("x", "high")]})]
    data = weighing.payload(synthesis, TWO)
    assert weighing.ranking(data, {}) == [{"id": "b", "place": 1}, {"id": "a", "place": 2}]


def test_an_approach_with_nothing_rated_comes_last():
    synthesis = [row("cost", "lower", {"a": [], "b": [("x", "high")]})]
    data = weighing.payload(synthesis, TWO)
    assert weighing.ranking(data, {}) == [{"id": "b", "place": 1}, {"id": "a", "place": 2}]


def test_weights_favouring_an_approach():
    three = TWO + [{"id": "c", "short_name": "C"}]
    synthesis = [row("cost", "lower", {"a": [("x", "low")], "b": [("x", "medium")], "c": [("x", "high")]}),   # a best alone
                 row("speed", "lower", {"a": [("x", "low")], "b": [("x", "low")], "c": [("x", "high")]}),     # a and b best
                 row("reach", "higher", {"a": [("x", "low")], "b": [("x", "high")], "c": []}),                # b best
                 row("flat", "higher", {"a": [("x", "medium")], "b": [("x", "medium")], "c": [("x", "medium")]}),
                 row("alone", "higher", {"a": [], "b": [], "c": [("x", "high")]})]
    data = weighing.payload(synthesis, three)
    assert weighing.weights_favouring(data, "a") == {"cost": 5, "speed": 3, "reach": 0, "flat": 0, "alone": 0}
    assert weighing.weights_favouring(data, "c") == {"cost": 0, "speed": 0, "reach": 0, "flat": 0, "alone": 5}
    for approach in ("a", "b", "c"):
        assert weighing.winner(data, weighing.weights_favouring(data, approach)) == approach


@pytest.mark.parametrize("hundredths, text", [(150, "+1.50"), (0, "0.00"), (-33, "\u22120.33"), (2100, "+21.00")])
def test_signed(hundredths, text):
    assert weighing.signed(hundredths) == text


def test_real_data_has_aspects_to_weigh():
    assert DATA["aspects"], "no aspect has both a direction and a rating: the weigh page would be empty"
    assert all(a["better"] in ("lower", "higher") for a in DATA["aspects"])


@pytest.mark.parametrize("approach", APPROACHES)
def test_each_approach_wins_under_the_weights_that_favour_it(approach):
    weights = weighing.weights_favouring(DATA, approach)
    assert sum(1 for w in weights.values() if w) >= 2, f"{approach} is favoured by fewer than two aspects: a thin case"
    assert weighing.winner(DATA, weights) == approach, weighing.ranking(DATA, weights)


def test_each_approach_is_rated_on_most_aspects():
    """Scores rest on ratings: an approach the sources hardly rate would win or lose on one or two cells."""
    for approach in APPROACHES:
        rated = [a["id"] for a in DATA["aspects"] if a["values"][approach] is not None]
        assert len(rated) * 2 > len(DATA["aspects"]), f"{approach} is rated on {len(rated)} of {len(DATA['aspects'])} aspects"


OUTCOMES = [(tree["id"], outcome) for tree in MODEL.items["decision-trees"] for outcome in tree["outcomes"]]


@pytest.mark.parametrize("tree_id, outcome", OUTCOMES, ids=[f"data/decision-trees/{t}.yml:{o['id']}" for t, o in OUTCOMES])
def test_the_weights_a_tree_outcome_implies_rank_its_approach_first(tree_id, outcome):
    """Weigh it yourself must not contradict the tree: the priorities behind a recommendation (the aspects on which
    its first approach has the best value) put that approach first."""
    approach = outcome["approaches"][0]
    assert weighing.winner(DATA, weighing.weights_favouring(DATA, approach)) == approach


# ---------------------------------------------------------------- helpers for the pages

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


# ---------------------------------------------------------------- Weigh it yourself


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
@pytest.mark.parametrize("fragment", ["#w=cost:9", "#w=cost:5,,", "#w=%3Cscript%3E", "#w", "#cost=5"])
def test_a_malformed_weights_address_falls_back_to_defaults(page, site_url, fragment):
    page.goto(f"{site_url}weigh/{fragment}")
    expect(page.locator("#weigh-tool")).to_be_visible()
    values = page.locator("#weigh-tool input[type=range]").evaluate_all("els => els.map(e => e.value)")
    assert values == [str(DATA["default"])] * len(DATA["aspects"])
    assert ranking_on_page(page) == ids(weighing.ranking(DATA, {}))
    assert page.guide_errors == []


@pytest.mark.browser
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


# ---------------------------------------------------------------- Break-even accuracy

@pytest.mark.browser
@pytest.mark.parametrize("fragment, figure", [("#v=10&c=40", "80.0%"), ("#v=10&c=40&r=5", "90.0%"), ("#v=3&c=1", "25.0%")])
def test_break_even_from_the_address(page, site_url, fragment, figure):
    page.goto(f"{site_url}break-even/{fragment}")
    expect(page.locator("#be-result")).to_have_text(
        f"Break-even accuracy: {figure}. Below it the approach loses money on average; above it, it pays its way.")
    expect(page.locator("#be-value")).to_have_value(fragment.split("&")[0].split("=")[1])
    assert page.guide_errors == []


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
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


@pytest.mark.browser
def test_break_even_refuses_a_typed_number_too_large_to_work_with(page, site_url):
    page.goto(f"{site_url}break-even/#v=10&c=40")
    field = page.get_by_label("Cost of a wrong answer")
    field.fill("9" * 400)
    expect(page.locator("#be-result")).to_have_text("Enter a number from 0 to 1,000,000,000,000,000 for the cost of a wrong answer.")
    expect(field).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("location.hash") == "#v=10&c=40", "a figure too large to use must not replace the saved ones"


@pytest.mark.browser
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


# ---------------------------------------------------------------- Compare side by side

def columns(page) -> dict[str, list[bool]]:
    table = page.locator("table.guide-synthesis")
    return {a: shown(table.locator(f"[data-approach='{a}']")) for a in APPROACHES}


@pytest.mark.browser
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


@pytest.mark.browser
def test_compare_from_a_shared_address_and_with_too_few_ticked(page, site_url):
    first, *others = APPROACHES
    page.goto(f"{site_url}synthesis/#compare={','.join(others)}")
    state = columns(page)
    assert not any(state[first]) and all(all(state[a]) for a in others)
    page.locator(f"#compare-pick input[value='{others[0]}']").uncheck()   # one left: everything shows again
    assert all(all(v) for v in columns(page).values())
    expect(page.locator("#compare-status")).to_contain_text("Tick at least two approaches")
    assert page.guide_errors == []


@pytest.mark.browser
def test_compare_leaves_a_row_anchor_alone(page, site_url):
    aspect = MODEL.derived.synthesis[0]["aspect"]["id"]
    page.goto(f"{site_url}synthesis/#{aspect}")
    expect(page.locator("#compare-pick")).to_be_visible()
    assert page.evaluate("location.hash") == f"#{aspect}"
    assert all(all(v) for v in columns(page).values())


@pytest.mark.browser
def test_compare_without_javascript_shows_the_full_table(browser, site_url):
    context, page = no_js_page(browser)
    try:
        page.goto(f"{site_url}synthesis/#compare={APPROACHES[0]},{APPROACHES[1]}")
        expect(page.locator("#compare-pick")).to_be_hidden()
        assert all(all(v) and v for v in columns(page).values())
    finally:
        context.close()


# ---------------------------------------------------------------- all three from file://, as a downloaded copy

@pytest.mark.browser
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


@pytest.mark.browser
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
