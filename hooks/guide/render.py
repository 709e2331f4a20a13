"""One Jinja environment for every template: StrictUndefined, every value escaped on output, and the filters and
globals a template may call (TEMPLATE_FILTERS, TEMPLATE_GLOBALS); templates live in hooks/templates/.

Used by `site.py` (pages), `embeds.py` (embed pages), `changelog.py` (the feed) and `review_age.py`.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import tree_diagram, tree_view
from .addresses import html_base, item_src, page_folder, relative_href, relative_url
from .text import escape_text, front_description, front_title, json_script, markdown_html, markdown_inline, table_cell

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _finalize(value):
    # Every {{ }} passes here: authored text is escaped unless a filter already produced safe markup.
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; check the field is required or guard it with 'if'")
    return Markup(escape_text(value))


@pass_context
def href(context, target: str) -> Markup:
    """A Markdown link target from the current page to another page's source path, e.g. '../rag.md#x'."""
    return relative_href(context["page_src"], target)


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
    page_src = context["page_src"]
    links = [f'<a href="{relative_url(page_src, item_src(collection, item_id))}">{escape_text(title_of(context, collection, item_id))}</a>'
             for collection, item_id in refs]
    return Markup(", ".join(links) if links else f'<span class="guide-muted">{escape_text(empty)}</span>')


@pass_context
def url(context, target: str) -> Markup:
    """An HTML href from the current page's address to another page, for raw HTML blocks."""
    return relative_url(context["page_src"], target)


@pass_context
def asset(context, path: str) -> Markup:
    """An HTML address from the current page to a file under content/, e.g. 'assets/use-case-filter.js', for an
    attribute the engine reads (href, src): relative to what the engine reads it from (addresses.html_base)."""
    base = html_base(context["page_src"])
    return Markup(escape_text("../" * (base.count("/") + bool(base)) + path))


@pass_context
def site_root(context) -> Markup:
    """The site's root from the current page's address, e.g. '../../', for a script to read (`data-root`): no
    engine rewrites a data attribute, and the browser resolves it against the page's address."""
    folder = page_folder(context["page_src"])
    return Markup(escape_text("../" * (folder.count("/") + bool(folder))))


# What a template may call, by the name it calls it.
TEMPLATE_FILTERS = dict(md=markdown_html, md_inline=markdown_inline, cell=table_cell, json_script=json_script,
                        source_of=lambda citation: citation.partition("#")[0],
                        front_title=front_title, front_description=front_description)
TEMPLATE_GLOBALS = dict(
    # links and citations from the current page (above)
    href=href, url=url, asset=asset, site_root=site_root, cite=cite, title_of=title_of, links_to=links_to,
    # a decision tree shaped for its page: tree_view.py (JSON, outline, citations, labels), tree_diagram.py (diagram)
    tree_payload=tree_view.payload, tree_outline=tree_view.outline, tree_anchor=tree_view.anchor,
    tree_citations=tree_view.citations, outcome_use_cases=tree_view.use_cases, tree_path_labels=tree_view.path_labels,
    tree_diagram=tree_diagram.layout,
)


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
    env.filters.update(TEMPLATE_FILTERS)
    env.globals.update(TEMPLATE_GLOBALS)
    return env

