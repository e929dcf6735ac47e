"""Images as pages show them: <picture> markup with srcset, sizes, width and height, for templates and text.

Guarantees: every processed image is a <picture> whose WebP variants are offered by width and whose <img> falls
back to the JPEG, with width and height (so nothing shifts as it loads), loading="lazy" and decoding="async"
except where the page says the image is its first (an article's lead image); an image by URL is an <img> of
that URL, never fetched; a GIF or SVG is an <img> of the file as it was. Every attribute is escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape, unescape
from urllib.parse import unquote

from markupsafe import Markup

from sitegen.content.model import Article
from sitegen.render.image_plan import ImagePlan
from sitegen.render.images import Picture

LEAD_SIZES = "(min-width: 60rem) 44rem, 100vw"  # the article column's width (see theme/static/style.css)
PORTRAIT_SIZES = "8rem"
_IMG = re.compile(r'<img src="([^"]*)" alt="([^"]*)"( title="[^"]*")? />')  # as markdown-it writes an image
_HREF = re.compile(r'<a href="([^"]*)"')


@dataclass(frozen=True)
class Lead:
    """An article's lead image, for templates: the picture made of it, or its URL."""

    picture: Picture | None
    url: str | None
    alt: str
    caption: str | None
    credit: str | None


class Images:
    """What templates ask of images: an article's lead image, and the text's images made pictures."""

    def __init__(self, plan: ImagePlan, base_path: str, base_url: str) -> None:
        self.plan, self.base_path, self.base_url = plan, base_path, base_url

    def lead(self, article: Article) -> Lead | None:
        image = article.image
        if image is None:
            return None
        picture = None if image.remote else self.plan.picture(article, image.src)
        if picture is None and not image.remote:
            return None  # missing or broken: an error of the build already names it
        return Lead(picture, image.src if image.remote else None, image.alt, image.caption, image.credit)

    def tag(self, lead: Lead, sizes: str = LEAD_SIZES, first: bool = False) -> Markup:
        """The markup of a lead image at the sizes given; first: the page's first image, loaded at once."""
        if lead.picture is None:
            return Markup(_img(lead.url or "", lead.alt, first))
        return Markup(picture_html(lead.picture, lead.alt, sizes, first, self.base_path))

    def portrait(self, name: str, person_image: str | None) -> Markup:
        """A person's portrait: made into a picture where it is a file of content/, else as people.yml gives it."""
        picture = self.plan.portrait(name)
        if picture is not None:
            return Markup(picture_html(picture, name, PORTRAIT_SIZES, True, self.base_path))
        return Markup(_img(person_image, name, True)) if person_image else Markup("")

    def share_url(self, lead: Lead) -> str:
        """The absolute address of the image to show where the page is shared (og:image, twitter:image)."""
        if lead.picture is not None:
            return self.base_url + lead.picture.fallback
        return lead.url or ""

    def in_text(self, html: str, article: Article) -> str:
        """The article's HTML with each image of its own files made a picture, and each link to one leading to
        its JPEG."""
        if article not in self.plan.by_article:  # a text may only link to its photographs, and show none
            return html

        def found(address: str) -> Picture | None:  # markdown-it escapes and percent-encodes the address
            written = unescape(address)
            return self.plan.picture(article, written) or self.plan.picture(article, unquote(written))

        def picture(match: re.Match[str]) -> str:
            made = found(match.group(1))
            if made is None:
                return match.group(0)
            return picture_html(made, unescape(match.group(2)), LEAD_SIZES, False, self.base_path)

        def larger(match: re.Match[str]) -> str:
            made = found(match.group(1))
            return match.group(0) if made is None else f'<a href="{escape(self.base_path + made.fallback)}"'

        return _HREF.sub(larger, _IMG.sub(picture, html))


def picture_html(picture: Picture, alt: str, sizes: str, first: bool, base_path: str) -> str:
    fallback = escape(base_path + picture.fallback)
    size = f' width="{picture.width}" height="{picture.height}"' if picture.width else ""
    loading = ' fetchpriority="high"' if first else ' loading="lazy" decoding="async"'
    if not picture.sources:  # a GIF or an SVG, as it was
        return f'<img src="{fallback}" alt="{escape(alt)}"{size}{loading}>'
    srcset = ", ".join(f"{escape(base_path + route)} {width}w" for width, route in picture.sources)
    return (
        f'<picture><source type="image/webp" srcset="{srcset}" sizes="{escape(sizes)}">'
        f'<img src="{fallback}" alt="{escape(alt)}"{size}{loading}></picture>'
    )


def _img(url: str, alt: str, first: bool) -> str:
    loading = "" if first else ' loading="lazy" decoding="async"'
    return f'<img src="{escape(url)}" alt="{escape(alt)}"{loading}>'
