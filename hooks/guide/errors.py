"""Data errors that name the file, line, column and key, and the exception that carries them all.

Raised by the loader, the schema check and the cross-file rules; printed by the build and by `check`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, located as precisely as the input allows."""

    file: str
    line: int
    column: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class DataErrors(Exception):
    """All the errors found in one pass over the data; the build stops once with every one of them."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        lines = [str(e) for e in self.errors]
        count = len(self.errors)
        lines.append(f"{count} error{'s' if count != 1 else ''} detected in data/")
        return "\n".join(lines)


def key_path(path) -> str:
    """Format ('rows', 3, 'aspect') as rows[3].aspect."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class BuildError(Exception):
    """A site that cannot be made as asked: data that failed its checks (the report of every error), a generated page
    that would hide a hand-written one, a figure marker naming no statistic, a page with no room for its policy.
    Raised by the core (`site_files.py`, `finish.py`); each adapter prints it and stops."""
