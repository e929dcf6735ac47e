"""WordPress exports (WXR, the RSS file of Tools > Export), read as a stream: one entry per item.

The file is read twice with iterparse, each item dropped once read, so memory stays bounded whatever the
export's size: the first pass takes the authors' display names and the attachments' addresses (for featured
images and galleries, which may come after the posts that use them) and counts the items; the second yields
the items. A file that is not well-formed XML fails in the first pass, before anything is imported.

Posts become drafts of articles: published ones as they are; drafts, pending, private, scheduled and
password-protected ones with `draft: true`, so that nothing is dropped and nothing private is published. Pages,
attachments, menu items and other types are entries with no draft, which the import counts as skipped.
"""

from __future__ import annotations

import email.utils
import html
import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sitegen.importing.readers.dates import DateText
from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.wordpress import Attachments, post_markdown

# Namespace parts and the prefixes used here, the excerpt's before WordPress's own, which its address contains.
_NAMESPACES = {"/excerpt/": "excerpt", "wordpress.org/export": "wp", "modules/content": "content", "dc/elements": "dc"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})")
UNCATEGORIZED = "uncategorized"  # WordPress's default category: no section


@dataclass(frozen=True)
class ExportEntry:
    key: str  # which item of the export: "post 123"
    data: bytes  # the item's XML, which fingerprints it: an unchanged item leaves its article unchanged
    kind: str  # WordPress's post type: post, page, attachment, nav_menu_item ...
    draft: Draft | None = None  # for posts
    error: str | None = None  # why a post cannot be imported
    warnings: tuple[str, ...] = ()
    site: str | None = None  # the address of the site the file comes from, for links relative to it


@dataclass(frozen=True)
class ExportIndex:
    """What the first pass learns."""

    site: str | None  # the blog's address (the channel's link)
    authors: dict[str, str]  # login -> display name
    attachments: Attachments
    items: int


def is_export(data: bytes) -> bool:
    """Whether a file's first bytes are those of a WordPress export."""
    head = data[:4096].lstrip()
    return head.startswith((b"<?xml", b"<rss")) and b"wordpress.org/export/" in head


def index_export(path: Path) -> ExportIndex:
    """The first pass (see the module's docstring); ReadError names what is wrong with a malformed file."""
    authors: dict[str, str] = {}
    urls: dict[str, str] = {}
    children: dict[str, list[str]] = defaultdict(list)
    pages: dict[str, str] = {}
    site, items = None, 0
    for element in _elements(path):
        name = _name(element)
        if name == "wp:author":
            fields = _fields(element)
            login = fields.get("wp:author_login", "")
            authors[login] = fields.get("wp:author_display_name") or login
        elif name == "link" and site is None:
            site = (element.text or "").strip() or None
        elif name == "item":
            items += 1
            fields = _fields(element)
            if fields.get("wp:post_type") == "attachment" and fields.get("wp:attachment_url"):
                urls[fields.get("wp:post_id", "")] = fields["wp:attachment_url"]
                children[fields.get("wp:post_parent", "0")].append(fields.get("wp:post_id", ""))
                if fields.get("link", "").startswith("http"):
                    pages[fields["link"].rstrip("/") + "/"] = fields["wp:attachment_url"]
    return ExportIndex(site, authors, Attachments(urls, dict(children), pages), items)


def export_entries(path: Path, index: ExportIndex) -> Iterator[ExportEntry]:
    """The second pass: one entry per item, in the file's order."""
    for element in _elements(path):
        if _name(element) == "item":
            yield _entry(element, index)


def _elements(path: Path) -> Iterator[ElementTree.Element]:
    """Every element once complete; an item's children are read with it, and the item is then dropped."""
    parents: list[ElementTree.Element] = []
    try:
        for event, element in ElementTree.iterparse(path, events=("start", "end")):
            if event == "start":
                parents.append(element)
                continue
            parents.pop()
            if _name(element) in {"item", "wp:author", "link"} and (not parents or _name(parents[-1]) == "channel"):
                yield element
                if parents:
                    parents[-1].remove(element)
    except ElementTree.ParseError as error:
        line, column = error.position
        raise ReadError(
            f"not a well-formed WordPress export: {_reason(error)} at line {line}, column {column}"
        ) from None


def _reason(error: ElementTree.ParseError) -> str:
    return str(error).split(":")[0]


def _name(element: ElementTree.Element) -> str:
    """The element's name with a short prefix for its namespace, whatever the export's version: wp:post_id."""
    if not element.tag.startswith("{"):
        return element.tag
    namespace, local = element.tag[1:].split("}", 1)
    prefix = next((short for part, short in _NAMESPACES.items() if part in namespace), "")
    return f"{prefix}:{local}" if prefix else local


