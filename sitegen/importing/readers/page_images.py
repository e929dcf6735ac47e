"""A saved page's photographs: its lead image (og:image, the JSON-LD image), and the images of its text.

The lead image is kept as the address the page gives, never downloaded during import. The text's images keep
their alt text; what a page's markup leaves of them is cleaned: a list of addresses (a srcset) becomes its
first, a lazy-loading placeholder (a 1×1 GIF, `data:`) goes, and so does the lead image where the text repeats
it, since the article shows it above the text.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

# ![alt](address) and ![alt](<address, with spaces>): the second is how a srcset comes out of the page.
_IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\((?:<(?P<bracketed>[^>]*)>|(?P<plain>[^)\s]*))(?:\s+\"[^\"]*\")?\)")
_PLACEHOLDER = re.compile(r"(?:^data:|1x1|blank\.|spacer|pixel\.|trans\.gif|leer\.gif|/lazy[-_]?load)", re.I)


def lead_image(tree: Any, ld: dict[str, Any], metadata_image: str | None, page_url: str | None) -> str | None:
    """The page's lead image's address, made absolute against the page's; None if it names none."""
    candidates = [*tree.xpath('//meta[@property="og:image" or @name="twitter:image"]/@content'), _ld_image(ld)]
    candidates.append(metadata_image)
    for candidate in candidates:
        if isinstance(candidate, str) and candidate.strip() and not _PLACEHOLDER.search(candidate):
            address = urljoin(page_url or "", candidate.strip())
            if urlsplit(address).scheme in ("http", "https"):
                return address
    return None


def _ld_image(ld: dict[str, Any]) -> str | None:
    image = ld.get("image")
    if isinstance(image, list) and image:
        image = image[0]
    if isinstance(image, dict):
        image = image.get("url") or image.get("contentUrl")
    return image if isinstance(image, str) else None


def cleaned_images(body: str, lead: str | None, page_url: str | None) -> str:
    """The text's images with their addresses cleaned (see the module's docstring)."""
    lead_key = _key(lead) if lead else None

    def cleaned(match: re.Match[str]) -> str:
        address = (match.group("bracketed") or match.group("plain") or "").split()
        if not address or _PLACEHOLDER.search(address[0]) or _key(urljoin(page_url or "", address[0])) == lead_key:
            return ""
        return f"![{match.group('alt')}]({address[0]})"

    return re.sub(r"\n{3,}", "\n\n", _IMAGE.sub(cleaned, body)) if "![" in body else body


def _key(address: str) -> str:
    """An image's address without its query: the same photograph at another size is the same image."""
    parts = urlsplit(address)
    return parts.netloc.lower() + parts.path
