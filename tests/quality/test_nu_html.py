"""Quality gate: every built page is valid HTML according to the Nu HTML Checker (vnu.jar from npm), errors only.

Run alone: `.venv/bin/python -m pytest tests/quality/test_nu_html.py`. See docs/quality.md.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.checker


ROOT = Path(__file__).resolve().parents[2]
# Installed by `make setup-test` (npm ci) from package.json, where the vnu-jar package is pinned to one version.
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# One run of a few seconds: Java's quick compiler alone (and a one-thread collector) does it in half the processor
# time the default optimising compiler takes; code from that compiler needs a deeper stack than the default.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]


def vnu_jar() -> Path:
    """The Nu HTML Checker's vnu.jar from the vnu-jar package on npm, or a failure saying how to get it."""
    if not VNU_JAR.exists():
        pytest.fail(f"The Nu HTML Checker is missing ({VNU_JAR.relative_to(ROOT)}): run `make setup-test`, or "
                    "`npm ci --ignore-scripts` in the repository (needs npm: `sudo apt-get install npm`), which "
                    "installs the vnu-jar package pinned in package.json")
    return VNU_JAR


def java() -> str:
    path = shutil.which("java")
    if path is None:
        pytest.fail("Java is missing (the Nu HTML Checker needs Java 11 or later): "
                    "run `sudo apt-get install default-jre-headless` (or `bash .ci/system-deps`)")
    return path


def check_html(files: list[Path]) -> list[dict]:
    """The checker's error messages for `files` (one Java run for all of them)."""
    result = subprocess.run([java(), *JAVA_OPTIONS, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", *map(str, files)],
                            capture_output=True, text=True, timeout=600)
    # vnu writes its JSON report to stderr, and exits with 1 when it found errors.
    try:
        report = json.loads(result.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"The Nu HTML Checker failed (exit status {result.returncode}):\n{result.stdout}\n{result.stderr}")
    return [m for m in report["messages"] if m.get("type") != "info"]


def is_document(path: Path) -> bool:
    """A whole page (it starts with a doctype), as opposed to a fragment such as an exported table to embed."""
    return re.match(r"\s*<!doctype html", path.read_text(encoding="utf-8")[:200], re.IGNORECASE) is not None


FRAGMENT_PAGE = ('<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Fragment</title></head>'
                 '<body>\n{}\n</body></html>\n')


def wrap_fragments(fragments: list[Path], site: Path, folder: Path) -> dict[str, str]:
    """Each fragment put inside a minimal page in `folder` (line numbers shift by one); returns {wrapped path: built path}."""
    names = {}
    for fragment in fragments:
        relative = fragment.relative_to(site)
        wrapped = folder / relative
        wrapped.parent.mkdir(parents=True, exist_ok=True)
        wrapped.write_text(FRAGMENT_PAGE.format(fragment.read_text(encoding="utf-8")), encoding="utf-8")
        names[str(wrapped)] = f"{relative} (fragment)"
    return names


def describe(messages: list[dict], site: Path, names: dict[str, str]) -> str:
    """Messages grouped by text, each with the pages and lines it occurs on: one line per kind of error."""
    where: dict[str, list[str]] = defaultdict(list)
    for m in messages:
        path = m.get("url", "").removeprefix("file:")
        page = names.get(path) or path.removeprefix(str(site) + "/")
        where[m.get("message", m)].append(f"{page}:{m.get('lastLine', '?')}")
    return "\n".join(f"- {text}\n    {len(places)}x: {', '.join(places[:8])}{' ...' if len(places) > 8 else ''}"
                     for text, places in sorted(where.items(), key=lambda item: -len(item[1])))


def test_the_checker_is_the_pinned_build():
    """node_modules holds the version package.json pins, not one left from an earlier install."""
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["vnu-jar"]
    result = subprocess.run([java(), *JAVA_OPTIONS, "-jar", str(vnu_jar()), "--version"], capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[:1] == [pinned], (
        f"vnu.jar reports {result.stdout.strip()!r}, package.json pins {pinned}: run `make setup-test`")


CANARY = '<!doctype html><html lang="en"><title>t</title><input type="checkbox" autocomplete="off">'


@pytest.fixture(scope="module")
def checked(built_site, tmp_path_factory):
    """(messages, pages, names, canary): one run of the checker over every built page, every fragment inside a
    minimal page, and an invalid page (the canary) that proves the gate reports errors at all."""
    folder = tmp_path_factory.mktemp("nu")
    files = sorted(built_site.rglob("*.html"))
    pages = [f for f in files if is_document(f)]
    assert len(pages) > 10, f"only {len(pages)} pages in {built_site}"
    # A fragment (an HTML file without a doctype, made to be pasted into another page) is checked inside a
    # minimal page, so that its own markup is held to the same rules.
    names = wrap_fragments([f for f in files if not is_document(f)], built_site, folder / "fragments")
    canary = folder / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    messages = check_html([*pages, *map(Path, names), canary])
    return messages, pages, names, canary


def test_the_checker_reports_an_error(checked):
    """The gate itself works: the invalid page checked in the same run gives its error."""
    messages, _, _, canary = checked
    assert any(m.get("url", "").endswith(canary.as_posix()) and "autocomplete" in m["message"] for m in messages), messages


def test_every_page_and_fragment_is_valid_html(checked, built_site):
    messages, pages, names, canary = checked
    messages = [m for m in messages if not m.get("url", "").endswith(canary.as_posix())]
    if messages:
        pytest.fail(f"The Nu HTML Checker found {len(messages)} errors in {len(pages)} pages and {len(names)} fragments:\n"
                    + describe(messages, built_site, names), pytrace=False)
