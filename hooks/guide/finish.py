"""The last step on every HTML page: the theme's markup fixed (theme_fixes), then the page's Content-Security-Policy.

Called by the MkDocs hook on each written page, by `site_files.py` on the embed pages, and, for a site that another
engine built from `make generate`'s sources, as `python -m guide.finish <sources> <site>` (docs/architecture.md).
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import quote

from . import csp, theme_fixes
from .errors import BuildError

MANIFEST = "finish.json"      # written by generate.py beside the sources' mkdocs.yml
OUTSIDE_DOCS = "verbatim"     # files an engine would turn into pages (Markdown exports), copied in by this step

_EDIT_LINK = re.compile(r'<a href="[^"]*"(?P<rest>[^>]*\brel="edit"[^>]*>.*?</a>)', re.S)
_REPORT_BODY = re.compile(r"(body=Page%3A%20[^\"&]*?%0A)(?!Data%20file)")


def finished(html: str, where: str, serve: bool = False) -> str:
    """The page as written: the theme's markup fixed, then the policy, which hashes the final scripts. `mkdocs serve`
    gets no policy: the live-reload script it adds to every page is inline."""
    html = theme_fixes.fixed(html)
    if serve:
        return html
    try:
        return csp.with_policy(html, where)
    except csp.CspError as exc:
        raise BuildError(str(exc)) from None


def with_edit_link(html: str, edit_url: str | None, data_file: str | None) -> str:
    """A page an engine built with its own idea of the edit link (the page's path in the sources) given ours: the
    file behind the page, or no edit link where no one file makes it; and the data file named in "report a problem"
    as the MkDocs build names it (hooks/theme/partials/report-problem.html)."""
    if edit_url is None:
        html = _EDIT_LINK.sub("", html, count=1)
    else:
        html = _EDIT_LINK.sub(lambda m: f'<a href="{edit_url}"{m.group("rest")}', html, count=1)
    if data_file:
        html = _REPORT_BODY.sub(lambda m: m.group(1) + quote(f"Data file: {data_file}\n", safe="/"), html, count=1)
    return html


def with_file_links(html: str, files: list[str]) -> str:
    """Links to files that an engine read as links to pages (Zensical turns 'exports/x.md' in raw HTML into
    'exports/x/'), pointed at the files again. Nothing changes where the engine left them alone (MkDocs)."""
    for path in files:
        page = re.escape(path.removesuffix(".md") + "/")
        html = re.sub(rf'(href="(?:\.\./)*){page}"', lambda m: f'{m.group(1)}{path}"', html)
    return html


def finish_site(sources: Path, site: Path) -> int:
    """Finish a site another engine built from the sources in `sources`; returns the number of pages finished."""
    manifest = json.loads((sources / MANIFEST).read_text(encoding="utf-8"))
    verbatim, edit_paths, edit_base = set(manifest["verbatim"]), manifest["edit_paths"], manifest["edit_base"]
    outside = sorted(p.relative_to(sources / OUTSIDE_DOCS).as_posix() for p in (sources / OUTSIDE_DOCS).rglob("*.md"))
    count = 0
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        if where in verbatim:  # our own HTML (embeds, export fragments): finished by the core already, or no page
            continue
        html = path.read_text(encoding="utf-8")
        if where in edit_paths:
            edit_path = edit_paths[where]
            edit_url = f"{edit_base}{edit_path}" if edit_path and edit_base else None
            html = with_edit_link(html, edit_url, edit_path if (edit_path or "").endswith(".yml") else None)
        path.write_text(finished(with_file_links(html, outside), where), encoding="utf-8")
        count += 1
    if (sources / OUTSIDE_DOCS).is_dir():
        shutil.copytree(sources / OUTSIDE_DOCS, site, dirs_exist_ok=True)
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m guide.finish <generated sources, e.g. build/generated> <built site>", file=sys.stderr)
        return 2
    try:
        count = finish_site(Path(argv[0]), Path(argv[1]))
    except BuildError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"finished {count} pages in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
