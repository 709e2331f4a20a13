"""Checks of the built site's decision-tree pages and API files, without a browser.

Uses the `built_site` fixture (the real site built once with --strict) and a fixture build for a bad tree.
"""
from __future__ import annotations

import gzip

import html
import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from conftest import build, make_project, real_model
from guide import pipeline, tree_view

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
TREES = [t["id"] for t in MODEL.items["decision-trees"]]
EMBEDDED = re.compile(r'<script type="application/json" id="dt-data-([a-z0-9-]+)">(.*?)</script>', re.S)


def tree_page(site: Path, tree_id: str) -> str:
    return (site / "decision-trees" / tree_id / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("tree_id", TREES, ids=[f"data/decision-trees/{t}.yml" for t in TREES])
def test_api_file_matches_its_schema_and_the_embedded_json(built_site, tree_id):
    published = json.loads((built_site / "api/v1/decision-trees" / f"{tree_id}.json").read_text(encoding="utf-8"))
    schema = json.loads((built_site / "api/v1/schemas/decision-tree.schema.json").read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(published)]
    assert errors == []
    embedded = dict(EMBEDDED.findall(tree_page(built_site, tree_id)))
    assert json.loads(embedded[tree_id]) == published, "the page and the API must carry the same JSON"


@pytest.mark.parametrize("tree_id", TREES, ids=[f"data/decision-trees/{t}.yml" for t in TREES])
def test_every_address_in_the_json_exists_in_the_site(built_site, tree_id):
    published = json.loads((built_site / "api/v1/decision-trees" / f"{tree_id}.json").read_text(encoding="utf-8"))
    urls = re.findall(r'"(?:url|page)": "([^"]+)"', json.dumps(published))
    assert urls
    missing = set()
    for url in urls:
        path, _, anchor = url.partition("#")
        target = built_site / path / "index.html"
        if not target.exists():
            missing.add(url)
        elif anchor and f'id="{anchor}"' not in target.read_text(encoding="utf-8"):
            missing.add(url)
    assert missing == set()


@pytest.mark.parametrize("tree_id", TREES, ids=[f"data/decision-trees/{t}.yml" for t in TREES])
def test_outline_anchors_every_question_option_and_outcome(built_site, tree_id):
    page = tree_page(built_site, tree_id)
    tree = MODEL.by_id["decision-trees"][tree_id]
    wanted = {tree_view.anchor(tree_id, q["id"]) for q in tree["questions"]}
    wanted |= {tree_view.anchor(tree_id, q["id"], o["id"]) for q in tree["questions"] for o in q["options"]}
    wanted |= {tree_view.anchor(tree_id, o["id"]) for o in tree["outcomes"]}
    ids = set(re.findall(r'\sid="([^"]+)"', page))
    assert wanted - ids == set()
    assert len(re.findall(r'\sid="([^"]+)"', page)) == len(ids), "ids on a page must be unique"


def test_widget_files_load_only_on_tree_pages(built_site):
    loading = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                     if "decision-tree.js" in p.read_text(encoding="utf-8") or "decision-tree.css" in p.read_text(encoding="utf-8"))
    # The tree pages, the chrome-less copies of them under embed/ that wikis can frame, and the home page, which
    # starts the main tree in place.
    assert loading == sorted([f"decision-trees/{t}/index.html" for t in TREES] + [f"embed/decision-trees/{t}/index.html" for t in TREES]
                             + ["index.html"])
    script = (built_site / "assets/decision-tree.js").read_text(encoding="utf-8")
    assert len(gzip.compress(script.encode())) < 6_000, "the widget stays a few kilobytes over the wire"
    assert "innerHTML" not in script and "eval(" not in script


def test_json_in_the_page_cannot_close_its_script_element(built_site):
    for tree_id in TREES:
        for _, text in EMBEDDED.findall(tree_page(built_site, tree_id)):
            assert "<" not in text and ">" not in text and "&" not in text


def test_diagram_is_text_whose_boxes_link_into_the_outline(built_site):
    page = tree_page(built_site, "guide")
    figure = re.search(r'<figure class="dt-diagram".*?</figure>', page, re.S).group(0)
    assert "<figcaption" in figure and "<svg" not in figure and "<img" not in figure
    targets = re.findall(r'<a class="dt-map-[a-z-]+(?: dt-map-[a-z-]+)?" href="#([^"]+)"', figure)
    assert targets, "the diagram's boxes are links"
    assert all(f'id="{t}"' in page for t in targets), "every box opens an entry of the outline on the same page"
    boxes = re.findall(r'<a class="dt-map-box[^"]*"[^>]*>(?:<span[^>]*>[^<]*</span> )?([^<]*)</a>', figure)
    texts = {html.unescape(t).strip() for t in boxes}
    guide = MODEL.by_id["decision-trees"]["guide"]
    titles = [o["title"] for o in guide["outcomes"]]
    assert len([t for t in titles if t in texts]) == len(titles), "every recommendation has a box, in full"


def test_a_dangling_answer_stops_the_build_with_file_and_line(tmp_path):
    project = make_project(tmp_path / "project", ROOT / "tests/fixtures/minimal")
    tree = project / "data/decision-trees/main.yml"
    tree.write_text(tree.read_text(encoding="utf-8").replace("next: retrieve", "next: retreive"), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    assert ("data/decision-trees/main.yml:13:35: questions[0].options[1].next: "
            "'retreive' is neither a question nor an outcome of this tree (dead end)\n1 error detected in data/") in result.stderr


def test_how_the_guide_decides_lists_every_case_and_links_each_outcome(built_site):
    page = (built_site / "how-the-guide-decides" / "index.html").read_text(encoding="utf-8")
    tree = MODEL.by_id["decision-trees"]["guide"]
    rows = re.findall(r'<tr id="case-([a-z0-9-]+)">(.*?)</tr>', page, re.S)
    assert [case_id for case_id, _ in rows] == [s["id"] for s in tree["scenarios"]]
    tree_ids = set(re.findall(r'\sid="([^"]+)"', tree_page(built_site, "guide")))
    for (case_id, row), case in zip(rows, tree["scenarios"]):
        anchor = tree_view.anchor("guide", case["outcome"])
        assert f'href="../decision-trees/guide/#{anchor}"' in row, case_id
        assert anchor in tree_ids
    for disagreement in tree["disagreements"]:
        assert f'id="{disagreement["id"]}"' in page
    assert page.count('class="guide-figure"') == len(tree["figures"])
