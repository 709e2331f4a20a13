"""Embeds in Chromium: chrome-less pages that work inside another site's iframe, under a strict CSP and in a sandbox.

Each snippet is tested exactly as the "Embed and export" page publishes it, pasted into a host page on a second
origin whose policy allows no inline script or style: the frame takes its content's height, the policy reports
no violation, and links open the full guide in a new tab outside the sandbox. The embed pages' markup is checked
in tests/site/test_embeds.py.
"""
from __future__ import annotations

from html.parser import HTMLParser
import pytest
from conftest import serve, world_readable_dir, real_model
from playwright.sync_api import expect
from guide.embed_list import SANDBOX, embeds


# Embed pages are served under a policy stricter than their own meta tag (no inline script at all); the full
# guide's pages keep their own policy, which allows the theme's inline scripts by hash.
SITE_CSP = "default-src 'self'"


MODEL = real_model()
EMBEDS = embeds(MODEL)
TREE = MODEL.items["decision-trees"][0]


# Records, in every frame and before any script of the page runs, what the policy refused and the heights the
# host received. Playwright injects it outside the page's policy.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
window.__heights = [];
window.addEventListener("message", function (e) {
  if (e.data && e.data.type === "prompt-rag-fine-tune:height") window.__heights.push(e.data.height);
});
"""


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


@pytest.fixture(scope="module")
def guide_server(built_site):
    url, server = serve(built_site, lambda path: {"Content-Security-Policy": SITE_CSP} if path.startswith("/embed/") else {})
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def published(browser, guide_server):
    """{title: snippet} read from the Embed and export page as served, where the snippets carry its address."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{guide_server}embed-and-export/")
    snippets = page.evaluate("""[...document.querySelectorAll('.guide-snippets code')].map(c =>
        [c.closest('.guide-snippet').previousElementSibling.previousElementSibling.textContent, c.textContent])""")
    context.close()
    return dict(snippets)


@pytest.fixture(scope="module")
def host(guide_server):
    """A second origin whose pages allow frames and scripts from the guide only, and nothing inline."""
    folder = world_readable_dir("guide-host-")
    (folder / "favicon.ico").write_bytes(b"")
    origin = guide_server.rstrip("/")
    policy = f"default-src 'self'; frame-src {origin}; script-src 'self' {origin}"
    url, server = serve(folder, {"Content-Security-Policy": policy})

    def page_with(name: str, snippet: str) -> str:
        (folder / name).write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Team wiki</title>
<link rel="icon" href="favicon.ico"></head><body><h1>Team wiki</h1><p>Before the embed.</p>
{snippet}
<p>After the embed.</p></body></html>""", encoding="utf-8")
        return url + name
    yield page_with
    server.shutdown()


def _watched(browser, **options):
    context = browser.new_context(**options)
    context.add_init_script(WATCH)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" or "Content Security Policy" in m.text else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return context, page, problems


def _content_height(frame) -> int:
    return frame.evaluate("Math.ceil(document.documentElement.getBoundingClientRect().height)")


def _frame_height(page) -> float:
    return page.locator("iframe[data-prompt-rag-fine-tune]").bounding_box()["height"]


def _wait_for_fit(page, frame, tolerance: int = 3) -> None:
    page.wait_for_function(
        """([tolerance]) => {
             const frame = document.querySelector('iframe[data-prompt-rag-fine-tune]');
             const last = window.__heights[window.__heights.length - 1];
             return last !== undefined && Math.abs(frame.getBoundingClientRect().height - last) <= tolerance;
           }""", arg=[tolerance])
    assert abs(_frame_height(page) - _content_height(frame)) <= tolerance


def test_every_view_has_a_published_snippet_with_no_inline_script_or_style(published):
    assert sorted(published) == sorted(e["title"] for e in EMBEDS)
    for title, snippet in published.items():
        parser = _Tags()
        parser.feed(snippet)
        tags = dict(parser.tags)
        assert [t for t, _ in parser.tags] == ["iframe", "script"], title
        assert all("style" not in attrs for _, attrs in parser.tags), title
        assert tags["script"]["src"].endswith("/assets/embed-host.js") and "defer" in tags["script"]
        assert tags["iframe"]["sandbox"] == SANDBOX
        assert tags["iframe"]["src"].endswith("?theme=light")
        assert "data-prompt-rag-fine-tune" in tags["iframe"]


@pytest.mark.parametrize("embed", EMBEDS, ids=[e["src"] for e in EMBEDS])
def test_published_snippet_on_a_strict_host_sizes_the_frame(browser, published, host, embed):
    """The snippet as published, on another origin under script-src 'self' <guide>: no violation, no error, and
    the frame's first reported height is already its content's height (no outline drawn and then hidden)."""
    url = host(f"{embed['src'].replace('/', '-')}.html", published[embed["title"]])
    context, page, problems = _watched(browser, viewport={"width": 900, "height": 700})
    page.goto(url)
    frame = page.frame_locator("iframe[data-prompt-rag-fine-tune]")
    frame.locator("main").wait_for()
    inner = page.frames[1]
    _wait_for_fit(page, inner)
    heights = page.evaluate("window.__heights")
    assert max(heights) - min(heights) <= 3, f"the height jumped while the embed loaded: {heights}"
    assert page.evaluate("window.__violations") == [] and inner.evaluate("window.__violations") == []
    assert page.locator("iframe[data-prompt-rag-fine-tune]").evaluate("f => getComputedStyle(f).borderTopWidth") == "0px"
    context.close()
    assert problems == [], url


@pytest.mark.parametrize("sandbox", [SANDBOX, "allow-scripts allow-popups"])
def test_tree_walked_to_an_outcome_in_a_strict_host_keeps_fitting(browser, published, host, sandbox):
    """Answers change the tree's height; the frame follows, also in a stricter sandbox (an opaque origin)."""
    snippet = published[TREE["title"]].replace(f'sandbox="{SANDBOX}"', f'sandbox="{sandbox}"')
    context, page, problems = _watched(browser)
    page.goto(host(f"walk-{len(sandbox)}.html", snippet))
    frame = page.frame_locator("iframe[data-prompt-rag-fine-tune]")
    example = TREE["examples"][0]
    questions = {q["id"]: q for q in TREE["questions"]}
    node = TREE["start"]
    for answer in example["answers"]:
        option = next(o for o in questions[node]["options"] if o["id"] == answer)
        frame.locator(".dt-option", has_text=option["label"]).first.click()
        node = option["next"]
    outcome = next(o for o in TREE["outcomes"] if o["id"] == example["outcome"])
    expect(frame.locator(".dt-heading", has_text=outcome["title"]).first).to_be_visible()
    page.wait_for_timeout(200)
    _wait_for_fit(page, page.frames[1])
    assert page.evaluate("window.__violations") == []
    context.close()
    assert problems == []


