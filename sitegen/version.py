"""sitegen's version, as every cache keys it: a hash of its own code and theme.

A new version may load, relate or render articles differently, so each cache that keeps what sitegen made
(the loaded articles, related articles, page keys, compiled templates) keys it by code_key().
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

CODE_DIR = Path(__file__).resolve().parent  # the whole sitegen package


@functools.cache
def code_key() -> str:
    """A hash of every Python file of sitegen and of its theme (templates and static files, see render/theme.py),
    each with its name."""
    digest = hashlib.blake2b(digest_size=16)
    files = [*CODE_DIR.rglob("*.py"), *(path for path in (CODE_DIR / "theme").rglob("*") if path.is_file())]
    for path in sorted(files):
        digest.update(path.relative_to(CODE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
