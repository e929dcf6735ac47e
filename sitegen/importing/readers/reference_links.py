"""Reference-style links (`[Rust][rust-release]` with `[rust-release]: https://...` further down) made inline.

A page renders them either way, but a summary is one paragraph taken out of the body, away from the
definitions, and would show `[Rust][rust-release]` as text. Written inline, each link carries its address with
it. Labels match as CommonMark matches them: case and runs of white space aside. Footnotes (`[^1]: ...`) are
no links and stay. A reference whose label
has no definition is left as written; code is never touched.
"""

from __future__ import annotations

import re

from sitegen.content.markdown_code import outside_code

_DEFINITION = re.compile(
    r"^[ ]{0,3}\[(?P<label>[^\]\n^][^\]\n]*)\]:[ \t]*<?(?P<url>[^\s>]+)>?"
    r"(?:[ \t]+(?P<title>\"[^\"\n]*\"|'[^'\n]*'|\([^)\n]*\)))?[ \t]*\n?",
    re.MULTILINE,
)
# [text][label], [text][] and [label] alone (not followed by a colon, a parenthesis or another bracket).
_REFERENCE = re.compile(r"(!?)\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\](?:\[(?P<label>[^\]\n]*)\]|(?![:(\[]))")


def _key(label: str) -> str:
    return " ".join(label.split()).casefold()


def inline_references(body: str) -> str:
    """The body with each defined reference link written inline and the definitions it used removed."""
    definitions: dict[str, str] = {}

    def collect(text: str) -> str:
        for match in _DEFINITION.finditer(text):
            title = match.group("title")
            target = match.group("url") + (f' "{title[1:-1]}"' if title else "")
            definitions.setdefault(_key(match.group("label")), target)
        return text

    outside_code(body, collect)
    if not definitions:
        return body
    return outside_code(body, lambda text: _REFERENCE.sub(lambda m: _inline(m, definitions), _DEFINITION.sub("", text)))


def _inline(match: re.Match[str], definitions: dict[str, str]) -> str:
    label = match.group("label") or match.group("text")
    target = definitions.get(_key(label))
    if target is None:
        return match.group(0)
    return f"{match.group(1)}[{match.group('text')}]({target})"
