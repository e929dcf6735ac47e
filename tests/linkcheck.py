"""Find the internal links and assets of a built site that do not resolve to a file."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import SplitResult, unquote, urlsplit


class _LinkParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def broken_links(site_dir: Path, base_url: str) -> list[str]:
    """Every link in every HTML page that points inside the site but names no file; as 'page -> link'."""
    base = urlsplit(base_url)
    broken = []
    for page in sorted(site_dir.rglob("*.html")):
        if "pagefind" in page.relative_to(site_dir).parts:
            continue
        parser = _LinkParser()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            target = _target(site_dir, page, link, base)
            if target is not None and not target.is_file():
                broken.append(f"{page.relative_to(site_dir)} -> {link}")
    return broken


def _target(site_dir: Path, page: Path, link: str, base: SplitResult) -> Path | None:
    parts = urlsplit(link)
    if parts.scheme in ("http", "https") and parts.netloc != base.netloc:
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
