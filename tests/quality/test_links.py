"""Quality gate: every link in the built site resolves, checked by LinkChecker over HTTP, and every #anchor names
an element of the page it points to, checked on the built files by `broken_anchors()`.

LinkChecker's own anchor check (its AnchorCheck plugin) downloads and parses a page again for each anchor that
points into it: about 1,000 parses of the same 160 pages, 29 of its 33 seconds. `broken_anchors()` reads each page
once and applies LinkChecker's rule: an anchor resolves to an element's `id` or an `<a name>`, compared after
percent-decoding. Run alone: `.venv/bin/python -m pytest tests/quality/test_links.py`. See docs/quality.md.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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


class _Anchors(HTMLParser):
    """The names a page offers to a #fragment (every element's id, every <a name>) and the links it holds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.links: list[tuple[str, int]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.names.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.names.add(attributes["name"])
        if tag in ("a", "area") and attributes.get("href") and "#" in attributes["href"]:
            self.links.append((attributes["href"], self.getpos()[0]))


def broken_anchors(site: Path, under: str = "") -> list[str]:
    """Every link from a page of `site` (published under the path `under`) whose #fragment names nothing on the
    page of this site it points to, or that points to no page of the site, as 'page:line: href'. Links to other
    hosts are left alone."""
    base = "http://site.invalid/" + under
    names: dict[str, set[str]] = {}
    links: list[tuple[str, str, int, str]] = []
    for page in start_pages(site):
        file = site / (page + "index.html" if page == "" or page.endswith("/") else page)
        parser = _Anchors()
        parser.feed(file.read_text(encoding="utf-8"))
        url = base + page
        names[url] = parser.names
        links += [(url, page or "index.html", line, href) for href, line in parser.links]
    broken = []
    for url, page, line, href in links:
        target, _, fragment = urljoin(url, href).partition("#")
        if not fragment or not target.startswith(base) or any(re.search(p, target + "#" + fragment) for p in IGNORED_LINKS):
            continue
        offered = names.get(target, names.get(target + "index.html"))
        if offered is None:
            broken.append(f"{page}:{line}: {href} (no page of the site)")
        elif unquote(fragment) not in offered:
            broken.append(f"{page}:{line}: {href}")
    return broken


def run_linkchecker(site: Path, under: str = "") -> tuple[subprocess.CompletedProcess, str]:
    """Serve `site` on 127.0.0.1 under the path `under` and run LinkChecker from every page of it; returns
    (process, output)."""
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


def _canary_site() -> Path:
    site = world_readable_dir("guide-linkchecker-canary-")
    (site / "index.html").write_text(
        '<!doctype html><html lang="en"><title>t</title><h1 id="top">Top</h1>'
        '<a href="other.html#present">fine</a> <a href="/site/other.html">fine too</a> '
        '<a href="other.html#old%20name">named</a> <a href="#top">here</a> <a href="sub/#deep">down</a> '
        '<a href="https://example.invalid/#absent">outside</a>')
    (site / "other.html").write_text('<!doctype html><html lang="en"><title>o</title><h1 id="present">P</h1>'
                                     '<a name="old name"></a>')
    (site / "sub").mkdir()
    (site / "sub" / "index.html").write_text('<!doctype html><html lang="en"><title>s</title><p id="deep">D</p>'
                                             '<a href="../#nowhere">up</a>')
    (site / "orphan.html").write_text('<!doctype html><html lang="en"><title>o</title>'
                                      '<a href="other.html#absent">bad anchor</a> <a href="missing.html">bad link</a> '
                                      '<a href="gone.html#x">gone</a>')
    for path in site.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    return site


def test_linkchecker_catches_a_broken_link():
    """The gate itself works: a missing target fails it, also on a page no link leads to."""
    site = _canary_site()
    try:
        result, output = run_linkchecker(site, under="site/")
    finally:
        shutil.rmtree(site, ignore_errors=True)
    assert result.returncode == 1, output
    assert "0 warnings found. 2 errors found." in output, output
    assert "missing.html" in output and "404" in output, output


def test_the_anchor_check_catches_each_broken_anchor_and_nothing_else():
    """An anchor is found by id or <a name>, percent-decoded, on this page, another or a folder's index page; one
    that names nothing fails, also on a page no link leads to, and so does one into a page that does not exist;
    another host's anchors are not this site's."""
    site = _canary_site()
    try:
        assert broken_anchors(site, under="site/") == [
            "orphan.html:1: other.html#absent", "orphan.html:1: gone.html#x (no page of the site)", "sub/:1: ../#nowhere"]
    finally:
        shutil.rmtree(site, ignore_errors=True)


def test_every_link_in_the_site_resolves(built_site):
    result, output = run_linkchecker(built_site, under=published_path())
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found", output)
    assert summary, f"LinkChecker gave no summary (exit status {result.returncode}):\n{output}"
    pages = len(list(built_site.rglob("index.html")))
    assert int(summary.group(2)) >= pages, f"LinkChecker checked fewer URLs than the site has pages ({pages}):\n{output}"
    assert (summary.group(3), summary.group(4)) == ("0", "0"), f"LinkChecker found problems:\n{output}"
    assert result.returncode == 0, f"LinkChecker exited with {result.returncode}:\n{output}"


def test_every_anchor_in_the_site_resolves(built_site):
    links = sum(len(_links_with_anchors(page)) for page in built_site.rglob("*.html"))
    assert links > 500, f"only {links} links with an anchor in the site: is the check reading the pages?"
    broken = broken_anchors(built_site, under=published_path())
    assert broken == [], "anchors that name no element of their page:\n" + "\n".join(broken)


def _links_with_anchors(page: Path) -> list[str]:
    return re.findall(r'href="[^"]*#[^"]+"', page.read_text(encoding="utf-8"))


def test_every_ignored_link_is_still_needed(built_site):
    hrefs = {href for page in built_site.rglob("*.html")
             for href in re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))}
    stale = [pattern for pattern in IGNORED_LINKS if not any(re.search(pattern, href) for href in hrefs)]
    assert not stale, f"IGNORED_LINKS entries that match no link in the site any more, remove them: {stale}"
