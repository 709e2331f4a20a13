"""Zensical, pinned in requirements-zensical.txt, builds the generated sources (`make generate`) into the same pages
as MkDocs; the differences it has are the ones docs/architecture.md names ("Under Zensical").
"""
from __future__ import annotations

import json
import posixpath
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from guide import finish
from test_generate import files_of, generated_sources

ROOT = Path(__file__).resolve().parents[2]
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
PINNED = re.search(r"^zensical==(\S+)$", (ROOT / "requirements-zensical.txt").read_text(encoding="utf-8"), re.M)[1]


@pytest.fixture(scope="module")
def zensical_site(built_site, tmp_path_factory) -> tuple[Path, Path, str]:
    if not ZENSICAL.exists():
        pytest.fail(f"Zensical is not installed at {ZENSICAL.relative_to(ROOT)}: run `make setup-test`, or "
                    f"python3 -m venv .venv-zensical && .venv-zensical/bin/pip install -r requirements-zensical.txt")
    version = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True).stdout.strip()
    assert version == PINNED, f"{ZENSICAL} is {version}, requirements-zensical.txt pins {PINNED}: run `make setup-test`"
    sources = generated_sources(tmp_path_factory.mktemp("zensical"), built_site, engine="zensical")
    # Zensical checks the links in raw HTML, which MkDocs does not, and so reports each link to a Markdown export
    # (copied in by the finish step) as a page that does not exist; with `strict` it would stop at the first.
    config = yaml.safe_load((sources / "mkdocs.yml").read_text(encoding="utf-8"))
    config["strict"] = False
    (sources / "zensical.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = subprocess.run([str(ZENSICAL), "build", "-f", str(sources / "zensical.yml")], capture_output=True,
                            text=True, cwd=sources, env={"PATH": "/usr/bin:/bin", "NO_COLOR": "1", "HOME": str(sources)})
    assert result.returncode == 0, f"zensical build failed:\n{result.stdout}\n{result.stderr}"
    site = sources / "site"
    return sources, site, re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)


def test_zensical_builds_every_page_mkdocs_builds(zensical_site, built_site):
    sources, site, _ = zensical_site
    pages = {p for p in files_of(built_site) if p.endswith(".html")}
    assert {p for p in files_of(site) if p.endswith(".html")} == pages
    # Our own files (assets, API, embeds, exports, feed) as they are; the Markdown exports come with the finish step.
    ours = set(json.loads((sources / finish.MANIFEST).read_text(encoding="utf-8"))["verbatim"])
    assert ours - files_of(site) == {p for p in ours if p.startswith("exports/") and p.endswith(".md")}
    # Each engine has its own search index, sitemap and theme files (docs/architecture.md, "Under Zensical").
    assert {"search/search_index.json", "sitemap.xml.gz"} <= files_of(built_site) - files_of(site)
    assert "search.json" in files_of(site) - files_of(built_site)


def test_zensical_warns_only_of_links_to_the_markdown_exports(zensical_site, built_site):
    _, _, output = zensical_site
    warnings = re.findall(r"^Warning: (.*)$", output, re.M)
    linked = set(re.findall(r'href="(?:\.\./)*(exports/[\w.-]+\.md)"', output))
    expected = {p for p in files_of(built_site) if p.startswith("exports/") and p.endswith(".md")}
    assert set(warnings) == {"page does not exist"} and linked == expected, output[-3000:]


@pytest.fixture(scope="module")
def finished_site(zensical_site, tmp_path_factory) -> Path:
    sources, site, _ = zensical_site
    finished = tmp_path_factory.mktemp("finished") / "site"
    shutil.copytree(site, finished)
    assert finish.finish_site(sources, finished) > 100
    return finished


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found += [value for name, value in attrs if name in ("href", "src") and value]


def unresolved_addresses(site: Path) -> list[str]:
    """Every relative href and src in the site's pages that names no file of the site, as 'page: address'."""
    missing = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        parser = _Addresses()
        parser.feed(path.read_text(encoding="utf-8"))
        for address in parser.found:
            target = urlsplit(address).path
            if urlsplit(address).scheme or address.startswith(("/", "#")) or not target:
                continue
            resolved = site / posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
            if not (resolved.is_file() or (resolved / "index.html").is_file()):
                missing.append(f"{page}: {address}")
    return missing


def test_every_address_in_the_zensical_pages_resolves(finished_site):
    # Zensical reads a relative address in raw HTML from the page's source file; the sources made for it say so.
    missing = unresolved_addresses(finished_site)
    assert not missing, f"{len(missing)} addresses lead nowhere, e.g. {missing[:5]}"


def test_finish_completes_the_zensical_site(zensical_site, finished_site):
    sources, _, _ = zensical_site
    finished = finished_site
    page = (finished / "approaches" / "rag" / "index.html").read_text(encoding="utf-8")
    assert page.count('http-equiv="Content-Security-Policy"') == 1
    assert "edit/main/data/approaches/rag.yml" in page and "Data%20file%3A%20data/approaches/rag.yml" in page
    export = Path("exports") / "synthesis.md"
    assert (finished / export).read_bytes() == (sources / finish.OUTSIDE_DOCS / export).read_bytes()
