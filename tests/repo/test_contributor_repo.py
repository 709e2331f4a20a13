"""The repository's contributor tooling: pinned workflows, pre-commit hooks, issue forms and the pull request checklist."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$")


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def events(workflow: dict):
    # YAML 1.1 reads the key `on` as true.
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def test_there_is_a_workflow():
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(path):
    loose = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES.match(line)
        if not match:
            continue
        ref, comment = match.groups()
        if not re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", ref) or not re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment):
            loose.append(f"{path.name}:{number}: {line.strip()}")
    assert loose == []


def _workflows() -> dict[str, dict]:
    return {p.name: load(p) for p in WORKFLOWS}


def test_pull_requests_run_make_test_and_upload_the_built_site():
    for name, workflow in _workflows().items():
        if "pull_request" not in events(workflow):
            continue
        runs = [s.get("run", "") for s in steps(workflow)]
        assert "make test" in runs, name
        assert any(s.get("uses", "").startswith("actions/upload-artifact@") and s.get("if") == "github.event_name == 'pull_request'"
                   and s["with"]["path"].rstrip("/") == "site" for s in steps(workflow)), name
        assert runs.index("make test") < runs.index("make build"), "the site is built after the tests pass"
        return
    pytest.fail("no workflow runs on pull_request")


def test_main_deploys_to_github_pages_after_the_tests():
    for workflow in _workflows().values():
        jobs = workflow["jobs"]
        deploy = [j for j in jobs.values() if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in j.get("steps", []))]
        if not deploy:
            continue
        job = deploy[0]
        assert job["permissions"] == {"pages": "write", "id-token": "write"}
        assert job["environment"]["name"] == "github-pages"
        assert "refs/heads/main" in job["if"]
        packaging = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
        assert packaging and "refs/heads/main" in packaging[0]["if"] and packaging[0]["with"]["path"].rstrip("/") == "site"
        assert job["needs"] in jobs
        assert "main" in events(workflow)["push"]["branches"]
        assert workflow["permissions"] == {"contents": "read"}, "the default token stays read-only"
        return
    pytest.fail("no workflow deploys with actions/deploy-pages")


def test_pre_commit_hooks_are_pinned_and_complete():
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks, yaml_checks = {}, []
    for repo in config["repos"]:
        if repo["repo"] != "local":
            assert re.fullmatch(r"v\d+\.\d+\.\d+", repo["rev"]), f"{repo['repo']}: pin rev to a release tag"
        for hook in repo["hooks"]:
            hooks[hook["id"]] = (repo["repo"], hook)
            yaml_checks += [hook] if hook["id"] == "check-yaml" else []
    assert {"trailing-whitespace", "end-of-file-fixer", "check-yaml", "ruff-check", "data-check", "data-model-doc"} <= set(hooks)
    assert hooks["data-check"][1]["entry"] == "make check"
    # check-yaml checks every YAML file: mkdocs.yml (with its !ENV tags) for syntax, every other one in full.
    full, syntax = yaml_checks
    assert full.get("exclude") == r"^mkdocs\.yml$" and "args" not in full
    assert syntax["files"] == r"^mkdocs\.yml$" and syntax["args"] == ["--unsafe"]
    assert re.search(hooks["data-check"][1]["files"], "data/use-cases/x.yml")
    assert re.search(hooks["data-model-doc"][1]["files"], "data/schemas/faq.schema.json")


def test_make_targets_used_by_the_hooks_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("check", "data-model", "test", "build", "serve"):
        assert re.search(rf"^{re.escape(target)}:", makefile, re.M), target


def test_markdown_templates_keep_their_line_breaks_under_the_whitespace_hook():
    """Templates end lines with two spaces for a Markdown line break; the hook must treat *.j2 as Markdown."""
    hook = next(h for r in load(ROOT / ".pre-commit-config.yaml")["repos"] for h in r["hooks"] if h["id"] == "trailing-whitespace")
    exts = next(a for a in hook["args"] if a.startswith("--markdown-linebreak-ext=")).split("=", 1)[1].split(",")
    with_breaks = {p.name.rsplit(".", 1)[-1] for p in (ROOT / "hooks" / "templates").rglob("*.j2")
                   if re.search(r"\S  $", p.read_text(encoding="utf-8"), re.M)}
    assert with_breaks <= set(exts)


@pytest.mark.parametrize("path", FORMS, ids=[p.name for p in FORMS])
def test_issue_form_is_well_formed(path):
    form = load(path)
    assert {"name", "description", "body"} <= set(form)
    ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z][a-z0-9_-]*", i) for i in ids)
    assert any(item.get("validations", {}).get("required") for item in form["body"])
    for item in form["body"]:
        assert item["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        assert item["attributes"].get("label") or item["type"] == "markdown"


def test_the_two_issue_forms_exist_and_blank_issues_stay_open():
    assert {p.name for p in FORMS} == {"suggest-a-correction.yml", "propose-a-source.yml"}
    assert load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")["blank_issues_enabled"] is True


def test_pull_request_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    for needle in ("sources:", "`make check`", "tests/own_words.py check", "`reviewed`"):
        assert any(needle in item for item in items), needle
