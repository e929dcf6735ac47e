"""Which groups of pages (see site/pages.py) a rebuild must make again, from what the last build's showed.

A page's key (see keys.py) follows from the site's key, the structure of the library and the articles
the page shows. The structure is everything pages are made of beyond the articles' texts: the articles'
order, files, dates, slugs, tags, people, sections and authors, their old addresses, and the registry. While
it stays the same, every group shows the same articles at the same positions, so a group none of whose
articles changed keeps its pages' keys, and need not even be made. The last build's groups, with the articles
each showed, say which these are.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sitegen.content.library import Library
from sitegen.site.model import Group


@dataclass(frozen=True)
class Shown:
    """What a build's pages showed, kept for the next build."""

    structure: str  # structure_key of the library the pages were made from
    digests: tuple[bytes, ...]  # the fields digest of the article at each position
    groups: dict[Group, tuple[int, ...]]  # each group of pages -> the positions of the articles it shows


def structure_key(site: str, library: Library) -> str:
    """A hash of the site key and of what, apart from the articles' texts, decides what each page shows."""
    digest = hashlib.blake2b(f"{site}\0{library.registry!r}\0".encode(), digest_size=16)
    for article in library.articles:  # newest first, so the order is hashed too
        fields = (article.file, article.date, article.updated, article.slug, article.tags, article.people)
        fields += (article.category, article.authors)  # which section's and authors' pages show it
        if article.aliases or article.sources:  # the old addresses, which redirect to articles (see redirects.py)
            fields += (article.aliases, tuple(source.url for source in article.sources))
        digest.update(repr(fields).encode("utf-8"))
    return digest.hexdigest()


def groups_to_make(last: Shown | None, structure: str, digests: tuple[bytes, ...]) -> set[Group] | None:
    """The groups showing an article whose fields changed since the last build; None (all of them) when
    there is no last build to go by or the structure changed."""
    changed = changed_positions(last, structure, digests)
    return None if changed is None or last is None else groups_showing(last, changed)


def groups_showing(last: Shown, changed: set[int]) -> set[Group]:
    """The last build's groups that show an article at one of the changed positions."""
    return {group for group, positions in last.groups.items() if not changed.isdisjoint(positions)}


def changed_positions(last: Shown | None, structure: str, digests: tuple[bytes, ...]) -> set[int] | None:
    """The positions of the articles whose fields changed since the last build; None when there is no last
    build to go by or the structure changed. A page that showed none of them keeps its key, as its group does."""
    if last is None or last.structure != structure or len(last.digests) != len(digests):
        return None
    pairs = enumerate(zip(digests, last.digests, strict=True))
    return {position for position, (now, before) in pairs if now != before}
