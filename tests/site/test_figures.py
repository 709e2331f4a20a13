"""Figures carry their provenance and date: the rule on each figure's stated provenance, and the built pages, where
every citation of a figure shows both.

Each bad input is a one-line change to the minimal data; the assertion is the exact message, with file, line and column.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import real_model

from guide import figures, pipeline

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
MODEL = real_model()


def errors_with(tmp_path: Path, old: str, new: str, source_kind: str = "article") -> list[str]:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data, symlinks=False)
    stat = data / "statistics" / "share.yml"
    stat.write_text(stat.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    source = data / "sources" / "alpha.yml"
    source.write_text(source.read_text(encoding="utf-8").replace("kind: article", f"kind: {source_kind}"), encoding="utf-8")
    return [str(e) for e in pipeline.check(data)[1]]


def test_an_unverified_figure_without_an_original_is_sound(tmp_path):
    assert errors_with(tmp_path, "", "") == []


@pytest.mark.parametrize("old, new, kind, message", [
    ("provenance: unverified", "provenance: secondary", "article",
     "data/statistics/share.yml:7:1: provenance: a 'secondary' figure names its original in 'original_source'; "
     "if the citing source names none, the figure is 'unverified'"),
    ("date: undated\n", "date: undated\noriginal_source: {name: A survey}\n", "article",
     "data/statistics/share.yml:9:1: original_source: a figure whose original is named is 'secondary', not "
     "'unverified'; change its provenance"),
    ("provenance: unverified", "provenance: first-party", "article",
     "data/statistics/share.yml:7:1: provenance: a 'first-party' figure cites the maker's own page, a source of kind "
     "'reference'; this one cites only alpha"),
    ("as_of: \"2026-11-22\"\n", "", "article",
     "data/statistics/share.yml:2:1: missing required field 'as_of'"),
    ("provenance: unverified", "provenance: unknown", "article",
     "data/statistics/share.yml:7:1: provenance: 'unknown' is not one of: first-party, secondary, unverified"),
], ids=["secondary-without-original", "unverified-with-original", "first-party-from-an-article", "no-as-of",
        "unknown-provenance"])
def test_a_provenance_that_does_not_fit(tmp_path, old, new, kind, message):
    assert errors_with(tmp_path, old, new, kind) == [message]


def test_a_first_party_figure_from_a_reference_is_sound(tmp_path):
    errors = errors_with(tmp_path, "provenance: unverified", "provenance: first-party", "reference")
    assert not [e for e in errors if "statistics/" in e]


def test_a_figure_appears_where_its_statistic_item_is_cited():
    sources = [{"id": "a", "inventory": [{"id": "stat-x", "kind": "statistic"}, {"id": "claim-y", "kind": "claim"}]}]
    stats = [{"id": "x", "sources": ["a#stat-x", "a#claim-y"]}, {"id": "z", "sources": ["a#stat-x"]}]
    assert figures.figures_by_citation(sources, stats) == {"a#stat-x": ["x", "z"]}


def test_every_figure_declares_provenance_and_date():
    for s in MODEL.items["statistics"]:
        assert s["provenance"] in ("first-party", "secondary", "unverified") and re.fullmatch(r"\d{4}-\d\d-\d\d", s["as_of"])
    # The model makers' own guidance is not shown as unverified.
    for sid in ("good-examples-to-start-fine-tuning", "fine-tuning-examples-to-start", "fine-tuning-examples-for-production",
                "evaluation-questions-to-start"):
        assert MODEL.get("statistics", sid)["provenance"] == "first-party"


_LINK = re.compile(r'<a href="[^"]*sources/([a-z0-9-]+)/#([a-z0-9-]+)"')
_END = re.compile(r"</(?:li|p|tr|dd)>")


def test_every_place_a_figure_is_cited_shows_its_provenance_and_date(built_site):
    """Wherever a page links to a figure's statistic item, the same list item, paragraph or table row shows the
    figure's provenance and its 'as of' date (the shared partial partials/figure.html.j2)."""
    problems, seen = [], 0
    for page in sorted(built_site.rglob("*.html")):
        if page.relative_to(built_site).parts[0] == "sources":
            continue
        html = page.read_text(encoding="utf-8")
        for match in _LINK.finditer(html):
            stats = MODEL.derived.figures.get(f"{match.group(1)}#{match.group(2)}", ())
            if not stats:
                continue
            end = _END.search(html, match.end())
            block = html[match.end():end.start() if end else len(html)]
            for sid in stats:
                seen += 1
                s = MODEL.get("statistics", sid)
                if f"guide-provenance-{s['provenance']}" not in block or f"as of {s['as_of']}" not in block:
                    problems.append(f"{page.relative_to(built_site)}: {match.group(0)} lacks {sid}'s provenance or date")
    assert problems == [], "\n".join(problems)
    assert seen > 40, "figures are cited on the approach pages, the FAQ, the tree and the statistics page"


def test_a_hand_written_pages_figure_marker_becomes_the_figure():
    from guide.site import expand_figure_markers
    out = expand_figure_markers("Start small (<!-- figure: fine-tuning-examples-to-start -->).", MODEL, "more-paths.md")
    assert out.startswith('Start small (<span class="guide-figure-cited"><a href="../statistics/#fine-tuning-examples-to-start">')
    assert "guide-provenance-first-party" in out and "as of 2026-11-27" in out
    with pytest.raises(ValueError, match=r"^content/diagnose.md: figure marker names no known statistic: nope \(the ids"):
        expand_figure_markers("<!-- figure: nope -->", MODEL, "diagnose.md")
