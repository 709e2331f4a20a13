"""The whole site as a list of output files: hand-written and generated pages, our assets, the API, embeds, exports
and the feed. Used by the MkDocs hook (which hands the files to MkDocs) and by `generate.py` (which writes them out).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from . import addresses, api, changelog, embeds, exports, glossary, minify, pipeline, review_age, site, tree_view
from .errors import BuildError, DataErrors
from .finish import finished
from .model import Model

# Each engine, and whether it reads a relative address in a page's raw HTML from the page's source file (Zensical
# rewrites it as it does a Markdown link) rather than from the page's address (MkDocs leaves raw HTML alone).
ENGINES = {"mkdocs": False, "zensical": True}
PAGE = "page"           # Markdown for the engine to render into a page
VERBATIM = "verbatim"   # copied into the site as it is


@dataclass(frozen=True)
class OutputFile:
    path: str                # where it goes, as if under the docs folder: 'approaches/rag.md', 'api/v1/index.json'
    content: str | bytes
    edit_path: str | None    # the file a reader edits to change it, from the repository's root; None: no one file
    in_nav: bool             # False for item pages (their section's index links to each) and the maintainers' page
    kind: str                # PAGE or VERBATIM


@dataclass(frozen=True)
class Settings:
    """What the site depends on besides data/ and content/, read from mkdocs.yml by whichever adapter runs."""
    root: Path               # the repository: data/ and pyproject.toml are read from here
    docs_dir: Path           # the hand-written pages and assets (content/)
    site_name: str
    site_url: str | None     # where the site is published, if known: absolute addresses in embeds, exports, feed
    repo_url: str | None
    edit_uri: str | None
    directory_urls: bool     # false in the offline edition: every address names its file
    build_date: date         # printed in the exports; the maintainers' page counts the age of reviews from it
    review_after_days: int
    serve: bool              # `mkdocs serve`: our scripts and stylesheets unminified, no policy in the embeds
    engine: str = "mkdocs"   # the engine that renders the pages: one of ENGINES


@dataclass(frozen=True)
class Site:
    files: list[OutputFile]
    notes: list[str]         # lines for the build's output (items due for review), not errors
    folders: list[str]       # the site's top-level folders, for the 404 page (extra.site_folders in mkdocs.yml)


# Folders at the site's root besides those of pages: ours, and the search index's.
ROOT_FOLDERS = ("assets", "search", "embed", "api", "exports")


def settings(config, root: Path, environ, serve: bool = False, engine: str = "mkdocs") -> Settings:
    """Settings from mkdocs.yml's values (any mapping: MkDocs' config, or the file as read by `generate.py`)."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine {engine!r} (known: {', '.join(ENGINES)})")
    try:
        limit = review_age.review_limit(config.get("extra"))
    except ValueError as exc:
        raise BuildError(str(exc)) from None
    return Settings(root=Path(root), docs_dir=Path(root) / (config.get("docs_dir") or "docs"),
                    site_name=config["site_name"], site_url=config.get("site_url") or None,
                    repo_url=config.get("repo_url") or None, edit_uri=config.get("edit_uri") or None,
                    directory_urls=config.get("use_directory_urls", True), build_date=review_age.build_date(environ),
                    review_after_days=limit, serve=serve, engine=engine)


def load_model(settings: Settings) -> Model:
    """The validated model of data/; BuildError with the report of every problem otherwise."""
    try:
        return pipeline.load_model(settings.root / "data")
    except DataErrors as errors:
        raise BuildError(errors.report()) from None


def abbreviations(model: Model) -> dict[str, str]:
    """The glossary's tooltips, for the Markdown `abbr` extension's `glossary` option."""
    return glossary.abbreviations(model)


def edit_base(settings: Settings) -> str | None:
    """The address an edit path is appended to, as MkDocs joins repo_url and edit_uri; None without both."""
    if not (settings.repo_url and settings.edit_uri):
        return None
    return urljoin(settings.repo_url.rstrip("/") + "/", settings.edit_uri)


