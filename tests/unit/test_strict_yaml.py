"""Unit tests of the strict YAML reader: each bad input gives the exact message with file and line."""
from __future__ import annotations

import pytest

from guide.strict_yaml import _fast_parse, parse


def errors_of(text: bytes | str) -> list[str]:
    data = text.encode("utf-8") if isinstance(text, str) else text
    document, _, errors = parse(data, "data/x/y.yml")
    if errors:
        assert document is None, "a file with errors must not yield a document"
    return [str(e) for e in errors]


def test_duplicate_key_at_top_level():
    assert errors_of("id: a\nname: b\nid: c\n") == [
        "data/x/y.yml:3:1: id: duplicate key 'id' (first defined at line 1); keep one"]


def test_duplicate_key_nested():
    assert errors_of("rows:\n  - aspect: cost\n    label: A\n    aspect: speed\n") == [
        "data/x/y.yml:4:5: rows[0].aspect: duplicate key 'aspect' (first defined at line 2); keep one"]


def test_anchor_is_refused():
    assert errors_of("a: &x 1\nb: 2\n") == [
        "data/x/y.yml:1:4: anchor '&x' is not allowed; data files use no anchors or aliases"]


def test_alias_bomb_is_refused_at_the_first_anchor():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    assert errors_of(bomb) == ["data/x/y.yml:1:4: anchor '&a' is not allowed; data files use no anchors or aliases"]


def test_explicit_tag_is_refused():
    assert errors_of("a: !!python/object:os.system x\n") == [
        "data/x/y.yml:1:4: tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; data files use plain values"]


@pytest.mark.parametrize("text", ["no", "yes", "on", "off", "1.10", "1:30", "0x1F", "2026-11-22", "1e3", "NO", ".inf"])
def test_scalars_that_look_like_other_types_stay_strings(text):
    document, _, errors = parse(f"value: {text}\n".encode(), "data/x/y.yml")
    assert errors == [] and document == {"value": text}


def test_only_true_false_are_booleans_and_whole_numbers_are_integers():
    document, _, _ = parse(b"a: true\nb: false\nc: 12\nd: -3\ne: '12'\nf:\n", "f.yml")
    assert document == {"a": True, "b": False, "c": 12, "d": -3, "e": "12", "f": None}


def test_tab_indentation():
    assert errors_of("rows:\n\t- a\n") == [
        "data/x/y.yml:2:1: YAML syntax error: a tab character is not allowed here; indent with spaces"]


def test_invalid_utf8_names_the_line():
    assert errors_of(b"id: a\nname: caf\xe9\n") == [
        "data/x/y.yml:2:10: byte 0xe9 is not valid UTF-8; save the file as UTF-8"]


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_empty_file(text):
    assert errors_of(text) == ["data/x/y.yml:1: the file is empty; expected a mapping of fields"]


def test_top_level_list_is_refused():
    assert errors_of("- a\n- b\n") == ["data/x/y.yml:1:1: expected a mapping of fields at the top level"]


def test_syntax_error_gives_line():
    assert errors_of("id: a\nname: [b\n") == [
        "data/x/y.yml:3:1: YAML syntax error: while parsing a flow sequence, expected ',' or ']', but got '<stream end>'"]


def test_bom_and_crlf_are_accepted():
    document, positions, errors = parse("\ufeffid: a\r\nname: b\r\n".encode("utf-8"), "f.yml")
    assert errors == [] and document == {"id": "a", "name": "b"}
    assert positions[("name",)] == (2, 1)


def test_positions_of_nested_values():
    _, positions, _ = parse(b"id: a\nrows:\n  - aspect: cost\n    cells:\n      rag: {text: x}\n", "f.yml")
    assert positions[("rows", 0, "cells", "rag", "text")] == (5, 13)
    assert positions.locate(("rows", 0, "cells", "missing")) == (4, 5)


