"""Lays out a decision tree as a left-to-right diagram: boxes for questions and outcomes, edges labelled with answers.

Called from the tree page's template (registered in `render.environment()`), which draws the SVG in
decision-trees/diagram.html.j2; MkDocs-free, so the tests measure the layout directly.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from .tree_view import anchor, outline, plain_text

BOX_WIDTH = 200
COLUMN_GAP = 130      # the room between columns, where each edge shows its answer
LINE_HEIGHT = 16
LABEL_LINE_HEIGHT = 14
PADDING = 8
ROW_GAP = 16
MARGIN = 12
BOX_CHARS = 25        # characters per line in a box (13px text in a 200px box, with padding)
LABEL_CHARS = 17      # characters per line of an answer on an edge
BOX_LINES = {"question": 5, "outcome": 4, "see-question": 3}
LABEL_LINES = 3


@dataclass(frozen=True)
class Box:
    kind: str            # 'question', 'outcome' or 'see-question' (a question already drawn elsewhere)
    node_id: str
    anchor: str          # the outline's anchor for this node
    lines: tuple[str, ...]
    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Edge:
    path: str            # SVG path data from the parent's right side to the child's left side
    label: tuple[str, ...]
    label_x: int         # right end of the label (text-anchor: end), just before the child
    label_y: int         # baseline of the label's last line, just above the edge


@dataclass(frozen=True)
class Diagram:
    width: int
    height: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    questions: int
    outcomes: int


def wrap(text: str, width: int, max_lines: int) -> tuple[str, ...]:
    """Text broken into at most max_lines lines of about `width` characters; an ellipsis marks a cut."""
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 2].rstrip() + " …"
    return tuple(lines)


@dataclass
class _Node:
    kind: str
    node_id: str
    lines: tuple[str, ...]
    children: list[tuple[tuple[str, ...], _Node]]
    height: int = 0          # of the box
    span: int = 0            # of the whole subtree


def _display_tree(tree_id: str, shape: dict) -> _Node:
    node = _Node("question", shape["id"], wrap(plain_text(shape["node"]["text"]), BOX_CHARS, BOX_LINES["question"]), [])
    for entry in shape["options"]:
        option, then = entry["option"], entry["then"]
        label = wrap(plain_text(option.get("short_label") or option["label"]), LABEL_CHARS, LABEL_LINES)
        if then["kind"] == "question":
            child = _display_tree(tree_id, then["nested"])
        elif then["kind"] == "outcome":
            child = _Node("outcome", then["id"], wrap(plain_text(then["node"]["title"]), BOX_CHARS, BOX_LINES["outcome"]), [])
        else:
            text = "Continue at: " + plain_text(then["node"]["text"])
            child = _Node("see-question", then["id"], wrap(text, BOX_CHARS, BOX_LINES["see-question"]), [])
        node.children.append((label, child))
    return node


def _measure(node: _Node) -> int:
    node.height = 2 * PADDING + LINE_HEIGHT * len(node.lines)
    if node.children:
        block = sum(_measure(child) for _, child in node.children) + ROW_GAP * (len(node.children) - 1)
        node.span = max(node.height, block)
    else:
        node.span = node.height
    return node.span


def layout(tree) -> Diagram:
    """Positions of every box and edge, in pixels; a question reached twice is drawn once, then referred to."""
    tree_id = tree["id"]
    root = _display_tree(tree_id, outline(tree))
    _measure(root)
    boxes: list[Box] = []
    edges: list[Edge] = []
    depth_max = 0

    def place(node: _Node, depth: int, top: int) -> int:
        """Place the subtree in [top, top + span); return the box's vertical centre."""
        nonlocal depth_max
        depth_max = max(depth_max, depth)
        x = MARGIN + depth * (BOX_WIDTH + COLUMN_GAP)
        if node.children:
            block = sum(child.span for _, child in node.children) + ROW_GAP * (len(node.children) - 1)
            child_top = top + (node.span - block) // 2
            centres = []
            for label, child in node.children:
                centres.append((label, child, place(child, depth + 1, child_top)))
                child_top += child.span + ROW_GAP
            centre = (centres[0][2] + centres[-1][2]) // 2
            centre = min(max(centre, top + node.height // 2), top + node.span - node.height // 2)
            x1, x2 = x + BOX_WIDTH, x + BOX_WIDTH + COLUMN_GAP
            for label, child, child_centre in centres:
                bend = COLUMN_GAP // 2
                edges.append(Edge(f"M{x1} {centre} C{x1 + bend} {centre} {x2 - bend} {child_centre} {x2} {child_centre}",
                                  label, x2 - 6, child_centre - 5))
        else:
            centre = top + node.span // 2
        anchor_id = anchor(tree_id, node.node_id)
        boxes.append(Box(node.kind, node.node_id, anchor_id, node.lines, x, centre - node.height // 2, BOX_WIDTH, node.height))
        return centre

    place(root, 0, MARGIN)
    width = 2 * MARGIN + (depth_max + 1) * BOX_WIDTH + depth_max * COLUMN_GAP
    height = 2 * MARGIN + root.span
    return Diagram(width, height, tuple(boxes), tuple(edges), len(tree["questions"]), len(tree["outcomes"]))
