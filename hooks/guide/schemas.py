"""The JSON Schemas in data/schemas/, and checking a document against its collection's schema.

Used by `documents.py` for every data file, and by the tests that check the schemas themselves.

One validator, jsonschema, with one change: `pattern` matches as ECMA-262 (what editors use) does, where `$` is
the end of the text; Python's `$` also matches before a final newline. The schemas are read again whenever a file
in their folder changes (`refresh()`), so `mkdocs serve` reports an edited or broken schema on the next rebuild.
A schema file that is not JSON, not a valid schema, has a `$ref` to nothing or a pattern that does not compile is
reported as a `DataError` on that file, like any data file.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import SchemaError
from jsonschema.validators import extend
from referencing import Registry, Resource

from .catalog import COLLECTIONS
from .errors import DataError, key_path
from .strict_yaml import Positions

TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
              "array": "a list", "object": "a mapping", "null": "nothing"}
SCHEMA_SUFFIX = ".schema.json"
REF_KEYWORD = "x-ref"  # on a schema node: the value there is the id of an item of the collection it names
NOT_BLANK = r"\S"  # the pattern of text fields: at least one character that is not a space or a line break


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


# A `$` outside a character class and not escaped: in ECMA-262 (without the m flag) it matches only at the end of
# the text, as Python's `\Z` does.
_DOLLAR = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|(\$)", re.S)


@lru_cache(maxsize=256)
def ecma_pattern(pattern: str) -> re.Pattern:
    """A schema's `pattern` compiled so that it matches in Python as it does in ECMA-262: `$` is the end of the text."""
    return re.compile(_DOLLAR.sub(lambda m: r"\Z" if m.group(1) else m.group(0), pattern))


def _pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and not ecma_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


Validator = extend(Draft202012Validator, {"pattern": _pattern})


@dataclass
class SchemaSet:
    """The schemas of one folder as read at one moment: their bytes (to notice a change), the parsed schemas, the
    problems found in them, and a validator per collection, made when first asked for."""

    folder: str
    raw: dict[str, bytes]
    schemas: dict[str, dict] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)
    validators: dict[str, Validator] = field(default_factory=dict)
    references: dict[str, tuple] = field(default_factory=dict)

    def shown(self, name: str) -> str:
        folder = Path(self.folder)
        return f"{folder.parent.name}/{folder.name}/{name}"

    def validator(self, collection: str) -> Validator:
        if collection not in self.validators:
            registry = Registry().with_resources(
                (name, Resource.from_contents(schema)) for name, schema in self.schemas.items())
            name = f"{collection}{SCHEMA_SUFFIX}"
            self.validators[collection] = Validator(_inline_refs(self.schemas[name], name, self.schemas, ()),
                                                    registry=registry)
        return self.validators[collection]

    def reference_fields(self, collection: str) -> tuple[tuple[str, str], ...]:
        if collection not in self.references:
            name = f"{collection}{SCHEMA_SUFFIX}"
            self.references[collection] = tuple(_ref_fields(self.schemas[name], name, self.schemas))
        return self.references[collection]


_sets: dict[str, SchemaSet] = {}


def _read_folder(folder: str) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(Path(folder).glob(f"*{SCHEMA_SUFFIX}")) if p.is_file()}


def refresh(schema_dir: str) -> list[DataError]:
    """Read the folder's schemas again if any of them changed since they were last read (or on the first call), and
    return the problems found in them. The pipeline calls this once per run, before any data file is checked."""
    raw = _read_folder(schema_dir)
    current = _sets.get(schema_dir)
    if current is None or current.raw != raw:
        current = _sets[schema_dir] = _load(schema_dir, raw)
    return current.errors


def _current(schema_dir: str) -> SchemaSet:
    if schema_dir not in _sets:
        refresh(schema_dir)
    return _sets[schema_dir]


def load_schemas(schema_dir: str) -> dict[str, dict]:
    """Every schema in the folder that reads as JSON, by file name ('approaches.schema.json' -> its JSON)."""
    return _current(schema_dir).schemas


def validator_for(schema_dir: str, collection: str) -> Validator:
    """The validator of one collection, with every `$ref` into the folder written out in place."""
    return _current(schema_dir).validator(collection)


def reference_fields(schema_dir: str, collection: str) -> tuple[tuple[str, str], ...]:
    """Where a collection's items name items of another, read from its schema's `x-ref` keywords: (path pattern,
    target collection) pairs. In a pattern, '*' stands for every list item and '{}' for every key of a mapping."""
    return _current(schema_dir).reference_fields(collection)


def all_reference_fields(schema_dir: str) -> tuple[tuple[str, str, str], ...]:
    """(collection, path pattern, target collection) for every reference field of every collection."""
    return tuple((collection, pattern, target) for collection in COLLECTIONS
                 for pattern, target in reference_fields(schema_dir, collection))


def _ref_fields(node, base: str, schemas: dict[str, dict], path=(), seen=()):
    """(path pattern, target) for every `x-ref` reached from a schema node, following `$ref` into the folder."""
    if not isinstance(node, dict):
        return
    if isinstance(node.get(REF_KEYWORD), str):
        yield ".".join(path), node[REF_KEYWORD]
    ref = node.get("$ref")
    if isinstance(ref, str):
        file, _, pointer = ref.partition("#")
        file = file or base
        if (file, pointer) not in seen:
            yield from _ref_fields(_resolve(ref, base, schemas), file, schemas, path, seen + ((file, pointer),))
    for key, sub in (node.get("properties") or {}).items():
        yield from _ref_fields(sub, base, schemas, path + (key,), seen)
    yield from _ref_fields(node.get("items"), base, schemas, path + ("*",), seen)
    yield from _ref_fields(node.get("propertyNames"), base, schemas, path + ("{}",), seen)


