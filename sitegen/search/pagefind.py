"""The search index: Pagefind run over the built article pages, one bundle (shard) per year.

Each shard's article pages are indexed by their own Pagefind process, so memory is bounded by the largest
shard, shards are indexed in parallel, and a rebuild indexes again only the shards whose article pages
changed. A year with more articles than the site's search_shard_size is split into runs of whole months.
The search page loads every shard's bundle and combines their results (templates/static/pagefind.js).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

import pagefind_bin

from sitegen.huge_pages import start
from sitegen.output.writer import OutputWriter
from sitegen.parallel import CorePins, available_cores, step_back
from sitegen.search.bundle import canonicalise
from sitegen.site.routes import article_files_glob

BUNDLE = "pagefind/"
AUTO_SHARD_LEAST = 1000  # articles per shard sized to the archive (see shard_size)...
AUTO_BUNDLES = 24  # ...until it would have more bundles than this for the search page to load...
AUTO_SHARD_MOST = 4000  # ...and at most this many, which bounds Pagefind's memory (about half a gigabyte)
SCRATCH_ROOM = 1 << 30  # bytes free in memory for Pagefind to write bundles there: far more than two take
# How Pagefind's memory allocator (jemalloc, built into its binary) should work, unless the user says otherwise:
# zeroing itself the memory Pagefind asks to have zeroed, and keeping what is freed for reuse. Left as it is,
# jemalloc hands such memory back to the system to have it zeroed, and Pagefind faults it in again: over a shard
# of 3,500 pages, 67 faults per page, against 27 with this setting. jemalloc zeroes memory itself only when told
# to use huge pages (thp:always), but over such a shard the kernel zeroing huge pages for Pagefind's growing index
# took a fifth of its time; so Pagefind runs with the system's huge pages turned off (see huge_pages.py). Two
# shards side by side, a core each, then took 0.93 of the time they took without the setting at 1,000 pages
# each, and 0.91 at 3,500, where with huge pages they took 0.99 and 1.13 of that.
PAGEFIND_ALLOCATOR = ("_RJEM_MALLOC_CONF", "thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1")


class SearchIndexError(Exception):
    pass


def shard_bundle(shard: str) -> str:
    return f"{BUNDLE}{shard}/"


def shard_size(setting: int, articles: int) -> int:
    """The most articles a shard may hold: the site's search_shard_size, or with 0 (the default) one sized to
    the archive. An edit indexes its shard again, and Pagefind takes about 1.5 s over 1,000 article pages on
    two cores; the search page loads every bundle, and each costs it a tenth of a second or more. So shards
    hold 1,000 articles until the archive would have more than AUTO_BUNDLES of them, and grow past that up
    to the size that bounds Pagefind's memory."""
    if setting:
        return setting
    return min(AUTO_SHARD_MOST, max(AUTO_SHARD_LEAST, math.ceil(articles / AUTO_BUNDLES)))


def plan_shards(article_files: Iterable[str], limit: int) -> dict[str, list[str]]:
    """The shards and their article pages (year/month/day/slug/index.html), named so that names sort in time:
    "2024" for a whole year, or "2024-01-06" for January to June of a year with more than limit articles.
    Pagefind's memory follows the pages it indexes; a single month larger than limit is still one shard."""
    years: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for article_file in article_files:
        year, month, _ = article_file.split("/", 2)
        years[year][month].append(article_file)
    shards: dict[str, list[str]] = {}
    for year, months in sorted(years.items()):
        if sum(map(len, months.values())) <= limit:
            shards[year] = [article_file for month in sorted(months) for article_file in months[month]]
            continue
        for run in _balanced_runs([(month, len(months[month])) for month in sorted(months)], limit):
            shards[f"{year}-{run[0]}-{run[-1]}"] = [file for month in run for file in months[month]]
    return shards


def _balanced_runs(months: list[tuple[str, int]], limit: int) -> list[list[str]]:
    """The months split into as few runs as runs of at most limit articles allow, as even as whole months
    allow: an edit then indexes about as many pages again wherever it falls."""
    total = sum(count for _, count in months)
    fewest = len(_runs(months, limit))
    least, most = math.ceil(total / fewest), limit  # the smallest run size that still needs no more runs
    while least < most:
        middle = (least + most) // 2
        if len(_runs(months, middle)) <= fewest:
            most = middle
        else:
            least = middle + 1
    return _runs(months, least)


