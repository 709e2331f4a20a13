"""Page weight: the gzip bytes a first visit transfers, our own assets' gzip size, and which pages load what they do not use.

Used by `bench.py`; pages are loaded in Chromium from `gzip_server.GzipServer`, one fresh browser context (empty cache) each.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from gzip_server import GzipServer, gzip_size

# The first literal element lookup in a script is where it starts; it stops when that element is missing.
_LOOKUP = re.compile(r"""getElementById\(\s*(["'])([^"']+)\1\s*\)|querySelector(?:All)?\(\s*(["'])([^"']+)\3\s*\)""")

_USAGE = """(own) => {
  const dynamic = new RegExp("::?(?:before|after|marker|placeholder|selection|first-line|first-letter|backdrop|" +
    "hover|focus-visible|focus-within|focus|active|visited|link|checked|disabled|enabled|target)\\\\b(?:\\\\([^)]*\\\\))?", "g");
  const matches = (selector) => {
    const plain = selector.replace(dynamic, "").trim() || "*";
    try { return document.querySelector(plain) !== null; } catch (e) { return true; }  // unknown syntax: assume used
  };
  const rulesOf = (list, out) => {
    for (const rule of list) {
      if (rule.selectorText !== undefined) out.push(rule.selectorText);
      else if (rule.cssRules) rulesOf(rule.cssRules, out);
    }
    return out;
  };
  const name = (url) => url ? new URL(url, location.href).pathname.split("/").pop() : "";
  const result = {styles: {}, scripts: {}};
  for (const sheet of document.styleSheets) {
    const file = name(sheet.href);
    if (!own.styles.includes(file)) continue;
    const rules = rulesOf(sheet.cssRules, []);
    result.styles[file] = {rules: rules.length, matched: rules.filter((s) => s.split(",").some(matches)).length};
  }
  for (const script of document.querySelectorAll("script[src]")) {
    const file = name(script.src);
    if (!(file in own.scripts)) continue;
    const entry = own.scripts[file];
    result.scripts[file] = {entry: entry, used: entry === null ? null : matches(entry)};
  }
  return result;
}"""


def own_assets(assets_dir: Path, built_dir: Path) -> dict[str, dict]:
    """Each of our own scripts and stylesheets: bytes and gzip bytes as the built site serves them (minified) and as
    written in content/assets/, and for a script its entry lookup (a selector)."""
    out = {}
    for path in sorted(p for p in assets_dir.iterdir() if p.suffix in (".js", ".css")):
        source = path.read_bytes()
        built = (built_dir / path.name).read_bytes()
        entry = None
        if path.suffix == ".js":
            match = _LOOKUP.search(source.decode("utf-8"))
            if match:
                entry = f"#{match.group(2)}" if match.group(2) else match.group(4)
        out[path.name] = {"raw": len(built), "gzip": gzip_size(built), "source_raw": len(source),
                          "source_gzip": gzip_size(source), "entry": entry}
    return out


def first_visit(browser, server: GzipServer, path: str, runs: int = 2) -> dict:
    """Bytes transferred (as sent, gzip where the server compresses) for a first visit to `path`, by resource."""
    totals, resources = [], None
    for _ in range(runs):
        context = browser.new_context()
        page = context.new_page()
        server.take_log()
        page.goto(server.url + path, wait_until="networkidle")
        page.wait_for_timeout(500)  # late requests of the theme (search worker, its index)
        log = server.take_log()
        context.close()
        totals.append(sum(s.body_bytes for s in log))
        resources = log
    by_resource = defaultdict(int)
    for sent in resources:
        by_resource[sent.path] += sent.body_bytes
    return {"bytes": sorted(totals)[len(totals) // 2], "stable": len(set(totals)) == 1, "resources": dict(by_resource),
            "requests": len(resources)}


def usage(browser, server: GzipServer, site: Path, assets: dict[str, dict]) -> dict:
    """For every built page: which of our assets it loads and whether it uses them (JavaScript off: the DOM as built).

    A stylesheet is used when one of its rules matches an element; a script when its entry lookup finds one.
    """
    own = {"styles": [n for n in assets if n.endswith(".css")],
           "scripts": {n: a["entry"] for n, a in assets.items() if n.endswith(".js")}}
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    loads: dict[str, list[str]] = defaultdict(list)
    unused: dict[str, list[str]] = defaultdict(list)
    unchecked: dict[str, list[str]] = defaultdict(list)
    pages = sorted(site.rglob("*.html"))
    for html in pages:
        rel = html.relative_to(site).as_posix()
        url_path = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        page.goto(server.url + url_path, wait_until="load")
        found = page.evaluate(_USAGE, own)
        for name, info in found["styles"].items():
            loads[name].append(url_path)
            if info["matched"] == 0:
                unused[name].append(url_path)
        for name, info in found["scripts"].items():
            loads[name].append(url_path)
            if info["used"] is None:
                unchecked[name].append(url_path)
            elif not info["used"]:
                unused[name].append(url_path)
    context.close()
    return {"pages": len(pages), "loads": dict(loads), "unused": dict(unused), "unchecked": dict(unchecked)}


def sections(paths) -> str:
    """'decision-trees/ (3), embed/ (2)': where a list of page paths lie, for the report."""
    counts = defaultdict(int)
    for p in paths:
        counts[p.split("/")[0] + "/" if "/" in p else p or "(home)"] += 1
    return ", ".join(f"{k} ({v})" for k, v in sorted(counts.items()))
