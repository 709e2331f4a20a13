"""MkDocs hooks: load and validate data/ once per build, add the generated pages, and tooltips for glossary terms.

Registered in mkdocs.yml under `hooks:`. The logic lives in the MkDocs-free package `guide`.
"""
from __future__ import annotations

import functools
import gc
import logging
import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

sys.path.insert(0, str(Path(__file__).resolve().parent))

from guide import addresses, api, changelog, csp, embeds, exports, glossary, minify, pipeline, review_age, site, tree_view  # noqa: E402
from guide import theme_fixes  # noqa: E402
from guide.errors import DataErrors  # noqa: E402

log = logging.getLogger("mkdocs.hooks.site_data")
_build: dict = {}
# 'serve' serves our scripts and stylesheets unminified, for reading in the browser, and leaves out the
# Content-Security-Policy: the live-reload script that `mkdocs serve` adds to every page is inline.
_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def _without_gc(hook):
    """Run a hook with Python's cyclic garbage collector paused. Reading the data and rendering the pages make
    short-lived objects by the hundred thousand and almost no cycles; each full collection they set off would walk
    every object MkDocs holds, about 0.04 s per build in all (docs/performance.md). What little cyclic garbage they
    leave is collected as usual once the hook returns."""
    @functools.wraps(hook)
    def run(*args, **kwargs):
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return hook(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()
    return run


@_without_gc
def on_config(config):
    addresses.set_directory_urls(config.use_directory_urls)  # false in the offline edition (the offline plugin)
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    try:
        _build["model"] = pipeline.load_model(data_dir)
    except DataErrors as errors:
        _build.clear()
        raise PluginError(errors.report()) from None
    # Glossary tooltips through the abbr extension's glossary: read once per build, not parsed again on every page.
    config.mdx_configs["abbr"] = {**config.mdx_configs.get("abbr", {}), "glossary": glossary.abbreviations(_build["model"])}
    try:
        _build["review_limit"] = review_age.review_limit(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_page_markdown(markdown, page, config, files):
    try:
        return site.expand_figure_markers(markdown, _build["model"], page.file.src_uri)
    except ValueError as exc:
        raise PluginError(str(exc)) from None


@_without_gc
def on_files(files, config):
    model = _build["model"]
    docs_dir = Path(config.docs_dir).resolve()
    for f in files:
        if f.src_uri.endswith(".md"):
            f.edit_uri = f"content/{f.src_uri}"
        elif (_command["name"] != "serve" and minify.is_own_asset(f.src_uri) and f.abs_src_path
              and Path(f.abs_src_path).resolve().parent == docs_dir / "assets"):
            f.content_string = minify.minified(f.src_uri, f.content_string)
    for page in site.pages(model, config.site_url):
        if files.get_file_from_path(page.src) is not None:
            raise PluginError(f"content/{page.src} would hide the page generated from {page.edit_path}; "
                              "rename or remove the hand-written file")
        generated = File.generated(config, page.src, content=page.markdown)
        generated.edit_uri = page.edit_path
        if page.item is not None:
            # Item pages are reached from their section's index page; the navigation lists sections only.
            generated.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(generated)
    tree_files = tree_view.api_files(model)  # each decision tree as JSON, and its schema
    data_dir = Path(config.config_file_path).resolve().parent / "data"
    api_files = api.api_files(model, data_dir / "schemas", [p for p, _ in tree_files])
    for path, text in tree_files + api_files:
        files.append(File.generated(config, path, content=text))
    for path, html in embeds.embed_files(model):
        files.append(File.generated(config, path, content=_finished(html, path)))
    _add_maintainers_page(files, config, model)
    return files


def _add_maintainers_page(files, config, model):
    """The page of items due for review, off the navigation, and an INFO line per item.

    INFO, not WARNING: the build runs with --strict, and an item growing old is no fault of the change being built.
    """
    limit, today = _build["review_limit"], review_age.build_date(os.environ)
    stale = review_age.stale_items(model, today, limit)
    for line in review_age.log_lines(stale, limit):
        log.info(line)
    edit_base = f"{config.repo_url.rstrip('/')}/{config.edit_uri}" if config.repo_url and config.edit_uri else None
    page = review_age.maintainers_page(stale, today, limit, edit_base)
    if files.get_file_from_path(page.src) is not None:
        raise PluginError(f"content/{page.src} would hide the generated maintainers' page; rename or remove it")
    generated = File.generated(config, page.src, content=page.markdown)
    generated.edit_uri = None  # generated from every data file at once: there is no one file to edit
    generated.inclusion = InclusionLevel.NOT_IN_NAV
    files.append(generated)


def _finished(html: str, where: str) -> str:
    """The page as written: the theme's markup fixed (theme_fixes), then the policy, which hashes the final scripts."""
    html = theme_fixes.fixed(html)
    if _command["name"] == "serve":
        return html
    try:
        return csp.with_policy(html, where)
    except csp.CspError as exc:
        raise PluginError(str(exc)) from None


def on_post_page(output, page, config):
    # The last change to a page: the script hashes in its policy are computed from exactly what is written.
    return _finished(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    # The theme's pages that are not built from Markdown: 404.html (sitemap.xml is not HTML).
    return _finished(output_content, template_name) if template_name.endswith(".html") else output_content


def on_post_build(config):
    # Markdown exports cannot be MkDocs files (they would become pages), so all exports are written here.
    root = Path(config.config_file_path).resolve().parent
    origin = exports.provenance(config.site_name, config.site_url, root, review_age.build_date(os.environ))
    exports.write_exports(_build["model"], Path(config.site_dir), origin)
    changelog.write_feed(_build["model"], Path(config.site_dir), config.site_name,
                         config.repo_url or config.site_name, config.site_url)
