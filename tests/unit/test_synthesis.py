"""The synthesis matrix counts agreement in independent sources and says whether any is first-party.

Built from tiny inline collections; the real matrix is checked on the built page in tests/site/test_content.py.
"""
from __future__ import annotations

from pathlib import Path

from conftest import real_model
from guide.model import _synthesis
from guide.site import pages

ROOT = Path(__file__).resolve().parents[2]


def items(*tables):
    """Sources a, b (articles) and m (a model maker's reference); each table: (id, source, rating of rag)."""
    return {
        "approaches": [{"id": "rag"}],
        "aspects": [{"id": "cost"}],
        "sources": [{"id": "a", "title": "A", "kind": "article"}, {"id": "b", "title": "B", "kind": "article"},
                    {"id": "m", "title": "M", "kind": "reference"}],
        "comparisons": [{"id": t, "source": s, "rows": [{"aspect": "cost", "label": "Cost",
                                                           "cells": {"rag": {"text": "x", "rating": r}}}]}
                        for t, s, r in tables],
    }


def cell(*tables):
    return _synthesis(items(*tables))[0]["cells"]["rag"]


def test_two_tables_of_one_publisher_are_one_source():
    got = cell(("a1", "a", "high"), ("a2", "a", "high"))
    assert got["verdict"] == "single"
    assert [dict(g) for g in got["support"]] == [{"rating": "high", "sources": ("a",), "first_party": ()}]


def test_agreement_names_its_first_party_sources():
    got = cell(("a1", "a", "low"), ("b1", "b", "low"), ("m1", "m", "low"))
    assert got["verdict"] == "agree"
    assert [dict(g) for g in got["support"]] == [{"rating": "low", "sources": ("a", "b", "m"), "first_party": ("m",)}]


def test_disagreement_gives_each_ratings_support():
    got = cell(("a1", "a", "low"), ("b1", "b", "high"), ("m1", "m", "high"))
    assert got["verdict"] == "disagree"
    assert [(g["rating"], g["sources"], g["first_party"]) for g in got["support"]] == [
        ("low", ("a",), ()), ("high", ("b", "m"), ("m",))]


def test_the_page_shows_strength_not_a_bare_agree():
    model = real_model()
    page = next(p.markdown for p in pages(model) if p.src == "synthesis.md")
    assert "Sources agree" not in page
    assert "independent sources, none first-party" in page
    assert "first-party (Microsoft Learn: compare strategies)" in page
