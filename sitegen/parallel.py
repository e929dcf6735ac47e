"""How many processes a build may run at once: the cores this process may use, or SITEGEN_JOBS if smaller;
forked_map, which runs a function over many items on all of them; run_aside, which runs one beside the
build; step_back, which lets another process have the cores first; and CorePins, which gives programs run
side by side a core each."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import queue
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


def run_aside(function: Callable[[], None]) -> Callable[[], None]:
    """Start function in a forked process (in a thread where there is one core, or no fork), and return what
    waits for it to end and raises what it raised. For work that needs no result but its effects, such as
    files: in a thread, its Python would take turns with the build's own on one core."""
    if available_cores() == 1 or not hasattr(os, "fork"):
        return _run_in_thread(function)
    errors, error_pipe = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked process; what it does shows in the parent
        os.close(errors)
        code = 0
        try:
            function()
        except BaseException as error:
            code = 1
            with os.fdopen(error_pipe, "wb") as pipe:
                pipe.write(_pickled(error))
        finally:
            os._exit(code)  # nothing of the build's is flushed or cleaned up twice
    os.close(error_pipe)

    def wait() -> None:
        with os.fdopen(errors, "rb") as pipe:
            found = pipe.read()  # until the process ends
        os.waitpid(child, 0)
        if found:
            raise pickle.loads(found)

    return wait


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


class CorePins:
    """Gives each of several programs run side by side, from threads, a core of its own while at least as many
    remain to run as there are cores; the last ones run on every core. Two Pagefind runs each spreading its
    threads over both cores took a tenth longer than the two on a core each. A program inherits its core from
    the thread that starts it, so only that thread is pinned, while it runs the program."""

    def __init__(self, jobs: int) -> None:
        self._left = jobs
        self._lock = threading.Lock()
        cores = sorted(os.sched_getaffinity(0))[: available_cores()] if hasattr(os, "sched_setaffinity") else []
        self._count = len(cores)
        self._free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for core in cores:
            self._free.put(core)

    @contextlib.contextmanager
    def pinned(self) -> Iterator[None]:
        """Run what the block starts on a core of its own, if it is one of the jobs that should be."""
        with self._lock:
            pin = self._count > 1 and self._left >= self._count
            self._left -= 1
        if not pin:
            yield
            return
        core = self._free.get()  # never waits while no more jobs run at once than there are cores
        before = os.sched_getaffinity(0)
        try:
            os.sched_setaffinity(0, {core})  # 0: this thread only
            pinned = True
        except OSError:  # a system that will not pin: the program runs on every core
            pinned = False
        try:
            yield
        finally:
            if pinned:
                os.sched_setaffinity(0, before)
            self._free.put(core)
