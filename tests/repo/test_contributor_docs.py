"""The contributors' guide tells the truth: its examples pass the checks and build, and its error messages are real.

docs/contributing.md is read as data here: every YAML example and every quoted error message is tested.
"""
from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, make_project, real_model
from test_contributor_review import build_verbose, relax_links_to_real_content

from guide import pipeline, verdicts
from guide.catalog import COLLECTIONS
from guide.documents import schema_comment
from guide.errors import DataErrors
from guide.schemas import validate
from guide.strict_yaml import parse

GUIDE = ROOT / "docs" / "contributing.md"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
TREE = "decision-trees/main.yml"
SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=\.\./schemas/([a-z-]+)\.schema\.json$")


def yaml_blocks(text: str) -> list[str]:
    return re.findall(r"^```yaml\n(.*?)^```$", text, flags=re.S | re.M)


BLOCKS = yaml_blocks(GUIDE.read_text(encoding="utf-8"))
FILES = [b for b in BLOCKS if SCHEMA_LINE.match(b.splitlines()[0])]
FRAGMENTS = [b for b in BLOCKS if b not in FILES]


def _id(block: str) -> str:
    first = block.splitlines()[0]
    match = SCHEMA_LINE.match(first)
    return match.group(1) if match else first.rstrip(":")


def test_the_guide_has_an_example_for_each_kind_of_change():
    assert sorted(_id(b) for b in FILES) == ["changelog", "sources", "statistics", "use-cases"]
    assert sorted(_id(b) for b in FRAGMENTS) == ["examples", "outcomes", "questions"]


@pytest.mark.parametrize("block", FILES, ids=[_id(b) for b in FILES])
def test_whole_file_example_passes_its_schema(block, tmp_path):
    collection = _id(block)
    data, positions, errors = parse(block.encode(), f"data/{collection}/example.yml")
    assert [str(e) for e in errors] == []
    assert block.splitlines()[0] == schema_comment(collection)
    assert validate(data, collection, str(ROOT / "data" / "schemas"), "example", positions) == []


@pytest.mark.parametrize("block", FRAGMENTS, ids=[_id(b) for b in FRAGMENTS])
def test_tree_fragment_is_a_list_under_a_tree_field(block):
    data, _, errors = parse(block.encode(), "fragment.yml")
    assert [str(e) for e in errors] == []
    assert len(data) == 1 and next(iter(data)) in ("questions", "outcomes", "examples")
    assert isinstance(next(iter(data.values())), list)


def _verdict_lines(block: str) -> str:
    return re.search(r"^verdict:\n(?:  .*\n)+", block, flags=re.M).group(0)


def test_the_use_case_examples_verdict_holds_in_the_real_guide():
    example = parse(next(b for b in FILES if _id(b) == "use-cases").encode(), "example.yml")[0]
    model = real_model()
    guide = verdicts.main_tree(model.items["decision-trees"])
    assert verdicts.walk_verdict(guide, example["verdict"]["answers"]) == (example["verdict"]["outcome"], None)


def _project_with_examples(where: Path) -> Path:
    """The minimal fixture plus every example of the guide, applied the way the guide says."""
    project = relax_links_to_real_content(make_project(where, MINIMAL))
    data_dir = project / "data"
    for block in FILES:
        data, _, _ = parse(block.encode(), "example.yml")
        if "verdict" in data:
            # The example's verdict walks the real main guide (tested below); here the minimal tree stands in for it.
            block = block.replace(_verdict_lines(block), 'verdict: {answers: ["no"], outcome: prompt, note: The minimal tree.}\n')
        (data_dir / _id(block) / f"{data['id']}.yml").parent.mkdir(exist_ok=True)
        (data_dir / _id(block) / f"{data['id']}.yml").write_text(block, encoding="utf-8")
    tree_path = data_dir / TREE
    tree, _, _ = parse(tree_path.read_bytes(), TREE)
    tree = copy.deepcopy(tree)
    for block in FRAGMENTS:
        fragment, _, _ = parse(block.encode(), "fragment.yml")
        for key, items in fragment.items():
            tree[key].extend(items)
    # "Then change the next of the option that should lead to the new question."
    new_question = parse(FRAGMENTS[0].encode(), "f")[0]["questions"][0]["id"]
    start = next(q for q in tree["questions"] if q["id"] == tree["start"])
    option, old_next = start["options"][-1]["id"], start["options"][-1]["next"]
    start["options"][-1]["next"] = new_question
    # "An example whose answers went through that option now answers the new question too."
    via = next(o["id"] for q in tree["questions"] if q["id"] == new_question for o in q["options"] if o["next"] == old_next)
    for example in tree["examples"]:
        if example["answers"][:1] == [option] and example["outcome"] == old_next:
            example["answers"].insert(1, via)
    tree_path.write_text(schema_comment("decision-trees") + "\n" + yaml.safe_dump(tree, sort_keys=False, allow_unicode=True),
                         encoding="utf-8")
    return project


