"""The whole-tree diagram (hooks/guide/tree_diagram.py): every question, answer and recommendation drawn once,
in the outline's order, each box linked to its outline entry. Built from the real trees and a tiny inline one.

How it looks on a page (fits the column, words never cut) is checked in Chromium in tests/browser/test_reader_paths.py.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import real_model

from guide import tree_diagram, tree_view

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
TREES = MODEL.items["decision-trees"]


def nodes(node):
    yield node
    for branch in node.branches:
        yield from nodes(branch.node)


def branches(node):
    for branch in node.branches:
        yield node, branch
        yield from branches(branch.node)


@pytest.mark.parametrize("tree", TREES, ids=[f"data/decision-trees/{t['id']}.yml" for t in TREES])
def test_every_answer_and_recommendation_is_drawn(tree):
    d = tree_diagram.layout(tree)
    drawn = list(nodes(d.root))
    assert sorted(n.node_id for n in drawn if n.kind == "question") == sorted(q["id"] for q in tree["questions"])
    assert {n.node_id for n in drawn if n.kind == "outcome"} == {o["id"] for o in tree["outcomes"]}
    assert sorted((q.node_id, b.anchor) for q, b in branches(d.root)) == sorted(
        (q["id"], tree_view.anchor(tree["id"], q["id"], o["id"])) for q in tree["questions"] for o in q["options"])
    assert (d.questions, d.outcomes) == (len(tree["questions"]), len(tree["outcomes"]))


@pytest.mark.parametrize("tree", TREES, ids=[f"data/decision-trees/{t['id']}.yml" for t in TREES])
def test_each_box_links_to_its_outline_entry_and_keeps_its_whole_text(tree):
    questions = {q["id"]: q for q in tree["questions"]}
    outcomes = {o["id"]: o for o in tree["outcomes"]}
    for node in nodes(tree_diagram.layout(tree).root):
        assert node.anchor == tree_view.anchor(tree["id"], node.node_id)
        whole = questions[node.node_id]["text"] if node.kind != "outcome" else outcomes[node.node_id]["title"]
        assert node.text == tree_view.plain_text(whole), "a box shows its text whole, never cut"


def test_depth_is_the_most_questions_on_one_path():
    tree = {"id": "t", "start": "a", "outcomes": [{"id": "x", "title": "X"}, {"id": "y", "title": "Y"}],
            "questions": [
                {"id": "a", "text": "A?", "options": [{"id": "1", "label": "One", "next": "x"},
                                                       {"id": "2", "label": "Two", "next": "b"}]},
                {"id": "b", "text": "B?", "options": [{"id": "1", "label": "One", "next": "c"},
                                                       {"id": "2", "label": "Two", "next": "y"}]},
                {"id": "c", "text": "C?", "options": [{"id": "1", "label": "One", "short_label": "1", "next": "y"}]},
            ]}
    d = tree_diagram.layout(tree)
    assert d.depth == 3
    assert [b.answer for b in d.root.branches] == ["One", "Two"]
    assert d.root.branches[0].node.kind == "outcome"
    assert d.root.branches[1].node.branches[0].node.branches[0].answer == "1"   # the short label where there is one


def test_a_question_reached_twice_is_drawn_once_then_referred_to():
    tree = {"id": "t", "start": "a", "outcomes": [{"id": "x", "title": "X"}],
            "questions": [
                {"id": "a", "text": "A?", "options": [{"id": "1", "label": "One", "next": "b"},
                                                       {"id": "2", "label": "Two", "next": "b"}]},
                {"id": "b", "text": "B?", "options": [{"id": "1", "label": "One", "next": "x"}]},
            ]}
    first, second = (b.node for b in tree_diagram.layout(tree).root.branches)
    assert (first.kind, second.kind) == ("question", "see-question")
    assert second.anchor == first.anchor and second.branches == ()
