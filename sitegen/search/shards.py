"""The search index's shard plan: which article pages go into which Pagefind bundle.

One bundle (shard) per run of whole years, as many as a shard may hold, or per run of whole months of a
year with more articles than that, so that Pagefind's memory is bounded by the largest shard and an edit
indexes only its shard again. Years are put together so that a small archive has few bundles: each bundle
brings the search page its own entry, metadata and index chunks, which hold the words beside the one
looked up too. The build and the search page both take the plan from here, so they always agree.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

BUNDLE = "pagefind/"
AUTO_SHARD_LEAST = 1000  # articles per shard sized to the archive (see shard_size)...
AUTO_BUNDLES = 24  # ...until it would have more bundles than this for the search page to load...
AUTO_SHARD_MOST = 4000  # ...and at most this many, which bounds Pagefind's memory


def shard_bundle(shard: str) -> str:
    return f"{BUNDLE}{shard}/"


def primary_shard(shards: Iterable[str]) -> str | None:
    """The shard whose bundle also holds Pagefind's runtime (its script, worker and WebAssembly), which the
    search page loads once and merges every other bundle into: the newest, the first the page lists."""
    return max(shards, default=None)


def shard_size(setting: int, articles: int) -> int:
    """The most articles a shard may hold: the site's search_shard_size, or with 0 (the default) one sized to
    the archive. An edit indexes its whole shard again, and the search page loads every bundle, so shards
    hold AUTO_SHARD_LEAST articles until the archive would have more than AUTO_BUNDLES of them, and grow past
    that up to AUTO_SHARD_MOST, the size that bounds Pagefind's memory."""
    if setting:
        return setting
    return min(AUTO_SHARD_MOST, max(AUTO_SHARD_LEAST, math.ceil(articles / AUTO_BUNDLES)))


def plan_shards(article_files: Iterable[str], limit: int) -> dict[str, list[str]]:
    """The shards and their article pages (year/month/day/slug/index.html), named so that names sort in time:
    "2024" for a year, "2019-2023" for a run of years, or "2024-01-06" for January to June of a year with
    more than limit articles. Runs of years are made from the oldest, each as long as limit allows, so that
    new articles, which come at the newest end, change only the newest run. Pagefind's memory follows the
    pages it indexes; a single month larger than limit is still one shard."""
    years: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for article_file in article_files:
        year, month, _ = article_file.split("/", 2)
        years[year][month].append(article_file)
    sizes = {year: sum(map(len, months.values())) for year, months in sorted(years.items())}
    shards: dict[str, list[str]] = {}
    for run in _runs(list(sizes.items()), limit) if sizes else []:
        if len(run) == 1 and sizes[run[0]] > limit:  # a year larger than limit: runs of its months
            months = years[run[0]]
            for months_run in _balanced_runs([(month, len(months[month])) for month in sorted(months)], limit):
                shards[f"{run[0]}-{months_run[0]}-{months_run[-1]}"] = [
                    file for month in months_run for file in months[month]
                ]
            continue
        name = run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}"
        shards[name] = [file for year in run for month in sorted(years[year]) for file in years[year][month]]
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


def _runs(periods: list[tuple[str, int]], size: int) -> list[list[str]]:
    """Runs of consecutive periods (months, or years) of at most size articles each, each as long as it can
    be; a period larger than size is a run of its own."""
    runs: list[list[str]] = [[]]
    count = 0
    for period, articles in periods:
        if runs[-1] and count + articles > size:
            runs.append([])
            count = 0
        runs[-1].append(period)
        count += articles
    return runs


def largest_first(shards: dict[str, list[str]], chosen: Iterable[str]) -> list[str]:
    """The chosen shards in the order to index them: the largest first (then by name), so that the last to run,
    with a core idle beside it, is among the smallest."""
    return sorted(chosen, key=lambda shard: (-len(shards[shard]), shard))


def shard_glob(shard: str) -> str:
    """The glob that takes a shard's article pages, and no listing page, from the site."""
    year, *rest = shard.split("-")
    if not rest:
        return article_files_glob(year)
    if len(rest) == 1:  # a run of years
        return article_files_glob("{" + ",".join(map(str, range(int(year), int(rest[0]) + 1))) + "}")
    first, last = int(rest[0]), int(rest[1])
    return article_files_glob(year, [f"{month:02d}" for month in range(first, last + 1)])


def article_files_glob(year: str, months: Sequence[str] = ()) -> str:
    """A glob matching the files of a year's article pages (year/month/day/slug/), or of some of its months,
    and no listing page's."""
    month = "{" + ",".join(months) + "}" if months else "[0-9][0-9]"
    return f"{year}/{month}/[0-9][0-9]/*/index.html"
