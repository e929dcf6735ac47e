"""The archive's data: small, immutable dataclasses with no behaviour beyond what they are."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Source:
    """Where an article came from before it was imported."""

    path: str | None = None
    sha256: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ArticleImage:
    """A photograph an article leads with: a file beside the article or under content/images/, or a URL."""

    src: str
    alt: str = ""
    caption: str | None = None
    credit: str | None = None

    @property
    def remote(self) -> bool:
        return self.src.startswith(("https://", "http://"))


@dataclass(frozen=True, eq=False)
class Article:
    """One article. Compared and hashed by identity: each file is loaded into exactly one Article."""

    file: str  # relative to the content folder, with "/" between parts
    title: str
    date: datetime  # always time-zone aware
    authors: tuple[str, ...]
    category: str | None
    tags: tuple[str, ...]
    people: tuple[str, ...]
    summary: str
    slug: str
    body: str  # Markdown
    updated: datetime | None = None
    sources: tuple[Source, ...] = ()
    draft: bool = False
    aliases: tuple[str, ...] = ()  # the article's old addresses, each to redirect to it (see site/redirects.py)
    language: str | None = None  # a BCP 47 tag, where the article is not in the site's language
    image: ArticleImage | None = None  # the lead image (see render/images.py)

    @property
    def day(self) -> date:
        return self.date.date()

    @functools.cached_property
    def word_count(self) -> int:
        """Words in the body, counted once: the reading time and the structured data both show it."""
        return len(self.body.split())


@dataclass(frozen=True)
class Person:
    """An entry of people.yml."""

    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    image: str | None = None


@dataclass(frozen=True)
class Registry:
    """people.yml and tags.yml: how the names written in articles map to canonical names.

    Lookups are case-insensitive; build one with Registry.of(people, tag_aliases).
    """

    people: dict[str, Person] = field(default_factory=dict)
    person_aliases: dict[str, str] = field(default_factory=dict)  # casefolded name or alias -> name
    tag_aliases: dict[str, str] = field(default_factory=dict)  # casefolded alias -> canonical tag
    tag_keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # tag -> words that earn it

    @classmethod
    def of(
        cls, people: list[Person], tag_aliases: dict[str, str], tag_keywords: dict[str, tuple[str, ...]] | None = None
    ) -> Registry:
        aliases: dict[str, str] = {}
        for person in people:
            for spelling in (person.name, *person.aliases):
                aliases[spelling.casefold()] = person.name
        folded_tags = {alias.casefold(): tag for alias, tag in tag_aliases.items()}
        return cls({person.name: person for person in people}, aliases, folded_tags, tag_keywords or {})

    def canonical_person(self, name: str) -> str:
        return self.person_aliases.get(name.casefold(), name)

    def canonical_tag(self, name: str) -> str:
        return self.tag_aliases.get(name.casefold(), name)


@dataclass(frozen=True, order=True)
class Period:
    """A year, a month of a year, or a day; compare only periods of the same kind."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def kind(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def parent(self) -> Period | None:
        if self.day:
            return Period(self.year, self.month)
        if self.month:
            return Period(self.year)
        return None

    @classmethod
    def all_of(cls, day: date) -> tuple[Period, Period, Period]:
        """The year, month and day periods that a date falls in."""
        return _periods_of(day)


@functools.cache  # an archive has a few thousand days, and each is asked for by many articles
def _periods_of(day: date) -> tuple[Period, Period, Period]:
    return Period(day.year), Period(day.year, day.month), Period(day.year, day.month, day.day)
