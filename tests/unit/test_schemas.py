"""The JSON Schemas are valid, describe every property, forbid unknown fields, and every data file passes its schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import thawed
from jsonschema import Draft202012Validator

from guide.catalog import COLLECTIONS
from guide.documents import read_documents, schema_comment
from guide.schemas import load_schemas

ROOT = Path(__file__).resolve().parents[2]
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


# One validator (jsonschema), with `pattern` matching as in ECMA-262, the dialect editors use: `$` is the end of the
# text. Python's own `$` also matches before a final newline, which let 'rag\n' pass as an id.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from guide.pipeline import check  # noqa: E402
from guide.schemas import NOT_BLANK, Validator, _patterns, ecma_pattern, refresh, validate  # noqa: E402

PATTERNS = sorted({(name, pattern) for name in sorted(p.name for p in SCHEMAS.glob("*.schema.json"))
                   for _, pattern in _patterns(json.loads((SCHEMAS / name).read_text()))})


REAL_DOCUMENTS, _ = read_documents(ROOT / "data")


def test_every_pattern_is_anchored_or_the_not_blank_check():
    """An anchored pattern decides the whole text; the one unanchored pattern only asks for a visible character."""
    loose = [(name, p) for name, p in PATTERNS if p != NOT_BLANK and not (p.startswith("^") and p.endswith("$"))]
    assert loose == []


@pytest.mark.parametrize("name, pattern", [p for p in PATTERNS if p[1] != NOT_BLANK], ids=lambda v: str(v)[:40])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_pattern_refuses_a_trailing_newline(name, pattern, data):
    text = data.draw(st.from_regex(pattern, fullmatch=True))
    validator = Validator({"type": "string", "pattern": pattern})
    assert validator.is_valid(text), (name, pattern, text)
    for tail in ("\n", "\r\n", "\n\n"):
        assert not validator.is_valid(text + tail), (name, pattern, text + tail)


@pytest.mark.parametrize("pattern, text, matches", [
    ("^a$", "a", True), ("^a$", "a\n", False), ("^[$]$", "$", True), ("^\\$$", "$", True), ("^\\$$", "$\n", False),
    ("^a(?!\\s*$)", "a b", True), ("^a(?!\\s*$)", "a\n", False), ("\\S", " x\n", True), ("\\S", " \n ", False),
])
def test_dollar_is_the_end_of_the_text(pattern, text, matches):
    assert bool(ecma_pattern(pattern).search(text)) is matches


def test_a_real_id_with_a_trailing_newline_is_refused():
    document = next(d for d in REAL_DOCUMENTS if d.collection == "approaches")
    value = {**thawed(document.data), "id": document.data["id"] + "\n"}
    errors = validate(value, "approaches", str(SCHEMAS), document.file, document.positions)
    assert [e.key for e in errors] == ["id"] and "is not of the expected form" in errors[0].message


def test_a_failing_document_gets_the_messages():
    document = next(d for d in REAL_DOCUMENTS if d.collection == "approaches")
    value = {**thawed(document.data), "colour": "blue"}
    errors = validate(value, "approaches", str(SCHEMAS), document.file, document.positions)
    assert [e.message for e in errors] and "unknown field 'colour'" in errors[0].message


def test_one_validator_and_no_compiled_shortcut():
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert "jsonschema-rs" not in requirements and "jsonschema==" in requirements


# `mkdocs serve` keeps the process, and so the schemas, between rebuilds: an edited schema must be read again.
def _copy_of_fixture(tmp_path) -> Path:
    import shutil
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "minimal", data, symlinks=False)
    return data


def test_a_tightened_schema_is_read_again(tmp_path):
    data = _copy_of_fixture(tmp_path)
    assert check(data)[1] == []
    schema = data / "schemas" / "faq.schema.json"
    text = schema.read_text(encoding="utf-8")
    tightened = json.loads(text)
    tightened["properties"]["order"]["maximum"] = 0
    schema.write_text(json.dumps(tightened, indent=2), encoding="utf-8")
    assert [str(e) for e in check(data)[1]] == ["data/faq/which.yml:5:1: order: 1 is out of range (maximum 0)"]
    schema.write_text(text, encoding="utf-8")
    assert check(data)[1] == []


def test_a_schema_broken_while_serving_is_reported(tmp_path):
    data = _copy_of_fixture(tmp_path)
    assert check(data)[1] == []
    schema = data / "schemas" / "faq.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + "}", encoding="utf-8")
    errors = [str(e) for e in check(data)[1]]
    assert len(errors) == 1 and errors[0].startswith("data/schemas/faq.schema.json:") and "not valid JSON" in errors[0]


def test_unchanged_schemas_are_not_read_again(tmp_path):
    data = _copy_of_fixture(tmp_path)
    folder = str(data / "schemas")
    refresh(folder)
    from guide import schemas
    first = schemas._sets[folder]
    refresh(folder)
    assert schemas._sets[folder] is first


def test_a_reference_to_no_collection_is_a_schema_error(tmp_path):
    """`x-ref` names the folder under data/ whose ids a field holds; a misspelt one stops the check like a bad `$ref`."""
    data = _copy_of_fixture(tmp_path)
    schema = data / "schemas" / "faq.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8").replace('"x-ref": "approaches"', '"x-ref": "approach"'),
                      encoding="utf-8")
    assert [str(e) for e in check(data)[1]] == [
        "data/schemas/faq.schema.json:38:9: properties.approaches.items.x-ref: 'approach' is not a collection; 'x-ref' "
        "names the folder under data/ whose ids the value is (known: approaches, aspects, changelog, comparisons, "
        "decision-trees, faq, frameworks, glossary, sources, statistics, techniques, use-cases)"]
