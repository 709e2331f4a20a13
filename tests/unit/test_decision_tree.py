"""Unit tests of the decision-tree rules, the tree's JSON, outline and diagram layout, and the real trees' coverage.

Each bad tree is a tiny inline file; the assertion is the exact message, with file, line and column.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from guide import decision_tree, pipeline, tree_paths, tree_view
from guide.documents import Document
from guide.strict_yaml import parse

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
FILE = "data/decision-trees/t.yml"


def tree_doc(text: str, file: str = FILE, collection: str = "decision-trees") -> Document:
    data, positions, errors = parse(text.encode("utf-8"), file)
    assert errors == [], errors
    return Document(file, collection, Path(file).stem, data, positions)


def tree_errors(text: str) -> list[str]:
    return [str(e) for e in decision_tree.check_tree(tree_doc(text))]


# Line numbers in the messages below count from the first line of each inline tree.
SOUND = """\
id: t
start: a
questions:
  - id: a
    options:
      - {id: "yes", label: "Yes", next: b}
      - {id: "no", label: "No", next: done}
  - id: b
    options:
      - {id: "yes", label: "Yes", next: done}
      - {id: "no", label: "No", next: other}
outcomes:
  - {id: done, approaches: [rag]}
  - {id: other, approaches: [fine-tuning]}
examples:
  - {name: E, answers: ["yes", "no"], outcome: other}
"""


def test_a_sound_tree_has_no_errors():
    assert tree_errors(SOUND) == []


def test_cycle_names_the_loop_and_the_option_that_closes_it():
    assert tree_errors("""\
id: t
start: a
questions:
  - id: a
    options:
      - {id: "yes", label: "Yes", next: b}
      - {id: "no", label: "No", next: done}
  - id: b
    options:
      - {id: "yes", label: "Yes", next: a}
      - {id: "no", label: "No", next: done}
outcomes:
  - {id: done, approaches: [rag]}
examples:
  - {name: E, answers: ["no"], outcome: done}
""") == ["data/decision-trees/t.yml:10:35: questions[1].options[0].next: cycle: a -> b -> a; every path must end at an outcome"]


def test_unreachable_question_and_outcome():
    assert tree_errors("""\
id: t
start: a
questions:
  - id: a
    options:
      - {id: "yes", label: "Yes", next: done}
      - {id: "no", label: "No", next: done}
  - id: lonely
    options:
      - {id: "yes", label: "Yes", next: spare}
      - {id: "no", label: "No", next: done}
outcomes:
  - {id: done, approaches: [rag]}
  - {id: spare, approaches: [rag]}
examples:
  - {name: E, answers: ["no"], outcome: done}
""") == ["data/decision-trees/t.yml:8:5: questions[1].id: question 'lonely' cannot be reached from the start 'a'",
         "data/decision-trees/t.yml:14:6: outcomes[1].id: outcome 'spare' cannot be reached from the start 'a'"]


def test_dangling_target_is_a_dead_end():
    assert tree_errors("""\
id: t
start: a
questions:
  - id: a
    options:
      - {id: "yes", label: "Yes", next: done}
      - {id: "no", label: "No", next: nowhere}
outcomes:
  - {id: done, approaches: [rag]}
examples:
  - {name: E, answers: ["yes"], outcome: done}
""") == ["data/decision-trees/t.yml:7:33: questions[0].options[1].next: "
         "'nowhere' is neither a question nor an outcome of this tree (dead end)"]


def test_question_with_one_option():
    assert tree_errors("""\
id: t
start: a
questions:
  - id: a
    options:
      - {id: "yes", label: "Yes", next: done}
outcomes:
  - {id: done, approaches: [rag]}
examples:
  - {name: E, answers: ["yes"], outcome: done}
""") == ["data/decision-trees/t.yml:5:5: questions[0].options: question 'a' has 1 option; a question needs at least two"]


def test_duplicate_ids_start_and_options():
    assert tree_errors("""\
id: t
start: done
questions:
  - id: a
    options:
      - {id: "yes", label: "Yes", next: done}
      - {id: "yes", label: "Yes again", next: done}
outcomes:
  - {id: done, approaches: [rag]}
  - {id: a, approaches: [rag]}
examples:
  - {name: E, answers: ["yes"], outcome: done}
