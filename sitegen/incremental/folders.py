"""The loaded articles a build keeps for the next, one cache file per content folder (a month), so that a
rebuild after an edit writes again only that folder's file; and the versioned encoding of every cache file.

A file that is missing, unreadable or of another version reads as nothing, and is made anew.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitegen.content.model import Article
from sitegen.output.writer import write_atomically
from sitegen.problems import Problem

VERSION = 8  # of every cache file's layout: a file of another version is ignored


@dataclass
class LoadedFile:
    """One article file as the build loaded it, kept while the file's stamp is the same."""

    stamp: tuple[int, ...]  # see stamps.source_stamp
    article: Article | None  # None where the file has errors
    problems: list[Problem]
    digest: bytes = b""  # of the article's fields (see keys.fields_digest)


@dataclass(frozen=True)
class FolderFile:
    """One content folder's cache file: its files as loaded, right while the setting they were loaded in is."""

    setting: str  # see content/load.py's loading_setting
    folder: str
    articles: dict[str, LoadedFile]  # by path


def encode_folder(setting: str, loaded: dict[str, LoadedFile], written_to: Path | None) -> tuple[bytes, bool]:
    """The cache file of one content folder's articles (all of loaded's files are in it), and whether it was
    written into written_to. A first build loads each folder in a process of its own, which encodes the
    folder once, both to write its file and to hand it to the build."""
    group = os.path.dirname(next(iter(loaded)))
    data = encode(FolderFile(setting, group, loaded))
    if written_to is None:
        return data, False
    try:
        write_atomically(folder_file(written_to, group), data)
    except OSError:  # written again when the state is saved, which reports it
        return data, False
    return data, True


def decode_folder(data: bytes) -> FolderFile:
    """encode_folder's data, as it was."""
    _, found = pickle.loads(data)
    return found


def folder_file(folder: Path, group: str) -> Path:
    return folder / f"{hashlib.blake2b(group.encode(), digest_size=8).hexdigest()}.pickle"


def encode(data: Any) -> bytes:
    return pickle.dumps((VERSION, data), protocol=pickle.HIGHEST_PROTOCOL)


def read(path: Path) -> Any:
    """What encode wrote to path; None where it is missing, unreadable or of another version."""
    try:
        with path.open("rb") as file:
            version, data = pickle.load(file)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, ImportError):
        return None
    return data if version == VERSION else None


def write(path: Path, data: Any) -> None:
    write_atomically(path, encode(data))
