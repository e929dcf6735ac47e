"""One sitegen at a time per site: a build, an import or a check takes the site's lock, and a second one waits.

The lock is an advisory lock (flock) on .sitegen-cache/lock beside sitegen.toml. The operating system releases
it when the process ends, however it ends, so a killed build never leaves the site locked.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = Path(".sitegen-cache") / "lock"

try:
    import fcntl
except ImportError:  # Windows: no flock; sitegen runs there without the lock
    fcntl = None  # type: ignore[assignment]


@contextmanager
def site_lock(root: Path, doing: str, wait: bool = True) -> Iterator[None]:
    """Hold the site's lock while doing; if another sitegen holds it, say so and wait (or raise LockBusy)."""
    if fcntl is None:
        yield
        return
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another sitegen"
            if not wait:
                raise LockBusy(f"{root} is busy: {holder}; try again when it has finished") from None
            print(f"sitegen: waiting for {holder} in {root} to finish ...", file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{doing} (process {os.getpid()})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


class LockBusy(Exception):
    pass
