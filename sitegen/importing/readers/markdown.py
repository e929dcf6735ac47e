"""Markdown from other generators: YAML front-matter (Jekyll, Hugo, Eleventy), TOML (Hugo, Zola), Pelican headers.

Each dialect's field names are mapped onto sitegen's: author/authors, categories/category, tags as a list or a
comma-separated text, date/pubDate/published. The body is kept as it was written, less a first heading that only
repeats the title.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from sitegen.content.frontmatter import FrontMatterError
from sitegen.content.frontmatter import parse as parse_yaml
from sitegen.importing.readers.dates import DateText, dates_in_address, parse_date
from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.html_blocks import html_blocks_as_markdown
from sitegen.importing.readers.reference_links import inline_references
from sitegen.importing.readers.template_code import without_template_code

# Each sitegen field and the names other generators give it, most specific first.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "date": ("date", "pubdate", "pub_date", "published", "publishdate", "publish_date", "date_published",
             "datepublished", "published_at", "created", "created_at"),
    "updated": ("updated", "lastmod", "modified", "last_modified", "date_modified", "datemodified", "updated_at"),
    "authors": ("authors", "author", "byline", "creator", "creators", "by"),
    "category": ("category", "categories", "section"),
    "tags": ("tags", "tag", "keywords"),
    "people": ("people", "persons"),
    "summary": ("summary", "description", "excerpt", "lead", "abstract"),
    "slug": ("slug",),
    "url": ("canonical_url", "canonical", "source_url", "original_url", "link"),
    "permalink": ("url", "permalink"),
    "image": ("image", "images", "featured_image", "featuredimage", "cover", "thumbnail", "banner"),
}  # fmt: skip
_PELICAN_KEY = re.compile(r"^(?P<key>[A-Za-z][\w-]*)\s*:\s*(?P<value>.*)$")
_PELICAN_REQUIRED = {"title"}


def has_pelican_header(text: str) -> bool:
    """Pelican (and MultiMarkdown) metadata: 'Key: value' lines from the first line on, one of them the title."""
    keys = set()
    for line in text.lstrip("\n").split("\n"):
        if not line.strip():
            break
        match = _PELICAN_KEY.match(line)
        if match:
            keys.add(match["key"].lower())
        elif not line.startswith((" ", "\t")):
            return False
    return keys >= _PELICAN_REQUIRED


def read_markdown(text: str) -> Draft:
    stripped = text.lstrip("\n")
    if _SCRIPT_FENCE.match(stripped):
        meta, body = _script_front_matter(stripped)
    elif stripped.startswith("---"):
        meta, body = _yaml_front_matter(stripped)
    elif stripped.startswith("+++"):
        meta, body = _toml_front_matter(stripped)
    elif has_pelican_header(stripped):
        meta, body = _pelican_header(stripped)
    else:
        meta, body = {}, stripped
    body, warnings = without_template_code(body)
    body = inline_references(body)
    return replace(_draft(_lower_keys(meta), body), warnings=tuple(warnings))


def _yaml_front_matter(text: str) -> tuple[dict[str, Any], str]:
    try:
        document = parse_yaml(text)
    except FrontMatterError as error:
        where = f"line {error.line}: " if error.line else ""
        raise ReadError(f"{where}{error}") from error
    return document.meta, document.body


_SCRIPT_FENCE = re.compile(r"^---(js|javascript|json)\s*\n")  # Eleventy's JavaScript and JSON front-matter
_ASSIGNMENT = re.compile(r"^\s*(?:(?:const|let|var)\s+)?([A-Za-z_]\w*)\s*[=:]\s*(.+?)\s*[;,]?\s*$")


def _script_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Eleventy's `---json` front-matter, and the plain values of its `---js` (`const title = "...";`); what
    is code rather than a value (a function) is passed over."""
    lines = text.split("\n")
    end = next((number for number, line in enumerate(lines[1:], start=1) if line.rstrip() == "---"), None)
    if end is None:
        raise ReadError("the front-matter is not closed: a line '---' must follow it")
    source, body = "\n".join(lines[1:end]), "\n".join(lines[end + 1 :])
    if lines[0].strip() == "---json":
        try:
            meta = json.loads(source)
        except json.JSONDecodeError as error:
            raise ReadError(f"the JSON front-matter cannot be read: {error}") from error
        return (meta if isinstance(meta, dict) else {}), body
    meta = {}
    for line in source.split("\n"):
        found = _ASSIGNMENT.match(line)
        if found is not None and (value := _literal(found[2])) is not None:
            meta[found[1]] = value
    return meta, body


def _literal(text: str) -> Any:
    """A JavaScript literal that is a plain value (a string, number, true or false, a list of them), or None."""
    if len(text) > 1 and text[0] == text[-1] and text[0] in "'`":
        return text[1:-1]
    for candidate in (text, text.replace("'", '"')):  # JSON, or a list written with single quotes
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            continue
    return None


def _toml_front_matter(text: str) -> tuple[dict[str, Any], str]:
    lines = text.split("\n")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() == "+++":
            try:
                meta = tomllib.loads("\n".join(lines[1:number]))
            except tomllib.TOMLDecodeError as error:
                raise ReadError(f"the TOML front-matter cannot be read: {error}") from error
            return meta, "\n".join(lines[number + 1 :])
    raise ReadError("the TOML front-matter is not closed: a line '+++' must follow it")


def _pelican_header(text: str) -> tuple[dict[str, Any], str]:
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    key = ""
    for number, line in enumerate(lines):
        if not line.strip():
            return meta, "\n".join(lines[number + 1 :])
        match = _PELICAN_KEY.match(line)
        if match and not line.startswith((" ", "\t")):
            key = match["key"].lower()
            meta[key] = match["value"].strip()
        else:  # an indented line continues the value above it
            meta[key] = f"{meta[key]} {line.strip()}".strip()
    return meta, ""


