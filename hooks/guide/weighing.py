"""Per-aspect values behind the 'Weigh it yourself' page, and the ranking they give for a set of weights.

Used by `site.context()` for the weigh.md.j2 template and by the tests; weigh.js repeats only `scores()` and `ranking()`.
"""
from __future__ import annotations

from collections import defaultdict
from fractions import Fraction

RATINGS = ("low", "medium", "high")
DEFAULT_WEIGHT = 3
MAX_WEIGHT = 5
TIED_WEIGHT = 3       # in weights_favouring(): an aspect where the approach shares the best value


def rating_value(rating: str, better: str) -> int:
    """+1 when the rating favours the approach, 0 for medium, -1 when it counts against it."""
    if better not in ("lower", "higher"):
        raise ValueError(f"an aspect with better: {better!r} is not weighed")
    step = RATINGS.index(rating) - 1
    return step if better == "higher" else -step


def cell_value(cell, better: str) -> float | None:
    """The mean value over the sources that rate this cell, each source counting once; None if none rates it.

    Rounded to two decimals: the page shows these figures, and a reader working by hand should get the same score.
    """
    by_source = defaultdict(list)
    for entry in cell["entries"]:
        if entry["rating"]:
            by_source[entry["source"]].append(rating_value(entry["rating"], better))
    if not by_source:
        return None
    per_source = [sum(values) / len(values) for values in by_source.values()]
    return round(sum(per_source) / len(per_source), 2)


def is_weighed(row) -> bool:
    """An aspect is weighed when its ratings say which way is better and at least one source rates it."""
    return row["aspect"]["better"] != "neither" and any(
        entry["rating"] for cell in row["cells"].values() for entry in cell["entries"])


def payload(synthesis, approaches) -> dict:
    """What the page embeds as JSON: the approaches in page order and, per weighed aspect, each approach's value."""
    return {
        "default": DEFAULT_WEIGHT,
        "approaches": [{"id": a["id"], "name": a["short_name"]} for a in approaches],
        "aspects": [{"id": row["aspect"]["id"], "name": row["aspect"]["name"], "better": row["aspect"]["better"],
                     "values": {a["id"]: cell_value(row["cells"][a["id"]], row["aspect"]["better"]) for a in approaches}}
                    for row in synthesis if is_weighed(row)],
    }


def scores(data: dict, weights: dict[str, int]) -> dict[str, dict]:
    """Per approach: `total`, the sum of weight x value in hundredths over the aspects rated for it (whole numbers,
    so equal scores compare equal); `rated`, the weight of those aspects; `weighed`, the weight of every aspect.

    An aspect missing from `weights` gets the default weight. An aspect no source rates for an approach is left
    out of that approach's score (its weight is not in `rated`), so a missing rating neither helps nor hurts.
    """
    out = {}
    for approach in data["approaches"]:
        total = rated = weighed = 0
        for aspect in data["aspects"]:
            weight = weights.get(aspect["id"], data["default"])
            value = aspect["values"][approach["id"]]
            weighed += weight
            if value is not None and weight:
                total += weight * round(value * 100)
                rated += weight
        out[approach["id"]] = {"total": total, "rated": rated, "weighed": weighed}
    return out


def average(score: dict) -> Fraction | None:
    """The weighted average value in hundredths, exact; None when nothing the reader weighed is rated."""
    return Fraction(score["total"], score["rated"]) if score["rated"] else None


def shown(score: dict) -> int | None:
    """The average as the page prints it, in whole hundredths, rounded half up as the script's Math.round does."""
    return (2 * score["total"] + score["rated"]) // (2 * score["rated"]) if score["rated"] else None


def ranking(data: dict, weights: dict[str, int]) -> list[dict]:
    """Approaches best first, each as {id, place}: by weighted average, then by how much of the reader's weight
    is rated for it (more evidence first); approaches still equal share a place. Page order never decides a place.
    Approaches with no rated aspect among those weighed come last, sharing the last place."""
    by_id = scores(data, weights)

    def key(approach_id):
        avg = average(by_id[approach_id])
        return (avg is None, -(avg or 0), -by_id[approach_id]["rated"])

    order = sorted((a["id"] for a in data["approaches"]), key=key)
    out = []
    for i, approach_id in enumerate(order):
        place = out[-1]["place"] if out and key(order[i - 1]) == key(approach_id) else i + 1
        out.append({"id": approach_id, "place": place})
    return out


def winner(data: dict, weights: dict[str, int]) -> str | None:
    """The approach ranked first on its own, or None when the first place is shared or nothing is rated."""
    ranked = ranking(data, weights)
    first = ranked[0]
    if average(scores(data, weights)[first["id"]]) is None or (len(ranked) > 1 and ranked[1]["place"] == 1):
        return None
    return first["id"]


def weights_favouring(data: dict, approach: str) -> dict[str, int]:
    """The priorities behind choosing `approach`: the most weight on each aspect where it has the best value alone,
    some where it shares the best value with another approach, none elsewhere (or where the values are all equal)."""
    weights = {}
    for aspect in data["aspects"]:
        mine = aspect["values"][approach]
        others = [v for a, v in aspect["values"].items() if a != approach and v is not None]
        if mine is None or any(v > mine for v in others):
            weights[aspect["id"]] = 0
        elif all(v < mine for v in others):
            weights[aspect["id"]] = MAX_WEIGHT
        else:
            weights[aspect["id"]] = TIED_WEIGHT if any(v < mine for v in others) else 0
    return weights


def signed(hundredths: int) -> str:
    """A score or value as the page prints it: '+1.50', '0.00', '−0.33' (with a true minus sign)."""
    sign = "+" if hundredths > 0 else "\u2212" if hundredths < 0 else ""
    return f"{sign}{abs(hundredths) / 100:.2f}"


def view(synthesis, approaches) -> dict:
    """Everything the weigh page prints: the JSON payload, the by-hand table, the default ranking, what is left out."""
    data = payload(synthesis, approaches)
    weighed = {a["id"] for a in data["aspects"]}
    default_scores = scores(data, {})
    names = {p["id"]: p["name"] for p in data["approaches"]}
    return {
        "payload": data,
        "tied_weight": TIED_WEIGHT,
        "table": [{"id": a["id"], "name": a["name"], "better": a["better"],
                   "cells": [None if a["values"][p["id"]] is None else signed(round(a["values"][p["id"]] * 100))
                             for p in data["approaches"]]} for a in data["aspects"]],
        "default_ranking": [{"id": r["id"], "place": r["place"], "name": names[r["id"]],
                             "score": None if shown(default_scores[r["id"]]) is None else signed(shown(default_scores[r["id"]])),
                             "rated": sum(1 for a in data["aspects"] if a["values"][r["id"]] is not None)}
                            for r in ranking(data, {})],
        "favouring": [{"id": p["id"], "name": p["name"], "weights": weights_favouring(data, p["id"]),
                       "aspects": [a["name"] for a in data["aspects"] if weights_favouring(data, p["id"])[a["id"]]]}
                      for p in data["approaches"]],
        # Aspects left out, by why: their ratings describe rather than rank (better: neither), or nobody rates them.
        "describing": [row["aspect"] for row in synthesis if row["aspect"]["better"] == "neither"],
        "unrated": [row["aspect"] for row in synthesis
                    if row["aspect"]["better"] != "neither" and row["aspect"]["id"] not in weighed],
    }