def test_positions_of_a_fast_read_file_are_the_same_when_worked_out_later():
    """The fast reader leaves positions until they are asked for; they must be those it would have recorded."""
    from pathlib import Path

    from guide import strict_yaml
    root = Path(__file__).resolve().parents[2] / "data"
    files = sorted(p for p in root.rglob("*.yml") if "schemas" not in p.parts)
    for path in files:
        text = path.read_text(encoding="utf-8")
        eager = strict_yaml._fast_parse(text, with_positions=True)
        document, lazy, errors = parse(path.read_bytes(), str(path))
        assert errors == [] and eager is not None and document == eager[0]
        assert type(lazy).__name__ == "_LazyPositions"
        deepest = max(eager[1], key=len)
        assert lazy.locate(deepest + ("missing",)) == eager[1][deepest]
        assert dict(lazy.items()) == eager[1] and lazy == eager[1] and len(lazy) == len(eager[1])


# ---------------------------------------------------------------- values too large or too deep, invisible characters

def test_a_whole_number_of_five_thousand_digits_is_refused_with_its_place():
    assert errors_of("a: 1\nb: " + "9" * 5000 + "\n") == [
        "data/x/y.yml:2:4: b: the whole number 99999999...99999999 has 5000 digits; at most 15 are allowed "
        "(quote it if it is meant as text)"]


def test_whole_numbers_up_to_fifteen_digits_are_read_and_quoted_digits_stay_text():
    assert parse(b"a: 999999999999999\nb: -999999999999999\nc: '" + b"9" * 5000 + b"'\n", "y.yml")[0] == {
        "a": 999999999999999, "b": -999999999999999, "c": "9" * 5000}
    assert errors_of("a: 9999999999999999\n")[0].endswith("has 16 digits; at most 15 are allowed (quote it if it is meant as text)")


@pytest.mark.parametrize("text, where", [
    ("a: " + "[" * 1000 + "]" * 1000 + "\n", "1:35"),                           # the 33rd list
    ("a: " + "{b: " * 1000 + "1" + "}" * 1000 + "\n", "1:128"),                 # the 33rd mapping
    ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 1000)), "33:65"),    # the 33rd list, on line 33
], ids=["flow-lists", "flow-mappings", "block-lists"])
def test_nesting_a_thousand_deep_is_refused_without_a_recursion_error(text, where):
    assert errors_of(text) == [f"data/x/y.yml:{where}: lists and mappings are nested more than 32 deep here; "
                               "data files need only a few levels"]


@pytest.mark.parametrize("innermost", ["[]", "{}", "[1]"])
def test_nesting_one_past_the_limit_is_refused_by_both_readers(innermost):
    text = "a: " + "[" * 31 + innermost + "]" * 31 + "\n"
    assert errors_of(text) == ["data/x/y.yml:1:35: lists and mappings are nested more than 32 deep here; "
                               "data files need only a few levels"]
    assert _fast_parse(text) is None


def test_nesting_up_to_the_limit_is_read():
    value = parse(("a: " + "[" * 31 + "1" + "]" * 31 + "\n").encode(), "y.yml")[0]["a"]
    for _ in range(31):
        value = value[0]
    assert value == 1


@pytest.mark.parametrize("escape, code", [("\\a", "0007"), ("\\x1b", "001B"), ("\\0", "0000"), ("\\x7f", "007F"),
                                          ("\\x85", "0085"), ("\\ud800", "D800"), ("\\uffff", "FFFF")])
def test_an_invisible_character_written_as_an_escape_is_refused(escape, code):
    assert errors_of(f'a: 1\nb: "x{escape}y"\n') == [
        f"data/x/y.yml:2:4: b: the character U+{code} (written as an escape) is not allowed: it is invisible or cannot "
        "be saved as UTF-8; remove it"]


