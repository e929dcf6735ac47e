"""Markdown's code, which shows text as written: changes to a body's text made around it, never inside it."""

from __future__ import annotations

import re
from collections.abc import Callable

_FENCE = re.compile(
    r"^(?P<indent>[ \t]{0,3})(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^(?P=indent)(?P=fence)[ \t]*$", re.MULTILINE | re.DOTALL
)
# A code span: a run of backticks not escaped, up to the same run, within one paragraph (never over a blank line).
_INLINE_CODE = re.compile(r"(?<![\\`])(`+)(?!`)(?:[^\n]|\n(?![ \t]*\n))*?(?<!`)\1(?!`)")
_KEPT = re.compile("\x00(\\d+)\x00")


def outside_code(body: str, change: Callable[[str], str]) -> str:
    """The body with change made to its text outside fenced blocks and inline code, which stay as written."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    def restore(match: re.Match[str]) -> str:
        return _KEPT.sub(restore, kept[int(match.group(1))])  # what was kept may hold what was kept before it

    changed = change(_INLINE_CODE.sub(keep, _FENCE.sub(keep, body)))
    return _KEPT.sub(restore, changed)


def without_code(body: str) -> str:
    """The body with its fenced blocks and inline code taken out: what it says outside code."""
    return _INLINE_CODE.sub("", _FENCE.sub("", body))
