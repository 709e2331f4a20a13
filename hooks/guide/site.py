"""Turns the model into the site's generated pages: for each collection an index page and, where items
deserve one, a page per item. Called by the MkDocs hook in `on_files`; MkDocs-free, so tests call it too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .addresses import item_src
from .catalog import COLLECTIONS
from .embed_list import embeds
from .exports import FORMATS, tables
from .model import Model
from .render import environment
from . import weighing


@dataclass(frozen=True)
class Page:
    src: str          # path as if under content/, e.g. 'approaches/rag.md'
    markdown: str
    edit_path: str    # the file a reader should edit to change the page, relative to the repository root
    item: tuple | None = None  # (collection, id) for an item page


# Pages that draw on several collections at once: (src, template, the data file that an edit link opens).
EXTRA_PAGES: tuple[tuple[str, str, str], ...] = (
    ("index.md", "home.md.j2", "hooks/templates/home.md.j2"),
    ("synthesis.md", "synthesis.md.j2", "data/comparisons/"),
    ("embed-and-export.md", "embed-and-export.md.j2", "hooks/templates/embed-and-export.md.j2"),
    ("weigh.md", "weigh.md.j2", "hooks/templates/weigh.md.j2"),
    ("break-even.md", "break-even.md.j2", "hooks/templates/break-even.md.j2"),
    ("how-the-guide-decides.md", "how-the-guide-decides.md.j2", "data/decision-trees/guide.yml"),
)


def _item_template(collection: str) -> str:
    return f"{collection}/item.md.j2"


def _index_template(collection: str) -> str:
    return f"{collection}/index.md.j2"


def context(model: Model, site_url: str | None = None) -> dict:
    """What every template may use besides the page's own variables."""
    return {"embeds": embeds(model), "site_url": site_url or "https://YOUR-GUIDE-ADDRESS/", "export_tables": tables(model),
            "export_formats": FORMATS, "model": model, "items": model.items, "by_id": model.by_id, "derived": model.derived,
            "collections": COLLECTIONS, "item_src": item_src, "files": model.files,
            "weighing": weighing.view(model.derived.synthesis, model.items["approaches"])}


def pages(model: Model, site_url: str | None = None) -> list[Page]:
    """Every generated page; `site_url` (where the site is published) goes into the embed snippets."""
    env = environment()
    common = context(model, site_url)
    out = []
    for name, collection in COLLECTIONS.items():
        src = f"{name}/index.md"
        text = env.get_template(_index_template(name)).render(common, page_src=src, collection=collection)
        out.append(Page(src, text, f"data/{name}/"))
        if not collection.item_pages:
            continue
        template = env.get_template(_item_template(name))
        for item in model.items[name]:
            src = f"{name}/{item['id']}.md"
            text = template.render(common, page_src=src, collection=collection, item=item)
            out.append(Page(src, text, model.files[(name, item["id"])], (name, item["id"])))
    for src, template_name, edit_path in EXTRA_PAGES:
        text = env.get_template(template_name).render(common, page_src=src, collection=None)
        out.append(Page(src, text, edit_path))
    return out


# A hand-written page marks a figure it quotes with `<!-- figure: <statistic id> -->`; the marker becomes the
# figure with its provenance and date, drawn by the same macro as on generated pages.
FIGURE_MARKER = re.compile(r"<!--\s*figure:\s*([^\s>]*)\s*-->")


def expand_figure_markers(markdown: str, model: Model, page_src: str) -> str:
    """The page with each figure marker replaced; a marker naming no known statistic raises ValueError."""
    known = model.by_id["statistics"]
    unknown = [m.group(1) for m in FIGURE_MARKER.finditer(markdown) if m.group(1) not in known]
    if unknown:
        raise ValueError(f"content/{page_src}: figure marker names no known statistic: {', '.join(unknown)} "
                         f"(the ids are the file names in data/statistics/)")
    template = environment().get_template("partials/figure-marker.html.j2")
    common = context(model)
    return FIGURE_MARKER.sub(lambda m: template.render(common, page_src=page_src, figure_id=m.group(1)).strip(), markdown)
