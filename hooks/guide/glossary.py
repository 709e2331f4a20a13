"""Glossary tooltips: the abbreviations that get a title (a tooltip) wherever their short form appears in a page.

Called once per build from the MkDocs hook (`on_config`), which hands them to the Markdown `abbr` extension.
"""
from __future__ import annotations

import re

from .model import Model


def abbreviations(model: Model) -> dict[str, str]:
    """Short form -> definition, for the `abbr` extension's `glossary` option.

    Given once per build as the extension's glossary, not as definitions appended to every page: appended, they were
    parsed again by every page, which made a build grow with pages x glossary terms (docs/performance.md, scaling).
    """
    return {term["abbreviation"]: re.sub(r"\s+", " ", term["definition"]).strip()
            for term in model.items["glossary"] if "abbreviation" in term}
