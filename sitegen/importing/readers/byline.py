"""A saved page's authors: the writer the page names, rather than the publisher its metadata names.

Many pages give their publisher as the author in their metadata (`<meta name="author" content="Deutsche Welle
(www.dw.com)">`, a JSON-LD author of type Organization) while the page itself names the writer: "Author Julian
Tompkin", a link with rel="author", an itemprop="author" or a link to the writer's profile page. Where the
metadata's authors are all organisations and the page names a person, the person is the author; where they
name both, the organisation goes.
"""

from __future__ import annotations

import re
from typing import Any

from sitegen.importing.names import fold

# Where pages name their writer, surest first.
_BYLINE_PLACES = (
    '//*[@itemprop="author"]//*[@itemprop="name"]',
    '//a[@rel="author"]',
    '//*[@itemprop="author"]',
    '//*[contains(concat(" ", normalize-space(@class), " "), " byline ") or contains(@class, "author-name")]',
    '//a[contains(@href, "/author/") or contains(@href, "/autor/") or contains(@href, "/autoren/")]',
)
# "<strong>Author</strong> Julian Tompkin": a label, and the name after it.
_LABEL_TAGS = "self::strong or self::b or self::dt or self::span"
_LABELS = f'//*[{_LABEL_TAGS}][normalize-space()="Author" or normalize-space()="Autor"]'
_ORGANISATION_WORDS = re.compile(
    r"\b(?:gmbh|inc|ltd|llc|ag|plc|media|news|press|newsroom|redaktion|editors?|agency|foundation|magazine|"
    r"online|group|staff|desk|team)\b|\(www\.|\.(?:com|de|org|net|at|ch|fr|co\.uk)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*|von|van|der|de|da|di|du|del|la|le|bin|al)$")


def authors(tree: Any, ld: dict[str, Any], given: tuple[str, ...], sites: list[str]) -> tuple[str, ...]:
    """The page's authors: given (its metadata's), unless those are all organisations and the page names a
    writer (see the module's docstring)."""
    ld_organisations = _ld_organisations(ld)
    organisations = [name for name in given if _is_organisation(name, sites, ld_organisations)]
    if given and not organisations:
        return given
    people = tuple(name for name in given if name not in organisations)
    if any(_looks_like_a_name(name, sites) for name in people):
        return people  # "Denis Dilba, Heise Online": the person
    writer = _named_writer(tree, sites)
    if writer:
        return (writer,)
    # The organisation alone, without the address a byline may give with it: "Süddeutsche.de GmbH, Munich".
    return (organisations[0].split(",")[0].strip(),) if organisations else given


def _named_writer(tree: Any, sites: list[str]) -> str | None:
    for label in tree.xpath(_LABELS):
        if _looks_like_a_name(text := " ".join((label.tail or "").split()), sites):
            return text
    for place in _BYLINE_PLACES:
        for element in tree.xpath(place)[:3]:
            text = re.sub(r"^(?:by|von)\s+", "", " ".join(element.text_content().split()), flags=re.IGNORECASE)
            if _looks_like_a_name(text, sites):
                return text
    return None


def _looks_like_a_name(text: str, sites: list[str]) -> bool:
    """Two to four words, each capitalised (or a particle), and neither an organisation nor a site's name."""
    words = text.split()
    return (
        2 <= len(words) <= 4
        and all(_NAME_WORD.match(word) for word in words)
        and not text.isupper()
        and not _is_organisation(text, sites, set())
    )


def _is_organisation(name: str, sites: list[str], ld_organisations: set[str]) -> bool:
    folded = fold(name)
    if folded in ld_organisations or _ORGANISATION_WORDS.search(name):
        return True
    return any(site and (folded == fold(site) or fold(site) in folded.split()) for site in sites)


def _ld_organisations(ld: dict[str, Any]) -> set[str]:
    items = ld.get("author")
    items = items if isinstance(items, list) else [items]
    return {
        fold(item["name"])
        for item in items
        if isinstance(item, dict) and item.get("@type") == "Organization" and isinstance(item.get("name"), str)
    }
