"""The staging folder: a build starts from an exact mirror of public/, however public/ changed since the last one."""

from __future__ import annotations

import marshal
import os
import time
from pathlib import Path
from typing import Any

import pytest

from sitegen.build import build
from sitegen.output.staging import JOURNAL, Staging
from tests.conftest import tree_files
from tests.incremental.test_incremental import CHANGES, golden_site


def files_with_inodes(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_ino
        for path in folder.rglob("*")
        if path.is_file() and path.name != JOURNAL
    }


def publish(staging: Staging, changes: dict[str, str | None]) -> None:
    """One build's worth of writes and removals in the staging folder, then the swap."""
    folder = staging.begin()
    for relative, text in changes.items():
        path = folder / relative
        path.unlink(missing_ok=True)
        if text is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    files = {path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file()}
    staging.commit(files, changes)


def test_the_journal_brings_the_staging_folder_in_line_with_public(tmp_path: Path) -> None:
    public = tmp_path / "public"
    staging = Staging(public)
    publish(staging, {"index.html": "home", "a/index.html": "a", "b/index.html": "b", "b/c/index.html": "c"})
    publish(staging, {"a/index.html": "a2", "d/index.html": "d"})
    publish(staging, {"b/c/index.html": None, "e/index.html": "e"})
    assert (staging.folder / JOURNAL).is_file()
    folder = staging.begin()
    assert not (folder / JOURNAL).exists()
    assert files_with_inodes(folder) == files_with_inodes(public)


def test_changes_made_to_public_by_hand_are_mirrored_too(tmp_path: Path) -> None:
    public = tmp_path / "public"
    staging = Staging(public)
    publish(staging, {"index.html": "home", "a/index.html": "a", "b/index.html": "b", "b/c/index.html": "c"})
    publish(staging, {"a/index.html": "a2"})
    (public / "b" / "notes.txt").write_text("mine", encoding="utf-8")  # added
    (public / "a" / "index.html").unlink()  # removed
    replacement = public / "b" / "c" / "new.html"
    replacement.write_text("c by hand", encoding="utf-8")
    replacement.rename(public / "b" / "c" / "index.html")  # replaced, as editors save
    (public / "a" / "g").mkdir()  # a new folder with a file
    (public / "a" / "g" / "h.txt").write_text("h", encoding="utf-8")
    folder = staging.begin()
    assert files_with_inodes(folder) == files_with_inodes(public)


def test_a_lost_journal_means_a_full_mirror(tmp_path: Path) -> None:
    public = tmp_path / "public"
    staging = Staging(public)
    publish(staging, {"index.html": "home", "a/index.html": "a"})
    publish(staging, {"a/index.html": "a2"})
    (staging.folder / JOURNAL).write_text("{not json", encoding="utf-8")
    (staging.folder / "a" / "stray.html").write_text("left by a killed build", encoding="utf-8")
    folder = staging.begin()
    assert files_with_inodes(folder) == files_with_inodes(public)


def test_rebuild_after_rebuild_equals_a_cold_build(tmp_path: Path) -> None:
    root = tmp_path / "site"
    config = golden_site(root, search=False)
    build(config)
    for change in ("edit the text", "add a person", "add an article", "edit the title", "delete an article"):
        CHANGES[change](root)
        assert build(config).errors == []
        (config.output_dir / "hand-made.txt").write_text("kept", encoding="utf-8")
        cold = tmp_path / f"cold-{len(os.listdir(tmp_path))}"
        build(config.replace(output=str(cold)), use_cache=False)
        (cold / "hand-made.txt").write_text("kept", encoding="utf-8")
        assert tree_files(config.output_dir) == tree_files(cold), change


def folder_times(folder: Path) -> dict[str, int]:
    found = {"": folder.stat().st_mtime_ns}
    found.update({path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*/")})
    return found


def add_article_of_a_new_year(root: Path) -> None:
    """An article in a year of its own: a new search bundle beside those kept."""
    (root / "content/articles/2026/01").mkdir(parents=True)
    (root / "content/articles/2026/01/new-year.md").write_text(
        "---\ntitle: New year\ndate: 2026-01-01 09:00\n---\n\nFireworks.\n", encoding="utf-8"
    )


@pytest.mark.parametrize("change", ["edit the text", "add an article of a new year"])
def test_the_journal_holds_the_times_of_the_published_folders(
    change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Most folder times are taken before the swap, while Pagefind indexes: they must be those public/ ends
    with, or the next build would mirror those folders again for nothing."""
    take = Staging.take_settled_times

    def take_then_wait(self: Staging, *args: Any, **kwargs: Any) -> None:
        take(self, *args, **kwargs)
        time.sleep(0.05)  # longer than a tick of the file system's clock: later changes get other times

    monkeypatch.setattr(Staging, "take_settled_times", take_then_wait)
    config = golden_site(tmp_path / "site", search=True)
    build(config)
    {**CHANGES, "add an article of a new year": add_article_of_a_new_year}[change](tmp_path / "site")
    build(config)
    staging = Staging(config.output_dir)
    journal = marshal.loads((staging.folder / JOURNAL).read_bytes())
    assert journal["folders"] == folder_times(config.output_dir)
