"""What a build keeps for the next one, in .sitegen-cache/ beside sitegen.toml: never needed, only faster.

- inputs: a fingerprint of everything a build reads (content, registries, templates, configuration, sitegen's
  code) and of the output it made; when a rebuild finds both unchanged it has nothing to do.
- articles: each article file's loaded Article, by the file's path, size and modification time; kept in one
  file per content folder (a month), so that a rebuild after an edit writes again only that folder's file.
- pages: each output file's page key (see page_keys.py), so that a page whose key is unchanged is not rendered.
- related: each article's related articles, kept while the library's shape (see Library.shape) is unchanged.
- shown: the articles each group of pages showed, so that an edit makes again only the groups showing it.

A cache that is missing, unreadable or from another version is ignored and made anew.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitegen.config import Config
from sitegen.content.model import Article
from sitegen.incremental.groups import Shown
from sitegen.output.writer import stamp_of, write_atomically
from sitegen.problems import Problem

CACHE_DIR = ".sitegen-cache"
CODE_DIR = Path(__file__).resolve().parent.parent  # the whole sitegen package
VERSION = 6


@dataclass
class LoadedFile:
    stamp: tuple[int, ...]  # see source_stamp
    article: Article | None
    problems: list[Problem]
    digest: bytes = b""  # of the article's fields (see page_keys.fields_digest)


@dataclass(frozen=True)
class FolderFile:
    """One content folder's cache file: its files as loaded, right while the setting they were loaded in is."""

    setting: str  # see BuildCache.setting
    folder: str
    articles: dict[str, LoadedFile]  # by path


@dataclass(frozen=True)
class LastBuild:
    """Kept apart from the rest, so that a rebuild with nothing to do reads only this small file."""

    inputs: str  # the fingerprint of the inputs and outputs after the build
    report: Any  # its BuildReport, given again when nothing changed


@dataclass
class BuildCache:
    setting: str = ""  # registries and time zone: what every loaded article depends on
    articles: dict[str, LoadedFile] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # output file -> page key
    indexed: list[str] = field(default_factory=list)  # the article pages in the search index
    related_shape: str = ""  # the shape and related_count the related lists were found for
    related: list[list[int]] = field(default_factory=list)  # positions, by the position of each article
    shown: Shown | None = None  # what the pages showed (see page_groups.py)

    # The article folders' entries as loaded or written, to tell which folders' files need writing again.
    loaded_folders: dict[str, dict[str, LoadedFile]] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, config: Config) -> BuildCache:
        found = _read(cache_file(config, "cache"))
        if not isinstance(found, cls):
            return cls()
        for path in sorted(articles_folder(config).glob("*.pickle")):
            folder_file = _read(path)
            if isinstance(folder_file, FolderFile) and folder_file.setting == found.setting:
                found.loaded_folders[folder_file.folder] = folder_file.articles
                found.articles.update(folder_file.articles)
        return found

    def encode(self, config: Config) -> Encoded:
        """The cache as it is to be written: the rest encoded, and each article folder that changed, to be
        encoded as it is written (all of a first build's at once would take as much memory again as their
        articles). A build does this while it waits for Pagefind, writes the article folders' files then too
        (see Encoded.write_articles), and saves the rest once it has succeeded."""
        folder = articles_folder(config)
        groups: dict[str, dict[str, LoadedFile]] = defaultdict(dict)
        for path, loaded in self.articles.items():
            groups[os.path.dirname(path)][path] = loaded
        names = {_group_file(folder, group): group for group in groups}
        files = []
        for path, group in names.items():
            before, now = self.loaded_folders.get(group, {}), groups[group]
            if before.keys() != now.keys() or any(before[key] is not now[key] for key in now):
                files.append((path, FolderFile(self.setting, group, now)))
        rest = _encode(dataclasses.replace(self, articles={}, loaded_folders={}))
        return Encoded(folder, set(names), files, rest)

    def save(self, config: Config, last: LastBuild, encoded: Encoded | None = None) -> None:
        encoded = encoded or self.encode(config)
        encoded.write_articles()
        # The small file last: if the build stops between the two, the next build does not take a shortcut.
        write_atomically(cache_file(config, "cache"), encoded.rest)
        _write(cache_file(config, "last"), last)


@dataclass
class Encoded:
    """A cache ready to be written (see BuildCache.encode)."""

    folder: Path  # where the article folders' files are
    folder_files: set[Path]  # every one of them
    changed_folders: list[tuple[Path, FolderFile]]  # those to write again, and what to write
    rest: bytes  # everything else but the last build's fingerprint

    def write_articles(self) -> None:
        """Write the article folders' files still to write, and remove those of folders gone. Each holds the
        stamps of the files its articles were loaded from, so it is right whatever becomes of the build: a
        build writes them while it waits for Pagefind (a first build's took half a second after it)."""
        for stale in set(self.folder.glob("*.pickle")) - self.folder_files:
            stale.unlink()
        while self.changed_folders:
            path, folder_file = self.changed_folders.pop()
            _write(path, folder_file)