""") == [
        "data/decision-trees/t.yml:10:6: outcomes[1].id: 'a' is already the id of questions[0]; "
        "question and outcome ids must be unique within a tree",
        "data/decision-trees/t.yml:2:1: start: 'done' is not a question of this tree",
        "data/decision-trees/t.yml:7:10: questions[0].options[1].id: option 'yes' appears twice in question 'a'",
    ]


@pytest.mark.parametrize("example, message", [
    ('{name: E, answers: ["yes", "no"], outcome: done}',
     "data/decision-trees/t.yml:16:39: examples[0].outcome: the answers lead to 'other', not to 'done'"),
    ('{name: E, answers: ["maybe"], outcome: done}',
     "data/decision-trees/t.yml:16:15: examples[0].answers: answer 1 'maybe' is not an option of question 'a' (options: yes, no)"),
    ('{name: E, answers: ["yes"], outcome: done}',
     "data/decision-trees/t.yml:16:15: examples[0].answers: the answers stop at question 'b' before any outcome"),
    ('{name: E, answers: ["no", "yes"], outcome: done}',
     "data/decision-trees/t.yml:16:15: examples[0].answers: answer 2 'yes' comes after the path has already ended at 'done'"),
    ('{name: E, answers: ["no"], outcome: dnoe}',
     "data/decision-trees/t.yml:16:32: examples[0].outcome: 'dnoe' is not an outcome of this tree (outcomes: done, other)"),
], ids=["wrong-outcome", "unknown-option", "stops-early", "too-many-answers", "unknown-outcome"])
def test_bad_worked_example(example, message):
    lines = SOUND.splitlines()
    assert lines[15].startswith("  - {name: E")
    lines[15] = "  - " + example
    assert tree_errors("\n".join(lines) + "\n") == [message]


def test_walk_follows_options_and_reports_the_first_problem():
    tree = tree_doc(SOUND).data
    assert decision_tree.walk(tree, []) == ("a", None)
    assert decision_tree.walk(tree, ["yes", "no"]) == ("other", None)
    assert decision_tree.walk(tree, ["no", "no"]) == (None, "answer 2 'no' comes after the path has already ended at 'done'")


def test_framework_must_exist_and_share_the_trees_source():
    frameworks = {"alpha-order": {"id": "alpha-order", "source": "alpha"}}
    good = tree_doc("id: t\nsource: alpha\nframework: alpha-order\n")
    unknown = tree_doc("id: t\nsource: alpha\nframework: alpha-steps\n")
    other = tree_doc("id: t\nsource: beta\nframework: alpha-order\n")
    assert decision_tree.check_framework(good, frameworks) == []
    assert [str(e) for e in decision_tree.check_framework(unknown, frameworks)] == [
        "data/decision-trees/t.yml:3:1: framework: 'alpha-steps' is not a known framework (known: alpha-order)"]
    assert [str(e) for e in decision_tree.check_framework(other, frameworks)] == [
        "data/decision-trees/t.yml:3:1: framework: the framework 'alpha-order' comes from 'alpha', "
        "so the tree's 'source' must be 'alpha'"]


# Through the whole pipeline, on a copy of the minimal fixture with one file changed.

def check_with(tmp_path: Path, changes: dict[str, str], before: tuple[str, str] | None = None) -> list[str]:
    """The errors of the minimal data with each change made; `before` changes the main tree first."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data, symlinks=False)
    if before:
        tree = data / "decision-trees/main.yml"
        tree.write_text(tree.read_text(encoding="utf-8").replace(*before), encoding="utf-8")
    for name, (old, new) in changes.items():
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")
    _, errors = pipeline.check(data)
    return [str(e) for e in errors]


def test_minimal_fixture_is_sound(tmp_path):
    assert check_with(tmp_path, {}) == []


def test_outcome_with_an_unknown_approach(tmp_path):
    assert check_with(tmp_path, {"decision-trees/main.yml": ("approaches: [rag]", "approaches: [rag, fine-tune]")}) == [
        "data/decision-trees/main.yml:23:23: outcomes[1].approaches[1]: "
        "'fine-tune' is not a known approach (known: fine-tuning, prompt-engineering, rag)"]


# A source's own tree: the main guide's outcomes take their use cases from the verdicts (tests/unit/test_verdicts.py).
SOURCE_TREE = ("order: 1\n", "order: 1\nsource: alpha\n")


