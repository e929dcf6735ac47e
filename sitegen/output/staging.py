"""Build beside the published folder and swap it in whole: an interrupted build leaves public/ as it was.

The new site is made in a hidden sibling folder that starts as a mirror of public/ made of hard links, so
unchanged files keep their inode and modification time and cost no copying. Changed files are written with a
rename, which replaces the link in the new folder only. When the build has finished, the two folders are
exchanged in one step (renameat2 with RENAME_EXCHANGE on Linux; elsewhere renames in quick succession).
The old site is then kept as the next build's folder: mirroring it again touches only the files that
changed, where making a new mirror and deleting the old one would touch every file of a large archive.
A build that fails is removed; one that is killed leaves its folder, which the next build brings back in
line with public/. public/ itself is never touched until the swap.

Mirroring walks every folder of both trees, which on a large archive takes seconds. So after the swap a
journal is left in the old site: the files the build changed, and the modification time of each folder of
the new public/. The next build relinks only those files, and mirrors again only folders whose time changed
(someone added, removed or renamed something there). Without a journal, the whole tree is mirrored.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import marshal
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from sitegen.output.writer import remove_empty_parents
from sitegen.parallel import run_aside

RENAME_EXCHANGE = 2  # from linux/fs.h
AT_FDCWD = -100
JOURNAL = ".sitegen-journal"


class Staging:
    """The hidden folder a build writes into: begin() mirrors out_dir, commit() swaps it in, abort() drops it.

    start() mirrors beside the build, so that the build can read its content meanwhile; wait() then gives the
    folder.
    """

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.folder = out_dir.parent / f".{out_dir.name}.sitegen-new"
        self._waiting: Callable[[], None] | None = None
        self._settled_times: dict[str, int] = {}
        self._settled_files: set[str] = set()  # and the files and folders they were taken for
        self._settled_folders: set[str] = set()

    def begin(self) -> Path:
        self.start()
        return self.wait()

    def start(self) -> None:
        """Mirror beside the build (see parallel.run_aside), so that the build reads its content meanwhile."""
        self._waiting = run_aside(self._prepare)

    def wait(self) -> Path:
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting()
        return self.folder

    def settle(self) -> None:
        """Let a mirroring under way finish, for a build that stops before writing (and is raising its own
        error); its folder is kept."""
        with contextlib.suppress(BaseException):
            self.wait()

    def _prepare(self) -> None:
        if not self.out_dir.is_dir():
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder.mkdir(parents=True)
        elif (journal := _take_journal(self.folder)) is not None:
            _catch_up(self.out_dir, self.folder, journal)
        else:
            _mirror(self.out_dir, self.folder)

    def take_settled_times(self, files: Iterable[str], changing: str) -> None:
        """Take now, while the build waits for something else, the times of the new site's folders that hold
        these files and will not change before the swap: all but the top one and those below changing.
        commit() then needs to look only at the others. (Should one change after all, the next build mirrors
        it again: more work, never a wrong site.)"""
        below = changing.rstrip("/")
        self._settled_files = set(files)
        self._settled_folders = _folders_of(self._settled_files)
        settled = (f for f in self._settled_folders if f and f != below and not f.startswith(f"{below}/"))
        self._settled_times = _folder_times(self.folder, settled)

    def commit(self, files: Iterable[str], changed: Iterable[str]) -> None:
        """Swap the new site in; the old one is left in the staging folder for the next build.

        files: every file (relative path) of the new site; changed: those it wrote anew, and those it removed.
        """
        if not (self.out_dir.is_dir() and _exchange(self.folder, self.out_dir)):
            old = self.out_dir.parent / f".{self.out_dir.name}.sitegen-old"
            shutil.rmtree(old, ignore_errors=True)
            if self.out_dir.is_dir():
                self.out_dir.rename(old)
            self.folder.rename(self.out_dir)
            if old.is_dir():
                old.rename(self.folder)
        if self.folder.is_dir():
            folders = _folders_of(set(files) - self._settled_files, known=self._settled_folders)
            settled = self._settled_times
            times = {folder: settled[folder] for folder in folders if folder in settled}
            times.update(_folder_times(self.out_dir, (folder for folder in folders if folder not in settled)))
            journal = {"changed": sorted(changed), "folders": times}
            (self.folder / JOURNAL).write_bytes(marshal.dumps(journal))  # one unreadable later costs a whole mirror

    def abort(self) -> None:
        self.settle()
        shutil.rmtree(self.folder, ignore_errors=True)


def _folders_of(files: Iterable[str], known: set[str] | None = None) -> set[str]:
    """Every folder holding one of the files (relative paths), at any depth, "" for the top one; with those
    known already."""
    folders = {"", *(known or ())}
    for relative in files:
        folder = relative.rpartition("/")[0]
        while folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
    return folders


def _mirror(source: Path | str, target: Path | str) -> None:
    """Make target a tree of hard links to source's files, keeping the links it already has right."""
    target = str(target)
    if os.path.lexists(target) and not os.path.isdir(target):
        os.unlink(target)
    try:
        os.mkdir(target)
        there = {}  # a new folder: nothing to list or to replace
    except FileExistsError:
        there = {entry.name: entry for entry in os.scandir(target)}
    except FileNotFoundError:
        os.makedirs(target)
        there = {}
    for entry in os.scandir(source):
        current = there.pop(entry.name, None)
        path = os.path.join(target, entry.name)
        if entry.is_dir(follow_symlinks=False):
            _mirror(entry.path, path)
            continue
        if current is not None and current.is_dir(follow_symlinks=False):
            shutil.rmtree(current.path)
            current = None
        if current is None:
            _new_link(entry.path, path)
        elif current.inode() != entry.inode():  # inodes come with the listing: no stat
            _link(Path(entry.path), Path(path))
    for leftover in there.values():  # what public/ no longer has
        if leftover.is_dir(follow_symlinks=False):
            shutil.rmtree(leftover.path)
        else:
            os.unlink(leftover.path)


