"""The JSON Schemas in data/schemas/, and checking a document against its collection's schema.

Used by `documents.py` for every data file, and by the tests that check the schemas themselves.

Two validators, one verdict: `jsonschema_rs` (compiled) answers "valid or not" for every file, and `jsonschema`,
the reference implementation, is asked only about a file that fails, for the errors and the messages built from
them. A file passes only if both pass it. jsonschema is imported on the first failure, so a build of valid data
never pays for it (docs/performance.md); tests/test_schemas.py checks that the two agree.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import jsonschema_rs

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

from .errors import DataError, key_path
from .strict_yaml import Positions

TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
              "array": "a list", "object": "a mapping", "null": "nothing"}


def _type_of(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


@lru_cache(maxsize=8)
def load_schemas(schema_dir: str) -> dict[str, dict]:
    """Every schema in the folder, by file name ('approaches.schema.json' -> its JSON)."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(schema_dir).glob("*.schema.json"))}


@lru_cache(maxsize=32)
def inlined_schema(schema_dir: str, collection: str) -> dict:
    """The collection's schema with every `$ref` into the folder written out in place (see `_inline_refs`)."""
    schemas = load_schemas(schema_dir)
    name = f"{collection}.schema.json"
    return _inline_refs(schemas[name], name, schemas, ())


@lru_cache(maxsize=32)
def validator_for(schema_dir: str, collection: str) -> Draft202012Validator:
    """The reference validator, which reports every error with its path."""
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    registry = Registry().with_resources(
        (name, Resource.from_contents(schema)) for name, schema in load_schemas(schema_dir).items())
    return Draft202012Validator(inlined_schema(schema_dir, collection), registry=registry)


@lru_cache(maxsize=32)
def fast_validator_for(schema_dir: str, collection: str):
    """The compiled validator for the same schema, or None where a `$ref` is left that it could not resolve alone
    (a recursive one): then every file goes to the reference validator."""
    schema = inlined_schema(schema_dir, collection)
    if '"$ref"' in json.dumps(schema):
        return None
    return jsonschema_rs.Draft202012Validator(schema)


def _inline_refs(node, base: str, schemas: dict[str, dict], seen: tuple):
    """The schema with each `$ref` to a file in the folder replaced by what it points at (as `allOf`, next to any
    sibling keywords): the same checks and messages, in half the time, since jsonschema resolves a `$ref` anew at
    every use (docs/performance.md). A recursive or unknown `$ref` stays as it is, for the registry to resolve."""
    if isinstance(node, list):
        return [_inline_refs(item, base, schemas, seen) for item in node]
    if not isinstance(node, dict):
        return node
    rest = {key: _inline_refs(value, base, schemas, seen) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return rest
    file, _, pointer = ref.partition("#")
    file = file or base
    target = schemas.get(file)
    for part in (p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/") if p):
        target = target.get(part) if isinstance(target, dict) else None
    if not isinstance(target, dict) or (file, pointer) in seen:
        return {**rest, "$ref": f"{file}#{pointer}"}  # written out in full: it may now sit in another file's schema
    inlined = _inline_refs(target, file, schemas, seen + ((file, pointer),))
    if not rest:
        return inlined
    return {**rest, "allOf": [*rest.get("allOf", []), inlined]}


def _short(value, limit=60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


def _message(error) -> tuple[tuple, str]:
    """The key path to point at and a message a contributor can act on."""
    path = tuple(error.absolute_path)
    schema, kind, value = error.schema, error.validator, error.instance
    if kind == "required":
        missing = [k for k in error.validator_value if k not in value]
        if len(missing) == 1:
            return path, f"missing required field '{missing[0]}'"
        return path, "missing required fields " + ", ".join(f"'{k}'" for k in missing)
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(schema.get("properties", {}))
        extra = sorted(k for k in value if k not in allowed)
        hint = f" (known fields: {', '.join(allowed)})" if allowed else ""
        return path + (extra[0],), f"unknown field '{extra[0]}'{hint}"
    if kind == "type":
        return path, f"expected {TYPE_NAMES.get(error.validator_value, error.validator_value)}, got {_type_of(value)} {_short(value)}"
    if kind == "enum":
        return path, f"{_short(value)} is not one of: {', '.join(map(str, error.validator_value))}"
    if kind == "pattern":
        return path, f"{_short(value)} is not of the expected form: {schema.get('description', error.validator_value)}"
    if kind == "maxLength":
        return path, f"text is {len(value)} characters long; at most {error.validator_value} are allowed"
    if kind == "minLength":
        return path, "text must not be empty"
    if kind == "minItems":
        return path, f"needs at least {error.validator_value} item{'s' if error.validator_value != 1 else ''}"
    if kind == "uniqueItems":
        return path, "lists the same item twice"
    if kind in ("minimum", "maximum"):
        return path, f"{value} is out of range ({kind} {error.validator_value})"
    if kind == "propertyNames":
        return path, f"key {_short(error.instance)} is not a valid id: lower-case letters, digits and single hyphens"
    return path, error.message


def validate(document, collection: str, schema_dir: str, file: str, positions: Positions) -> list[DataError]:
    fast = fast_validator_for(schema_dir, collection)
    if fast is not None and fast.is_valid(document):
        return []
    errors = []
    for error in validator_for(schema_dir, collection).iter_errors(document):
        path, message = _message(error)
        line, col = positions.locate(path)
        errors.append(DataError(file, line, col, key_path(path), message))
    return errors
