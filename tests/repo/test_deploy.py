"""Deploying: the site built for another address and repository (a fork), the GitHub workflow that tests, previews
and publishes it, and the CI scripts that set up a bare machine (docs/deploy.md); in Chromium:
tests/browser/test_deploy_browser.py."""
from __future__ import annotations

import html
import os
import re
import shutil
import socket
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import DEPLOY_VARIABLES, ROOT, build, mkdocs_settings, serve, world_readable_dir

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
FORK = {"SITE_URL": "https://fork.example.org/our-guide/", "REPO_URL": "https://git.example.org/someone/fork",
        "REPO_NAME": "someone/fork", "EDIT_URI": "edit/trunk/"}
FULL_SHA = re.compile(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}")


def readme_test_command() -> str:
    """The command the README gives for running every test, read from its "Two commands" block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"^## Two commands\n.*?^```sh\n(.*?)^```", readme, re.M | re.S)
    assert block, "README.md has a '## Two commands' section with a sh block"
    commands = [line.split("#", 1) for line in block.group(1).splitlines() if "#" in line]
    testing = [command.strip() for command, comment in commands if "test" in comment]
    assert len(testing) == 1, f"one command in README's block runs the tests, found {testing}"
    return testing[0]


# The site built for a fork ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fork_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("fork") / "site"
    result = build(ROOT, site, env=FORK)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return site


def test_mkdocs_yml_reads_every_deploy_setting_from_the_environment():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    settings = {"SITE_URL": "site_url", "REPO_URL": "repo_url", "REPO_NAME": "repo_name", "EDIT_URI": "edit_uri"}
    assert set(settings) == set(DEPLOY_VARIABLES)
    for variable, key in settings.items():
        assert re.search(rf"^{key}: !ENV \[{variable}, ", text, re.M), f"mkdocs.yml: {key} comes from {variable}"
    defaults = mkdocs_settings()
    assert defaults["site_url"] is None
    assert (defaults["repo_url"], defaults["repo_name"], defaults["edit_uri"]) == (
        "https://github.com/prompt-rag-fine-tune/guide", "prompt-rag-fine-tune/guide", "edit/main/")


def test_item_page_of_a_fork_links_to_the_fork(fork_site):
    page = (fork_site / "approaches" / "rag" / "index.html").read_text(encoding="utf-8")
    address = FORK["SITE_URL"] + "approaches/rag/"
    assert f'<link rel="canonical" href="{address}">' in page
    assert f'href="{FORK["REPO_URL"]}/edit/trunk/data/approaches/rag.yml"' in page
    assert f'<a href="{FORK["REPO_URL"]}" title=' in page and FORK["REPO_NAME"] in page
    report = re.search(r'<a href="([^"]+)"[^>]*>Report a problem with this page</a>', page)
    url = urlsplit(html.unescape(report.group(1)))
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{FORK['REPO_URL']}/issues/new"
    assert parse_qs(url.query)["body"][0].startswith(f"Page: {address}\n")


def test_hand_written_page_of_a_fork_edits_its_markdown_in_the_fork(fork_site):
    page = (fork_site / "diagnose" / "index.html").read_text(encoding="utf-8")
    assert f'href="{FORK["REPO_URL"]}/edit/trunk/content/diagnose.md"' in page
    assert f'<link rel="canonical" href="{FORK["SITE_URL"]}diagnose/">' in page


def test_feed_sitemap_and_embed_snippets_of_a_fork_use_its_address(fork_site):
    feed = (fork_site / "feed.xml").read_text(encoding="utf-8")
    links = re.findall(r'<link[^>]* href="([^"]+)"', feed)
    assert links and all(link.startswith(FORK["SITE_URL"]) for link in links), links
    sitemap = re.findall(r"<loc>([^<]+)</loc>", (fork_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sitemap and all(loc.startswith(FORK["SITE_URL"]) for loc in sitemap)
    snippets = (fork_site / "embed-and-export" / "index.html").read_text(encoding="utf-8")
    assert f'<span class="guide-site-url">{FORK["SITE_URL"]}</span>embed/' in snippets
    # The 404 page is served at any depth, so its addresses start at the site's path on the host.
    assert 'href="/our-guide/assets/' in (fork_site / "404.html").read_text(encoding="utf-8")


def test_nothing_in_a_forks_site_points_at_the_original_repository(fork_site):
    default = mkdocs_settings()
    leftovers = sorted(str(p.relative_to(fork_site)) for p in fork_site.rglob("*")
                       if p.suffix in {".html", ".xml", ".json", ".md", ".csv"}
                       and (default["repo_url"] in (text := p.read_text(encoding="utf-8")) or default["repo_name"] in text))
    assert leftovers == []


def test_default_build_links_to_the_repository_and_claims_no_address(built_site):
    page = (built_site / "approaches" / "rag" / "index.html").read_text(encoding="utf-8")
    assert 'rel="canonical"' not in page
    assert 'href="https://github.com/prompt-rag-fine-tune/guide/edit/main/data/approaches/rag.yml"' in page


def test_tests_build_the_defaults_whatever_the_environment_says():
    assert [name for name in DEPLOY_VARIABLES if name in os.environ] == []


# The GitHub workflow ----------------------------------------------------------------------------------------

def _workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _events(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def _uses(workflow: dict) -> list[tuple[str, str]]:
    """(job, action reference) of every action and reusable workflow the workflow uses."""
    found = []
    for name, job in workflow["jobs"].items():
        if "uses" in job:
            found.append((name, job["uses"]))
        found += [(name, step["uses"]) for step in job.get("steps", []) if "uses" in step]
    return found


def _job_using(workflow: dict, action: str) -> tuple[str, dict, dict]:
    """(job name, job, step) of the one step that uses `action` (owner/name)."""
    found = [(name, job, step) for name, job in workflow["jobs"].items() for step in job.get("steps", [])
             if step.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"{WORKFLOW.name}: {len(found)} steps use {action}"
    return found[0]


def test_every_action_is_pinned_to_a_full_commit_sha():
    uses = _uses(_workflow())
    assert uses
    assert [f"{job}: {ref}" for job, ref in uses if not FULL_SHA.fullmatch(ref)] == []


def test_the_test_job_runs_the_readmes_test_command_on_githubs_ubuntu_with_a_browser_that_runs_there():
    command = readme_test_command()
    workflow = _workflow()
    testing = [(name, job) for name, job in workflow["jobs"].items()
               if any(step.get("run", "").strip() == command for step in job.get("steps", []))]
    assert len(testing) == 1, f"one job runs `{command}`"
    name, job = testing[0]
    assert job["runs-on"] == "ubuntu-24.04"
    assert "if" not in job, "the tests run on every event"
    # Ubuntu's chromium package is a snap shim that does not run on the runners: the tests use the preinstalled Chrome.
    assert job["env"]["CHROMIUM"] == "/usr/bin/google-chrome"
    assert {"pull_request", "push"} <= set(_events(workflow))


def test_ci_script_runs_the_readmes_test_command():
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    assert readme_test_command() in lines
    assert os.access(ROOT / ".ci" / "run", os.X_OK) and os.access(ROOT / ".ci" / "system-deps", os.X_OK)


def test_pull_requests_get_the_built_site_as_an_artifact():
    workflow = _workflow()
    name, job, step = _job_using(workflow, "actions/upload-artifact")
    assert step["if"] == "github.event_name == 'pull_request'"
    assert step["with"]["path"].rstrip("/") == "site" and step["with"]["if-no-files-found"] == "error"
    steps = job["steps"]
    assert any(s.get("run") == "make build" for s in steps[: steps.index(step)]), "the site is built before it is attached"
    assert "test" in _needs(job), "the preview is built after the tests pass"


def _needs(job: dict) -> list[str]:
    needs = job.get("needs", [])
    return [needs] if isinstance(needs, str) else needs


def test_main_is_built_for_its_pages_address_and_published_with_the_two_pages_actions():
    workflow = _workflow()
    assert _events(workflow)["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}, "the default token stays read-only"
    on_main = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"

    build_name, build_job, configure = _job_using(workflow, "actions/configure-pages")
    _, same_job, package = _job_using(workflow, "actions/upload-pages-artifact")
    assert same_job is build_job and configure["if"] == package["if"] == on_main
    steps = build_job["steps"]
    make_build = next(s for s in steps if s.get("run") == "make build")
    assert steps.index(configure) < steps.index(make_build) < steps.index(package)
    # The site is built for the address GitHub Pages gives this repository, and links to this repository.
    assert make_build["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}"
    assert make_build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert make_build["env"]["REPO_NAME"] == "${{ github.repository }}"
    assert set(make_build["env"]) == set(DEPLOY_VARIABLES)
    assert package["with"]["path"].rstrip("/") == "site"
    assert build_job["permissions"] == {"contents": "read", "pages": "read"}

    deploy_name, deploy_job, deploy = _job_using(workflow, "actions/deploy-pages")
    assert deploy_job["if"] == on_main and build_name in _needs(deploy_job)
    assert deploy_job["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy_job["environment"] == {"name": "github-pages", "url": f"${{{{ steps.{deploy['id']}.outputs.page_url }}}}"}


# .ci/system-deps on a bare machine --------------------------------------------------------------------------

def _system_deps(tmp_path: Path, chromium: str | None) -> tuple[subprocess.CompletedProcess, str]:
    """.ci/system-deps with nothing on its PATH but stand-ins: apt-get and sudo record what they were asked."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "apt.log"
    for tool in ("bash", "id", "head"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "apt-get").write_text(f'#!/bin/bash\necho "apt-get $*" >> {log}\n', encoding="utf-8")
    (bin_dir / "sudo").write_text('#!/bin/bash\nexec "$@"\n', encoding="utf-8")
    (bin_dir / "java").write_text('#!/bin/bash\necho "java stand-in"\n', encoding="utf-8")
    for tool in ("apt-get", "sudo", "java"):
        (bin_dir / tool).chmod(0o755)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path)}
    if chromium is not None:
        env["CHROMIUM"] = chromium
    result = subprocess.run([str(bin_dir / "bash"), str(ROOT / ".ci" / "system-deps")], capture_output=True, text=True,
                            env=env)
    return result, log.read_text(encoding="utf-8") if log.exists() else ""


