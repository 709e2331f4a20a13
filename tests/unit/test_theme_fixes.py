"""Unit tests of hooks/guide/theme_fixes.py: each fix on the markup mkdocs-material writes, and on markup it leaves alone."""
from __future__ import annotations

from guide import theme_fixes

DRAWER = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">'
QUERY = ('<input type="text" class="md-search__input" name="query" aria-label="Search" placeholder="Search" '
         'autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" data-md-component="search-query" required>')


def test_no_autocomplete_on_checkboxes_keeps_it_on_text_fields():
    page = DRAWER + QUERY
    assert theme_fixes.no_autocomplete_on_checkboxes(page) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">' + QUERY)


def test_no_empty_tabindex_keeps_a_real_one():
    page = ('<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">'
            '<label class="md-nav__link" for="__nav_4" id="__nav_4_label" tabindex="0">')
    assert theme_fixes.no_empty_tabindex(page) == (
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label">'
        '<label class="md-nav__link" for="__nav_4" id="__nav_4_label" tabindex="0">')


def test_named_search_dialog_takes_the_name_of_its_query_field():
    page = f'<div class="md-search" data-md-component="search" role="dialog"><form>{QUERY.replace("Search", "Suche")}'
    assert theme_fixes.named_search_dialog(page).startswith(
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="Suche"><form>')
    assert theme_fixes.named_search_dialog("<p>no search</p>") == "<p>no search</p>"


def test_toc_title_labels_a_toggle_only_where_there_is_one():
    title = '<label class="md-nav__title" for="__toc">'
    assert theme_fixes.toc_title_labels_a_toggle(title) == '<label class="md-nav__title">'
    with_toggle = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">' + title
    assert theme_fixes.toc_title_labels_a_toggle(with_toggle) == with_toggle


SECTION = ('<input class="md-nav__toggle md-toggle " type="checkbox" id="__nav_{n}" >{toggle}'
           '<nav class="md-nav" data-md-level="1" aria-labelledby="__nav_{n}_label" aria-expanded="false">'
           '<label class="md-nav__title" for="__nav_{n}"><span class="md-nav__icon md-icon"></span>\n  {title}\n</label>')


def test_sections_named_by_their_title_where_the_toggle_label_is_only_an_icon_or_absent():
    titled = SECTION.format(n=2, title="Start here", toggle=(
        '<label class="md-nav__link" for="__nav_2" id="__nav_2_label"><span class="md-ellipsis">Start here</span>'
        '<span class="md-nav__icon md-icon"></span></label>'))
    icon = SECTION.format(n=3, title="Decide &amp; compare", toggle=(
        '<div class="md-nav__link md-nav__container"><a href="decide/">Decide &amp; compare</a>'
        '<label class="md-nav__link " for="__nav_3" id="__nav_3_label"><span class="md-nav__icon md-icon"></span></label></div>'))
    absent = SECTION.format(n=4, title='The "tree"', toggle='<div class="md-nav__link md-nav__container"><a href="t/">The "tree"</a></div>')
    fixed = theme_fixes.sections_named_by_their_title(titled + icon + absent)
    assert fixed == (titled + icon.replace('aria-labelledby="__nav_3_label"', 'aria-label="Decide &amp; compare"')
                     + absent.replace('aria-labelledby="__nav_4_label"', 'aria-label="The &quot;tree&quot;"'))


def test_no_repository_statistics_leaves_a_plain_link():
    link = '<a href="https://github.com/o/r" title="Go to repository" class="md-source" data-md-component="source">'
    assert theme_fixes.no_repository_statistics(link) == (
        '<a href="https://github.com/o/r" title="Go to repository" class="md-source">')


def test_fixed_applies_every_fix_and_changes_nothing_else():
    page = "<!doctype html><p>Plain page</p>" + DRAWER
    assert theme_fixes.fixed(page) == "<!doctype html><p>Plain page</p>" + DRAWER.replace(' autocomplete="off"', "")
    assert theme_fixes.fixed(theme_fixes.fixed(page)) == theme_fixes.fixed(page)
