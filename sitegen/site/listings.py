"""The pages of a list of articles: a listing cut into numbered pages, and its Atom feed."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Any

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.model import Article
from sitegen.site.model import Group, Page, PageKind, Pagination

FEED_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the updated time of a feed with no entries


def listing(
    library: Library, route: Callable[[int], str], articles: tuple[Article, ...], template: str, size: int,
    context: dict[str, Any], group: Group,
) -> Iterator[Page]:  # fmt: skip
    """The pages of one paginated list of articles, sharing one context apart from the page's slice."""
    count = max(1, math.ceil(len(articles) / size))
    page_routes = tuple(route(number) for number in range(1, count + 1))
    for number in range(1, count + 1):
        page_articles = articles[(number - 1) * size : number * size]
        pagination = Pagination(number, page_routes)
        page_context = {**context, "articles": page_articles, "total": len(articles), "pagination": pagination}
        shows = positions(library, page_articles)
        yield Page(page_routes[number - 1], template, page_context, PageKind.LISTING, group, shows)


def feed(
    library: Library, route: str, title: str, alternate: str, articles: tuple[Article, ...], config: Config,
    group: Group,
) -> Page:  # fmt: skip
    entries = articles[: config.feed_size]
    updated = max((article.updated or article.date for article in entries), default=FEED_EPOCH)
    context = {"title": title, "alternate": alternate, "articles": entries, "updated": updated}
    return Page(route, "feed.xml", context, PageKind.FEED, group, positions(library, entries))


def positions(library: Library, articles: Sequence[Article]) -> tuple[int, ...]:
    return tuple(sorted(library.position[article] for article in articles))


def years(library: Library) -> list[int]:
    """Every year from the archive's first to its last, those without articles included."""
    years = [period.year for period in library.periods("year")]
    return list(range(years[0], years[-1] + 1)) if years else []


def counts(index: dict[str, tuple[Article, ...]]) -> list[tuple[str, int]]:
    return [(name, len(articles)) for name, articles in index.items()]
