"""`mkdocs serve` for a contributor: a saved data file reloads its page, and a data error is printed while the
server keeps running, until the file is fixed and the page comes back."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit


from conftest import ROOT, make_project, mkdocs_settings
from test_contributor_review import relax_links_to_real_content

MINIMAL = ROOT / "tests" / "fixtures" / "minimal"
WAIT = 60  # seconds: the longest any one step may take


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`mkdocs serve` of a project in a child process, its output collected as it comes."""

    def __init__(self, project, port: int):
        # `mkdocs serve` serves the site under the path of site_url, as it will be published.
        site_url = mkdocs_settings(project).get("site_url") or "/"
        self.base = f"http://127.0.0.1:{port}{urlsplit(site_url).path.rstrip('/')}/"
        self.output: list[str] = []
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.output.append(line)

    def text(self) -> str:
        return "".join(self.output)

    def get(self, path: str) -> str | None:
        return self.get_root(urlsplit(self.base).path.lstrip("/") + path)

    def get_root(self, path: str) -> str | None:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{urlsplit(self.base).port}/{path}", timeout=5) as response:
                return response.read().decode("utf-8")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: str, condition) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the server stopped while waiting for {what}:\n{self.text()}"
            if condition():
                return
            time.sleep(0.3)
        raise AssertionError(f"no {what} within {WAIT} s; server output:\n{self.text()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)


def test_serve_reloads_data_and_survives_a_data_error(tmp_path):
    project = relax_links_to_real_content(make_project(tmp_path / "project", MINIMAL))
    faq = project / "data" / "faq" / "which.yml"
    original = faq.read_text(encoding="utf-8")
    assert "answer: It depends.\n" in original
    server = Server(project, free_port())
    try:
        server.wait_for("first page", lambda: "It depends." in (server.get("faq/") or ""))
        # `mkdocs serve` serves our scripts and stylesheets as written, for reading in the browser; builds minify them.
        assert server.get("assets/decision-tree.js") == (project / "content" / "assets" / "decision-tree.js").read_text(encoding="utf-8")

        faq.write_text(original.replace("answer: It depends.", "answer: Start with a careful prompt."), encoding="utf-8")
        server.wait_for("the edited answer", lambda: "Start with a careful prompt." in (server.get("faq/") or ""))

        faq.write_text(original.replace("order: 1\n", "order: 1\norder: 2\n"), encoding="utf-8")
        message = "data/faq/which.yml:6:1: order: duplicate key 'order' (first defined at line 5); keep one"
        server.wait_for("the data error in the output", lambda: message in server.text())
        assert server.process.poll() is None, "a data error must not stop the server"
        # Pages wait for a good build (MkDocs holds them rather than serve a half-built site); the server itself
        # still answers: its live-reload endpoint returns the epoch of the last good build at once.
        assert (server.get_root("livereload/0/0") or "").isdigit(), server.text()

        faq.write_text(original.replace("answer: It depends.", "answer: Measure before you train."), encoding="utf-8")
        server.wait_for("the fixed page", lambda: "Measure before you train." in (server.get("faq/") or ""))
        assert server.process.poll() is None
    finally:
        server.stop()
    assert server.process.returncode is not None
