"""Unit tests of the rule that holds each use case's stated verdict to the main guide, and of the real verdicts.

Each bad input is a one-line change to the minimal data; the assertion is the exact message, with file, line and column.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide import pipeline, verdicts
from guide.site import pages

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
SHOP = "use-cases/shop.yml"


def errors_with(tmp_path: Path, file: str, old: str, new: str) -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data, symlinks=False)
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [str(e) for e in pipeline.check(data)[1]]


def test_the_minimal_verdict_is_sound(tmp_path):
    assert errors_with(tmp_path, SHOP, "outcome: prompt", "outcome: prompt") == []


@pytest.mark.parametrize("old, new, message", [
    ("outcome: prompt}", "outcome: promt}",
     "data/use-cases/shop.yml:9:28: verdict.outcome: the answers lead the main guide to 'prompt', not to 'promt'; "
     "state the outcome they reach, or change the answers"),
    ('answers: ["no"]', 'answers: ["yes"]',
     "data/use-cases/shop.yml:9:29: verdict.outcome: the answers lead the main guide to 'retrieve', not to 'prompt'; "
     "state the outcome they reach, or change the answers"),
    ('answers: ["no"]', 'answers: ["maybe"]',
     "data/use-cases/shop.yml:9:11: verdict.answers: in the main guide 'main': answer 1 'maybe' is not an option of "
     "question 'need-data' (options: no, yes)"),
    ('answers: ["no"]', 'answers: ["no", "yes"]',
     "data/use-cases/shop.yml:9:11: verdict.answers: in the main guide 'main': answer 2 'yes' comes after the path has "
     "already ended at 'prompt'"),
    ('answers: ["no"], outcome: prompt}', 'answers: ["yes"], outcome: retrieve}',
     "data/use-cases/shop.yml:9:1: verdict: the guide's verdict 'retrieve' (rag) differs from the source's "
     "recommendation (prompt-engineering); add a 'note' saying why"),
    ("outcome: prompt}", "outcome: prompt, note: Because.}",
     "data/use-cases/shop.yml:9:45: verdict.note: the guide's verdict 'prompt' recommends what the source does "
     "(prompt-engineering); a note explains a difference, so remove it"),
], ids=["stated-outcome-differs", "answers-lead-elsewhere", "unknown-option", "answers-past-the-end",
        "difference-without-note", "note-without-difference"])
def test_a_verdict_the_answers_do_not_support(tmp_path, old, new, message):
    assert errors_with(tmp_path, SHOP, old, new) == [message]


def test_a_difference_with_a_note_is_accepted(tmp_path):
    assert errors_with(tmp_path, SHOP, 'answers: ["no"], outcome: prompt}',
                       'answers: ["yes"], outcome: retrieve, note: The shop has data.}') == []


def test_the_main_guide_takes_its_outcomes_use_cases_from_the_verdicts(tmp_path):
    assert errors_with(tmp_path, "decision-trees/main.yml", "    approaches: [rag]\n",
                       "    approaches: [rag]\n    use_cases: [shop]\n") == [
        "data/decision-trees/main.yml:24:5: outcomes[1].use_cases: the main guide lists the use cases of an outcome "
        "from each use case's 'verdict'; remove this list and give each use case a verdict that leads to 'retrieve'"]


def test_a_missing_verdict_is_a_schema_error(tmp_path):
    assert errors_with(tmp_path, SHOP, 'verdict: {answers: ["no"], outcome: prompt}\n', "") == [
        "data/use-cases/shop.yml:2:1: missing required field 'verdict'"]


def test_the_main_guide_is_the_tree_without_a_source():
    trees = [{"id": "b", "order": 2}, {"id": "s", "order": 0, "source": "x"}, {"id": "a", "order": 1}]
    assert verdicts.main_tree(trees)["id"] == "a"
    assert verdicts.main_tree([{"id": "s", "source": "x"}]) is None


# The real data.


USE_CASES = sorted(p.stem for p in (DATA / "use-cases").glob("*.yml"))


@pytest.mark.parametrize("use_case", USE_CASES, ids=[f"data/use-cases/{u}.yml" for u in USE_CASES])
def test_every_use_case_has_the_guides_verdict(model, use_case):
    assert use_case in model.derived.verdicts


# Fine-tuning alone is a poor fix for knowledge or privacy problems (the diagnosis page says so), so the use cases
# whose sources recommend it for those reasons get another verdict.
@pytest.mark.parametrize("use_case", ["financial-regulation-answers", "healthcare-clinical-knowledge",
                                      "medical-diagnostic-assistant", "confidential-document-summaries",
                                      "error-code-interpretation"])
def test_no_knowledge_or_privacy_problem_gets_fine_tuning_alone(model, use_case):
    verdict = model.derived.verdicts[use_case]
    assert verdict["approaches"] != ["fine-tuning"] and not verdict["agrees"]


@pytest.fixture(scope="module")
def rendered(model):
    return {p.src: p.markdown for p in pages(model)}


@pytest.mark.parametrize("use_case", USE_CASES, ids=[f"data/use-cases/{u}.yml" for u in USE_CASES])
def test_each_use_case_page_states_the_verdict_and_any_difference(model, rendered, use_case):
    page, item, verdict = rendered[f"use-cases/{use_case}.md"], model.get("use-cases", use_case), model.derived.verdicts[use_case]
    assert "## The guide's verdict" in page and f"#dt-guide--{verdict['outcome']})" in page
    assert ("**This differs from the source.**" in page) is (not verdict["agrees"])
    if not verdict["agrees"]:
        assert item["verdict"]["note"].split()[0] in page


def test_the_use_case_list_shows_both_recommendations(model, rendered):
    page = rendered["use-cases/index.md"]
    assert "<th scope=\"col\">Source recommends</th><th scope=\"col\">Guide's verdict</th>" in page
    assert page.count("<strong>differs</strong>") == sum(not v["agrees"] for v in model.derived.verdicts.values()) > 0
