"""The changelog of guidance changes as an Atom feed (feed.xml), from the entries in data/changelog/.

Rendered by the core (`site_files.build`) as the file feed.xml; the tests render and parse the feed directly.
"""
from __future__ import annotations

import posixpath
import re
import uuid
from dataclasses import dataclass
from datetime import date

from .addresses import url_of
from .model import Model
from .render import environment
from .text import markdown_html

FEED_FILE = "feed.xml"
CHANGELOG_SRC = "changelog/index.md"
_HREF = re.compile(r'href="([^"]*)"')
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def entry_date(entry_id: str) -> date:
    """The date an entry's id starts with: '2026-11-22-first-release' -> date(2026, 11, 22). The schema's pattern
    admits only days of the calendar (29 February in leap years alone), so every id that passed it has one."""
    return date.fromisoformat(entry_id[:10])


def atom_id(identity: str, entry_id: str | None = None) -> str:
    """A stable Atom id derived from the repository's address, so that it survives a move of the site."""
    name = f"{identity}#changelog" + (f"/{entry_id}" if entry_id else "")
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, name)}"


def site_address(target: str, base: str) -> str:
    """A link written relative to the changelog page ('../approaches/rag.md#x') as seen from the site root."""
    if _SCHEME.match(target):
        return target
    if target.startswith("#"):
        return f"{base}{url_of(CHANGELOG_SRC)}{target}"
    path, _, anchor = target.partition("#")
    src = posixpath.normpath(posixpath.join(posixpath.dirname(CHANGELOG_SRC), path))
    if src.endswith(".md"):
        address = url_of(src)
    else:
        address = "" if src == "." else src + ("/" if path.endswith("/") else "")
    return base + address + (f"#{anchor}" if anchor else "")


def entry_html(summary: str, base: str) -> str:
    """The summary as HTML for the feed, with links that work from the feed's own address."""
    html = str(markdown_html(summary))
    return _HREF.sub(lambda m: f'href="{site_address(m.group(1), base)}"', html)


@dataclass(frozen=True)
class FeedEntry:
    id: str
    atom_id: str
    title: str
    kind: str
    updated: str      # RFC 3339, midnight UTC of the entry's date
    html: str         # the summary as HTML; the template escapes it once more for <content type="html">


def feed_entries(model: Model, identity: str, base: str) -> list[FeedEntry]:
    out = []
    for entry in sorted(model.items["changelog"], key=lambda e: e["id"], reverse=True):
        day = entry_date(entry["id"])
        out.append(FeedEntry(entry["id"], atom_id(identity, entry["id"]), entry["title"], entry["kind"],
                             f"{day.isoformat()}T00:00:00Z", entry_html(entry["summary"], base)))
    return out


def render_feed(model: Model, site_name: str, identity: str, site_url: str | None = None) -> str | None:
    """The Atom document for the changelog, newest entry first; None when there is no entry to announce.

    `identity` (the repository's address) seeds the ids; `site_url`, when known, makes every link absolute.
    """
    base = (site_url.rstrip("/") + "/") if site_url else ""
    entries = feed_entries(model, identity, base)
    if not entries:
        return None
    return environment().get_template("changelog/feed.xml.j2").render(
        site_name=site_name, feed_id=atom_id(identity), base=base, changelog=url_of(CHANGELOG_SRC),
        updated=max(e.updated for e in entries), entries=entries)
