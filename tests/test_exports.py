"""Exports and the JSON API: each format round-trips and each JSON file validates against its schema."""
from __future__ import annotations

import csv
import io
import re
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt
from referencing import Registry, Resource

from guide.catalog import COLLECTIONS
from guide.exports import FORMATS, tables
from guide.pipeline import load_model

ROOT = Path(__file__).resolve().parents[1]
MODEL = load_model(ROOT / "data")
TABLES = tables(MODEL)


def test_every_table_is_exported():
    ids = {t.id for t in TABLES}
    assert {f"comparison-{c['id']}" for c in MODEL.items["comparisons"]} | {"synthesis", "use-cases", "statistics"} == ids


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_markdown_is_a_gfm_table_with_every_row(built_site, table):
    text = (built_site / "exports" / f"{table.id}.md").read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert [t.type for t in tokens].count("table_open") == 1
    rows, row = [], None
    in_table = False
    for token in tokens:
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
    assert rows[0] == list(table.columns)
    assert len(rows) == len(table.rows) + 1
    assert all(len(r) == len(table.columns) for r in rows)
    # Every cell reads back as its text, pipes and all, on one line.
    expected = [[re.sub(r"\s+", " ", c).strip() for c in row] for row in table.rows]
    assert [[c.replace("\\|", "|").replace("\\\\", "\\") for c in r] for r in rows[1:]] == expected


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_csv_reads_back(built_site, table):
    text = (built_site / "exports" / f"{table.id}.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == list(table.columns)
    assert [tuple(r) for r in rows[1:]] == list(table.rows)


@pytest.mark.parametrize("table", TABLES, ids=[t.id for t in TABLES])
def test_html_fragment_is_well_formed(built_site, table):
    text = (built_site / "exports" / f"{table.id}.html").read_text(encoding="utf-8")
    root = ET.fromstring(f"<div>{text}</div>")
    body_rows = root.findall("./table/tbody/tr")
    assert [th.text for th in root.findall("./table/thead/tr/th")] == list(table.columns)
    assert [tuple(td.text or "" for td in tr) for tr in body_rows] == list(table.rows)


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


def test_awkward_cells_round_trip_in_every_format():
    from guide.exports import Table, as_csv, as_html, as_markdown
    table = Table("t", "A | B", ("Col | 1", "Col 2"), (("a | b", 'line one\nline "two", <three> & four'),), "note", "x/")
    md_rows = [t.content for t in MarkdownIt("commonmark").enable("table").parse(as_markdown(table)) if t.type == "inline"]
    assert md_rows[1:5] == ["Col | 1", "Col 2", "a | b", 'line one line "two", <three> & four']
    assert list(csv.reader(io.StringIO(as_csv(table), newline="")))[1] == list(table.rows[0])
    cells = [td.text for td in ET.fromstring(f"<div>{as_html(table)}</div>").iter("td")]
    assert cells == list(table.rows[0])
