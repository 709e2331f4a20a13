"""Small fixes to the markup mkdocs-material writes around every page, so that pages pass the Nu HTML Checker and axe.

Called by the MkDocs hook on each written page (`on_post_page`, `on_post_template`), before the page's policy tag is
computed. Each fix changes one thing, does nothing where the theme already gets it right, and has its own unit test
(tests/unit/test_theme_fixes.py); fixing the output instead of copying the theme's templates keeps the theme upgradable.
"""
from __future__ import annotations

import html
import re
from collections.abc import Callable

_INPUT = re.compile(r"<input\b[^>]*>")
_LABEL = re.compile(r"<label\b[^>]*>")
_NAV_LABELLED = re.compile(r'<nav class="md-nav" data-md-level="\d+" aria-labelledby="(?P<id>[^"]+)_label"')
_TAG = re.compile(r"<[^>]*>")


def _element_text(page: str, start: int, name: str) -> str:
    """The text of the `name` element whose start tag begins at `start` (no nesting of the same element)."""
    end = page.find(f"</{name}>", start)
    content = page[page.find(">", start) + 1:end if end >= 0 else len(page)]
    return " ".join(html.unescape(_TAG.sub(" ", content)).split())


def no_autocomplete_on_checkboxes(page: str) -> str:
    """HTML allows `autocomplete` on text-like inputs only; the theme puts it on its drawer and search toggles."""
    def fix(match: re.Match) -> str:
        tag = match.group(0)
        return tag.replace(' autocomplete="off"', "") if 'type="checkbox"' in tag else tag
    return _INPUT.sub(fix, page)


def no_empty_tabindex(page: str) -> str:
    """A section's toggle label in the navigation gets `tabindex=""` where it has none; an empty value is invalid."""
    return _LABEL.sub(lambda match: match.group(0).replace(' tabindex=""', ""), page)


def named_search_dialog(page: str) -> str:
    """The search dialog is named (axe: aria-dialog-name) after its query field."""
    field = re.search(r'<input type="text" class="md-search__input"[^>]*? aria-label="([^"]*)"', page)
    if field is None:
        return page
    return page.replace('<div class="md-search" data-md-component="search" role="dialog">',
                        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{field.group(1)}">', 1)


def toc_title_labels_a_toggle(page: str) -> str:
    """The table of contents' title is a label `for="__toc"`, a toggle the navigation writes only for a page it lists
    on its own (not for a section's index page): where there is no such toggle, the title labels nothing."""
    if 'id="__toc"' in page:
        return page
    return page.replace('<label class="md-nav__title" for="__toc">', '<label class="md-nav__title">')


def sections_named_by_their_title(page: str) -> str:
    """A section's nav is named by `aria-labelledby` its toggle label, which holds the section's title, except for a
    section with an index page, where that label is an icon or absent: then it is named by `aria-label` its title."""
    def fix(match: re.Match) -> str:
        path = match.group("id")
        label = re.search(rf'<label [^>]*id="{re.escape(path)}_label"[^>]*>', page)
        if label is not None and _element_text(page, label.start(), "label"):
            return match.group(0)
        title = re.compile(rf'<label class="md-nav__title" for="{re.escape(path)}">').search(page, match.end())
        if title is None:
            return match.group(0)
        name = html.escape(_element_text(page, title.start(), "label"))
        return match.group(0).replace(f'aria-labelledby="{path}_label"', f'aria-label="{name}"')
    return _NAV_LABELLED.sub(fix, page)


def no_repository_statistics(page: str) -> str:
    """Without its `source` component the repository link stays a plain link: the theme's script would fetch stars and
    releases from api.github.com, and the site loads nothing from another host."""
    return re.sub(r'(<a [^>]*class="md-source") data-md-component="source"', r"\1", page)


FIXES: tuple[Callable[[str], str], ...] = (no_autocomplete_on_checkboxes, no_empty_tabindex, named_search_dialog,
                                           toc_title_labels_a_toggle, sections_named_by_their_title,
                                           no_repository_statistics)


def fixed(page: str) -> str:
    """The page with every fix applied."""
    for fix in FIXES:
        page = fix(page)
    return page
