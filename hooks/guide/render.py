"""One Jinja environment for every template: StrictUndefined, and every value escaped on output.

Used by `site.py` (pages) and the embed and API writers. Templates live in hooks/templates/.
"""
from __future__ import annotations

import html
import json
import posixpath
import re
from functools import cache, lru_cache
from pathlib import Path

import markdown
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


# A '#' that Markdown would read as part of a heading: at the start of a line, or at the end of one, where
# Python-Markdown drops it as the heading's closing sequence ('# In C#' would become 'In C').
_HEADING_HASH = re.compile(r"^([ \t]*)#|#(?=#*[ \t]*$)", re.M)


def escape_text(value) -> str:
    """Escape text for Markdown or HTML output: HTML specials, braces so that attribute lists stay inert, and a '#'
    that would start or close a heading."""
    text = html.escape(str(value), quote=True).replace("{", "&#123;").replace("}", "&#125;")
    if "#" in text:
        text = _HEADING_HASH.sub(lambda m: (m.group(1) or "") + "&#35;", text)
    return text


def _finalize(value):
    # Every {{ }} passes here: authored text is escaped unless a filter already produced safe markup.
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; check the field is required or guard it with 'if'")
    return Markup(escape_text(value))


_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=65536)
def _converted(escaped: str) -> str:
    # The same texts come back often (a tree's labels on its page, in its API file and in its embed; a source's
    # name on every page that cites it): each is converted once per process (docs/performance.md).
    _MARKDOWN.reset()
    return _MARKDOWN.convert(escaped)


# Text Markdown would leave as one plain paragraph: one line that starts with a letter or digit (so no list,
# heading, quote or code block), ends without a space, and has none of the characters that start inline markup,
# an entity or a line break. Nearly all data text is like this; tests/test_render.py checks that converting it
# gives the same HTML.
_PLAIN = re.compile(r"[A-Za-z0-9][^\\`*_\[\]<>&!#{}|~\x00-\x1f\x7f]*(?<=[^\s])\Z")
_NUMBERED = re.compile(r"\d+[.)]")


def is_plain(text: str) -> bool:
    """True if Markdown would turn the text into one paragraph of the same text, escaped."""
    return bool(_PLAIN.match(text)) and not _NUMBERED.match(text)


def markdown_html(text: str) -> Markup:
    """Render data text (Markdown) to HTML for HTML contexts; raw HTML in the text is shown as text."""
    text = str(text)
    if is_plain(text):
        return Markup(f"<p>{escape_text(text)}</p>")
    return Markup(_converted(escape_text(text)))


# Every address in HTML that Markdown produced. Text from data cannot add one: its quotes are escaped.
_ADDRESS_ATTRIBUTE = re.compile(r'\s(?:href|src)="([^"]*)"')
# Browsers drop tabs and line breaks anywhere in an address, and spaces and control characters around it, before
# they read its scheme: 'java<newline>script:' is 'javascript:' to them. All of them are dropped here.
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]+")
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
SAFE_SCHEMES = ("http", "https", "mailto")


def rendered_addresses(text: str) -> list[tuple[str, str]]:
    """Each link and image address that data text renders to, as written in the HTML and as a browser reads it
    (entities decoded once, control characters and spaces removed)."""
    return [(raw, _CONTROL_OR_SPACE.sub("", html.unescape(raw)))
            for raw in _ADDRESS_ATTRIBUTE.findall(str(markdown_html(text)))]


def is_safe_address(address: str) -> bool:
    """True for an http, https or mailto address, a relative address or a fragment; False for any other scheme."""
    scheme = _URL_SCHEME.match(address)
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def markdown_inline(text: str) -> Markup:
    """Like markdown_html, without the surrounding paragraph: for table cells and list items."""
    rendered = str(markdown_html(text))
    if rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1:
        rendered = rendered[3:-4]
    return Markup(rendered)


def table_cell(text) -> str:
    """Text for a GFM table cell: one line, pipes escaped."""
    return re.sub(r"\s+", " ", str(text)).replace("|", "\\|")


