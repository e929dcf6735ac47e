"""Property tests: whatever bytes a raw file holds, import gives an article or a clear error, never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.importing.readers import FORMATS, ReadError, read_draft
from sitegen.importing.readers.dates import parse_date

BYLINE_PIECES = st.sampled_from(
    ["• ", "- ", "* ", "| ", "By ", "Tuesday ", "3 June", ", 12:30", " • News", "\r\n", "\n", "\n\n", "---\n", "+++\n",
     "Title: x\n", "<html>", "# ", "\u00a0", "\ufeff", "“", "Tags: a, b", "2025-06-03", "29 February"]
)  # fmt: skip
TEXTS = st.one_of(st.text(), st.lists(st.one_of(BYLINE_PIECES, st.text(max_size=20)), max_size=40).map("".join))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, kind=st.sampled_from([None, *FORMATS]))
def test_any_text_gives_an_article_or_a_read_error(text: str, kind: str | None) -> None:
    try:
        draft, _ = read_draft(text.encode("utf-8"), "raw.txt", kind)
    except ReadError as error:
        assert str(error)
        return
    assert draft.title.strip() and draft.body.strip()


@given(data=st.binary(max_size=2000))
def test_any_bytes_give_an_article_or_a_read_error(data: bytes) -> None:
    try:
        read_draft(data, "raw", None)
    except ReadError as error:
        assert str(error)


@given(text=st.text(max_size=60))
def test_date_parsing_never_raises(text: str) -> None:
    parse_date(text)
