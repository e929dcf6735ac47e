"""Calendars for the date pages: years by months for the archive index, and the days of a month."""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass, replace

from sitegen.content.library import Library
from sitegen.content.model import Period


@dataclass(frozen=True)
class Cell:
    """A month or a day, and how many articles it has (its page exists only if it has some)."""

    period: Period
    count: int
    level: int = 0  # its shading: 1 to LEVELS by its count against the calendar's busiest cell; 0 for none


LEVELS = 5


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
    busiest = max((cell.count for row in rows for cell in row.months), default=0)
    return [replace(row, months=tuple(_shaded(cell, busiest) for cell in row.months)) for row in rows]


def month_weeks(library: Library, month: Period) -> list[tuple[Cell | None, ...]]:
    """The weeks of a month, Monday first; None for the days of the weeks that fall outside it."""
    assert month.month is not None
    weeks = calendar.Calendar(firstweekday=0).monthdayscalendar(month.year, month.month)
    cells = [[_cell(library, Period(month.year, month.month, day)) if day else None for day in week] for week in weeks]
    busiest = max((cell.count for week in cells for cell in week if cell is not None), default=0)
    return [tuple(cell and _shaded(cell, busiest) for cell in week) for week in cells]


def _shaded(cell: Cell, busiest: int) -> Cell:
    return replace(cell, level=math.ceil(LEVELS * cell.count / busiest)) if cell.count else cell


def _cell(library: Library, period: Period) -> Cell:
    return Cell(period, len(library.by_period.get(period, ())))
