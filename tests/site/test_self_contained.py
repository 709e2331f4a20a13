"""Quality gate: the built site loads nothing from another host (no script, style, font, image or frame), read
from every page's markup; the pages running in Chromium: tests/browser/test_self_contained_browser.py.

Links (`<a href>`) to other sites are fine: following one is the reader's choice. Run alone:
`.venv/bin/python -m pytest tests/site/test_self_contained.py tests/browser/test_self_contained_browser.py`.
See docs/quality.md.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import serve

# <link rel> values that make the browser fetch (or connect to) the target; canonical, alternate, next,
# prev and the like only name a page.
FETCHING_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload", "modulepreload",
                 "prefetch", "preconnect", "dns-prefetch", "prerender"}
# Attributes whose URL an element loads as it renders.
LOADING_ATTRIBUTES = {
    "script": ("src",), "img": ("src", "srcset"), "source": ("src", "srcset"), "video": ("src", "poster"),
    "audio": ("src",), "track": ("src",), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
    "object": ("data",), "input": ("src",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    "feimage": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)


def is_remote(url: str) -> bool:
    """True for a URL on another host: http(s)://... or protocol-relative //host/..."""
    url = url.strip()
    return urlsplit(url).scheme.lower() in ("http", "https") or url.startswith("//")


def remote_urls_in_css(css: str) -> list[str]:
    """The remote URLs a style sheet (or a style attribute) loads: url(...) and @import."""
    urls = [m.group(2) or m.group(4) for m in CSS_URL.finditer(css)]
    return [url for url in urls if is_remote(url)]


class _RemoteLoadFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attributes = {name.lower(): value or "" for name, value in attrs}
        urls: list[str] = []
        if tag == "link" and FETCHING_RELS & set(attributes.get("rel", "").lower().split()):
            urls.append(attributes.get("href", ""))
            urls += [part.split()[0] for part in attributes.get("imagesrcset", "").split(",") if part.strip()]
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            value = attributes.get(name, "")
            urls += [part.split()[0] for part in value.split(",") if part.strip()] if name.endswith("srcset") else [value]
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            urls.append(attributes.get("content", "").partition("url=")[2])
        self.found += [f"<{tag}> {url}" for url in urls if is_remote(url)]
        self.found += [f"<{tag} style> {url}" for url in remote_urls_in_css(attributes.get("style", ""))]
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.found += [f"<style> {url}" for url in remote_urls_in_css(data)]


def remote_loads_in_html(html: str) -> list[str]:
    """What a page would load from another host, each as `<tag> url`."""
    finder = _RemoteLoadFinder()
    finder.feed(html)
    finder.close()
    return finder.found


@pytest.mark.parametrize("html, expected", [
    ('<script src="https://cdn.example/x.js"></script>', ["<script> https://cdn.example/x.js"]),
    ('<link rel="stylesheet" href="//fonts.example/css">', ["<link> //fonts.example/css"]),
    ('<link rel="preconnect" href="https://fonts.example">', ["<link> https://fonts.example"]),
    ('<img src="a.png" srcset="b.png 1x, https://img.example/c.png 2x">', ["<img> https://img.example/c.png"]),
    ('<iframe src="https://video.example/embed"></iframe>', ["<iframe> https://video.example/embed"]),
    ('<div style="background: url(\'https://img.example/bg.png\')"></div>', ["<div style> https://img.example/bg.png"]),
    ('<style>@import "https://css.example/a.css";</style>', ["<style> https://css.example/a.css"]),
    ('<svg><use href="https://icons.example/s.svg#i"></use></svg>', ["<use> https://icons.example/s.svg#i"]),
])
def test_remote_loads_are_found(html, expected):
    assert remote_loads_in_html(html) == expected


@pytest.mark.parametrize("html", [
    '<a href="https://example.org/">a link to read later</a>',
    '<link rel="canonical" href="https://guide.example/page/">',
    '<link rel="stylesheet" href="../assets/guide.css"><script src="/assets/app.js"></script>',
    '<img src="data:image/png;base64,AAAA">',
])
def test_links_and_local_files_are_not_remote_loads(html):
    assert remote_loads_in_html(html) == []


def test_css_urls():
    css = "a{background:url(data:image/svg+xml;x)} b{background:url( \"https://img.example/b.png\" )} @import url(//x.example/c.css);"
    assert remote_urls_in_css(css) == ["https://img.example/b.png", "//x.example/c.css"]


def test_built_html_and_css_load_nothing_from_another_host(built_site):
    problems = []
    for page in sorted(built_site.rglob("*.html")):
        problems += [f"{page.relative_to(built_site)}: {found}" for found in remote_loads_in_html(page.read_text(encoding="utf-8"))]
    for sheet in sorted(built_site.rglob("*.css")):
        problems += [f"{sheet.relative_to(built_site)}: url {url}" for url in remote_urls_in_css(sheet.read_text(encoding="utf-8"))]
    assert not problems, "The site loads files from other hosts:\n" + "\n".join(problems)


