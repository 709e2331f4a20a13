"""Glossary tooltips: the abbreviation definitions appended to every page so that short forms get a title.

Called once per build from the MkDocs hook; the lines use the Markdown `abbr` extension's syntax.
"""
from __future__ import annotations

import re

from .model import Model


def abbreviation_lines(model: Model) -> str:
    lines = []
    for term in model.items["glossary"]:
        if "abbreviation" in term:
            definition = re.sub(r"\s+", " ", term["definition"]).strip()
            lines.append(f"*[{term['abbreviation']}]: {definition}")
    # One block per definition: the abbr extension takes one definition off a block and parses the rest again,
    # so k definitions in one block cost every page O(k^2) (see docs/performance.md, scaling).
    return ("\n\n" + "\n\n".join(lines) + "\n") if lines else ""
