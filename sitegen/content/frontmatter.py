"""Split, parse and serialise YAML front-matter: a matching pair, so that parse(serialise(x)) == x."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from sitegen.content.flat_yaml import FlatReader

FENCE = "---"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _without_timestamps(resolvers: dict[str, list[Any]]) -> dict[str, list[Any]]:
    return {first: [r for r in rules if r[0] != _TIMESTAMP] for first, rules in resolvers.items()}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe YAML in which dates stay strings: sitegen parses them itself, with the site's time zone."""


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Writes date strings unquoted, since the loader above reads them back as strings."""


_Loader.yaml_implicit_resolvers = _without_timestamps(yaml.SafeLoader.yaml_implicit_resolvers)
_Dumper.yaml_implicit_resolvers = _without_timestamps(yaml.SafeDumper.yaml_implicit_resolvers)
_FLAT = FlatReader(_Loader.yaml_implicit_resolvers)


class FrontMatterError(ValueError):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class Document:
    meta: dict[str, Any]
    body: str
    meta_text: str  # the raw YAML, kept to find the line of a field
    body_line: int  # 1-based line number where the body starts


def split(text: str) -> tuple[str, str, int]:
    """Return (yaml text, body, body's first line number). Raises FrontMatterError without front-matter."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise FrontMatterError("no front-matter: the file must start with a line '---'", 1)
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    raise FrontMatterError("the front-matter is not closed: add a line '---' after it", 1)


def parse(text: str) -> Document:
    meta_text, body, body_line = split(text)
    meta = _FLAT.read(meta_text)  # most front-matter, without the parser
    if meta is not None:
        return Document(meta, body, meta_text, body_line)
    if "*" in meta_text:  # cheap test first: scanning is slow, and aliases are rare
        _refuse_aliases(meta_text)
    try:
        meta = yaml.load(meta_text, Loader=_Loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(f"the front-matter is not valid YAML: {problem}", line) from error
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise FrontMatterError(f"the front-matter must be a mapping of fields, not a {type(meta).__name__}", 2)
    return Document(meta, body, meta_text, body_line)


def _refuse_aliases(meta_text: str) -> None:
    """Aliases let a few lines expand to gigabytes (a 'billion laughs'); front-matter never needs them."""
    try:
        for token in yaml.scan(meta_text):
            if isinstance(token, yaml.AliasToken):
                line = token.start_mark.line + 2
                raise FrontMatterError(
                    "YAML aliases (*name) are not allowed in front-matter; write the value out", line
                )
    except yaml.YAMLError:
        return  # parse() reports the syntax error itself


def field_line(document: Document, key: str) -> int | None:
    """The file's line number on which a top-level field is written, if it is."""
    pattern = re.compile(rf"^['\"]?{re.escape(key)}['\"]?\s*:")
    for number, line in enumerate(document.meta_text.split("\n"), start=2):
        if pattern.match(line):
            return number
    return None


def serialise(meta: dict[str, Any], body: str) -> str:
    """Front-matter and body as one text, fields in the order given."""
    dumped = yaml.dump(meta, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1_000_000)
    body = body.lstrip("\n")
    return f"{FENCE}\n{dumped}{FENCE}\n\n{body}" if body else f"{FENCE}\n{dumped}{FENCE}\n"
