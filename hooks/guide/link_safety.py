"""Which addresses data text renders to, and whether a browser would follow each one safely.

Used by `references.check_links()` and the tests.
"""
from __future__ import annotations

import html
import re

from .text import markdown_html

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

