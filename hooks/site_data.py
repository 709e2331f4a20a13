"""MkDocs hooks: hand MkDocs the site that the core (`guide.site_files`) makes, and finish each page it writes.

Registered in mkdocs.yml under `hooks:`. What the site holds is decided in the MkDocs-free package `guide`.
"""
from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide import finish, site_files  # noqa: E402
from guide.errors import BuildError  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_data")
_build: dict = {"serve": False, "after_build": []}


def on_startup(command, dirty):
    _build["serve"] = command == "serve"


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        _build["settings"] = site_files.settings(config, root, os.environ, serve=_build["serve"])
        _build["model"] = site_files.load_model(_build["settings"])
    except BuildError as exc:
        raise PluginError(str(exc)) from None
    glossary = site_files.abbreviations(_build["model"])
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary}
    return config


def on_files(files, config):
    try:
        site = site_files.build(_build["model"], _build["settings"])
    except BuildError as exc:
        raise PluginError(str(exc)) from None
    config.extra["site_folders"] = site.folders  # read by the 404 page (hooks/theme/404.html)
    for line in site.notes:
        log.info(line)  # INFO, not WARNING: an item growing old is no fault of the change being built (--strict)
    for file in [f for f in files if f.src_dir == config.docs_dir]:
        files.remove(file)  # the core hands back every file of the docs folder
    _build["after_build"] = []
    for out in site.files:
        if out.kind == site_files.VERBATIM and out.path.endswith(".md"):
            _build["after_build"].append(out)  # MkDocs would make a page of it
            continue
        inclusion = InclusionLevel.UNDEFINED if out.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, out.path, content=out.content, inclusion=inclusion)
        file.edit_uri = out.edit_path
        files.append(file)
    return files


def _finished(html, where):
    try:
        return finish.finished(html, where, serve=_build["serve"])
    except BuildError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output, page, config):
    return _finished(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    # The theme's pages that are not built from Markdown: 404.html (sitemap.xml is not HTML).
    return _finished(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(config):
    for out in _build["after_build"]:
        target = Path(config.site_dir) / out.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(out.content, encoding="utf-8", newline="")
