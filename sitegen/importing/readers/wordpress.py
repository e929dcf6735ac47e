"""A WordPress post's content, as Markdown.

WordPress stores a post as it was typed, and makes it HTML only when it shows it:
- the block editor wraps each block in comments (`<!-- wp:paragraph -->`), which go;
- the classic editor leaves paragraphs as blank lines (WordPress's `wpautop` makes them `<p>` on display), which
  become paragraphs here, and a single line break inside one a `<br>`;
- a link to an attachment's page leads to the attachment's file, as the page does not come along;
- shortcodes stand for markup: `[caption]` becomes the image with its caption, `[gallery]` a list of its
  images, `[embed]`, `[audio]`, `[video]` and a link alone on its line a link; any other shortcode is removed,
  its text kept, with a warning naming it;
- `<!--more-->` stays as the mark of where the summary ends (see fields.py), `<!--nextpage-->` goes.
Then markdownify turns the HTML into Markdown, keeping text, links and images.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from markdownify import markdownify

_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_NEXT_PAGE = re.compile(r"<!--\s*nextpage\s*-->", re.IGNORECASE)
_MORE = re.compile(r"<!--\s*more\b.*?-->", re.IGNORECASE | re.DOTALL)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
_BLOCK_START = re.compile(
    r"^\s*</?(?:p|div|h[1-6]|ul|ol|li|dl|dd|dt|blockquote|pre|table|thead|tbody|tr|td|th|figure|figcaption"
    r"|hr|form|section|article|aside|header|footer|address|iframe|video|audio|object|style|script|math)\b",
    re.IGNORECASE,
)
_SHORTCODE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)((?:\s[^\]]*)?)(/?)\]", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([a-z_][a-z0-9_-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))""", re.IGNORECASE)
_LONE_URL = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)  # WordPress embeds these
_HREF = re.compile(r"""(\bhref=["'])([^"']+)(["'])""", re.IGNORECASE)
_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")
_MEDIA = {"embed", "audio", "video", "playlist", "wpvideo", "videopress", "youtube"}


@dataclass(frozen=True)
class Attachments:
    """The export's media: each attachment's address by its id, and the ids attached to each post."""

    urls: Mapping[str, str] = field(default_factory=dict)
    children: Mapping[str, Sequence[str]] = field(default_factory=dict)
    pages: Mapping[str, str] = field(default_factory=dict)  # an attachment's own page (its link) -> its file


@dataclass
class Converted:
    markdown: str
    warnings: list[str] = field(default_factory=list)


def post_markdown(content: str, post_id: str, attachments: Attachments) -> Converted:
    """The Markdown of a post's content (see the module's docstring), with a warning per shortcode removed."""
    warnings: list[str] = []
    text = _BLOCK_COMMENT.sub("", content)
    text = _NEXT_PAGE.sub("\n\n", text)
    text = _MORE.sub("\n\nSITEGENMOREMARK\n\n", text)
    text = _shortcodes(text, post_id, attachments, warnings)
    text = _to_files(text, attachments)
    text = _LONE_URL.sub(lambda match: f'<a href="{match[1]}">{match[1]}</a>', text)
    markdown = markdownify(
        _paragraphs(text), heading_style="ATX", bullets="-", escape_misc=False, newline_style="BACKSLASH"
    )
    markdown = re.sub(r"[ \t]+\n", "\n", markdown.replace("SITEGENMOREMARK", "<!-- more -->"))
    return Converted(re.sub(r"\n{3,}", "\n\n", markdown).strip("\n"), warnings)


def _to_files(text: str, attachments: Attachments) -> str:
    """Links to an attachment's page (where WordPress shows one image, which is not a post and does not come
    along) lead to its file instead."""
    if not attachments.pages:
        return text

    def replaced(match: re.Match[str]) -> str:
        file = attachments.pages.get(match[2].rstrip("/") + "/")
        return f"{match[1]}{file}{match[3]}" if file else match[0]

    return _HREF.sub(replaced, text)


def _paragraphs(text: str) -> str:
    """WordPress's blank-line paragraphs as <p> elements; blocks that are HTML already are left as they are."""
    kept: list[str] = []

    def keep(match: re.Match[str]) -> str:
        kept.append(match[0])
        return f"SITEGENPRE{len(kept) - 1}END"

    text = _PRE.sub(keep, text.replace("\r\n", "\n"))
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        if not block.strip():
            continue
        if _BLOCK_START.match(block) or block.strip().startswith("SITEGEN"):
            blocks.append(block)
        else:
            blocks.append("<p>" + re.sub(r"(?<!>)\n(?!\s*<)", "<br>\n", block.strip()) + "</p>")
    joined = "\n\n".join(blocks)
    return re.sub(r"SITEGENPRE(\d+)END", lambda match: kept[int(match[1])], joined)


