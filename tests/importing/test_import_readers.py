"""The raw-format readers: what each takes from a file, and how a file's format is told."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from sitegen.importing.readers import detect_format, read_draft
from sitegen.importing.readers.dates import DateText
from sitegen.importing.readers.markdown_text import escape_markdown
from sitegen.importing.readers.text import read_text


def test_by_line_with_the_date_after_a_comma() -> None:
    draft = read_text("Headline here\nBy Jane Smith, 3 June 2025\n\nThe text.\n")
    assert draft.authors == ("Jane Smith",) and draft.date == DateText(6, 3, 2025)


def test_pipe_separated_byline_with_labels() -> None:
    draft = read_text("Headline here\nAuthor: Jane Smith | 3 June 2025 | Category: Politics\n\nThe text.\n")
    assert (draft.authors, draft.category, draft.date) == (("Jane Smith",), "Politics", DateText(6, 3, 2025))


def test_byline_items_in_any_order_tell_a_section_from_an_author() -> None:
    draft = read_text("Headline here\n• Sport\n• 3 June\n• Sam Green\n\nThe text.\n")
    assert (draft.authors, draft.category) == (("Sam Green",), "Sport")


def test_a_time_and_a_date_on_separate_bullets_are_one_date() -> None:
    draft = read_text("Headline here\n• 12:30\n• 3 June\n\nThe text.\n")
    assert draft.date == DateText(6, 3, None, 12, 30)


def test_the_first_paragraph_is_not_taken_for_a_byline() -> None:
    draft = read_text("Headline here\n\nThe mayor said on 3 June that the budget is final.\n")
    assert draft.date is None and draft.body == "The mayor said on 3 June that the budget is final."


def test_a_trailing_tags_line_becomes_tags() -> None:
    draft = read_text("Headline here\n\nThe text.\n\nTags: Roads, Bridges\n")
    assert draft.tags == ("Roads", "Bridges") and draft.body == "The text."


@pytest.mark.parametrize(
    "text",
    ["2025. A year", "# not a heading", "- not a list", "1) one", "> not a quote", "a *b* c_d_ [x](y) <b>", "---"],
)
def test_plain_text_renders_as_the_same_text_after_escaping(text: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": False}).render(escape_markdown(text))
    expected = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert rendered == f"<p>{expected}</p>\n"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("<!DOCTYPE html><html><body>x</body></html>", "page.txt", "html"),
        ("<!-- saved -->\n<html lang='en'>", "page", "html"),
        ("\n<script type='text/javascript'>var ad = 1;</script>\n<html>", "page.html", "html"),  # a host's script first
        ("---\ntitle: x\n---\n", "a.txt", "markdown"),
        ("+++\ntitle = 'x'\n+++\n", "a", "markdown"),
        ("Title: x\nDate: 2025-01-01\n\nText", "a.md", "markdown"),
        ("# Heading\n\nText", "a.md", "markdown"),
        ("# Heading\n\nText", "a.txt", "text"),
        ("Headline\n• Admin\n\nText", "a.md", "text"),
        ("Note: this is a headline\n\nText", "a.txt", "text"),
    ],
)
def test_the_format_is_told_from_the_file_itself(text: str, name: str, expected: str) -> None:
    assert detect_format(text, name) == expected


def test_a_forced_format_is_used_as_given() -> None:
    draft, kind = read_draft(b"Title: Budget day\n\nText.\n", "a.md", "text")
    assert kind == "text" and draft.title == "Title: Budget day"


def test_an_underlined_headline_keeps_its_underline_out_of_the_text() -> None:
    draft = read_text("Headline here\n=============\nBy Sam Green\n\nThe text.\n")
    assert draft.body == "The text." and draft.authors == ("Sam Green",)


def test_eleventy_javascript_front_matter_gives_its_plain_values() -> None:
    text = '---js\nconst title = "A fifth post";\nconst date = "2023-01-23";\nconst draft = true;\n'
    text += "const tags = ['one', 'two'];\nfunction eleventyComputed() { return {}; }\n---\nThe text.\n"
    draft, kind = read_draft(text.encode(), "fifth.md")
    assert (kind, draft.title, draft.draft, draft.tags) == ("markdown", "A fifth post", True, ("one", "two"))
    assert (draft.date.year, draft.date.month, draft.date.day) == (2023, 1, 23)


def test_inline_html_links_and_emphasis_in_a_paragraph_become_markdown() -> None:
    text = "---\ntitle: T\ndate: 2023-01-23\n---\n"
    text += 'See <a href="/blog/first.md">the first</a>, <em>now</em>; `<b>x</b>`.\n'
    draft, _ = read_draft(text.encode(), "t.md")
    assert draft.body == "See [the first](/blog/first.md), *now*; `<b>x</b>`.\n"


def test_a_person_named_beside_the_publisher_is_the_author() -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Harbour News">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Quay reopens", "author": ['
        '{"@type": "Person", "name": "Ada Brennan"}, {"@type": "Organization", "name": "Harbour News"}]}</script>'
        "</head><body><article><h1>Quay reopens</h1><p>The east quay reopened on Monday after a month of work "
        "on its stones, the harbour board said, and the ferries are back.</p></article></body></html>"
    )
    draft, _ = read_draft(page.encode(), "page.html")
    assert draft.authors == ("Ada Brennan",)


def test_an_organisation_as_author_keeps_its_name_without_its_address() -> None:
    page = (
        '<html><head><meta name="author" content="Harbour Media GmbH, Bremen, Germany"></head><body><article>'
        "<h1>Quay reopens</h1><p>The east quay reopened on Monday after a month of work on its stones, the "
        "harbour board said, and the ferries are back.</p></article></body></html>"
    )
    draft, _ = read_draft(page.encode(), "page.html")
    assert draft.authors == ("Harbour Media GmbH",)
