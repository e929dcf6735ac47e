"""Build beside the published folder and swap it in whole: an interrupted build leaves public/ as it was.

The new site is made in a hidden sibling folder that starts as a mirror of public/ made of hard links, so
unchanged files keep their inode and modification time and cost no copying. Changed files are written with a
rename, which replaces the link in the new folder only. When the build has finished, the two folders are
exchanged in one step (renameat2 with RENAME_EXCHANGE on Linux; elsewhere renames in quick succession).
The old site is then kept as the next build's folder: mirroring it again touches only the files that
changed, where making a new mirror and deleting the old one would touch every file of a large archive.
A build that fails is removed; one that is killed leaves its folder, which the next build brings back in
line with public/. public/ itself is never touched until the swap.
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
        if self.out_dir.is_dir():
            _mirror(self.out_dir, self.folder)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
        return self.folder

    def commit(self) -> None:
        """Swap the new site in; the old one is left in the staging folder for the next build."""
        if self.out_dir.is_dir() and _exchange(self.folder, self.out_dir):
            return
        old = self.out_dir.parent / f".{self.out_dir.name}.sitegen-old"
        shutil.rmtree(old, ignore_errors=True)
        if self.out_dir.is_dir():
            self.out_dir.rename(old)
        self.folder.rename(self.out_dir)
        if old.is_dir():
            old.rename(self.folder)

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _mirror(source: Path, target: Path) -> None:
    """Make target a tree of hard links to source's files, keeping the links it already has right."""
    if target.exists() and not target.is_dir():
        target.unlink()
    target.mkdir(parents=True, exist_ok=True)
    there = {entry.name: entry for entry in os.scandir(target)}
    for entry in os.scandir(source):
        current = there.pop(entry.name, None)
        if entry.is_dir(follow_symlinks=False):
            _mirror(Path(entry.path), target / entry.name)
            continue
        if current is not None and current.is_dir(follow_symlinks=False):
            shutil.rmtree(current.path)
            current = None
        if current is None or current.inode() != entry.inode():  # inodes come with the listing: no stat
            _link(Path(entry.path), target / entry.name)
    for leftover in there.values():  # what public/ no longer has
        if leftover.is_dir(follow_symlinks=False):
            shutil.rmtree(leftover.path)
        else:
            os.unlink(leftover.path)


def _link(original: Path, link: Path) -> None:
    """link as a hard link to original (a copy where links cannot be made), replacing what was there."""
    temporary = link.with_name(f".{link.name}.sitegen-link")
    temporary.unlink(missing_ok=True)
    try:
        os.link(original, temporary)
    except OSError:
        shutil.copy2(original, temporary)
    os.replace(temporary, link)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically where the system can; False if it cannot."""
    library = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(library, use_errno=True), "renameat2", None) if library else None
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0
