"""The sitemaps, by the protocol (sitemaps.org): an index at sitemap.xml, one sitemap per year, one of listings.

The protocol allows a sitemap at most 50,000 URLs and 50 MB; a year or the listings that would pass either are
cut into parts (sitemap-2019.xml, sitemap-2019-2.xml, ...). They sit at the site's root, beside the index,
since a sitemap may list only addresses below its own folder. Each article is listed with its last
modification (`updated`, else `date`) and its lead image (the image extension), so that an article's page and
its image are found together. Where each sitemap's page is made, and in which group, is pages.py's part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sitegen.content.library import Library
from sitegen.content.model import Article
from sitegen.site.routes import Routes

SITEMAP_INDEX = "sitemap.xml"
SITEMAP_PREFIX = "sitemap-"  # of every sitemap but the index
MAX_URLS = 50_000  # a sitemap's URLs at most, by the protocol
MAX_BYTES = 50 * 1024 * 1024  # a sitemap's size at most, uncompressed, by the protocol
ENTRY_BYTES = 200  # more than the bytes of an entry beside its addresses: its tags, its time, its spaces
ESCAPED = 6  # the most bytes XML escaping makes of one character of an address (& is &amp;)


@dataclass(frozen=True)
class Part:
    """One sitemap of the index: its route, and the newest modification of what it lists (None for listings)."""

    route: str
    modified: datetime | None = None


def article_parts(
    year: int, articles: Sequence[Article], routes: Routes, base_url: str
) -> list[tuple[Part, Sequence[Article]]]:
    """A year's articles, cut into sitemaps that keep within the protocol's limits."""

    def size(article: Article) -> int:  # at most the bytes of its entry: its address and its image's
        image = article.image
        image_bytes = ENTRY_BYTES + len(base_url) + len(image.src) if image is not None else 0
        return (ENTRY_BYTES + len(base_url) + len(routes.article(article)) + image_bytes) * ESCAPED

    return [
        (Part(route, max(article.updated or article.date for article in chunk)), chunk)
        for route, chunk in _cut(f"{year:04d}", articles, size)
    ]


def listing_parts(library: Library, routes: Routes, base_url: str) -> list[tuple[Part, Sequence[str]]]:
    """The first page of every listing, cut into sitemaps that keep within the protocol's limits."""
    listings = [routes.home(), routes.archive(), routes.tags(), routes.people(), routes.sections(), routes.authors()]
    listings += [routes.on_this_day()]
    listings += [routes.tag(tag) for tag in library.by_tag]
    listings += [routes.person(name) for name in library.by_person]
    listings += [routes.period(period) for period in library.by_period]
    listings += [routes.section(name) for name in library.by_section]
    listings += [routes.author(name) for name in library.by_author]
    listings += [routes.calendar_day(month, day) for month, day in library.by_calendar_day]
    size = len(base_url) * ESCAPED + ENTRY_BYTES
    return [(Part(route), chunk) for route, chunk in _cut("pages", listings, lambda item: size + len(item) * ESCAPED)]


T = TypeVar("T")


def _cut(name: str, items: Sequence[T], size: Callable[[T], int]) -> list[tuple[str, Sequence[T]]]:
    """items in runs of at most MAX_URLS and (by size) MAX_BYTES, each with its route."""
    parts: list[tuple[str, Sequence[T]]] = []
    start, total = 0, 0
    for end, item in enumerate(items):
        total += size(item)
        if end - start == MAX_URLS or total > MAX_BYTES:
            parts.append((_route(name, len(parts) + 1), items[start:end]))
            start, total = end, size(item)
    parts.append((_route(name, len(parts) + 1), items[start:]))
    return parts


def _route(name: str, number: int) -> str:
    return f"{SITEMAP_PREFIX}{name}.xml" if number == 1 else f"{SITEMAP_PREFIX}{name}-{number}.xml"
