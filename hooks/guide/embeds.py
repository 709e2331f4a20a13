"""Chrome-less pages under embed/ for wikis: each decision tree, the synthesis matrix and each comparison table.

Called by the MkDocs hook in `on_files`; the pages are plain HTML files with no theme, header or navigation.
"""
from __future__ import annotations

import re

from .model import Model
from .render import environment

# What the published snippets allow an embed: scripts, and links that open the full guide in a new tab outside the
# sandbox. Not allow-same-origin: the embeds need no storage or cookies, and with it a guide served from the wiki's
# own origin could lift its own sandbox.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"

# Links that leave the embed open the full guide in a new tab; links within the page stay.
_LEAVING_LINK = re.compile(r'<a href="(?!#)([^"]*)"(?![^>]*\btarget=)')


def _open_in_new_tab(html: str) -> str:
    return _LEAVING_LINK.sub(r'<a href="\1" target="_blank" rel="noopener"', html)


def embeds(model: Model) -> list[dict]:
    """What can be embedded: id, title, the page it mirrors, the template block that draws it, the snippet's
    sandbox, and its height: about what such a view measures in a column 800 to 1,100 pixels wide, so that the
    page around it moves little when the host script sets the measured height."""
    out = [{"src": f"embed/decision-trees/{t['id']}/index.md", "kind": "tree", "item": t, "title": t["title"],
            "full": f"decision-trees/{t['id']}.md", "height": 800, "sandbox": SANDBOX} for t in model.items["decision-trees"]]
    out.append({"src": "embed/synthesis/index.md", "kind": "synthesis", "item": None, "title": "Synthesis matrix",
                "full": "synthesis.md", "height": 2400, "sandbox": SANDBOX})
    out += [{"src": f"embed/comparisons/{c['id']}/index.md", "kind": "comparison", "item": c, "title": c["title"],
             "full": f"comparisons/{c['id']}.md", "height": 600, "sandbox": SANDBOX} for c in model.items["comparisons"]]
    return out


def embed_files(model: Model) -> list[tuple[str, str]]:
    """(site path, HTML) of every embed page."""
    from .site import context
    common = context(model)
    env = environment()
    template = env.get_template("embed/page.html.j2")
    files = []
    for embed in embeds(model):
        html = template.render(common, page_src=embed["src"], embed=embed, item=embed["item"],
                               comparison=embed["item"])
        files.append((embed["src"].removesuffix("index.md") + "index.html", _open_in_new_tab(html)))
    return files
