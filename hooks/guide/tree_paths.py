"""Rules that read every path of a decision tree: outcome preconditions, the tree's declared policy, the scenario benchmark.

Run by `pipeline.py` after the structural rules of `decision_tree.py`, at every build and check; the tests use `paths()`.
"""
from __future__ import annotations

from .decision_tree import check_structure, nodes, walk
from .documents import Document
from .errors import DataError

MAX_QUESTIONS = 6  # the most questions a reader answers on any path of a tree with the 'at-most-six-questions' policy

# What an answer may establish (an option's `establishes`), and the policy rule that asks for each fact.
MEASURED_PROMPT = "measured-prompt"
SUCCESS_CRITERIA = "success-criteria"
POLICY_RULES = ("success-criteria-first", "measured-prompt-before-fine-tuning", "at-most-six-questions")


def paths(tree: dict) -> list[list[tuple[str, dict]]]:
    """Every path from the start to an outcome, as (question id, chosen option) pairs in order.

    A path that loops or leads nowhere is left out: `decision_tree.check_tree` reports those.
    """
    index = nodes(tree)
    found: list[list[tuple[str, dict]]] = []

    def follow(node_id: str, so_far: list[tuple[str, dict]]):
        kind = index.get(node_id, (None,))[0]
        if kind == "outcomes":
            found.append(so_far)
            return
        if kind != "questions" or any(question == node_id for question, _ in so_far):
            return
        for option in index[node_id][2]["options"]:
            follow(option["next"], so_far + [(node_id, option)])

    follow(tree["start"], [])
    return found


def path_text(path: list[tuple[str, dict]]) -> str:
    """A path as a reader could retrace it: 'criteria=yes / gap=knowledge'."""
    return " / ".join(f"{question}={option['id']}" for question, option in path)


def _outcome_index(tree: dict) -> dict[str, int]:
    return {o["id"]: i for i, o in enumerate(tree["outcomes"])}


def alternatives(outcome: dict) -> list[dict]:
    """An outcome's `requires` as a list of alternatives, each a mapping question id -> allowed option ids.

    `requires` is one mapping, or a list of mappings of which a path must satisfy at least one.
    """
    stated = outcome.get("requires", {})
    return list(stated) if isinstance(stated, (list, tuple)) else ([stated] if stated else [])


def _unmet(alternative: dict, answered: dict) -> list[tuple[str, str]]:
    """The (question id, problem) pairs of one alternative that a path's answers do not meet."""
    unmet = []
    for question_id, allowed in alternative.items():
        if question_id not in answered:
            unmet.append((question_id, "never asks it"))
        elif answered[question_id] not in allowed:
            unmet.append((question_id, f"answers '{answered[question_id]}'"))
    return unmet


def _describe(alternative: dict) -> str:
    return " and ".join(f"'{q}' to be answered {' or '.join(allowed)}" for q, allowed in alternative.items())


def check_requires(doc: Document) -> list[DataError]:
    """No path reaches an outcome whose stated preconditions (`requires`, `excludes`) it contradicts or skips."""
    tree = doc.data
    index = nodes(tree)
    positions = _outcome_index(tree)
    errors: list[DataError] = []
    for oi, outcome in enumerate(tree["outcomes"]):
        listed = isinstance(outcome.get("requires"), (list, tuple))
        for ai, alternative in enumerate(alternatives(outcome)):
            base = ("outcomes", oi, "requires", ai) if listed else ("outcomes", oi, "requires")
            for question_id, allowed in alternative.items():
                node = index.get(question_id)
                if node is None or node[0] != "questions":
                    errors.append(doc.at(base + (question_id,), "", f"'{question_id}' is not a question of this tree"))
                    continue
                options = [o["id"] for o in node[2]["options"]]
                unknown = [a for a in allowed if a not in options]
                if unknown:
                    errors.append(doc.at(base + (question_id,), "",
                                         f"{', '.join(repr(a) for a in unknown)} is not an option of question '{question_id}' "
                                         f"(options: {', '.join(options)})"))
    if errors:
        return errors
    reported: set[tuple[str, str]] = set()
    for path in paths(tree):
        outcome_id = _end(tree, path)
        outcome = tree["outcomes"][positions[outcome_id]]
        answered = {question: option["id"] for question, option in path}
        facts = {fact for _, option in path for fact in option.get("establishes", ())}
        for fact in outcome.get("excludes", ()):
            if fact in facts and (outcome_id, fact) not in reported:
                reported.add((outcome_id, fact))
                errors.append(doc.at(("outcomes", positions[outcome_id], "excludes"), "",
                                     f"the path {path_text(path)} reaches '{outcome_id}' after an answer that establishes "
                                     f"{fact.replace('-', ' ')}, which its rationale says is missing"))
        options = alternatives(outcome)
        if len(options) > 1:
            if any(not _unmet(alternative, answered) for alternative in options) or (outcome_id, "") in reported:
                continue
            reported.add((outcome_id, ""))
            errors.append(doc.at(("outcomes", positions[outcome_id], "requires"), "",
                                 f"the path {path_text(path)} reaches '{outcome_id}' but meets none of its preconditions; "
                                 f"its rationale requires {', or '.join(_describe(a) for a in options)}"))
            continue
        for question_id, problem in (_unmet(options[0], answered) if options else ()):
            if (outcome_id, question_id) in reported:
                continue
            reported.add((outcome_id, question_id))
            errors.append(doc.at(("outcomes", positions[outcome_id], "requires", question_id), "",
                                 f"the path {path_text(path)} reaches '{outcome_id}' but {problem}; "
                                 f"its rationale requires '{question_id}' to be answered {' or '.join(options[0][question_id])}"))
    return errors


