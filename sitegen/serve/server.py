"""A local preview server: the built site under its base path, with the site's own 404 page.

With a SiteState, HTML pages get the live-reload script, and the script's long-poll is answered.
"""

from __future__ import annotations

import functools
import http.server
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from sitegen.serve.csp import RECOMMENDED_CSP
from sitegen.serve.livereload import ENDPOINT, RELOAD_SCRIPT, SiteState, inject

BOOKKEEPING = ".sitegen"  # the start of the name of every file sitegen keeps for itself in the output folder


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder at base_path, as the static host will, and nothing outside it."""

    base_path = "/"
    state: SiteState | None = None
    csp: str | None = RECOMMENDED_CSP  # served as the host should, so that a violation shows while previewing

    def end_headers(self) -> None:
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        if not path.startswith(self.base_path):
            if path in ("/", self.base_path.rstrip("/")):
                self.send_response(302)
                self.send_header("Location", self.base_path)
                self.end_headers()
            else:
                self._not_found()
            return
        relative = path[len(self.base_path) :]
        if self.state is not None and relative.startswith(ENDPOINT):
            self._live(relative[len(ENDPOINT) :], parse_qs(parts.query))
            return
        self.path = "/" + self.path[len(self.base_path) :]
        target = Path(self.translate_path(self.path))
        if not self._servable(target) or (target.is_dir() and not self._servable(target / "index.html")):
            self._not_found()
            return
        page = target / "index.html" if target.is_dir() else target
        if self.state is not None and page.suffix == ".html" and (target.is_file() or path.endswith("/")):
            self._send(200, page.read_bytes(), "text/html; charset=utf-8")
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        """As a GET would answer, without the body: the same files only."""
        path = urlsplit(self.path).path
        target = Path(self.translate_path("/" + path[len(self.base_path) :]))
        inside = path.startswith(self.base_path) and self._servable(target)
        if not inside or (target.is_dir() and not self._servable(target / "index.html")):
            self.send_response(404)
            self.end_headers()
            return
        self.path = "/" + self.path[len(self.base_path) :]
        super().do_HEAD()

    def _servable(self, target: Path) -> bool:
        """Whether target is a file or folder of the site itself: inside the output folder once every link is
        followed, and not one of sitegen's own bookkeeping files (.sitegen-manifest, .sitegen-journal)."""
        site = Path(self.directory).resolve()
        try:
            inside = target.resolve(strict=True).relative_to(site)
        except (OSError, ValueError):  # missing, a loop, or outside the site
            return False
        return not any(part.startswith(BOOKKEEPING) for part in inside.parts)

    def _live(self, name: str, query: dict[str, list[str]]) -> None:
        assert self.state is not None
        if name == "reload.js":
            self._send(200, RELOAD_SCRIPT.encode("utf-8"), "text/javascript; charset=utf-8")
        elif name == "wait":
            since = int(query.get("since", ["-1"])[0] or -1)
            body = json.dumps(self.state.wait(since)).encode("utf-8")
            self._send(200, body, "application/json")
        else:
            self._not_found()

    def _not_found(self) -> None:
        page = Path(self.directory) / "404.html"
        self._send(404, page.read_bytes() if page.exists() else b"Not found", "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        if self.state is not None and content_type.startswith("text/html"):
            body = inject(body, f"{self.base_path}{ENDPOINT}reload.js")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def make_server(
    site_dir: Path, base_path: str, host: str = "127.0.0.1", port: int = 8000, state: SiteState | None = None
) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (SiteHandler,), {"base_path": base_path, "state": state})
    factory = functools.partial(handler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((host, port), factory)
    server.daemon_threads = True  # a page's pending long-poll must not keep the server from stopping
    return server
