"""A local preview server: the built site under its base path, with the site's own 404 page."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path
from urllib.parse import urlsplit


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder at base_path, as the static host will."""

    base_path = "/"

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if not path.startswith(self.base_path):
            if path in ("/", self.base_path.rstrip("/")):
                self.send_response(302)
                self.send_header("Location", self.base_path)
                self.end_headers()
            else:
                self._not_found()
            return
        self.path = "/" + self.path[len(self.base_path) :]
        target = Path(self.translate_path(self.path))
        if not target.exists() or (target.is_dir() and not (target / "index.html").exists()):
            self._not_found()
            return
        super().do_GET()

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(site_dir: Path, base_path: str, host: str = "127.0.0.1", port: int = 8000) -> http.server.HTTPServer:
    handler = type("Handler", (SiteHandler,), {"base_path": base_path})
    factory = functools.partial(handler, directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), factory)
