import pytest

from sitegen.content.frontmatter import FrontMatterError, field_line, parse, serialise


def test_dates_stay_strings_so_sitegen_applies_the_time_zone() -> None:
    document = parse("---\ntitle: A\ndate: 2025-06-03 12:30\n---\nBody\n")
    assert document.meta == {"title": "A", "date": "2025-06-03 12:30"}
    assert document.body == "Body\n"


def test_round_trip_keeps_values_and_order() -> None:
    meta = {"title": "Quotes “kept” & <b>", "date": "2025-06-03T12:30:00+03:00", "tags": ["A", "B"], "draft": False}
    text = serialise(meta, "Body text.\n")
    document = parse(text)
    assert document.meta == meta
    assert list(document.meta) == list(meta)
    assert document.body.strip() == "Body text."
    assert "date: 2025-06-03T12:30:00+03:00\n" in text


def test_bom_and_windows_line_endings_are_accepted() -> None:
    document = parse("\ufeff---\r\ntitle: A\r\n---\r\nBody\r\n")
    assert document.meta == {"title": "A"}
    assert document.body == "Body\n"


def test_field_line_points_at_the_field() -> None:
    document = parse("---\ntitle: A\n\ndate: nonsense\n---\n")
    assert field_line(document, "date") == 4
    assert field_line(document, "missing") is None


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("title: A\n", "no front-matter", 1),
        ("---\ntitle: A\n", "not closed", 1),
        ("---\ntitle: [A\n---\n", "not valid YAML", None),
        ("---\n- a\n- b\n---\n", "must be a mapping", 2),
    ],
)
def test_broken_front_matter_says_what_is_wrong(text: str, message: str, line: int | None) -> None:
    with pytest.raises(FrontMatterError, match=message) as raised:
        parse(text)
    if line is not None:
        assert raised.value.line == line
