"""Embeds: chrome-less pages for another site's iframe; their markup, policy and sandbox as built (in a host page
in Chromium: tests/browser/test_embeds_browser.py)."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import serve, world_readable_dir, real_model
from playwright.sync_api import expect

from guide.embed_list import SANDBOX, embeds
from guide.pipeline import load_model

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
EMBEDS = embeds(MODEL)


def embed_html(site: Path, embed: dict) -> str:
    return (site / embed["src"].replace("index.md", "index.html")).read_text(encoding="utf-8")


@pytest.mark.parametrize("embed", EMBEDS, ids=[e["src"] for e in EMBEDS])
def test_embed_is_chrome_less_and_links_leave_in_a_new_tab(built_site, embed):
    page = embed_html(built_site, embed)
    assert "md-header" not in page and "md-sidebar" not in page and "md-footer" not in page and "md-search" not in page
    assert "Open in the full guide" in page
    leaving = re.findall(r"<a href=\"(?!#)[^\"]*\"[^>]*>", page)
    assert leaving, "an embed links to the full guide"
    assert [a for a in leaving if 'target="_blank"' not in a or 'rel="noopener"' not in a] == []
    assert not re.search(r"(src|href)=\"(https?:)?//", page), "an embed loads nothing from another host"


@pytest.mark.parametrize("embed", EMBEDS, ids=[e["src"] for e in EMBEDS])
def test_embed_has_the_sites_icon_and_no_inline_script_or_style(built_site, embed):
    page = embed_html(built_site, embed)
    icon = re.search(r'<link rel="icon" href="([^"]+)">', page)
    assert icon, "an embed names the site's icon, so the browser asks for no /favicon.ico"
    folder = built_site / embed["src"].removesuffix("index.md")
    assert (folder / icon.group(1)).resolve().is_file()
    assert " style=" not in page, "a style attribute is refused by a style-src policy"
    scripts = re.findall(r"<script([^>]*)>", page)
    assert [s for s in scripts if "src=" not in s and 'type="application/json"' not in s] == []


def test_snippet_text_is_escaped_on_the_page(built_site):
    """The page shows the snippet as text: its markup is escaped, so a title cannot break out of the code block."""
    page = (built_site / "embed-and-export" / "index.html").read_text(encoding="utf-8")
    codes = re.findall(r'<code id="snippet-\d+">(.*?)</code>', page, re.S)
    assert len(codes) == len(EMBEDS)
    for code in codes:
        text = html.unescape(re.sub(r"<[^>]+>", "", code))
        assert text.startswith("<iframe ") and text.rstrip().endswith("</script>")
