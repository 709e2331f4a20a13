"""What the guide offers to embed in a wiki: each decision tree, the synthesis matrix and each comparison table.

Used by `site.context()` (the embed-and-export page lists the snippets) and `embeds.py` (writes each one's page).
"""
from __future__ import annotations

from .model import Model

# What the published snippets allow an embed: scripts, and links that open the full guide in a new tab outside the
# sandbox. Not allow-same-origin: the embeds need no storage or cookies, and with it a guide served from the wiki's
# own origin could lift its own sandbox.
SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"


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