def _take_journal(folder: Path) -> dict[str, object] | None:
    """The journal the last build left, removed so that a build stopped from now on leaves none."""
    path = folder / JOURNAL
    try:
        journal = marshal.loads(path.read_bytes())
        path.unlink()
    except (OSError, ValueError, EOFError, TypeError):
        return None
    valid = isinstance(journal, dict) and isinstance(journal.get("changed"), list)
    return journal if valid and isinstance(journal.get("folders"), dict) else None


def _catch_up(source: Path, target: Path, journal: dict[str, object]) -> None:
    """Bring target (the site before the last build) in line with source (the site that build made)."""
    changed: list[str] = journal["changed"]  # type: ignore[assignment]
    folders: dict[str, int] = journal["folders"]  # type: ignore[assignment]
    now = _folder_times(source, folders)
    moved = [folder for folder, time in now.items() if folders[folder] != time]
    if "" in moved or "" not in folders:
        _mirror(source, target)
        return
    for relative in changed:
        original, link = source / relative, target / relative
        if original.is_file():
            link.parent.mkdir(parents=True, exist_ok=True)
            _link(original, link)
        elif link.is_file():
            link.unlink()
            remove_empty_parents(link.parent, target)
    for folder in moved:  # where something besides the build changed public/
        if (source / folder).is_dir():
            _mirror(source / folder, target / folder)
        else:
            shutil.rmtree(target / folder, ignore_errors=True)


def _folder_times(site: Path, folders: Iterable[str]) -> dict[str, int]:
    """The modification time of each of these folders of the site ("" is the site itself); -1 if missing."""
    root = str(site)
    times: dict[str, int] = {}
    for folder in folders:
        try:
            times[folder] = os.stat(os.path.join(root, folder)).st_mtime_ns
        except OSError:
            times[folder] = -1
    return times


def _new_link(original: str, link: str) -> None:
    """link, where nothing is, as a hard link to original (a copy where links cannot be made)."""
    try:
        os.link(original, link)
    except FileExistsError:
        _link(Path(original), Path(link))
    except OSError:
        shutil.copy2(original, link)


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
