"""sitegen's version, as every cache keys it: a hash of its own code.

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
    """A hash of every Python file of sitegen."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(CODE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()
