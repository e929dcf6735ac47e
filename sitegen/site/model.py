"""What a page is: its route, template and context, its kind, the group it is made with, the articles it shows,
and where a page of a listing stands among the listing's pages."""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class PageKind(Enum):
    """What a page is: the search index reads article pages only, and the build renders them first."""

    ARTICLE = "article"
    LISTING = "listing"  # a page of articles: the home listing, a tag's, a person's, a year's, month's or day's
    FEED = "feed"
    INDEX = "index"  # the indexes of tags and of people, the archive's calendar
    SITE = "site"  # the search page, 404, the sitemap, robots.txt, _redirects
    REDIRECT = "redirect"  # an article's old address, sending the reader on to it (see redirects.py)


class GroupKind(Enum):
    """What part of the library a group of pages is made from (see Group)."""

    ARTICLE = "article"
    TAG = "tag"
    PERSON = "person"
    PERIOD = "period"
    HOME = "home"
    SECTION = "section"
    AUTHOR = "author"
    CALENDAR_DAY = "calendar day"  # a day of the year, in every year: "06-03"
    TAG_INDEX = "tag index"
    PEOPLE_INDEX = "people index"
    SECTION_INDEX = "section index"
    AUTHOR_INDEX = "author index"
    CALENDAR = "calendar"  # the index of the days of the year
    SITE_FEED = "site feed"
    SITE = "site"


@dataclass(frozen=True)
class Group:
    """The part of the library a group of pages is made from, such as one tag (its pages and its feed): a
    rebuild makes again only the groups that show an edited article (see incremental/groups.py).
    name: the article's file, the tag's or person's name, the period's route; "" for a site-wide group."""

    kind: GroupKind
    name: str = ""


SITE_GROUP = Group(GroupKind.SITE)


@dataclass(frozen=True)
class Page:
    """One output file: its route, template and context, and, declared where the page is made, its kind, its
    group, and the positions (in library.articles) of the articles it shows."""

    route: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    kind: PageKind = PageKind.SITE
    group: Group = SITE_GROUP
    shows: tuple[int, ...] = ()  # ascending


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

    def window(self, around: int = 2) -> list[int | None]:
        """The page numbers a pager shows: the first, the last, and those within `around` of this page; None
        where a run of numbers is left out."""
        near = range(max(1, self.number - around), min(self.count, self.number + around) + 1)
        shown: list[int | None] = []
        for number in sorted({1, self.count, *near}):
            if shown and shown[-1] is not None and number - shown[-1] > 1:
                shown.append(None)
            shown.append(number)
        return shown


Groups = Container[Group] | None  # the groups of pages wanted; None for all