def _lower_keys(meta: dict[Any, Any]) -> dict[str, Any]:
    """Keys lower-cased, with Zola's taxonomies and Hugo's params lifted to the top level."""
    flat: dict[str, Any] = {}
    for key, value in meta.items():
        if str(key).lower() in ("taxonomies", "params", "extra") and isinstance(value, dict):
            for inner_key, inner_value in value.items():
                flat.setdefault(str(inner_key).lower(), inner_value)
        else:
            flat[str(key).lower()] = value
    return flat


def draft_from_fields(meta: dict[str, Any], body: str) -> Draft:
    """The draft of a post given its fields (lower-case names, as front-matter gives them) and its Markdown."""
    return _draft(meta, body)


def _draft(meta: dict[str, Any], body: str) -> Draft:
    values = {field: _first(meta, names) for field, names in FIELD_NAMES.items()}
    published = meta.get("published")
    if isinstance(published, bool):  # Jekyll's 'published: false' is a flag, not a date
        values["date"] = _first(meta, tuple(name for name in FIELD_NAMES["date"] if name != "published"))
    title = _text(values["title"]) or _heading(body)
    if not title:
        raise ReadError("no title: the front-matter has no title field and the text has no heading")
    categories = _names(values["category"])
    slug = _text(values["slug"])
    if not slug and isinstance(values["permalink"], str):
        slug = values["permalink"].rstrip("/").rsplit("/", 1)[-1].removesuffix(".html") or None
    body = html_blocks_as_markdown(_without_title_heading(body, title)).strip("\n")
    if not body.strip():
        raise ReadError("no article text after the front-matter")
    return Draft(
        title=title,
        body=body + "\n",
        date=_date(values["date"]) or _date_in_address(meta.get("path"), values["permalink"], values["url"]),
        updated=_date_or_none(values["updated"]),
        authors=_bylines(values["authors"]),
        category=categories[0] if categories else None,
        tags=tuple(dict.fromkeys(categories[1:] + _names(values["tags"]))),
        people=_names(values["people"]),
        summary=_text(values["summary"]),
        slug=slug,
        url=_text(values["url"]),
        draft=_is_draft(meta, published),
        aliases=_old_addresses(meta, values["permalink"]),
        image=_image(values["image"]),
    )


def _old_addresses(meta: dict[str, Any], permalink: Any) -> tuple[str, ...]:
    """The addresses the post had on its site, as its front-matter gives them: its own permalink or url (Jekyll,
    Hugo), Zola's path, and the old addresses it already redirected from (Hugo's and Zola's aliases, Jekyll's
    redirect_from)."""
    found = [permalink] if isinstance(permalink, str) else []
    if isinstance(meta.get("path"), str):
        found.append("/" + meta["path"].strip("/") + "/")
    for key in ("aliases", "redirect_from"):
        value = meta.get(key)
        found += [item for item in (value if isinstance(value, list) else [value]) if isinstance(item, str)]
    return tuple(dict.fromkeys(address.strip() for address in found if address.strip()))


def _image(value: Any) -> str | None:
    """The lead image's address: a text, the first of a list (Hugo's images), or a mapping's path or src."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("src") or value.get("path") or value.get("url") or value.get("image")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _first(meta: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        if meta.get(name) not in (None, "", []):
            return meta[name]
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return " ".join(str(value).split()) or None
    return None


def _names(value: Any) -> tuple[str, ...]:
    """A list of names from a list, a comma-separated text, or mappings with a name."""
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else [value]
    names = (_text(item) for item in items if item is not None)
    return tuple(dict.fromkeys(name for name in names if name))


def _date_in_address(*addresses: Any) -> DateText | None:
    """The date in a post's address, for a post dated only by it: Zola's `path`, or a permalink or URL."""
    for address in addresses:
        dates = dates_in_address(address) if isinstance(address, str) else []
        if dates:
            return DateText(dates[0].month, dates[0].day, dates[0].year)
    return None


def _bylines(value: Any) -> tuple[str, ...]:
    """Authors as written: a text is one byline, split into names later (see fields.clean_authors), since
    its commas may part names or a name from its job title."""
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return _names(value)


def _date(value: Any) -> DateText | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        offset = value.utcoffset()
        minutes = int(offset.total_seconds() // 60) if offset is not None else None
        return DateText(value.month, value.day, value.year, value.hour, value.minute, value.second, minutes)
    if isinstance(value, date):
        return DateText(value.month, value.day, value.year)
    found = parse_date(str(value))
    if found is None:
        raise ReadError(f"the date {value!r} cannot be read; write it as 2025-06-03 or 2025-06-03T12:30:00+03:00")
    return found


def _date_or_none(value: Any) -> DateText | None:
    """A date the article can do without (when it was updated): None where it cannot be read."""
    try:
        return _date(value)
    except ReadError:
        return None


def _is_draft(meta: dict[str, Any], published: Any) -> bool:
    status = str(meta.get("status", "")).lower()
    return meta.get("draft") is True or published is False or status in ("draft", "hidden")


def _heading(body: str) -> str | None:
    for line in body.split("\n"):
        if line.strip():
            match = re.match(r"^#\s+(.+?)\s*#*\s*$", line)
            return match.group(1) if match else None
    return None


def _without_title_heading(body: str, title: str) -> str:
    lines = body.split("\n")
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    heading = _heading(lines[first]) if first is not None else None
    if first is not None and heading and " ".join(heading.split()).casefold() == title.casefold():
        return "\n".join(lines[first + 1 :])
    return body
