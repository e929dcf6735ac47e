"""Stamps: every file's, in the order given, however many there are (more than one thread's share)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitegen.incremental.stamps import MISSING, STAT_CHUNK, fingerprint, source_stamp, stamps


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_stamps_of_many_files_keep_their_order_and_mark_the_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", jobs)
    paths = []
    for number in range(STAT_CHUNK * 2 + 10):
        path = tmp_path / f"{number % 7}-{number}.md"
        if number % 1000 != 3:  # a few are missing
            path.write_text(str(number))
        paths.append(str(path))
    found = stamps(paths, read=True)
    assert list(found) == paths
    for path in paths:
        assert found[path] == (source_stamp(os.stat(path)) if os.path.exists(path) else MISSING)


def test_the_fingerprint_is_the_same_with_one_thread_or_several(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = []
    for number in range(STAT_CHUNK + 100):
        (tmp_path / str(number)).write_text("x" * (number % 13))
        paths.append(str(tmp_path / str(number)))
    monkeypatch.setenv("SITEGEN_JOBS", "1")
    alone = fingerprint(stamps(paths))
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    assert fingerprint(stamps(paths)) == alone
