"""Content tests: the text is our own, and the content pages work (that every source is cited is a pipeline rule)."""
from __future__ import annotations

from pathlib import Path

import pytest

import own_words
from guide.pipeline import load_model

ROOT = Path(__file__).resolve().parents[1]
MODEL = load_model(ROOT / "data")
ARTICLES = [s for s in MODEL.items["sources"] if s["kind"] == "article"]
PRINTS = own_words.load_fingerprints()


def test_each_source_article_has_a_fingerprint():
    """The fingerprint file holds exactly the articles that data/sources names (regenerate: tests/own_words.py)."""
    assert {s["file"] for s in ARTICLES} == set(PRINTS["sources"])
    assert all(len(hashes) > 500 for hashes in PRINTS["sources"].values())


def test_own_words():
    """No run of 8 or more words in data/, content/ or docs/ stands in a source article (by its fingerprint)."""
    found = own_words.check([ROOT / "data", ROOT / "content", ROOT / "docs"], PRINTS)
    assert found == [], "\n".join(f"{f.relative_to(ROOT)}: {run}" for f, run in found)


def test_own_words_finds_a_run_of_eight_and_not_of_seven(tmp_path):
    """The check itself: fingerprint a made-up article, then plant 8 and 7 of its words in a page."""
    article = "the quick brown fox jumps over the lazy dog while nine small cats watch it closely"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "a.txt").write_text(article, encoding="utf-8")
    prints = own_words.fingerprint(tmp_path / "sources")
    assert article.split()[0] not in "".join(prints["sources"]["a.txt"])  # hashes, not words
    (tmp_path / "eight.md").write_text("Our text: The Quick-brown fox, jumps over the lazy DOG. End.", encoding="utf-8")
    (tmp_path / "seven.yml").write_text("text: quick brown fox jumps over the lazy cat", encoding="utf-8")
    found = own_words.check([tmp_path / "eight.md", tmp_path / "seven.yml"], prints)
    assert [(f.name, run) for f, run in found] == [("eight.md", "the quick brown fox jumps over the lazy dog")]


def test_statistics_without_origin_are_marked_unverified(built_site):
    html = (built_site / "statistics" / "index.html").read_text(encoding="utf-8")
    for stat in MODEL.items["statistics"]:
        row = html.split(f'<tr id="{stat["id"]}">', 1)[1].split("</tr>", 1)[0]
        assert ("Unverified" in row) == (stat["id"] in MODEL.derived.unverified), stat["id"]


def test_synthesis_matrix_shows_disagreement(built_site):
    html = (built_site / "synthesis" / "index.html").read_text(encoding="utf-8")
    disagreements = [(row["aspect"]["id"], a) for row in MODEL.derived.synthesis
                     for a, cell in row["cells"].items() if cell["verdict"] == "disagree"]
    assert html.count("Sources differ:") == len(disagreements)
    assert html.count("<details>") == sum(1 for row in MODEL.derived.synthesis for c in row["cells"].values() if c["entries"])


@pytest.mark.browser
def test_use_case_filters(page, site_url):
    page.goto(site_url + "use-cases/")
    rows = page.locator("#use-case-list tbody tr")
    total = rows.count()
    assert total == len(MODEL.items["use-cases"])
    page.select_option("select[data-filter=approach]", "rag")
    # The filter follows the guide's verdict, not the source's recommendation.
    expected = sum(1 for u in MODEL.items["use-cases"] if "rag" in MODEL.derived.verdicts[u["id"]]["approaches"])
    assert page.locator("#use-case-list tbody tr:not([hidden])").count() == expected
    assert page.locator(".guide-filter-count").text_content() == f"{expected} of {total} use cases shown"
    assert "approach=rag" in page.url
    page.reload()
    assert page.locator("select[data-filter=approach]").input_value() == "rag"
    assert page.locator("#use-case-list tbody tr:not([hidden])").count() == expected
    assert page.guide_errors == []


@pytest.mark.browser
def test_use_case_list_is_complete_without_javascript(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "use-cases/")
    assert page.locator("#use-case-list tbody tr").count() == len(MODEL.items["use-cases"])
    assert not page.locator("#use-case-filters").is_visible()
    context.close()


def test_main_tree_asks_for_success_criteria_first_then_diagnoses():
    guide = MODEL.by_id["decision-trees"]["guide"]
    questions = {q["id"]: q for q in guide["questions"]}
    start = questions[guide["start"]]
    assert "anthropic-prompt-engineering#step-success-criteria" in start["sources"]
    assert {"success-criteria"} == {f for o in start["options"] for f in o.get("establishes", ())}
    diagnosis = questions["gap"]
    assert diagnosis["text"].startswith("Diagnose")
    assert {"knowledge", "behaviour", "both", "live-data", "efficiency"} <= {o["id"] for o in diagnosis["options"]}
    assert "openai-accuracy#claim-two-axes" in diagnosis["sources"]
