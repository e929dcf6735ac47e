"""reStructuredText posts (Pelican's `.rst`), converted to Markdown through docutils.

A Pelican post is a title (a line underlined, or over- and underlined, with `#`, `=`, `-`...), then its fields
as a field list (`:date:`, `:tags:`, `:category:`, `:authors:`, `:slug:`, `:summary:`, `:status: draft`, a
value going on over indented lines), then its text. The fields are read as front-matter is (see markdown.py);
the text is made HTML by docutils, with file inclusion and raw HTML off, and that HTML Markdown by markdownify.
Pelican's `|static|` and `{static}` (the site's own files) become links from the site's root.
"""

from __future__ import annotations

import re
from typing import Any

from docutils.core import publish_parts
from docutils.writers.html5_polyglot import Writer
from markdownify import markdownify

from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.markdown import draft_from_fields

_ADORNMENT = re.compile(r"^([=\-`:'\"~^_*+#<>])\1{2,}\s*$")
_FIELD = re.compile(r"^:(?P<name>[A-Za-z][\w -]*):(?:\s+(?P<value>.*))?$")
_STATIC = re.compile(r"\|static\||\{static\}")
_SETTINGS = {
    "file_insertion_enabled": False,  # an article must not pull in the files of the machine importing it
    "raw_enabled": False,
    "report_level": 5,  # docutils' own messages stay out of the text
    "halt_level": 5,
    "input_encoding": "unicode",
    "syntax_highlight": "none",
}


def read_rst(text: str) -> Draft:
    lines = text.replace("\r\n", "\n").split("\n")
    title, start = _title(lines)
    if title is None:
        raise ReadError("no title: a reStructuredText post starts with its title, underlined (=====)")
    meta, start = _fields(lines, start)
    meta["title"] = title
    body = _markdown("\n".join(lines[start:]))
    return draft_from_fields(meta, body)


def _title(lines: list[str]) -> tuple[str | None, int]:
    """The title and the line after it: `Title` over `=====`, or the same between two such lines."""
    index = next((number for number, line in enumerate(lines) if line.strip()), len(lines))
    if index + 2 < len(lines) and _ADORNMENT.match(lines[index]) and _ADORNMENT.match(lines[index + 2]):
        return lines[index + 1].strip() or None, index + 3
    if index + 1 < len(lines) and _ADORNMENT.match(lines[index + 1]) and not _ADORNMENT.match(lines[index]):
        return lines[index].strip() or None, index + 2
    return None, index


def _fields(lines: list[str], start: int) -> tuple[dict[str, Any], int]:
    """The field list after the title (lower-case names; a value may go on over indented lines), and the line
    the text starts at."""
    meta: dict[str, Any] = {}
    name = None
    index = start
    while index < len(lines):
        line = lines[index]
        field = _FIELD.match(line)
        if field:
            name = field["name"].strip().lower()
            meta[name] = (field["value"] or "").strip()
        elif line.startswith((" ", "\t")) and name is not None and line.strip():
            meta[name] = f"{meta[name]} {line.strip()}".strip()
        elif line.strip():
            break
        index += 1
    return meta, index


def _markdown(text: str) -> str:
    text = _STATIC.sub("", text)
    html = publish_parts(text, writer=Writer(), settings_overrides=_SETTINGS)["body"]
    markdown = markdownify(html, heading_style="ATX", bullets="-", escape_misc=False)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip("\n") + "\n"
