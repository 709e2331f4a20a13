"""Property-based: any bytes, any YAML document, any mutation of a real data file ends as a valid model or as
data errors, never as another exception."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from conftest import thawed
from hypothesis import strategies as st

from guide.catalog import COLLECTIONS
from guide.documents import read_document, read_documents, schema_comment
from guide.errors import DataError
from guide.model import build
from guide.pipeline import RULES

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SCHEMA_DIR = str(DATA / "schemas")
REAL, REAL_ERRORS = read_documents(DATA)
FILES = sorted(p for name in COLLECTIONS for p in (DATA / name).glob("*.yml"))
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run_pipeline(raw: bytes, path: Path):
    """Replace one real file by `raw` and run every stage; return the errors (a model is built when there are none)."""
    collection, slug = path.parent.name, path.stem
    shown = f"data/{collection}/{path.name}"
    document, errors = read_document(raw, shown, collection, slug, SCHEMA_DIR)
    assert all(isinstance(e, DataError) for e in errors)
    documents = [d for d in REAL if d.file != shown] + ([document] if document else [])
    for rule in RULES:
        found = rule(documents)
        assert all(isinstance(e, DataError) for e in found)
        errors.extend(found)
    if not errors:
        build(documents)
    for error in errors:
        assert error.file.startswith("data/") and error.line >= 1 and error.message
    return errors


def test_real_data_is_valid():
    assert REAL_ERRORS == []


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30))
trees = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                      st.dictionaries(st.text(max_size=12), inner, max_size=5)),
                     max_leaves=25)


@SETTINGS
@given(raw=st.binary(max_size=400), index=st.integers(min_value=0))
def test_arbitrary_bytes(raw, index):
    run_pipeline(raw, FILES[index % len(FILES)])


@SETTINGS
@given(value=trees, index=st.integers(min_value=0))
def test_arbitrary_yaml_documents(value, index):
    path = FILES[index % len(FILES)]
    text = schema_comment(path.parent.name) + "\n" + yaml.safe_dump(value, allow_unicode=True)
    run_pipeline(text.encode("utf-8"), path)


@SETTINGS
@given(index=st.integers(min_value=0), data=st.data())
def test_mutated_real_files(index, data):
    path = FILES[index % len(FILES)]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "swap", "truncate", "indent"]))
        if not lines:
            break
        at = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "insert":
            lines.insert(at, data.draw(st.sampled_from(["x: 1\n", "  - y\n", "&a b: *a\n", "id: other\n", "\t\n", "'\n",
                                                        "sources: [nowhere]\n", "next: nowhere\n", "[: {\n"])))
        elif action == "swap":
            other = data.draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "truncate":
            lines[at] = lines[at][: data.draw(st.integers(min_value=0, max_value=len(lines[at])))]
        else:
            lines[at] = "  " + lines[at]
    run_pipeline("".join(lines).encode("utf-8"), path)


# ---------------------------------------------------------------- trailing newlines, control characters, deep nesting

from guide.references import text_fields  # noqa: E402

# Real values that look like ids, references or dates: every field that holds one has an anchored pattern.
ID_LIKE = re.compile(r"^([a-z0-9]+(-[a-z0-9]+)*(#[a-z0-9]+(-[a-z0-9]+)*)?|\d{4}(-\d\d){0,2})$")
UNPRINTABLE = st.characters(codec=None, categories=["Cc", "Cs"], exclude_characters="\t\n\r")


def _replaced(document, path, new):
    data = thawed(document.data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = new
    return data


def _file_of(document) -> Path:
    return ROOT / document.file


def _dumped(document, data) -> bytes:
    text = schema_comment(document.collection) + "\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return text.encode("utf-8", "surrogatepass")


@SETTINGS
@given(index=st.integers(min_value=0), data=st.data())
def test_trailing_newlines(index, data):
    document = REAL[index % len(REAL)]
    fields = [(path, value) for path, value in text_fields(document.data) if ID_LIKE.match(value)]
    if not fields:
        return
    path, value = data.draw(st.sampled_from(fields))
    tail = data.draw(st.sampled_from(["\n", "\r\n", "\n\n", " \n", "\r", "\u2028", "\u0085"]))
    errors = run_pipeline(_dumped(document, _replaced(document, path, value + tail)), _file_of(document))
    assert errors, f"{document.file}: {path} took {value + tail!r}"


@SETTINGS
@given(index=st.integers(min_value=0), data=st.data())
def test_control_characters_in_any_text(index, data):
    document = REAL[index % len(REAL)]
    fields = list(text_fields(document.data))
    path, value = data.draw(st.sampled_from(fields))
    at = data.draw(st.integers(min_value=0, max_value=len(value)))
    char = data.draw(UNPRINTABLE)
    raw = _dumped(document, _replaced(document, path, value[:at] + char + value[at:]))
    errors = run_pipeline(raw, _file_of(document))
    assert errors, f"{document.file}: {path} took U+{ord(char):04X}"


@SETTINGS
@given(index=st.integers(min_value=0), depth=st.integers(min_value=1, max_value=3000),
       style=st.sampled_from(["flow-list", "flow-map", "block-list", "block-map"]))
def test_deep_nesting(index, depth, style):
    path = FILES[index % len(FILES)]
    if style == "flow-list":
        value = " " + "[" * depth + "1" + "]" * depth + "\n"
    elif style == "flow-map":
        value = " " + "{a: " * depth + "1" + "}" * depth + "\n"
    elif style == "block-list":
        value = "\n" + "".join(" " * i + "-\n" for i in range(1, depth)) + " " * depth + "- 1\n"
    else:
        value = "\n" + "".join(" " * i + "a:\n" for i in range(1, depth)) + " " * depth + "a: 1\n"
    raw = path.read_bytes() + b"deep:" + value.encode()
    errors = run_pipeline(raw, path)
    assert errors
    if depth > 32:
        assert any("nested more than 32 deep" in e.message for e in errors), [str(e) for e in errors]
