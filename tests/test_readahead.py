"""Reading ahead: files the system no longer holds are read into its cache, many at once; others are left."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen import readahead
from sitegen.readahead import _cached, read_ahead

pytestmark = pytest.mark.skipif(not hasattr(os, "RWF_NOWAIT"), reason="the system cannot tell what it holds")


def written(folder: Path, count: int) -> list[str]:
    paths = []
    for number in range(count):
        path = folder / f"article-{number}.md"
        path.write_text(f"---\ntitle: Article {number}\n---\n" + "Text. " * 500)
        paths.append(str(path))
    return paths


def forgotten(paths: list[str]) -> None:
    """Have the system drop the files from its cache, as it does with files unused for long."""
    for path in paths:
        handle = os.open(path, os.O_RDONLY)
        try:
            os.fsync(handle)
            os.posix_fadvise(handle, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(handle)


def test_files_the_system_no_longer_holds_are_read_into_its_cache(tmp_path: Path) -> None:
    canary, *paths = written(tmp_path, 40)
    forgotten([canary, *paths])
    if _cached(canary):
        pytest.skip("this file system keeps its files in memory")
    read_ahead(paths)()  # when it ends, every file has been read (asking whether one is held starts reading it)
    assert all(map(_cached, paths))


def test_files_the_system_holds_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = written(tmp_path, 40)

    def refuse(function: object) -> None:
        raise AssertionError("read ahead although the files were held")

    monkeypatch.setattr(readahead, "run_aside", refuse)
    read_ahead(paths)()
    read_ahead([])()
