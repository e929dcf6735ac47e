"""The list of every page of the site: route, template and the data the template shows.

Nothing here renders or writes; generated pages (tags, people, dates) are ordinary pages like articles.
Pages come in groups, each made from one part of the library (an article, a tag, a day...), and a rebuild
may ask for some groups only: their contexts are the costly part, so a group not asked for is not made.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Container, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.model import Article, Period
from sitegen.search.shards import plan_shards, shard_bundle, shard_size
from sitegen.site.calendars import month_weeks, year_rows
from sitegen.site.charts import per_year
from sitegen.site.routes import Routes, output_file

ARTICLE_TEMPLATE = "article.html"
CO_MENTIONED_COUNT = 10
FEED_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # the updated time of a feed with no entries


@dataclass(frozen=True)
class Page:
    route: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    group: str = ""  # the part of the library it was made from, as in all_pages' only


@dataclass(frozen=True)
class Pagination:
    """Page `number` of `count` pages of one listing; routes[i] is the route of page i + 1."""

    number: int
    routes: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.routes)

    @property
    def previous(self) -> str | None:
        return self.routes[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.routes[self.number] if self.number < self.count else None


Groups = Container[str] | None  # the groups of pages wanted; None for all


def all_pages(
    library: Library,
    routes: Routes,
    config: Config,
    related: Callable[[], Sequence[Sequence[int]]] | None = None,
    only: Groups = None,
) -> Iterator[Page]:
    """Every page, article pages first, or those of the groups in only; related, if given, gives what
    related[i] holds, the positions of the related articles of library.articles[i]. It is called only once the
    listing pages are made, so that it may still be finding them meanwhile."""
    listings = list(_listing_pages(library, routes, config, only))
    yield from article_pages(library, routes, config, related() if related is not None else None, only)
    yield from listings


def _listing_pages(library: Library, routes: Routes, config: Config, only: Groups) -> Iterator[Page]:
    if _wanted("home", only):
        yield from listing(routes.home, library.articles, "home.html", config.page_size, {}, "home")
    yield from tag_pages(library, routes, config, only)
    yield from person_pages(library, routes, config, only)
    yield from period_pages(library, routes, config, only)
    yield from site_pages(library, routes, config, only)


def _wanted(group: str, only: Groups) -> bool:
    return only is None or group in only


def article_pages(
    library: Library,
    routes: Routes,
    config: Config,
    related: Sequence[Sequence[int]] | None = None,
    only: Groups = None,
) -> Iterator[Page]:
    for index, article in enumerate(library.articles):
        group = f"article:{index}"
        if not _wanted(group, only):
            continue
        older, newer = library.neighbours(article)
        positions = related[index] if related is not None else library.related_positions(article, config.related_count)
        context = {
            "article": article,
            "older": older,
            "newer": newer,
            "related": [library.articles[position] for position in positions],
            "article_periods": Period.all_of(article.day),
        }
        yield Page(routes.article(article), ARTICLE_TEMPLATE, context, group)


def tag_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    if _wanted("tags", only):
        yield Page(routes.tags(), "tags.html", {"tags": _counts(library.by_tag)}, "tags")
    years = _years(library)
    for tag, articles in library.by_tag.items():
        group = f"tag:{tag}"
        if not _wanted(group, only):
            continue
        context = {
            "tag": tag,
            "feed": routes.tag_feed(tag),
            "chart": per_year(articles, years),
            "related_tags": library.co_occurring(articles, "tags", tag, CO_MENTIONED_COUNT),
            "related_people": library.co_occurring(articles, "people", tag, CO_MENTIONED_COUNT),
        }
        yield from listing(partial(routes.tag, tag), articles, "tag.html", config.page_size, context, group)
        yield feed(routes.tag_feed(tag), f"{config.title}: {tag}", routes.tag(tag), articles, config, group)


def person_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    if _wanted("people", only):
        yield Page(routes.people(), "people.html", {"people": _counts(library.by_person)}, "people")
    years = _years(library)
    for name, articles in library.by_person.items():
        group = f"person:{name}"
        if not _wanted(group, only):
            continue
        context = {
            "name": name,
            "person": library.registry.people.get(name),
            "feed": routes.person_feed(name),
            "chart": per_year(articles, years),
            "co_mentioned": library.co_occurring(articles, "people", name, CO_MENTIONED_COUNT),
            "related_tags": library.co_occurring(articles, "tags", name, CO_MENTIONED_COUNT),
        }
        yield from listing(partial(routes.person, name), articles, "person.html", config.page_size, context, group)
        yield feed(routes.person_feed(name), f"{config.title}: {name}", routes.person(name), articles, config, group)


def period_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    children: dict[Period, list[Period]] = defaultdict(list)  # months of each year, days of each month
    for period in library.by_period:  # in time order
        if period.parent is not None:
            children[period.parent].append(period)
    for period, articles in library.by_period.items():
        group = f"period:{routes.period(period)}"
        if not _wanted(group, only):
            continue
        previous, following = library.period_neighbours[period]
        context = {
            "period": period,
            "previous_period": previous,
            "next_period": following,
            "children": [(child, len(library.by_period[child])) for child in children[period]],
            "weeks": month_weeks(library, period) if period.kind == "month" else None,
        }
        yield from listing(partial(routes.period, period), articles, "period.html", config.page_size, context, group)


def site_pages(library: Library, routes: Routes, config: Config, only: Groups = None) -> Iterator[Page]:
    if _wanted("feed", only):
        yield feed(routes.feed(), config.title, routes.home(), library.articles, config, "feed")
    if not _wanted("site", only):
        return
    yield Page(routes.archive(), "archive.html", {"years": year_rows(library)}, "site")
    if config.search:
        files = [output_file(routes.article(article)) for article in library.articles]
        plan = plan_shards(files, shard_size(config.search_shard_size, len(files)))
        shards = [shard_bundle(shard) for shard in sorted(plan, reverse=True)]  # newest first
        yield Page(routes.search(), "search.html", {"shards": shards}, "site")
    yield Page("404.html", "404.html", {}, "site")
    # Each article's route and time, not the article: the sitemap need not be made again when a text changes.
    articles = [(routes.article(article), article.updated or article.date) for article in library.articles]
    listings = _listing_routes(library, routes)
    yield Page("sitemap.xml", "sitemap.xml", {"listings": listings, "articles": articles}, "site")
    yield Page("robots.txt", "robots.txt", {}, "site")


def listing(
    route: Callable[[int], str],
    articles: tuple[Article, ...],
    template: str,
    size: int,
    context: dict[str, Any],
    group: str = "",
) -> Iterator[Page]:
    """The pages of one paginated list of articles, sharing one context apart from the page's slice."""
    count = max(1, math.ceil(len(articles) / size))
    page_routes = tuple(route(number) for number in range(1, count + 1))
    for number in range(1, count + 1):
        page_articles = articles[(number - 1) * size : number * size]
        pagination = Pagination(number, page_routes)
        page_context = {**context, "articles": page_articles, "total": len(articles), "pagination": pagination}
        yield Page(page_routes[number - 1], template, page_context, group)


def feed(
    route: str, title: str, alternate: str, articles: tuple[Article, ...], config: Config, group: str = ""
) -> Page:
    entries = articles[: config.feed_size]
    updated = max((article.updated or article.date for article in entries), default=FEED_EPOCH)
    context = {"title": title, "alternate": alternate, "articles": entries, "updated": updated}
    return Page(route, "feed.xml", context, group)


def _listing_routes(library: Library, routes: Routes) -> list[str]:
    """The first page of every listing, for the sitemap."""
    fixed = [routes.home(), routes.archive(), routes.tags(), routes.people()]
    return (
        fixed
        + [routes.tag(tag) for tag in library.by_tag]
        + [routes.person(name) for name in library.by_person]
        + [routes.period(period) for period in library.by_period]
    )


def _years(library: Library) -> list[int]:
    """Every year from the archive's first to its last, those without articles included."""
    years = [period.year for period in library.periods("year")]
    return list(range(years[0], years[-1] + 1)) if years else []


def _counts(index: dict[str, tuple[Article, ...]]) -> list[tuple[str, int]]:
    return [(name, len(articles)) for name, articles in index.items()]
