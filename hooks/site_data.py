"""MkDocs hooks: load and validate data/ once per build, add the generated pages, and tooltips for glossary terms.

Registered in mkdocs.yml under `hooks:`. The logic lives in the MkDocs-free package `guide`.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide import glossary, pipeline, site  # noqa: E402
from guide.errors import DataErrors  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_data")
_build: dict = {}


def on_config(config):
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    try:
        _build["model"] = pipeline.load_model(data_dir)
    except DataErrors as errors:
        _build.clear()
        raise PluginError(errors.report()) from None
    _build["abbreviations"] = glossary.abbreviation_lines(_build["model"])
    return config


def on_files(files, config):
    model = _build["model"]
    for f in files:
        if f.src_uri.endswith(".md"):
            f.edit_uri = f"content/{f.src_uri}"
    for page in site.pages(model):
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"content/{page.src} would hide the page generated from {page.edit_path}; "
                              "rename or remove the hand-written file")
        generated = File.generated(config, page.src, content=page.markdown)
        generated.edit_uri = page.edit_path
        if page.item is not None:
            # Item pages are reached from their section's index page; the navigation lists sections only.
            generated.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(generated)
    return files


def on_page_markdown(markdown, page, config, files):
    return markdown + _build["abbreviations"]
