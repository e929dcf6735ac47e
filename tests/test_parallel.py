"""Parallel work: a function over many items on every core, and work beside the build in a process of its own
where there are cores for it, with its errors."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from sitegen.parallel import forked_map, run_aside


def write_pid(path: Path) -> None:
    path.write_text(str(os.getpid()))


def test_work_set_aside_runs_in_another_process_and_leaves_its_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs two cores")
    wait = run_aside(lambda: write_pid(tmp_path / "pid"))
    wait()
    assert int((tmp_path / "pid").read_text()) != os.getpid()


def test_with_one_core_the_work_runs_in_a_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "1")
    threads: list[str] = []
    wait = run_aside(lambda: (write_pid(tmp_path / "pid"), threads.append(threading.current_thread().name)))
    wait()
    assert int((tmp_path / "pid").read_text()) == os.getpid()
    assert threads and threads[0] != threading.current_thread().name


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_error_of_the_work_is_raised_by_wait(jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", jobs)

    def fail() -> None:
        raise FileExistsError(17, "File exists", "public/2024")

    wait = run_aside(fail)
    with pytest.raises(FileExistsError, match="public/2024"):
        wait()


def test_an_error_that_cannot_be_sent_back_keeps_its_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs two cores")

    class Unpicklable(Exception):  # a local class: pickle cannot find it again
        pass

    def fail() -> None:
        raise Unpicklable("the mirror broke")

    wait = run_aside(fail)
    with pytest.raises(RuntimeError, match="Unpicklable: the mirror broke"):
        wait()


def square(number: int) -> int:
    return number * number


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_forked_map_gives_every_result_in_order(jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", jobs)
    offset = 7  # a closure: the workers inherit it, nothing is pickled but items and results
    assert list(forked_map(lambda number: square(number) + offset, range(500), chunk=16)) == [
        number * number + offset for number in range(500)
    ]


def test_work_that_dies_without_a_word_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs two cores")
    wait = run_aside(lambda: os.kill(os.getpid(), 9))
    with pytest.raises(RuntimeError, match="exit code -9"):
        wait()
