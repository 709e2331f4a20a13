"""Quality gate: the text is our own. No run of eight words in data/, content/ or docs/ stands in a source article,
checked against the articles' fingerprints (tests/own_words.py, tests/fixtures/source-fingerprints.json)."""
from __future__ import annotations

from conftest import ROOT, real_model

import own_words

ARTICLES = [s for s in real_model().items["sources"] if s["kind"] == "article"]
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