def _runs(months: list[tuple[str, int]], size: int) -> list[list[str]]:
    """Runs of consecutive months of at most size articles each, each as long as it can be; a month larger
    than size is a run of its own."""
    runs: list[list[str]] = [[]]
    count = 0
    for month, articles in months:
        if runs[-1] and count + articles > size:
            runs.append([])
            count = 0
        runs[-1].append(month)
        count += articles
    return runs


def largest_first(shards: dict[str, list[str]], chosen: Iterable[str]) -> list[str]:
    """The chosen shards in the order to index them: the largest first (then by name), so that the last to run,
    with a core idle beside it, is among the smallest."""
    return sorted(chosen, key=lambda shard: (-len(shards[shard]), shard))


def shard_glob(shard: str) -> str:
    """The glob that takes a shard's article pages, and no listing page, from the site."""
    year, *months = shard.split("-")
    if not months:
        return article_files_glob(year)
    first, last = int(months[0]), int(months[1])
    return article_files_glob(year, [f"{month:02d}" for month in range(first, last + 1)])


class SearchRun:
    """Pagefind indexing the given shards' article pages, in the order given, in the background from the start,
    as many at once as there are cores, each into a scratch folder. The build may go on meanwhile with pages
    Pagefind does not read; finish() moves each bundle into the site as it is done.
    replacing: whether the site has a bundle of any of these shards already."""

    def __init__(self, site_dir: Path, shards: list[str], replacing: bool) -> None:
        scratch_parent = _scratch_parent(site_dir, replacing)
        self._scratch = tempfile.TemporaryDirectory(prefix=".sitegen-pagefind-", dir=scratch_parent)
        self._pool = ThreadPoolExecutor(max_workers=max(1, min(len(shards), available_cores())))
        scratch = Path(self._scratch.name)
        pins = CorePins(len(shards))
        self._running = {self._pool.submit(_index, site_dir, shard, scratch / shard, pins): shard for shard in shards}
        # Pagefind is the longest part of a rebuild; what the build does meanwhile (the listing pages, the
        # cache) fits in the time Pagefind leaves a core idle. Up to a tenth off an edit's rebuild.
        self._restore_priority = step_back()

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
        self._restore_priority()


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


def _scratch_parent(site_dir: Path, replacing: bool) -> Path:
    """Where Pagefind writes. Bundles replacing those of the site: in memory where the system offers room (a
    container's may be small), since a bundle is thousands of small files, most of which are kept as they are,
    and only those that changed are then copied into the site. Otherwise beside the site, on its file system,
    so that every file is moved in by renaming it (copying a cold build's 20,000 files out of memory took the
    build's main process 10 s, while the Pagefind runs needed the cores)."""
    if not replacing:
        return site_dir.parent
    memory = Path("/dev/shm")
    try:
        roomy = os.access(memory, os.W_OK) and shutil.disk_usage(memory).free >= SCRATCH_ROOM
    except OSError:
        roomy = False
    return memory if roomy else site_dir.parent


def pagefind_environment(environment: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment Pagefind runs in: the build's, with the allocator set as PAGEFIND_ALLOCATOR says unless
    the user has set it."""
    name, setting = PAGEFIND_ALLOCATOR
    return {name: setting, **environment}


def pagefind_huge_pages(environment: Mapping[str, str] = os.environ) -> bool:
    """Whether Pagefind runs with the system's huge pages: only where the user has set its allocator, whose
    setting was then not chosen with them turned off."""
    return PAGEFIND_ALLOCATOR[0] in environment


def _index(site_dir: Path, shard: str, bundle: Path, pins: CorePins) -> Path:
    # The binary itself: python -m pagefind_bin would start an interpreter only to exec it.
    executable = str(pagefind_bin.get_executable())
    command = [
        executable, "--site", str(site_dir), "--glob", shard_glob(shard), "--output-path", str(bundle),
        # Pagefind then reads nothing but the article's own element, where the page says how search files it:
        # a fifth less of Pagefind's time than going through the whole page, for the same index.
        "--root-selector", "[data-pagefind-body]",
    ]  # fmt: skip
    with pins.pinned():
        pagefind = start(
            command, pagefind_huge_pages(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=pagefind_environment(),
        )  # fmt: skip
        stdout, stderr = pagefind.communicate()
    if pagefind.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {shard} (exit {pagefind.returncode}):\n{stdout}{stderr}")
    canonicalise(bundle)
    return bundle
