"""Embeds: chrome-less pages that work inside another site's iframe, under a strict CSP and in a sandbox."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import serve, world_readable_dir

from guide.embeds import embeds
from guide.pipeline import load_model

ROOT = Path(__file__).resolve().parents[1]
MODEL = load_model(ROOT / "data")
CSP = "default-src 'self'; script-src 'self'"
EMBEDS = embeds(MODEL)


@pytest.mark.parametrize("embed", EMBEDS, ids=[e["src"] for e in EMBEDS])
def test_embed_is_chrome_less_and_links_leave_in_a_new_tab(built_site, embed):
    html = (built_site / embed["src"].replace("index.md", "index.html")).read_text(encoding="utf-8")
    assert "md-header" not in html and "md-sidebar" not in html and "md-footer" not in html and "md-search" not in html
    assert "Open in the full guide" in html
    leaving = re.findall(r"<a href=\"(?!#)[^\"]*\"[^>]*>", html)
    assert leaving, "an embed links to the full guide"
    assert [a for a in leaving if 'target="_blank"' not in a or 'rel="noopener"' not in a] == []
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "an embed loads nothing from another host"


@pytest.fixture(scope="module")
def two_origins(built_site):
    """The site on one origin, served with a strict CSP, and a host page on another origin that embeds it."""
    site_url, site_server = serve(built_site, {"Content-Security-Policy": CSP})
    tree = MODEL.items["decision-trees"][0]
    src = f"{site_url}embed/decision-trees/{tree['id']}/"
    host_dir = world_readable_dir("guide-host-")
    (host_dir / "index.html").write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Wiki</title><link rel="icon" href="data:,"><style>iframe {{ border: 0; display: block; }}</style></head><body>
<iframe id="plain" src="{src}" title="Tree" width="800" height="300" data-prompt-rag-fine-tune></iframe>
<iframe id="sandboxed" src="{src}" title="Tree, sandboxed" width="800" height="300" sandbox="allow-scripts allow-popups"
 data-prompt-rag-fine-tune></iframe>
<script>
window.heights = [];
window.addEventListener("message", function (event) {{
  var data = event.data;
  if (!data || data.type !== "prompt-rag-fine-tune:height") return;
  var frame = Array.prototype.filter.call(document.querySelectorAll("iframe"), function (f) {{ return f.contentWindow === event.source; }})[0];
  window.heights.push({{frame: frame ? frame.id : null, height: data.height, origin: event.origin}});
  if (frame) frame.style.height = data.height + "px";
}});
</script></body></html>""", encoding="utf-8")
    host_url, host_server = serve(host_dir)
    yield host_url, site_url.rstrip("/"), tree
    site_server.shutdown()
    host_server.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("frame_id", ["plain", "sandboxed"])
def test_tree_walks_to_an_outcome_inside_an_iframe_under_csp(browser, two_origins, frame_id):
    host_url, site_origin, tree = two_origins
    context = browser.new_context()
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    page.on("response", lambda r: console.append(f"error: {r.status} {r.url}") if r.status >= 400 else None)
    page.goto(host_url)
    frame = page.frame_locator(f"#{frame_id}")
    example = tree["examples"][0]
    questions = {q["id"]: q for q in tree["questions"]}
    node = tree["start"]
    for answer in example["answers"]:
        option = next(o for o in questions[node]["options"] if o["id"] == answer)
        frame.locator(".dt-option", has_text=option["label"]).first.click()
        node = option["next"]
    outcome = next(o for o in tree["outcomes"] if o["id"] == example["outcome"])
    frame.locator(".dt-heading", has_text=outcome["title"]).first.wait_for()
    page.wait_for_function(f"window.heights.some(function (h) {{ return h.frame === '{frame_id}' && h.height > 300; }})")
    heights = [h for h in page.evaluate("window.heights") if h["frame"] == frame_id]
    # A sandboxed frame without allow-same-origin has an opaque origin, which messages report as "null".
    assert heights[-1]["origin"] == ("null" if frame_id == "sandboxed" else site_origin)
    box = page.locator(f"#{frame_id}").bounding_box()
    assert abs(box["height"] - heights[-1]["height"]) <= 2, "the host resized the iframe to the reported height"
    context.close()
    problems = [c for c in console if c.startswith(("error", "pageerror")) or "Content Security Policy" in c]
    assert problems == []


@pytest.mark.browser
def test_embeds_work_from_disk(browser, built_site):
    """Relative addresses throughout: the embed opened as a file still loads its script and styles."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    tree = MODEL.items["decision-trees"][0]
    page.goto((built_site / "embed" / "decision-trees" / tree["id"] / "index.html").as_uri())
    page.locator(".dt-option").first.click()
    assert page.locator(".dt-trail a").count() == 1
    page.goto((built_site / "embed" / "synthesis" / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.querySelector('.guide-table')).borderCollapse") == "collapse"
    context.close()
    assert errors == []
