"""Review age: which items were last checked against their sources too long ago, for the maintainers' page.

Called by the MkDocs hook: `on_config` reads the limit, `on_files` adds the page and logs each stale item.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timezone

from .addresses import item_src
from .catalog import COLLECTIONS
from .model import Model
from .render import environment
from .site import Page

SETTING = "review_after_days"
DEFAULT_DAYS = 365
PAGE_SRC = "maintainers.md"
TITLE_FIELDS = ("title", "name", "term", "question", "measures")


@dataclass(frozen=True)
class StaleItem:
    collection: str
    item_id: str
    title: str
    file: str          # the data file, as in error messages
    src: str           # where the item is shown, as a page source path with an optional anchor
    reviewed: date
    age_days: int


def review_limit(extra) -> int:
    """The configured age in days (mkdocs.yml `extra: review_after_days:`), or the default; ValueError when unusable."""
    value = (extra or {}).get(SETTING, DEFAULT_DAYS)
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"mkdocs.yml: extra.{SETTING}: expected a whole number of days of at least 1, got {value!r}")
    return value


def build_date(environ) -> date:
    """The day of the build: SOURCE_DATE_EPOCH (the reproducible-builds convention) when set, else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date()
    return date.today()


def stale_items(model: Model, today: date, limit_days: int) -> list[StaleItem]:
    """Items whose `reviewed` date is more than `limit_days` before `today`, oldest first."""
    stale = []
    for name in COLLECTIONS:
        for item in model.items[name]:
            if "reviewed" not in item:
                continue
            reviewed = date.fromisoformat(item["reviewed"])
            age = (today - reviewed).days
            if age > limit_days:
                title = next((str(item[f]) for f in TITLE_FIELDS if f in item), item["id"])
                stale.append(StaleItem(name, item["id"], title, model.files[(name, item["id"])],
                                       item_src(name, item["id"]), reviewed, age))
    return sorted(stale, key=lambda s: (s.reviewed, s.file))


def log_lines(stale: list[StaleItem], limit_days: int) -> list[str]:
    """One line per stale item and a summary, each starting with 'stale:' so that a reader or a script can find them."""
    lines = [f"stale: {s.file}: last reviewed {s.reviewed.isoformat()}, {s.age_days} days ago" for s in stale]
    if stale:
        lines.append(f"stale: {len(stale)} item{'s' if len(stale) != 1 else ''} not reviewed in the last "
                     f"{limit_days} days; the list is on the page {PAGE_SRC[:-3]}/")
    return lines


def maintainers_page(stale: list[StaleItem], today: date, limit_days: int, edit_base: str | None) -> Page:
    """The maintainers' page: the stale items with links to their pages and to their files.

    `edit_base` is the address that a data file's path is appended to for editing (repo_url + edit_uri), if any.
    """
    text = environment().get_template("maintainers.md.j2").render(
        page_src=PAGE_SRC, stale=stale, today=today.isoformat(), limit_days=limit_days, edit_base=edit_base,
        setting=SETTING)
    return Page(PAGE_SRC, text, "")
