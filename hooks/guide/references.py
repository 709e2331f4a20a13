"""Cross-file rules: ids match file names and are unique, and every reference resolves.

Each rule is a small function over all documents that returns errors; `pipeline.py` runs them all.
"""
from __future__ import annotations

import html
import re
from collections import defaultdict

from .catalog import COLLECTIONS
from .documents import Document
from .errors import DataError
from .link_safety import is_safe_address, rendered_addresses

def walk(value, pattern: list[str], path=()):
    """Yield (path, value) for every place the pattern matches; '{}' yields the keys themselves."""
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(value, list):
        for i, item in enumerate(value):
            yield from walk(item, rest, path + (i,))
    elif head == "{}" and isinstance(value, dict):
        for key in value:
            yield path + (key,), key
    elif isinstance(value, dict) and head in value:
        yield from walk(value[head], rest, path + (head,))


def _known(ids) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:12])
    return f"{shown}, ... ({len(ids)} in all)" if len(ids) > 12 else shown or "none"


def check_ids(documents: list[Document]) -> list[DataError]:
    """An item's id equals its file name, and no two files of a collection share an id."""
    errors, seen = [], defaultdict(list)
    for doc in documents:
        if doc.data["id"] != doc.slug:
            errors.append(doc.at(("id",), "id", f"'{doc.data['id']}' differs from the file name; "
                                 f"rename the file to {doc.data['id']}.yml or set id: {doc.slug}"))
        seen[(doc.collection, doc.data["id"])].append(doc)
    for (collection, item_id), docs in seen.items():
        if len(docs) > 1:
            for doc in docs:
                others = ", ".join(d.file for d in docs if d is not doc)
                errors.append(doc.at(("id",), "id", f"'{item_id}' is also the id of {others}"))
    return errors


def ids_by_collection(documents: list[Document]) -> dict[str, set[str]]:
    ids = defaultdict(set)
    for doc in documents:
        ids[doc.collection].add(doc.data["id"])
    return ids


def references(doc: Document):
    """Every (path, id, target collection) where a document names an item of another, by its schema's `x-ref`."""
    for pattern, target in doc.references:
        for path, value in walk(doc.data, pattern.split(".")):
            yield path, value, target


def check_references(documents: list[Document]) -> list[DataError]:
    """Every reference field names an item that exists in its target collection."""
    ids = ids_by_collection(documents)
    errors = []
    for doc in documents:
        for path, value, target in references(doc):
            if value not in ids[target]:
                errors.append(doc.at(path, "", f"'{value}' is not a known {COLLECTIONS[target].singular} (known: {_known(ids[target])})"))
    return errors


def _citations(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "sources" and isinstance(item, list):
                for i, citation in enumerate(item):
                    yield path + (key, i), citation
            else:
                yield from _citations(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _citations(item, path + (i,))


def citations(doc: Document):
    """Every (path, 'source#item') citation in a document: the values of all 'sources' lists."""
    return _citations(doc.data)


def check_citations(documents: list[Document]) -> list[DataError]:
    """Every citation names a known source and, after '#', an item of that source's inventory."""
    sources = {d.data["id"]: d for d in documents if d.collection == "sources"}
    errors = []
    for doc in documents:
        for path, citation in citations(doc):
            source_id, _, item = citation.partition("#")
            if source_id not in sources:
                errors.append(doc.at(path, "", f"'{source_id}' is not a known source (known: {_known(sources)})"))
                continue
            inventory = {entry["id"] for entry in sources[source_id].data.get("inventory", [])}
            if item and item not in inventory:
                errors.append(doc.at(path, "", f"'{item}' is not in the inventory of source '{source_id}' "
                                     f"(known: {_known(inventory)})"))
    return errors


def check_inventory_ids(documents: list[Document]) -> list[DataError]:
    """Inventory item ids are unique within their source."""
    errors = []
    for doc in documents:
        if doc.collection != "sources":
            continue
        seen = {}
        for i, entry in enumerate(doc.data.get("inventory", [])):
            if entry["id"] in seen:
                errors.append(doc.at(("inventory", i, "id"), "", f"'{entry['id']}' is already the id of inventory[{seen[entry['id']]}]"))
            else:
                seen[entry["id"]] = i
    return errors


def check_comparison_columns(documents: list[Document]) -> list[DataError]:
    """Each row of a comparison fills only the columns the table declares."""
    errors = []
    for doc in documents:
        if doc.collection != "comparisons":
            continue
        columns = doc.data["approaches"]
        for i, row in enumerate(doc.data["rows"]):
            for approach in row["cells"]:
                if approach not in columns:
                    errors.append(doc.at(("rows", i, "cells", approach), "",
                                         f"'{approach}' is not a column of this table (columns: {', '.join(columns)})"))
    return errors


# Markdown links in text: [text](target), <scheme:...> autolinks and [ref]: target definitions.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)|<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_IMAGE = re.compile(r"!\[")
_SAFE = re.compile(r"^(https?://|mailto:|#|\.{0,2}/|[a-z0-9._-]+(/|\.md|#|$))", re.I)


def text_fields(value, path=()):
    """Yield (path, text) for every string in a document, however deeply nested."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_fields(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from text_fields(item, path + (i,))


def check_links(documents: list[Document]) -> list[DataError]:
    """Links in text go only to http, https, mailto or site-relative addresses; no images."""
    errors = []
    for doc in documents:
        for path, text in text_fields(doc.data):
            if "[" not in text and "<" not in text:  # no link or image can start without one of these
                continue
            if _IMAGE.search(text):
                errors.append(doc.at(path, "", "images are not allowed in data text; the site loads nothing it does not ship"))
            found = len(errors)
            for match in _LINK.finditer(text):
                target = next(g for g in match.groups() if g is not None)
                if not _SAFE.match(target) or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I) and not re.match(r"^(https?|mailto):", target, re.I):
                    errors.append(doc.at(path, "", f"link to '{target[:60]}' is not allowed; "
                                         "use an http, https or mailto address, or a site-relative one"))
            if len(errors) > found:
                continue
            # What the text says is not always what a browser follows: check the addresses as rendered.
            for raw, address in rendered_addresses(text):
                if not is_safe_address(address):
                    written = html.unescape(raw).encode("unicode_escape").decode("ascii")
                    errors.append(doc.at(path, "", f"link to '{address[:60]}' is not allowed: a browser reads "
                                         f"'{written[:60]}' as that address once it drops line breaks, tabs and "
                                         "spaces; use an http, https or mailto address, or a site-relative one"))
    return errors


# Markdown that reaches beyond the text it is written in: an abbreviation definition applies to the whole page,
# and the table-of-contents marker is replaced by the page's contents.
_ABBREVIATION = re.compile(r"^[ \t]*\*\[[^\]]*\]:", re.M)
_TOC_MARKER = "[TOC]"


def check_page_structure(documents: list[Document]) -> list[DataError]:
    """Text stays inside its place on the page: no abbreviation definitions and no table-of-contents marker."""
    errors = []
    for doc in documents:
        for path, text in text_fields(doc.data):
            if "[" not in text:
                continue
            if _ABBREVIATION.search(text):
                errors.append(doc.at(path, "", "a line starting '*[...]:' would define an abbreviation for the whole "
                                     "page; abbreviations come from the glossary (data/glossary/)"))
            if _TOC_MARKER in text:
                errors.append(doc.at(path, "", f"'{_TOC_MARKER}' would put the page's table of contents here; "
                                     "remove it"))
    return errors
