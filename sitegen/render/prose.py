"""Plain prose, the most of a news archive's text, to the HTML markdown-it-py makes of it, without parsing it.

A text of paragraphs with nothing Markdown would read as markup (no character that can start emphasis, code,
a link, an entity, an escape or a table; no line that could start a heading, list, quote, fence or rule; no
white space at either end of a line) is, for markdown-it-py, exactly its paragraphs, each line kept and only
double quotes escaped. Telling such a text is a few searches, far less than a parse. Any other text is for
markdown-it-py, and a test holds the two to the same output.
"""

from __future__ import annotations

import re

# Anywhere in the text: what starts inline markup (and tabs, carriage returns and the like, which Markdown or
# Python treat as breaks or white space in ways that plain lines do not need).
_MARKUP = "\\`*_[]<>&|~\t\r\x00\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
# At the start of a line: what starts a heading, list, rule or setext underline (quotes, fences and HTML blocks
# start with markup characters already).
_LINE_START = "#+-="
_ORDERED_ITEM = re.compile(r"\d{1,9}[.)](?:\s|$)")


def plain_prose_html(text: str) -> str | None:
    """The HTML of text if it is plain prose, or None if it needs a Markdown parser."""
    if any(character in text for character in _MARKUP):
        return None
    paragraphs: list[str] = []
    lines: list[str] = []
    for line in (*text.split("\n"), ""):
        if not line:
            if lines:
                paragraphs.append("\n".join(lines))
                lines = []
            continue
        first = line[0]
        if first in _LINE_START or first.isspace() or line[-1].isspace():  # white space: code, breaks, trimming
            return None
        if first.isdigit() and _ORDERED_ITEM.match(line):
            return None
        lines.append(line)
    return "".join(f"<p>{paragraph}</p>\n" for paragraph in paragraphs).replace('"', "&quot;")
