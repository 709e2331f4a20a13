"""The Content-Security-Policy of every built page, written into the page as a <meta> tag, with a hash of each
inline script the page runs. Called by the MkDocs hook on every page, on 404.html and on the embed pages.

The policy allows scripts, styles, fonts and frames from the site itself only, images from the site and from
`data:` addresses, no plugins, no <base> elsewhere and no form posted to another host. The theme's few inline
scripts are allowed by their SHA-256 hash, computed from the page as rendered, so an inline script that anything
else puts into a page (a link or text from data, say) does not run. `frame-ancestors` cannot be set from a
<meta> tag; docs/deploy.md gives the headers that add it on a host that sets headers.
"""
from __future__ import annotations

import base64
import hashlib
import re

# (directive, sources) in the order they are written. script-src gets the page's hashes after 'self'.
DIRECTIVES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("default-src", ("'self'",)),
    ("script-src", ("'self'",)),
    ("style-src", ("'self'",)),
    ("img-src", ("'self'", "data:")),
    ("object-src", ("'none'",)),
    ("base-uri", ("'self'",)),
    ("form-action", ("'self'",)),
)

# Script types a browser runs (HTML's list of JavaScript MIME types, and modules); any other type, such as the
# application/json data blocks the theme and the tree use, is data that no policy governs.
RUNNABLE_TYPES = frozenset({
    "", "module", "text/javascript", "application/javascript", "application/ecmascript", "application/x-ecmascript",
    "application/x-javascript", "text/ecmascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript"})

_CHARSET_META = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.I)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)
_EXISTING = re.compile(r"<meta\s[^>]*http-equiv=[\"']?content-security-policy", re.I)


class CspError(ValueError):
    """A page the policy cannot be put into (no <head>) or that already carries one."""


# A script element as the HTML tokenizer sees it: `<script` and its attributes up to `>`, then its text up to the
# first `</script` that is followed by white space, `/` or `>`. Comments come first in the alternation so that a
# `<script` inside one is passed over. (The stdlib's HTMLParser reads the same, about sixty times slower; the
# tests hold the two to the same answer on every built page.)
_SCRIPT = re.compile(r"<!--.*?-->|<script(?=[\s/>])([^>]*)>(.*?)</script(?=[\s/>])", re.S | re.I)
_SRC = re.compile(r"(?:^|\s)src(?=[\s=/]|$)", re.I)
_TYPE = re.compile(r"""(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.I)


def _runs(attributes: str) -> bool:
    """Whether a script element with these attributes is an inline script a browser runs."""
    if _SRC.search(attributes):
        return False
    kind = _TYPE.search(attributes)
    return (next(v for v in kind.groups() if v is not None) if kind else "").strip().lower() in RUNNABLE_TYPES


def inline_scripts(html: str) -> list[str]:
    """The text of each inline script in the page that a browser runs (not those with src, not data blocks)."""
    # Browsers turn CR LF and lone CR into LF before they read a page, and hash the text as they read it.
    html = html.replace("\r\n", "\n").replace("\r", "\n")
    return [m.group(2) for m in _SCRIPT.finditer(html) if m.group(1) is not None and _runs(m.group(1))]


def script_hash(text: str) -> str:
    """The CSP source that allows one inline script: 'sha256-' and the base64 of the SHA-256 of its UTF-8 text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(html: str) -> str:
    """The policy for one page: the fixed directives, with script-src allowing the page's own inline scripts."""
    hashes = sorted({script_hash(text) for text in inline_scripts(html)})
    parts = []
    for directive, sources in DIRECTIVES:
        if directive == "script-src":
            sources = sources + tuple(hashes)
        parts.append(" ".join((directive,) + sources))
    return "; ".join(parts)


def with_policy(html: str, where: str = "page") -> str:
    """The page with its policy as the first thing after <meta charset> (or the start of <head>), so that it covers
    every script and stylesheet the page names. `where` names the page in the error if the policy cannot go in."""
    if _EXISTING.search(html):
        raise CspError(f"{where}: already carries a Content-Security-Policy; the build writes the one policy")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    end_of_head = html.lower().find("</head>")
    anchor = _CHARSET_META.search(html, 0, end_of_head) or _HEAD.search(html, 0, end_of_head)
    if end_of_head < 0 or anchor is None:
        raise CspError(f"{where}: has no <head> to put the Content-Security-Policy in")
    return f"{html[:anchor.end()]}\n{tag}{html[anchor.end():]}"
