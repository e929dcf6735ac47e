"""Precompression (`precompress = true`): a .gz and a .br beside each HTML, CSS, JS, JSON and XML file, for hosts
that serve them as they are (nginx's gzip_static and brotli_static, S3 with Content-Encoding).

Both are made from the file's bytes alone, with no time or name in them, so the same site gives the same files.
A rebuild compresses only the files it wrote anew: a file it left as it was keeps the compressed files the
last build made of it, as long as they are still there.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable

import brotli

from sitegen.output.writer import OutputWriter, Stamp, safe_relative, write_if_changed
from sitegen.parallel import forked_map

COMPRESSED = (".html", ".css", ".js", ".json", ".xml")
ENCODINGS = (".gz", ".br")
BROTLI_QUALITY = 11  # the densest: made once per changed file, read by every reader
CHUNK = 16


def precompress(writer: OutputWriter, relatives: Iterable[str], jobs: int = 0) -> int:
    """Write the compressed files of these files of the writer's, where they changed or have none yet.
    Returns how many files were compressed."""
    wanted = []
    for relative in sorted(relatives):
        if not relative.endswith(COMPRESSED):
            continue
        siblings = [relative + encoding for encoding in ENCODINGS]
        if relative not in writer.touched and writer.keep_all(siblings):
            continue  # unchanged, and so are its compressed files
        wanted.append(relative)
    writer.claim(relative + encoding for relative in wanted for encoding in ENCODINGS)
    out_dir = writer.out_dir

    def compress(relative: str) -> tuple[Stamp | None, Stamp | None]:
        data = (out_dir / safe_relative(relative)).read_bytes()
        return (
            write_if_changed(out_dir, relative + ".gz", gzip.compress(data, compresslevel=9, mtime=0)),
            write_if_changed(out_dir, relative + ".br", brotli.compress(data, quality=BROTLI_QUALITY)),
        )

    for relative, stamps in zip(wanted, forked_map(compress, wanted, CHUNK, jobs), strict=True):
        for encoding, stamp in zip(ENCODINGS, stamps, strict=True):
            writer.record(relative + encoding, stamp is not None, stamp)
    return len(wanted)
