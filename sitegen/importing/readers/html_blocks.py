"""Raw HTML blocks in a Markdown source, as Markdown.

Blog posts often hold HTML where Markdown had no word for it: `<p>`, `<div>`, `<figure>`, a linked image. A site
shows raw HTML as text unless it turns `raw_html` on, so import turns each HTML block (as markdown-it-py finds
them, by CommonMark's rules) into Markdown with markdownify: its text, links and images kept, the markup gone.
Comments alone are dropped, except `<!-- more -->`, which marks where the summary ends (see fields.py).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdownify import markdownify

_PARSER = MarkdownIt("commonmark")
_COMMENT_ONLY = re.compile(r"^\s*(?:<!--.*?-->\s*)+$", re.DOTALL)
_MORE = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)


def html_blocks_as_markdown(body: str) -> str:
    """body with every HTML block turned into Markdown (see the module's docstring)."""
    if "<" not in body:
        return body
    lines = body.split("\n")
    blocks = [token for token in _PARSER.parse(body) if token.type == "html_block" and token.map]
    for token in reversed(blocks):  # from the end, so that earlier line numbers hold
        start, end = token.map  # type: ignore[misc]
        lines[start:end] = _as_markdown(token.content).split("\n")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))  # a block gone leaves one paragraph break


def _as_markdown(block: str) -> str:
    if _COMMENT_ONLY.match(block):
        return block.strip("\n") if _MORE.search(block) else ""
    markdown = markdownify(block, heading_style="ATX", bullets="-", escape_misc=False).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", markdown)
