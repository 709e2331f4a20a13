"""Quality gate: every link and every #anchor in the built site resolves, checked by LinkChecker over HTTP.

Run alone: `.venv/bin/python -m pytest tests/quality/test_links.py`. See docs/quality.md.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import mkdocs_settings, serve, world_readable_dir

pytestmark = pytest.mark.checker

# The server answers with this header so that LinkChecker lifts its default politeness limit of
# 10 requests a second per host (about 3 a second on average); see `maxrequestspersecond` in linkcheckerrc(5).
LINKCHECKER_HEADER = {"LinkChecker": "local test server"}
# Links the gate lets through, each with the reason; test_every_ignored_link_is_still_needed fails once a
# pattern matches no link in the site. Patterns are regular expressions searched in the absolute URL.
# Example: r"#answers=": "the decision-tree script reads its state from the fragment; it is no element's id".
IGNORED_LINKS: dict[str, str] = {}
CONFIG = """\
[checking]
threads=1
maxrequestspersecond=1000
[AnchorCheck]
"""


def linkchecker() -> Path:
    """LinkChecker's command next to this Python, or a failure that says how to install it."""
    path = Path(sys.executable).parent / "linkchecker"
    if not path.exists():
        pytest.fail("LinkChecker is missing: run `make setup-test` (pip install -r requirements-test.txt)")
    return path


def published_path() -> str:
    """The path the site is published under (from site_url in mkdocs.yml), e.g. 'guide/'; '' without one."""
    path = urlsplit(mkdocs_settings().get("site_url") or "").path.strip("/")
    return path + "/" if path else ""


def start_pages(site: Path) -> list[str]:
    """Every page of the site (a file with a doctype), as a path from the site's root, so none is missed for
    want of a link to it (the 404 page, pages reached only by a script)."""
    pages = [f for f in sorted(site.rglob("*.html"))
             if re.match(r"\s*<!doctype html", f.read_text(encoding="utf-8")[:200], re.IGNORECASE)]
    return [f.relative_to(site).as_posix().removesuffix("index.html") for f in pages]


def run_linkchecker(site: Path, under: str = "") -> tuple[subprocess.CompletedProcess, str]:
    """Serve `site` on 127.0.0.1 under the path `under` and run LinkChecker, with its anchor check, from every
    page of it; returns (process, output)."""
    # Run as root, LinkChecker drops to the user 'nobody', which must be able to read its config file.
    # The site is served from a folder holding a link to it, so that links starting with the path the site is
    # published under (the 404 page's) resolve as they will once published.
    root = world_readable_dir("guide-linkchecker-")
    config = root / "linkcheckerrc"
    config.write_text(CONFIG)
    config.chmod(0o644)
    served = root / "www"
    link = served / under.strip("/") if under else served
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(site, target_is_directory=True)
    url, server = serve(served, headers=LINKCHECKER_HEADER)
    try:
        # External http(s) links cannot be reached from the build and test machines, so every URL that is
        # not on this local server is ignored (LinkChecker then only checks its syntax) rather than fetched.
        ignore = [f"^(?!{re.escape(url)})", *IGNORED_LINKS]
        result = subprocess.run(
            [str(linkchecker()), "--config", str(config), "--no-status",
             *(arg for pattern in ignore for arg in ("--ignore-url", pattern)),
             *(url + under + page for page in start_pages(site))],
            capture_output=True, text=True, cwd=root, timeout=900)
    finally:
        server.shutdown()
        shutil.rmtree(root, ignore_errors=True)
    return result, result.stdout + result.stderr


def test_linkchecker_catches_a_broken_link_and_a_broken_anchor():
    """The gate itself works: a missing target and a missing #anchor fail it, also on a page no link leads to."""
    site = world_readable_dir("guide-linkchecker-canary-")
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><h1 id="top">Top</h1>'
        '<a href="other.html#present">fine</a> <a href="/site/other.html">fine too</a> '
        '<a href="https://example.invalid/">outside</a>')
    (site / "other.html").write_text('<!doctype html><html lang="en"><title>o</title><h1 id="present">P</h1>')
    (site / "orphan.html").write_text('<!doctype html><html lang="en"><title>o</title>'
                                      '<a href="other.html#absent">bad anchor</a> <a href="missing.html">bad link</a>')
    for path in site.iterdir():
        path.chmod(0o644)
    try:
        result, output = run_linkchecker(site, under="site/")
    finally:
        shutil.rmtree(site, ignore_errors=True)
    assert result.returncode == 1, output
    assert "1 warning found. 1 error found." in output, output
    assert "missing.html" in output and "404" in output, output
    assert "Anchor `absent'" in output, output


def test_every_link_and_anchor_in_the_site_resolves(built_site):
    result, output = run_linkchecker(built_site, under=published_path())
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found", output)
    assert summary, f"LinkChecker gave no summary (exit status {result.returncode}):\n{output}"
    pages = len(list(built_site.rglob("index.html")))
    assert int(summary.group(2)) >= pages, f"LinkChecker checked fewer URLs than the site has pages ({pages}):\n{output}"
    assert (summary.group(3), summary.group(4)) == ("0", "0"), f"LinkChecker found problems:\n{output}"
    assert result.returncode == 0, f"LinkChecker exited with {result.returncode}:\n{output}"


def test_every_ignored_link_is_still_needed(built_site):
    hrefs = {href for page in built_site.rglob("*.html")
             for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))}
    stale = [pattern for pattern in IGNORED_LINKS if not any(re.search(pattern, href) for href in hrefs)]
    assert not stale, f"IGNORED_LINKS entries that match no link in the site any more, remove them: {stale}"
