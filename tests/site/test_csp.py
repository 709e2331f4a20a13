"""The Content-Security-Policy: hooks/guide/csp.py on small inputs, the policy in every built page, and the
browser keeping to it (every browser test also fails on any violation: see tests/conftest.py)."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import site_pages, ROOT, serve, world_readable_dir

from guide import csp

PAGE = ('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>T</title>\n{head}</head>\n'
        '<body>{body}</body>\n</html>\n')
HELLO = "alert('Hello, world.');"
HELLO_HASH = "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"  # the worked example of the CSP specification


# The module on tiny pages -----------------------------------------------------------------------------------

def test_hash_of_a_script_is_the_one_the_specification_gives():
    assert csp.script_hash(HELLO) == HELLO_HASH


def test_only_inline_scripts_a_browser_runs_are_collected():
    page = PAGE.format(head=f'<script src="a.js"></script><script>{HELLO}</script>',
                       body='<script type="application/json" id="d">{"a": 1}</script><script type="module">x()</script>'
                            '<script type="text/plain">not run</script><script type="TEXT/JavaScript">y()</script>')
    assert csp.inline_scripts(page) == [HELLO, "x()", "y()"]


def test_script_text_is_hashed_as_the_browser_reads_it():
    # Browsers read CR LF as LF, and take entities in a script literally.
    page = PAGE.format(head="<script>a();\r\nb('&amp;<b>');\r</script>", body="")
    assert csp.inline_scripts(page) == ["a();\nb('&amp;<b>');\n"]


@pytest.mark.parametrize("head", [
    "<!-- <script>commented()</script> --><script>a()</script>",
    "<script data-src=\"x\" type='text/javascript'>b()</script><script src=x.js></script><script type=module>c()</script>",
    "<SCRIPT>d('</scripts>')</SCRIPT ><script\n>e()</script\n>",
    '<script type="application/ld+json">{}</script><script type=" ">f()</script><script>g()</script >',
])
def test_reading_agrees_with_the_stdlib_html_parser(head):
    page = PAGE.format(head=head, body="<p>&lt;script&gt;not a script&lt;/script&gt;</p>")
    assert csp.inline_scripts(page) == reference_scripts(page)
    assert csp.inline_scripts(page)


def test_policy_lists_every_directive_and_the_hashes_of_the_page():
    page = PAGE.format(head=f"<script>{HELLO}</script>", body=f"<script>{HELLO}</script><script>x()</script>")
    assert csp.policy(page) == ("default-src 'self'; script-src 'self' " + " ".join(sorted([HELLO_HASH, csp.script_hash("x()")]))
                                + "; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
                                "form-action 'self'")


def test_policy_goes_right_after_the_charset():
    out = csp.with_policy(PAGE.format(head=f"<script>{HELLO}</script>", body=""))
    assert out.startswith('<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv='
                          f'"Content-Security-Policy" content="default-src \'self\'; script-src \'self\' {HELLO_HASH};')
    assert out.count("Content-Security-Policy") == 1


def test_policy_goes_at_the_start_of_head_without_a_charset():
    out = csp.with_policy('<html><head class="x"><script>a()</script></head><body></body></html>')
    assert out.startswith('<html><head class="x">\n<meta http-equiv="Content-Security-Policy" content="')


@pytest.mark.parametrize("page, message", [
    ("<p>no head</p>", "embed/x/index.html: has no <head> to put the Content-Security-Policy in"),
    ('<html><body><meta charset="utf-8"></body></html>',
     "embed/x/index.html: has no <head> to put the Content-Security-Policy in"),
    (PAGE.format(head='<meta http-equiv="content-security-policy" content="default-src *">', body=""),
     "embed/x/index.html: already carries a Content-Security-Policy; the build writes the one policy"),
])
def test_a_page_that_cannot_take_the_policy_is_an_error(page, message):
    with pytest.raises(csp.CspError) as error:
        csp.with_policy(page, "embed/x/index.html")
    assert str(error.value) == message


def test_mkdocs_serve_leaves_the_policy_out_for_its_inline_live_reload_script():
    import site_data  # hooks/ is on the tests' import path (pyproject.toml)
    page = PAGE.format(head="", body="")
    where = SimpleNamespace(file=SimpleNamespace(src_uri="index.md"))
    try:
        site_data.on_startup("serve", dirty=False)
        assert site_data.on_post_page(page, page=where, config=None) == page
        site_data.on_startup("build", dirty=False)
        assert "Content-Security-Policy" in site_data.on_post_page(page, page=where, config=None)
        assert site_data.on_post_template("<urlset></urlset>", template_name="sitemap.xml", config=None) == "<urlset></urlset>"
    finally:
        site_data.on_startup("build", dirty=False)


# The built site ---------------------------------------------------------------------------------------------

class _Page(HTMLParser):
    """The parts of a page the policy is about: its policies and where they stand, scripts, styles."""

    def __init__(self):
        super().__init__()
        self.policies: list[tuple[str, int]] = []   # (content, how many elements came before it in <head>)
        self.before_policy: list[str] = []
        self.in_head, self.head_elements = False, []
        self.style_elements = 0
        self.style_attributes: list[str] = []
        self.handlers: list[str] = []
        self.script_urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head_elements.append(tag)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((attributes["content"], len(self.head_elements) - 1 if self.in_head else -1))
        self.style_elements += tag == "style"
        if "style" in attributes:
            self.style_attributes.append(f"<{tag} style={attributes['style']!r}>")
        self.handlers += [f"<{tag} {name}>" for name in attributes if name.startswith("on")]
        for name in ("href", "src", "action", "formaction"):
            if re.match(r"\s*javascript:", attributes.get(name) or "", re.I):
                self.script_urls.append(f"<{tag} {name}={attributes[name]!r}>")

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


class _ReferenceScripts(HTMLParser):
    """The inline scripts a browser runs, read by the stdlib's HTML parser: the plain reading that csp.py's one
    regular expression must agree with."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            attributes = dict(attrs)
            kind = (attributes.get("type") or "").strip().lower()
            self._current = [] if "src" not in attributes and kind in csp.RUNNABLE_TYPES else None

    def handle_data(self, data):
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def reference_scripts(html: str) -> list[str]:
    parser = _ReferenceScripts()
    parser.feed(html.replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.scripts


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_carries_the_policy_first_in_its_head(built_site):
    pages = site_pages(built_site)
    assert len(pages) > 100 and built_site / "404.html" in pages
    assert any("embed" in p.parts for p in pages)
    problems = []
    for path in pages:
        parsed = _Page()
        parsed.feed(path.read_text(encoding="utf-8"))
        name = path.relative_to(built_site).as_posix()
        if len(parsed.policies) != 1:
            problems.append(f"{name}: {len(parsed.policies)} policies")
        elif parsed.head_elements[: parsed.policies[0][1]] != ["meta"]:
            problems.append(f"{name}: the policy comes after {parsed.head_elements[: parsed.policies[0][1]]}")
    assert problems == []


def test_the_policy_of_every_page_allows_exactly_its_own_inline_scripts(built_site):
    problems = []
    for path in site_pages(built_site):
        text = path.read_text(encoding="utf-8")
        parsed = _Page()
        parsed.feed(text)
        directives = _directives(parsed.policies[0][0])
        name = path.relative_to(built_site).as_posix()
        expected = {"default-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'", "data:"],
                    "object-src": ["'none'"], "base-uri": ["'self'"], "form-action": ["'self'"]}
        if {k: v for k, v in directives.items() if k != "script-src"} != expected:
            problems.append(f"{name}: {directives}")
        hashes = sorted(csp.script_hash(s) for s in set(reference_scripts(text)))
        if directives["script-src"] != ["'self'", *hashes]:
            problems.append(f"{name}: script-src {directives['script-src']}, expected 'self' and {hashes}")
    assert problems == []


