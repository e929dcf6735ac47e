"""Dates as raw articles write them: read the wording, then settle the year a scrape leaves out.

The year is settled in the order the README documents: the date's own year; the --year option (or import_year in
sitegen.toml); a year in the file's path; weekday words that fix the year; the latest year not after the reference
date, with a warning. Each inference is named, so the article can record it as date_inferred.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

_MONTH_NAMES = "january february march april may june july august september october november december".split()
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES, start=1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
_WEEKDAY_NAMES = "monday tuesday wednesday thursday friday saturday sunday".split()
WEEKDAYS = {name: number for number, name in enumerate(_WEEKDAY_NAMES)}
WEEKDAYS.update({name[:3]: number for name, number in list(WEEKDAYS.items())})
WEEKDAYS.update({"tues": 1, "wed": 2, "thur": 3, "thurs": 3})

# Offsets of the zone abbreviations that news sites print; anything else falls back to the site's zone.
ZONE_ABBREVIATIONS = {
    "z": 0, "utc": 0, "gmt": 0, "bst": 60, "cet": 60, "cest": 120, "eet": 120, "eest": 180, "msk": 180,
    "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
}  # fmt: skip

_LABEL = re.compile(r"^(?:(?:last\s+)?updated|published|posted|date)(?:\s+on)?\s*:?\s*", re.IGNORECASE)
_ZONE = r"(?P<zone>[+-]\d{2}:?\d{2}|[a-z]{1,4})"
_TIME = r"(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?(?:\s*(?P<ampm>[ap])\.?m\.?)?"
_ISO = re.compile(
    rf"^(?P<year>\d{{4}})[-/](?P<month>\d{{1,2}})[-/](?P<day>\d{{1,2}})(?:(?:[t\s]+|,\s*){_TIME}(?:\s*{_ZONE})?)?$",
    re.IGNORECASE,
)
_NUMERIC_DAY_FIRST = re.compile(
    rf"^(?P<day>\d{{1,2}})[./](?P<month>\d{{1,2}})[./](?P<year>\d{{4}})(?:,?\s+{_TIME}(?:\s*{_ZONE})?)?$", re.IGNORECASE
)
_WORDED = re.compile(
    r"^(?:(?P<weekday>[a-z]+)\.?,?\s+)?"
    r"(?:(?:the\s+)?(?P<day1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month1>[a-z]+)\.?"
    r"|(?P<month2>[a-z]+)\.?\s+(?P<day2>\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,?\s+(?P<year>\d{4}))?"
    rf"(?:\s*(?:,|at|-|–|\||@)?\s*{_TIME}(?:\s*{_ZONE})?)?$",
    re.IGNORECASE,
)
_TIME_ONLY = re.compile(rf"^(?:at\s+)?{_TIME}(?:\s*{_ZONE})?$", re.IGNORECASE)
_TIME_FIRST = re.compile(rf"^(?P<time>{_TIME.replace('?P<', '?P<t_')})\s*[,|–-]?\s*(?P<rest>.+)$", re.IGNORECASE)
_YEAR_AT_START = re.compile(r"^(19\d{2}|20\d{2})(?!\d)")
_FULL_DATE_IN_PATH = re.compile(r"(?<!\d)((?:19|20)\d{2})[-_/.](\d{2})[-_/.](\d{2})(?!\d)")
_WEEKDAY_WORD = re.compile(r"\b(" + "|".join(_WEEKDAY_NAMES) + r")\b", re.IGNORECASE)

WEEKDAY_SEARCH_YEARS = 28  # the calendar repeats every 28 years, so every weekday of a date occurs within them


@dataclass(frozen=True)
class DateText:
    """What a date says; a scrape's date may lack the year, the time or the offset."""

    month: int
    day: int
    year: int | None = None
    hour: int | None = None
    minute: int = 0
    second: int = 0
    offset_minutes: int | None = None
    weekday: int | None = None  # a weekday named in the date itself, which can fix a missing year

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def with_time(self, other: DateText) -> DateText:
        return DateText(
            self.month, self.day, self.year, other.hour, other.minute, other.second,
            other.offset_minutes if other.offset_minutes is not None else self.offset_minutes, self.weekday,
        )  # fmt: skip

    def on(self, year: int, zone: ZoneInfo) -> datetime:
        """This date in the given year; raises ValueError for 29 February of a common year."""
        tz = zone if self.offset_minutes is None else timezone(timedelta(minutes=self.offset_minutes))
        return datetime(year, self.month, self.day, self.hour or 0, self.minute, self.second, tzinfo=tz)


