"""The links of a built site: which internal links and assets name no file, and which pages nothing links to.

The site's files are listed once, and each link is resolved as a path relative to the site's folder, so that
checking a site costs a parse of each page and not a look at the disk for each of its links.
"""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit

from lxml import etree
from lxml import html as lxml_html

from sitegen.parallel import forked_map

# Pages that are reached without a link: the front page, and the page the host serves for a missing address.
ENTRY_PAGES = ("index.html", "404.html")
OUTSIDE = "../"  # the target of a link to the site's host outside its base path: never a file of the site
_REFRESH = re.compile(r"<meta\s+http-equiv=[\"']?refresh", re.IGNORECASE)
_LINKS = etree.XPath("//@href | //@src")


class Link(NamedTuple):  # a million of them at 20,000 articles: a tuple is made fastest
    page: str  # the linking page, relative to the site folder
    href: str  # as written
    target: str | None  # the file it names, relative to the site folder, or None for an outside or non-file link


@dataclass(frozen=True)
class SiteFiles:
    """Every file and folder of a built site, by its path relative to the site's folder."""

    files: frozenset[str]
    folders: frozenset[str]
    pages: tuple[str, ...]  # the HTML pages, in order, Pagefind's own files left out

    @classmethod
    def of(cls, site_dir: Path) -> SiteFiles:
        files, folders = set(), set()
        for folder, subfolders, names in os.walk(site_dir):
            inside = os.path.relpath(folder, site_dir).replace(os.sep, "/")
            prefix = "" if inside == "." else inside + "/"
            folders.update(prefix + name for name in subfolders)
            files.update(prefix + name for name in names)
        pages = sorted(name for name in files if name.endswith(".html") and "pagefind" not in name.split("/"))
        return cls(frozenset(files), frozenset(folders), tuple(pages))


def site_links(site_dir: Path, base_url: str, found: SiteFiles | None = None) -> list[Link]:
    """Every href and src of every HTML page of the site, Pagefind's own files left out."""
    base = urlsplit(base_url)
    found = found or SiteFiles.of(site_dir)
    pages = found.pages
    read = forked_map(lambda page: _hrefs((site_dir / page).read_bytes()), pages, chunk=64)  # on every core
    resolved: dict[tuple[str, str], str | None] = {}  # most links are the same on many pages: each resolved once
    links = []
    for page, hrefs in zip(pages, read, strict=True):
        folder = posixpath.dirname(page)
        for href in hrefs:
            key = ("" if href.startswith(("/", "http:", "https:")) else folder, href)
            if key not in resolved:
                resolved[key] = _target(found, page, href, base)
            links.append(Link(page, href, resolved[key]))
    return links


def broken_links(site_dir: Path, base_url: str) -> list[str]:
    """Every link that points inside the site but names no file; as 'page -> link'."""
    found = SiteFiles.of(site_dir)
    return [
        f"{link.page} -> {link.href}"
        for link in site_links(site_dir, base_url, found)
        if link.target is not None and link.target not in found.files
    ]


def orphan_pages(site_dir: Path, links: list[Link], found: SiteFiles | None = None) -> list[str]:
    """HTML pages that none of the links (from site_links) lead to from another page, besides ENTRY_PAGES."""
    found = found or SiteFiles.of(site_dir)
    linked = {link.target for link in links if link.target is not None and link.target != link.page}
    return [
        page
        for page in found.pages
        if page not in ENTRY_PAGES and page not in linked and not _is_redirect(site_dir / page)
    ]


def _hrefs(page: bytes) -> list[str]:
    """The page's href and src values, their character references decoded as a browser decodes them."""
    if not page.strip():
        return []
    return [str(value) for value in _LINKS(lxml_html.document_fromstring(page)) if value]


def _is_redirect(page: Path) -> bool:
    """Whether a page only sends the reader on (an old address, see site/redirects.py): old links reach it."""
    return _REFRESH.search(page.read_text(encoding="utf-8")[:2000]) is not None


def _target(found: SiteFiles, page: str, link: str, base: SplitResult) -> str | None:
    parts = urlsplit(link)
    if parts.netloc and parts.netloc != base.netloc:  # another host, also as //host/path (the page's scheme)
        return None
    if parts.scheme not in ("", "http", "https") or (not parts.path and parts.fragment):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base.path):
            return OUTSIDE
        target = posixpath.normpath(path[len(base.path) :] or ".")
    else:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if target == ".":
        return "index.html"
    if target.startswith("../") or target == "..":
        return OUTSIDE
    return f"{target}/index.html" if path.endswith("/") or target in found.folders else target
