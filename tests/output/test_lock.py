"""One sitegen at a time per site: a second build or import waits for the first, and says so."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.output.lock import LockBusy, site_lock

HOLD_SECONDS = 2.0


def hold_lock(root: Path) -> subprocess.Popen[str]:
    """Another process that takes the site's lock for HOLD_SECONDS, as a running build would; returns once held."""
    script = (
        "import sys, time; from pathlib import Path; from sitegen.output.lock import site_lock\n"
        f"with site_lock(Path({str(root)!r}), 'a build started elsewhere'):\n"
        f"    print('held', flush=True); time.sleep({HOLD_SECONDS})\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def test_a_second_sitegen_is_refused_or_waits_with_a_message(tmp_path: Path) -> None:
    holder, held = hold_lock(tmp_path), time.monotonic()
    with pytest.raises(LockBusy, match="busy: a build started elsewhere"), site_lock(tmp_path, "a test", wait=False):
        pass
    with site_lock(tmp_path, "a test"):
        assert time.monotonic() - held > HOLD_SECONDS - 0.1, "the lock was taken while the other process held it"
    holder.wait()


def test_an_import_waits_for_a_running_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = tmp_path / "raw.txt"
    raw.write_text("Pier reopens\n• 4 March 2025\n\nThe pier reopened.\n", encoding="utf-8")
    holder, held = hold_lock(tmp_path), time.monotonic()
    assert main(["import", str(raw), "--root", str(tmp_path)]) == 0
    assert time.monotonic() - held > HOLD_SECONDS - 0.1, "the import ran while the build held the lock"
    assert f"waiting for a build started elsewhere (process {holder.pid}) in {tmp_path}" in capsys.readouterr().err
    holder.wait()


def test_a_killed_build_leaves_the_site_unlocked(tmp_path: Path) -> None:
    holder = hold_lock(tmp_path)
    holder.kill()
    holder.wait()
    with site_lock(tmp_path, "a test", wait=False):
        pass
