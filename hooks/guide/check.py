"""Contributor check: validate every data file without building the site, and print errors like a compiler.

Run as `python -m guide.check [data-dir]` (from hooks/) or `make check`. Exit 1 on any error.
"""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataErrors
from .pipeline import check


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path(__file__).resolve().parents[2] / "data"
    documents, errors = check(data_dir)
    if errors:
        print(DataErrors(errors).report(), file=sys.stderr)
        return 1
    print(f"{len(documents)} data files checked, no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
