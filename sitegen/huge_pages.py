"""Starting a program with the kernel's transparent huge pages turned off for it, or left as the system has them.

Linux keeps that choice per process (prctl's PR_SET_THP_DISABLE), and a program started by exec takes it from
the process that starts it. So it is set on this process only while such a program starts, and put back at
once; every start goes through one lock, so that a program started from another thread meanwhile does not take
it by mistake. (A process forked meanwhile, such as a rendering process, does take it: Python asks for no huge
pages.) Elsewhere than on Linux, programs start as they would anyway.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

PR_SET_THP_DISABLE, PR_GET_THP_DISABLE = 41, 42
_starting = threading.Lock()


def start(command: list[str], huge_pages: bool, **options: Any) -> subprocess.Popen[Any]:
    """subprocess.Popen(command, **options), the program without huge pages unless huge_pages. Popen returns
    once the program has replaced the child process, which is when it takes the setting."""
    with _starting:
        if huge_pages:
            return subprocess.Popen(command, **options)
        with _huge_pages_off():
            return subprocess.Popen(command, **options)


@contextlib.contextmanager
def _huge_pages_off() -> Iterator[None]:
    prctl = _prctl()
    before = prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0) if prctl is not None else -1
    if before != 0:  # not Linux, a kernel without the setting, or huge pages already off
        yield
        return
    prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)
    try:
        yield
    finally:
        prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0)


@functools.cache  # looked up once, not at every start
def _prctl() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # a C library without it
        return None
