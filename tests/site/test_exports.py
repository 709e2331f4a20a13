"""Exports and the JSON API: each format round-trips and each JSON file validates against its schema."""
from __future__ import annotations

import csv
import html
import io
import re
import json
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import real_model
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt
from referencing import Registry, Resource

from guide.catalog import COLLECTIONS
from guide.exports import FORMATS, Provenance, Table, as_csv, as_html, as_json, as_markdown, spreadsheet_safe, tables
from guide.pipeline import load_model

ROOT = Path(__file__).resolve().parents[2]
MODEL = real_model()
TABLES = tables(MODEL)
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
ORIGIN = Provenance("Prompt, RAG or Fine-tune?", "https://example.org/guide/", "1.2.3", "2026-11-27")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def unquoted(cell: str) -> str:
    """A CSV cell as it was before the quote that keeps a spreadsheet from reading it as a formula."""
    return cell[1:] if cell.startswith("'") else cell


def csv_parts(text: str) -> tuple[list[list[str]], dict[str, str]]:
    """The table's rows (heading first), and the facts after the blank row that say where it comes from."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    blank = rows.index([])
    return [[unquoted(c) for c in r] for r in rows[:blank]], dict(rows[blank + 1:])


def markdown_rows(text: str) -> list[list[str]]:
    """The cells of the one GFM table in a Markdown text, as their source text."""
    rows, row, in_table = [], None, False
    for token in MarkdownIt("commonmark").enable("table").parse(text):
        if token.type == "table_open":
            in_table = True
        elif token.type == "table_close":
            in_table = False
        elif in_table and token.type == "tr_open":
            row = []
        elif in_table and token.type == "tr_close":
            rows.append(row)
        elif in_table and token.type == "inline":
            row.append(token.content)
    return rows


def markdown_cell_text(cell: str) -> str:
    return html.unescape(cell.replace("\\|", "|").replace("\\\\", "\\"))


def test_every_table_is_exported():
    ids = {t.id for t in TABLES}
    assert {f"comparison-{c['id']}" for c in MODEL.items["comparisons"]} | {"synthesis", "use-cases", "statistics"} == ids


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_markdown_is_a_gfm_table_with_every_row(built_site, table):
    text = (built_site / "exports" / f"{table.id}.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert [t.type for t in tokens].count("table_open") == 1
    rows = markdown_rows(text)
    assert rows[0] == list(table.columns)
    assert len(rows) == len(table.rows) + 1
    assert all(len(r) == len(table.columns) for r in rows)
    # Every cell reads back as its text, pipes and all, on one line.
    expected = [[re.sub(r"\s+", " ", c).strip() for c in row] for row in table.rows]
    assert [[markdown_cell_text(c) for c in r] for r in rows[1:]] == expected
    assert text.rstrip().endswith(f", version {VERSION}, {_build_day(built_site)}.")


def _build_day(built_site) -> str:
    return json.loads((built_site / "exports" / f"{TABLES[0].id}.json").read_text(encoding="utf-8"))["guide"]["date"]


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_csv_reads_back(built_site, table):
    text = (built_site / "exports" / f"{table.id}.csv").read_text(encoding="utf-8")
    rows, facts = csv_parts(text)
    assert rows[0] == list(table.columns)
    assert [tuple(r) for r in rows[1:]] == list(table.rows)
    assert facts["From"] == "Prompt, RAG or Fine-tune?" and facts["Version"] == VERSION
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", facts["Date"])


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_html_fragment_is_well_formed(built_site, table):
    text = (built_site / "exports" / f"{table.id}.html").read_text(encoding="utf-8")
    root = ET.fromstring(f"<div>{text}</div>")
    body_rows = root.findall("./table/tbody/tr")
    assert [th.text for th in root.findall("./table/thead/tr/th")] == list(table.columns)
    assert [tuple(td.text or "" for td in tr) for tr in body_rows] == list(table.rows)
    provenance = "".join(root.find("./p[@class='provenance']").itertext())
    assert provenance.startswith("From Prompt, RAG or Fine-tune?") and f"version {VERSION}" in provenance


def _validator(schema_file: Path, schema_dir: Path) -> Draft202012Validator:
    registry = Registry().with_resources(
        (p.name, Resource.from_contents(json.loads(p.read_text()))) for p in schema_dir.glob("*.schema.json"))
    return Draft202012Validator(json.loads(schema_file.read_text()), registry=registry)


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_json_export_validates(built_site, table):
    schemas = built_site / "api" / "v1" / "schemas"
    data = json.loads((built_site / "exports" / f"{table.id}.json").read_text(encoding="utf-8"))
    _validator(schemas / "table.schema.json", schemas).validate(data)
    assert [tuple(r[c] for c in data["columns"]) for r in data["rows"]] == list(table.rows)
    assert data["guide"]["name"] == "Prompt, RAG or Fine-tune?" and data["guide"]["version"] == VERSION


@pytest.mark.parametrize("name", list(COLLECTIONS))
def test_api_collection_validates(built_site, name):
    schemas = built_site / "api" / "v1" / "schemas"
    data = json.loads((built_site / "api" / "v1" / f"{name}.json").read_text(encoding="utf-8"))
    _validator(schemas / "collection.schema.json", schemas).validate(data)
    item_validator = _validator(schemas / f"{name}.schema.json", schemas)
    for item in data["items"]:
        item_validator.validate(item)
    assert len(data["items"]) == len(MODEL.items[name])
    for page in data["pages"].values():
        assert (built_site / page.partition("#")[0] / "index.html").is_file()


def test_api_index_lists_files_that_exist(built_site):
    index = json.loads((built_site / "api" / "v1" / "index.json").read_text(encoding="utf-8"))
    paths = [c["data"] for c in index["collections"].values()] + [c["schema"] for c in index["collections"].values()]
    paths += index["decision_trees"] + index["schemas"] + [p for formats in index["exports"].values() for p in formats.values()]
    assert len(index["decision_trees"]) == len(MODEL.items["decision-trees"])
    assert set(index["exports"]) == {t.id for t in TABLES}
    assert all(set(f) == set(FORMATS) for f in index["exports"].values())
    missing = [p for p in paths if not (built_site / p).is_file()]
    assert missing == []


AWKWARD = Table("t", "A | B <i>", ("Col | 1", "Col 2"), (
    ("a | b", 'line one\nline "two", <three> & four'),
    ("=HYPERLINK(\"http://x\",\"y\")", "+1+1"),
    ("-5%", "@SUM(A1)"),
    ("\tx", "\rx"),
    ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"),
    ("back\\slash", "'=quoted"),
), "note <b>", "x/")


def test_awkward_cells_round_trip_in_every_format():
    md_rows = markdown_rows(as_markdown(AWKWARD, ORIGIN))
    assert [[markdown_cell_text(c) for c in r] for r in md_rows] == [
        list(AWKWARD.columns), *([re.sub(r"\s+", " ", c).strip() for c in row] for row in AWKWARD.rows)]
    rows, facts = csv_parts(as_csv(AWKWARD, ORIGIN))
    assert rows == [list(AWKWARD.columns), *map(list, AWKWARD.rows)]
    assert facts == {"From": ORIGIN.guide, "Address": ORIGIN.url, "Version": "1.2.3", "Date": "2026-11-27"}
    cells = [td.text for td in ET.fromstring(f"<div>{as_html(AWKWARD, ORIGIN)}</div>").iter("td")]
    assert cells == [c.replace("\r", "\n") for row in AWKWARD.rows for c in row]  # XML reads a CR as a line feed
    data = json.loads(as_json(AWKWARD, ORIGIN))
    assert [tuple(r.values()) for r in data["rows"]] == list(AWKWARD.rows)


def test_csv_cells_that_start_a_formula_are_quoted():
    """OWASP's advice: a cell starting with =, +, -, @, tab or carriage return gets a leading quote."""
    lines = as_csv(AWKWARD, ORIGIN).split("\r\n")
    assert lines[2] == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+1"
    assert lines[3] == "'-5%,'@SUM(A1)"
    assert lines[4] == "'\tx,\"'\rx\""
    assert [spreadsheet_safe(c) for c in ("5%", "a=b", "", "'=quoted")] == ["5%", "a=b", "", "''=quoted"]
    for table in TABLES:
        for line in list(csv.reader(io.StringIO(as_csv(table, ORIGIN), newline=""))):
            assert not any(cell.startswith(FORMULA_START) for cell in line), (table.id, line)


