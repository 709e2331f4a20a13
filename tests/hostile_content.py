"""Hostile content for the tests: script payloads put into every free-text field of the minimal fixture, and the
site built from it once per run (the `hostile_site` fixture, registered by tests/conftest.py).

Used by tests/site/test_hostile.py (pages and exports keep the payloads as text) and tests/browser/test_hostile_browser.py
(nothing executes in Chromium).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import build, make_project, serve

from guide.catalog import COLLECTIONS
from guide.documents import schema_comment
from guide.pipeline import check
from guide.references import text_fields
from guide.schemas import validate
from guide.strict_yaml import parse

MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"
PAYLOADS = [
    "<script>window.__pwned='script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "\"><svg onload=\"window.__pwned='svg'\">",
    "</script><script>window.__pwned='close'</script>",
    "javascript:window.__pwned='text'",
    "*x*{: onclick=\"window.__pwned='attr'\" }",
    "&lt;img src=x onerror=window.__pwned='entity'&gt; &quot;&gt;&lt;b&gt;",
    "' onmouseover='window.__pwned=`quote`' x='",
]
SHORT = "<b onmouseover=x>"


def _set(value, path, new):
    for part in path[:-1]:
        value = value[part]
    value[path[-1]] = new


def _get(value, path):
    for part in path:
        value = value[part]
    return value


def poison(data_dir: Path) -> int:
    """Append a payload to every string field whose schema accepts it; return how many fields were poisoned."""
    count = 0
    for name in COLLECTIONS:
        for path in sorted((data_dir / name).glob("*.yml")):
            document, positions, _ = parse(path.read_bytes(), str(path))
            for i, field in enumerate([path for path, _ in text_fields(document)]):
                original = _get(document, field)
                rotated = PAYLOADS[i % len(PAYLOADS):] + PAYLOADS[: i % len(PAYLOADS)] + [SHORT]
                for payload in (f"{original} {p}" for p in rotated):
                    _set(document, field, payload)
                    if not validate(document, name, str(data_dir / "schemas"), str(path), positions):
                        count += 1
                        break
                else:
                    _set(document, field, original)
            text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000)
            path.write_text(schema_comment(name) + "\n" + text, encoding="utf-8")
    return count


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data-src"
    shutil.copytree(MINIMAL, data, symlinks=False)
    poisoned = poison(data)
    assert poisoned > 60, f"only {poisoned} fields took a payload"
    assert check(data)[1] == [], "the poisoned fixture must still be valid data"
    project = make_project(root / "project", data)
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    url, server = serve(site)
    yield site, url
    server.shutdown()
