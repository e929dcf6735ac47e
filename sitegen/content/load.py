"""Load content/ into a Library: the registries, then every article file, reusing those a build already loaded.

A file whose stamp is as it was when the last build loaded it is not read again. A first build, which reads
every file, loads them on every core, a content folder at a time, and each process writes that folder's
cache file itself (see incremental/folders.py), so that the build's own process never encodes them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import itertools
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from sitegen.config import Config
from sitegen.content.articles import article_paths, load_article
from sitegen.content.library import Library
from sitegen.content.model import Article, Registry
from sitegen.content.registry import load_registry
from sitegen.incremental.folders import LoadedFile, decode_folder, encode_folder
from sitegen.incremental.stamps import MISSING, Stamp, Stamps, stamp
from sitegen.parallel import forked_map
from sitegen.problems import Problem, ProblemsError
from sitegen.progress import progress
from sitegen.version import code_key

PARALLEL_LOAD = 1000  # articles to read before reading them on every core pays for the forking
FOLDER_PART = 2000  # articles of one folder loaded in one go: a larger folder is shared among the cores


@dataclass
class Loaded:
    """What loading content/ gives: the library, and what the next build may reuse."""

    library: Library
    setting: str  # see loading_setting
    files: dict[str, LoadedFile]  # every article file, by path
    problems: list[Problem]  # the registries', then each file's, in file order
    drafts: int
    folders_written: dict[str, dict[str, LoadedFile]]  # the folders whose cache file the loading wrote

    def digests(self) -> dict[Article, bytes]:
        """The fields digest of each article loaded."""
        return {found.article: found.digest for found in self.files.values() if found.article is not None}


def fields_digest(article: Article) -> bytes:
    """A hash of everything an article holds; kept with the loaded article, so a rebuild need not hash it again."""
    rest = repr(tuple(getattr(article, name) for name in _FIELDS_BUT_BODY))  # the body, the longest, as it is
    digest = hashlib.blake2b(rest.encode(), digest_size=16)
    digest.update(article.body.encode())
    return digest.digest()


_FIELDS_BUT_BODY = tuple(item.name for item in dataclasses.fields(Article) if item.name != "body")


def loading_setting(config: Config) -> str:
    """What changes how every article loads: the registries' bytes, the time zone and sitegen's code."""
    digest = hashlib.blake2b(f"{config.timezone}\0{code_key()}".encode(), digest_size=16)
    for name in ("people.yml", "tags.yml"):
        path = config.content_dir / name
        digest.update(path.read_bytes() if path.is_file() else b"-")
    return digest.hexdigest()


def load_library(
    config: Config, known: Mapping[str, LoadedFile] | None = None, taken: Stamps | None = None,
    cache_folder: Path | None = None, show_progress: bool = False,
) -> Loaded:  # fmt: skip
    """Every article of content/. known: the files the last build loaded, right while loading_setting is the
    same; taken: the stamps of the files where the build has just taken them; cache_folder: where a first
    build's processes write each folder's cache file."""
    registry, problems = load_registry(config.content_dir)
    setting = loading_setting(config)
    known, taken = known or {}, taken or {}
    files = list(article_paths(config.content_dir))
    written: dict[str, dict[str, LoadedFile]] = {}
    if not known and len(files) >= PARALLEL_LOAD:  # a first build reads every file: on every core
        parts = list(_folder_parts(files))
        found_files = _load_by_folder(parts, config, registry, taken, setting, cache_folder, written)
    else:
        found_files = (_load(path, config, registry, known.get(path), taken.get(path)) for path in files)
    loaded: dict[str, LoadedFile] = {}
    articles: list[Article] = []
    drafts = 0
    for path, found in zip(files, progress(found_files, "load", show_progress, total=len(files)), strict=True):
        loaded[path] = found
        problems.extend(found.problems)
        if found.article is not None and found.article.draft:
            drafts += 1
        elif found.article is not None:
            articles.append(found.article)
    return Loaded(Library.of(articles, registry), setting, loaded, problems, drafts, written)


FolderPart = tuple[list[str], bool]  # files of one folder, and whether they are all of its files


def _load_by_folder(
    parts: list[FolderPart], config: Config, registry: Registry, taken: Stamps, setting: str,
    cache_folder: Path | None, written: dict[str, dict[str, LoadedFile]],
) -> Iterator[LoadedFile]:  # fmt: skip
    """Every file of the parts loaded, in order, on every core: each process loads a part at a time (a content
    folder, or a part of one larger than FOLDER_PART), and writes a whole folder's cache file itself, recorded
    in written. The folder is encoded once, both for that file and to hand it to the build."""

    def load_part(part: FolderPart) -> tuple[bytes, bool]:
        paths, whole = part
        loaded = {path: _load(path, config, registry, None, taken.get(path)) for path in paths}
        return encode_folder(setting, loaded, cache_folder if whole else None)

    for data, was_written in forked_map(load_part, parts, 1, config.jobs):
        folder = decode_folder(data)
        if was_written:
            written[folder.folder] = folder.articles
        yield from folder.articles.values()


def _folder_parts(files: list[str]) -> Iterator[FolderPart]:
    """The files (in folder order, as article_paths gives them) in runs of one folder's, each of at most
    FOLDER_PART, and whether the run is its whole folder."""
    for _, grouped in itertools.groupby(files, os.path.dirname):
        folder = list(grouped)
        for start in range(0, len(folder), FOLDER_PART):
            yield folder[start : start + FOLDER_PART], len(folder) <= FOLDER_PART


def _load(name: str, config: Config, registry: Registry, known: LoadedFile | None, taken: Stamp | None) -> LoadedFile:
    """The article of one file: known (from the last build) if the file's stamp is as it was; taken is its
    stamp if the build took it already."""
    try:
        current = stamp(name) if taken is None or taken == MISSING else taken
    except OSError as error:  # a broken link, or one that loops
        return LoadedFile(MISSING, None, [Problem(Path(name), f"cannot be read: {error.strerror or error}")])
    if known is not None and known.stamp == current:
        return known
    try:
        article, warnings = load_article(Path(name), config.content_dir, config.zone, registry)
    except ProblemsError as error:
        return LoadedFile(current, None, error.problems)
    return LoadedFile(current, article, warnings, fields_digest(article))
