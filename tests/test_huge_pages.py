"""Programs started with the kernel's huge pages turned off for them, or left as the system has them."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from sitegen.huge_pages import start

STATUS = Path("/proc/self/status")
pytestmark = pytest.mark.skipif(
    not STATUS.exists() or "THP_enabled" not in STATUS.read_text(), reason="a Linux that shows THP_enabled"
)
SHOW_OWN_SETTING = [sys.executable, "-c", "print(open('/proc/self/status').read())"]


def huge_pages_enabled(status: str) -> bool:
    line = next(line for line in status.splitlines() if line.startswith("THP_enabled:"))
    return line.split()[1] == "1"


def started_with_huge_pages(huge_pages: bool) -> bool:
    program = start(SHOW_OWN_SETTING, huge_pages, stdout=subprocess.PIPE, text=True)
    status, _ = program.communicate()
    assert program.returncode == 0
    return huge_pages_enabled(status)


def test_a_program_started_without_huge_pages_runs_without_them_and_this_process_keeps_them() -> None:
    assert huge_pages_enabled(STATUS.read_text())
    assert not started_with_huge_pages(False)
    assert huge_pages_enabled(STATUS.read_text())


def test_a_program_started_with_huge_pages_has_them_as_the_system_does() -> None:
    assert started_with_huge_pages(True)


def test_programs_started_from_many_threads_at_once_each_get_their_own_setting() -> None:
    wanted = [index % 2 == 0 for index in range(24)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        found = list(pool.map(started_with_huge_pages, wanted))
    assert found == wanted
    assert huge_pages_enabled(STATUS.read_text())
