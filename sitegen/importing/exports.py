"""What one import goes through: each raw file, and each item of each WordPress export or feed in its place.

An export or a feed holds many posts, so each of its items is a unit of its own, recorded as the file's path
with the item after `#` (`export.xml#post-123`, `feed.xml#entry-3f2a...`): importing the file again finds each
article by it, and an item that has not changed leaves its article unchanged. Items that are not posts (pages,
attachments, menu items) are counted, by type, and reported as skipped in one line per export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sitegen.importing.readers import ReadError
from sitegen.importing.readers.feeds import FeedIndex, feed_entries, index_feed, is_feed
from sitegen.importing.readers.wxr import ExportEntry, ExportIndex, export_entries, index_export, is_export

FEED_SUFFIXES = (".xml", ".rss", ".atom")  # the names of exports and feeds


@dataclass(frozen=True)
class Unit:
    """One file, or one item of an export file."""

    path: Path
    entry: ExportEntry | None = None

    def source_path(self, file_source: str) -> str:
        """How the article records this unit, given how it records the file."""
        return f"{file_source}#{self.entry.key.replace(' ', '-')}" if self.entry else file_source


@dataclass
class Units:
    """The units of the files given, with how many there are (for the progress bar) and what the exports
    cannot give: exports that cannot be read at all, and the items skipped as no posts."""

    files: list[Path]
    exports: dict[Path, ExportIndex | FeedIndex] = field(default_factory=dict)
    unreadable: dict[Path, str] = field(default_factory=dict)  # export -> why
    not_posts: Counter[tuple[Path, str]] = field(default_factory=Counter)  # (export, item type) -> count

    @classmethod
    def of(cls, files: list[Path]) -> Units:
        units = cls(files)
        for path in files:
            kind = _kind(path) if path.suffix.lower() in FEED_SUFFIXES else None
            try:
                if kind == "export":
                    units.exports[path] = index_export(path)
                elif kind == "feed":
                    units.exports[path] = index_feed(path)
            except ReadError as error:
                units.unreadable[path] = str(error)
        return units

    @property
    def total(self) -> int:
        return sum(self.exports[path].items if path in self.exports else 1 for path in self.files)

    def __iter__(self) -> Iterator[Unit]:
        for path in self.files:
            if path in self.unreadable:
                continue
            if path not in self.exports:
                yield Unit(path)
                continue
            index = self.exports[path]
            entries = export_entries(path, index) if isinstance(index, ExportIndex) else feed_entries(index)
            for entry in _unique_keys(entries):
                if entry.kind == "post":
                    yield Unit(path, entry)
                else:
                    self.not_posts[path, entry.kind or "item"] += 1

    def skipped_lines(self, shown: dict[Path, str]) -> Iterator[str]:
        """One line per export naming what was skipped in it; shown gives each file as the report names it."""
        for path in self.exports:
            kinds = sorted((kind, count) for (export, kind), count in self.not_posts.items() if export == path)
            if kinds:
                listed = ", ".join(_counted(count, kind.replace("_", " ")) for kind, count in kinds)
                yield f"{shown[path]}: skipped {listed}: they are not posts"


def _unique_keys(entries: Iterator[ExportEntry]) -> Iterator[ExportEntry]:
    """The entries, a key met again (an export edited by hand may repeat a post's id) made unique with -2, -3...
    so that no entry is taken for another and replaces its article."""
    seen: set[str] = set()
    for entry in entries:
        key, number = entry.key, 1
        while key in seen:
            number += 1
            key = f"{entry.key} {number}"
        seen.add(key)
        yield entry if key == entry.key else replace(entry, key=key)


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _kind(path: Path) -> str | None:
    """ "export" for a WordPress export, "feed" for an RSS, Atom or RDF feed, by the file's first bytes."""
    try:
        with path.open("rb") as file:
            head = file.read(4096)
    except OSError:
        return None
    return "export" if is_export(head) else "feed" if is_feed(head) else None
