"""Editorial rules: what the guide promises of its content as a whole (everything it lists is used and cited, every
recommendation says how to evaluate it and has a worked example, each tree cites what it should, every use case has
the guide's verdict, a claim no model maker backs says whose it is).

Each rule is a small function over all documents that returns errors; `pipeline.py` runs them all.
"""
from __future__ import annotations

from .documents import Document
from .errors import DataError
from .references import citations, references
from .verdicts import main_tree

EVALUATION_STARTS = ("Evaluate:", "Evaluate first:")
# The sections of an approach page, each a list of claims with their citations.
APPROACH_SECTIONS = ("strengths", "limits", "costs", "data_needed", "skills_needed", "when_to_choose")


def _cited(documents: list[Document]) -> set[str]:
    """Every 'source' and 'source#item' the documents cite, and every source a reference field names."""
    cited = set()
    for doc in documents:
        for _, citation in citations(doc):
            cited |= {citation, citation.partition("#")[0]}
        cited |= {value for _, value, target in references(doc) if target == "sources"}
    return cited


def check_sources_cited(documents: list[Document]) -> list[DataError]:
    """Every source is cited somewhere: a source nothing draws on has no place in the guide."""
    cited = _cited(documents)
    return [doc.at(("id",), "id", f"source '{doc.data['id']}' is cited nowhere; cite it where the guide draws on it, "
                   "or remove this file")
            for doc in documents if doc.collection == "sources" and doc.data["id"] not in cited]


def check_inventory_cited(documents: list[Document]) -> list[DataError]:
    """Every inventory item of a source article (its table rows, steps, use cases, figures, questions) is cited, so
    that the guide covers the whole article."""
    cited = _cited(documents)
    errors = []
    for doc in documents:
        if doc.collection != "sources" or doc.data["kind"] != "article":
            continue
        for i, entry in enumerate(doc.data.get("inventory", [])):
            citation = f"{doc.data['id']}#{entry['id']}"
            if citation not in cited:
                errors.append(doc.at(("inventory", i, "id"), "", f"'{entry['id']}' is cited nowhere; cite it as "
                                     f"'{citation}' where the guide uses it, or remove it from the inventory"))
    return errors


def _trees(documents: list[Document]):
    return (doc for doc in documents if doc.collection == "decision-trees")


def check_evaluation_steps(documents: list[Document]) -> list[DataError]:
    """Each outcome's first next step says how to measure whether the recommendation works."""
    return [doc.at(("outcomes", i, "next_steps", 0), "", "the first next step says how to tell whether the "
                   f"recommendation works; start it with {' or '.join(repr(s) for s in EVALUATION_STARTS)}")
            for doc in _trees(documents) for i, outcome in enumerate(doc.data["outcomes"])
            if not outcome["next_steps"][0].startswith(EVALUATION_STARTS)]


def check_outcome_examples(documents: list[Document]) -> list[DataError]:
    """Each outcome of a tree has a worked example that ends there."""
    errors = []
    for doc in _trees(documents):
        shown = {example["outcome"] for example in doc.data["examples"]}
        errors += [doc.at(("outcomes", i, "id"), "", f"outcome '{outcome['id']}' has no worked example; add one to "
                          "'examples' whose answers end here")
                   for i, outcome in enumerate(doc.data["outcomes"]) if outcome["id"] not in shown]
    return errors


def check_tree_citations(documents: list[Document]) -> list[DataError]:
    """A tree that reproduces a source's framework cites only that source; the main guide draws on every article."""
    articles = sorted(d.data["id"] for d in documents if d.collection == "sources" and d.data["kind"] == "article")
    errors = []
    for doc in _trees(documents):
        tree, cited = doc.data, set()
        for kind in ("questions", "outcomes"):
            for i, node in enumerate(tree[kind]):
                for j, citation in enumerate(node["sources"]):
                    source_id = citation.partition("#")[0]
                    cited.add(source_id)
                    if "source" in tree and source_id != tree["source"]:
                        errors.append(doc.at((kind, i, "sources", j), "", f"'{source_id}' is not '{tree['source']}', "
                                             "the source this tree reproduces; such a tree cites only its source"))
        if "source" not in tree:
            errors += [doc.at(("id",), "id", f"the main guide cites nothing from the article '{article}'; it draws "
                              "on every source article") for article in articles if article not in cited]
    return errors



def check_source_trees_have_use_cases(documents: list[Document]) -> list[DataError]:
    """A source's own tree shows at least one use case walked through it ('tree_answers'), so that its page compares
    the source's answer with the guide's on a real case."""
    walked = {d.data["tree_answers"]["tree"] for d in documents if d.collection == "use-cases" and "tree_answers" in d.data}
    return [doc.at(("source",), "source", f"no use case walks this tree; give a use case of '{doc.data['source']}' "
                   f"'tree_answers' with tree: {doc.data['id']}")
            for doc in _trees(documents) if "source" in doc.data and doc.data["id"] not in walked]


def check_use_cases_have_verdicts(documents: list[Document]) -> list[DataError]:
    """Every use case carries the guide's own verdict (its answers in the main guide), not only the source's view."""
    tree = main_tree([d.data for d in _trees(documents)])
    if tree is None:
        return []
    return [doc.at(("id",), "id", f"use case '{doc.data['id']}' has no 'verdict'; give the answers it takes through "
                   f"the main guide '{tree['id']}' and the outcome they reach")
            for doc in documents if doc.collection == "use-cases" and "verdict" not in doc.data]


def check_article_claims_named(documents: list[Document]) -> list[DataError]:
    """A claim on an approach page that rests only on source articles (no model maker's page backs it) names the
    article, or 'the source articles', in its own text: the reader sees whose view it is."""
    sources = {d.data["id"]: d.data for d in documents if d.collection == "sources"}
    errors = []
    for doc in documents:
        if doc.collection != "approaches":
            continue
        for section in APPROACH_SECTIONS:
            for i, claim in enumerate(doc.data.get(section, [])):
                cited = list(dict.fromkeys(c.partition("#")[0] for c in claim.get("sources", [])))
                if not cited or not all(sources.get(s, {}).get("kind") == "article" for s in cited):
                    continue
                names = [sources[s]["name"] for s in cited]
                if not any(name.lower() in claim["text"].lower() for name in names + ["source article"]):
                    errors.append(doc.at((section, i, "text"), "", f"this claim rests only on {', '.join(names)}, "
                                         "which no model maker's page backs; name it in the text (or say 'the source "
                                         "articles') so that readers see whose view it is"))
    return errors
