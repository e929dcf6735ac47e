"""Every URL of the site, in one place.

A route is a path relative to the site root: "" is the home page, a path ending in "/" is a folder page
(written as index.html inside it), anything else is a file. Templates turn routes into links with the
`url` filter (root-relative, so base_url may carry a path) and `absolute_url` (for feeds and canonical links).
"""

from __future__ import annotations

from collections.abc import Iterable

from sitegen.content.library import Library
from sitegen.content.model import Article, Period
from sitegen.content.normalise import slug
from sitegen.search.shards import plan_shards, shard_bundle
from sitegen.search.shards import shard_size as shard_sized
from sitegen.site.assets import Assets

# "page/2/" is pagination in every listing folder; the others are device names Windows will not create.
RESERVED_SLUGS = {"page", "con", "prn", "aux", "nul"} | {f"{device}{n}" for device in ("com", "lpt") for n in range(10)}


class Routes:
    """shard_size: the site's search_shard_size, by which the article pages are split into search bundles;
    assets: the static files, whose published names asset() gives."""

    def __init__(self, library: Library, shard_size: int = 0, assets: Assets | None = None) -> None:
        self.assets = assets or Assets()
        self._articles = _unique_paths(library.chronological())
        self._tags = _unique_slugs(library.by_tag)
        self._people = _unique_slugs(library.by_person)
        self._sections = _unique_slugs(library.by_section)
        self._authors = _unique_slugs(library.by_author)
        self.article_files = sorted(output_file(route) for route in self._articles.values())
        self.shards = plan_shards(self.article_files, shard_sized(shard_size, len(self.article_files)))

    def article(self, article: Article) -> str:
        return self._articles[article]

    def home(self, page: int = 1) -> str:
        return paginated("", page)

    def tags(self) -> str:
        return "tags/"

    def tag(self, name: str, page: int = 1) -> str:
        return paginated(f"tags/{self._tags[name]}/", page)

    def tag_feed(self, name: str) -> str:
        return f"tags/{self._tags[name]}/feed.xml"

    def people(self) -> str:
        return "people/"

    def person(self, name: str, page: int = 1) -> str:
        return paginated(f"people/{self._people[name]}/", page)

    def person_feed(self, name: str) -> str:
        return f"people/{self._people[name]}/feed.xml"

    def sections(self) -> str:
        return "sections/"

    def section(self, name: str, page: int = 1) -> str:
        return paginated(f"sections/{self._sections[name]}/", page)

    def section_feed(self, name: str) -> str:
        return f"sections/{self._sections[name]}/feed.xml"

    def authors(self) -> str:
        return "authors/"

    def author(self, name: str, page: int = 1) -> str:
        return paginated(f"authors/{self._authors[name]}/", page)

    def author_feed(self, name: str) -> str:
        return f"authors/{self._authors[name]}/feed.xml"

    def period(self, period: Period, page: int = 1) -> str:
        parts = [f"{period.year:04d}"]
        if period.month:
            parts.append(f"{period.month:02d}")
        if period.day:
            parts.append(f"{period.day:02d}")
        return paginated("/".join(parts) + "/", page)

    def archive(self) -> str:
        return "archive/"

    def on_this_day(self) -> str:
        return "on-this-day/"

    def calendar_day(self, month: int, day: int, page: int = 1) -> str:
        """The articles of one day of the year (3 June) in every year."""
        return paginated(f"on-this-day/{month:02d}-{day:02d}/", page)

    def search(self) -> str:
        return "search/"

    def feed(self) -> str:
        return "feed.xml"

    def search_bundles(self) -> list[str]:
        """The search index's bundle folders, newest first, as the search page loads them."""
        return [shard_bundle(shard) for shard in sorted(self.shards, reverse=True)]

    def asset(self, name: str) -> str:
        """A static file's route by its own name (style.css), under the name it is published by."""
        return self.assets.published(name)

    def tag_route(self, name: str) -> str | None:
        """The tag's route, or None if no article has a tag of that name."""
        return self.tag(name) if name in self._tags else None

    def person_route(self, name: str) -> str | None:
        return self.person(name) if name in self._people else None

    def section_route(self, name: str) -> str | None:
        return self.section(name) if name in self._sections else None

    def author_route(self, name: str) -> str | None:
        return self.author(name) if name in self._authors else None


def paginated(route: str, page: int) -> str:
    return route if page == 1 else f"{route}page/{page}/"


def output_file(route: str) -> str:
    """The file, relative to the output folder, that a route is written to."""
    return route + "index.html" if route == "" or route.endswith("/") else route


def _unique_slugs(names: Iterable[str]) -> dict[str, str]:
    """A slug for each name; names that slugify alike get -2, -3, ... in name order."""
    taken = set(RESERVED_SLUGS)
    slugs: dict[str, str] = {}
    for name in sorted(names, key=lambda name: (name.casefold(), name)):
        slugs[name] = _claim(slug(name), taken)
    return slugs


def _unique_paths(articles: list[Article]) -> dict[Article, str]:
    """year/month/day/slug/ for each article; on the same day the later article of a slug gets -2, -3, ..."""
    taken: set[str] = set()
    paths: dict[Article, str] = {}
    for article in articles:
        day = article.date
        folder = f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"
        paths[article] = folder + _claim(article.slug, taken, prefix=folder) + "/"
    return paths


def _claim(wanted: str, taken: set[str], prefix: str = "") -> str:
    candidate, number = wanted, 1
    while prefix + candidate in taken or candidate in RESERVED_SLUGS:
        number += 1
        candidate = f"{wanted}-{number}"
    taken.add(prefix + candidate)
    return candidate
