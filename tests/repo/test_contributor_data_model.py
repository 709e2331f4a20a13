"""docs/data-model.md is what the schemas give, and it names every field of every collection."""
from __future__ import annotations

import json

import pytest
from conftest import ROOT

from guide import data_model_doc
from guide.catalog import COLLECTIONS

SCHEMAS = ROOT / "data" / "schemas"
DOC = ROOT / "docs" / "data-model.md"


def test_data_model_page_matches_the_schemas():
    assert DOC.read_text(encoding="utf-8") == data_model_doc.render(SCHEMAS), \
        "docs/data-model.md differs from what data/schemas/ give: run `make data-model`"


def _property_paths(schema: dict, path: str = ""):
    for name, prop in schema.get("properties", {}).items():
        full = f"{path}.{name}" if path else name
        yield full
        yield from _property_paths(prop, full)
        if "properties" in prop.get("items", {}):
            yield from _property_paths(prop["items"], f"{full}[]")
        if isinstance(prop.get("additionalProperties"), dict):
            yield from _property_paths(prop["additionalProperties"], f"{full}.<key>")


@pytest.mark.parametrize("name", sorted(COLLECTIONS))
def test_every_field_of_the_collection_has_a_row(name):
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    text = data_model_doc.render(SCHEMAS)
    section = text.split(f"\n## {COLLECTIONS[name].title}\n", 1)[1].split("\n## ", 1)[0]
    rows = {line.split("`")[1] for line in section.splitlines() if line.startswith("| `")}
    assert sorted(set(_property_paths(schema)) - rows) == []
    for field in schema["required"]:
        assert f"| `{field}` | " in section and f"| required | {data_model_doc.markdown_text(schema['properties'][field]['description'])} |" in section


def test_rows_say_type_requirement_and_description(tmp_path):
    (tmp_path / "common.schema.json").write_text(json.dumps({"$defs": {"slug": {"type": "string", "description": "An id."}}}))
    (tmp_path / "faq.schema.json").write_text(json.dumps({
        "title": "Q", "description": "A question: data/faq/<id>.yml.", "type": "object", "required": ["id"],
        "properties": {
            "id": {"$ref": "common.schema.json#/$defs/slug", "description": "Its id."},
            "order": {"type": "integer", "minimum": 1, "maximum": 9, "description": "Position | place."},
            "tags": {"type": "array", "items": {"enum": ["a", "b"]}, "minItems": 1, "uniqueItems": True, "description": "Tags."},
            "see": {"type": "array", "items": {"$ref": "common.schema.json#/$defs/slug", "x-ref": "faq"},
                    "description": "Related."},
            "parts": {"type": "array", "items": {"type": "object", "required": ["text"], "properties": {
                "text": {"type": "string", "maxLength": 50, "description": "Words."}}}, "description": "Parts."},
        }}))
    text = data_model_doc.render(tmp_path)
    assert "| `id` | [slug](#slug) | required | Its id. |" in text
    assert "| `order` | whole number, 1 to 9 | optional | Position \\| place. |" in text
    assert "| `tags` | list of one of `a`, `b`, not empty, no repeats | optional | Tags. |" in text
    assert "| `parts` | list of mappings (fields below) | optional | Parts. |" in text
    assert "| `see` | list of [slug](#slug) (a reference to `faq`) | optional | Related. |" in text
    assert "### `parts[]`" in text
    assert "| `parts[].text` | text, at most 50 characters | required | Words. |" in text
    assert "A question: data/faq/&lt;id>.yml." in text
    assert "### slug\n\nAn id.\n\nForm: text." in text


def test_check_mode_fails_on_a_stale_page_and_passes_on_a_fresh_one(tmp_path, capsys):
    out = tmp_path / "data-model.md"
    out.write_text("# Old\n", encoding="utf-8")
    assert data_model_doc.main(["--check", str(SCHEMAS), str(out)]) == 1
    assert "run `make data-model`" in capsys.readouterr().err
    assert data_model_doc.main([str(SCHEMAS), str(out)]) == 0
    assert data_model_doc.main(["--check", str(SCHEMAS), str(out)]) == 0
    assert out.read_text(encoding="utf-8") == data_model_doc.render(SCHEMAS)


def test_page_ends_with_one_newline_and_no_trailing_spaces():
    text = data_model_doc.render(SCHEMAS)
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert [line for line in text.splitlines() if line != line.rstrip()] == []
