"""The search index: Pagefind run over the built site's article pages (the only pages with data-pagefind-body)."""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from .pagefind_bundle import canonicalise
from .writer import OutputWriter

BUNDLE = "pagefind/"


class SearchIndexError(Exception):
    pass


def build_search_index(site_dir: Path, writer: OutputWriter) -> int:
    """Index site_dir with Pagefind and write the bundle to pagefind/ through the writer. Returns pages indexed."""
    with tempfile.TemporaryDirectory(prefix="sitegen-pagefind-") as scratch:
        command = [sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--output-path", scratch]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise SearchIndexError(f"Pagefind failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
        canonicalise(Path(scratch))
        writer.copy_tree(Path(scratch), BUNDLE)
    match = re.search(r"Indexed (\d+) pages?", result.stdout)
    return int(match.group(1)) if match else 0
