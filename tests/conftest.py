"""Shared fixtures: the real site built once per run, a local server for it, and Chromium through Playwright.

Used by every test module that looks at built pages; the unit tests of the pipeline need none of them.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def make_project(where: Path, data_dir: Path | None = None) -> Path:
    """A copy of the project (config, content, hooks) in `where`, with `data_dir` (default: the real data) as data/."""
    where.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    for folder in ("content", "hooks"):
        shutil.copytree(ROOT / folder, where / folder, ignore=shutil.ignore_patterns("__pycache__"))
    if data_dir is not None:
        # Hand-written pages link to items of the real data; with fixture data they become stubs, so that the
        # navigation still resolves and no link points at an item the fixture does not have.
        for page in (where / "content").rglob("*.md"):
            heading = next((line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# ")), "# Page")
            page.write_text(f"{heading}\n\nA stub of this page for a build from fixture data.\n", encoding="utf-8")
    shutil.copytree(data_dir or DATA, where / "data", symlinks=False)
    if not (where / "data" / "schemas").exists():
        shutil.copytree(DATA / "schemas", where / "data" / "schemas")
    return where


def build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project into site_dir; returns the finished process with its output."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site_dir)], capture_output=True, text=True, env=env, cwd=project)


def world_readable_dir(prefix: str) -> Path:
    """A fresh folder under /tmp that any user can read (LinkChecker drops to 'nobody' when run as root)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    path.chmod(0o755)
    return path


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built once per test run with --strict."""
    site = world_readable_dir("guide-site-") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path, headers: dict[str, str] | None = None):
    """Serve a folder on 127.0.0.1 on a free port in a thread; returns (base URL, server)."""
    class Handler(_QuietHandler):
        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


@pytest.fixture(scope="session")
def site_url(built_site):
    url, server = serve(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; fails (never skips) with how to install what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: run `make setup-test` (pip install -r requirements-test.txt)")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `sudo apt-get install chromium` (or `bash .ci/system-deps`)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that records console errors and page errors in page.guide_errors."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.guide_errors = errors
    yield page
    context.close()
