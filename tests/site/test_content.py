"""The content pages as built: what they show and link (that every source is cited is a pipeline rule; that the
text is our own: tests/quality/test_own_words.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import real_model


ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()


def test_statistics_without_origin_are_marked_unverified(built_site):
    html = (built_site / "statistics" / "index.html").read_text(encoding="utf-8")
    for stat in MODEL.items["statistics"]:
        row = html.split(f'<tr id="{stat["id"]}">', 1)[1].split("</tr>", 1)[0]
        assert ("Unverified" in row) == (stat["id"] in MODEL.derived.unverified), stat["id"]


def test_synthesis_matrix_shows_disagreement(built_site):
    html = (built_site / "synthesis" / "index.html").read_text(encoding="utf-8")
    disagreements = [(row["aspect"]["id"], a) for row in MODEL.derived.synthesis
                     for a, cell in row["cells"].items() if cell["verdict"] == "disagree"]
    assert html.count("Sources differ:") == len(disagreements)
    assert html.count("<details>") == sum(1 for row in MODEL.derived.synthesis for c in row["cells"].values() if c["entries"])


def test_main_tree_asks_for_success_criteria_first_then_diagnoses():
    guide = MODEL.by_id["decision-trees"]["guide"]
    questions = {q["id"]: q for q in guide["questions"]}
    start = questions[guide["start"]]
    assert "anthropic-prompt-engineering#step-success-criteria" in start["sources"]
    assert {"success-criteria"} == {f for o in start["options"] for f in o.get("establishes", ())}
    diagnosis = questions["gap"]
    assert diagnosis["text"].startswith("Diagnose")
    assert {"knowledge", "behaviour", "both", "live-data", "efficiency"} <= {o["id"] for o in diagnosis["options"]}
    assert "openai-accuracy#claim-two-axes" in diagnosis["sources"]
