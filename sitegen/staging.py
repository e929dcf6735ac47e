"""Build beside the published folder and swap it in whole: an interrupted build leaves public/ as it was.

The new site is made in a hidden sibling folder that starts as a mirror of public/ made of hard links, so
unchanged files keep their inode and modification time and cost no copying. Changed files are written with a
rename, which replaces the link in the new folder only. When the build has finished, the two folders are
exchanged in one step (renameat2 with RENAME_EXCHANGE on Linux; elsewhere two renames in quick succession).
A build that fails, is killed or runs out of disk leaves its half-made folder behind, which the next build
removes; public/ itself is never touched until the swap.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from pathlib import Path

RENAME_EXCHANGE = 2  # from linux/fs.h
AT_FDCWD = -100


class Staging:
    """The hidden folder a build writes into: begin() mirrors out_dir, commit() swaps it in, abort() drops it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir.parent / f".{out_dir.name}.sitegen-new"

    def begin(self) -> Path:
        shutil.rmtree(self.folder, ignore_errors=True)  # what an interrupted build left
        if self.out_dir.is_dir():
            _mirror(self.out_dir, self.folder)
        else:
            self.folder.mkdir(parents=True)
        return self.folder

    def commit(self) -> None:
        _swap_in(self.folder, self.out_dir)

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _mirror(source: Path, target: Path) -> None:
    """target as a tree of hard links to source's files (copies where links cannot be made)."""
    for folder, _subfolders, files in os.walk(source):
        relative = Path(folder).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            try:
                os.link(Path(folder, name), target / relative / name)
            except OSError:
                shutil.copy2(Path(folder, name), target / relative / name)


def _swap_in(staging: Path, out_dir: Path) -> None:
    if out_dir.is_dir() and _exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now the old site
        return
    old = out_dir.parent / f".{out_dir.name}.sitegen-old"
    shutil.rmtree(old, ignore_errors=True)
    if out_dir.is_dir():
        out_dir.rename(old)
    staging.rename(out_dir)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the system can; False if it cannot."""
    library = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(library, use_errno=True), "renameat2", None) if library else None
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