def test_outcome_with_an_unknown_use_case(tmp_path):
    assert check_with(tmp_path, {"decision-trees/main.yml": ("approaches: [rag]", "approaches: [rag]\n    use_cases: [shops]"),
                                 "use-cases/shop.yml": ("verdict:", "tree_answers: {tree: main, answers: [\"no\"]}\nverdict:")},
                      before=SOURCE_TREE) == [
        "data/decision-trees/main.yml:25:17: outcomes[1].use_cases[0]: 'shops' is not a known use case (known: shop)"]


def test_use_case_answers_must_reach_its_approaches(tmp_path):
    assert check_with(tmp_path, {"use-cases/shop.yml": ("verdict:", "tree_answers: {tree: main, answers: [\"yes\"]}\nverdict:")},
                      before=SOURCE_TREE) == [
        "data/use-cases/shop.yml:9:28: tree_answers.answers: the tree 'main' leads to 'retrieve' (rag), "
        "but this use case recommends prompt-engineering"]


def test_use_case_answers_that_stop_early(tmp_path):
    assert check_with(tmp_path, {"use-cases/shop.yml": ("verdict:", "tree_answers: {tree: main, answers: [\"maybe\"]}\nverdict:")},
                      before=SOURCE_TREE) == [
        "data/use-cases/shop.yml:9:28: tree_answers.answers: answer 1 'maybe' is not an option of question 'need-data' "
        "(options: no, yes)"]


def test_answers_in_the_main_guide_belong_in_the_verdict(tmp_path):
    assert check_with(tmp_path, {"use-cases/shop.yml": ("verdict:", "tree_answers: {tree: main, answers: [\"no\"]}\nverdict:")}) == [
        "data/use-cases/shop.yml:9:16: tree_answers.tree: 'main' is the main guide, whose answers go in 'verdict'; "
        "'tree_answers' is for a source's own tree"]


def test_option_short_label_is_limited_by_the_schema(tmp_path):
    long_label = "x" * 41
    assert check_with(tmp_path, {"decision-trees/main.yml": ('label: "No",', f'label: "No", short_label: {long_label},')}) == [
        "data/decision-trees/main.yml:12:33: questions[0].options[0].short_label: "
        "text is 41 characters long; at most 40 are allowed",
        # The invalid tree is left out of the rules, so there is no main guide to walk the use case's verdict in.
        ]


# The JSON for the script and the API, the outline and the diagram.


@pytest.fixture(scope="module")
def api_schema():
    schema = json.loads(tree_view.API_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


TREE_FILES = sorted(p.name for p in (DATA / "decision-trees").glob("*.yml"))


def test_there_is_a_main_guide_and_one_tree_per_source_framework():
    assert {"guide.yml", "simplico-yes-no.yml", "iviewio-five-questions.yml"} <= set(TREE_FILES)


@pytest.mark.parametrize("name", TREE_FILES, ids=[f"data/decision-trees/{n}" for n in TREE_FILES])
def test_payload_matches_the_published_schema(model, api_schema, name):
    tree = model.by_id["decision-trees"][name.removesuffix(".yml")]
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in api_schema.iter_errors(tree_view.payload(model, tree))]
    assert errors == []


def test_plain_text_flattens_markdown_and_keeps_markup_as_text():
    assert tree_view.plain_text("Use *few-shot* `examples` and [LoRA](https://example.org/x).") == \
        "Use few-shot examples and LoRA."
    assert tree_view.plain_text("First.\n\nSecond <script>alert(1)</script> & more") == \
        "First.\n\nSecond <script>alert(1)</script> & more"


def test_outline_shows_every_question_once_and_every_option(model):
    tree = model.by_id["decision-trees"]["guide"]
    seen_questions, seen_options, references = [], [], []

    def visit(shape):
        seen_questions.append(shape["id"])
        for entry in shape["options"]:
            seen_options.append((shape["id"], entry["option"]["id"]))
            if entry["then"]["kind"] == "question":
                visit(entry["then"]["nested"])
            else:
                references.append(entry["then"]["id"])

    visit(tree_view.outline(tree))
    assert sorted(seen_questions) == sorted(q["id"] for q in tree["questions"])
    assert sorted(seen_options) == sorted((q["id"], o["id"]) for q in tree["questions"] for o in q["options"])
    assert {o["id"] for o in tree["outcomes"]} <= set(references)


