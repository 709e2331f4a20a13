"""Figures and their provenance: the rule that a figure's stated provenance fits what it cites, and the index of
where each figure is cited.

The rule runs in `pipeline.py` at every build and check; `model.py` uses `figures_by_citation()`.
"""
from __future__ import annotations

from .documents import Document
from .errors import DataError


def check_figure_provenance(documents: list[Document]) -> list[DataError]:
    """A secondary figure names its original, an unverified one names none, and a first-party one cites the
    maker's own page (a source of kind 'reference')."""
    kinds = {d.data["id"]: d.data["kind"] for d in documents if d.collection == "sources"}
    errors: list[DataError] = []
    for doc in documents:
        if doc.collection != "statistics":
            continue
        figure, provenance = doc.data, doc.data["provenance"]
        if provenance == "secondary" and "original_source" not in figure:
            errors.append(doc.at(("provenance",), "", "a 'secondary' figure names its original in 'original_source'; "
                                 "if the citing source names none, the figure is 'unverified'"))
        elif provenance == "unverified" and "original_source" in figure:
            errors.append(doc.at(("original_source",), "", "a figure whose original is named is 'secondary', not "
                                 "'unverified'; change its provenance"))
        elif provenance == "first-party":
            cited = [c.partition("#")[0] for c in figure["sources"]]
            if cited and not any(kinds.get(s) == "reference" for s in cited):
                errors.append(doc.at(("provenance",), "", f"a 'first-party' figure cites the maker's own page, a source "
                                     f"of kind 'reference'; this one cites only {', '.join(dict.fromkeys(cited))}"))
    return errors


def figures_by_citation(sources, statistics) -> dict[str, list[str]]:
    """'source#item' -> ids of the figures it states, for every inventory item of kind 'statistic' that a figure
    cites: wherever such an item is cited, the figure appears, and its provenance is shown with it."""
    stat_items = {f"{s['id']}#{i['id']}" for s in sources for i in s.get("inventory", ()) if i["kind"] == "statistic"}
    found: dict[str, list[str]] = {}
    for figure in statistics:
        for citation in figure["sources"]:
            if citation in stat_items and figure["id"] not in found.get(citation, ()):
                found.setdefault(citation, []).append(figure["id"])
    return found
