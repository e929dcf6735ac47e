"""Parallel work through the standard library, in one place: how many processes a build uses, a function
mapped over many items in forked worker processes, and one function run beside the build.

Workers are forked, so they inherit the function and everything it refers to (the library, the routes, the
Jinja environment) instead of receiving copies: only the items and the results cross between processes.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection
from typing import Any

# The function of forked_map, set only inside its worker processes (by their initializer), never in the build's.
_worker_function: Callable[[Any], Any] | None = None


def available_cores(jobs: int = 0) -> int:
    """How many processes to run at once: jobs if it is given (more than 0), else the cores this process may
    use, or SITEGEN_JOBS if that is smaller."""
    if jobs > 0:
        return jobs
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(available, int(os.environ.get("SITEGEN_JOBS", available))))


def forked_map(
    function: Callable[[Any], Any], items: Sequence[Any], chunk: int = 64, jobs: int = 0, isolate: bool = False
) -> Iterator[Any]:
    """function over items, results in order, in forked processes, as many as available_cores(jobs) says; in
    this process where that is one, where there is no fork (Windows), or for no more items than one chunk.
    With isolate, always in forked processes where there is fork: for a library that must never start in the
    build's own process (libvips, whose threads a later fork would leave behind)."""
    jobs = available_cores(jobs) if hasattr(os, "fork") else 1
    if not items:
        return
    if not hasattr(os, "fork") or (not isolate and (jobs == 1 or len(items) <= chunk)):
        yield from map(function, items)
        return
    jobs = min(jobs, len(items))
    context = multiprocessing.get_context("fork")
    with context.Pool(jobs, initializer=_take_function, initargs=(function,)) as pool:
        yield from pool.imap(_call, items, chunk)


def _take_function(function: Callable[[Any], Any]) -> None:
    global _worker_function
    _worker_function = function


def _call(item: Any) -> Any:
    assert _worker_function is not None, "called outside a forked_map worker"
    return _worker_function(item)


def run_aside(function: Callable[[], None]) -> Callable[[], None]:
    """Start function beside the build, and return what waits for it to end and raises what it raised.

    For work that needs no result but its effects, such as files. In a forked process where there are cores
    for it (a thread's Python would take turns with the build's own), in a thread otherwise."""
    if available_cores() == 1 or not hasattr(os, "fork"):
        return _run_in_thread(function)
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_report_to, args=(function, sending), name="sitegen-aside")
    process.start()
    sending.close()

    def wait() -> None:
        try:
            error = receiving.recv()
        except EOFError:  # the process died without a word: killed, or out of memory
            error = None
        finally:
            receiving.close()
            process.join()
        if error is None and process.exitcode != 0:
            error = RuntimeError(f"work beside the build ended with exit code {process.exitcode}")
        if error is not None:
            raise error

    return wait


def _report_to(function: Callable[[], None], sending: Connection) -> None:
    """Run function in the forked process and send back None, or what it raised."""
    try:
        function()
    except BaseException as error:
        sending.send_bytes(_pickled(error))
    else:
        sending.send(None)
    finally:
        sending.close()


def _pickled(error: BaseException) -> bytes:
    try:
        return pickle.dumps(error)
    except Exception:  # an error holding what cannot be pickled: its message will do
        return pickle.dumps(RuntimeError(f"{type(error).__name__}: {error}"))


def _run_in_thread(function: Callable[[], None]) -> Callable[[], None]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            function()
        except BaseException as error:  # handed to the thread that waits
            errors.append(error)

    thread = threading.Thread(target=run, name="sitegen-aside")
    thread.start()

    def wait() -> None:
        thread.join()
        if errors:
            raise errors[0]

    return wait
