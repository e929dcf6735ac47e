"""Builds that die: killed at random points, or out of disk. public/ is always the old site or the new one."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.output.writer import Stamp
from sitegen.render import pool as render_pool
from sitegen.render.theme import THEME_DIR
from tests.conftest import sample_config, tree_files

SEED_FILE = "content/articles/2025/06/kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with.md"
KILLS = 8


def retitle(root: Path, new: bool) -> None:
    """The change between the old site and the new: a title that shows on many pages."""
    path = root / SEED_FILE
    old_title, new_title = "title: Kremlin says no breakthrough", "title: Kremlin sees no breakthrough"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(*((old_title, new_title) if new else (new_title, old_title))), encoding="utf-8")


def test_a_build_killed_at_any_point_leaves_the_old_site_or_the_new(tmp_path: Path) -> None:
    config = sample_config(tmp_path / "site", search=True)
    root = config.root
    retitle(root, new=True)
    build(config)
    new = tree_files(config.output_dir)
    retitle(root, new=False)
    started = time.monotonic()
    build(config)
    duration = time.monotonic() - started
    old = tree_files(config.output_dir)
    assert old != new

    chance = random.Random(2025)
    command = [sys.executable, "-m", "sitegen.cli", "build", "--root", str(root)]
    outcomes = []
    for _ in range(KILLS):
        retitle(root, new=True)
        process = subprocess.Popen(
            command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(chance.uniform(0.05, duration * 1.5))
        os.killpg(process.pid, signal.SIGKILL)  # the build and every process it started
        process.wait()
        found = tree_files(config.output_dir)
        assert found in (old, new), "public/ is neither the old site nor the new one"
        outcomes.append("new" if found == new else "old")
        retitle(root, new=False)
        build(config)
        assert tree_files(config.output_dir) == old
    assert "old" in outcomes, f"no kill landed before the swap: {outcomes}"


def test_a_full_disk_leaves_the_old_site_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = sample_config(tmp_path, search=False)
    shutil.copytree(THEME_DIR, tmp_path / "templates")  # the command line reads sitegen.toml only
    build(config)
    old = tree_files(config.output_dir)
    retitle(config.root, new=True)
    written = 0

    def fill_the_disk(out_dir: Path, relative: str, data: bytes) -> Stamp | None:
        nonlocal written
        written += 1
        if written > 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(out_dir / relative))
        return real_write(out_dir, relative, data)

    real_write = render_pool.write_if_changed
    monkeypatch.setattr(render_pool, "write_if_changed", fill_the_disk)
    assert main(["build", "--root", str(config.root), "--no-search"]) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert tree_files(config.output_dir) == old
    assert not any(path.name.endswith(".sitegen-new") for path in config.output_dir.parent.iterdir())
