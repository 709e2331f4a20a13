"""Shared fixtures: the real model loaded once, the real site built once per run, a local server for it, and
Chromium through Playwright; and the markers each test gets from the folder it lives in (docs/quality.md#tests).

Used by every test module; the unit tests of the pipeline need only the model. Every
browser context watches for Content-Security-Policy violations, and a test in which the site breaks its own
policy fails, whatever else it checks.
"""
from __future__ import annotations

import functools
import http.server
import ipaddress
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pytest
from mkdocs.utils import yaml_load

# Fixtures kept in their own modules, shared by more than one folder of tests.
pytest_plugins = ["hostile_content"]

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
# The browser the tests drive: Debian's Chromium by default; CHROMIUM names another build of Chromium or Chrome
# (the GitHub workflow uses the runner's Google Chrome). .ci/system-deps installs Debian's when CHROMIUM is unset.
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 # No name resolves but this machine's: a page that asks another host fails at once (tests that
                 # look for such requests still see them asked), and no test depends on a network being there.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"]
# For the tests, not the benchmarks (which time what a reader's browser does): a test's page lives for a second or
# two, too short for V8's optimising compiler to repay its work; without it axe on the sampled pages of
# tests/quality/test_axe.py takes about a sixth less processor time (docs/performance.md, "Test suite"). What the
# pages do is the same.
CHROMIUM_TEST_ARGS = [*CHROMIUM_ARGS, "--js-flags=--no-opt"]
# Where the site is published and whose repository it links to, read by mkdocs.yml with `!ENV` (docs/deploy.md).
# The tests build the repository's own defaults wherever they run; a test that wants other values passes them in.
DEPLOY_VARIABLES = ("SITE_URL", "REPO_URL", "REPO_NAME", "EDIT_URI")
for _name in DEPLOY_VARIABLES:
    os.environ.pop(_name, None)


def mkdocs_settings(project: Path = ROOT) -> dict:
    """A project's mkdocs.yml as MkDocs reads it (`!ENV` tags resolved), before MkDocs fills in its defaults."""
    with open(project / "mkdocs.yml", encoding="utf-8") as config:
        return yaml_load(config)


# The tests themselves reach no other machine either: they need nothing beyond what the README's set-up installs,
# and a connection elsewhere fails at once, naming where it tried to go.
_socket_connect, _socket_connect_ex = socket.socket.connect, socket.socket.connect_ex


def _check_local(sock: socket.socket, address) -> None:
    if sock.family not in (socket.AF_INET, socket.AF_INET6):
        return
    host = address[0]
    try:
        local = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        local = False
    if not local:
        raise ConnectionRefusedError(f"the tests reach only this machine, not {host}:{address[1]}")


def _connect_locally(sock, address):
    _check_local(sock, address)
    return _socket_connect(sock, address)


def _connect_ex_locally(sock, address):
    _check_local(sock, address)
    return _socket_connect_ex(sock, address)


socket.socket.connect, socket.socket.connect_ex = _connect_locally, _connect_ex_locally


