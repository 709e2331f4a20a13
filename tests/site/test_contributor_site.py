"""On the built site: each item page edits its own YAML file and shows its review date, and every page has a
"report a problem" link that opens a new issue prefilled with the page's address."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DATA, mkdocs_settings, real_model

from guide.pipeline import load_model
from guide.site import pages

CONFIG = mkdocs_settings()
MODEL = real_model()
ITEM_PAGES = [p for p in pages(MODEL) if p.item is not None]
REPORT = re.compile(r'<a href="([^"]+)"[^>]*>Report a problem with this page</a>')


def html_of(site: Path, src: str) -> str:
    url = src[: -len("index.md")] if src.endswith("index.md") else src[: -len(".md")] + "/"
    return (site / url / "index.html").read_text(encoding="utf-8")


def address_of(site: Path, file: Path) -> str:
    """The page's address as the report link gives it: absolute when mkdocs.yml sets site_url."""
    rel = file.relative_to(site).as_posix()
    base = CONFIG.get("site_url") or "/"
    return base.rstrip("/") + "/" + rel[: -len("index.html")]


@pytest.mark.parametrize("page", ITEM_PAGES, ids=[p.src for p in ITEM_PAGES])
def test_item_page_edit_link_opens_its_yaml_file(built_site, page):
    collection, item_id = page.item
    expected = f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}{MODEL.files[(collection, item_id)]}"
    assert expected.endswith(f"data/{collection}/{item_id}.yml")
    links = re.findall(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon" rel="edit">',
                       html_of(built_site, page.src))
    assert links == [expected]


@pytest.mark.parametrize("page", ITEM_PAGES, ids=[p.src for p in ITEM_PAGES])
def test_item_page_shows_when_it_was_last_reviewed(built_site, page):
    collection, item_id = page.item
    reviewed = MODEL.by_id[collection][item_id]["reviewed"]
    assert f"Last reviewed {reviewed}." in html_of(built_site, page.src)


def test_every_page_reports_a_problem_with_its_own_address(built_site):
    checked, problems = 0, []
    for file in sorted(built_site.rglob("index.html")):
        text = file.read_text(encoding="utf-8")
        if 'class="md-content"' not in text:
            continue  # redirect stubs and the like have no content to report on
        links = REPORT.findall(text)
        address = address_of(built_site, file)
        if len(links) != 1:
            problems.append(f"{address}: {len(links)} report links")
            continue
        url = urlsplit(html.unescape(links[0]))
        query = parse_qs(url.query)
        if f"{url.scheme}://{url.netloc}{url.path}" != f"{CONFIG['repo_url']}/issues/new":
            problems.append(f"{address}: goes to {url.path}")
        elif sorted(query) != ["body", "title"] or not query["body"][0].startswith(f"Page: {address}\n"):
            problems.append(f"{address}: {query}")
        checked += 1
    assert problems == []
    assert checked >= len(ITEM_PAGES)


def test_report_link_names_the_data_file_of_an_item_page(built_site):
    text = html_of(built_site, "approaches/rag.md")
    query = parse_qs(urlsplit(html.unescape(REPORT.search(text).group(1))).query)
    assert query["title"] == ["Problem on the page: " + MODEL.by_id["approaches"]["rag"]["name"]]
    assert "Data file: data/approaches/rag.yml\n" in query["body"][0]


def test_report_link_has_no_data_file_on_a_hand_written_page(built_site):
    page = built_site / "diagnose" / "index.html"
    query = parse_qs(urlsplit(html.unescape(REPORT.search(page.read_text(encoding="utf-8")).group(1))).query)
    assert query["body"][0].startswith(f"Page: {address_of(built_site, page)}\n") and "Data file" not in query["body"][0]
