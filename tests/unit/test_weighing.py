"""Unit tests of hooks/guide/weighing.py, which ranks the approaches by the reader's weights, from tiny inline inputs
and the real data (the tools in a browser: tests/browser/test_tools.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import real_model

from guide import weighing

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
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


# ---------------------------------------------------------------- Weigh it yourself


# ---------------------------------------------------------------- Break-even accuracy


# ---------------------------------------------------------------- Compare side by side


# ---------------------------------------------------------------- all three from file://, as a downloaded copy