def thawed(value):
    """A plain, editable copy of a document's read-only data (mappings and tuples become dicts and lists)."""
    if isinstance(value, dict) or type(value).__name__ == "mappingproxy":
        return {k: thawed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [thawed(v) for v in value]
    return value


MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def apply(data_dir: Path, file: str, change) -> None:
    """One edit of a data file: ("replace", old, new) once, ("write", text), ("delete",), ("symlink", target) or
    raw bytes; a replace whose old text the file no longer holds fails, so an edit never silently does nothing."""
    path = data_dir / file
    path.parent.mkdir(parents=True, exist_ok=True)
    kind = change[0]
    if kind == "replace":
        text = path.read_text(encoding="utf-8")
        assert change[1] in text, f"the fixture no longer contains {change[1]!r}"
        path.write_text(text.replace(change[1], change[2], 1), encoding="utf-8")
    elif kind == "write":
        path.write_text(change[1], encoding="utf-8")
    elif kind == "delete":
        path.unlink()
    elif kind == "symlink":
        path.symlink_to(change[1])
    else:
        path.write_bytes(change[1])


def minimal_data(where: Path, *changes: tuple[str, tuple]) -> Path:
    """A copy of the minimal fixture data in where/data, with each (file, change) applied; returns its folder."""
    data = where / "data"
    shutil.copytree(MINIMAL, data, symlinks=False)
    for file, change in changes:
        apply(data, file, change)
    return data


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


def build(project: Path, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project into site_dir, with `env` added to the environment; returns the
    finished process with its output."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(site_dir)], capture_output=True, text=True, env=env, cwd=project)


def world_readable_dir(prefix: str) -> Path:
    """A fresh folder under /tmp that any user can read (LinkChecker drops to 'nobody' when run as root)."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))
    path.chmod(0o755)
    return path


def site_pages(site: Path) -> list[Path]:
    """Every page of a built site: the files that start with a doctype (exports/ holds fragments to paste elsewhere,
    not pages), the 404 page included, sorted."""
    return [path for path in sorted(site.rglob("*.html"))
            if re.match(r"\s*<!doctype html", path.read_text(encoding="utf-8")[:200], re.IGNORECASE)]


@functools.cache
def real_model():
    """The model of the real data (pipeline.load_model), loaded once per run and shared by every test: it is
    read-only, so no test can change what another sees. A function, so that parametrize lists can use it too."""
    from guide import pipeline
    return pipeline.load_model(DATA)


@pytest.fixture(scope="session")
def model():
    """The model of the real data, the same object for every test (see real_model)."""
    return real_model()


# The layers of the suite, one folder each; a test gets its folder's marker, so `-m "not browser and not checker"`
# (`make test-fast`) or `-m unit` selects a layer without a mark written on any test.
LAYERS = {"unit": "unit", "site": "site", "browser": "browser", "quality": "checker", "repo": "repo"}
TESTS = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    """Marks each test by its folder, and also `browser` wherever Chromium starts; a test that starts Chromium
    from a folder that is not for browsers (unit/, site/, repo/) stops the run, so the fast layers stay fast."""
    misplaced, outside = [], []
    for item in items:
        parts = Path(item.path).resolve().relative_to(TESTS).parts
        layer = LAYERS.get(parts[0]) if len(parts) > 1 else None
        if layer:
            item.add_marker(layer)
        else:
            outside.append(item.nodeid)
        if "browser" in item.fixturenames:
            item.add_marker("browser")
            if layer not in ("browser", "checker"):
                misplaced.append(item.nodeid)
    # The slow layers first: spread over processes (make test), the longest tests then start early and do not
    # leave one process working alone at the end. Within a layer the order stays as collected.
    order = {folder: rank for rank, folder in enumerate(("quality", "browser", "site", "repo", "unit"))}
    items.sort(key=lambda item: order.get(Path(item.path).resolve().relative_to(TESTS).parts[0], len(order)))
    if outside:
        raise pytest.UsageError(f"tests belong in one of the layer folders ({', '.join(f'tests/{f}/' for f in LAYERS)}), "
                                "which give them their marker: " + ", ".join(dict.fromkeys(i.split("::")[0] for i in outside)))
    if misplaced:
        raise pytest.UsageError("tests that start Chromium belong in tests/browser/ (or tests/quality/ for a "
                                "checker): " + ", ".join(misplaced))


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built once per test run with --strict."""
    site = world_readable_dir("guide-site-") / "site"
    result = build(ROOT, site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    for path in [site, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return site


@pytest.fixture(scope="session")
def offline_site() -> Path:
    """The offline edition, built as `make offline` builds it (OFFLINE=true turns on the offline plugin)."""
    site = world_readable_dir("guide-offline-") / "site"
    result = build(ROOT, site, env={"OFFLINE": "true"})
    assert result.returncode == 0, f"the offline build failed:\n{result.stdout}\n{result.stderr}"
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder: Path, headers: dict[str, str] | Callable[[str], dict[str, str]] | None = None):
    """Serve a folder on 127.0.0.1 on a free port in a thread; returns (base URL, server). `headers` are sent with
    every response, or, given as a function, those it returns for the request's path."""
    class Handler(_QuietHandler):
        def end_headers(self):
            extra = headers(urlsplit(self.path).path) if callable(headers) else headers or {}
            for name, value in extra.items():
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


# Run in every page and frame before the page's own scripts: a blocked script, style, image or frame fires
# `securitypolicyviolation`, which is turned into a console error the watcher below collects.
_CSP_LISTENER = """document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.effectiveDirective + " blocked " + (event.blockedURI || "an inline item")
    + (event.sample ? " (" + event.sample + ")" : "") + " in " + event.documentURI);
}, true);"""
CSP_VIOLATIONS: list[str] = []  # what the browser refused since the current test began


def _record_csp_violation(message) -> None:
    text = message.text
    if message.type == "error" and (text.startswith("CSP violation: ") or text.startswith("Refused to")
                                    or "Content Security Policy" in text):
        where = message.page.url if message.page else message.location.get("url", "")
        CSP_VIOLATIONS.append(f"{where}: {text}")


class _WatchedBrowser:
    """The Playwright browser, whose every new context reports policy violations into CSP_VIOLATIONS."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(_CSP_LISTENER)
        context.on("console", _record_csp_violation)
        return context

    def new_page(self, **options):
        return self.new_context(**options).new_page()

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    """Chromium (CHROMIUM, default Debian's) driven by Playwright, every context of it watched for policy
    violations; fails (never skips) with how to install what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Playwright for Python is missing: run `make setup-test` (pip install -r requirements-test.txt)")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `sudo apt-get install chromium` (or `bash .ci/system-deps`), "
                    "or set CHROMIUM to the path of an installed Chromium or Chrome")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_TEST_ARGS, headless=True)
        yield _WatchedBrowser(chromium)
        chromium.close()


@pytest.fixture
def csp_violations():
    """The policy violations of the current test, for a test that provokes one on purpose: it reads the list and
    empties it, and the check after the test finds nothing left."""
    return CSP_VIOLATIONS


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    CSP_VIOLATIONS.clear()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fails a test during which a page broke the site's Content-Security-Policy (its fixtures' set-up included)."""
    result = yield
    if CSP_VIOLATIONS:
        found, count = "\n".join(dict.fromkeys(CSP_VIOLATIONS)), len(CSP_VIOLATIONS)
        CSP_VIOLATIONS.clear()
        raise AssertionError(f"{count} Content-Security-Policy violation(s) in the browser:\n{found}")
    return result


@pytest.fixture(scope="session")
def shared_context(browser):
    """The browser context the tests that need no options of their own share, one per worker. A fresh context starts
    with an empty cache, so every test in one would fetch and compile the theme's scripts and styles again: on the
    decision tree's page that is about half a second of processor time a test (docs/performance.md, "Test suite").
    A viewport or a colour scheme is set on the page; a test that needs no JavaScript, a touch screen, permissions,
    routes of its own or a browser that has never seen the site makes its own context."""
    context = browser.new_context()
    context.guide_origins = set()   # every origin a page of it showed, whose stored data forget() clears
    context.on("page", lambda page: page.on("framenavigated", lambda frame: context.guide_origins.add(
        "{0.scheme}://{0.netloc}".format(urlsplit(frame.url)))))
    yield context
    context.close()


def recording_page(context):
    """A new page of `context` that records console errors and page errors in page.guide_errors."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None)
    page.guide_errors = errors
    return page


@pytest.fixture
def page(shared_context):
    """A new page of the shared context that records console errors and page errors in page.guide_errors. After the
    test, the pages it opened are closed and what they stored is cleared (forget)."""
    before = set(shared_context.pages)
    yield recording_page(shared_context)
    forget(shared_context, [p for p in shared_context.pages if p not in before])


def forget(context, pages) -> None:
    """Close `pages` of a shared context and clear what the context's pages stored (cookies; local and session
    storage and IndexedDB of every http and https origin they showed), so that the next test starts as a new reader
    would. The cache of the site's files is kept."""
    context.clear_cookies()
    origins = sorted(o for o in context.guide_origins if o.startswith(("http://", "https://")))
    context.guide_origins.clear()
    if origins:
        if not (pages or context.pages):
            pages = [context.new_page()]  # a page to reach the browser through, closed below with the others
        session = context.new_cdp_session((pages or context.pages)[0])
        for origin in origins:
            session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.detach()
    for page in pages:
        page.close()