def _sort_key(path: str) -> tuple:
    # MkDocs' order for files on disk: folder by folder, index first, then by name (the search index's order).
    folder, _, name = path.rpartition("/")
    return folder.split("/") if folder else [], os.path.splitext(name)[0] != "index", name


def _hand_written(model: Model, settings: Settings) -> list[OutputFile]:
    """Everything under content/ (hidden files aside): pages with their figure markers expanded, our scripts and
    stylesheets minified outside `mkdocs serve`, every other file as it is."""
    docs, out = settings.docs_dir, []
    shown = docs.relative_to(settings.root).as_posix() if docs.is_relative_to(settings.root) else str(docs)
    paths = [p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()]
    for path in sorted((p for p in paths if not any(part.startswith(".") for part in p.split("/"))), key=_sort_key):
        source = docs / path
        if path.endswith(".md"):
            try:
                content = site.expand_figure_markers(source.read_text(encoding="utf-8"), model, path)
            except ValueError as exc:
                raise BuildError(str(exc)) from None
            out.append(OutputFile(path, content, f"{shown}/{path}", True, PAGE))
            continue
        content = source.read_bytes()
        if minify.is_own_asset(path) and not settings.serve:
            content = minify.minified(path, content.decode("utf-8"))
        out.append(OutputFile(path, content, f"{shown}/{path}", True, VERBATIM))
    return out


def build(model: Model, settings: Settings) -> Site:
    """Every file of the site; BuildError where a generated page would hide a hand-written one."""
    with addresses.addressing(settings.directory_urls, ENGINES[settings.engine]):
        return _files(model, settings)


def _files(model: Model, settings: Settings) -> Site:
    files = _hand_written(model, settings)
    written = {f.path for f in files}
    stale = review_age.stale_items(model, settings.build_date, settings.review_after_days)
    maintainers = review_age.maintainers_page(stale, settings.build_date, settings.review_after_days, edit_base(settings))
    for page in site.pages(model, settings.site_url) + [maintainers]:
        if page.src in written:
            raise BuildError(f"content/{page.src} would hide the page generated from "
                             f"{page.edit_path or 'every data file'}; rename or remove the hand-written file")
        # Item pages are reached from their section's index page; the navigation lists sections only.
        files.append(OutputFile(page.src, page.markdown, page.edit_path or None,
                                page.item is None and page is not maintainers, PAGE))
    tree_files = tree_view.api_files(model)  # each decision tree as JSON, and its schema
    data_files = api.api_files(model, settings.root / "data" / "schemas", [p for p, _ in tree_files])
    origin = exports.provenance(settings.site_name, settings.site_url, settings.root, settings.build_date)
    verbatim = tree_files + data_files + exports.export_files(model, origin)
    verbatim += [(path, finished(html, path, settings.serve)) for path, html in embeds.embed_files(model)]
    feed = changelog.render_feed(model, settings.site_name, settings.repo_url or settings.site_name, settings.site_url)
    if feed is not None:
        verbatim.append((changelog.FEED_FILE, feed))
    files += [OutputFile(path, text, None, True, VERBATIM) for path, text in verbatim]
    # One order whoever reads the files: MkDocs' own for a folder on disk, which any engine gives the generated sources.
    files.sort(key=lambda f: _sort_key(f.path))
    folders = list(ROOT_FOLDERS)
    for url in (addresses.url_of(f.path) for f in files if f.kind == PAGE):
        if "/" in url and url.split("/")[0] not in folders:
            folders.append(url.split("/")[0])
    return Site(files, review_age.log_lines(stale, settings.review_after_days), folders)


def html_path(src: str, directory_urls: bool) -> str:
    """The file an engine writes for a page source: 'approaches/rag.md' -> 'approaches/rag/index.html'."""
    with addresses.addressing(directory_urls):
        url = addresses.url_of(src)
    return url + "index.html" if url == "" or url.endswith("/") else url
