"""Finds every data file, reads it strictly and checks it against its collection's schema.

The first stage of the pipeline; `pipeline.load_model()` runs it, then the cross-file rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalog import COLLECTIONS, SCHEMA_DIR
from .errors import DataError, key_path
from .schemas import reference_fields, refresh, validate
from .strict_yaml import Positions, parse


@dataclass(frozen=True)
class Document:
    file: str            # as shown in messages: data/<collection>/<slug>.yml
    collection: str
    slug: str            # the file name without .yml
    data: dict
    positions: Positions
    references: tuple = ()  # (path pattern, target collection) of each reference field, from the schema's `x-ref`

    def at(self, path, key: str, message: str) -> DataError:
        """An error about the value at `path` in this document."""
        line, col = self.positions.locate(path)
        return DataError(self.file, line, col, key or key_path(path), message)


def schema_comment(collection: str) -> str:
    return f"# yaml-language-server: $schema=../{SCHEMA_DIR}/{collection}.schema.json"


def _display(path: Path, data_dir: Path) -> str:
    return f"{data_dir.name}/{path.relative_to(data_dir).as_posix()}"


def read_document(raw: bytes, shown: str, collection: str, slug: str, schema_dir: str) -> tuple[Document | None, list[DataError]]:
    """One data file's bytes -> its document (None on any error) and its errors."""
    document, positions, problems = parse(raw, shown)
    if problems:
        return None, problems
    errors = []
    first_line = raw.decode("utf-8").removeprefix("\ufeff").splitlines()[0].strip()
    if first_line != schema_comment(collection):
        errors.append(DataError(shown, 1, 1, "", f"the first line must be '{schema_comment(collection)}' "
                                "so that editors check the file against its schema"))
    problems = validate(document, collection, schema_dir, shown, positions)
    if problems:
        return None, errors + problems
    return Document(shown, collection, slug, document, positions, reference_fields(schema_dir, collection)), errors


def _link_problem(path: Path, data_dir: Path) -> str | None:
    """Why a data file that is a symbolic link cannot be read, or None: it must lead to a file in the repository."""
    target = path.readlink()
    if not path.exists():
        return f"a symbolic link to '{target}', which does not exist; restore the file or remove the link"
    if not path.resolve().is_relative_to(data_dir.resolve().parent):
        return (f"a symbolic link to '{target}', outside the repository; a data file must be in the repository "
                "itself, so that a review sees what is published")
    if not path.resolve().is_file():
        return f"a symbolic link to '{target}', which is not a file"
    return None


def read_documents(data_dir: Path) -> tuple[list[Document], list[DataError]]:
    """Every data file under data_dir that parses and passes its schema, and the errors of the rest."""
    documents: list[Document] = []
    schema_dir = str(data_dir / SCHEMA_DIR)
    errors = list(refresh(schema_dir))
    if errors:  # no file can be checked against a broken schema
        return [], errors
    for path in sorted(p for p in data_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = path.relative_to(data_dir)
        shown = _display(path, data_dir)
        if rel.parts[0] == SCHEMA_DIR or path.name.startswith(".") or path.name == "README.md":
            continue
        if path.is_symlink():
            problem = _link_problem(path, data_dir)
            if problem:
                errors.append(DataError(shown, 1, 0, "", problem))
                continue
        if len(rel.parts) != 2 or rel.parts[0] not in COLLECTIONS:
            errors.append(DataError(shown, 1, 0, "", "this file is in no known collection "
                                    f"(known folders: {', '.join(sorted(COLLECTIONS))})"))
            continue
        if path.suffix != ".yml":
            errors.append(DataError(shown, 1, 0, "", "data files end in .yml"))
            continue
        document, problems = read_document(path.read_bytes(), shown, rel.parts[0], path.stem, schema_dir)
        errors.extend(problems)
        if document is not None:
            documents.append(document)
    return documents, errors
