"""Shapes a decision tree into the diagram on its page: boxes for questions and outcomes, one below the other,
each answer on the branch that leads from a question to what follows it.

Called from the tree page's template (registered in `render.TEMPLATE_GLOBALS`), which draws it as nested lists in
decision-trees/diagram.html.j2; the layout is the stylesheet's, so the diagram wraps its text to any column.
"""
from __future__ import annotations

from dataclasses import dataclass

from .tree_view import anchor, outline, plain_text


@dataclass(frozen=True)
class Node:
    kind: str                    # 'question', 'outcome' or 'see-question' (a question already drawn elsewhere)
    node_id: str
    anchor: str                  # the outline's anchor for this node: every box links to it
    text: str
    branches: tuple[Branch, ...]


@dataclass(frozen=True)
class Branch:
    answer: str                  # the answer's short label (or label)
    anchor: str                  # the outline's anchor of that answer
    node: Node


@dataclass(frozen=True)
class Diagram:
    root: Node
    questions: int
    outcomes: int
    depth: int                   # the most questions on one path from the start to a recommendation


def _node(tree_id: str, shape: dict) -> Node:
    branches = []
    for entry in shape["options"]:
        option, then = entry["option"], entry["then"]
        if then["kind"] == "question":
            child = _node(tree_id, then["nested"])
        elif then["kind"] == "outcome":
            child = Node("outcome", then["id"], anchor(tree_id, then["id"]), plain_text(then["node"]["title"]), ())
        else:
            child = Node("see-question", then["id"], anchor(tree_id, then["id"]), plain_text(then["node"]["text"]), ())
        branches.append(Branch(plain_text(option.get("short_label") or option["label"]),
                               anchor(tree_id, shape["id"], option["id"]), child))
    return Node("question", shape["id"], anchor(tree_id, shape["id"]), plain_text(shape["node"]["text"]), tuple(branches))


def _depth(tree) -> int:
    questions = {q["id"]: q for q in tree["questions"]}
    memo: dict[str, int] = {}

    def most(node_id: str) -> int:
        if node_id not in questions:
            return 0
        if node_id not in memo:
            memo[node_id] = 1 + max(most(o["next"]) for o in questions[node_id]["options"])
        return memo[node_id]

    return most(tree["start"])


def layout(tree) -> Diagram:
    """The tree in depth-first order from the start; a question reached twice is drawn once, then referred to."""
    return Diagram(_node(tree["id"], outline(tree)), len(tree["questions"]), len(tree["outcomes"]), _depth(tree))
