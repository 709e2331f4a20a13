"""The baseline of the build-overhead benchmark: the site's pages written out as static Markdown, built without hooks.

Used by `bench.py`. The copy is what `make generate` writes (hooks/guide/generate.py): every page and file exactly
as the core hands them to MkDocs in a real build, with a mkdocs.yml that has no hooks; so what the hook does in a
real build (reading the data, rendering, finishing each page) counts as overhead.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path


def write_plain_project(project: Path, out: Path) -> Path:
    """A hook-free copy of `project` in `out` (emptied first), by the core's own generator. Returns its mkdocs.yml."""
    sys.path.insert(0, str(project / "hooks"))
    from guide import generate

    generate.generate(project, out, os.environ)
    return out / "mkdocs.yml"
