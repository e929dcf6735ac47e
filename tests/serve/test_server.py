"""`sitegen serve` as a user runs it: a real process that builds, then answers on localhost, and only with the
site's own files."""

import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

from sitegen.render.theme import THEME_DIR
from sitegen.serve.server import make_server
from tests.conftest import REPO


def test_serve_builds_and_answers_under_the_base_path(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(THEME_DIR, tmp_path / "templates")
    command = [sys.executable, "-m", "sitegen.cli", "serve", "--root", str(tmp_path), "--port", "0",
               "--base-url", "https://example.org/archive/", "--no-search"]  # fmt: skip
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            lines = [server.stdout.readline(), server.stdout.readline()]  # type: ignore[union-attr]
            assert lines[0].startswith("Built 7 articles")
            address = re.search(r"at (http://\S+/archive/)", lines[1])
            assert address, lines[1]
            with urllib.request.urlopen(address.group(1) + "people/dmitry-peskov/") as response:
                assert "Press secretary" in response.read().decode()
            try:
                urllib.request.urlopen(address.group(1) + "no/such/page/")
                raise AssertionError("a missing page was served")
            except urllib.error.HTTPError as error:
                assert error.code == 404
                assert "Page not found" in error.read().decode()
        finally:
            server.terminate()


def fetch_status(url: str, method: str = "GET") -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method)) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_the_server_never_leaves_the_output_folder_nor_serves_its_bookkeeping(tmp_path: Path) -> None:
    site, outside = tmp_path / "public", tmp_path / "private"
    (site / "news").mkdir(parents=True)
    (site / "news" / "index.html").write_text("<p>news</p>")
    (site / "404.html").write_text("<p>Page not found</p>")
    (site / ".sitegen-manifest").write_text("news/index.html\n")
    outside.mkdir()
    (outside / "passwd").write_text("secret")
    (site / "evil").symlink_to(outside)
    (site / "leak.txt").symlink_to(outside / "passwd")
    server = make_server(site, "/", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = "http://{}:{}/".format(*server.server_address[:2])
    try:
        for method in ("GET", "HEAD"):
            assert fetch_status(base + "news/", method) == 200
            for path in ("evil/passwd", "evil/", "leak.txt", ".sitegen-manifest", "news/../.sitegen-manifest"):
                assert fetch_status(base + path, method) == 404, (method, path)
    finally:
        server.shutdown()
        server.server_close()
