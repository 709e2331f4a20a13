"""Site addresses: a page's address from its source path, where an item is shown, and links from one page to another.

Used by the Jinja environment's link helpers (`render.py`), the tree views, the API, the changelog and the MkDocs
hook (which sets the kind of address for each build).
"""
from __future__ import annotations

import posixpath
from contextlib import contextmanager
from functools import lru_cache

from markupsafe import Markup

from .catalog import COLLECTIONS
from .text import escape_text


# MkDocs' use_directory_urls for the build under way: true for the published site ('approaches/rag/'), false for
# the offline edition that opens from disk, where every address must name its file ('approaches/rag.html').
_directory_urls = True
# How the engine reads a relative address in a page's raw HTML: from the page's own address, as a browser does
# (MkDocs leaves raw HTML alone), or from the page's source file, as Zensical does, rewriting it like a Markdown link.
_html_from_source = False


def _set(directory_urls: bool, html_from_source: bool) -> None:
    global _directory_urls, _html_from_source
    if (directory_urls, html_from_source) != (_directory_urls, _html_from_source):
        _directory_urls, _html_from_source = directory_urls, html_from_source
        relative_url.cache_clear()


@contextmanager
def addressing(directory_urls: bool, html_from_source: bool = False):
    """The kind of address for one build (`site_files.build` wraps each build in it); the previous kind is back
    when the build ends, however it ends, so that nothing made afterwards in the same process inherits it."""
    before = (_directory_urls, _html_from_source)
    _set(directory_urls, html_from_source)
    try:
        yield
    finally:
        _set(*before)


def url_of(src: str) -> str:
    """The site address of a source page: 'approaches/rag.md' -> 'approaches/rag/' (directory URLs), or
    'approaches/rag.html' in the offline edition."""
    path, _, anchor = src.partition("#")
    if not _directory_urls:
        url = path[: -len(".md")] + ".html"
    elif path.endswith("index.md"):
        url = path[: -len("index.md")]
    else:
        url = path[: -len(".md")] + "/"
    return url + (f"#{anchor}" if anchor else "")


def item_src(collection: str, item_id: str) -> str:
    """Where an item is shown: its own page, or its anchor on the collection's index page."""
    if COLLECTIONS[collection].item_pages:
        return f"{collection}/{item_id}.md"
    return f"{collection}/index.md#{item_id}"


@lru_cache(maxsize=65536)
def relative_href(page_src: str, target: str) -> Markup:
    """A Markdown link target from a page to another page's source path, e.g. '../rag.md#x' (the `href` global)."""
    here = posixpath.dirname(page_src)
    path, _, anchor = target.partition("#")
    rel = posixpath.relpath("/" + path, "/" + here)  # from the site's root: no working directory asked
    return Markup(escape_text(rel + (f"#{anchor}" if anchor else "")))


def page_folder(page_src: str) -> str:
    """The folder of a page's address, from the site's root: 'approaches/rag/' -> 'approaches/rag', '' -> ''."""
    here = url_of(page_src)
    return here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)


def html_base(page_src: str) -> str:
    """The folder the engine reads the page's raw-HTML addresses from: its address's, or its source file's."""
    return posixpath.dirname(page_src) if _html_from_source else page_folder(page_src)


@lru_cache(maxsize=65536)
def relative_url(page_src: str, target: str) -> Markup:
    """An HTML href from a page to another page (the `url` global), as the engine reads raw HTML (html_base)."""
    path, _, anchor = url_of(target).partition("#")
    rel = posixpath.relpath("/" + path, "/" + html_base(page_src))
    if (path == "" or path.endswith("/")) and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return Markup(escape_text(rel + (f"#{anchor}" if anchor else "")))