def json_script(value) -> Markup:
    """JSON for a <script type="application/json"> element: '<', '>' and '&' escaped so it cannot close the tag."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def front_title(text: str) -> Markup:
    """A page title for front matter. The theme prints titles without escaping, so '&' is escaped here and the
    schemas forbid '<', '>' and '"' in every field that becomes a title."""
    if any(c in text for c in '<>"'):
        raise ValueError(f"a page title may not contain '<', '>' or '\"': {text!r}")
    return Markup(json.dumps(html.escape(text, quote=False), ensure_ascii=False))


def front_description(text: str) -> Markup:
    """A page description for front matter: the theme prints it unescaped inside an attribute, so escape it here."""
    return Markup(json.dumps(html.escape(re.sub(r"\s+", " ", text).strip(), quote=True), ensure_ascii=False))


# MkDocs' use_directory_urls for the build under way: true for the published site ('approaches/rag/'), false for
# the offline edition that opens from disk, where every address must name its file ('approaches/rag.html').
_directory_urls = True


def set_directory_urls(on: bool) -> None:
    """Called by the MkDocs hook at the start of each build, before any page or payload is made."""
    global _directory_urls
    if on != _directory_urls:
        _directory_urls = on
        _url.cache_clear()


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


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath(path or '.', start or '.') for two paths from the site's root ('' is the root), on the
    strings alone: relpath itself asks the operating system for the working directory on every call, and there
    are thousands of links in a build. Anything but plain 'a/b/c' paths goes to relpath."""
    to, here = path.strip("/").split("/") if path.strip("/") else [], start.split("/") if start else []
    if any(part in ("", ".", "..") for part in to + here):
        return posixpath.relpath("/" + path, "/" + start)
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


@pass_context
def href(context, target: str) -> Markup:
    """A Markdown link target from the current page to another page's source path, e.g. '../rag.md#x'."""
    return _href(context["page_src"], target)


@lru_cache(maxsize=65536)
def _href(page_src: str, target: str) -> Markup:
    here = posixpath.dirname(page_src)
    path, _, anchor = target.partition("#")
    rel = _relpath(path, here)
    return Markup(escape_text(rel + (f"#{anchor}" if anchor else "")))


@pass_context
def cite(context, citations, figures: bool = True) -> Markup:
    """The sources of a claim in the site's one citation style (templates/partials/citations.html.j2): HTML, so the
    same call serves Markdown pages and HTML blocks. `figures=False` only where the figure is already shown beside
    it (the figure's own row)."""
    template = context.environment.get_template("partials/citations.html.j2")
    html = template.render(context.get_all(), cited=list(citations), show_figures=figures)
    return Markup(" ".join(html.split("\n")).strip())


@pass_context
def title_of(context, collection: str, item_id: str) -> str:
    """What an item is called: its title, name, term, question or what it measures, whichever it has."""
    item = context["by_id"][collection][item_id]
    return item.get("title") or item.get("name") or item.get("term") or item.get("question") or item.get("measures")


@pass_context
def links_to(context, refs, empty: str) -> Markup:
    """HTML links from the current page to items, given as (collection, id) pairs, separated by commas; `empty`
    (plain text, shown muted) where there are none. In Python because a source's page has hundreds of them."""
    from .site import item_src
    page_src = context["page_src"]
    links = [f'<a href="{_url(page_src, item_src(collection, item_id))}">{escape_text(title_of(context, collection, item_id))}</a>'
             for collection, item_id in refs]
    return Markup(", ".join(links) if links else f'<span class="guide-muted">{escape_text(empty)}</span>')


@pass_context
def url(context, target: str) -> Markup:
    """An HTML href from the current page's address to another page, for raw HTML blocks."""
    return _url(context["page_src"], target)


@lru_cache(maxsize=65536)
def _url(page_src: str, target: str) -> Markup:
    here = url_of(page_src)
    base = here if here.endswith("/") else posixpath.dirname(here) + "/"
    path, _, anchor = url_of(target).partition("#")
    rel = _relpath(path, base.rstrip("/"))
    if (path == "" or path.endswith("/")) and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return Markup(escape_text(rel + (f"#{anchor}" if anchor else "")))


@pass_context
def asset(context, path: str) -> Markup:
    """An HTML address from the current page to a file under content/, e.g. 'assets/use-case-filter.js'."""
    here = url_of(context["page_src"])
    depth = here.count("/") if here.endswith("/") else posixpath.dirname(here).count("/") + bool(posixpath.dirname(here))
    return Markup(escape_text("../" * depth + path))


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    # Compiled templates kept between builds in Jinja's per-user temporary folder; Jinja checks each entry against
    # its template's source, so an edited template is compiled again. Compiling was a tenth of a build's time.
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no usable temporary folder: compile every time
        return None


@cache
def environment() -> Environment:
    """The one environment, made once per process so that each template is compiled once (it still reloads a
    template whose file changed, for `mkdocs serve`)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        bytecode_cache=_bytecode_cache(),
        undefined=StrictUndefined,
        autoescape=True,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=markdown_html, md_inline=markdown_inline, cell=table_cell, json_script=json_script,
                       source_of=lambda citation: citation.partition("#")[0],
                       front_title=front_title, front_description=front_description)
    env.globals.update(href=href, url=url, asset=asset, cite=cite, title_of=title_of, links_to=links_to)
    from . import tree_diagram, tree_view  # imported here because both build on this module
    env.globals.update(tree_payload=tree_view.payload, tree_outline=tree_view.outline, tree_anchor=tree_view.anchor,
                       tree_citations=tree_view.citations, outcome_use_cases=tree_view.use_cases, tree_path_labels=tree_view.path_labels,
                       tree_diagram=tree_diagram.layout)
    return env
