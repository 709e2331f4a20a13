"""Hostile content: script payloads in every free-text field, links a browser reads otherwise than they are written,
markers that would reach beyond their text, and exports a spreadsheet or wiki would run; nothing may execute."""
from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL, build, make_project, serve

from guide.catalog import COLLECTIONS
from guide.documents import schema_comment
from guide.pipeline import check
from guide.references import text_fields
from guide.schemas import validate
from guide.strict_yaml import parse

def test_payloads_reach_pages_only_as_text(hostile_site):
    site, _ = hostile_site
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "window.__pwned='script'</script>" not in html.replace("&lt;script&gt;", ""), html_file
        assert "<img src=x" not in html and "<svg onload" not in html and "<b onmouseover" not in html, html_file
        assert 'onclick="window.__pwned' not in html, html_file


# ---------------------------------------------------------------- addresses as a browser reads them
# A browser drops tabs and line breaks anywhere in an address, and spaces and control characters around it, before
# it reads the scheme. The link rule checks the addresses Markdown renders, read the same way.

from guide.documents import Document  # noqa: E402
from guide.link_safety import is_safe_address, rendered_addresses  # noqa: E402
from guide.references import check_links, check_page_structure  # noqa: E402
from guide.strict_yaml import Positions  # noqa: E402
from guide.text import escape_text, markdown_html  # noqa: E402

REFUSED = "is not allowed: a browser reads '{}' as that address once it drops line breaks, tabs and spaces; " \
          "use an http, https or mailto address, or a site-relative one"
SPLIT_LINKS = [
    ("[x](java\nscript:alert(1))", "javascript:alert(1)", "java\\nscript:alert(1)"),
    ("[x](java\rscript:alert(1))", "javascript:alert(1)", "java\\nscript:alert(1)"),
    ("[x](JaVa\nScRiPt:alert(1))", "JaVaScRiPt:alert(1)", "JaVa\\nScRiPt:alert(1)"),
    ("[x](javascript\n:alert(1))", "javascript:alert(1)", "javascript\\n:alert(1)"),
    ("[x](ja\nva\tscr ipt:alert(1))", "javascript:alert(1)", "ja\\nva  scr ipt:alert(1)"),
    ("[x](vb\nscript:msgbox(1))", "vbscript:msgbox(1)", "vb\\nscript:msgbox(1)"),
    ("[x](data\n:text/html,hi)", "data:text/html,hi", "data\\n:text/html,hi"),
    ("[x](java\x0bscript:1)", "javascript:1", "java\\x0bscript:1"),
]
# Refused by the rule on the text as written, before rendering: (text, the address named in the message).
WRITTEN_LINKS = [
    ("[x](\njavascript:alert(1))", "javascript:alert(1"),
    ("[x](java%0ascript:alert(1))", "java%0ascript:alert(1"),
    ("[x](java&#10;script:alert(1))", "java&#10;script:alert(1"),
    ("[x](&#106;avascript:alert(1))", "&#106;avascript:alert(1"),
]
# Accepted, and harmless as rendered: (text, the address a browser follows).
INERT_LINKS = [
    ("[x](java\u00a0script:alert(1))", "java\u00a0script:alert(1)"),   # a no-break space is no scheme character
    ("[x](<java\nscript:alert(1)>)", "<javascript:alert(1)>"),         # '<' starts a relative path
    ("[x][r]\n\n[r]: java\nscript:alert(1)", "java"),                   # the definition ends at the line break
    ("[x](https\n://example.org/)", "https://example.org/"),
    ("[x](mailto\n:a@example.org)", "mailto:a@example.org"),
]


def _doc(text: str) -> Document:
    return Document("data/faq/x.yml", "faq", "x", {"answer": text}, Positions({("answer",): (4, 1)}))


@pytest.mark.parametrize("text, address, written", SPLIT_LINKS, ids=[repr(t[0]) for t in SPLIT_LINKS])
def test_a_link_split_by_invisible_characters_is_refused(text, address, written):
    assert [str(e) for e in check_links([_doc(text)])] == [
        f"data/faq/x.yml:4:1: answer: link to '{address}' " + REFUSED.format(written)]


@pytest.mark.parametrize("text, address", WRITTEN_LINKS, ids=[repr(t[0]) for t in WRITTEN_LINKS])
def test_a_link_refused_as_written(text, address):
    assert [str(e) for e in check_links([_doc(text)])] == [
        f"data/faq/x.yml:4:1: answer: link to '{address}' is not allowed; "
        "use an http, https or mailto address, or a site-relative one"]


@pytest.mark.parametrize("text, address", INERT_LINKS, ids=[repr(t[0]) for t in INERT_LINKS])
def test_an_accepted_odd_link_renders_harmless(text, address):
    assert check_links([_doc(text)]) == []
    assert [read for _, read in rendered_addresses(text)] == [address]
    assert is_safe_address(address)