def test_tabs_and_line_breaks_written_as_escapes_are_text():
    assert parse(b'a: "x\\ty\\nz\\r"\n', "y.yml")[0] == {"a": "x\ty\nz\r"}


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_a_line_break_only_yaml_knows_is_refused(char):
    assert errors_of(f"a: 1\nb: caf\u00e9 x{char}y\n") == [
        f"data/x/y.yml:2:10: the character U+{ord(char):04X} is a line break to YAML but not to most editors; "
        "use an ordinary line break or remove it"]


# ---------------------------------------------------------------- the two readers agree wherever libyaml reads a file
# `parse()` reads a plain, valid file with libyaml (C) and leaves everything else to the pure-Python reader, which
# has the final word on every refusal and message. The shortcut is kept only while it reads exactly what the plain
# path reads: the same document and the same line and column for every key and item.

from pathlib import Path  # noqa: E402

import yaml  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from guide.strict_yaml import pure_parse  # noqa: E402

REAL_FILES = sorted(p for p in (Path(__file__).resolve().parents[2] / "data").rglob("*.yml"))
READERS_AGREE = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_readers_agree(text: str) -> bool:
    """Where libyaml reads `text`, the pure-Python reader reads the same document and positions; True if it did."""
    fast = _fast_parse(text, with_positions=True)
    if fast is None:
        return False
    document, positions, errors = pure_parse(text, "data/x/y.yml")
    assert errors == [], f"libyaml read a file the pure-Python reader refuses: {[str(e) for e in errors]}"
    assert fast[0] == document and type(fast[0]) is type(document)
    assert dict(fast[1]) == dict(positions)
    return True


def test_the_readers_agree_on_every_real_file():
    assert len(REAL_FILES) > 100, "the real data files were not found"
    assert all(assert_readers_agree(path.read_text(encoding="utf-8")) for path in REAL_FILES)


_LINES = ["x: 1\n", "  - y\n", "- z\n", "a: [b, c]\n", "a: {b: c}\n", "k: 'quoted'\n", 'k: "esc\\tape"\n', "k: |\n",
          "  block\n", "k: >-\n", "n: ~\n", "n: null\n", "b: yes\n", "v: 1.10\n", "t: 1:30\n", "i: -007\n", "e: ''\n",
          "? complex\n", ": value\n", "k: a # comment\n", "# only a comment\n", "k:\n", "  nested: deeper\n",
          "u: é ü 漢\n", "k: 'it''s'\n", "k: \"\\u00e9\"\n", "   \n", "k: [a, {b: c}]\n", "k: !tag x\n"]


@READERS_AGREE
@given(index=st.integers(min_value=0), data=st.data())
def test_the_readers_agree_on_mutated_real_files(index, data):
    lines = REAL_FILES[index % len(REAL_FILES)].read_text(encoding="utf-8").splitlines(keepends=True)
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        at = data.draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        action = data.draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent", "truncate"]))
        if not lines or action == "insert":
            lines.insert(at, data.draw(st.sampled_from(_LINES)))
        elif action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "indent":
            lines[at] = "  " + lines[at]
        elif action == "dedent":
            lines[at] = lines[at].removeprefix("  ")
        else:
            lines[at] = lines[at][: data.draw(st.integers(min_value=0, max_value=len(lines[at])))]
    assert_readers_agree("".join(lines))


_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**16, max_value=10**16),
                     st.text(max_size=20), st.sampled_from(["no", "on", "1.10", "1:30", "~", "", "007", "0x1F", "1e3"]))
_TREES = st.recursive(_SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(st.text(max_size=10), inner, max_size=5)),
                      max_leaves=30)


@READERS_AGREE
@given(value=st.dictionaries(st.text(min_size=1, max_size=10), _TREES, min_size=1, max_size=6),
       flow=st.sampled_from([False, True, None]), width=st.sampled_from([20, 80, 1000]))
def test_the_readers_agree_on_any_document(value, flow, width):
    assert_readers_agree(yaml.safe_dump(value, allow_unicode=True, default_flow_style=flow, width=width))
