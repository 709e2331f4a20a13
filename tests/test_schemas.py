"""The JSON Schemas are valid, describe every property, forbid unknown fields, and every data file passes its schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from guide.catalog import COLLECTIONS
from guide.documents import read_documents, schema_comment
from guide.schemas import load_schemas

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "data" / "schemas"
DATA_FILES = sorted(p for name in COLLECTIONS for p in (ROOT / "data" / name).glob("*.yml"))


def _objects(schema, path="#"):
    """Every sub-schema that declares properties, with a JSON-pointer-ish path for messages."""
    if isinstance(schema, dict):
        if "properties" in schema:
            yield path, schema
        for key, value in schema.items():
            yield from _objects(value, f"{path}/{key}")
    elif isinstance(schema, list):
        for i, value in enumerate(schema):
            yield from _objects(value, f"{path}/{i}")


@pytest.mark.parametrize("name", sorted(p.name for p in SCHEMAS.glob("*.schema.json")))
def test_schema_is_valid_and_strict(name):
    schema = json.loads((SCHEMAS / name).read_text())
    Draft202012Validator.check_schema(schema)
    assert schema.get("description"), f"{name}: the schema needs a description"
    for path, obj in _objects(schema):
        assert obj.get("additionalProperties") is False, f"{name} {path}: set additionalProperties: false"
        undescribed = sorted(k for k, v in obj["properties"].items()
                             if "description" not in v)
        assert undescribed == [], f"{name} {path}: properties without a description: {undescribed}"


def test_every_collection_has_a_schema_and_every_schema_a_collection():
    names = {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.schema.json")} - {"common"}
    assert names == set(COLLECTIONS)


def test_every_data_folder_is_a_collection():
    folders = {p.name for p in (ROOT / "data").iterdir() if p.is_dir()} - {"schemas"}
    assert folders - set(COLLECTIONS) == set()


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DATA_FILES])
def test_data_file_starts_with_its_schema_line(path):
    first = path.read_text(encoding="utf-8").removeprefix("\ufeff").splitlines()[0]
    assert first == schema_comment(path.parent.name)
    assert (path.parent / first.split("$schema=")[1]).resolve() == SCHEMAS / f"{path.parent.name}.schema.json"


@pytest.fixture(scope="module")
def schema_errors():
    _, errors = read_documents(ROOT / "data")
    by_file = {}
    for error in errors:
        by_file.setdefault(error.file, []).append(str(error))
    return by_file


@pytest.mark.parametrize("path", DATA_FILES, ids=[p.relative_to(ROOT).as_posix() for p in DATA_FILES])
def test_data_file_passes_its_schema(path, schema_errors):
    assert schema_errors.get(path.relative_to(ROOT).as_posix(), []) == []


def test_schemas_load_by_file_name():
    assert set(load_schemas(str(SCHEMAS))) == {p.name for p in SCHEMAS.glob("*.schema.json")}