def test_every_page_is_read_as_the_stdlib_html_parser_reads_it(built_site):
    assert [p.relative_to(built_site).as_posix() for p in site_pages(built_site)
            if csp.inline_scripts(text := p.read_text(encoding="utf-8")) != reference_scripts(text)] == []


def test_theme_pages_run_inline_scripts_only_by_hash(built_site):
    page = (built_site / "approaches" / "rag" / "index.html").read_text(encoding="utf-8")
    script_src = _directives(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1))["script-src"]
    assert len(script_src) >= 3 and all(s.startswith("'sha256-") for s in script_src[1:])
    assert "'unsafe-inline'" not in page and "'unsafe-eval'" not in page


def test_no_page_has_what_the_policy_would_block(built_site):
    """style-src 'self' without 'unsafe-inline' blocks <style> elements and style attributes, and script-src blocks
    inline event handlers and javascript: addresses; none may be in a page for the policy to hold."""
    problems = []
    for path in site_pages(built_site):
        parsed = _Page()
        parsed.feed(path.read_text(encoding="utf-8"))
        found = parsed.style_attributes + parsed.handlers + parsed.script_urls + ["<style>"] * parsed.style_elements
        problems += [f"{path.relative_to(built_site).as_posix()}: {item}" for item in found]
    assert problems == []


def test_our_scripts_use_nothing_the_policy_blocks():
    """Our scripts set styles through the CSSOM (element.style) and classes, never as markup, and run no strings."""
    blocked = re.compile(r"setAttribute\(\s*[\"'](style|on\w+)[\"']|\.innerHTML\s*=|insertAdjacentHTML|document\.write|"
                         r"\beval\(|new Function\(|setTimeout\(\s*[\"']|setInterval\(\s*[\"']|javascript:|\.cssText\s*=")
    found = [f"{path.name}:{number}: {line.strip()}" for path in sorted((ROOT / "content" / "assets").glob("*.js"))
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if blocked.search(line)]
    assert found == []


# In the browser ---------------------------------------------------------------------------------------------


