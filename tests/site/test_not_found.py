"""The 404 page: styled, with working links, when a server sends it for a missing address at any depth under the
path the site is published at, as GitHub Pages, Netlify and nginx's error_page do.

Uses the conftest fixtures `built_site` and `browser`; the site here is built without site_url.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path

import pytest


def test_404_page_has_no_address_from_the_server_root(built_site):
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.findall(r'(?:href|src)="/(?!/)[^"]*"', page) == []
    assert page.index('charset="utf-8"') < 1024, "the encoding is declared within the first 1024 bytes"


