"""Shortcuts in the renderer give exactly what the long way gives: plain text skips Markdown, links skip the file
system, and the citation links come out in the form the pages use."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import real_model
from hypothesis import given, settings
from hypothesis import strategies as st

from guide import pipeline, render
from guide.documents import read_documents
from guide.references import text_fields
from guide.site import context
from guide.text import _converted, escape_text, is_plain, markdown_html
from guide.tree_view import plain_text

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS, _ = read_documents(ROOT / "data")
TEXTS = sorted({text for d in DOCUMENTS for _, text in text_fields(d.data)})


def converted(text: str) -> str:
    """The long way: Python-Markdown on the escaped text."""
    return _converted(escape_text(text))


def test_most_data_text_takes_the_shortcut():
    plain = [t for t in TEXTS if is_plain(t)]
    assert len(plain) > len(TEXTS) * 0.8, "the plain-text test no longer matches most data text"


def test_shortcut_matches_markdown_on_every_data_text():
    different = [t for t in TEXTS if is_plain(t) and str(markdown_html(t)) != converted(t)]
    assert different == []


@pytest.mark.parametrize("text", ["1. first", "2) second", "a *b*", "a_b_c", "x  ", " x", "x\ny", "<b>x</b>", "a & b",
                                  "[a](b)", "`code`", "# title", "- item", "a\\b", "x!", "a | b", "~~x~~", "{: .x}"])
def test_text_with_markup_goes_the_long_way(text):
    assert not is_plain(text)
    assert str(markdown_html(text)) == converted(text)


@settings(max_examples=600, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
       | st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ,.;:'\"?()%/=+@$^-]{0,30}", fullmatch=True))
def test_shortcut_matches_markdown_on_any_text(text):
    if is_plain(text):
        assert str(markdown_html(text)) == converted(text)
        assert plain_text(text) == text


def test_cite_names_each_source_once_with_its_items_and_flags_a_cited_figure():
    model = pipeline.load_model(ROOT / "tests" / "fixtures" / "minimal")
    template = render.environment().from_string("{{ cite(sources) }}|{{ cite(sources, figures=False) }}")
    out = template.render(context(model), sources=["alpha#uc-shop", "alpha#stat-share", "alpha#uc-shop"],
                          page_src="approaches/rag.md")
    link = '<a href="../../sources/alpha/#uc-shop" class="guide-cite" title="A shop; A share">Alpha</a>'
    assert out == (f'{link} <span class="guide-figure-cited"><a href="../../statistics/#share">41 %</a>: '
                   '<span class="guide-provenance guide-provenance-unverified"><strong>Unverified</strong> '
                   f'(Alpha names no origin), as of 2026-11-22</span></span>|{link}')


def test_links_to_items_or_a_muted_note():
    template = render.environment().from_string("{{ links_to(refs, 'not yet used') }}")
    by_id = {"use-cases": {"a": {"title": "Claims <triage>"}}, "faq": {"b": {"question": "Why?"}}}
    out = template.render(refs=[("use-cases", "a"), ("faq", "b")], by_id=by_id, page_src="sources/s.md")
    assert out == '<a href="../../use-cases/a/">Claims &lt;triage&gt;</a>, <a href="../../faq/#b">Why?</a>'
    assert template.render(refs=(), by_id=by_id, page_src="sources/s.md") == '<span class="guide-muted">not yet used</span>'


def test_a_tree_payload_is_the_same_each_time_it_is_made():
    """The tree's page, its embed and the API each make the payload; they must carry the same JSON."""
    from guide import tree_view
    model = real_model()
    tree = model.by_id["decision-trees"]["guide"]
    assert tree_view.payload(model, tree) == tree_view.payload(model, tree)
