"""Chrome-less pages under embed/ for wikis: each decision tree, the synthesis matrix and each comparison table.

Called by the MkDocs hook in `on_files`; the pages are plain HTML files with no theme, header or navigation.
"""
from __future__ import annotations

import re

from .embed_list import embeds
from .model import Model
from .render import environment
from .site import context

# Links that leave the embed open the full guide in a new tab; links within the page stay.
_LEAVING_LINK = re.compile(r'<a href="(?!#)([^"]*)"(?![^>]*\btarget=)')


def _open_in_new_tab(html: str) -> str:
    return _LEAVING_LINK.sub(r'<a href="\1" target="_blank" rel="noopener"', html)


def embed_files(model: Model) -> list[tuple[str, str]]:
    """(site path, HTML) of every embed page."""
    common = context(model)
    env = environment()
    template = env.get_template("embed/page.html.j2")
    files = []
    for embed in embeds(model):
        html = template.render(common, page_src=embed["src"], embed=embed, item=embed["item"],
                               comparison=embed["item"])
        files.append((embed["src"].removesuffix("index.md") + "index.html", _open_in_new_tab(html)))
    return files
