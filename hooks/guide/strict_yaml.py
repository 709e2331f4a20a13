"""A strict YAML reader for data files: one mapping per file, no duplicate keys, anchors, aliases or tags.

Used by `documents.py`. Plain scalars stay strings except true/false, integers and null, so that
`no`, `on`, `1.10` and `1:30` keep the text they look like. Every key and item remembers its line.
"""
from __future__ import annotations

import re
from collections.abc import Mapping

import yaml
from yaml.composer import Composer
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:
    from yaml._yaml import CParser as _CParser  # libyaml, in PyYAML's wheels
except ImportError:  # pragma: no cover - PyYAML built without libyaml: the pure-Python reader does everything
    _CParser = None

from .errors import DataError, key_path

BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
INT = re.compile(r"^-?(0|[1-9][0-9]*)$")
NULL = {"", "~", "null", "Null", "NULL"}
# Nothing in the data needs more: a whole number longer than this is a mistake (and Python refuses to read one of
# over 4300 digits), and a file nested deeper would exhaust the recursion of the reader and the schema check.
MAX_DIGITS = 15
MAX_DEPTH = 32
# What YAML refuses in a file (control characters but tab and line breaks, surrogates) can still be written as an
# escape in a double-quoted string ("\a", "\ud800"); it is refused there too. A lone surrogate cannot even be
# written out as UTF-8.
# Line breaks in YAML 1.1 (which PyYAML reads) that editors show as part of a line: the lines would not match.
_ODD_LINE_BREAK = re.compile("[\x85\u2028\u2029]")
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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
        self._depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(event.start_mark, f"alias '*{event.anchor}' is not allowed; write the value out in full")
        if getattr(event, "anchor", None):
            raise _Refused(event.start_mark, f"anchor '&{event.anchor}' is not allowed; data files use no anchors or aliases")
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            raise _Refused(event.start_mark, f"tag '{tag}' is not allowed; data files use plain values")
        if self._depth >= MAX_DEPTH and not isinstance(event, yaml.ScalarEvent):
            raise _Refused(event.start_mark, f"lists and mappings are nested more than {MAX_DEPTH} deep here; "
                           "data files need only a few levels")
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Refused(Exception):
    def __init__(self, mark, message):
        self.mark, self.message = mark, message


class _TooLarge(Exception):
    """A whole number with more than MAX_DIGITS digits."""


