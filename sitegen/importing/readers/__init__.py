"""Readers of raw article files, one module per format, and the choice between them."""

from __future__ import annotations

import re
from collections.abc import Callable

from sitegen.importing.formats import FORMATS
from sitegen.importing.readers.decode import decode
from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.markdown import has_pelican_header, read_markdown
from sitegen.importing.readers.text import read_text

# What a saved page starts with, comments aside: a page's opening tags, or what a head holds (some hosts put a
# script before the <html> tag).
_HTML_START = re.compile(
    r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|article|script|link|title|style)\b", re.I | re.S
)
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")


def detect_format(text: str, name: str) -> str:
    """The format a file is in, told from its text; the name only settles Markdown without front-matter."""
    start = text.lstrip("\n")
    if name.lower().endswith((".rst", ".rest")):
        return "rst"
    if _HTML_START.match(start):
        return "html"
    if start.startswith(("---\n", "+++\n", "---js\n", "---json\n", "---javascript\n")) or has_pelican_header(start):
        return "markdown"
    if name.lower().endswith(_MARKDOWN_SUFFIXES) and re.match(r"#\s+\S", start):
        return "markdown"
    return "text"


def read_draft(data: bytes, name: str, forced_format: str | None = None) -> tuple[Draft, str]:
    """The draft article in a raw file and the format it was read as; ReadError says why it cannot be."""
    text = decode(data)
    kind = forced_format or detect_format(text, name)
    return _reader(kind)(text), kind


def _reader(kind: str) -> Callable[[str], Draft]:
    if kind == "html":
        from sitegen.importing.readers.html import (
            read_html,  # trafilatura takes a moment to load; only HTML imports need it
        )

        return read_html
    if kind == "rst":
        from sitegen.importing.readers.rst import read_rst  # docutils, too, is needed by these only

        return read_rst
    return {"text": read_text, "markdown": read_markdown}[kind]


__all__ = ["FORMATS", "Draft", "ReadError", "detect_format", "read_draft"]
