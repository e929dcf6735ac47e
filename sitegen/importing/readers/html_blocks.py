"""Raw HTML blocks in a Markdown source, as Markdown.

Blog posts often hold HTML where Markdown had no word for it: `<p>`, `<div>`, `<figure>`, a linked image. A site
shows raw HTML as text unless it turns `raw_html` on, so import turns each HTML block (as markdown-it-py finds
them, by CommonMark's rules) into Markdown with markdownify: its text, links and images kept, the markup gone.
Comments alone are dropped, except `<!-- more -->`, which marks where the summary ends (see fields.py). Inline
HTML in a paragraph that Markdown has words for (a link, an image, emphasis) becomes that Markdown too.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdownify import markdownify

_PARSER = MarkdownIt("commonmark")
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)


def html_blocks_as_markdown(body: str) -> str:
    """body with every HTML block turned into Markdown, and the inline HTML of its paragraphs too (see the
    module's docstring)."""
    if "<" not in body:
        return body
    lines = body.split("\n")
    tokens = _PARSER.parse(body)
    inline = [
        token.map
        for token in tokens
        if token.type == "inline" and token.map and any(child.type == "html_inline" for child in token.children or ())
    ]
    for start, end in inline:  # same number of lines out as in: the line numbers of the blocks hold
        lines[start:end] = _inline_as_markdown("\n".join(lines[start:end])).split("\n")
    blocks = [token for token in tokens if token.type == "html_block" and token.map]
    for token in reversed(blocks):  # from the end, so that earlier line numbers hold
        start, end = token.map  # type: ignore[misc]
        lines[start:end] = _as_markdown(token.content).split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))  # a block gone leaves one paragraph break


# Inline HTML that Markdown has words for, as written in blog posts: links, images, emphasis.
_INLINE_TAGS = [
    (re.compile(r"<a\s[^>]*?href=[\"']([^\"']*)[\"'][^>]*>(.*?)</a>", re.I | re.S), r"[\2](\1)"),
    (re.compile(r"<img\s[^>]*?src=[\"']([^\"']*)[\"'][^>]*?alt=[\"']([^\"']*)[\"'][^>]*>", re.I), r"![\2](\1)"),
    (re.compile(r"<img\s[^>]*?src=[\"']([^\"']*)[\"'][^>]*>", re.I), r"![](\1)"),
    (re.compile(r"<(strong|b)>(.*?)</\1>", re.I | re.S), r"**\2**"),
    (re.compile(r"<(em|i)>(.*?)</\1>", re.I | re.S), r"*\2*"),
]


def _inline_as_markdown(paragraph: str) -> str:
    """A paragraph's links, images and emphasis written as HTML, in Markdown; code spans left as they are."""
    pieces = re.split(r"(`+[^`]*`+)", paragraph)
    for index in range(0, len(pieces), 2):  # the even pieces are outside code spans
        for pattern, replacement in _INLINE_TAGS:
            pieces[index] = pattern.sub(replacement, pieces[index])
    return "".join(pieces)


def _as_markdown(block: str) -> str:
    if _COMMENT_ONLY.match(block):
        return block.strip("\n") if _MORE.search(block) else ""
    markdown = markdownify(block, heading_style="ATX", bullets="-", escape_misc=False).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", markdown)