@dataclass(frozen=True)
class TimeText:
    """A time of day on its own, as a byline may give it apart from the date."""

    hour: int
    minute: int
    second: int = 0
    offset_minutes: int | None = None


def parse_date(text: str) -> DateText | None:
    """The date a short text states, or None if it is not (only) a date."""
    cleaned = _LABEL.sub("", " ".join(text.split())).strip(" ,.|")
    for pattern in (_ISO, _NUMERIC_DAY_FIRST):
        match = pattern.match(cleaned)
        if match:
            return _checked(_date_text(match, int(match["month"]), int(match["day"]), int(match["year"]), None))
    match = _WORDED.match(cleaned)
    if not match:
        return _parse_time_first(cleaned)
    month = MONTHS.get((match["month1"] or match["month2"]).lower())
    weekday = match["weekday"]
    if month is None or (weekday is not None and weekday.lower() not in WEEKDAYS):
        return None
    day = int(match["day1"] or match["day2"])
    year = int(match["year"]) if match["year"] else None
    return _checked(_date_text(match, month, day, year, WEEKDAYS[weekday.lower()] if weekday else None))


def _parse_time_first(cleaned: str) -> DateText | None:
    """A date written after its time: '12:30, 3 June'."""
    time_first = _TIME_FIRST.match(cleaned)
    if not time_first:
        return None
    found = parse_date(time_first.group("rest"))
    time = parse_time(time_first.group("time"))
    return found.with_time(_as_date_text(time)) if found and time and not found.has_time else None


def parse_time(text: str) -> TimeText | None:
    match = _TIME_ONLY.match(" ".join(text.split()).strip(" ,."))
    if not match:
        return None
    hour, minute, second = _clock(match)
    if hour is None:
        return None
    return TimeText(hour, minute, second, _offset(match["zone"]))


def _date_text(match: re.Match[str], month: int, day: int, year: int | None, weekday: int | None) -> DateText:
    hour, minute, second = _clock(match) if match["hour"] else (None, 0, 0)
    return DateText(month, day, year, hour, minute, second, _offset(match["zone"]), weekday)


def _as_date_text(time: TimeText) -> DateText:
    return DateText(1, 1, None, time.hour, time.minute, time.second, time.offset_minutes)


