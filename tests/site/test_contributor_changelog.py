"""The changelog collection: its schema, its page, and its Atom feed (valid, escaped, newest first)."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import yaml
from conftest import DATA, ROOT, make_project, mkdocs_settings, real_model

from guide import changelog
from guide.catalog import COLLECTIONS
from guide.documents import schema_comment
from guide.model import build as build_model
from guide.pipeline import check, load_model

ATOM = "{http://www.w3.org/2005/Atom}"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
CONFIG = mkdocs_settings()
REPO = CONFIG["repo_url"]


def entry(entry_id: str, title: str = "A change", summary: str = "What changed.", kind: str = "update", **more) -> str:
    lines = [schema_comment("changelog"), f"id: {entry_id}", f"title: {yaml.safe_dump(title).strip().removesuffix('...').strip()}",
             f"kind: {kind}", f"summary: {yaml.safe_dump(summary).strip().removesuffix('...').strip()}"]
    lines += [f"{k}: {v}" for k, v in more.items()]
    return "\n".join(lines) + "\n"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    project = make_project(tmp_path / "project", MINIMAL)
    (project / "data" / "changelog").mkdir()
    return project / "data"


def add(data_dir: Path, entry_id: str, text: str) -> None:
    (data_dir / "changelog" / f"{entry_id}.yml").write_text(text, encoding="utf-8")


def messages(data_dir: Path) -> list[str]:
    return [str(e) for e in check(data_dir)[1]]


def test_changelog_is_a_collection_without_item_pages():
    assert COLLECTIONS["changelog"].item_pages is False


def test_seed_entry_is_the_first_release():
    model = real_model()
    first = model.by_id["changelog"]["2026-11-22-first-release"]
    assert first["kind"] == "release"
    assert changelog.entry_date(first["id"]) == date(2026, 11, 22)


@pytest.mark.parametrize("entry_id, expected", [
    ("2026-02-30-leap", "'2026-02-30-leap' is not of the expected form: The date of the change (YYYY-MM-DD)"),
    ("2026-11-22", "'2026-11-22' is not of the expected form"),
    ("first-release", "'first-release' is not of the expected form"),
])
def test_entry_id_must_start_with_a_date(data_dir, entry_id, expected):
    add(data_dir, entry_id, entry(entry_id))
    found = messages(data_dir)
    assert any(f"data/changelog/{entry_id}.yml:2:1: id: {expected}" in m for m in found), found


def test_unknown_field_and_kind_are_refused(data_dir):
    add(data_dir, "2026-11-23-x", entry("2026-11-23-x", kind="fix", author="me"))
    found = messages(data_dir)
    assert "data/changelog/2026-11-23-x.yml:6:1: author: unknown field 'author' (known fields: id, kind, sources, summary, title)" in found
    assert "data/changelog/2026-11-23-x.yml:4:1: kind: 'fix' is not one of: release, addition, correction, update, removal" in found


def test_entry_sources_are_checked_like_any_citation(data_dir):
    add(data_dir, "2026-11-23-x", entry("2026-11-23-x", sources="[alpha, beta]"))
    assert "data/changelog/2026-11-23-x.yml:6:18: sources[1]: 'beta' is not a known source (known: alpha)" in messages(data_dir)


def _model(data_dir: Path):
    documents, errors = check(data_dir)
    assert [str(e) for e in errors] == []
    return build_model(documents)


def parse_feed(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<feed ')
    return ET.fromstring(text.encode("utf-8"))


def test_feed_is_valid_atom_with_newest_entry_first(data_dir):
    add(data_dir, "2026-11-22-first", entry("2026-11-22-first", "First"))
    add(data_dir, "2026-12-05-second", entry("2026-12-05-second", "Second", kind="correction"))
    feed = parse_feed(changelog.render_feed(_model(data_dir), "Guide", REPO))
    assert feed.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{child}") is not None, child
    assert feed.findtext(f"{ATOM}updated") == "2026-12-05T00:00:00Z"
    assert feed.findtext(f"{ATOM}id").startswith("urn:uuid:")
    entries = feed.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Second", "First"]
    for e in entries:
        for child in ("id", "title", "updated", "content"):
            assert e.findtext(f"{ATOM}{child}"), child
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T00:00:00Z", e.findtext(f"{ATOM}updated"))
    ids = [feed.findtext(f"{ATOM}id")] + [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 3
    assert entries[0].find(f"{ATOM}category").get("term") == "correction"


def test_feed_ids_are_stable_across_builds_and_hosts(data_dir):
    add(data_dir, "2026-11-22-first", entry("2026-11-22-first"))
    model = _model(data_dir)
    here = parse_feed(changelog.render_feed(model, "Guide", REPO))
    there = parse_feed(changelog.render_feed(model, "Guide", REPO, site_url="https://guide.example.org/"))
    assert here.find(f"{ATOM}entry").findtext(f"{ATOM}id") == there.find(f"{ATOM}entry").findtext(f"{ATOM}id")


def test_feed_escapes_text_and_html(data_dir):
    title = 'Costs <b>"changed"</b> & more'
    summary = "See <script>alert(1)</script> and [RAG](../approaches/rag.md#costs) & [x](https://a.example/?a=1&b=2)."
    add(data_dir, "2026-11-22-first", entry("2026-11-22-first", title, summary))
    text = changelog.render_feed(_model(data_dir), "Guide <&>", REPO)
    assert "<script>" not in text and "<b>" not in text
    feed = parse_feed(text)
    item = feed.find(f"{ATOM}entry")
    assert item.findtext(f"{ATOM}title") == title
    assert feed.findtext(f"{ATOM}title") == "Guide <&>: changes to the guidance"
    content = item.find(f"{ATOM}content")
    assert content.get("type") == "html"
    html = content.text
    assert "&lt;script&gt;" in html, "raw HTML in data is shown as text, never run"
    assert 'href="approaches/rag/#costs"' in html, "links written for the changelog page are rewritten for the feed"
    assert 'href="https://a.example/?a=1&amp;b=2"' in html


def test_feed_links_are_absolute_when_the_site_address_is_known(data_dir):
    add(data_dir, "2026-11-22-first", entry("2026-11-22-first", summary="[RAG](../approaches/rag.md)"))
    feed = parse_feed(changelog.render_feed(_model(data_dir), "Guide", REPO, site_url="https://guide.example.org/docs"))
    self_link = next(link for link in feed.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "https://guide.example.org/docs/feed.xml"
    item = feed.find(f"{ATOM}entry")
    assert item.find(f"{ATOM}link").get("href") == "https://guide.example.org/docs/changelog/#2026-11-22-first"
    assert 'href="https://guide.example.org/docs/approaches/rag/"' in item.findtext(f"{ATOM}content")


@pytest.mark.parametrize("target, expected", [
    ("../approaches/rag.md", "approaches/rag/"),
    ("../approaches/index.md#x", "approaches/#x"),
    ("../synthesis.md", "synthesis/"),
    ("#2026-11-22-first", "changelog/#2026-11-22-first"),
    ("../feed.xml", "feed.xml"),
    ("https://a.example/x", "https://a.example/x"),
    ("mailto:a@b.example", "mailto:a@b.example"),
])
def test_site_address_of_a_changelog_link(target, expected):
    assert changelog.site_address(target, "") == expected


def test_no_feed_without_entries(data_dir):
    assert changelog.render_feed(_model(data_dir), "Guide", REPO) is None


def test_a_29th_of_february_outside_a_leap_year_is_refused_before_anything_is_built(data_dir):
    add(data_dir, "2027-02-29-x", entry("2027-02-29-x"))
    add(data_dir, "2028-02-29-x", entry("2028-02-29-x"))
    add(data_dir, "2100-02-29-x", entry("2100-02-29-x"))
    add(data_dir, "2000-02-29-x", entry("2000-02-29-x"))
    refused = sorted(m.partition(":")[0] for m in messages(data_dir))
    assert refused == ["data/changelog/2027-02-29-x.yml", "data/changelog/2100-02-29-x.yml"]
    assert any(m.startswith("data/changelog/2027-02-29-x.yml:2:1: id: '2027-02-29-x' is not of the expected form")
               for m in messages(data_dir))


def test_built_site_has_the_changelog_page_and_feed(built_site):
    feed = parse_feed((built_site / "feed.xml").read_text(encoding="utf-8"))
    model = real_model()
    newest_first = sorted((e["id"] for e in model.items["changelog"]), reverse=True)
    assert [e.find(f"{ATOM}link").get("href").rpartition("#")[2] for e in feed.findall(f"{ATOM}entry")] == newest_first
    page = (built_site / "changelog" / "index.html").read_text(encoding="utf-8")
    positions = [page.index(f'id="{entry_id}"') for entry_id in newest_first]
    assert positions == sorted(positions)
    assert 'href="../feed.xml"' in page


def test_changelog_is_in_the_navigation(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="changelog/" class="md-nav__link">', home)
