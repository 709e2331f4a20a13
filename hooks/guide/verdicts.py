"""The guide's own verdict on each use case: its declared answers walked through the main guide.

The rule runs in `pipeline.py` at every build and check; `model.py` uses `main_tree()` and `walk_verdict()`.
"""
from __future__ import annotations

from .decision_tree import nodes, walk
from .documents import Document
from .errors import DataError


def main_tree(trees) -> dict | None:
    """The main guide: the one decision tree that is not a source's own (it has no 'source')."""
    own = sorted((t for t in trees if "source" not in t), key=lambda t: (t.get("order", 0), t["id"]))
    return own[0] if own else None


def walk_verdict(tree: dict, answers) -> tuple[str | None, str | None]:
    """(outcome id, None) where the answers end at an outcome, else (None, what went wrong)."""
    reached, problem = walk(tree, list(answers))
    if problem:
        return None, problem
    if nodes(tree)[reached][0] != "outcomes":
        return None, f"the answers stop at question '{reached}' before any outcome"
    return reached, None


def _names(ids) -> str:
    return " + ".join(ids)


def check_use_case_verdicts(documents: list[Document]) -> list[DataError]:
    """Each use case's answers lead the main guide to the outcome its page states; a verdict whose approaches
    differ from the source's recommendation says why, and one that agrees has nothing to explain. The main
    guide's outcomes take their use cases from these verdicts, so they do not list them."""
    tree_docs = [d for d in documents if d.collection == "decision-trees"]
    tree = main_tree([d.data for d in tree_docs])
    errors: list[DataError] = []
    if tree is None:
        return errors
    tree_doc = next(d for d in tree_docs if d.data is tree)
    for i, outcome in enumerate(tree["outcomes"]):
        if "use_cases" in outcome:
            errors.append(tree_doc.at(("outcomes", i, "use_cases"), "",
                                      f"the main guide lists the use cases of an outcome from each use case's 'verdict'; "
                                      f"remove this list and give each use case a verdict that leads to '{outcome['id']}'"))
    index = nodes(tree)
    for doc in documents:
        if doc.collection != "use-cases" or "verdict" not in doc.data:
            continue
        verdict = doc.data["verdict"]
        reached, problem = walk_verdict(tree, verdict["answers"])
        if problem:
            errors.append(doc.at(("verdict", "answers"), "", f"in the main guide '{tree['id']}': {problem}"))
            continue
        if reached != verdict["outcome"]:
            errors.append(doc.at(("verdict", "outcome"), "",
                                 f"the answers lead the main guide to '{reached}', not to '{verdict['outcome']}'; "
                                 "state the outcome they reach, or change the answers"))
            continue
        guide, source = index[reached][2]["approaches"], doc.data["approaches"]
        if set(guide) != set(source) and "note" not in verdict:
            errors.append(doc.at(("verdict",), "",
                                 f"the guide's verdict '{reached}' ({_names(guide)}) differs from the source's "
                                 f"recommendation ({_names(source)}); add a 'note' saying why"))
        elif set(guide) == set(source) and "note" in verdict:
            errors.append(doc.at(("verdict", "note"), "",
                                 f"the guide's verdict '{reached}' recommends what the source does ({_names(source)}); "
                                 "a note explains a difference, so remove it"))
    return errors
