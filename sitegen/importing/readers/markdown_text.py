"""Markdown as text: plain text made safe to put into it, and changes made to its text outside code."""

from __future__ import annotations

import re
from collections.abc import Callable

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


_FENCE = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)
_INLINE_CODE = re.compile(r"(`+)[^`\n].*?\1", re.S)
_KEPT = re.compile("\x00(\\d+)\x00")


def outside_code(body: str, change: Callable[[str], str]) -> str:
    """The body with change made to its text outside fenced blocks and inline code, which stay as written."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    changed = change(_INLINE_CODE.sub(keep, _FENCE.sub(keep, body)))
    return _KEPT.sub(lambda match: kept[int(match.group(1))], changed)