def test_api_files_hold_each_tree_and_the_schema(model):
    files = dict(tree_view.api_files(model))
    assert set(files) == {f"api/v1/decision-trees/{t['id']}.json" for t in model.items["decision-trees"]} | {
        "api/v1/schemas/decision-tree.schema.json"}
    guide = json.loads(files["api/v1/decision-trees/guide.json"])
    assert guide == tree_view.payload(model, model.by_id["decision-trees"]["guide"])


# Rules that read whole paths (tree_paths.py): outcome preconditions, the guide's own policy, the scenario benchmark.

def path_errors(text: str) -> list[str]:
    doc = tree_doc(text)
    return [str(e) for e in tree_paths.check_requires(doc) + tree_paths.check_policy(doc) + tree_paths.check_scenarios(doc)]


# The smallest tree that declares and follows the guide's policy: success criteria first, a measured prompt before tuning.
POLICY = """\
id: t
start: criteria
questions:
  - id: criteria
    options:
      - {id: "yes", label: "Yes", establishes: [success-criteria], next: prompt}
      - {id: "no", label: "No", next: define}
  - id: prompt
    options:
      - {id: measured, label: "Measured", establishes: [measured-prompt], next: tune}
      - {id: unmeasured, label: "Not measured", next: retrieve}
outcomes:
  - {id: define, approaches: [prompt-engineering], requires: {criteria: ["no"]}}
  - {id: tune, approaches: [fine-tuning], requires: {prompt: [measured]}}
  - {id: retrieve, approaches: [rag], requires: {criteria: ["yes"]}}
examples:
  - {name: E, answers: ["no"], outcome: define}
policy: [success-criteria-first, measured-prompt-before-fine-tuning, at-most-six-questions]
"""


def test_a_tree_that_follows_the_policy_has_no_path_errors():
    assert path_errors(POLICY) == []


def test_paths_lists_every_route_to_an_outcome_in_order():
    tree = tree_doc(POLICY).data
    assert [tree_paths.path_text(p) for p in tree_paths.paths(tree)] == [
        "criteria=yes / prompt=measured", "criteria=yes / prompt=unmeasured", "criteria=no"]


def test_a_path_that_contradicts_an_outcomes_precondition():
    bad = POLICY.replace("requires: {prompt: [measured]}", "requires: {prompt: [unmeasured]}")
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:14:54: outcomes[1].requires.prompt: the path criteria=yes / prompt=measured reaches "
        "'tune' but answers 'measured'; its rationale requires 'prompt' to be answered unmeasured"]


def test_a_path_that_skips_a_question_an_outcome_relies_on():
    bad = POLICY.replace("requires: {criteria: [\"yes\"]}}", "requires: {criteria: [\"yes\"], prompt: [unmeasured]}}") \
                .replace("next: define}", "next: retrieve}")
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:15:50: outcomes[2].requires.criteria: the path criteria=no reaches 'retrieve' but answers "
        "'no'; its rationale requires 'criteria' to be answered yes",
        "data/decision-trees/t.yml:15:69: outcomes[2].requires.prompt: the path criteria=no reaches 'retrieve' but never asks "
        "it; its rationale requires 'prompt' to be answered unmeasured",
        # The same path also breaks the declared policy: retrieval without success criteria.
        "data/decision-trees/t.yml:15:6: outcomes[2].id: the path criteria=no reaches 'retrieve', a build decision, without "
        "an answer that establishes success criteria; ask for a definition of a good answer first"]


def test_a_path_that_establishes_what_an_outcome_says_is_missing():
    """An outcome that asks the reader to measure a prompt first is no place for someone who already has."""
    bad = POLICY.replace("next: tune}", "next: retrieve}").replace(
        'requires: {criteria: ["yes"]}}', 'requires: {criteria: ["yes"]}, excludes: [measured-prompt]}').replace(
        "  - {id: tune, approaches: [fine-tuning], requires: {prompt: [measured]}}\n", "")
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:14:70: outcomes[1].excludes: the path criteria=yes / prompt=measured reaches 'retrieve' "
        "after an answer that establishes measured prompt, which its rationale says is missing"]


