"""How many processes a build may run at once: the cores this process may use, or SITEGEN_JOBS if smaller;
and forked_map, which runs a function over many items on all of them."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_function: Callable[[Any], Any] | None = None  # set only while forked_map runs


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
