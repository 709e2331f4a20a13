"""Renders docs/data-model.md from data/schemas/*.schema.json: each collection, each field, its type and whether required.

Run by `make data-model` (`python -m guide.data_model_doc [--check]` from hooks/); a test fails when the file differs.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .catalog import COLLECTIONS, SCHEMA_DIR
from .render import TEMPLATES
from .schemas import REF_KEYWORD

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "data" / SCHEMA_DIR
OUTPUT = ROOT / "docs" / "data-model.md"
COMMON = "common.schema.json"


@dataclass(frozen=True)
class Field:
    name: str          # as a reader writes the path: 'rows[].cells.<key>.rating'
    type: str          # Markdown: words and links to the shared types
    required: bool
    description: str


@dataclass(frozen=True)
class Table:
    path: str          # '' for the top level of a file, else the path of the mapping the fields belong to
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Section:
    name: str          # the collection's folder, or the shared type's name
    title: str
    description: str
    tables: tuple[Table, ...]
    form: str = ""     # for a shared type that is not a mapping: its type in words


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _range(low, high, unit: str) -> str:
    if low is not None and high is not None:
        return f"{low} to {high}{unit}"
    if low is not None:
        return f"at least {low}{unit}"
    return f"at most {high}{unit}" if high is not None else ""


def type_of(schema: dict) -> str:
    """The type of a value in words, with a link where it is one of the shared types, and the collection whose ids
    it holds where the schema marks it as a reference (`x-ref`)."""
    if isinstance(schema.get(REF_KEYWORD), str):
        rest = {key: value for key, value in schema.items() if key != REF_KEYWORD}
        return f"{type_of(rest)} (a reference to `{schema[REF_KEYWORD]}`)"
    if "$ref" in schema:
        name = _ref_name(schema["$ref"])
        return f"[{name}](#{name})"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{v}`" for v in schema["enum"])
    if "oneOf" in schema:
        return ", or ".join(type_of(alternative) for alternative in schema["oneOf"])
    kind = schema.get("type")
    if kind == "string":
        limits = _range(schema.get("minLength"), schema.get("maxLength"), " characters")
        shape = " in a fixed format (see the description)" if "pattern" in schema else ""
        return "text" + shape + (f", {limits}" if limits else "")
    if kind == "integer":
        limits = _range(schema.get("minimum"), schema.get("maximum"), "")
        return "whole number" + (f", {limits}" if limits else "")
    if kind == "boolean":
        return "true or false"
    if kind == "array":
        items = schema.get("items", {})
        inner = "mappings (fields below)" if "properties" in items else type_of(items)
        low, high = schema.get("minItems"), schema.get("maxItems")
        notes = ["not empty" if (low, high) == (1, None) else _range(low, high, " items")]
        if schema.get("uniqueItems"):
            notes.append("no repeats")
        return f"list of {inner}" + "".join(f", {n}" for n in notes if n)
    if kind == "object" or "properties" in schema:
        if "properties" in schema:
            return "mapping (fields below)"
        values = schema.get("additionalProperties", {})
        keys = type_of(schema["propertyNames"]) if "propertyNames" in schema else "text"
        inner = "a mapping (fields below)" if isinstance(values, dict) and "properties" in values else type_of(values)
        return f"mapping from {keys} to {inner}"
    return "any value"


def _tables(schema: dict, path: str = "") -> list[Table]:
    """The fields of a mapping, then the tables of the mappings nested in it, depth first."""
    required = set(schema.get("required", ()))
    fields, nested = [], []
    for name, prop in schema.get("properties", {}).items():
        full = f"{path}.{name}" if path else name
        fields.append(Field(full, type_of(prop), name in required, prop.get("description", "")))
        if "properties" in prop:
            nested += _tables(prop, full)
        elif prop.get("type") == "array" and "properties" in prop.get("items", {}):
            nested += _tables(prop["items"], f"{full}[]")
        elif isinstance(prop.get("additionalProperties"), dict) and "properties" in prop["additionalProperties"]:
            nested += _tables(prop["additionalProperties"], f"{full}.<key>")
    return [Table(path, tuple(fields)), *nested]


def load(schema_dir: Path) -> dict[str, dict]:
    return {p.name.removesuffix(".schema.json"): json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(Path(schema_dir).glob("*.schema.json"))}


def sections(schemas: dict[str, dict]) -> tuple[list[Section], list[Section]]:
    """(one section per collection in the catalog's order, one per shared type)."""
    names = [n for n in COLLECTIONS if n in schemas] + sorted(n for n in schemas if n not in COLLECTIONS and n != "common")
    collections = [Section(n, COLLECTIONS[n].title if n in COLLECTIONS else schemas[n].get("title", n),
                           schemas[n].get("description", ""), tuple(_tables(schemas[n])))
                   for n in names]
    shared = []
    for name, definition in schemas.get("common", {}).get("$defs", {}).items():
        if "properties" in definition:
            shared.append(Section(name, name, definition.get("description", ""), tuple(_tables(definition))))
        else:
            shared.append(Section(name, name, definition.get("description", ""), (), type_of(definition)))
    return collections, shared


def markdown_text(value: str) -> str:
    """Text for a Markdown table cell or paragraph: one line, pipes and '<' escaped so that '<id>' stays visible."""
    return " ".join(str(value).split()).replace("|", "\\|").replace("<", "&lt;")


def heading_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def render(schema_dir: Path = SCHEMAS) -> str:
    # Markdown for GitHub, not HTML: no autoescaping; every authored text goes through the 'text' filter instead.
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), undefined=StrictUndefined, autoescape=False,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(text=markdown_text, anchor=heading_anchor)
    collections, shared = sections(load(schema_dir))
    return env.get_template("data-model.md.j2").render(collections=collections, shared=shared)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    args = [a for a in argv if a != "--check"]
    schema_dir = Path(args[0]) if args else SCHEMAS
    output = Path(args[1]) if len(args) > 1 else OUTPUT
    text = render(schema_dir)
    if check:
        if not output.is_file() or output.read_text(encoding="utf-8") != text:
            print(f"{output} is out of date with {schema_dir}; run `make data-model`", file=sys.stderr)
            return 1
        return 0
    output.write_text(text, encoding="utf-8")
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