def test_an_outcome_reached_in_two_ways_may_list_alternative_preconditions():
    """`requires` as a list: every path must meet one of the mappings, and a path that meets none is named."""
    two_ways = POLICY.replace("next: retrieve}", "next: tune}").replace(
        "requires: {prompt: [measured]}", "requires: [{prompt: [measured]}, {prompt: [unmeasured], criteria: [\"yes\"]}]").replace(
        "  - {id: retrieve, approaches: [rag], requires: {criteria: [\"yes\"]}}\n", "").replace(
        "[fine-tuning]", "[prompt-engineering]")
    assert path_errors(two_ways) == []
    bad = two_ways.replace('criteria: [\"yes\"]}]', 'criteria: [\"no\"]}]')
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:14:50: outcomes[1].requires: the path criteria=yes / prompt=unmeasured reaches 'tune' "
        "but meets none of its preconditions; its rationale requires 'prompt' to be answered measured, or 'prompt' to be "
        "answered unmeasured and 'criteria' to be answered no"]
    unknown = two_ways.replace("{prompt: [unmeasured],", "{promt: [unmeasured],")
    assert path_errors(unknown) == [
        "data/decision-trees/t.yml:14:84: outcomes[1].requires[1].promt: 'promt' is not a question of this tree"]


def test_a_precondition_must_name_a_real_question_and_option():
    bad = POLICY.replace("requires: {prompt: [measured]}", "requires: {promt: [measured], criteria: [maybe]}")
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:14:54: outcomes[1].requires.promt: 'promt' is not a question of this tree",
        "data/decision-trees/t.yml:14:73: outcomes[1].requires.criteria: 'maybe' is not an option of question 'criteria' "
        "(options: yes, no)"]


def test_no_path_reaches_fine_tuning_without_a_measured_prompt():
    bad = POLICY.replace(", establishes: [measured-prompt]", "").replace("requires: {prompt: [measured]}", "requires: {criteria: [\"yes\"]}")
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:14:6: outcomes[1].id: the path criteria=yes / prompt=measured reaches 'tune', which "
        "includes fine-tuning, without an answer that establishes a measured prompt; ask whether a careful prompt was measured first"]


def test_no_path_reaches_a_build_decision_without_success_criteria():
    bad = POLICY.replace('next: define}', 'next: retrieve}').replace('requires: {criteria: ["yes"]}}', "}").replace(
        "  - {id: define, approaches: [prompt-engineering], requires: {criteria: [\"no\"]}}\n", "").replace(
        "  - {name: E, answers: [\"no\"], outcome: define}", "  - {name: E, answers: [\"no\"], outcome: retrieve}")
    assert path_errors(bad) == [
        "data/decision-trees/t.yml:14:6: outcomes[1].id: the path criteria=no reaches 'retrieve', a build decision, without "
        "an answer that establishes success criteria; ask for a definition of a good answer first"]


def test_a_tree_that_declares_no_policy_is_not_held_to_it():
    """A tree that reproduces a source's framework shows that source's view."""
    bad = POLICY.replace(", establishes: [measured-prompt]", "").replace("requires: {prompt: [measured]}", "requires: {criteria: [\"yes\"]}")
    assert path_errors(bad.replace("policy: [success-criteria-first, measured-prompt-before-fine-tuning, at-most-six-questions]\n", "")) == []
    assert len(path_errors(bad)) == 1


def test_the_guides_own_trees_ask_at_most_six_questions_on_a_path():
    chain = "".join(f"""  - id: q{i}
    options:
      - {{id: a, label: "A", next: {f'q{i + 1}' if i < 7 else 'done'}}}
      - {{id: b, label: "B", next: done}}
""" for i in range(1, 8))
    text = f"id: t\nstart: q1\nquestions:\n{chain}outcomes:\n  - {{id: done, approaches: [prompt-engineering]}}\n" \
           "examples:\n  - {name: E, answers: [b], outcome: done}\npolicy: [at-most-six-questions]\n"
    assert path_errors(text) == [
        "data/decision-trees/t.yml:33:6: outcomes[0].id: the path q1=a / q2=a / q3=a / q4=a / q5=a / q6=a / q7=a asks 7 "
        "questions; the tree's policy allows at most 6"]


