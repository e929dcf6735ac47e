from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sitegen.content import normalise
from sitegen.content.model import Source

MOSCOW = ZoneInfo("Europe/Moscow")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2025-06-03T12:30:00+03:00", datetime(2025, 6, 3, 12, 30, tzinfo=MOSCOW)),
        ("2025-06-03 12:30", datetime(2025, 6, 3, 12, 30, tzinfo=MOSCOW)),
        ("2025-06-03", datetime(2025, 6, 3, tzinfo=MOSCOW)),
    ],
)
def test_timestamps_are_aware_and_use_the_site_zone_when_none_is_given(written: str, expected: datetime) -> None:
    parsed = normalise.timestamp(written, MOSCOW)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(hours=3)


def test_an_explicit_offset_is_kept() -> None:
    parsed = normalise.timestamp("2025-06-03T09:30:00Z", MOSCOW)
    assert parsed == datetime(2025, 6, 3, 12, 30, tzinfo=MOSCOW)
    assert parsed.utcoffset() == timedelta(0)


def test_a_date_that_is_not_one_says_how_to_write_it() -> None:
    with pytest.raises(normalise.FieldError, match="'3rd of June' is not a date: write it as 2025-06-03"):
        normalise.timestamp("3rd of June", MOSCOW)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Kremlin, Russia ,  Ukraine", ("Kremlin", "Russia", "Ukraine")),
        (["Kremlin", "Kremlin", " Russia "], ("Kremlin", "Russia")),
        ("", ()),
        (None, ()),
        ([2025, "x"], ("2025", "x")),
    ],
)
def test_name_lists_accept_lists_and_comma_separated_text(written: object, expected: tuple[str, ...]) -> None:
    assert normalise.name_list(written) == expected


def test_a_mapping_is_not_a_name_list() -> None:
    with pytest.raises(normalise.FieldError, match="expected a list or a comma-separated text, got a mapping"):
        normalise.name_list({"a": 1})


def test_sources_accept_a_mapping_a_list_or_a_bare_url() -> None:
    assert normalise.sources({"path": "a.txt", "sha256": "ab"}) == (Source(path="a.txt", sha256="ab"),)
    both = (Source(url="https://x.org/a"), Source(path="raw/a.txt"))
    assert normalise.sources(["https://x.org/a", "raw/a.txt"]) == both
    with pytest.raises(normalise.FieldError, match="unknown source key"):
        normalise.sources({"file": "a"})


def test_slugs_are_url_safe_and_never_empty() -> None:
    assert normalise.slug("Putin’s “talks”: Ukraine & the U.S.") == "putins-talks-ukraine-the-u-s"
    assert normalise.slug("¿?!") == "untitled"
    assert len(normalise.slug("word " * 60)) <= normalise.SLUG_MAX_LENGTH


def test_summary_is_the_first_paragraph_as_plain_text_cut_at_a_word() -> None:
    body = "# Heading\n\nFirst **bold** [link](http://x) paragraph.\n\nSecond.\n"
    assert normalise.summary_from_body(body) == "First bold link paragraph."
    long_summary = normalise.summary_from_body("word " * 100)
    assert long_summary.endswith("…") and len(long_summary) <= normalise.SUMMARY_MAX_LENGTH + 1
