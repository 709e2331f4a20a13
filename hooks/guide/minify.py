"""Our own scripts and stylesheets as the published site serves them: minified by rjsmin and rcssmin.

The files in content/assets/ stay as they are written, with their comments; `mkdocs serve` serves them unchanged
so that they are easy to read in the browser's developer tools, and `mkdocs build` ships them minified (about a
quarter fewer bytes after gzip; docs/performance.md). Called by the MkDocs hook in `on_files`.
"""
from __future__ import annotations

try:  # the packages' C extensions, which rjsmin and rcssmin use themselves, imported without the pure-Python
    # fallbacks (whose regular expressions take a few milliseconds to compile on every build)
    from _rcssmin import cssmin
    from _rjsmin import jsmin
except ImportError:  # no compiled extension for this platform
    from rcssmin import cssmin
    from rjsmin import jsmin

ASSETS = "assets/"  # our own files, under content/assets/


def is_own_asset(src_uri: str) -> bool:
    """A script or stylesheet of ours at the top of assets/ (the theme's own sit in subfolders, already minified)."""
    name = src_uri.removeprefix(ASSETS)
    return src_uri.startswith(ASSETS) and "/" not in name and name.endswith((".js", ".css"))


def minified(src_uri: str, text: str) -> str:
    """The file's text minified; a script keeps its meaning, a stylesheet its rules, each on one line."""
    if src_uri.endswith(".js"):
        return jsmin(text) + "\n"
    if src_uri.endswith(".css"):
        return cssmin(text) + "\n"
    raise ValueError(f"{src_uri}: only .js and .css files are minified")