def _end(tree: dict, path: list[tuple[str, dict]]) -> str:
    return path[-1][1]["next"] if path else tree["start"]


def check_policy(doc: Document) -> list[DataError]:
    """The policy rules a tree declares: at most MAX_QUESTIONS questions on a path; no path reaches fine-tuning
    without a measured prompt, nor retrieval or fine-tuning without success criteria."""
    tree = doc.data
    declared = set(tree.get("policy", ()))
    if not declared:
        return []
    positions = _outcome_index(tree)
    errors: list[DataError] = []
    reported: set[tuple[str, str]] = set()
    for path in paths(tree):
        outcome_id = _end(tree, path)
        oi = positions[outcome_id]
        approaches = set(tree["outcomes"][oi]["approaches"])
        facts = {fact for _, option in path for fact in option.get("establishes", ())}
        checks = [
            ("at-most-six-questions", len(path) > MAX_QUESTIONS,
             f"the path {path_text(path)} asks {len(path)} questions; the tree's policy allows at most {MAX_QUESTIONS}"),
            ("measured-prompt-before-fine-tuning", "fine-tuning" in approaches and MEASURED_PROMPT not in facts,
             f"the path {path_text(path)} reaches '{outcome_id}', which includes fine-tuning, without an answer that "
             f"establishes a measured prompt; ask whether a careful prompt was measured first"),
            ("success-criteria-first", approaches & {"rag", "fine-tuning"} and SUCCESS_CRITERIA not in facts,
             f"the path {path_text(path)} reaches '{outcome_id}', a build decision, without an answer that "
             f"establishes success criteria; ask for a definition of a good answer first"),
        ]
        for rule, broken, message in checks:
            if rule in declared and broken and (outcome_id, rule) not in reported:
                reported.add((outcome_id, rule))
                errors.append(doc.at(("outcomes", oi, "id"), "", message))
    return errors


def check_scenarios(doc: Document) -> list[DataError]:
    """Every case of the scenario benchmark reaches the outcome it expects; ids are unique. Errors name the case."""
    tree = doc.data
    outcomes = [o["id"] for o in tree["outcomes"]]
    errors: list[DataError] = []
    seen: set[str] = set()
    for si, case in enumerate(tree.get("scenarios", ())):
        name = case["id"]
        if name in seen:
            errors.append(doc.at(("scenarios", si, "id"), "", f"case '{name}' appears twice; case ids must be unique"))
        seen.add(name)
        reached, problem = walk(tree, case["answers"])
        if problem is None and reached not in outcomes:
            problem = f"the answers stop at question '{reached}' before any outcome"
        if problem:
            errors.append(doc.at(("scenarios", si, "answers"), "", f"case '{name}': {problem}"))
        elif case["outcome"] not in outcomes:
            errors.append(doc.at(("scenarios", si, "outcome"), "", f"case '{name}': '{case['outcome']}' is not an outcome "
                                 f"of this tree (outcomes: {', '.join(outcomes)})"))
        elif reached != case["outcome"]:
            errors.append(doc.at(("scenarios", si, "outcome"), "", f"case '{name}': the answers lead to '{reached}', "
                                 f"not to '{case['outcome']}'"))
    return errors


def check_tree_paths(documents: list[Document]) -> list[DataError]:
    """The path rules over every decision tree whose structure is sound (structural errors are reported once, elsewhere)."""
    errors = []
    for doc in documents:
        if doc.collection != "decision-trees" or check_structure(doc):
            continue
        errors.extend(check_requires(doc) + check_policy(doc) + check_scenarios(doc))
    return errors
