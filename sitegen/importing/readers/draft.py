"""What an importer reads from one raw file, before its date is settled and its article file is written."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.importing.readers.dates import DateText


class ReadError(ValueError):
    """The file cannot be imported; the message says why in words the user can act on."""


@dataclass(frozen=True)
class Draft:
    title: str
    body: str  # Markdown
    date: DateText | None = None
    updated: DateText | None = None  # when the article was last changed, where the file says
    authors: tuple[str, ...] = ()
    category: str | None = None
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    summary: str | None = None
    slug: str | None = None
    url: str | None = None  # where the article was published, when the file says
    draft: bool = False
    image: str | None = None  # the lead image's address, where the source names one
    language: str | None = None  # where detected as other than the site's (see language.py)
    warnings: tuple[str, ...] = ()  # what the reader changed or left out, for the import's report
    aliases: tuple[str, ...] = ()  # the post's own addresses on its old site: its permalink, Hugo's aliases...
