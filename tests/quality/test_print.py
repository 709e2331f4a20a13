"""Quality gate: a decision tree, an approach page, the synthesis matrix and a source page print cleanly.

Each is printed to PDF by Chromium on A4 and Letter, portrait, and read back with pypdf: no site chrome,
every table column on the paper, the text of every table in the PDF, external link targets spelt out, and a
sane number of sheets. The PDFs are kept in test-output/print/ to look at.
Run alone: `.venv/bin/python -m pytest tests/quality/test_print.py`. See docs/quality.md.
"""
from __future__ import annotations

import io
import math
import re
import unicodedata
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

PAPERS = {"A4": 210, "Letter": 215.9}  # portrait width in millimetres
SIDE_MARGIN_MM = 12  # as in content/assets/print.css (@page)
PX_PER_MM = 96 / 25.4
OUTPUT = ROOT / "test-output" / "print"
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
          ".md-top", ".md-content__button"]
# What the page knows about itself once laid out for print: chrome still shown, tables wider than the paper,
# and the text the PDF must hold.
FACTS_SCRIPT = """(chrome) => {
  const visible = (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const article = document.querySelector('article') || document.body;
  const width = document.documentElement.clientWidth;
  const text = (el) => el.innerText.replace(/\\s+/g, ' ').trim();
  return {
    chromeShown: chrome.filter((sel) => [...document.querySelectorAll(sel)].some(visible)),
    tooWide: [...article.querySelectorAll('table')].filter(visible)
      .filter((t) => t.getBoundingClientRect().right > width + 1 || t.scrollWidth > t.clientWidth + 1)
      .map((t) => (t.caption ? text(t.caption) : t.id || 'a table') + ': ' + Math.round(t.getBoundingClientRect().width) + 'px of ' + width),
    tableText: [...article.querySelectorAll('table')].filter(visible).flatMap((t) =>
      [...t.querySelectorAll('th, td > p:first-child, td:last-child')].map(text).filter(Boolean)),
    detailsText: [...article.querySelectorAll('details li')].slice(0, 3).map(text),
    externalLinks: [...article.querySelectorAll('a[href^="http"]')].filter(visible).map((a) => a.href),
    characters: text(article).length,
  };
}"""


def pypdf():
    try:
        import pypdf as module
    except ImportError:
        pytest.fail("pypdf is missing: run `make setup-test` (pip install -r requirements-test.txt)")
    return module


def squeeze(text: str) -> str:
    """Text as letters and digits only, after NFKC, so that fonts and line breaking do not matter.

    NFKC folds ligatures (U+FB01 "fi") and other compatibility forms that a PDF may hold, depending on the font
    Chromium picks; dropping everything but letters and digits removes line breaks, soft hyphens and hyphens
    added where a word is broken, and a hyphen in the page that the PDF breaks at; case is folded because a
    ligature stands for lower-case letters and CSS may change case.
    """
    return re.sub(r"[\W_]+", "", unicodedata.normalize("NFKC", text)).casefold()


@pytest.mark.parametrize("page, pdf", [
    ("Fine-tuning fits", "\ufb01ne-\ntuning \ufb01ts"),
    ("Workflow efficiency", "Work\ufb02ow e\ufb03ciency"),
    ("retrieval-augmented generation", "retrieval-aug\u00admented gener-\nation"),
    ("https://example.org/a_b", "https://exam-\nple.org/a_b"),
])
def test_squeeze_ignores_ligatures_and_line_breaking(page, pdf):
    assert squeeze(page) == squeeze(pdf)
    assert squeeze(page) != squeeze(page[:-1])  # a lost letter still counts


def printed_pages(site: Path) -> dict[str, str]:
    def first(section: str) -> str:
        items = sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / section).glob("*/index.html"))
        assert items, f"no page under {section}/ in the built site"
        return items[0]
    return {"decision-tree": first("decision-trees"), "approach": first("approaches"), "synthesis": "synthesis/",
            "source": first("sources")}


@pytest.fixture(scope="module")
def print_context(browser):
    context = browser.new_context(color_scheme="light")
    yield context
    context.close()


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("name", ["decision-tree", "approach", "synthesis", "source"])
def test_page_prints_cleanly(built_site, site_url, print_context, name, paper):
    path = printed_pages(built_site)[name]
    printable = round((PAPERS[paper] - 2 * SIDE_MARGIN_MM) * PX_PER_MM)
    page = print_context.new_page()
    try:
        page.set_viewport_size({"width": printable, "height": 1000})
        page.goto(site_url + path, wait_until="load")
        page.emulate_media(media="print")
        facts = page.evaluate(FACTS_SCRIPT, CHROME)
        pdf = page.pdf(format=paper, landscape=False)
    finally:
        page.close()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{name}-{paper}.pdf").write_bytes(pdf)
    reader = pypdf().PdfReader(io.BytesIO(pdf))
    text = squeeze("".join(sheet.extract_text() or "" for sheet in reader.pages))

    where = f"/{path} on {paper}"
    assert not facts["chromeShown"], f"{where}: site chrome is printed: {facts['chromeShown']}"
    assert not facts["tooWide"], f"{where}: tables wider than the paper: {facts['tooWide']}"
    # A sheet holds well over 1,200 characters of 10pt text; many more sheets means the layout broke.
    limit = 2 + math.ceil(facts["characters"] / 1200)
    assert 1 <= len(reader.pages) <= limit, f"{where}: {len(reader.pages)} sheets for {facts['characters']} characters"
    assert squeeze("Table of contents") not in text, f"{where}: the table of contents sidebar is printed"
    missing = [t for t in facts["tableText"] if squeeze(t)[:40] not in text]
    assert not missing, f"{where}: table text missing from the PDF (cut off?): {missing[:5]}"
    missing = [t for t in facts["detailsText"] if squeeze(t)[:40] not in text]
    assert not missing, f"{where}: the content of closed <details> is not printed: {missing}"
    missing = [url for url in facts["externalLinks"] if squeeze(url) not in text]
    assert not missing, f"{where}: external link targets not printed after the links: {missing[:5]}"
    if name == "synthesis":
        assert facts["tableText"], f"{where}: no table found to check"
    if name == "source":
        assert facts["externalLinks"], f"{where}: no external link found to check"


def test_print_is_dark_on_white_in_the_dark_scheme(site_url, browser):
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site_url + "synthesis/", wait_until="load")
        assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
        page.emulate_media(media="print")
        colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
    finally:
        context.close()
    channels = [int(c) for c in re.findall(r"\d+", colour)[:3]]
    assert max(channels) < 100, f"text prints in {colour} from the dark scheme, too light for white paper"
