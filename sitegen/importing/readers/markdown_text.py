"""Plain text made safe to put into Markdown: it must render as the very text it was."""

from __future__ import annotations

import re

# Underscores inside a word cannot start emphasis, so names_like_this stay readable.
_INLINE = re.compile(r"([\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_]))")
_ENTITY = re.compile(r"&(?=#?\w+;)")
# What would start a heading, quote, list, rule or setext underline at the start of a paragraph.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|=+\s*$|-+\s*$|\d{1,9}(?=[.)](?:\s|$)))")


def escape_markdown(text: str) -> str:
    escaped = _ENTITY.sub("&amp;", _INLINE.sub(r"\\\1", text))
    match = _BLOCK_START.match(escaped)
    if not match:
        return escaped
    if match.group(1)[0].isdigit():
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped
