"""A strict YAML reader for data files: one mapping per file, no duplicate keys, anchors, aliases or tags.

Used by `documents.py`. Plain scalars stay strings except true/false, integers and null, so that
`no`, `on`, `1.10` and `1:30` keep the text they look like. Every key and item remembers its line.
"""
from __future__ import annotations

import re

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .errors import DataError, key_path

BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT = re.compile(r"^-?(0|[1-9][0-9]*)$")
NULL = {"", "~", "null", "Null", "NULL"}


class _Resolver(BaseResolver):
    """Knows no implicit types: every plain scalar is a string until `_scalar` says otherwise."""

    yaml_implicit_resolvers: dict = {}


class _Loader(Reader, Scanner, Parser, Composer, _Resolver):
    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"alias '*{event.anchor}' is not allowed; write the value out in full")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, f"anchor '&{event.anchor}' is not allowed; data files use no anchors or aliases")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(event.start_mark, f"tag '{tag}' is not allowed; data files use plain values")
        return super().compose_node(parent, index)


class _Refused(Exception):
    def __init__(self, mark, message):
        self.mark, self.message = mark, message


def _scalar(node: yaml.ScalarNode):
    if node.style is not None:  # quoted or block scalar: always text
        return node.value
    value = node.value
    if value in BOOL:
        return BOOL[value]
    if value in NULL:
        return None
    if INT.match(value):
        return int(value)
    return value


class Positions(dict):
    """Maps a key path (a tuple of keys and indexes) to its (line, column), both 1-based."""

    def locate(self, path) -> tuple[int, int]:
        path = tuple(path)
        while path not in self and path:
            path = path[:-1]
        return self.get(path, (1, 0))


def _convert(node, path, positions, file, errors):
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    if isinstance(node, yaml.SequenceNode):
        out = []
        for i, item in enumerate(node.value):
            positions[path + (i,)] = (item.start_mark.line + 1, item.start_mark.column + 1)
            out.append(_convert(item, path + (i,), positions, file, errors))
        return out
    out = {}
    first = {}
    for key_node, value_node in node.value:
        line, col = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            errors.append(DataError(file, line, col, key_path(path), "a key must be plain text, not a list or mapping"))
            continue
        key = key_node.value
        if key in first:
            errors.append(DataError(file, line, col, key_path(path + (key,)),
                                    f"duplicate key '{key}' (first defined at line {first[key]}); keep one"))
            continue
        first[key] = line
        positions[path + (key,)] = (line, col)
        out[key] = _convert(value_node, path + (key,), positions, file, errors)
    return out


def _line_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def parse(data: bytes, file: str) -> tuple[object, Positions, list[DataError]]:
    """Parse one data file. Returns (document, positions, errors); the document is None on any error."""
    positions = Positions()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_of_offset(data, exc.start)
        return None, positions, [DataError(file, line, col, "", f"byte 0x{data[exc.start]:02x} is not valid UTF-8; save the file as UTF-8")]
    text = text.removeprefix("\ufeff")
    try:
        node = _Loader(text).get_single_node()
    except _Refused as exc:
        return None, positions, [DataError(file, exc.mark.line + 1, exc.mark.column + 1, "", exc.message)]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if "'\\t'" in problem:
            problem = "a tab character is not allowed here; indent with spaces"
        elif exc.context:
            problem = f"{exc.context}, {problem}"
        return None, positions, [DataError(file, mark.line + 1, mark.column + 1, "", f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, positions, [DataError(file, 1, 0, "", f"YAML error: {exc}")]
    if node is None:
        return None, positions, [DataError(file, 1, 0, "", "the file is empty; expected a mapping of fields")]
    if not isinstance(node, yaml.MappingNode):
        return None, positions, [DataError(file, node.start_mark.line + 1, node.start_mark.column + 1, "",
                                           "expected a mapping of fields at the top level")]
    errors: list[DataError] = []
    positions[()] = (node.start_mark.line + 1, node.start_mark.column + 1)
    document = _convert(node, (), positions, file, errors)
    return (None if errors else document), positions, errors
