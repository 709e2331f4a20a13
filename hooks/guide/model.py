"""The read-only model of all validated data, and what is derived from it (kept apart from what is authored).

Built once per build by `pipeline.load_model()`; read by the renderers, the API writer and the tests.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from types import MappingProxyType

from .catalog import COLLECTIONS
from .figures import figures_by_citation
from .references import citations, references
from .verdicts import main_tree


def freeze(value):
    """Deep read-only copy: mappings become MappingProxyType, lists become tuples."""
    if isinstance(value, dict):
        return MappingProxyType({k: freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(freeze(v) for v in value)
    return value


def thaw(value):
    """A plain, JSON-ready copy of a frozen value."""
    if isinstance(value, MappingProxyType | dict):
        return {k: thaw(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw(v) for v in value]
    return value


@dataclass(frozen=True)
class Model:
    items: MappingProxyType            # collection -> tuple of items in page order
    by_id: MappingProxyType            # collection -> id -> item
    files: MappingProxyType            # (collection, id) -> data file shown in messages and edit links
    derived: "Derived" = field(repr=False)

    def get(self, collection: str, item_id: str):
        return self.by_id[collection][item_id]


@dataclass(frozen=True)
class Derived:
    """Facts computed from the authored data; never written back to it."""

    synthesis: tuple                   # per aspect: {aspect, cells: {approach: {ratings, verdict, support, entries}}}
    cited_by: MappingProxyType         # source id -> tuple of (collection, id) that cite it
    citing: MappingProxyType           # 'source#item' -> tuple of (collection, id) that cite that inventory item
    use_cases_by_approach: MappingProxyType  # approach id -> use cases whose guide verdict uses it
    techniques_by_approach: MappingProxyType
    scenario_siblings: MappingProxyType  # use case id -> other use cases of the same scenario
    verdicts: MappingProxyType         # use case id -> {tree, outcome, title, approaches, agrees, path}
    use_cases_by_outcome: MappingProxyType  # main guide's outcome id -> use case ids whose verdict it is
    unverified: frozenset              # statistic ids whose provenance is 'unverified'
    figures: MappingProxyType          # 'source#item' of kind statistic -> ids of the figures it states


def _sort_key(collection: str):
    key = COLLECTIONS[collection].sort_key
    return lambda item: (item[key] if isinstance(item[key], int) else str(item[key]).lower(), item["id"])


def _synthesis(items) -> tuple:
    approaches = [a["id"] for a in items["approaches"]]
    sources = {s["id"]: s for s in items["sources"]}
    rows = []
    for aspect in items["aspects"]:
        cells = {}
        for approach in approaches:
            entries = []
            for comparison in items["comparisons"]:
                for row in comparison["rows"]:
                    if row["aspect"] == aspect["id"] and approach in row["cells"]:
                        cell = row["cells"][approach]
                        entries.append({"source": comparison["source"], "source_title": sources[comparison["source"]]["title"],
                                        "comparison": comparison["id"], "label": row["label"],
                                        "text": cell["text"], "rating": cell.get("rating")})
            ratings = sorted({e["rating"] for e in entries if e["rating"]}, key=["low", "medium", "high"].index)
            # Agreement is counted in independent sources (two tables of one publisher count once), and a source
            # is first-party when it is the model maker's own documentation (kind 'reference'), not an article.
            support = []
            for rating in ratings:
                by = list(dict.fromkeys(e["source"] for e in entries if e["rating"] == rating))
                support.append({"rating": rating, "sources": by,
                                "first_party": [s for s in by if sources[s]["kind"] == "reference"]})
            rated_by = list(dict.fromkeys(s for group in support for s in group["sources"]))
            if not entries:
                verdict = "none"
            elif len(ratings) > 1:
                verdict = "disagree"
            elif len(rated_by) > 1:
                verdict = "agree"
            elif rated_by:
                verdict = "single"
            else:
                verdict = "unrated"
            cells[approach] = {"ratings": ratings, "verdict": verdict, "entries": entries, "support": support,
                               "note": aspect.get("synthesis", {}).get(approach)}
        covered_by = sorted({e["source"] for c in cells.values() for e in c["entries"]})
        rows.append({"aspect": aspect, "cells": cells, "covered_by": covered_by})
    return tuple(freeze(rows))


def _verdicts(items) -> tuple[dict, dict]:
    # The stated outcome is the walked one: the pipeline's verdict rule has checked it before the model is built.
    tree = main_tree(items["decision-trees"])
    verdicts, by_outcome = {}, defaultdict(list)
    if tree is None:
        return verdicts, {}
    outcomes = {o["id"]: o for o in tree["outcomes"]}
    for use_case in items["use-cases"]:
        if "verdict" not in use_case:
            continue
        outcome = outcomes[use_case["verdict"]["outcome"]]
        verdicts[use_case["id"]] = {"tree": tree["id"], "outcome": outcome["id"], "title": outcome["title"],
                                    "approaches": list(outcome["approaches"]),
                                    "agrees": set(outcome["approaches"]) == set(use_case["approaches"])}
        by_outcome[outcome["id"]].append(use_case["id"])
    return verdicts, dict(by_outcome)


def build(documents) -> Model:
    raw = defaultdict(list)
    files = {}
    for doc in documents:
        raw[doc.collection].append(doc.data)
        files[(doc.collection, doc.data["id"])] = doc.file
    items = {name: sorted(raw.get(name, []), key=_sort_key(name)) for name in COLLECTIONS}

    cited_by, citing = defaultdict(list), defaultdict(list)
    for doc in documents:
        cites = {c for _, c in citations(doc)}
        for source_id in sorted({c.partition("#")[0] for c in cites}):
            cited_by[source_id].append((doc.collection, doc.data["id"]))
        for citation in sorted(c for c in cites if "#" in c):
            citing[citation].append((doc.collection, doc.data["id"]))
        for _, source_id, target in references(doc):  # a table, framework or tree built on a source
            if target == "sources" and (doc.collection, doc.data["id"]) not in cited_by[source_id]:
                cited_by[source_id].append((doc.collection, doc.data["id"]))
    by_approach, techniques, scenarios = defaultdict(list), defaultdict(list), defaultdict(list)
    verdicts, by_outcome = _verdicts(items)
    for use_case in items["use-cases"]:
        # An approach page lists the use cases the guide itself sends to it, not those a source does.
        for approach in verdicts.get(use_case["id"], {}).get("approaches", use_case["approaches"]):
            by_approach[approach].append(use_case["id"])
        if "scenario" in use_case:
            scenarios[use_case["scenario"]].append(use_case["id"])
    for technique in items["techniques"]:
        techniques[technique["approach"]].append(technique["id"])
    siblings = {uc["id"]: tuple(i for i in scenarios[uc["scenario"]] if i != uc["id"])
                for uc in items["use-cases"] if "scenario" in uc}

    derived = Derived(
        synthesis=_synthesis(items),
        cited_by=freeze({k: [list(v) for v in vs] for k, vs in cited_by.items()}),
        citing=freeze({k: [list(v) for v in vs] for k, vs in citing.items()}),
        use_cases_by_approach=freeze(dict(by_approach)),
        techniques_by_approach=freeze(dict(techniques)),
        scenario_siblings=MappingProxyType(siblings),
        verdicts=freeze(verdicts),
        use_cases_by_outcome=freeze(by_outcome),
        unverified=frozenset(s["id"] for s in items["statistics"] if s["provenance"] == "unverified"),
        figures=freeze(figures_by_citation(items["sources"], items["statistics"])),
    )
    frozen_items = {name: freeze(values) for name, values in items.items()}
    return Model(
        items=MappingProxyType(frozen_items),
        by_id=MappingProxyType({name: MappingProxyType({i["id"]: i for i in values}) for name, values in frozen_items.items()}),
        files=MappingProxyType(files),
        derived=derived,
    )
