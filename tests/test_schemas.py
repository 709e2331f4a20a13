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


# The compiled validator answers "valid or not" for every file; the reference validator gives the errors of a file
# that fails (hooks/guide/schemas.py). The two must agree, or a file could pass that the reference would refuse.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from guide.schemas import fast_validator_for, validate, validator_for  # noqa: E402

REAL_DOCUMENTS, _ = read_documents(ROOT / "data")
_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.floats(allow_nan=False, allow_infinity=False),
              st.text(max_size=20), st.sampled_from(["", "x", "rag", "a-b", "A", "a--b", "-a", "2026-02-30", "<b>",
                                                     "x" * 400, "prompting#item", "https://example.org/"])),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)


def _places(value, path=()):
    """Every path into a document, with the container and key that hold the value there."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield value, key
            yield from _places(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield value, index
            yield from _places(child, path + (index,))


def _thawed(value):
    if isinstance(value, dict) or type(value).__name__ == "mappingproxy":
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_thawed(v) for v in value]
    return value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(index=st.integers(min_value=0), data=st.data())
def test_fast_and_reference_validators_agree_on_mutated_documents(index, data):
    document = REAL_DOCUMENTS[index % len(REAL_DOCUMENTS)]
    value = _thawed(document.data)
    for _ in range(data.draw(st.integers(min_value=1, max_value=3))):
        places = list(_places(value))
        action = data.draw(st.sampled_from(["replace", "delete", "add", "retype"]))
        container, key = data.draw(st.sampled_from(places)) if places else (value, None)
        if action == "replace" and key is not None:
            container[key] = data.draw(_values)
        elif action == "delete" and key is not None:
            del container[key]
        elif action == "add" and isinstance(container, dict):
            container[data.draw(st.sampled_from(["id", "extra", "sources", "title", "reviewed"]))] = data.draw(_values)
        elif key is not None:
            container[key] = str(container[key]) if not isinstance(container[key], str) else [container[key]]
    schema_dir = str(SCHEMAS)
    fast = fast_validator_for(schema_dir, document.collection)
    assert fast is not None, f"{document.collection}: every schema should compile for the fast validator"
    reference_errors = list(validator_for(schema_dir, document.collection).iter_errors(value))
    assert fast.is_valid(value) == (not reference_errors), (document.file, value, [e.message for e in reference_errors])


@pytest.mark.parametrize("document", REAL_DOCUMENTS, ids=lambda d: d.file)
def test_fast_and_reference_validators_agree_on_real_documents(document):
    schema_dir = str(SCHEMAS)
    assert fast_validator_for(schema_dir, document.collection).is_valid(document.data)
    assert list(validator_for(schema_dir, document.collection).iter_errors(document.data)) == []


def test_a_failing_document_gets_the_reference_messages():
    document = next(d for d in REAL_DOCUMENTS if d.collection == "approaches")
    value = {**_thawed(document.data), "colour": "blue"}
    errors = validate(value, "approaches", str(SCHEMAS), document.file, document.positions)
    assert [e.message for e in errors] and "unknown field 'colour'" in errors[0].message