def articles_folder(config: Config) -> Path:
    return cache_file(config, "articles").with_suffix("")


def encode_folder(setting: str, loaded: dict[str, LoadedFile], written_to: Path | None) -> tuple[bytes, bool]:
    """The cache file of one content folder's articles (all of loaded's files are in it), and whether it was
    written into written_to (see articles_folder). A first build loads each folder in a process of its own
    (see build.load_library), which encodes the folder once, both to write it and to hand it to the build."""
    group = os.path.dirname(next(iter(loaded)))
    data = _encode(FolderFile(setting, group, loaded))
    if written_to is None:
        return data, False
    try:
        write_atomically(_group_file(written_to, group), data)
    except OSError:  # left to BuildCache.save, which reports it
        return data, False
    return data, True


def decode_folder(data: bytes) -> FolderFile:
    """encode_folder's data, as it was."""
    _, folder_file = pickle.loads(data)
    return folder_file


def _group_file(folder: Path, group: str) -> Path:
    return folder / f"{hashlib.blake2b(group.encode(), digest_size=8).hexdigest()}.pickle"


def load_last(config: Config) -> LastBuild | None:
    found = _read(cache_file(config, "last"))
    return found if isinstance(found, LastBuild) else None


def cache_file(config: Config, kind: str) -> Path:
    # One cache per output folder, so that building one content into two outputs keeps both fast.
    name = hashlib.blake2b(str(config.output_dir.resolve()).encode(), digest_size=8).hexdigest()
    return config.root / CACHE_DIR / f"build-{name}.{kind}.pickle"


def _read(path: Path) -> Any:
    try:
        with path.open("rb") as file:
            version, data = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return data if version == VERSION else None


def _write(path: Path, data: Any) -> None:
    write_atomically(path, _encode(data))


def _encode(data: Any) -> bytes:
    return pickle.dumps((VERSION, data), protocol=pickle.HIGHEST_PROTOCOL)


def source_stamp(status: os.stat_result) -> tuple[int, int, int]:
    """What tells whether a file the build reads (an article, a registry, a template) changed: its size,
    modification time and inode change time. An editor or a tool may keep the first two as they were (a
    same-length edit with the time set back); no user can set the third, which every write changes."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


def stamp(path: Path | str) -> tuple[int, ...]:
    """The source_stamp of a file the build reads."""
    return source_stamp(os.stat(path))


# A path's stamp: source_stamp for what the build reads, the writer's Stamp for what it wrote (whose inode
# change time the staging folder's hard links change, see output/staging.py).
Stamps = dict[str, tuple[int, ...]]
MISSING = (-1, -1)  # the stamp of a file that is not there


def stamps(paths: list[str], read: bool = False) -> Stamps:
    """The stamp of each file, MISSING for one that is missing, in the order given: a source_stamp for
    files the build reads (read), the writer's for files it wrote.

    Paths are plain strings: a rebuild with nothing to do stats every file of the site, and on a large
    archive making Path objects for them would cost more than the stats themselves.
    """
    taken = source_stamp if read else stamp_of
    found: Stamps = {}
    for path in paths:
        try:
            found[path] = taken(os.stat(path))
        except OSError:
            found[path] = MISSING
    return found


def fingerprint(files: Stamps, extra: str = "") -> str:
    """A hash of the files' paths and stamps (see stamps), and extra."""
    lines = "".join(f"{path}\0{found}\n" for path, found in files.items())
    return hashlib.blake2b((extra + "\n" + lines).encode(), digest_size=16).hexdigest()


def tree_files(folder: Path) -> list[str]:
    """Every file below folder, in a stable order; hidden ones included (a registry may be any file)."""
    found: list[str] = []
    for current, folders, files in os.walk(folder):
        folders.sort()
        found += [os.path.join(current, name) for name in sorted(files)]
    return found


@functools.cache
def code_key() -> str:
    """A hash of sitegen's own code: a new version may load, relate or render articles differently."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(CODE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def registry_setting(config: Config) -> str:
    """What changes how every article loads: the registries' bytes, the time zone and sitegen's code."""
    digest = hashlib.blake2b(f"{config.timezone}\0{code_key()}".encode(), digest_size=16)
    for name in ("people.yml", "tags.yml"):
        path = config.content_dir / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()
