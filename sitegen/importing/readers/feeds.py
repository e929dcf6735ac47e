"""RSS 2.0, Atom and RDF feeds, read with feedparser: one entry per item.

Each item becomes an article: its full content where the feed carries it (`content:encoded`, Atom's
`content`), as Markdown; else its summary, with a warning that the feed gave no more. The item's link is the
article's source address, its id (or link) tells it from the others when the feed is imported again, and its
categories are its tags. A file feedparser cannot read as a feed is one error naming what is wrong.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
from markdownify import markdownify

from sitegen.importing.readers.dates import DateText
from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.wxr import ExportEntry

_FEED_START = (b"<rss", b"<feed", b"<rdf:rdf", b"<?xml")
_HARMLESS = (feedparser.CharacterEncodingOverride,)  # a wrong declared encoding, read right anyway


@dataclass(frozen=True)
class FeedIndex:
    entries: list[Any]  # feedparser's entries: a feed is small enough to hold whole
    items: int
    site: str | None  # the feed's own link, the site's address


def is_feed(data: bytes) -> bool:
    """Whether a file's first bytes are those of an RSS, Atom or RDF feed."""
    head = data[:4096].lstrip().lower()
    return head.startswith(_FEED_START) and any(mark in head for mark in (b"<rss", b"<feed", b"<rdf:rdf"))


def index_feed(path: Path) -> FeedIndex:
    parsed = feedparser.parse(path.read_bytes(), sanitize_html=False, resolve_relative_uris=True)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and not isinstance(problem, _HARMLESS):
        where = f" at line {problem.getLineNumber()}" if hasattr(problem, "getLineNumber") else ""
        raise ReadError(f"not a well-formed feed: {_reason(problem)}{where}")
    if not parsed.get("version"):
        raise ReadError("not an RSS, Atom or RDF feed")
    return FeedIndex(list(parsed.entries), len(parsed.entries), parsed.feed.get("link") or None)


def feed_entries(index: FeedIndex) -> Iterator[ExportEntry]:
    for entry in index.entries:
        identity = str(entry.get("id") or entry.get("link") or entry.get("title") or "")
        key = "entry " + hashlib.sha256(identity.encode()).hexdigest()[:12]
        data = json.dumps(_plain(entry), sort_keys=True, default=str).encode()
        try:
            draft, warnings = _draft(entry)
        except ReadError as error:
            yield ExportEntry(key, data, "post", error=str(error))
            continue
        yield ExportEntry(key, data, "post", draft, warnings=tuple(warnings), site=index.site)


def _draft(entry: Any) -> tuple[Draft, list[str]]:
    warnings = []
    contents = [item for item in entry.get("content", []) if item.get("value")]
    if contents:
        body = _markdown(contents[0])
    elif entry.get("summary"):
        body = _markdown(entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"})
        warnings.append("the feed gives this entry's summary only, not its full text; imported what is there")
    else:
        raise ReadError("the entry has no text: neither content nor a summary")
    title = " ".join(str(entry.get("title", "")).split())
    if not title:
        raise ReadError("the entry has no title")
    moment = entry.get("published_parsed") or entry.get("updated_parsed")
    authors = tuple(item["name"] for item in entry.get("authors", []) if item.get("name"))
    draft = Draft(
        title=title,
        body=body + "\n",
        date=_date(moment) if moment else None,
        authors=authors or ((entry["author"],) if entry.get("author") else ()),
        tags=tuple(dict.fromkeys(tag["term"] for tag in entry.get("tags", []) if tag.get("term"))),
        summary=None if not contents else _text(entry.get("summary")),
        url=entry.get("link") or None,
    )
    return draft, warnings


def _markdown(detail: Any) -> str:
    value = str(detail.get("value", ""))
    if "html" not in str(detail.get("type", "text/html")):
        return value.strip()
    markdown = markdownify(value, heading_style="ATX", bullets="-", escape_misc=False, newline_style="BACKSLASH")
    return "\n\n".join(block.strip() for block in markdown.split("\n\n") if block.strip())


def _date(moment: time.struct_time) -> DateText:
    """feedparser gives every date in UTC."""
    return DateText(moment.tm_mon, moment.tm_mday, moment.tm_year, moment.tm_hour, moment.tm_min, moment.tm_sec, 0)


def _text(value: Any) -> str | None:
    if not value:
        return None
    plain = markdownify(str(value), strip=["a", "img"]) if "<" in str(value) else str(value)
    return " ".join(plain.split()) or None


def _plain(entry: Any) -> dict[str, Any]:
    """The entry without feedparser's parsed dates (struct_time), which its text dates already give."""
    return {key: value for key, value in entry.items() if not key.endswith("_parsed")}


def _reason(problem: Exception | None) -> str:
    if hasattr(problem, "getMessage"):  # the XML parser's own words, without its "<unknown>:3:4:"
        return str(problem.getMessage())  # type: ignore[union-attr]
    return str(problem or "unknown error")
