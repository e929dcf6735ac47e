"""Reading the dates scrapes write, and settling the year they leave out."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sitegen.importing.readers.dates import DateClues, DateText, dates_in_address, parse_date, parse_time, settle

ZONE = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 June, 12:30", DateText(6, 3, None, 12, 30)),
        ("Tuesday 3 June 2025", DateText(6, 3, 2025, weekday=1)),
        ("Tue, 3 Jun", DateText(6, 3, None, weekday=1)),
        ("2025-06-03 12:30", DateText(6, 3, 2025, 12, 30)),
        ("2025-06-03T12:30:00+03:00", DateText(6, 3, 2025, 12, 30, 0, 180)),
        ("2025-06-03T09:30:00.000Z", DateText(6, 3, 2025, 9, 30, 0, 0)),
        ("June 3, 2025 at 5:40 pm", DateText(6, 3, 2025, 17, 40)),
        ("3rd of June", DateText(6, 3)),
        ("Posted on 3 June 2025", DateText(6, 3, 2025)),
        ("12:30, 3 June", DateText(6, 3, None, 12, 30)),
        ("03.06.2025 09:15", DateText(6, 3, 2025, 9, 15)),
        ("Mon, 2 Jun 2025 10:00 GMT", DateText(6, 2, 2025, 10, 0, 0, 0, weekday=0)),
        ("29 February", DateText(2, 29)),
    ],
)
def test_a_date_is_read_from_the_ways_sites_write_it(text: str, expected: DateText) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["News", "Admin", "3 June News", "May", "30 February", "Someday 3 June", "25:00"])
def test_words_that_are_not_a_date_are_not_read_as_one(text: str) -> None:
    assert parse_date(text) is None


def test_a_time_on_its_own_is_read_as_a_time() -> None:
    assert parse_time("12:30") is not None and parse_time("3 June") is None


def clues(**changes: object) -> DateClues:
    settings: dict[str, object] = {"zone": ZONE, "reference": NOW}
    settings.update(changes)
    return DateClues(**settings)  # type: ignore[arg-type]


def test_a_date_with_its_year_needs_no_inference() -> None:
    settled = settle(DateText(6, 3, 2025, 12, 30), clues(year=2020, path="2019/x.txt"))
    assert settled.value == datetime(2025, 6, 3, 12, 30, tzinfo=ZONE) and settled.inferred is None


def test_the_year_option_comes_before_the_path() -> None:
    settled = settle(DateText(6, 3), clues(year=2020, path="2019/x.txt"))
    assert (settled.value.year, settled.inferred) == (2020, "year option")


def test_a_year_in_the_path_comes_before_weekday_words() -> None:
    settled = settle(DateText(6, 3), clues(path="scrapes/2019/x.txt", text="on Tuesday"))
    assert (settled.value.year, settled.inferred) == (2019, "path")


def test_weekday_words_fix_the_seed_year() -> None:
    text = "Speaking at a press conference in Moscow on Tuesday ... Monday’s peace talks"
    settled = settle(DateText(6, 3, None, 12, 30), clues(text=text))
    assert settled.value == datetime(2025, 6, 3, 12, 30, tzinfo=ZONE)
    assert settled.inferred == "weekday" and settled.warning is None


def test_weekday_inference_takes_the_nearest_year_not_after_the_reference() -> None:
    # 3 June was a Tuesday in 2025 and in 2014; before 4 June 2025, 2014 is the nearest.
    settled = settle(DateText(6, 3), clues(text="on Tuesday", reference=datetime(2025, 6, 2, tzinfo=ZONE)))
    assert settled.value.year == 2014


def test_a_weekday_in_the_date_itself_outranks_those_in_the_text() -> None:
    settled = settle(DateText(3, 5, weekday=2), clues(text="on Friday"))
    assert (settled.value.year, settled.inferred) == (2025, "weekday")


def test_without_clues_the_latest_year_is_assumed_with_a_warning() -> None:
    settled = settle(DateText(12, 1), clues())
    assert (settled.value.year, settled.inferred) == (2025, "latest year")
    assert settled.warning and "assumed 2025" in settled.warning and "--year" in settled.warning


def test_29_february_goes_to_a_leap_year() -> None:
    assert settle(DateText(2, 29), clues()).value.year == 2024


def test_a_file_without_a_date_takes_one_from_its_name_or_else_the_reference() -> None:
    named = settle(None, clues(path="_posts/2024-05-17-headline.md"))
    assert (named.value, named.inferred) == (datetime(2024, 5, 17, tzinfo=ZONE), "path")
    unnamed = settle(None, clues(path="x.txt"))
    assert (unnamed.value, unnamed.inferred) == (NOW, "file time") and unnamed.warning


def test_a_time_without_an_offset_is_in_the_configured_zone() -> None:
    assert settle(DateText(6, 3, 2025, 12, 30), clues()).value.isoformat() == "2025-06-03T12:30:00+03:00"
    with_offset = settle(DateText(6, 3, 2025, 12, 30, 0, 60), clues()).value
    assert with_offset.isoformat() == "2025-06-03T12:30:00+01:00"


@pytest.mark.parametrize(
    ("path", "year"),
    [
        ("scrapes/2019/story.txt", 2019),
        ("scrapes/2019-archive/story.txt", 2019),
        ("2018/06/2019-05-01-story.md", 2019),
        ("2019_story.txt", 2019),
        ("scrapes/2024/story-1915.txt", 2024),
        ("scrapes/story-1915.txt", None),
        ("scrapes/2031/story.txt", None),  # after the reference date: not a year of the archive
    ],
)
def test_a_year_is_taken_from_folder_and_file_names_not_from_ids(path: str, year: int | None) -> None:
    settled = settle(DateText(6, 3), clues(path=path))
    assert (settled.value.year, settled.inferred) == (year, "path") if year else settled.inferred != "path"


def test_a_placeholder_date_gives_way_to_the_date_in_the_path() -> None:
    settled = settle(DateText(1, 1, 1), clues(path="news/2019/11/19/a-story/index.html"))
    assert (settled.value.date().isoformat(), settled.inferred) == ("2019-11-19", "path")
    assert settled.warning and "0001-01-01 cannot be the article's" in settled.warning


def test_a_date_after_tomorrow_gives_way_to_the_file_time_without_a_path_date() -> None:
    settled = settle(DateText(1, 1, 2031), clues(path="story.html"))
    assert (settled.value, settled.inferred) == (NOW, "file time")
    assert settled.warning and "2031-01-01 cannot be the article's" in settled.warning


def test_dates_from_1990_to_tomorrow_are_taken_as_they_are() -> None:
    for found in (DateText(1, 1, 1990), DateText(NOW.month, NOW.day, NOW.year)):
        assert settle(found, clues(path="2019/11/19/x.html")).inferred is None


def test_dates_in_an_address_are_those_that_can_be_real_in_order() -> None:
    assert dates_in_address("2019/05/15/four-years") == [date(2019, 5, 15)]
    assert dates_in_address("archive/2019-02-30-note/2020_01_02.md") == [date(2020, 1, 2)]
