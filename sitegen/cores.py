"""How many processes a build may run at once: the cores this process may use, or SITEGEN_JOBS if smaller;
forked_map, which runs a function over many items on all of them; and step_back, which lets another process
have the cores first."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_function: Callable[[Any], Any] | None = None  # set only while forked_map runs
PRIORITY_STEP = 10  # how far step_back lowers a thread's priority (the lowest is 19 above normal)


def forked_map(function: Callable[[Any], Any], items: Sequence[Any], chunk: int = 64) -> Iterator[Any]:
    """function over items, in order, in forked processes on every core (in this one where there is one, or no
    fork). The processes inherit function and what it refers to, so nothing but items and results is copied."""
    jobs = available_cores() if hasattr(os, "fork") else 1
    if jobs == 1:
        yield from map(function, items)
        return
    global _function
    _function = function
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_call, items, chunk)
    finally:
        _function = None


def _call(item: Any) -> Any:
    assert _function is not None
    return _function(item)


def available_cores() -> int:
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(available, int(os.environ.get("SITEGEN_JOBS", available))))


def step_back() -> Callable[[], None]:
    """Lower the calling thread's scheduling priority, so that processes started before (which keep theirs) get
    the cores first and this thread runs where they leave one idle. Returns what puts it back, where the system
    lets a process raise its priority again; elsewhere the thread keeps the lower one. Only on Linux, where a
    priority belongs to a thread, not to the whole process."""
    if not sys.platform.startswith("linux"):
        return lambda: None
    thread = threading.get_native_id()
    try:
        before = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(before + PRIORITY_STEP, 19))
    except OSError:
        return lambda: None

    def restore() -> None:
        with contextlib.suppress(OSError):  # not allowed without the privilege to raise priorities
            os.setpriority(os.PRIO_PROCESS, thread, before)

    return restore
