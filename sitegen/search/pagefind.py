"""The search index: Pagefind run over the built article pages, one bundle per shard (see shards.py).

Each shard's article pages are indexed by their own Pagefind process, as many at once as there are cores,
and a rebuild indexes again only the shards whose article pages changed. The search page loads every shard's
bundle and combines their results (theme/static/search.js).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import pagefind_bin

from sitegen.output.writer import OutputWriter
from sitegen.parallel import available_cores
from sitegen.search.bundle import canonicalise
from sitegen.search.shards import shard_bundle, shard_glob


class SearchIndexError(Exception):
    pass


class SearchRun:
    """Pagefind indexing the given shards' article pages, in the order given, in the background from the start,
    as many at once as there are cores, each into a scratch folder. The build may go on meanwhile with pages
    Pagefind does not read; finish() moves each bundle into the site as it is done."""

    def __init__(self, site_dir: Path, shards: list[str], primary: str | None, jobs: int = 0) -> None:
        """primary: the shard whose bundle keeps Pagefind's runtime (see shards.primary_shard)."""
        # Beside the site, on its file system, so that a new bundle's files are moved in by renaming them.
        self._scratch = tempfile.TemporaryDirectory(prefix=".sitegen-pagefind-", dir=site_dir.parent)
        self._pool = ThreadPoolExecutor(max_workers=max(1, min(len(shards), available_cores(jobs))))
        scratch = Path(self._scratch.name)
        self._running = {
            self._pool.submit(_index, site_dir, shard, scratch / shard, shard == primary): shard for shard in shards
        }

    def finish(self, writer: OutputWriter) -> None:
        try:
            for done in as_completed(self._running):  # each bundle goes into the site while the next is indexed
                bundle, prefix = done.result(), shard_bundle(self._running[done])
                _keep_data_files_there(writer, bundle, prefix)
                writer.take_stamps(writer.move_tree(bundle, prefix))
                shutil.rmtree(bundle, ignore_errors=True)  # moved whole, where the site had none
        finally:
            self.close()

    def close(self) -> None:
        """Wait for the Pagefind runs under way (dropping those not begun), and remove what they wrote."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._scratch.cleanup()


def _keep_data_files_there(writer: OutputWriter, bundle: Path, prefix: str) -> None:
    """Keep the bundle's data files (fragments, index chunks, filters, metadata) that the site has already.

    Pagefind names each by a hash of its content (and browsers cache them by that name), so one of the same
    name and size is the same file: it is kept without reading either, and most of a bundle indexed again
    after an edit is. The few other files are compared as usual."""
    if not os.path.isdir(os.path.join(writer.out_dir, prefix)):  # a new bundle
        return
    for path in bundle.rglob("*.pf_*"):
        relative = prefix + path.relative_to(bundle).as_posix()
        try:
            same = os.stat(os.path.join(writer.out_dir, relative)).st_size == path.stat().st_size
        except FileNotFoundError:
            continue
        if same and writer.keep(relative):
            path.unlink()


def _index(site_dir: Path, shard: str, bundle: Path, primary: bool) -> Path:
    # The binary itself: python -m pagefind_bin would start an interpreter only to exec it.
    executable = str(pagefind_bin.get_executable())
    command = [
        executable, "--site", str(site_dir), "--glob", shard_glob(shard), "--output-path", str(bundle),
        # Pagefind reads nothing but the article's own element, where the page says how search files it.
        "--root-selector", "[data-pagefind-body]",
    ]  # fmt: skip
    pagefind = subprocess.run(command, capture_output=True, text=True, check=False)
    if pagefind.returncode != 0:
        printed = pagefind.stdout + pagefind.stderr
        raise SearchIndexError(f"Pagefind failed on {shard} (exit {pagefind.returncode}):\n{printed}")
    canonicalise(bundle)
    _drop_unused(bundle, primary)
    return bundle


# Pagefind writes its runtime and its own interfaces into every bundle. The search page has its own interface,
# and loads the runtime once, from the primary bundle, which the other bundles are merged into.
_INTERFACES = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
_RUNTIME = ("pagefind.js", "pagefind-worker.js", "wasm.*.pagefind")


def _drop_unused(bundle: Path, primary: bool) -> None:
    for pattern in _INTERFACES if primary else _INTERFACES + _RUNTIME:
        for path in bundle.glob(pattern):
            path.unlink()
