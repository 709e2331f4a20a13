"""Synthetic data for the scaling benchmark: the real data/ multiplied k times with fresh ids, every reference valid.

Used by `bench.py` (scaling); copy j of an item refers to copy j of what it refers to, so no page grows with k.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from guide.catalog import COLLECTIONS, SCHEMA_DIR
from guide.documents import schema_comment
from guide.schemas import all_reference_fields
from guide.strict_yaml import parse

# The three approaches are the subject of the guide, not content that grows: every copy refers to the real ones.
FIXED = frozenset({"approaches"})
# Extra references the cross-file rules check outside the schemas' `x-ref` fields: (collection, path pattern, target collection).
EXTRA_REFERENCES = (("decision-trees", "framework", "frameworks"),)
REFERENCES = all_reference_fields(str(Path(__file__).resolve().parents[2] / "data" / SCHEMA_DIR))
# Human-facing names get the copy's number, so that copies do not share titles, headings or anchors.
NAMED_FIELDS = ("title", "name", "term", "question", "measures")


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    def ignore_aliases(self, data):  # data files may not use anchors or aliases
        return True


def _suffix(value: str, copy: int) -> str:
    return value if copy == 0 else f"{value}-x{copy}"


def _rename_at(value, pattern: list[str], rename):
    """The value with every place the reference pattern matches passed through rename()."""
    if not pattern:
        return rename(value) if isinstance(value, str) else value
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(value, list):
        return [_rename_at(item, rest, rename) for item in value]
    if head == "{}" and isinstance(value, dict):
        return {rename(key): item for key, item in value.items()}
    if isinstance(value, dict) and head in value:
        return {**value, head: _rename_at(value[head], rest, rename)}
    return value


def _rename_citations(value, copy: int):
    if isinstance(value, dict):
        return {key: ([_citation(c, copy) for c in item] if key == "sources" and isinstance(item, list)
                      else _rename_citations(item, copy)) for key, item in value.items()}
    if isinstance(value, list):
        return [_rename_citations(item, copy) for item in value]
    return value


def _citation(citation: str, copy: int) -> str:
    source_id, hash_, item = citation.partition("#")
    return _suffix(source_id, copy) + hash_ + item


def _max_lengths(data_dir: Path, collection: str) -> dict[str, int]:
    schema = json.loads((data_dir / SCHEMA_DIR / f"{collection}.schema.json").read_text(encoding="utf-8"))
    return {name: spec["maxLength"] for name, spec in schema.get("properties", {}).items() if "maxLength" in spec}


def copy_item(collection: str, data: dict, copy: int, max_lengths: dict[str, int] | None = None) -> dict:
    """Copy number `copy` (0: the item itself) of one item, with its references pointing into the same copy."""
    if copy == 0:
        return data
    data = {**data, "id": _suffix(data["id"], copy)}
    for owner, pattern, target in (*REFERENCES, *EXTRA_REFERENCES):
        if owner == collection and target not in FIXED:
            data = _rename_at(data, pattern.split("."), lambda v: _suffix(v, copy))
    data = _rename_citations(data, copy)
    for name in NAMED_FIELDS:
        if isinstance(data.get(name), str):
            mark = f" {copy}"
            limit = (max_lengths or {}).get(name, 10**6) - len(mark)
            data[name] = data[name][:limit].rstrip() + mark
    if "abbreviation" in data:
        data["abbreviation"] = f"{data['abbreviation']}{copy}"[:16]
    return data


def write(data_dir: Path, out: Path, factor: int) -> dict[str, int]:
    """Write `factor` copies of every item of data_dir (approaches once) into out; returns item counts per collection."""
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(data_dir / SCHEMA_DIR, out / SCHEMA_DIR)
    counts: dict[str, int] = {}
    for collection in COLLECTIONS:
        (out / collection).mkdir()
        copies = 1 if collection in FIXED else factor
        max_lengths = _max_lengths(data_dir, collection)
        for path in sorted((data_dir / collection).glob("*.yml")):
            data, _, problems = parse(path.read_bytes(), str(path))
            if problems:
                raise ValueError(f"{path} does not parse: {problems[0]}")
            for copy in range(copies):
                item = copy_item(collection, data, copy, max_lengths)
                text = yaml.dump(item, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
                (out / collection / f"{item['id']}.yml").write_text(f"{schema_comment(collection)}\n{text}", encoding="utf-8")
                counts[collection] = counts.get(collection, 0) + 1
    return counts
