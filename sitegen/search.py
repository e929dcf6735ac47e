"""The search index: Pagefind run over the built article pages, one bundle (shard) per year.

Each year's article pages are indexed by their own Pagefind process, so memory is bounded by the largest year,
shards are indexed in parallel, and a rebuild indexes again only the years whose article pages changed. The
search page loads the newest year's bundle and merges the others into it with Pagefind's mergeIndex.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from .cores import available_cores
from .pagefind_bundle import canonicalise
from .routes import article_files_of_year
from .writer import OutputWriter

BUNDLE = "pagefind/"


class SearchIndexError(Exception):
    pass


def shard_of(article_file: str) -> str:
    """The shard an article page belongs to: its year, the first folder of its path."""
    return article_file.split("/", 1)[0]


def shard_bundle(shard: str) -> str:
    return f"{BUNDLE}{shard}/"


def by_shard(article_files: Iterable[str]) -> dict[str, list[str]]:
    shards: dict[str, list[str]] = defaultdict(list)
    for article_file in article_files:
        shards[shard_of(article_file)].append(article_file)
    return dict(shards)


def build_search_index(site_dir: Path, writer: OutputWriter, shards: Iterable[str]) -> None:
    """Index the given shards' article pages with Pagefind, in parallel, and write their bundles."""
    shards = sorted(shards)
    if not shards:
        return
    with (
        tempfile.TemporaryDirectory(prefix=".sitegen-pagefind-", dir=_scratch_parent(site_dir)) as scratch,
        ThreadPoolExecutor(max_workers=min(len(shards), available_cores())) as pool,
    ):
        indexing = {pool.submit(_index, site_dir, shard, Path(scratch) / shard): shard for shard in shards}
        for done in as_completed(indexing):  # each bundle goes into the site while the next is indexed
            bundle = done.result()
            writer.move_tree(bundle, shard_bundle(indexing[done]))
            shutil.rmtree(bundle)


def _scratch_parent(site_dir: Path) -> Path:
    """Where Pagefind writes: memory where the system offers it, since a bundle is thousands of small files
    and only those that changed are then copied into the site; otherwise beside the site, to be moved in."""
    memory = Path("/dev/shm")
    return memory if memory.is_dir() and os.access(memory, os.W_OK) else site_dir.parent


def _index(site_dir: Path, shard: str, bundle: Path) -> Path:
    command = [
        sys.executable, "-m", "pagefind_bin", "--site", str(site_dir), "--glob", article_files_of_year(shard),
        "--output-path", str(bundle),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(
            f"Pagefind failed on {shard} (exit {result.returncode}):\n{result.stdout}{result.stderr}"
        )
    canonicalise(bundle)
    return bundle
