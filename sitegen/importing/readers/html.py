"""Saved HTML article pages: metadata from the page's own tags, the main text by trafilatura.

trafilatura finds the article's text and drops the navigation, comments and share buttons, and reads the title,
authors, section and tags from JSON-LD, Open Graph and meta tags. It gives the publication day without its time, so
the full timestamp is read here from the same places (JSON-LD datePublished, article:published_time, <time>).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from sitegen.importing.readers import byline
from sitegen.importing.readers.dates import EARLIEST_BELIEVABLE, DateText, parse_date
from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.headline import SEPARATOR, headline, site_names
from sitegen.importing.readers.page_images import cleaned_images, lead_image

ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
                 "BlogPosting", "Report", "LiveBlogPosting"}  # fmt: skip
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "dc.date", "pubdate",
              "publishdate", "sailthru.date", "parsely-pub-date")  # fmt: skip


def read_html(text: str) -> Draft:
    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as error:
        raise ReadError(f"the HTML cannot be parsed: {error}") from error
    metadata = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False)
    body = trafilatura.extract(
        text, output_format="markdown", include_formatting=True, include_links=True, include_tables=True,
        include_comments=False, include_images=True,
    )  # fmt: skip
    if metadata is None or not body or not body.strip():
        raise ReadError("no article text found in the page")
    ld = _json_ld_article(tree)
    title = headline(tree, ld, metadata.title)
    if not title:
        raise ReadError("no title: the page has no headline, og:title or <title>")
    page_url = _text(ld.get("url")) or metadata.url
    image = lead_image(tree, ld, metadata.image, page_url)
    return Draft(
        title=title,
        body=cleaned_images(_without_title_heading(body, title), image, page_url),
        image=image,
        date=_published(tree, ld) or _title_date(tree) or _day(metadata.date),
        updated=_modified(tree, ld),
        authors=byline.authors(tree, ld, _authors(ld) or _split(metadata.author), site_names(tree, ld)),
        category=_text(ld.get("articleSection")) or _first(metadata.categories),
        tags=_keywords(ld) or tuple(metadata.tags or ()),
        summary=_text(ld.get("description")) or metadata.description,
        url=page_url,
    )


def _json_ld_article(tree: Any) -> dict[str, Any]:
    """The first JSON-LD object of an article type on the page, or {}."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text or "")
        except json.JSONDecodeError:
            continue
        for item in _json_ld_items(data):
            types = item.get("@type")
            types = set(types) if isinstance(types, list) else {types}
            if types & ARTICLE_TYPES:
                return item
    return {}


def _json_ld_items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _json_ld_items(item)
    elif isinstance(data, dict):
        yield data
        yield from _json_ld_items(data.get("@graph", []))


def _published(tree: Any, ld: dict[str, Any]) -> DateText | None:
    candidates = [_text(ld.get("datePublished"))]
    for name in _DATE_META:
        candidates += tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content')
    candidates += tree.xpath("//article//time/@datetime") + tree.xpath("//time/@datetime")
    return _first_date(candidates, year_needed=False)


def _title_date(tree: Any) -> DateText | None:
    """A date the page's og:title or <title> ends with ("Talks resume | DW | 10.06.2013"): the page's own, where
    the dates in its text may be those of other articles it lists."""
    titles = tree.xpath('//meta[@property="og:title"]/@content')
    titles += [item.text_content() for item in tree.xpath("//title")]
    ends = [SEPARATOR.split(title.strip())[-1] for title in titles if isinstance(title, str) and title.strip()]
    return _first_date([end for end in ends if _TITLE_DATE.match(end)], year_needed=True)


_TITLE_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")


def _modified(tree: Any, ld: dict[str, Any]) -> DateText | None:
    candidates = [_text(ld.get("dateModified"))]
    candidates += tree.xpath('//meta[@property="article:modified_time" or @property="og:updated_time"]/@content')
    return _first_date(candidates, year_needed=True)


def _first_date(candidates: list[str | None], year_needed: bool) -> DateText | None:
    """The first candidate that reads as a date, passing over one before 1990 (a placeholder such as
    0001-01-01: the next source is asked), and with year_needed, one without a year."""
    for candidate in candidates:
        found = parse_date(candidate) if candidate else None
        if found is None or (found.year is None and year_needed):
            continue
        if found.year is None or found.year >= EARLIEST_BELIEVABLE:
            return found
    return None


def _day(value: str | None) -> DateText | None:
    return parse_date(value) if value else None


def _authors(ld: dict[str, Any]) -> tuple[str, ...]:
    authors = ld.get("author")
    items = authors if isinstance(authors, list) else [authors]
    names = (_text(item.get("name") if isinstance(item, dict) else item) for item in items)
    return tuple(dict.fromkeys(name for name in names if name))


def _keywords(ld: dict[str, Any]) -> tuple[str, ...]:
    keywords = ld.get("keywords")
    items = keywords.split(",") if isinstance(keywords, str) else keywords if isinstance(keywords, list) else []
    names = (_text(item) for item in items)
    return tuple(dict.fromkeys(name for name in names if name))


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(name.strip() for name in (value or "").split(";") if name.strip())


def _first(values: list[str] | None) -> str | None:
    return values[0] if values else None


def _without_title_heading(body: str, title: str) -> str:
    lines = body.strip().split("\n")
    if lines and " ".join(lines[0].lstrip("#").split()).casefold() == title.casefold():
        lines = lines[1:]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip()) + "\n"
