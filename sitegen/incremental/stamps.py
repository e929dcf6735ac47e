"""What tells a rebuild whether its inputs or its output changed: a stamp per file, and fingerprints of them.

A build stamps every file it reads (content and templates) and every file it wrote last time, and keeps a
fingerprint of them with sitegen's code, the configuration and the templates (the site key). A rebuild that
finds the same fingerprint has nothing to do.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from sitegen.config import Config
from sitegen.output.writer import MANIFEST, OutputWriter, read_manifest, stamp_of

# A path's stamp: source_stamp for what the build reads, the writer's stamp_of for what it wrote (whose inode
# change time the staging folder's hard links change, see output/staging.py).
Stamp = tuple[int, ...]
Stamps = dict[str, Stamp]
MISSING: Stamp = (-1, -1)  # the stamp of a file that is not there


def source_stamp(status: os.stat_result) -> Stamp:
    """What tells whether a file the build reads (an article, a registry, a template) changed: its size,
    modification time and inode change time. An editor or a tool may keep the first two as they were (a
    same-length edit with the time set back); no user can set the third, which every write changes."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns


def stamp(path: Path | str) -> Stamp:
    """The source_stamp of a file the build reads."""
    return source_stamp(os.stat(path))


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
    """A hash of the files' paths and stamps, and extra."""
    lines = "".join(f"{path}\0{found}\n" for path, found in files.items())
    return hashlib.blake2b((extra + "\n" + lines).encode(), digest_size=16).hexdigest()


def tree_files(folder: Path) -> list[str]:
    """Every file below folder, in a stable order; hidden ones included (a registry may be any file)."""
    found: list[str] = []
    for current, folders, files in os.walk(folder):
        folders.sort()
        found += [os.path.join(current, name) for name in sorted(files)]
    return found


def input_stamps(config: Config) -> Stamps:
    """The stamps of every file the build reads, then of every file it wrote last time and its manifest."""
    out = str(config.output_dir)
    written = [f"{out}/{relative}" for relative in read_manifest(config.output_dir)]
    read = [*tree_files(config.content_dir), *tree_files(config.templates_dir)]
    return {**stamps(read, read=True), **stamps([*written, f"{out}/{MANIFEST}"])}


def gone_files(config: Config, inputs: Stamps) -> set[str]:
    """The files of the last build missing from the output folder when this build began (see input_stamps):
    the staging folder mirrors it, so they are missing there too, and no other is."""
    out = f"{config.output_dir}/"
    return {path.removeprefix(out) for path, found in inputs.items() if found == MISSING and path.startswith(out)}


def stamps_after(config: Config, inputs: Stamps, writer: OutputWriter) -> Stamps:
    """What input_stamps will find at the next build if nothing changes meanwhile, without statting the whole
    site again: the files read as they were when this build began, and the output with only its new files
    statted (taken as each was written). A file edited during the build thus counts as changed at the next."""
    out = f"{config.output_dir}/"
    taken, touched = writer.stamps, writer.touched
    late = stamps([out + relative for relative in touched if relative not in taken])  # removed files, the manifest
    after = {path: found for path, found in inputs.items() if not path.startswith(out)}
    for relative in writer.written_in_order:
        path = out + relative
        if relative in touched:
            after[path] = taken.get(relative) or late.get(path) or MISSING
        else:
            after[path] = inputs.get(path) or MISSING
    after[out + MANIFEST] = late[out + MANIFEST]
    return after