def _clock(match: re.Match[str]) -> tuple[int | None, int, int]:
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"]) if match["second"] else 0
    ampm = (match["ampm"] or "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None, 0, 0
        hour = hour % 12 + (12 if ampm == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None, 0, 0
    return hour, minute, second


def _offset(zone: str | None) -> int | None:
    if not zone:
        return None
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        return -minutes if zone[0] == "-" else minutes
    return ZONE_ABBREVIATIONS.get(zone.lower())


def _checked(found: DateText) -> DateText | None:
    """The date if it can exist in some year (29 February included), else None."""
    if found.hour is None and (found.minute or found.second):
        return None
    try:
        date(found.year or 2000, found.month, found.day)
    except ValueError:
        return None
    return found


@dataclass(frozen=True)
class SettledDate:
    value: datetime
    inferred: str | None = None  # how the year (or the whole date) was found, when the file did not say
    warning: str | None = None


@dataclass(frozen=True)
class DateClues:
    """What besides the date itself can tell the year: the import's options, the file's path and text."""

    zone: ZoneInfo
    reference: datetime  # the latest the article can be: the file's modification time, or --now
    year: int | None = None  # --year, or import_year in sitegen.toml
    path: str = ""  # the file's path as the user named it
    text: str = ""  # the article's text, for weekday words
    scheduled: bool = False  # a draft, which may be dated when it is to be published: in the future


def settle(found: DateText | None, clues: DateClues) -> SettledDate:
    """A full, time-zone aware date: the year and, failing all else, the whole date inferred from the clues."""
    if found is None:
        return _date_from_path(clues) or SettledDate(
            clues.reference.astimezone(clues.zone).replace(microsecond=0),
            "file time",
            "no date found in the file; used its modification time (write the date in the file, or pass --now)",
        )
    if found.year is not None:
        value = found.on(found.year, clues.zone)
        return SettledDate(value) if _believable(value, clues) else _instead_of(value, clues)
    if clues.year is not None:
        return SettledDate(found.on(clues.year, clues.zone), "year option")
    path_year = _year_in_path(clues.path, clues.reference.year)
    if path_year is not None and _exists(found, path_year):
        return SettledDate(found.on(path_year, clues.zone), "path")
    weekdays = {found.weekday} if found.weekday is not None else _weekdays_in(clues.text)
    year = _latest_year(found, clues, weekdays) if weekdays else None
    if year is not None:
        return SettledDate(found.on(year, clues.zone), "weekday")
    year = _latest_year(found, clues, None)
    if year is None:
        year = clues.reference.year
    warning = (
        f"the date has no year; assumed {year}, the latest year not after {clues.reference.date().isoformat()} "
        "(pass --year, or put the year in the file's path)"
    )
    return SettledDate(found.on(year, clues.zone), "latest year", warning)


EARLIEST_BELIEVABLE = 1990  # a metadata date before this year is a placeholder (0001-01-01) or an error


def _believable(value: datetime, clues: DateClues) -> bool:
    """Whether a date the file gives can be its article's: from 1990 on, and not after the day after the
    reference (a page cannot be saved before it was published), unless it is a draft scheduled for then."""
    return value.year >= EARLIEST_BELIEVABLE and (clues.scheduled or value <= clues.reference + timedelta(days=1))


def _instead_of(value: datetime, clues: DateClues) -> SettledDate:
    """The date to use where the file's own cannot be its article's: the one in its path, else its time."""
    untrusted = f"the file's date {value.date().isoformat()} cannot be the article's (before {EARLIEST_BELIEVABLE}"
    untrusted += f" or after {(clues.reference + timedelta(days=1)).date().isoformat()})"
    from_path = _date_from_path(clues)
    if from_path is not None:
        return replace(from_path, warning=f"{untrusted}; used the date in its path instead")
    fallback = clues.reference.astimezone(clues.zone).replace(microsecond=0)
    return SettledDate(fallback, "file time", f"{untrusted}; used its modification time (or --now) instead")


def _latest_year(found: DateText, clues: DateClues, weekdays: set[int] | None) -> int | None:
    """The latest year, not after the reference date, in which the date exists (and falls on one of the weekdays)."""
    for year in range(clues.reference.year, clues.reference.year - WEEKDAY_SEARCH_YEARS - 1, -1):
        if not _exists(found, year):
            continue
        candidate = found.on(year, clues.zone)
        if candidate.date() > clues.reference.astimezone(clues.zone).date():
            continue
        if weekdays is None or candidate.weekday() in weekdays:
            return year
    return None


def _exists(found: DateText, year: int) -> bool:
    try:
        date(year, found.month, found.day)
    except ValueError:
        return False
    return True


def _weekdays_in(text: str) -> set[int]:
    return {WEEKDAYS[word.lower()] for word in _WEEKDAY_WORD.findall(text)}


def _year_in_path(path: str, latest: int) -> int | None:
    """The year of a full date in the path, else of the last folder or file name that starts with a year.

    Other numbers in a name are more often an id than a year ('story-1915.txt'), so they are not taken.
    """
    dates = _FULL_DATE_IN_PATH.findall(path)
    starts = [match.group(1) for part in path.split("/") if (match := _YEAR_AT_START.match(part))]
    years = [int(year) for year in [*(year for year, _, _ in dates[-1:]), *reversed(starts)] if int(year) <= latest]
    return years[0] if years else None


def dates_in_address(address: str) -> list[date]:
    """The full dates that can be real in a path or URL, in order: Jekyll's 2025-06-03-headline.md, Zola's
    `path = "2019/05/15/title"`, a permalink with the date in it."""
    found = []
    for year, month, day in _FULL_DATE_IN_PATH.findall(address):
        try:
            found.append(date(int(year), int(month), int(day)))
        except ValueError:  # 2019-02-30 is an id, not a date
            continue
    return found


def _date_from_path(clues: DateClues) -> SettledDate | None:
    """The last full date in the file's path or name, as Jekyll names posts: 2025-06-03-headline.md."""
    dates = dates_in_address(clues.path)
    if not dates:
        return None
    return SettledDate(datetime(dates[-1].year, dates[-1].month, dates[-1].day, tzinfo=clues.zone), "path")