@pytest.mark.parametrize("address, safe", [
    ("https://example.org/", True), ("HTTP://example.org/", True), ("mailto:a@example.org", True), ("../rag/", True),
    ("#x", True), ("page.md#x", True), ("", True), ("javascript:alert(1)", False), ("JAVASCRIPT:x", False),
    ("vbscript:x", False), ("data:text/html,x", False), ("file:///etc/passwd", False), ("ftp://example.org/", False),
])
def test_the_schemes_a_link_may_use(address, safe):
    assert is_safe_address(address) is safe


# ---------------------------------------------------------------- text cannot reach the page's structure

@pytest.mark.parametrize("text, message", [
    ("It depends.\n\n*[RAG]: Really Awful Guess", "a line starting '*[...]:' would define an abbreviation for the whole "
                                                  "page; abbreviations come from the glossary (data/glossary/)"),
    ("  *[X]: y", "a line starting '*[...]:' would define an abbreviation for the whole page; abbreviations come from "
                  "the glossary (data/glossary/)"),
    ("See below.\n\n[TOC]", "'[TOC]' would put the page's table of contents here; remove it"),
    ("Inline [TOC] too", "'[TOC]' would put the page's table of contents here; remove it"),
])
def test_page_structure_markers_are_refused(text, message):
    assert [str(e) for e in check_page_structure([_doc(text)])] == [f"data/faq/x.yml:4:1: answer: {message}"]


@pytest.mark.parametrize("text", ["A *[note]* in brackets", "[toc] in lower case is no marker", "x *[a] b"])
def test_text_like_a_marker_is_accepted(text):
    assert check_page_structure([_doc(text)]) == []


@pytest.mark.parametrize("text, escaped", [
    ("In C#", "In C&#35;"), ("C##", "C&#35;&#35;"), ("# Not a heading", "&#35; Not a heading"),
    ("  ## Nor this", "  &#35;# Nor this"), ("a\n# b #", "a\n&#35; b &#35;"), ("see #3 and [x](#y)", "see #3 and [x](#y)"),
])
def test_a_hash_that_would_start_or_close_a_heading_is_escaped(text, escaped):
    assert escape_text(text) == escaped
    assert "<h" not in str(markdown_html(text))


# ---------------------------------------------------------------- exports carry no live content

def test_exports_of_a_hostile_fixture_are_inert(tmp_path):
    data = tmp_path / "data-src"
    shutil.copytree(MINIMAL, data, symlinks=False)
    edits = {
        "use-cases/shop.yml": [("title: Shop descriptions", "title: '=1+1 shop'"),
                               ("recommendation: Prompt it.", "recommendation: '@SUM(A1) <img src=x onerror=alert(1)>'")],
        "comparisons/alpha.yml": [("    label: Cost\n", "    label: '-2+3'\n")],
        "statistics/share.yml": [('value: "41"', 'value: "+41"')],
    }
    for file, changes in edits.items():
        text = (data / file).read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text
            text = text.replace(old, new)
        (data / file).write_text(text, encoding="utf-8")
    project = make_project(tmp_path / "project", data)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    exports = tmp_path / "site" / "exports"
    cells = {cell for path in exports.glob("*.csv")
             for row in csv.reader(path.read_text(encoding="utf-8").splitlines()) for cell in row}
    assert {"'=1+1 shop", "'@SUM(A1) <img src=x onerror=alert(1)>", "'-2+3", "'+41"} <= cells
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    markdown = (exports / "use-cases.md").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown and "<img" not in markdown


# ---------------------------------------------------------------- symbolic links in data/

@pytest.mark.parametrize("inside", [False, True], ids=["outside-the-repository", "inside-the-repository"])
def test_a_collection_folder_that_is_a_symbolic_link_is_refused(tmp_path, inside):
    repository = tmp_path / "repository"
    data = repository / "data"
    shutil.copytree(MINIMAL, data, symlinks=False)
    elsewhere = (repository / "elsewhere") if inside else (tmp_path / "elsewhere")
    shutil.move(data / "glossary", elsewhere)
    (data / "glossary").symlink_to(elsewhere)
    errors = [str(e) for e in check(data)[1]]
    reason = "which is not a file" if inside else "outside the repository; a data file must be in the repository itself"
    assert [e for e in errors if e.startswith("data/glossary")] == [
        f"data/glossary:1: a symbolic link to '{elsewhere}', {reason}" + ("" if inside else ", so that a review sees what is published")]


def test_a_symbolic_link_to_a_data_file_inside_the_repository_is_read(tmp_path):
    repository = tmp_path / "repository"
    data = repository / "data"
    shutil.copytree(MINIMAL, data, symlinks=False)
    shutil.move(data / "faq" / "which.yml", repository / "which.yml")
    (data / "faq" / "which.yml").symlink_to(repository / "which.yml")
    documents, errors = check(data)
    assert errors == [] and "data/faq/which.yml" in {d.file for d in documents}
