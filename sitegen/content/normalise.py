"""Pure functions that turn what people write in front-matter into canonical values.

Each raises FieldError with a message that says what is wrong and what to write instead.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from slugify import slugify

from sitegen.content.model import ArticleImage, Source

SLUG_MAX_LENGTH = 80
# The first and last moments every page and feed can show: a day inside Python's years 1 to 9999 on either
# side, so that a date moved to UTC (feeds, sitemaps, search) or to its neighbouring day (calendars) exists.
EARLIEST = datetime(1, 1, 2, tzinfo=UTC)
LATEST = datetime(9999, 12, 30, 23, 59, 59, tzinfo=UTC)
SUMMARY_MAX_LENGTH = 240


class FieldError(ValueError):
    pass


def text(value: Any) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return " ".join(str(value).split())
    raise FieldError(f"expected text, got {describe(value)}")


def optional_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    return text(value) or None


def name_list(value: Any) -> tuple[str, ...]:
    """A list of names, from a YAML list or a comma-separated string; blanks and repeats dropped."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Any] = value.split(",")
    elif isinstance(value, list):
        items = value
    else:
        raise FieldError(f"expected a list or a comma-separated text, got {describe(value)}")
    names: list[str] = []
    for item in items:
        name = text(item)
        if name and name not in names:
            names.append(name)
    return tuple(names)


def address_list(value: Any) -> tuple[str, ...]:
    """One address or a list of them (addresses may hold commas, so a text is one address); repeats dropped."""
    items = value if isinstance(value, list) else [value]
    return tuple(dict.fromkeys(address for item in items if (address := text(item))))


_DATE_WORDING = "write it as 2025-06-03, 2025-06-03 12:30 or 2025-06-03T12:30:00+03:00"


def timestamp(value: Any, zone: ZoneInfo) -> datetime:
    """An aware datetime; a date without a time is midnight, a time without an offset is in the given zone."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime.combine(value, time())
    elif isinstance(value, str):
        cleaned = value.strip()
        if cleaned.endswith(("Z", "z")):
            cleaned = cleaned[:-1] + "+00:00"
        try:
            parsed = datetime.fromisoformat(cleaned)
        except ValueError as error:
            raise FieldError(f"{value!r} is not a date: {_DATE_WORDING}") from error
    else:
        raise FieldError(f"expected a date, got {describe(value)}: {_DATE_WORDING}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=zone)
    try:
        writable = EARLIEST <= parsed.astimezone(UTC) <= LATEST
    except OverflowError:  # its UTC moment falls outside years 1 to 9999
        writable = False
    if not writable:
        raise FieldError(f"{value} is outside the dates pages and feeds can show: 0001-01-02 to 9999-12-30, in UTC")
    return parsed


_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})*")


def language(value: Any) -> str:
    """A BCP 47 language tag as HTML's lang attribute takes it: "de", "pt-BR"."""
    tag = text(value)
    if not _LANGUAGE_TAG.fullmatch(tag):
        raise FieldError(f"expected a language tag such as de or pt-BR, got {tag!r}")
    return tag


def flag(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raise FieldError(f"expected true or false, got {describe(value)}")


def image(value: Any) -> ArticleImage:
    """The lead image: its source alone (`image: flood.jpg`), or a mapping of src, alt, caption and credit."""
    if isinstance(value, str):
        return ArticleImage(text(value))
    if not isinstance(value, dict):
        wanted = "an image's file or address, or a mapping of src, alt, caption and credit"
        raise FieldError(f"expected {wanted}, got {describe(value)}")
    unknown = sorted(set(map(str, value)) - {"src", "alt", "caption", "credit"})
    if unknown:
        raise FieldError(f"unknown image key(s) {', '.join(unknown)}; use src, alt, caption, credit")
    source = optional_text(value.get("src"))
    if source is None:
        raise FieldError("the image has no src: give its file (beside the article or in content/images/) or address")
    fields = {key: optional_text(value.get(key)) for key in ("caption", "credit")}
    return ArticleImage(source, optional_text(value.get("alt")) or "", **fields)


def sources(value: Any) -> tuple[Source, ...]:
    """One source or a list of them; each a mapping of path, sha256 and url, or a bare URL or path."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else [value]
    result = []
    for item in items:
        if isinstance(item, str):
            is_url = re.match(r"^[a-z][a-z0-9+.-]*://", item, re.IGNORECASE)
            result.append(Source(url=item) if is_url else Source(path=item))
        elif isinstance(item, dict):
            unknown = sorted(set(item) - {"path", "sha256", "url"})
            if unknown:
                raise FieldError(f"unknown source key(s) {', '.join(map(str, unknown))}; use path, sha256, url")
            result.append(Source(**{key: optional_text(item.get(key)) for key in ("path", "sha256", "url")}))
        else:
            raise FieldError(f"expected a mapping of path, sha256 and url, got {describe(item)}")
    return tuple(result)


def slug(value: str) -> str:
    """A URL-safe slug; never empty, so a title of only punctuation still gets a page."""
    return slugify(value, max_length=SLUG_MAX_LENGTH, word_boundary=True) or "untitled"


_INLINE_MARKUP = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"<[^>]+>"), ""),  # raw HTML tags
    (re.compile(r"(?<!\\)[*_`]+"), ""),  # emphasis and code marks
]
_INLINE_MARKS = "[<*_`"  # inline markup starts with one of these (an image's "!" comes before a "[")
_BLOCK_MARKER = re.compile(r"^\s{0,3}(#{1,6}|>|[-+*]|\d+[.)])\s+", re.MULTILINE)
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLOCK_BREAK = re.compile(r"\n\s*\n")


_SPELLING_MARKS = re.compile(r"[\s\-_.'’‘]+")


def spelling_key(name: str) -> str:
    """What two spellings of one name share: the name without case, accents, spaces, hyphens, dots and
    apostrophes. "China" and "china", "Covid-19" and "COVID 19" share one; "Disney" and "Disney+" do not."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(character for character in decomposed if not unicodedata.combining(character))
    return _SPELLING_MARKS.sub("", letters)


def summary_from_body(body: str) -> str:
    """The first paragraph of the body as plain text, cut at a word boundary."""
    start = 0
    while True:  # block by block: only the first paragraph is ever looked at
        found = _BLOCK_BREAK.search(body, start)
        plain = _plain_text(body[start : found.start() if found else len(body)])
        if plain:
            return shorten(plain, SUMMARY_MAX_LENGTH)
        if found is None:
            return ""
        start = found.end()


def _plain_text(block: str) -> str:
    """A paragraph's text without its markup; empty for a block that is not a paragraph."""
    if block.lstrip().startswith(("#", "```", "|", "---")):
        return ""
    if any(mark in block for mark in _INLINE_MARKS):  # most paragraphs have none: no need to look for it
        for pattern, replacement in _INLINE_MARKUP:
            block = pattern.sub(replacement, block)
    block = _BLOCK_MARKER.sub("", block)
    if "\\" in block:  # a hard line break (a backslash ending a line) is a space; an escaped mark its mark
        block = _BACKSLASH_ESCAPE.sub(r"\1", block.replace("\\\n", " "))
    return " ".join(block.split())


def shorten(value: str, limit: int) -> str:
    if len(value) <= limit:
        return value
    cut = value[:limit].rsplit(" ", 1)[0].rstrip(",;:.-\u2013\u2014")
    return cut + "…"


def describe(value: Any) -> str:
    kind = {dict: "a mapping", list: "a list", bool: "true/false", type(None): "nothing"}.get(type(value))
    return kind or f"{value!r}"
