"""The state one build hands the next, in .sitegen-cache/ beside sitegen.toml: never needed, only faster.

A build reads the previous build's BuildState, and build.py assembles the next one in one place
(next_state), from what each step gave back:

- the last build: a fingerprint of everything a build reads (content, registries, templates, configuration,
  sitegen's code) and of the output it made; when a rebuild finds both unchanged it has nothing to do.
- articles: each article file as loaded, by its path and stamp; kept in one file per content folder (a
  month), so that a rebuild after an edit writes again only that folder's file (see folders.py).
- pages: each output file's page key (see keys.py), so that a page whose key is unchanged is not rendered.
- related: each article's related articles, kept while the library's shape (see Library.shape) is unchanged.
- shown: the articles each group of pages showed, so that an edit makes again only the groups showing it.

A state that is missing, unreadable or from another version is ignored and made anew.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.config import CACHE_DIR, Config
from sitegen.incremental.folders import FolderFile, LoadedFile, encode, folder_file, read, write
from sitegen.incremental.groups import Shown
from sitegen.output.writer import write_atomically
from sitegen.render.image_plan import ImageRecord


@dataclass(frozen=True)
class LastBuild:
    """Kept apart from the rest, so that a rebuild with nothing to do reads only this small file."""

    inputs: str  # the fingerprint of the inputs and outputs after the build
    report: Any  # its BuildReport, given again when nothing changed


@dataclass
class BuildState:
    setting: str = ""  # what every loaded article depends on (see content/load.py's loading_setting)
    articles: dict[str, LoadedFile] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output file -> page key
    shards: dict[str, list[str]] = field(default_factory=dict)  # the search index's shards and their pages
    related_shape: str = ""  # the shape and related_count the related lists were found for
    related: list[list[int]] = field(default_factory=list)  # positions, by the position of each article
    shown: Shown | None = None  # what the pages showed (see groups.py)
    images: dict[str, ImageRecord] = field(default_factory=dict)  # each image file's key and picture (image_plan.py)

    # The article folders' entries as loaded or written, to tell which folders' files need writing again.
    loaded_folders: dict[str, dict[str, LoadedFile]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, config: Config) -> BuildState:
        found = read(cache_file(config, "cache"))
        if not isinstance(found, cls):
            return cls()
        for path in sorted(articles_folder(config).glob("*.pickle")):
            folder_file = read(path)
            if isinstance(folder_file, FolderFile) and folder_file.setting == found.setting:
                found.loaded_folders[folder_file.folder] = folder_file.articles
                found.articles.update(folder_file.articles)
        return found

    def known_files(self, setting: str) -> dict[str, LoadedFile]:
        """The article files as loaded, while what they were loaded in is as it was (see loading_setting)."""
        return self.articles if setting == self.setting else {}

    def encoded(self, config: Config) -> Encoded:
        """The cache as it is to be written: the rest encoded, and each article folder that changed, to be
        encoded as it is written (all of a first build's at once would take as much memory again as their
        articles). A build does this while it waits for Pagefind, writes the article folders' files then too
        (see Encoded.write_articles), and saves the rest once it has succeeded."""
        folder = articles_folder(config)
        groups: dict[str, dict[str, LoadedFile]] = defaultdict(dict)
        for path, loaded in self.articles.items():
            groups[os.path.dirname(path)][path] = loaded
        names = {folder_file(folder, group): group for group in groups}
        files = []
        for path, group in names.items():
            before, now = self.loaded_folders.get(group, {}), groups[group]
            if before.keys() != now.keys() or any(before[key] is not now[key] for key in now):
                files.append((path, FolderFile(self.setting, group, now)))
        rest = encode(dataclasses.replace(self, articles={}, loaded_folders={}))
        return Encoded(folder, set(names), files, rest)

    def save(self, config: Config, last: LastBuild, encoded: Encoded | None = None) -> None:
        encoded = encoded or self.encoded(config)
        encoded.write_articles()
        # The small file last: if the build stops between the two, the next build does not take a shortcut.
        write_atomically(cache_file(config, "cache"), encoded.rest)
        write(cache_file(config, "last"), last)


@dataclass
class Encoded:
    """A state ready to be written (see BuildState.encoded)."""

    folder: Path  # where the article folders' files are
    folder_files: set[Path]  # every one of them
    changed_folders: list[tuple[Path, FolderFile]]  # those to write again, and what to write
    rest: bytes  # everything else but the last build's fingerprint

    def write_articles(self) -> None:
        """Write the article folders' files still to write, and remove those of folders gone. Each holds the
        stamps of the files its articles were loaded from, so it is right whatever becomes of the build, which
        writes them while it waits for Pagefind."""
        for stale in set(self.folder.glob("*.pickle")) - self.folder_files:
            stale.unlink()
        while self.changed_folders:
            path, folder_file = self.changed_folders.pop()
            write(path, folder_file)


def articles_folder(config: Config) -> Path:
    return cache_file(config, "articles").with_suffix("")


def load_last(config: Config) -> LastBuild | None:
    found = read(cache_file(config, "last"))
    return found if isinstance(found, LastBuild) else None


def cache_file(config: Config, kind: str) -> Path:
    # One cache per output folder, so that building one content into two outputs keeps both fast.
    name = hashlib.blake2b(str(config.output_dir.resolve()).encode(), digest_size=8).hexdigest()
    return config.root / CACHE_DIR / f"build-{name}.{kind}.pickle"