def test_examples_together_pass_every_check(tmp_path):
    project = _project_with_examples(tmp_path / "project")
    try:
        model = pipeline.load_model(project / "data")
    except DataErrors as errors:
        pytest.fail(errors.report())
    assert "insurance-claims-triage" in model.by_id["use-cases"]
    assert "retrieve-fresh" in {o["id"] for o in model.by_id["decision-trees"]["main"]["outcomes"]}


def test_examples_together_build_strict(tmp_path):
    project = _project_with_examples(tmp_path / "project")
    result = build_verbose(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    site = tmp_path / "site"
    changes = (site / "changelog" / "index.html").read_text(encoding="utf-8")
    assert 'href="../use-cases/insurance-claims-triage/"' in changes
    # The build does not check anchors inside raw HTML tables: check the links of the example entry here.
    entry = changes.split('id="2026-12-01-claims-triage"', 1)[1]
    targets = re.findall(r'href="\.\./([^"]+)"', entry.split("</article>", 1)[0])
    assert "statistics/#teams-adding-retrieval" in targets
    broken = []
    for target in targets:
        path, _, anchor = target.partition("#")
        page = site / path / "index.html"
        if not page.is_file() or (anchor and f'id="{anchor}"' not in page.read_text(encoding="utf-8")):
            broken.append(target)
    assert broken == []


# Each error the guide explains: a change to a file of the minimal fixture, and the message `make check` prints.
ERRORS = [
    ("faq/which.yml", "# yaml-language-server: $schema=../schemas/faq.schema.json\n", "",
     "the first line must be '# yaml-language-server: $schema=../schemas/faq.schema.json' so that editors check the file "
     "against its schema"),
    ("faq/which.yml", "order: 1\n", "order: 1\nanwser: x\n",
     "unknown field 'anwser' (known fields: answer, approaches, id, order, question, reviewed, sources)"),
    ("faq/which.yml", 'reviewed: "2026-11-22"\n', "", "missing required field 'reviewed'"),
    ("faq/which.yml", 'reviewed: "2026-11-22"\n', "reviewed: 22/11/2026\n",
     "reviewed: '22/11/2026' is not of the expected form: The date (YYYY-MM-DD, a day of the calendar) a person last "
     "checked this item against its sources."),
    ("faq/which.yml", "id: which\n", 'id: "which\\n"\n',
     "id: 'which\\n' is not of the expected form: Lower-case letters, digits and single hyphens; the item's file name "
     "without .yml."),
    ("faq/which.yml", "answer: It depends.", "answer: ' '", "answer: text must not be blank (only spaces or line breaks)"),
    ("statistics/share.yml", 'value: "41"', "value: 41", "value: expected text, got a whole number 41"),
    ("faq/which.yml", "id: which\n", "id: which-one\n",
     "id: 'which-one' differs from the file name; rename the file to which-one.yml or set id: which"),
    ("faq/which.yml", "order: 1\n", "order: 1\norder: 2\n",
     "order: duplicate key 'order' (first defined at line 5); keep one"),
    ("faq/which.yml", "answer: It depends.", "answer: It depends: on the data.",
     "YAML syntax error: mapping values are not allowed here"),
    ("faq/which.yml", "answer: It depends.", "answer:\n\t It depends.",
     "YAML syntax error: a tab character is not allowed here; indent with spaces"),
    ("use-cases/shop.yml", "approaches: [prompt-engineering]", "approaches: [prompt]",
     "approaches[0]: 'prompt' is not a known approach (known: fine-tuning, prompt-engineering, rag)"),
    ("use-cases/shop.yml", 'answers: ["no"]', 'answers: ["yes"]',
     "verdict.outcome: the answers lead the main guide to 'retrieve', not to 'prompt'; state the outcome they reach, "
     "or change the answers"),
    ("faq/which.yml", 'sources: ["alpha#faq-which"]', 'sources: ["alfa#faq-which"]',
     "sources[0]: 'alfa' is not a known source (known: alpha)"),
    ("faq/which.yml", 'sources: ["alpha#faq-which"]', 'sources: ["alpha#faq-whch"]',
     "sources[0]: 'faq-whch' is not in the inventory of source 'alpha' (known: faq-which, stat-share, step-order, "
     "table-cost, tech-few-shot, uc-shop)"),
    (TREE, "next: retrieve}", "next: retrieval}",
     "questions[0].options[1].next: 'retrieval' is neither a question nor an outcome of this tree (dead end)"),
    (TREE, 'label: "Yes", next: retrieve}', 'label: "Yes", next: prompt}',
     "outcomes[1].id: outcome 'retrieve' cannot be reached from the start 'need-data'"),
    ("faq/which.yml", "answer: It depends.", "answer: '![chart](https://example.org/c.png)'",
     "answer: images are not allowed in data text; the site loads nothing it does not ship"),
    ("faq/which.yml", "answer: It depends.", 'answer: "See [this](java\\nscript:alert(1))."',
     "answer: link to 'javascript:alert(1)' is not allowed: a browser reads 'java\\nscript:alert(1)' as that address "
     "once it drops line breaks, tabs and spaces; use an http, https or mailto address, or a site-relative one"),
    ("faq/which.yml", "answer: It depends.", 'answer: "It depends.\\n\\n*[RAG]: Really Awful Guess"',
     "answer: a line starting '*[...]:' would define an abbreviation for the whole page; abbreviations come from the "
     "glossary (data/glossary/)"),
    ("faq/which.yml", "answer: It depends.", 'answer: "It depends.\\n\\n[TOC]"',
     "answer: '[TOC]' would put the page's table of contents here; remove it"),
    ("faq/which.yml", "order: 1", "order: " + "9" * 5000,
     "order: the whole number 99999999...99999999 has 5000 digits; at most 15 are allowed (quote it if it is meant as "
     "text)"),
    ("faq/which.yml", "order: 1", "order: " + "[" * 40 + "]" * 40,
     "lists and mappings are nested more than 32 deep here; data files need only a few levels"),
    ("faq/which.yml", "answer: It depends.", 'answer: "It\\adepends."',
     "answer: the character U+0007 (written as an escape) is not allowed: it is invisible or cannot be saved as UTF-8; "
     "remove it"),
    ("schemas/faq.schema.json", '"type": "object",', '"type": "object",,',
     "this schema is not valid JSON: Expecting property name enclosed in double quotes"),
    ("schemas/faq.schema.json", "common.schema.json#/$defs/slug", "common.schema.json#/$defs/slugg",
     "properties.id.$ref: 'common.schema.json#/$defs/slugg' points at nothing in data/schemas/; check the file name "
     "and the path after '#'"),
    ("schemas/common.schema.json", '"^[a-z0-9]+(-[a-z0-9]+)*$"', '"^[a-z0-9+(-[a-z0-9]+)*$"',
     "$defs.slug.pattern: not a valid JSON Schema: '^[a-z0-9+(-[a-z0-9]+)*$' is not a regular expression that compiles"),
]


@pytest.mark.parametrize("file, old, new, message", ERRORS, ids=[e[3][:50] for e in ERRORS])
def test_documented_error_is_what_the_checker_prints(file, old, new, message, tmp_path):
    data_dir = tmp_path / "data"
    shutil.copytree(MINIMAL, data_dir)
    shutil.copytree(ROOT / "data" / "schemas", data_dir / "schemas", dirs_exist_ok=True)
    path = data_dir / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"the fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    _, errors = pipeline.check(data_dir)
    assert any(message in str(e) for e in errors), [str(e) for e in errors]
    assert f"`{message}`" in GUIDE.read_text(encoding="utf-8"), "docs/contributing.md no longer explains this message"


def test_every_message_the_guide_explains_is_tested():
    explained = re.findall(r"^`([^`\n]+)`\n: ", GUIDE.read_text(encoding="utf-8"), flags=re.M)
    assert sorted(explained) == sorted(e[3] for e in ERRORS)


def test_every_collection_is_named_in_the_data_model_page():
    text = (ROOT / "docs" / "data-model.md").read_text(encoding="utf-8")
    assert [name for name in COLLECTIONS if f"`data/{name}/`" not in text] == []


def test_guide_links_to_files_that_exist():
    prose = re.sub(r"^```.*?^```$", "", GUIDE.read_text(encoding="utf-8"), flags=re.S | re.M)
    targets = re.findall(r"\]\(([^)#:]+\.md)\)", prose)
    assert targets and [t for t in targets if not (GUIDE.parent / t).is_file()] == []
