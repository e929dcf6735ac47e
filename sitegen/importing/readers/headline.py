"""A saved page's headline, from the places a page gives one: its `<h1>`, og:title, JSON-LD and `<title>`.

Each of them fails somewhere: `<title>` and og:title carry the site's name ("Talks resume | The Gazette",
"The Gazette - Talks resume | 10.06.2013"), JSON-LD headlines are cut short, and some pages give only the
site's name. The site's name (og:site_name, the JSON-LD publisher, application-name, the host's name) is
taken off each candidate, at either end after a separator, with a date after it; a candidate that is only the
site's name goes; and the headline is the candidate the others agree with most, a complete one preferred to
one cut short. A name that ends many titles of one import is a site's name too (repeated_site_names).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

SEPARATOR = re.compile(r"\s+[|\-–—·•]\s+")  # between a headline and the site's name
_ELLIPSIS = ("…", "...")


def headline(tree: Any, ld: dict[str, Any], fallback: str | None) -> str | None:
    """The page's headline; fallback (trafilatura's title) when the page gives none of its own."""
    sites = {_key(name) for name in site_names(tree, ld) if _key(name)}
    candidates = [
        *_texts(tree.xpath("//article//h1")), *_texts(tree.xpath("//h1")[:1]),
        *_texts(tree.xpath('//meta[@property="og:title" or @name="twitter:title"]/@content')),
        _ld_text(ld.get("headline")), *_texts(tree.xpath("//title")), fallback,
    ]  # fmt: skip
    cleaned = [title for title in (_without_site(text, sites) for text in candidates if text) if title]
    if not cleaned:
        return None
    return max(cleaned, key=lambda title: (_agreement(title, cleaned), -cleaned.index(title)))


def repeated_site_names(titles: Sequence[str], least: int = 3) -> set[str]:
    """What ends at least `least` of the titles after a separator ("... | Harbour Weekly"): a site's name the
    pages did not give in their metadata, as the keys _without_site compares."""
    ends = Counter(_key(SEPARATOR.split(title)[-1]) for title in titles if len(SEPARATOR.split(title)) > 1)
    return {end for end, count in ends.items() if count >= least and end and not _DATE_PART.match(end)}


def without_site_names(title: str, names: set[str]) -> str:
    """The title without a site's name (see repeated_site_names) and what follows it; as it was if only that."""
    return _without_site(title, names) or title


def site_names(tree: Any, ld: dict[str, Any]) -> list[str]:
    """The names the site goes by: as it names itself, and by its address ("DW.COM", www.dw.com: "DW")."""
    names = tree.xpath('//meta[@property="og:site_name" or @name="application-name" or @name="publisher"]/@content')
    publisher = ld.get("publisher")
    if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
        names.append(publisher["name"])
    names = [name for name in names if isinstance(name, str)]
    addresses = tree.xpath('//meta[@property="og:url"]/@content | //link[@rel="canonical"]/@href')
    hosts = [urlsplit(address).hostname or "" for address in addresses if isinstance(address, str)]
    hosts += [match for name in names for match in _HOST.findall(name)]  # "DW.COM", "Deutsche Welle (www.dw.com)"
    names += [_PARENTHESES.sub("", name) for name in names]
    return names + [label for host in hosts if (label := _site_label(host))]


_HOST = re.compile(r"\b(?:[\w-]+\.)+[a-z]{2,}\b", re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*\)")
_DATE_PART = re.compile(r"^[\d\s./-]+$")  # "10.06.2013", "2019-05-15": a date after the headline


def _site_label(host: str) -> str | None:
    """The name in a host: www.dw.com gives "dw", news.example.co.uk "example"."""
    labels = [label for label in host.lower().split(".") if label not in ("www", "m", "amp")]
    while len(labels) > 1 and (len(labels[-1]) <= 3 or labels[-1] in ("info", "news", "example", "test")):
        labels = labels[:-1]  # the top-level domain, and a second-level one such as co in co.uk
    return labels[-1] if labels and len(labels[-1]) > 1 else None


def _without_site(title: str, sites: set[str]) -> str | None:
    """The title without the site's name and what follows it (a date), or before it; None if it is only that."""
    parts = SEPARATOR.split(title)
    keys = [_key(part) for part in parts]
    if sites and keys[0] in sites and len(parts) > 1:  # "The Gazette - Talks resume"
        parts, keys = parts[1:], keys[1:]
    for index, key in enumerate(keys[1:], start=1):
        if key in sites:  # "Talks resume | The Gazette | 10.06.2013"
            parts = parts[:index]
            break
    while len(parts) > 1 and _DATE_PART.match(parts[-1]):
        parts = parts[:-1]
    joined = _rejoin(title, parts)
    return None if not _key(joined) or _key(joined) in sites else joined


def _rejoin(title: str, parts: list[str]) -> str:
    """The title's own text up to the end of its last part kept, separators as written."""
    end = 0
    for part in parts:
        end = title.index(part, end) + len(part)
    start = title.index(parts[0])
    return title[start:end].strip()


def _agreement(title: str, candidates: list[str]) -> tuple[int, int]:
    """How many candidates say the same (or are this one cut short), and whether this one is complete."""
    key = _key(title)
    same = sum(1 for other in candidates if _key(other) == key or _cut_short_of(other, title))
    return same, 0 if title.endswith(_ELLIPSIS) else 1


def _cut_short_of(short: str, full: str) -> bool:
    stem = _key(short.rstrip("".join(_ELLIPSIS)))
    return short.endswith(_ELLIPSIS) and len(stem) > 10 and _key(full).startswith(stem)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", html.unescape(text).casefold()).split())


def _texts(items: Iterable[Any]) -> list[str]:
    texts = (item.text_content() if hasattr(item, "text_content") else str(item) for item in items)
    return [" ".join(text.split()) for text in texts if text and text.strip()]


def _ld_text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None
