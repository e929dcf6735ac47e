"""The Library: every article of the archive in one place, with the indexes that pages are made from."""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import chain, groupby
from operator import attrgetter, itemgetter

from sitegen.content.model import Article, Period, Registry

# Related articles are looked for among this many neighbours in time within each shared tag or person,
# so that a tag on thousands of articles costs no more than a small one.
RELATED_WINDOW = 60
PERSON_WEIGHT = 2  # sharing a person says more about two news articles than sharing a tag
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Library:
    articles: tuple[Article, ...]  # newest first
    registry: Registry
    by_tag: dict[str, tuple[Article, ...]]  # each newest first; keys in name order
    by_person: dict[str, tuple[Article, ...]]
    by_period: dict[Period, tuple[Article, ...]]  # years, months and days; keys in time order
    position: dict[Article, int]  # an article's index in articles
    period_neighbours: dict[Period, tuple[Period | None, Period | None]]  # previous and next of the same kind
    tag_positions: dict[str, tuple[int, ...]]  # each tag's articles' positions, ascending
    person_positions: dict[str, tuple[int, ...]]  # each person's
    by_section: dict[str, tuple[Article, ...]]  # each category's articles, newest first; keys in name order
    by_author: dict[str, tuple[Article, ...]]  # each author's
    by_calendar_day: dict[tuple[int, int], tuple[Article, ...]]  # (month, day) -> its articles of every year

    @classmethod
    def of(cls, articles: Iterable[Article], registry: Registry) -> Library:
        newest_first = tuple(sorted(articles, key=_time_order, reverse=True))
        by_tag: dict[str, list[Article]] = defaultdict(list)
        by_person: dict[str, list[Article]] = defaultdict(list)
        by_period: dict[Period, list[Article]] = defaultdict(list)
        by_section: dict[str, list[Article]] = defaultdict(list)
        by_author: dict[str, list[Article]] = defaultdict(list)
        by_calendar_day: dict[tuple[int, int], list[Article]] = defaultdict(list)
        for article in newest_first:
            by_calendar_day[(article.day.month, article.day.day)].append(article)
            for tag in article.tags:
                by_tag[tag].append(article)
            for person in article.people:
                by_person[person].append(article)
            if article.category:
                by_section[article.category].append(article)
            for author in article.authors:
                by_author[author].append(article)
            for period in Period.all_of(article.day):
                by_period[period].append(article)
        periods = sorted(by_period, key=_period_order)
        position = {article: index for index, article in enumerate(newest_first)}
        tag_positions = {tag: tuple(position[a] for a in group) for tag, group in by_tag.items()}
        person_positions = {name: tuple(position[a] for a in group) for name, group in by_person.items()}
        return cls(
            articles=newest_first,
            registry=registry,
            by_tag=_by_name(by_tag),
            by_person=_by_name(by_person),
            by_period={period: tuple(by_period[period]) for period in periods},
            position=position,
            period_neighbours=_neighbours_of_same_kind(periods),
            tag_positions=tag_positions,
            person_positions=person_positions,
            by_section=_by_name(by_section),
            by_author=_by_name(by_author),
            by_calendar_day={day: tuple(by_calendar_day[day]) for day in sorted(by_calendar_day)},
        )

    def chronological(self) -> tuple[Article, ...]:
        """The articles oldest first."""
        return self.articles[::-1]

    def periods(self, kind: str, within: Period | None = None) -> list[Period]:
        """The periods of a kind that have articles, oldest first, optionally only those inside another."""
        return [p for p in self.by_period if p.kind == kind and (within is None or _inside(p, within))]

    def neighbours(self, article: Article) -> tuple[Article | None, Article | None]:
        """The articles just before and just after this one in time."""
        index = self.position[article]
        older = self.articles[index + 1] if index + 1 < len(self.articles) else None
        newer = self.articles[index - 1] if index > 0 else None
        return older, newer

    def related(self, article: Article, count: int) -> list[Article]:
        """The articles sharing most people and tags with this one; ties go to the nearest in time, then the newer."""
        return [self.articles[position] for position in self.related_positions(article, count)]

    def related_positions(self, article: Article, count: int) -> list[int]:
        """The positions of the articles related() gives."""
        here = self.position[article]
        scores: Counter[int] = Counter()
        for name in article.people:
            for _ in range(PERSON_WEIGHT):
                scores.update(_window(self.person_positions[name], here))
        for tag in article.tags:
            scores.update(_window(self.tag_positions[tag], here))
        scores.pop(here, None)
        best: list[int] = []
        # Every article's page lists its related articles, so this runs in C where it can: counting, and
        # sorting by score; only the few positions needed are then picked from each score, nearest first.
        for _, tied in groupby(scores.most_common(), key=itemgetter(1)):
            best += _nearest(sorted(position for position, _ in tied), here, count - len(best))
            if len(best) == count:
                break
        return best

    def shape(self) -> str:
        """All that related articles follow from: the articles' order, and each one's tags and people."""
        lines = "".join(f"{article.file}\0{article.tags}\0{article.people}\n" for article in self.articles)
        return hashlib.blake2b(lines.encode(), digest_size=16).hexdigest()

    def co_occurring(
        self, articles: Iterable[Article], field: str, leave_out: str, count: int
    ) -> list[tuple[str, int]]:
        """The people (field "people") or tags ("tags") most often in these articles, besides leave_out."""
        counts = Counter(chain.from_iterable(map(attrgetter(field), articles)))  # counted without a Python loop
        counts.pop(leave_out, None)
        return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold(), item[0]))[:count]


