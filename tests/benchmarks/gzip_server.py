"""A local static server that gzips text responses and records the bytes it sends, for the page-weight figures.

Used by `page_weight.py`, `tree_clicks.py` and `lighthouse.py`; each response body is counted as sent (compressed).
"""
from __future__ import annotations

import gzip
import http.server
import mimetypes
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml",
                    "application/atom+xml", "application/manifest+json")
LEVEL = 6  # the usual default of web servers (Apache mod_deflate, most CDNs)


@dataclass
class Sent:
    path: str
    status: int
    encoding: str      # 'gzip' or 'identity'
    body_bytes: int    # as transferred
    raw_bytes: int     # before compression


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser closing a connection early is no error of the page


class GzipServer:
    """Serves `root` on 127.0.0.1 under `mount` (the path of the site's site_url, e.g. '/guide/', since the 404 page
    uses absolute addresses); `log` lists every response; `url` is the site's base address, ending in '/'."""

    def __init__(self, root: Path, mount: str = "/"):
        self.root = Path(root).resolve()
        self.mount = "/" + mount.strip("/") + "/" if mount.strip("/") else "/"
        self.log: list[Sent] = []
        self._lock = threading.Lock()
        self._cache: dict[Path, bytes] = {}
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._respond(self, head=False)

            def do_HEAD(self):
                server._respond(self, head=True)

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}{self.mount}"
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def close(self):
        self._httpd.shutdown()
        self._httpd.server_close()

    def take_log(self) -> list[Sent]:
        with self._lock:
            log, self.log = self.log, []
        return log

    def _file_for(self, url_path: str) -> tuple[Path | None, bool]:
        """(file, needs a trailing-slash redirect)."""
        if not (url_path + "/").startswith(self.mount):
            return None, False
        path = (self.root / unquote(url_path)[len(self.mount):].lstrip("/")).resolve()
        if self.root not in (path, *path.parents):
            return None, False
        if path.is_dir():
            if not url_path.endswith("/"):
                return path, True
            path = path / "index.html"
        return (path if path.is_file() else None), False

    def _respond(self, handler, head: bool):
        url_path = urlsplit(handler.path).path
        path, redirect = self._file_for(url_path)
        if redirect:
            handler.send_response(301)
            handler.send_header("Location", url_path + "/")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            self._record(url_path, 301, "identity", 0, 0)
            return
        status = 200
        if path is None:
            status, path = 404, self.root / "404.html"
            if not path.is_file():
                handler.send_error(404)
                return
        raw = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body, encoding = raw, "identity"
        if "gzip" in handler.headers.get("Accept-Encoding", "") and kind.startswith(COMPRESSED_TYPES):
            if path not in self._cache:
                self._cache[path] = gzip.compress(raw, compresslevel=LEVEL, mtime=0)
            body, encoding = self._cache[path], "gzip"
        handler.send_response(status)
        handler.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        handler.send_header("Content-Length", str(len(body)))
        handler.send_header("Cache-Control", "no-cache")
        if encoding == "gzip":
            handler.send_header("Content-Encoding", "gzip")
            handler.send_header("Vary", "Accept-Encoding")
        handler.end_headers()
        if not head:
            handler.wfile.write(body)
        self._record(url_path, status, encoding, len(body), len(raw))

    def _record(self, path, status, encoding, body, raw):
        with self._lock:
            self.log.append(Sent(path, status, encoding, body, raw))


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=LEVEL, mtime=0))