def _shortcodes(text: str, post_id: str, attachments: Attachments, warnings: list[str]) -> str:
    """Every shortcode replaced by its HTML; unknown ones removed (their enclosed text kept) with a warning."""
    removed: set[str] = set()
    replaced = _replace_all(text, post_id, attachments, removed)
    warnings.extend(f"the shortcode [{name}] was removed, its text kept" for name in sorted(removed))
    return replaced


def _replace_all(text: str, post_id: str, attachments: Attachments, removed: set[str]) -> str:
    result, position = [], 0
    for match in _SHORTCODE.finditer(text):
        if match.start() < position:
            continue  # inside a shortcode already replaced
        result.append(text[position : match.start()])
        replacement, position = _shortcode(text, match, post_id, attachments, removed)
        result.append(replacement)
    result.append(text[position:])
    return "".join(result)


def _shortcode(
    text: str, match: re.Match[str], post_id: str, attachments: Attachments, removed: set[str]
) -> tuple[str, int]:
    """The HTML for the shortcode at match, and where in text the shortcode (with its enclosed text) ends."""
    closing, name, raw = match[1], match[2].lower(), match[3] or ""
    if not _is_shortcode(text, match, name):
        return match[0], match.end()
    if closing:
        return "", match.end()
    attributes = _attributes(raw)
    inner, end = _enclosed(text, match.end(), name)
    if name in {"caption", "wp_caption"}:
        return _caption(attributes, inner), end
    if name == "gallery":
        return _gallery(attributes, post_id, attachments), end
    if name in _MEDIA:
        return _media_link(attributes, inner), end
    removed.add(name)
    return _replace_all(inner, post_id, attachments, removed), end


def _is_shortcode(text: str, match: re.Match[str], name: str) -> bool:
    """Whether [name ...] is a shortcode rather than bracketed prose ([sic], [1]): a known name, attributes, a
    closing [/name], or the closing tag itself."""
    if match[1]:
        return True
    if name in {"caption", "wp_caption", "gallery"} | _MEDIA or _ATTRIBUTE.search(match[3] or ""):
        return True
    return re.search(rf"\[/{re.escape(name)}\]", text[match.end() :], re.IGNORECASE) is not None


def _attributes(raw: str) -> dict[str, str]:
    attributes = {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in _ATTRIBUTE.finditer(raw)}
    bare = _ATTRIBUTE.sub("", raw).strip()
    if bare:
        attributes.setdefault("", bare)  # [audio https://...]: the address given without a name
    return attributes


def _enclosed(text: str, start: int, name: str) -> tuple[str, int]:
    """The text between [name ...] and its [/name], and where that ends; nothing when it is not enclosing."""
    closing = re.compile(rf"\[/{re.escape(name)}\]", re.IGNORECASE)
    opening = re.compile(rf"\[{re.escape(name)}[\s\]/]", re.IGNORECASE)
    end = closing.search(text, start)
    if end is None:
        return "", start
    following = opening.search(text, start)
    if following is not None and following.start() < end.start():
        return "", start  # a self-closing one followed by another of the same name
    return text[start : end.start()], end.end()


def _caption(attributes: dict[str, str], inner: str) -> str:
    """[caption]<img> Text[/caption] (or caption="Text"): the image, then its caption as a paragraph."""
    media = re.match(r"\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", inner, re.DOTALL | re.IGNORECASE)
    image, text = (media[1], media[2]) if media else ("", inner)
    caption = (attributes.get("caption") or text).strip()
    return f"\n\n<p>{image}</p>\n\n<p><em>{caption}</em></p>\n\n" if caption else f"\n\n<p>{image}</p>\n\n"


def _gallery(attributes: dict[str, str], post_id: str, attachments: Attachments) -> str:
    """[gallery ids="1,2"] or [gallery] (the post's own attachments): a list of its images."""
    ids = [item.strip() for item in attributes.get("ids", attributes.get("include", "")).split(",") if item.strip()]
    urls = [attachments.urls[item] for item in ids or attachments.children.get(post_id, ()) if item in attachments.urls]
    images = [url for url in urls if url.lower().split("?")[0].endswith(_IMAGE_SUFFIXES)]
    return "\n\n<ul>" + "".join(f'<li><img src="{url}" alt=""></li>' for url in images) + "</ul>\n\n" if images else ""


def _media_link(attributes: dict[str, str], inner: str) -> str:
    """[embed]url[/embed], [audio src=url], [video mp4=url]: a link to the media."""
    candidates = [inner.strip(), attributes.get("src", ""), attributes.get("url", ""), attributes.get("", "")]
    candidates += [value for key, value in attributes.items() if key in {"mp3", "mp4", "m4a", "ogg", "webm", "wav"}]
    url = next((item for item in candidates if re.match(r"https?://\S+$", item)), None)
    return f'\n\n<p><a href="{url}">{url}</a></p>\n\n' if url else ""