def test_markdown_export_carries_no_raw_html():
    """Pasted into a wiki that renders HTML in Markdown, the export shows the text the page shows."""
    text = as_markdown(AWKWARD, ORIGIN)
    assert "<script>" not in text and "<img" not in text and "<i>" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    html_out = MarkdownIt("commonmark").enable("table").render(text)
    assert "<script>" not in html_out and "<img" not in html_out


def test_every_export_says_where_it_comes_from():
    sources_with_address = [s for s in MODEL.items["sources"] if s.get("url")]
    assert sources_with_address, "the real data has sources with an address"
    for table in TABLES:
        md, csv_text, fragment, data = (writer(table, ORIGIN) for writer in (as_markdown, as_csv, as_html, as_json))
        sentence = "From Prompt, RAG or Fine-tune? (https://example.org/guide/), version 1.2.3, 2026-11-27."
        assert md.rstrip().endswith(sentence)
        assert csv_parts(csv_text)[1]["Address"] == "https://example.org/guide/"
        assert '<a href="https://example.org/guide/">Prompt, RAG or Fine-tune?</a>, version 1.2.3, 2026-11-27.' in fragment
        assert json.loads(data)["guide"] == {"name": ORIGIN.guide, "url": ORIGIN.url, "version": "1.2.3", "date": "2026-11-27"}
    cited = {s["name"]: s["url"] for s in sources_with_address}
    source_cells = [row[-1] for table in TABLES if table.columns[-1] in ("Source", "Sources") for row in table.rows]
    named = [(name, url) for name, url in cited.items() if any(name in cell for cell in source_cells)]
    assert named, "some table cites a source that has an address"
    for name, url in named:
        assert all(f"{name} ({url})" in cell for cell in source_cells if re.search(rf"(^|; ){re.escape(name)}( \(|;|$)", cell))