def test_a_frame_the_wiki_adds_after_the_host_script_is_sized_too(browser, published, host):
    """Wikis that draw their pages with scripts add the iframe after the host script has started."""
    iframe, script = published[TREE["title"]].split("\n")
    context, page, problems = _watched(browser)
    page.goto(host("late.html", script))
    page.wait_for_load_state("load")
    page.evaluate("html => document.body.insertAdjacentHTML('beforeend', html)", iframe)
    page.frame_locator("iframe[data-prompt-rag-fine-tune]").locator(".dt-option").first.wait_for()
    _wait_for_fit(page, page.frames[1])
    assert page.locator("iframe[data-prompt-rag-fine-tune]").evaluate("f => getComputedStyle(f).borderTopWidth") == "0px"
    context.close()
    assert problems == []


def test_links_in_an_embed_open_the_full_guide_outside_the_sandbox(browser, published, host, guide_server):
    context, page, problems = _watched(browser)
    page.goto(host("links.html", published[TREE["title"]]))
    frame = page.frame_locator("iframe[data-prompt-rag-fine-tune]")
    with context.expect_page() as opened:
        frame.get_by_role("link", name="Open in the full guide").click()
    guide = opened.value
    guide.wait_for_load_state()
    assert guide.url == f"{guide_server}decision-trees/{TREE['id']}/"
    assert guide.evaluate("window.opener") is None
    # Outside the sandbox the guide has its own origin: its theme keeps the reader's choices in localStorage.
    assert guide.evaluate("(() => { try { localStorage.setItem('t', '1'); return 'stored'; } "
                          "catch (e) { return e.name; } })()") == "stored"
    assert guide.evaluate("origin") == guide_server.rstrip("/")
    context.close()
    assert [p for p in problems if "SecurityError" in p] == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_host_chooses_light_or_dark_not_the_readers_system(page, guide_server, scheme):
    page.emulate_media(color_scheme="dark" if scheme == "light" else "light")
    page.goto(f"{guide_server}embed/synthesis/?theme={scheme}")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == ("rgb(255, 255, 255)" if scheme == "light" else "rgb(30, 33, 41)")


def test_the_outline_is_never_drawn_while_the_tree_script_loads(browser, guide_server):
    """The tree's script arrives late: meanwhile the page shows neither the outline nor an empty widget's height
    jump, and once it has run the widget shows."""
    context = browser.new_context()
    page = context.new_page()
    held = []
    page.route("**/assets/decision-tree.js", lambda route: held.append(route))
    page.goto(f"{guide_server}embed/decision-trees/{TREE['id']}/", wait_until="commit")
    page.wait_for_function("() => document.readyState !== 'loading'")  # parsed; the deferred tree script is held back
    expect(page.locator(".dt-outline")).to_be_hidden()
    assert page.evaluate("document.documentElement.classList.contains('guide-embed-js')")
    for route in held:
        route.continue_()
    page.wait_for_function("() => !document.querySelector('.dt-widget[hidden]')")
    expect(page.locator(".dt-widget")).to_be_visible()
    expect(page.locator(".dt-outline")).to_be_hidden()
    context.close()


def test_embeds_work_from_disk(page, built_site):
    """Relative addresses throughout: the embed opened as a file still loads its script and styles."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built_site / "embed" / "decision-trees" / TREE["id"] / "index.html").as_uri())
    page.locator(".dt-option").first.click()
    assert page.locator(".dt-trail a").count() == 1
    page.goto((built_site / "embed" / "synthesis" / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.guide-table')).borderCollapse") == "collapse"
    assert errors == []

