"""`sitegen serve` as a user runs it: a real process that builds, then answers on localhost."""

import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import REPO


def test_serve_builds_and_answers_under_the_base_path(tmp_path: Path) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    shutil.copytree(REPO / "templates", tmp_path / "templates")
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
