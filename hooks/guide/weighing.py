"""Per-aspect values behind the 'Weigh it yourself' page: how far each aspect's ratings favour each approach.

Used by `site.context()` for the weigh.md.j2 template and by the tests; weigh.js repeats only `scores()`.
"""
from __future__ import annotations

from collections import defaultdict

RATINGS = ("low", "medium", "high")
DEFAULT_WEIGHT = 3
MAX_WEIGHT = 5


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


def scores(data: dict, weights: dict[str, int]) -> dict[str, int]:
    """Each approach's score in hundredths (whole numbers, so ties are exact): sum of weight x value.

    An aspect missing from `weights` gets the default weight; an unrated value counts as 0.
    """
    out = {}
    for approach in data["approaches"]:
        total = 0
        for aspect in data["aspects"]:
            value = aspect["values"][approach["id"]]
            if value is not None:
                total += weights.get(aspect["id"], data["default"]) * round(value * 100)
        out[approach["id"]] = total
    return out


def ranking(data: dict, weights: dict[str, int]) -> list[str]:
    """Approach ids, highest score first; equal scores keep the page order of the approaches."""
    by_score = scores(data, weights)
    order = [a["id"] for a in data["approaches"]]
    return sorted(order, key=lambda a: (-by_score[a], order.index(a)))


def signed(hundredths: int) -> str:
    """A score or value as the page prints it: '+1.50', '0.00', '−0.33' (with a true minus sign)."""
    sign = "+" if hundredths > 0 else "\u2212" if hundredths < 0 else ""
    return f"{sign}{abs(hundredths) / 100:.2f}"


def view(synthesis, approaches) -> dict:
    """Everything the weigh page prints: the JSON payload, the by-hand table, the default ranking, what is left out."""
    data = payload(synthesis, approaches)
    weighed = {a["id"] for a in data["aspects"]}
    default_scores = scores(data, {})
    return {
        "payload": data,
        "table": [{"id": a["id"], "name": a["name"], "better": a["better"],
                   "cells": [None if a["values"][p["id"]] is None else signed(round(a["values"][p["id"]] * 100))
                             for p in data["approaches"]]} for a in data["aspects"]],
        "default_ranking": [{"id": a, "name": next(p["name"] for p in data["approaches"] if p["id"] == a),
                             "score": signed(default_scores[a])} for a in ranking(data, {})],
        # Aspects left out, by why: their ratings describe rather than rank (better: neither), or nobody rates them.
        "describing": [row["aspect"] for row in synthesis if row["aspect"]["better"] == "neither"],
        "unrated": [row["aspect"] for row in synthesis
                    if row["aspect"]["better"] != "neither" and row["aspect"]["id"] not in weighed],
    }
