"""The home page: generated from hooks/templates/home.md.j2, it starts the main decision tree in place (the same
widget, payload and #answers= address as the tree's page) beside the levers and when each wins.

Checks of the built page; in Chromium: tests/browser/test_home_browser.py. Expected texts come from the data.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from conftest import real_model
from playwright.sync_api import expect

from guide import pipeline, site, tree_view
from accessibility import SCHEMES, axe_script, describe

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
MAIN = next(t for t in MODEL.items["decision-trees"] if "source" not in t)  # the guide's own tree
TREE = tree_view.payload(MODEL, MAIN)
FIRST = TREE["questions"][TREE["start"]]


def home_html(built_site: Path) -> str:
    return (built_site / "index.html").read_text(encoding="utf-8")


# ---- the built page --------------------------------------------------------------------------------------------

def test_home_page_is_generated_and_not_hand_written():
    assert "index.md" in [p.src for p in site.pages(MODEL)]
    assert not (ROOT / "content" / "index.md").exists(), \
        "content/index.md would hide the generated home page (hooks/templates/home.md.j2)"


def test_home_carries_the_main_tree_payload_the_tree_page_carries(built_site):
    pattern = re.compile(rf'<script type="application/json" id="dt-data-{MAIN["id"]}">(.*?)</script>', re.S)
    home = pattern.search(home_html(built_site))
    tree_page = pattern.search((built_site / "decision-trees" / MAIN["id"] / "index.html").read_text(encoding="utf-8"))
    assert home and tree_page, "both pages carry the tree's data for the widget"
    assert json.loads(home.group(1)) == json.loads(tree_page.group(1)) == json.loads(json.dumps(TREE))
    assert 'src="assets/decision-tree.js"' in home_html(built_site)


def test_without_javascript_the_first_answers_link_to_the_tree_page_outline(built_site):
    text = home_html(built_site)
    fallback = re.search(r'<div class="dt-fallback">(.*?)</div>', text, re.S)
    assert fallback, "the home page has a fallback for readers without JavaScript"
    links = re.findall(r'<a href="([^"]+)">(.*?)</a>', fallback.group(1))
    assert [html.unescape(re.sub(r"<[^>]+>", "", label)) for _, label in links] == [o["label"] for o in FIRST["options"]]
    tree_page = (built_site / "decision-trees" / MAIN["id"] / "index.html").read_text(encoding="utf-8")
    for (address, _), option in zip(links, FIRST["options"]):
        anchor = tree_view.anchor(MAIN["id"], TREE["start"], option["id"])
        assert address == f"decision-trees/{MAIN['id']}/#{anchor}"
        assert f'id="{anchor}"' in tree_page, f"{address}: no such anchor on the tree page"


def test_levers_summary_links_every_approach(built_site):
    section = re.search(r'<section class="home-levers".*?</section>', home_html(built_site), re.S)
    assert section, "the home page has the levers' summary"
    for approach in MODEL.items["approaches"]:
        address = f"approaches/{approach['id']}/"
        assert f'href="{address}"' in section.group(0), f"the summary does not link {address}"
        assert (built_site / address / "index.html").is_file()
    for route in ("Tool use", "Structured outputs", "Model choice", "Long context"):
        assert route in section.group(0)


# ---- in the browser --------------------------------------------------------------------------------------------