def _fields(element: ElementTree.Element) -> dict[str, str]:
    """The text of each child by name (the first of each)."""
    fields: dict[str, str] = {}
    for child in element:
        fields.setdefault(_name(child), (child.text or "").strip())
    return fields


def _entry(item: ElementTree.Element, index: ExportIndex) -> ExportEntry:
    fields = _fields(item)
    key = f"{fields.get('wp:post_type', 'item')} {fields.get('wp:post_id', '?')}"
    data = ElementTree.tostring(item)
    kind = fields.get("wp:post_type", "")
    if kind != "post":
        return ExportEntry(key, data, kind)
    try:
        draft, warnings = _draft(item, fields, index)
    except ReadError as error:
        return ExportEntry(key, data, kind, error=str(error))
    return ExportEntry(key, data, kind, draft, warnings=tuple(warnings), site=index.site)


def _draft(item: ElementTree.Element, fields: dict[str, str], index: ExportIndex) -> tuple[Draft, list[str]]:
    post_id = fields.get("wp:post_id", "")
    converted = post_markdown(fields.get("content:encoded", ""), post_id, index.attachments)
    warnings = converted.warnings
    categories, tags = _terms(item)
    status, password = fields.get("wp:status", "publish"), fields.get("wp:post_password", "")
    if password:
        warnings.append("the post is password-protected in WordPress; imported as a draft")
    title = _plain(fields.get("title", ""))
    if not title:
        title = _first_words(converted.markdown) or f"Untitled post {post_id}"
        warnings.append(f"the post has no title; titled “{title}”")
    link = fields.get("link", "")
    thumbnail = _meta(item, "_thumbnail_id")
    draft = Draft(
        title=title,
        body=converted.markdown,
        date=_date(fields),
        authors=(index.authors.get(fields.get("dc:creator", ""), fields.get("dc:creator", "")),),
        category=categories[0] if categories else None,
        tags=tuple([*categories[1:], *tags]),
        summary=_plain(fields.get("excerpt:encoded", "")) or None,
        slug=fields.get("wp:post_name") or None,
        url=link if link.startswith("http") and "?" not in link else None,  # ?p=123: a draft's, no address
        draft=status != "publish" or bool(password),
        image=index.attachments.urls.get(thumbnail) if thumbnail else None,
    )
    return draft, warnings


def _terms(item: ElementTree.Element) -> tuple[list[str], list[str]]:
    """The post's categories (in the export's order, WordPress's default one left out) and its tags."""
    categories, tags = [], []
    for child in item:
        if _name(child) != "category":
            continue
        value = _plain(child.text or "")
        if child.get("domain") == "category" and child.get("nicename") != UNCATEGORIZED and value:
            categories.append(value)
        elif child.get("domain") == "post_tag" and value:
            tags.append(value)
    return list(dict.fromkeys(categories)), list(dict.fromkeys(tags))


def _meta(item: ElementTree.Element, key: str) -> str | None:
    for child in item:
        if _name(child) == "wp:postmeta":
            fields = _fields(child)
            if fields.get("wp:meta_key") == key:
                return fields.get("wp:meta_value")
    return None


def _date(fields: dict[str, str]) -> DateText:
    """The post's time as its site showed it: post_date (the site's local time) with the offset that post_date_gmt
    gives, so that the day is the one of its old address; post_date_gmt alone in UTC; post_date alone in the
    archive's time zone (a draft's gmt is zeros); else pubDate."""
    local, utc = _moment(fields.get("wp:post_date", "")), _moment(fields.get("wp:post_date_gmt", ""))
    if local is not None:
        offset = round((local - utc).total_seconds() / 900) * 15 if utc is not None else None  # in quarter hours
        return DateText(local.month, local.day, local.year, local.hour, local.minute, local.second, offset)
    if utc is not None:
        return DateText(utc.month, utc.day, utc.year, utc.hour, utc.minute, utc.second, 0)
    parsed = email.utils.parsedate_tz(fields.get("pubDate", ""))
    if parsed is None or parsed[0] < 1000:
        raise ReadError("the post has no date (post_date_gmt, post_date and pubDate are all empty or zero)")
    offset = (parsed[9] or 0) // 60
    return DateText(parsed[1], parsed[2], parsed[0], parsed[3], parsed[4], parsed[5], offset)


def _moment(text: str) -> datetime | None:
    match = _DATE.match(text)
    if match is None or match[1] == "0000":
        return None
    try:
        return datetime(*map(int, match.groups()))  # type: ignore[arg-type]
    except ValueError:
        return None


def _plain(text: str) -> str:
    """Text without markup, entities decoded, white space single."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _first_words(markdown: str, limit: int = 60) -> str:
    plain = " ".join(re.sub(r"[#*_`>\[\]()!\\]", "", markdown).split())
    sentence = re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]
    return sentence if len(sentence) <= limit else sentence[:limit].rsplit(" ", 1)[0] + "…"
