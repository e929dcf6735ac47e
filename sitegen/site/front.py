"""The front page's parts: the lead story, the latest articles of each section, the same day in earlier years,
and the people and tags most covered lately.

Every part is chosen from the articles' dates, sections, tags, people and images, which the structure key
(incremental/groups.py) or the articles' digests cover, so the front page is rebuilt whenever a choice could
change. "Lately" and "this day" are reckoned from the newest article, never from the clock: the same content
gives the same page whenever it is built.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sitegen.content.library import Library
from sitegen.content.model import Article

LEAD_FROM = 10  # the lead story is the newest of this many with a photograph, else the newest
SECTION_COUNT = 6  # sections shown, those with the newest articles first
SECTION_ARTICLES = 4
ON_THIS_DAY_ARTICLES = 5
RECENT = timedelta(days=91)  # "recent months": the quarter up to the newest article
RECENT_COUNT = 12


@dataclass(frozen=True)
class FrontPage:
    lead: Article
    sections: tuple[tuple[str, tuple[Article, ...]], ...]  # (section, its newest articles but the lead)
    day: tuple[int, int]  # (month, day) of the newest article
    on_this_day: tuple[Article, ...]  # of that day in earlier years, newest first
    people: tuple[tuple[str, int], ...]  # the most covered in RECENT, with their counts there
    tags: tuple[tuple[str, int], ...]

    @property
    def shown(self) -> tuple[Article, ...]:
        """Every article the front page's parts show."""
        return (self.lead, *(a for _, articles in self.sections for a in articles), *self.on_this_day)


def front_page(library: Library) -> FrontPage | None:
    """The front page's parts; None for an empty archive."""
    if not library.articles:
        return None
    newest = library.articles[0]
    with_photo = [article for article in library.articles[:LEAD_FROM] if article.image is not None]
    lead = with_photo[0] if with_photo else newest
    by_newest = sorted(library.by_section.items(), key=lambda item: library.position[item[1][0]])
    sections = tuple(
        (name, tuple(article for article in articles[: SECTION_ARTICLES + 1] if article is not lead)[:SECTION_ARTICLES])
        for name, articles in by_newest
    )
    day = (newest.date.month, newest.date.day)
    earlier = tuple(a for a in library.by_calendar_day.get(day, ()) if a.date.year < newest.date.year)
    # Newest first: the recent articles are a run at the start, and the rest of the archive is not walked.
    recent = list(itertools.takewhile(lambda article: newest.date - article.date <= RECENT, library.articles))
    return FrontPage(
        lead=lead,
        sections=tuple((name, articles) for name, articles in sections if articles)[:SECTION_COUNT],
        day=day,
        on_this_day=earlier[:ON_THIS_DAY_ARTICLES],
        people=_most(name for article in recent for name in article.people),
        tags=_most(tag for article in recent for tag in article.tags),
    )


def _most(names: Iterable[str]) -> tuple[tuple[str, int], ...]:
    counts = Counter(names)
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:RECENT_COUNT])
