"""Calendars for the date pages: years by months for the archive index, and the days of a month."""

from __future__ import annotations

import calendar
from dataclasses import dataclass

from sitegen.content.library import Library
from sitegen.content.model import Period


@dataclass(frozen=True)
class Cell:
    """A month or a day, and how many articles it has (its page exists only if it has some)."""

    period: Period
    count: int


@dataclass(frozen=True)
class YearRow:
    year: Period
    count: int
    months: tuple[Cell, ...]  # all twelve


def year_rows(library: Library) -> list[YearRow]:
    """One row per year that has articles, newest first, with every month's count."""
    rows = []
    for year in reversed(library.periods("year")):
        months = tuple(_cell(library, Period(year.year, month)) for month in range(1, 13))
        rows.append(YearRow(year, len(library.by_period[year]), months))
    return rows


def month_weeks(library: Library, month: Period) -> list[tuple[Cell | None, ...]]:
    """The weeks of a month, Monday first; None for the days of the weeks that fall outside it."""
    assert month.month is not None
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(month.year, month.month)
    return [tuple(_cell(library, Period(month.year, month.month, day)) if day else None for day in week)
            for week in weeks]  # fmt: skip


def _cell(library: Library, period: Period) -> Cell:
    return Cell(period, len(library.by_period.get(period, ())))
