"""Soundness of decision trees (no cycles, no dead ends, nothing unreachable), worked examples, and walking a path.

The rules run in `pipeline.py` at every build and check; `walk()` also serves the tests and the site.
"""
from __future__ import annotations

from .documents import Document
from .errors import DataError


def nodes(tree: dict) -> dict[str, tuple[str, int, dict]]:
    """Question and outcome ids -> (kind, index, node); first definition wins."""
    found = {}
    for kind in ("questions", "outcomes"):
        for i, node in enumerate(tree[kind]):
            found.setdefault(node["id"], (kind, i, node))
    return found


def walk(tree: dict, answers: list[str]) -> tuple[str | None, str | None]:
    """Follow option ids from the start. Returns (node id reached, None) or (None, what went wrong)."""
    index = nodes(tree)
    current = tree["start"]
    for step, answer in enumerate(answers):
        kind, _, node = index.get(current, (None, None, None))
        if kind != "questions":
            return None, f"answer {step + 1} '{answer}' comes after the path has already ended at '{current}'"
        options = {o["id"]: o["next"] for o in node["options"]}
        if answer not in options:
            return None, f"answer {step + 1} '{answer}' is not an option of question '{current}' (options: {', '.join(options)})"
        current = options[answer]
    return current, None


def check_tree(doc: Document) -> list[DataError]:
    """The tree's structure is sound, and then its worked examples end where they say."""
    errors = check_structure(doc)
    return errors or check_examples(doc)


def check_structure(doc: Document) -> list[DataError]:
    """Ids unique, a real start, two or more distinct options per question, no dead end, no cycle, nothing unreachable."""
    tree = doc.data
    errors: list[DataError] = []
    index = nodes(tree)

    for kind in ("questions", "outcomes"):
        for i, node in enumerate(tree[kind]):
            first_kind, first_i, _ = index[node["id"]]
            if (first_kind, first_i) != (kind, i):
                errors.append(doc.at((kind, i, "id"), "", f"'{node['id']}' is already the id of {first_kind}[{first_i}]; "
                                     "question and outcome ids must be unique within a tree"))

    if index.get(tree["start"], ("",))[0] != "questions":
        errors.append(doc.at(("start",), "start", f"'{tree['start']}' is not a question of this tree"))

    for qi, question in enumerate(tree["questions"]):
        options = question["options"]
        if len(options) < 2:
            errors.append(doc.at(("questions", qi, "options"), "", f"question '{question['id']}' has {len(options)} option; "
                                 "a question needs at least two"))
        seen = set()
        for oi, option in enumerate(options):
            if option["id"] in seen:
                errors.append(doc.at(("questions", qi, "options", oi, "id"), "",
                                     f"option '{option['id']}' appears twice in question '{question['id']}'"))
            seen.add(option["id"])
            if option["next"] not in index:
                errors.append(doc.at(("questions", qi, "options", oi, "next"), "",
                                     f"'{option['next']}' is neither a question nor an outcome of this tree (dead end)"))
    if errors:
        return errors

    # Depth-first search from the start: a grey node met again closes a cycle.
    state: dict[str, str] = {}
    stack_path: list[str] = []

    def visit(node_id: str):
        state[node_id] = "grey"
        stack_path.append(node_id)
        kind, qi, node = index[node_id]
        if kind == "questions":
            for oi, option in enumerate(node["options"]):
                target = option["next"]
                if state.get(target) == "grey":
                    loop = stack_path[stack_path.index(target):] + [target]
                    errors.append(doc.at(("questions", qi, "options", oi, "next"), "",
                                         f"cycle: {' -> '.join(loop)}; every path must end at an outcome"))
                elif target not in state:
                    visit(target)
        stack_path.pop()
        state[node_id] = "black"

    visit(tree["start"])
    for kind, label in (("questions", "question"), ("outcomes", "outcome")):
        for i, node in enumerate(tree[kind]):
            if node["id"] not in state:
                errors.append(doc.at((kind, i, "id"), "", f"{label} '{node['id']}' cannot be reached from the start '{tree['start']}'"))
    return errors


def check_examples(doc: Document) -> list[DataError]:
    """Each worked example's answers walk from the start to the outcome it names."""
    tree = doc.data
    index = nodes(tree)
    errors: list[DataError] = []
    for ei, example in enumerate(tree["examples"]):
        reached, problem = walk(tree, example["answers"])
        if problem:
            errors.append(doc.at(("examples", ei, "answers"), "", problem))
        elif index[reached][0] != "outcomes":
            errors.append(doc.at(("examples", ei, "answers"), "", f"the answers stop at question '{reached}' before any outcome"))
        elif example["outcome"] not in {o["id"] for o in tree["outcomes"]}:
            errors.append(doc.at(("examples", ei, "outcome"), "", f"'{example['outcome']}' is not an outcome of this tree "
                                 f"(outcomes: {', '.join(o['id'] for o in tree['outcomes'])})"))
        elif reached != example["outcome"]:
            errors.append(doc.at(("examples", ei, "outcome"), "", f"the answers lead to '{reached}', not to '{example['outcome']}'"))
    return errors


def check_framework(doc: Document, frameworks: dict[str, dict]) -> list[DataError]:
    """A tree that names the framework it turns into questions names a known one, from the tree's own source."""
    tree = doc.data
    if "framework" not in tree:
        return []
    framework = frameworks.get(tree["framework"])
    if framework is None:
        return [doc.at(("framework",), "framework", f"'{tree['framework']}' is not a known framework "
                       f"(known: {', '.join(sorted(frameworks)) or 'none'})")]
    if framework["source"] != tree.get("source"):
        return [doc.at(("framework",), "framework", f"the framework '{tree['framework']}' comes from '{framework['source']}', "
                       f"so the tree's 'source' must be '{framework['source']}'")]
    return []


def check_trees(documents: list[Document]) -> list[DataError]:
    """Every decision tree is sound, its worked examples end where they say, and its framework matches its source."""
    frameworks = {d.data["id"]: d.data for d in documents if d.collection == "frameworks"}
    return [e for doc in documents if doc.collection == "decision-trees"
            for e in check_tree(doc) + check_framework(doc, frameworks)]


def check_use_case_answers(documents: list[Document]) -> list[DataError]:
    """A use case's answers in a source's own tree lead it to an outcome that recommends the source's approaches."""
    trees = {d.data["id"]: d.data for d in documents if d.collection == "decision-trees"}
    errors = []
    for doc in documents:
        declared = doc.data.get("tree_answers") if doc.collection == "use-cases" else None
        if not declared or declared["tree"] not in trees:
            continue
        tree = trees[declared["tree"]]
        if "source" not in tree:
            errors.append(doc.at(("tree_answers", "tree"), "", f"'{tree['id']}' is the main guide, whose answers go in "
                                 "'verdict'; 'tree_answers' is for a source's own tree"))
            continue
        reached, problem = walk(tree, declared["answers"])
        if problem is None and reached not in {o["id"] for o in tree["outcomes"]}:
            problem = f"the answers stop at question '{reached}' before any outcome"
        if problem:
            errors.append(doc.at(("tree_answers", "answers"), "", problem))
            continue
        outcome = nodes(tree)[reached][2]
        if set(outcome["approaches"]) != set(doc.data["approaches"]):
            errors.append(doc.at(("tree_answers", "answers"), "",
                                 f"the tree '{tree['id']}' leads to '{reached}' ({', '.join(outcome['approaches'])}), "
                                 f"but this use case recommends {', '.join(doc.data['approaches'])}"))
    return errors