def test_system_deps_installs_no_browser_when_chromium_names_one(tmp_path):
    browser = tmp_path / "google-chrome"
    browser.write_text('#!/bin/bash\necho "Chrome stand-in"\n', encoding="utf-8")
    browser.chmod(0o755)
    result, apt = _system_deps(tmp_path, str(browser))
    assert result.returncode == 0, result.stderr
    assert "chromium" not in apt
    assert "Chrome stand-in" in result.stdout


def test_system_deps_stops_when_chromium_names_nothing(tmp_path):
    result, apt = _system_deps(tmp_path, str(tmp_path / "no-such-browser"))
    assert result.returncode == 1 and apt == ""
    assert f"CHROMIUM is set to {tmp_path / 'no-such-browser'}, which is not an executable file" in result.stderr


def test_system_deps_installs_debians_chromium_only_where_it_is_missing(tmp_path):
    result, apt = _system_deps(tmp_path, None)
    assert result.returncode == 0, result.stderr
    assert ("chromium" in apt) is not Path("/usr/bin/chromium").exists(), apt


# The headers docs/deploy.md gives for Netlify and Cloudflare Pages ------------------------------------------


# Nothing beyond this machine --------------------------------------------------------------------------------

def test_the_tests_connect_to_no_other_machine():
    with pytest.raises(ConnectionRefusedError, match=r"^the tests reach only this machine, not 192\.0\.2\.1:443$"):
        socket.create_connection(("192.0.2.1", 443), timeout=1)
    url, server = serve(world_readable_dir("guide-local-"))
    try:
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=5):
            pass
    finally:
        server.shutdown()


