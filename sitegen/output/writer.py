"""Write the site into the (staging) output folder: only what changed, and never anything sitegen did not make.

A manifest in the output folder lists the files sitegen wrote there; a file the new build no longer makes is
removed only if the manifest says sitegen made it. An existing, non-empty folder without a manifest is refused.
Files are claimed in the manifest before they are written, so an interrupted build leaves nothing unaccounted for.

The folder written is the staging folder (see staging.py), published whole once the build is done, so a file
need not be written atomically; but its files start as hard links to the published ones, so a changed file is
unlinked and written anew, never written through the link.
"""

from __future__ import annotations

import errno
import itertools
import os
import stat
import tempfile
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

MANIFEST = ".sitegen-manifest"
Stamp = tuple[int, int]  # a file's size and modification time, by which a build tells whether it changed


def stamp_of(status: os.stat_result) -> Stamp:
    return status.st_size, status.st_mtime_ns


class OutputError(Exception):
    pass


class OutputWriter:
    """Writes into out_dir. gone, if given, names every file of the last build that is missing from out_dir
    (found when the build began); the other files are then not looked for again before being kept."""

    def __init__(self, out_dir: Path, gone: set[str] | None = None) -> None:
        self.out_dir = out_dir
        self.gone = gone
        self.previous = self._read_manifest()
        self._previous_in_order: list[str] | None = None
        self.claimed = set(self.previous)
        self.written: set[str] = set()
        self.touched: set[str] = set()  # files written anew or removed, the manifest among them
        self.stamps: dict[str, Stamp] = {}  # of files written anew, taken as written or by take_stamps
        self.changed = 0
        self.written_in_order: list[str] = []  # the files written, in the manifest's order, once finished

    def claim(self, relatives: Iterable[str]) -> None:
        """Record in the manifest that these files are sitegen's, before writing any of them.

        The build's first claim writes the manifest anew (in the staging folder it starts as a link to the
        published one, which must not change); later claims add their lines to it, so each claim costs what it
        claims. finish() writes it in order."""
        new = set(relatives) - self.claimed
        if not new:  # the manifest already lists them all
            return
        self.claimed.update(new)
        if MANIFEST not in self.touched:
            self._write_manifest(self.claimed)
            return
        with open(self.out_dir / MANIFEST, "a", encoding="utf-8") as manifest:
            manifest.write("".join(f"{relative}\n" for relative in sorted(new)))

    def release(self, relatives: Iterable[str]) -> None:
        """Take back claims of files that were not written after all (see claim), and were not the last build's."""
        self.claimed.difference_update(
            relative for relative in relatives if relative not in self.written and relative not in self.previous
        )

    def write(self, relative: str, data: bytes) -> bool:
        """Write one file unless it already holds exactly these bytes; True if it was written."""
        self._refuse_twice(relative)
        written = write_if_changed(self.out_dir, relative, data)
        self.record(relative, written is not None, written)
        return written is not None

    def _refuse_twice(self, relative: str) -> None:
        if relative in self.written:
            raise OutputError(f"two pages were given the same output file {relative}")

    def record(self, relative: str, changed: bool, stamp: Stamp | None = None) -> None:
        """Note a file written for this writer (by a rendering process), whether its bytes changed, and the
        stamp it was written with, if that was taken."""
        self.written.add(relative)
        self.changed += changed
        if changed:
            self.touched.add(relative)
        if stamp is not None:
            self.stamps[relative] = stamp

    def keep(self, relative: str) -> bool:
        """Count a file of the last build as written again, unchanged, if it is still there."""
        return self.keep_all((relative,))

    def keep_folder(self, prefix: str, but: tuple[str, ...] = ()) -> bool:
        """Keep every file of the last build below prefix, but those whose names end as one of but; False
        (keeping none) if there is none or any has gone."""
        files = [relative for relative in self.previous_below(prefix) if not (but and relative.endswith(but))]
        return bool(files) and self.keep_all(files)

    def previous_below(self, prefix: str) -> list[str]:
        """The files of the last build below prefix."""
        if self._previous_in_order is None:
            self._previous_in_order = sorted(self.previous)
        following = itertools.islice(self._previous_in_order, bisect_left(self._previous_in_order, prefix), None)
        return list(itertools.takewhile(lambda relative: relative.startswith(prefix), following))

    def keep_all(self, relatives: Iterable[str]) -> bool:
        """Keep every one of these files of the last build; False (keeping none) if any has gone."""
        relatives = list(relatives)
        if any(relative not in self.previous or relative in self.written for relative in relatives):
            return False
        if not all(map(self._present, relatives)):
            return False
        self.written.update(relatives)
        return True

    def _present(self, relative: str) -> bool:
        if self.gone is not None:
            return relative not in self.gone
        return os.path.isfile(os.path.join(self.out_dir, safe_relative(relative)))

    def take_stamps(self, relatives: Iterable[str]) -> None:
        """Take the size and modification time of these files now, while the build waits for something else:
        it writes them no more, and the cache keeps them for the next build to compare. A file not there is
        left to be looked at then; one stamped already is not looked at again."""
        root = str(self.out_dir)
        for relative in relatives:
            if relative in self.stamps:
                continue
            try:
                status = os.stat(os.path.join(root, relative))
            except OSError:
                continue
            self.stamps[relative] = stamp_of(status)

    def copy_tree(self, sources: Path | list[Path], prefix: str) -> None:
        """Copy every file below the sources to prefix in the output, skipping unchanged ones; where two sources
        have a file of one name, the later one's is copied (the site's static files over the theme's)."""
        files = {}
        for source in [sources] if isinstance(sources, Path) else sources:
            files.update(_files_below(source, prefix))
        self.copy_files({relative: found.path for relative, found in files.items()})

    def copy_files(self, files: Mapping[str, str | os.PathLike[str]]) -> None:
        """Copy each file to its relative path in the output, skipping unchanged ones."""
        self.claim(files)
        for relative in sorted(files):
            with open(files[relative], "rb") as file:
                self.write(relative, file.read())

    def move_tree(self, source: Path, prefix: str) -> list[str]:
        """Move every file below source (on the output's file system) to prefix, keeping unchanged ones.
        Where nothing is at prefix yet (a first build's search bundles), the folder is moved in one step.
        Returns the files, by relative path."""
        files = _files_below(source, prefix)
        self.claim(files)
        for relative in files:
            self._refuse_twice(relative)
        if _move_whole(source, self.out_dir / safe_relative(prefix.rstrip("/"))):
            for relative, found in files.items():
                self.record(relative, True, found.stamp)  # moving their folder changed neither size nor time
            return list(files)
        for relative in sorted(files):
            self.record(relative, move_if_changed(Path(files[relative].path), self.out_dir, relative))
        return list(files)

    def remove_stale(self, but: str = "") -> int:
        """Remove the files of the last build that this one has not written (except those below but)."""
        stale = sorted(relative for relative in self.claimed - self.written if not (but and relative.startswith(but)))
        for relative in stale:
            path = self.out_dir / safe_relative(relative)
            path.unlink(missing_ok=True)
            remove_empty_parents(path.parent, self.out_dir)
        self.claimed.difference_update(stale)
        self.touched.update(stale)
        return len(stale)

    def finish(self) -> int:
        """Remove files of the previous build that this one did not write; record the manifest. Returns removed."""
        removed = self.remove_stale()
        self.written_in_order = sorted(self.written)
        self._write_manifest(self.written_in_order)
        return removed

    @property
    def files(self) -> set[str]:
        """Every file of the finished output, the manifest included."""
        return self.written | {MANIFEST}

    def _write_manifest(self, relatives: Iterable[str]) -> None:
        manifest = "".join(f"{relative}\n" for relative in sorted(relatives))  # at once where already in order
        write_atomically(self.out_dir / MANIFEST, manifest.encode("utf-8"))
        self.touched.add(MANIFEST)

    def _read_manifest(self) -> set[str]:
        if (self.out_dir / MANIFEST).exists():
            return set(read_manifest(self.out_dir))
        if self.out_dir.exists() and any(self.out_dir.iterdir()):
            raise OutputError(
                f"{self.out_dir} is not empty and was not made by sitegen; "
                "choose another output folder (--out) or empty this one yourself"
            )
        return set()


