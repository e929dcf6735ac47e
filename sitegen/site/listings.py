"""The pages of a list of articles: a listing cut into numbered pages, and its Atom feed."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import attrgetter
from typing import Any

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.model import Article
from sitegen.site.model import Group, Page, PageKind, Pagination

FEED_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the updated time of a feed with no entries


@dataclass(frozen=True)
class Run:
    """A page's articles of one year or one day. starts: the listing's first articles of it are on this
    page, whose heading of the run then carries the anchor that the listing's year index links to."""

    key: int | date  # the year, or the day
    starts: bool
    articles: tuple[Article, ...]

    @property
    def anchor(self) -> str:
        return f"year-{self.key}" if isinstance(self.key, int) else f"day-{self.key.isoformat()}"


@dataclass(frozen=True)
class YearJump:
    """An entry of a listing's year index: the year's count and the page its articles start on."""

    year: int
    count: int
    route: str

    @property
    def anchor(self) -> str:
        return f"year-{self.year}"


# The year or the day an article is listed under: getters made in C, since a listing asks every article.
by_year: Callable[[Article], int] = attrgetter("date.year")
by_day: Callable[[Article], date] = attrgetter("day")


def listing(
    library: Library, route: Callable[[int], str], articles: tuple[Article, ...], template: str, size: int,
    context: dict[str, Any], group: Group, runs: Callable[[Article], int | date] | None = None,
) -> Iterator[Page]:  # fmt: skip
    """The pages of one paginated list of articles, sharing one context apart from the page's slice. runs: the
    year or day each article is shown under (by_year, by_day), the listing's articles in runs of each; by
    year, the listing has an index of its years."""
    count = max(1, math.ceil(len(articles) / size))
    page_routes = tuple(route(number) for number in range(1, count + 1))
    if runs is by_year:
        jumps = year_index(articles, page_routes, size)
        links = {str(jump.year): f"{jump.route}#{jump.anchor}" for jump in jumps}  # for the chart's bars
        context = {**context, "year_index": jumps, "year_links": links}
    for number in range(1, count + 1):
        start = (number - 1) * size
        page_articles = articles[start : start + size]
        pagination = Pagination(number, page_routes)
        page_context = {**context, "articles": page_articles, "total": len(articles), "pagination": pagination}
        if runs is not None:
            before = runs(articles[start - 1]) if start else None
            page_context["runs"] = cut_into_runs(page_articles, runs, before)
        shows = positions(library, page_articles)
        yield Page(page_routes[number - 1], template, page_context, PageKind.LISTING, group, shows)


def cut_into_runs(
    articles: Sequence[Article], key: Callable[[Article], int | date], before: int | date | None
) -> list[Run]:
    """The articles in runs of one key each; before: the key of the article before them in the listing."""
    runs: list[Run] = []
    for value, run in itertools.groupby(articles, key):
        runs.append(Run(value, value != before, tuple(run)))
        before = value
    return runs


def year_index(articles: Sequence[Article], page_routes: Sequence[str], size: int) -> tuple[YearJump, ...]:
    """Each year of a listing (newest first), with the page its first article is on."""
    jumps: list[YearJump] = []
    start = 0
    for year, run in itertools.groupby(articles, by_year):
        count = len(list(run))
        jumps.append(YearJump(year, count, page_routes[start // size]))
        start += count
    return tuple(jumps)


def feed(
    library: Library, route: str, title: str, alternate: str, articles: tuple[Article, ...], config: Config,
    group: Group,
) -> Page:  # fmt: skip
    entries = articles[: config.feed_size]
    updated = max((article.updated or article.date for article in entries), default=FEED_EPOCH)
    context = {"title": title, "alternate": alternate, "articles": entries, "updated": updated}
    return Page(route, "feed.xml", context, PageKind.FEED, group, positions(library, entries))


def positions(library: Library, articles: Sequence[Article]) -> tuple[int, ...]:
    return tuple(sorted(map(library.position.__getitem__, articles)))


def years(library: Library) -> list[int]:
    """Every year from the archive's first to its last, those without articles included."""
    years = [period.year for period in library.periods("year")]
    return list(range(years[0], years[-1] + 1)) if years else []


def counts(index: dict[str, tuple[Article, ...]]) -> list[tuple[str, int]]:
    return [(name, len(articles)) for name, articles in index.items()]
