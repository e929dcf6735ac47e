"""Running work beside the build: in a process of its own where there are cores for it, with its errors; and
programs run side by side, a core each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from sitegen.parallel import CorePins, run_aside


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


def cores_of_a_program() -> set[int]:
    """The cores a program started now may run on, as it sees them."""
    command = [sys.executable, "-c", "import os; print(sorted(os.sched_getaffinity(0)))"]
    return set(json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout))


def test_programs_run_side_by_side_get_a_core_each_but_the_last_ones_get_every_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    every = set(sorted(os.sched_getaffinity(0))[:2])
    if len(every) < 2:
        pytest.skip("needs two cores")
    pins = CorePins(jobs=3)
    with pins.pinned():
        first = cores_of_a_program()
        with pins.pinned():  # started while the first runs
            second = cores_of_a_program()
    with pins.pinned():  # the last: no other is left to share the cores with
        last = cores_of_a_program()
    assert len(first) == len(second) == 1 and first != second and first | second == every
    assert last == set(os.sched_getaffinity(0))
    assert os.sched_getaffinity(0) >= every  # the thread that started them has its cores back


def test_with_one_core_nothing_is_pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "1")
    with CorePins(jobs=5).pinned():
        assert cores_of_a_program() == set(os.sched_getaffinity(0))


def test_a_system_that_will_not_pin_runs_the_program_on_every_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("needs two cores")

    def refuse(pid: int, cores: object) -> None:
        raise PermissionError("not allowed here")

    pins = CorePins(jobs=4)
    monkeypatch.setattr(os, "sched_setaffinity", refuse)
    with pins.pinned():
        assert cores_of_a_program() == set(os.sched_getaffinity(0))
