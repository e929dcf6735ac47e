"""Plain prose rendered without a parser must be exactly what markdown-it-py makes of it."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from sitegen.render.prose import plain_prose_html
from sitegen.render.templates import markdown_renderer

PARSER = MarkdownIt("commonmark", {"html": False, "typographer": False}).enable("table")  # as the site's

# Words, and every character that means something to Markdown or to the line and space handling around it.
TRICKY = [*" \n\t\r\"'#*_-+=:.)([]<>&!|~`\\{}$%@^\x00\x0b\x0c\x1c\x85\u00a0\u2028\u3000\ufeff", "1.", "12)"]
WORDS = ["news", "Kyiv", "“quoted”", "don’t", "2024", "5%", "—", "said", "O'Neil", '"plain"']


@given(st.lists(st.sampled_from(TRICKY + WORDS), max_size=40).map("".join))
@example("a  \nb")  # a hard break
@example("    code")
@example("a\n---")  # a setext heading
@example("1. one")
@example("a\n\n\n\nb\n")
@example("“Quoted,” she said.\nOn 3 June, 12:30 — 5% more.\n\nSecond paragraph.")
def test_plain_prose_is_rendered_as_markdown_it_renders_it(text: str) -> None:
    html = plain_prose_html(text)
    assert html is None or html == PARSER.render(text)


PROSE = st.lists(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=4).map(
        "\n".join
    ),
    max_size=6,
).map("\n\n".join)  # fmt: skip


@given(PROSE)
def test_paragraphs_of_words_take_the_plain_way_and_match_markdown_it(text: str) -> None:
    html = plain_prose_html(text)
    assert html is not None
    assert html == PARSER.render(text)


@pytest.mark.parametrize(
    "text",
    ["*emphasis*", "a_b", "[link](x)", "AT&T", "<b>", "`code`", "a\\b", "# Heading", "> quote", "- item",
     "+ item", "2024. A year", "3) three", "a|b", "~~~", "line  \nbreak", " indented", "trailing ", "=", "a\tb"],
)  # fmt: skip
def test_text_that_may_be_markup_is_left_to_markdown_it(text: str) -> None:
    assert plain_prose_html(text) is None


def test_the_site_renderer_gives_markdown_it_output_either_way() -> None:
    render = markdown_renderer()
    for text in ("Plain “news” text.\n\nAnd more.", "Some *emphasis* here."):
        assert render(text) == PARSER.render(text)