def _json_position(text: str, path) -> tuple[int, int]:
    """The line and column of the key at `path` in a JSON text, found by looking for each key in turn after the
    one before it: near enough for a message, and (1, 1) where a key cannot be found."""
    offset, found = 0, 0
    for part in path:
        if not isinstance(part, str):
            continue
        match = re.compile(re.escape(json.dumps(part)) + r"\s*:").search(text, offset)
        if match is None:
            break
        offset = found = match.start()
    line = text.count("\n", 0, found) + 1
    return line, found - (text.rfind("\n", 0, found) + 1) + 1


def _keyword_values(node, keyword: str, path=()):
    """Every (path, value) of a keyword in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == keyword:
                yield path + (key,), value
            else:
                yield from _keyword_values(value, keyword, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _keyword_values(value, keyword, path + (index,))


def _refs(node, path=()):
    """Every (path, '$ref' value) in a schema."""
    return ((p, v) for p, v in _keyword_values(node, "$ref", path) if isinstance(v, str))


def _resolve(ref: str, base: str, schemas: dict[str, dict]):
    file, _, pointer = ref.partition("#")
    target = schemas.get(file or base)
    for part in (p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/") if p):
        target = target.get(part) if isinstance(target, dict) else None
    return target


def _load(folder: str, raw: dict[str, bytes]) -> SchemaSet:
    found = SchemaSet(folder, raw)
    texts = {}
    for name, data in raw.items():
        try:
            texts[name] = text = data.decode("utf-8")
            found.schemas[name] = json.loads(text)
        except UnicodeDecodeError as exc:
            found.errors.append(DataError(found.shown(name), 1, 0, "", f"byte 0x{data[exc.start]:02x} is not valid "
                                          "UTF-8; save the schema as UTF-8"))
        except json.JSONDecodeError as exc:
            found.errors.append(DataError(found.shown(name), exc.lineno, exc.colno, "",
                                          f"this schema is not valid JSON: {exc.msg}"))
        except RecursionError:
            found.errors.append(DataError(found.shown(name), 1, 0, "", "this schema is nested too deeply to read"))
    for collection in COLLECTIONS:
        name = f"{collection}{SCHEMA_SUFFIX}"
        if name not in raw:
            found.errors.append(DataError(found.shown(name), 1, 0, "", f"the schema of the collection '{collection}' "
                                          f"is missing; every folder under data/ needs its schema here"))
    for name, schema in found.schemas.items():
        found.errors.extend(_schema_problems(found, name, schema, texts[name]))
    return found


def _schema_problems(found: SchemaSet, name: str, schema, text: str) -> list[DataError]:
    """What makes a schema unusable: not a valid JSON Schema (a bad regex among it), or a `$ref` to nothing."""
    shown = found.shown(name)
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        path = tuple(exc.absolute_path)
        message = exc.message
        if exc.validator == "format" and exc.validator_value == "regex":
            message = f"{exc.instance!r} is not a regular expression that compiles"
        return [DataError(shown, *_json_position(text, path), key_path(path), f"not a valid JSON Schema: {message}")]
    problems = []
    for path, ref in _refs(schema):
        if _resolve(ref, name, found.schemas) is None:
            problems.append(DataError(shown, *_json_position(text, path), key_path(path),
                                      f"'{ref}' points at nothing in {found.shown('')}; check the file name and the "
                                      "path after '#'"))
    for path, target in _keyword_values(schema, REF_KEYWORD):
        if not isinstance(target, str) or target not in COLLECTIONS:
            problems.append(DataError(shown, *_json_position(text, path), key_path(path),
                                      f"'{target}' is not a collection; '{REF_KEYWORD}' names the folder under data/ "
                                      f"whose ids the value is (known: {', '.join(sorted(COLLECTIONS))})"))
    for path, pattern in _patterns(schema):
        try:
            ecma_pattern(pattern)
        except re.error as exc:
            problems.append(DataError(shown, *_json_position(text, path), key_path(path),
                                      f"{pattern!r} is not a regular expression that compiles: {exc}"))
    return problems


def _patterns(node, path=()):
    """Every (path, pattern) in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "pattern" and isinstance(value, str):
                yield path + (key,), value
            elif key != "properties" or not isinstance(value, dict):
                yield from _patterns(value, path + (key,))
            else:
                for prop, sub in value.items():
                    yield from _patterns(sub, path + (key, prop))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _patterns(value, path + (index,))


def _inline_refs(node, base: str, schemas: dict[str, dict], seen: tuple):
    """The schema with each `$ref` to a file in the folder replaced by what it points at (as `allOf`, next to any
    sibling keywords): the same checks and messages, in half the time, since jsonschema resolves a `$ref` anew at
    every use (docs/performance.md). A recursive `$ref` stays as it is, for the registry to resolve."""
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
    target = _resolve(ref, base, schemas)
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
    if kind == "pattern" and error.validator_value == NOT_BLANK:
        return path, "text must not be blank (only spaces or line breaks)"
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
    """The schema errors of one document, each located in its file; the folder's own problems, if it has any."""
    schemas = _current(schema_dir)
    if schemas.errors:
        return list(schemas.errors)
    errors = []
    for error in schemas.validator(collection).iter_errors(document):
        path, message = _message(error)
        line, col = positions.locate(path)
        errors.append(DataError(file, line, col, key_path(path), message))
    return errors
