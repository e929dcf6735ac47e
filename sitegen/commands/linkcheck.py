"""The links of a built site: which internal links and assets name no file, and which pages nothing links to."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit

# Pages that are reached without a link: the front page, and the page the host serves for a missing address.
ENTRY_PAGES = ("index.html", "404.html")
_REFRESH = re.compile(r"<meta\s+http-equiv=[\"']?refresh", re.IGNORECASE)


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


@dataclass(frozen=True)
class Link:
    page: str  # the linking page, relative to the site folder
    href: str  # as written
    target: Path | None  # the file it names inside the site, or None for an outside or non-file link


def site_links(site_dir: Path, base_url: str) -> list[Link]:
    """Every href and src of every HTML page of the site, Pagefind's own files left out."""
    base = urlsplit(base_url)
    links = []
    for page in sorted(site_dir.rglob("*.html")):
        relative = page.relative_to(site_dir)
        if "pagefind" in relative.parts:
            continue
        parser = _LinkParser()
        parser.feed(page.read_text(encoding="utf-8"))
        links += [Link(relative.as_posix(), href, _target(site_dir, page, href, base)) for href in parser.links]
    return links


def broken_links(site_dir: Path, base_url: str) -> list[str]:
    """Every link that points inside the site but names no file; as 'page -> link'."""
    return [
        f"{link.page} -> {link.href}"
        for link in site_links(site_dir, base_url)
        if link.target is not None and not link.target.is_file()
    ]


def orphan_pages(site_dir: Path, links: list[Link]) -> list[str]:
    """HTML pages that none of the links (from site_links) lead to from another page, besides ENTRY_PAGES."""
    linked = {
        link.target.resolve()
        for link in links
        if link.target is not None and link.target.resolve() != (site_dir / link.page).resolve()
    }
    pages = (page for page in sorted(site_dir.rglob("*.html")) if "pagefind" not in page.relative_to(site_dir).parts)
    return [
        relative
        for page in pages
        if (relative := page.relative_to(site_dir).as_posix()) not in ENTRY_PAGES
        and page.resolve() not in linked
        and not _is_redirect(page)
    ]


def _is_redirect(page: Path) -> bool:
    """Whether a page only sends the reader on (an old address, see site/redirects.py): old links reach it."""
    return _REFRESH.search(page.read_text(encoding="utf-8")[:2000]) is not None


def _target(site_dir: Path, page: Path, link: str, base: SplitResult) -> Path | None:
    parts = urlsplit(link)
    if parts.netloc and parts.netloc != base.netloc:  # another host, also as //host/path (the page's scheme)
        return None
    if parts.scheme not in ("", "http", "https") or (not parts.path and parts.fragment):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        if not path.startswith(base.path):
            return site_dir / "__outside_the_base_path__"
        relative = path[len(base.path) :]
        target = site_dir / relative
    else:
        target = page.parent / path
    return target / "index.html" if path.endswith("/") or target.is_dir() else target
