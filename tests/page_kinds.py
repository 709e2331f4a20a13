"""The kinds of page a built site has, read from the site itself, and a few pages of each kind that between them
show every element and class the kind ever shows; used by the accessibility gate (tests/quality/test_axe.py).

A kind is an address shape: an item page stands for its collection's items ('approaches/*/'), any other page is a
kind of its own (the home page, each index, each hand-written page, the 404 page). A new template or collection
becomes a new kind without a change here.
"""
from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from conftest import site_pages


def address(site: Path, page: Path) -> str:
    """A page's address from the site's root: '' for the home page, 'approaches/rag/', '404.html'."""
    return page.relative_to(site).as_posix().removesuffix("index.html")


def kinds(site: Path) -> dict[str, list[str]]:
    """{kind: addresses of its pages}. Pages whose folder holds only pages with no children (items) share the
    kind 'folder/*/'; every other page is its own kind."""
    addresses = [address(site, page) for page in site_pages(site)]
    parents: dict[str, list[str]] = defaultdict(list)
    for path in addresses:
        if path.endswith("/") and path.count("/") >= 2:
            parents[path.rsplit("/", 2)[0] + "/"].append(path)
    has_children = {p for p in addresses for q in addresses if q != p and p and q.startswith(p)}
    found: dict[str, list[str]] = defaultdict(list)
    for path in addresses:
        parent = path.rsplit("/", 2)[0] + "/" if path.count("/") >= 2 else None
        items = parents.get(parent, []) if parent else []
        if len(items) > 1 and not any(item in has_children for item in items):
            found[parent + "*/"].append(path)
        else:
            found[path].append(path)
    return dict(found)


class _Signature(HTMLParser):
    """The element names, classes, roles and ARIA attributes a page's body uses: what its styles and its
    accessible names depend on."""

    def __init__(self):
        super().__init__()
        self.features: set[str] = set()
        self._in_body = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self._in_body = True
        if not self._in_body:
            return
        self.features.add(tag)
        for name, value in attrs:
            if name == "class":
                self.features.update(f"{tag}.{c}" for c in (value or "").split())
            elif name == "role" or name.startswith("aria-"):
                self.features.add(f"{tag}[{name}]")


def signature(html: str) -> set[str]:
    parser = _Signature()
    parser.feed(html)
    return parser.features


def covering_sample(site: Path, paths: list[str]) -> list[str]:
    """Few pages of one kind that together show every element, class, role and ARIA attribute any page of the
    kind shows (greedy: the page adding most first), so a style or a structure only some items have is seen."""
    features = {}
    for path in paths:
        file = site / (path + "index.html" if path.endswith("/") or not path else path)
        features[path] = signature(file.read_text(encoding="utf-8"))
    missing = set().union(*features.values())
    chosen: list[str] = []
    while missing:
        best = max(paths, key=lambda p: (len(features[p] & missing), -paths.index(p)))
        chosen.append(best)
        missing -= features[best]
    return chosen


def sample(site: Path) -> dict[str, list[str]]:
    """{kind: the pages of it to check in every scheme and width}."""
    return {kind: covering_sample(site, paths) for kind, paths in sorted(kinds(site).items())}


if __name__ == "__main__":
    import sys
    chosen = sample(Path(sys.argv[1]))
    for kind, paths in chosen.items():
        print(f"{kind:40} {len(paths)}  {' '.join(paths)}")
    print(len(chosen), "kinds,", sum(map(len, chosen.values())), "pages")
