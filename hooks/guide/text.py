"""Data text made safe for a page: escaping for Markdown and HTML, Markdown to HTML, table cells, JSON and front matter.

Used by the Jinja environment's filters (`render.py`), the tree views, the changelog and the link checks.
"""
from __future__ import annotations

import html
import json
import re
from functools import lru_cache

import markdown
from markupsafe import Markup


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



_MARKDOWN = markdown.Markdown(extensions=["sane_lists"], output_format="html")


@lru_cache(maxsize=65536)
def _converted(escaped: str) -> str:
    # The same texts come back often (a tree's labels on its page, in its API file and in its embed; a source's
    # name on every page that cites it): each is converted once per process (docs/performance.md).
    _MARKDOWN.reset()
    return _MARKDOWN.convert(escaped)


# Text Markdown would leave as one plain paragraph: one line that starts with a letter or digit (so no list,
# heading, quote or code block), ends without a space, and has none of the characters that start inline markup,
# an entity or a line break. Nearly all data text is like this; tests/unit/test_render.py checks that converting it
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

