"""Changes made around a body's code, never inside it (sitegen/content/markdown_code.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.markdown_code import outside_code, without_code

BODY = (
    "Quote names with \\` to keep them apart: INSERT INTO \\`user\\`.\n\n"
    "```sql\nSELECT `name` FROM users;\n```\n\n"
    "Then `UPDATE` them, and see [the docs](https://example.org/docs).\n"
)


def test_a_change_reaches_the_text_and_not_the_code() -> None:
    changed = outside_code(BODY, lambda text: text.replace("them", "THEM").replace("name", "NAME"))
    assert "```sql\nSELECT `name` FROM users;\n```" in changed and "`UPDATE`" in changed
    assert "Then `UPDATE` THEM" in changed and "keep THEM apart" in changed


def test_code_found_inside_what_else_was_kept_comes_back_whole() -> None:
    body = "A stray ` opens here\n```\nfenced\n```\nand closes ` here.\n"
    assert outside_code(body, lambda text: text) == body


def test_without_code_is_the_text_around_it() -> None:
    assert "SELECT" not in without_code(BODY) and "UPDATE" not in without_code(BODY)
    assert "[the docs](https://example.org/docs)" in without_code(BODY)


@given(st.text(alphabet="`\\ \nab~*[]()", max_size=60))
def test_changing_nothing_gives_the_body_back(body: str) -> None:
    assert outside_code(body, lambda text: text) == body