def write_if_changed(out_dir: Path, relative: str, data: bytes) -> Stamp | None:
    """Write one file unless it already holds exactly these bytes; the stamp of the file written, or None."""
    path = os.path.join(out_dir, safe_relative(relative))
    try:
        return _write_new(path, data)  # most files a build writes are new: making one is the first thing to try
    except FileExistsError:
        if _holds(path, data):
            return None
        return _write_new(path, data)


def move_if_changed(source: Path, out_dir: Path, relative: str) -> bool:
    """Move source to relative in out_dir unless that already holds the same bytes; True if it was moved in."""
    path = os.path.join(out_dir, safe_relative(relative))
    data = source.read_bytes() if os.path.lexists(path) else None  # read only to compare with the file there
    if data is not None and _holds(path, data):
        return False
    os.makedirs(os.path.dirname(path), exist_ok=True)
    try:
        os.replace(source, path)  # replaces the folder's link; a published file it shared is left as it was
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        _write_new(path, source.read_bytes() if data is None else data)  # from another file system: copied
    return True


def _move_whole(source: Path, target: Path) -> bool:
    """Move the folder source to target if nothing is there and both are on one file system; True if moved."""
    if os.path.lexists(target):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.rename(source, target)
    except OSError as error:
        if error.errno in (errno.EXDEV, errno.EEXIST, errno.ENOTEMPTY):
            return False
        raise
    return True


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _write_new(path: str, data: bytes) -> Stamp:
    """Write a file where there is none, making its folder only when that is missing. Returns its stamp, taken
    from the open file, so no file is looked up again by name."""
    try:
        handle = os.open(path, _NEW_FILE, 0o666)  # a plain descriptor: open() also asks whether it is a terminal
    except FileNotFoundError:
        _make_folder(os.path.dirname(path))
        handle = os.open(path, _NEW_FILE, 0o666)
    try:
        written = 0
        while written < len(data):
            written += os.write(handle, data[written:] if written else data)
        status = os.fstat(handle)
    finally:
        os.close(handle)
    return stamp_of(status)