@pytest.mark.parametrize("case, message", [
    ('{id: c1, answers: ["yes", measured], outcome: retrieve}',
     "data/decision-trees/t.yml:20:42: scenarios[0].outcome: case 'c1': the answers lead to 'tune', not to 'retrieve'"),
    ('{id: c1, answers: ["yes", maybe], outcome: tune}',
     "data/decision-trees/t.yml:20:14: scenarios[0].answers: case 'c1': answer 2 'maybe' is not an option of question "
     "'prompt' (options: measured, unmeasured)"),
    ('{id: c1, answers: ["yes"], outcome: tune}',
     "data/decision-trees/t.yml:20:14: scenarios[0].answers: case 'c1': the answers stop at question 'prompt' before any outcome"),
    ('{id: c1, answers: ["no"], outcome: defin}',
     "data/decision-trees/t.yml:20:31: scenarios[0].outcome: case 'c1': 'defin' is not an outcome of this tree "
     "(outcomes: define, tune, retrieve)"),
], ids=["wrong-outcome", "unknown-option", "stops-early", "unknown-outcome"])
def test_a_failing_case_is_named_in_the_message(case, message):
    assert path_errors(POLICY + "scenarios:\n  - " + case + "\n") == [message]


def test_case_ids_are_unique():
    cases = 'scenarios:\n  - {id: c1, answers: ["no"], outcome: define}\n  - {id: c1, answers: ["no"], outcome: define}\n'
    assert path_errors(POLICY + cases) == [
        "data/decision-trees/t.yml:21:6: scenarios[1].id: case 'c1' appears twice; case ids must be unique"]


def test_path_rules_run_in_the_pipeline(tmp_path):
    assert check_with(tmp_path, {"decision-trees/main.yml": ('reviewed: "2026-11-22"', 'reviewed: "2026-11-22"\n'
                                                             'policy: [success-criteria-first]')}) == [
        "data/decision-trees/main.yml:21:5: outcomes[1].id: the path need-data=yes reaches 'retrieve', a build decision, "
        "without an answer that establishes success criteria; ask for a definition of a good answer first"]


# The main guide's own standards, read from the real data.

def guide(model):
    return model.by_id["decision-trees"]["guide"]


def test_the_guide_declares_every_policy_rule(model):
    assert set(guide(model)["policy"]) == set(tree_paths.POLICY_RULES)


def test_the_benchmark_has_forty_cases_and_reaches_every_outcome(model):
    tree = guide(model)
    assert len(tree["scenarios"]) >= 40
    assert {o["id"] for o in tree["outcomes"]} - {s["outcome"] for s in tree["scenarios"]} == set()


def test_the_benchmark_covers_every_topic_of_its_schema(model):
    schema = json.loads((DATA / "schemas" / "decision-trees.schema.json").read_text(encoding="utf-8"))
    topics = set(schema["properties"]["scenarios"]["items"]["properties"]["topics"]["items"]["enum"])
    assert topics - {t for s in guide(model)["scenarios"] for t in s["topics"]} == set()


@pytest.mark.parametrize("topic, outcome", [
    ("success-criteria", "define-success-first"), ("model-choice", "stronger-model"),
    ("distillation", "smaller-model-or-distil"), ("structured-output", "structured-outputs"),
    ("long-context", "long-context-caching"), ("tool-use", "tool-use"), ("self-hosting", "self-hosted-open-model"),
])
def test_each_family_has_an_outcome_reached_by_a_case_of_that_topic(model, topic, outcome):
    assert any(s["outcome"] == outcome and topic in s["topics"] for s in guide(model)["scenarios"])


def test_the_guide_drops_frozen_framing(model):
    """Training time is no longer the obstacle it was; the questions ask about data, evaluation and upkeep instead."""
    tree = guide(model)
    texts = [q["text"] + q.get("help", "") + "".join(o["label"] for o in q["options"]) for q in tree["questions"]]
    texts += [o["rationale"] + "".join(o["next_steps"]) for o in tree["outcomes"]]
    stale = [t for t in texts for word in ("weeks", "GPU budget", "TPU", "days or weeks") if word in t]
    assert stale == []


def test_published_cases_match_the_data(model):
    tree = guide(model)
    published = tree_view.payload(model, tree)["scenarios"]
    assert [(s["id"], s["answers"], s["outcome"]) for s in published] == \
        [(s["id"], list(s["answers"]), s["outcome"]) for s in tree["scenarios"]]
