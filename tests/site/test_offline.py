"""Offline use, without a browser: the offline edition (`make offline`, the `offline_site` fixture) addresses every
page by its file and searches from a script (in Chromium: tests/browser/test_offline_browser.py)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import ROOT, world_readable_dir

from guide import addresses, pipeline, render


# ---------------------------------------------------------------- the offline edition, opened from disk

@pytest.mark.parametrize("page_src, target, directory, by_file", [
    ("approaches/rag.md", "synthesis.md", "../../synthesis/", "../synthesis.html"),
    ("approaches/rag.md", "approaches/index.md", "../", "index.html"),
    ("index.md", "decision-trees/guide.md", "decision-trees/guide/", "decision-trees/guide.html"),
    ("decision-trees/guide.md", "index.md", "../../", "../index.html"),
    ("embed/synthesis/index.md", "sources/openai.md#x", "../../sources/openai/#x", "../../sources/openai.html#x"),
])
def test_links_in_templates_follow_the_url_style(page_src, target, directory, by_file):
    """The addresses our templates write into HTML, with directory URLs and in the offline edition."""
    assert addresses.relative_url(page_src, target) == directory
    with addresses.addressing(False):
        assert addresses.relative_url(page_src, target) == by_file
        assert addresses.url_of(target) == target.replace(".md", ".html")
    assert addresses.relative_url(page_src, target) == directory


def test_assets_follow_the_url_style():
    with addresses.addressing(False):
        assert render.asset({"page_src": "approaches/rag.md"}, "assets/x.js") == "../assets/x.js"
        assert render.asset({"page_src": "index.md"}, "assets/x.js") == "assets/x.js"
    assert render.asset({"page_src": "approaches/rag.md"}, "assets/x.js") == "../../assets/x.js"


class _Addresses(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.found.append(value)


def test_make_offline_builds_the_offline_edition():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = re.search(r"^offline:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert target, "the Makefile has an `offline` target"
    assert "OFFLINE=true" in target.group(1) and "mkdocs build" in target.group(1)


def test_every_address_in_the_offline_edition_names_a_file(offline_site):
    """From disk a folder opens as a directory listing, so every link, script and style names a file that exists."""
    pages = sorted(offline_site.rglob("*.html"))
    assert len(pages) > 50
    bad: list[str] = []
    for page in pages:
        parser = _Addresses()
        parser.feed(page.read_text(encoding="utf-8"))
        for address in parser.found:
            parsed = urlparse(address)
            if parsed.scheme or parsed.netloc or address.startswith("#") or not parsed.path:
                continue
            target = (page.parent / unquote(parsed.path)).resolve()
            if not target.is_file() or offline_site.resolve() not in target.parents:
                bad.append(f"{page.relative_to(offline_site)}: {address}")
    assert bad == [], f"{len(bad)} addresses name no file, e.g. {bad[:10]}"


def test_the_offline_edition_searches_from_a_script(offline_site):
    index = offline_site / "search" / "search_index.js"
    assert index.is_file() and index.read_text(encoding="utf-8").startswith("var __index = {")
    assert 'src="assets/iframe-worker.js"' in (offline_site / "index.html").read_text(encoding="utf-8")