def _make_folder(folder: str) -> None:
    """Make folder, whose parent is most often there already (os.makedirs would look first)."""
    try:
        os.mkdir(folder)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    except FileExistsError:  # made meanwhile by another process
        pass


def _holds(path: str, data: bytes) -> bool:
    """True if path holds exactly data; otherwise path is removed, so that a new file can be made there."""
    try:
        if os.stat(path).st_size == len(data):
            with open(path, "rb") as file:
                if file.read() == data:
                    return True
        os.unlink(path)
    except FileNotFoundError:
        pass
    return False


@dataclass(frozen=True)
class FoundFile:
    path: str
    stamp: Stamp


def _files_below(source: Path, prefix: str) -> dict[str, FoundFile]:
    """Every file below source (a link to a file counts; a broken link does not), by its relative path in the
    output, with its stamp: each file is looked at once."""
    files: dict[str, FoundFile] = {}
    for folder, _, names in os.walk(source):
        inside = os.path.relpath(folder, source).replace(os.sep, "/")
        at = prefix if inside == "." else f"{prefix}{inside}/"
        for name in names:
            path = os.path.join(folder, name)
            try:
                status = os.stat(path)
            except OSError:
                continue
            if stat.S_ISREG(status.st_mode):
                files[at + name] = FoundFile(path, stamp_of(status))
    return files


def read_manifest(out_dir: Path) -> list[str]:
    """The files the last build wrote into out_dir, by relative path; none if it has no manifest."""
    try:
        return (out_dir / MANIFEST).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def safe_relative(relative: str) -> str:
    """A relative path that stays inside the output folder; anything else is a bug worth stopping for."""
    parts = relative.split("/")
    if not relative or relative.startswith("/") or ".." in parts or "\0" in relative or not parts[-1]:
        raise OutputError(f"refusing to write outside the output folder: {relative!r}")
    return relative


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it over the target in one step: a reader
    finds the old file or the new one, never part of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def remove_empty_parents(folder: Path, stop: Path) -> None:
    """Remove folder if it is empty, then its parents while they are, up to stop (kept). Removing a folder
    that still holds something fails at once, where listing it would cost as much as its files: a search
    bundle's fragment folder, emptied one file at a time, holds thousands."""
    while folder != stop:
        try:
            folder.rmdir()
        except OSError:  # not empty, or gone
            return
        folder = folder.parent
