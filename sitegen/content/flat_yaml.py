"""Front-matter as sitegen writes it, read without the YAML parser.

Front-matter written by `sitegen import` is a flat mapping whose values are strings and lists of strings:

    title: Council approves new flood barrier
    summary: 'Riverside: the council voted 9 to 2'
    tags: [Riverside, Flooding]
    people:
    - Helen Okafor

FlatReader reads such front-matter without PyYAML's general machinery (bench/README.md has the figures).
It takes only what it can read exactly as PyYAML does, deciding each plain value's type with the loader's own
resolvers, and returns None for anything else (numbers, booleans, nested or multi-line values, double quotes,
comments, repeated keys), which the caller then gives to PyYAML. tests/test_flat_yaml.py holds the two to the
same result.
"""

from __future__ import annotations

import re
from typing import Any

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}\Z")
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"  # what a plain value may not start with
_FLOW_INDICATOR = re.compile(r"[,\[\]{}?:]")  # what ends an item of a list in brackets
_BLOCK_ITEM = re.compile(r"( *)- (.*)\Z", re.DOTALL)

Resolvers = dict[str | None, list[tuple[str, re.Pattern[str]]]]


class FlatReader:
    """Reads flat front-matter as the loader with these implicit types would (PyYAML's
    yaml_implicit_resolvers of that loader): a plain value of any type but a string is left to the loader."""

    def __init__(self, resolvers: Resolvers) -> None:
        anywhere = [pattern for _, pattern in resolvers.get(None, [])]
        self._types = {first: [pattern for _, pattern in rules] + anywhere for first, rules in resolvers.items()}
        self._anywhere = anywhere

    def read(self, text: str) -> dict[str, Any] | None:
        """The mapping text holds, if it is one of strings and lists of strings (in either style); else None."""
        if not text.replace("\n", "").isprintable():
            return None  # tabs, control characters, and YAML's other line breaks
        lines = text.split("\n")
        meta: dict[str, Any] = {}
        at = 0
        while at < len(lines):
            key, colon, value = lines[at].partition(":")
            at += 1
            if not colon or not _KEY.match(key) or key in meta or not self._is_string(key):
                return None
            if value:
                found = self._flow_value(value[1:]) if value.startswith(" ") else None
            else:
                found, at = self._block_list(lines, at)
            if found is None:
                return None
            meta[key] = found
        return meta

    def _flow_value(self, value: str) -> str | list[str] | None:
        """A value written on its key's line: a string, or a list of strings in brackets."""
        if not value.startswith("["):
            return self._scalar(value)
        items = value[1:-1].split(", ") if value != "[]" else []
        if not value.endswith("]") or not all(self._is_plain_string(item, flow=True) for item in items):
            return None
        return items

    def _block_list(self, lines: list[str], at: int) -> tuple[list[str] | None, int]:
        """The list written from lines[at] on, a "- item" a line, all indented alike; and the line after it."""
        items: list[str] = []
        indent = None
        while at < len(lines) and (item := _BLOCK_ITEM.match(lines[at])):
            value = self._scalar(item[2])
            if value is None or indent not in (None, item[1]):
                return None, at
            indent = item[1]
            items.append(value)
            at += 1
        return items or None, at

    def _scalar(self, value: str) -> str | None:
        """The string a value in block context stands for, if it is one, plain or in single quotes."""
        if value.startswith("'"):
            inner = value[1:-1]
            if len(value) < 2 or not value.endswith("'") or "'" in inner.replace("''", ""):
                return None
            return inner.replace("''", "'")
        return value if self._is_plain_string(value) else None

    def _is_plain_string(self, value: str, flow: bool = False) -> bool:
        """Whether value, unquoted, means the string it seems to: it starts with no character YAML reads as an
        indicator, has no ": " or " #" (which would end it early), does not end in a space or colon, and is no
        number or other type to the loader. flow: in a list in brackets, where more characters end a value."""
        return (
            bool(value) and value[0] not in _INDICATORS and not value[0].isspace() and value[-1] not in " :"
            and ": " not in value and " #" not in value and not (flow and _FLOW_INDICATOR.search(value))
            and self._is_string(value)
        )  # fmt: skip

    def _is_string(self, plain: str) -> bool:
        """Whether the loader would take this plain (unquoted) scalar for a string: no implicit type matches."""
        return not any(pattern.match(plain) for pattern in self._types.get(plain[0], self._anywhere))