def _by_name(index: dict[str, list[Article]]) -> dict[str, tuple[Article, ...]]:
    return {name: tuple(index[name]) for name in sorted(index, key=lambda name: (name.casefold(), name))}


def _period_order(period: Period) -> tuple[int, int, int]:
    return period.year, period.month or 0, period.day or 0


def _neighbours_of_same_kind(periods: list[Period]) -> dict[Period, tuple[Period | None, Period | None]]:
    neighbours: dict[Period, tuple[Period | None, Period | None]] = {}
    for kind in ("year", "month", "day"):
        same_kind = [period for period in periods if period.kind == kind]
        for index, period in enumerate(same_kind):
            before = same_kind[index - 1] if index > 0 else None
            after = same_kind[index + 1] if index + 1 < len(same_kind) else None
            neighbours[period] = (before, after)
    return neighbours


def _inside(period: Period, within: Period) -> bool:
    return period.year == within.year and (within.month is None or period.month == within.month)


def _nearest(positions: list[int], here: int, count: int) -> list[int]:
    """The count positions (ascending, here not among them) nearest to here; of two as near, the lower first."""
    right = bisect_left(positions, here)
    left = right - 1
    found: list[int] = []
    while len(found) < count and (left >= 0 or right < len(positions)):
        if right == len(positions) or (left >= 0 and here - positions[left] <= positions[right] - here):
            found.append(positions[left])
            left -= 1
        else:
            found.append(positions[right])
            right += 1
    return found


def _window(positions: tuple[int, ...], here: int) -> tuple[int, ...]:
    """The positions nearest to here, at most RELATED_WINDOW of them (positions ascend, newest first)."""
    if len(positions) <= RELATED_WINDOW:
        return positions
    at = bisect_left(positions, here)
    start = max(0, min(at - RELATED_WINDOW // 2, len(positions) - RELATED_WINDOW))
    return positions[start : start + RELATED_WINDOW]


def _time_order(article: Article) -> tuple[timedelta, str]:
    """Articles in time, then by file. Each date keeps the offset its file gave, so two dates of different
    offset objects compare by working out both offsets, every time; their distances from the epoch compare
    as plain numbers."""
    return article.date - EPOCH, article.file
