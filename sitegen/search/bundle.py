"""Make Pagefind's bundle byte-identical for identical input.

Pagefind writes each filter's values, and the list of filters in its metadata file, in hash-map order, which
changes from run to run (its fragments and word indexes are already stable). Each of those files is gzip'd
CBOR behind a short signature; this module sorts them, names each by a hash of its new content, and points
the metadata file and pagefind-entry.json at the new names. The browser fetches files by these names only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

SIGNATURE = b"pagefind_dcd"
META_FILTERS = 3  # position of the [filter name, file hash] list in the metadata file


class BundleFormatError(Exception):
    pass


def canonicalise(bundle: Path) -> None:
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for language, details in entry["languages"].items():
        details["hash"] = _canonicalise_language(bundle, language, details["hash"])
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _canonicalise_language(bundle: Path, language: str, meta_hash: str) -> str:
    meta_file = bundle / f"pagefind.{meta_hash}.pf_meta"
    meta = _read(meta_file)
    filters = []
    for name, filter_hash in meta[META_FILTERS]:
        filter_file = bundle / "filter" / f"{filter_hash}.pf_filter"
        filter_name, values = _read(filter_file)
        filter_file.unlink()
        new_hash = _write(bundle / "filter", language, [filter_name, sorted(values)], ".pf_filter", digits=7)
        filters.append([name, new_hash])
    meta[META_FILTERS] = sorted(filters)
    meta_file.unlink()
    return _write(bundle, language, meta, ".pf_meta", digits=10, prefix="pagefind.")


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: not a Pagefind data file this version of sitegen knows")
    return cbor2.loads(data[len(SIGNATURE) :])


def _write(folder: Path, language: str, value: Any, suffix: str, digits: int, prefix: str = "") -> str:
    """Write a data file named by a hash of its content; returns the hash as Pagefind refers to it."""
    data = SIGNATURE + cbor2.dumps(value)
    file_hash = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{file_hash}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return file_hash
