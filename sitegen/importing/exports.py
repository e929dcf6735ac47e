"""What one import goes through: each raw file, and each item of each WordPress export in its place.

An export holds a whole site, so each of its items is a unit of its own, recorded as the export's path with the
item after `#` (`export.xml#post-123`): importing the export again finds each article by it, and an item whose
XML has not changed leaves its article unchanged. Items that are not posts (pages, attachments, menu items) are
counted, by type, and reported as skipped in one line per export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.importing.readers import ReadError
from sitegen.importing.readers.wxr import ExportEntry, ExportIndex, export_entries, index_export, is_export


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
    exports: dict[Path, ExportIndex] = field(default_factory=dict)
    unreadable: dict[Path, str] = field(default_factory=dict)  # export -> why
    not_posts: Counter[tuple[Path, str]] = field(default_factory=Counter)  # (export, item type) -> count

    @classmethod
    def of(cls, files: list[Path]) -> Units:
        units = cls(files)
        for path in files:
            if path.suffix.lower() != ".xml" or not _starts_as_export(path):
                continue
            try:
                units.exports[path] = index_export(path)
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
            for entry in export_entries(path, self.exports[path]):
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


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _starts_as_export(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return is_export(file.read(4096))
    except OSError:
        return False