def _has_unprintable(value) -> bool:
    if isinstance(value, str):
        return _UNPRINTABLE.search(value) is not None
    if isinstance(value, dict):
        return any(_has_unprintable(k) or _has_unprintable(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_unprintable(v) for v in value)
    return False


def _scalar(node: yaml.ScalarNode):
    if node.style is not None:  # quoted or block scalar: always text
        return node.value
    return _plain(node.value)


def _plain(value: str):
    if value in BOOL:
        return BOOL[value]
    if value in NULL:
        return None
    if INT.match(value):
        if len(value) > MAX_DIGITS + value.startswith("-"):
            raise _TooLarge
        return int(value)
    return value


_BLOCK_HEADER_HASH = re.compile(r"[|>][-+1-9]{0,2}#")  # '>#': libyaml reads a comment, the pure-Python reader an error


class _Unusual(Exception):
    """Anything the fast reader leaves to the pure-Python one, which refuses it or words the error."""


def _fast_value(next_event, event, path, positions, in_flow=False, depth=0):
    """The value that starts with `event`; with `positions` a dict, each key's and item's line and column go in it
    (path is then the value's key path; without positions neither is kept, which is faster)."""
    if getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
        raise _Unusual
    kind = type(event)
    if depth >= MAX_DEPTH and kind is not yaml.ScalarEvent:  # the pure-Python reader words the refusal
        raise _Unusual
    if kind is yaml.ScalarEvent:
        if event.style != "":  # libyaml marks a plain scalar with ''
            return event.value
        if in_flow and ("?" in event.value or ":" in event.value):  # [a ? b]: the two readers disagree
            raise _Unusual
        return _plain(event.value)
    if kind is yaml.SequenceStartEvent:
        out, in_flow = [], in_flow or event.flow_style
        while type(event := next_event()) is not yaml.SequenceEndEvent:
            if positions is None:
                out.append(_fast_value(next_event, event, None, None, in_flow, depth + 1))
                continue
            positions[path + (len(out),)] = (event.start_mark.line + 1, event.start_mark.column + 1)
            out.append(_fast_value(next_event, event, path + (len(out),), positions, in_flow, depth + 1))
        return out
    if kind is yaml.MappingStartEvent:
        out, in_flow = {}, in_flow or event.flow_style
        while type(key := next_event()) is not yaml.MappingEndEvent:
            if (type(key) is not yaml.ScalarEvent or key.anchor is not None or key.tag is not None or key.value in out
                    or in_flow and key.style == "" and ("?" in key.value or ":" in key.value)):
                raise _Unusual
            if positions is None:
                out[key.value] = _fast_value(next_event, next_event(), None, None, in_flow, depth + 1)
                continue
            positions[path + (key.value,)] = (key.start_mark.line + 1, key.start_mark.column + 1)
            out[key.value] = _fast_value(next_event, next_event(), path + (key.value,), positions, in_flow, depth + 1)
        return out
    raise _Unusual  # an alias


def _fast_parse(text: str, with_positions: bool = False) -> tuple[dict, Positions] | None:
    """The document and positions read by libyaml (C), or None to leave the file to the pure-Python reader: when
    libyaml is missing, and for anything but a plain valid mapping. That keeps every refusal and every message the
    pure-Python reader's, and takes most of the build's reading time away (docs/performance.md). Positions are
    worked out only when first asked for (`_LazyPositions`) unless `with_positions` is set."""
    if _CParser is None or "\t" in text or "\ufeff" in text or _BLOCK_HEADER_HASH.search(text) \
            or Reader.NON_PRINTABLE.search(text) or _UNPRINTABLE.search(text):
        return None  # libyaml lets these by where the pure-Python reader refuses them
    positions = Positions() if with_positions else None
    try:
        parser = _CParser(text)
        kinds = [type(parser.get_event()), type(parser.get_event())]
        top = parser.get_event()
        if kinds != [yaml.StreamStartEvent, yaml.DocumentStartEvent] or not isinstance(top, yaml.MappingStartEvent):
            return None
        if positions is not None:
            positions[()] = (top.start_mark.line + 1, top.start_mark.column + 1)
        document = _fast_value(parser.get_event, top, (), positions)
        if [type(parser.get_event()), type(parser.get_event())] != [yaml.DocumentEndEvent, yaml.StreamEndEvent]:
            return None
        if "\\" in text and _has_unprintable(document):  # only an escape can bring one in
            return None
    except (_Unusual, _TooLarge, yaml.YAMLError, RecursionError):
        return None
    return document, positions if positions is not None else _LazyPositions(text)


class Positions(dict):
    """Maps a key path (a tuple of keys and indexes) to its (line, column), both 1-based."""

    def locate(self, path) -> tuple[int, int]:
        path = tuple(path)
        while path not in self and path:
            path = path[:-1]
        return self.get(path, (1, 0))


class _LazyPositions(Mapping):
    """The positions of a file the fast reader read, worked out from its text when first asked for: a file with no
    error never needs them. Reads like `Positions` (Mapping supplies get, in, items, == and the rest)."""

    def __init__(self, text: str):
        self._text, self._positions = text, None

    def _filled(self) -> Positions:
        if self._positions is None:
            self._positions, self._text = _fast_parse(self._text, with_positions=True)[1], None
        return self._positions

    def __getitem__(self, path):
        return self._filled()[path]

    def __iter__(self):
        return iter(self._filled())

    def __len__(self):
        return len(self._filled())

    def locate(self, path) -> tuple[int, int]:
        return self._filled().locate(path)


def _convert(node, path, positions, file, errors):
    if isinstance(node, yaml.ScalarNode):
        unprintable = _UNPRINTABLE.search(node.value)
        if unprintable:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            errors.append(DataError(file, line, col, key_path(path), f"the character U+{ord(unprintable.group()):04X} "
                                    "(written as an escape) is not allowed: it is invisible or cannot be saved as "
                                    "UTF-8; remove it"))
            return None
        try:
            return _scalar(node)
        except _TooLarge:
            line, col = node.start_mark.line + 1, node.start_mark.column + 1
            errors.append(DataError(file, line, col, key_path(path), f"the whole number {_short_digits(node.value)} "
                                    f"has {len(node.value.lstrip('-'))} digits; at most {MAX_DIGITS} are allowed "
                                    "(quote it if it is meant as text)"))
            return None
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
        if _UNPRINTABLE.search(key):
            errors.append(DataError(file, line, col, key_path(path), f"the key {key!r} has a character that is not "
                                    "allowed: it is invisible or cannot be saved as UTF-8; remove it"))
            continue
        if key in first:
            errors.append(DataError(file, line, col, key_path(path + (key,)),
                                    f"duplicate key '{key}' (first defined at line {first[key]}); keep one"))
            continue
        first[key] = line
        positions[path + (key,)] = (line, col)
        out[key] = _convert(value_node, path + (key,), positions, file, errors)
    return out


def _short_digits(value: str) -> str:
    return value if len(value) <= 20 else f"{value[:8]}...{value[-8:]}"


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
    odd_break = _ODD_LINE_BREAK.search(text)
    if odd_break:
        at = odd_break.start()
        line, col = text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)
        return None, positions, [DataError(file, line, col, "", f"the character U+{ord(odd_break.group()):04X} is a line "
                                           "break to YAML but not to most editors; use an ordinary line break or remove it")]
    fast = _fast_parse(text)
    if fast is not None:
        document, positions = fast
        return document, positions, []
    return pure_parse(text, file)


def pure_parse(text: str, file: str) -> tuple[object, Positions, list[DataError]]:
    """Parse decoded text with the pure-Python reader alone: every refusal and message is its own. `parse()` reads
    most files with libyaml instead; the tests check that the two readers agree on every file libyaml takes."""
    positions = Positions()
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
