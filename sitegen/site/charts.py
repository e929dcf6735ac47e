"""Small bar charts drawn at build time as inline SVG: articles per year for a person or a tag.

Every year of the archive gets a bar, so two charts compare at a glance. The chart carries a text
description for screen readers, and each bar a title with its count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sitegen.content.model import Article
from sitegen.site.listings import by_year

WIDTH, HEIGHT = 600, 120
LABEL_HEIGHT = 16  # room under the bars for the year labels
VALUE_HEIGHT = 14  # room above the tallest bar for its count
GAP = 0.2  # the share of each slot left empty between bars


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    bars: tuple[Bar, ...]
    width: int
    height: int
    description: str  # every bar's label and count, for screen readers

    @property
    def label_every(self) -> int:
        """Label every nth bar so that labels do not overlap."""
        return max(1, -(-len(self.bars) // 12))


def per_year(articles: Iterable[Article], years: list[int]) -> Chart | None:
    """Articles per year over the given years; None when there are fewer than two years to compare."""
    if len(years) < 2:
        return None
    counts = Counter(map(by_year, articles))
    return bar_chart([(str(year), counts.get(year, 0)) for year in years])


def bar_chart(values: list[tuple[str, int]]) -> Chart:
    top = max((count for _, count in values), default=0) or 1
    slot = WIDTH / len(values)
    plot = HEIGHT - LABEL_HEIGHT - VALUE_HEIGHT
    bars = []
    for index, (label, count) in enumerate(values):
        height = round(plot * count / top, 1)
        x, width = round(index * slot + slot * GAP / 2, 1), round(slot * (1 - GAP), 1)
        bars.append(Bar(label, count, x, round(VALUE_HEIGHT + plot - height, 1), width, height))
    description = ", ".join(f"{label}: {count}" for label, count in values)
    return Chart(tuple(bars), WIDTH, HEIGHT, description)
