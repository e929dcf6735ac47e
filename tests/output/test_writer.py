import os
from pathlib import Path
from unittest.mock import ANY

import pytest

from sitegen.output.writer import MANIFEST, OutputError, OutputWriter, stamp_of, write_if_changed


def build_once(out: Path, files: dict[str, bytes]) -> OutputWriter:
    writer = OutputWriter(out)
    writer.claim(files)
    for relative, data in files.items():
        writer.write(relative, data)
    writer.finish()
    return writer


def test_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    build_once(tmp_path / "out", {"a/index.html": b"A", "b.xml": b"B"})
    page = tmp_path / "out" / "a/index.html"
    os.utime(page, (1, 1))
    writer = build_once(tmp_path / "out", {"a/index.html": b"A", "b.xml": b"B2"})
    assert writer.changed == 1
    assert page.stat().st_mtime == 1


def test_files_no_longer_built_are_removed_with_their_empty_folders(tmp_path: Path) -> None:
    build_once(tmp_path / "out", {"old/page/index.html": b"A", "keep.html": b"K"})
    writer = build_once(tmp_path / "out", {"keep.html": b"K"})
    assert not (tmp_path / "out" / "old").exists()
    assert (tmp_path / "out" / "keep.html").exists()
    assert (tmp_path / "out" / MANIFEST).read_text() == "keep.html\n"
    assert writer.changed == 0


def test_removing_files_from_a_large_folder_never_lists_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A search bundle indexed again leaves thousands of old fragments in one folder; listing the folder after
    each removal made that quadratic."""
    fragments = {f"pagefind/2024/fragment/en_{number:04d}.pf_fragment": b"F" for number in range(50)}
    build_once(tmp_path / "out", {**fragments, "pagefind/2024/fragment/en_new.pf_fragment": b"N"})

    def refuse(*args: object) -> None:
        raise AssertionError("a folder was listed")

    monkeypatch.setattr(Path, "iterdir", refuse)
    monkeypatch.setattr(os, "listdir", refuse)
    monkeypatch.setattr(os, "scandir", refuse)
    writer = OutputWriter(tmp_path / "out")
    writer.claim(["pagefind/2024/fragment/en_new.pf_fragment"])
    writer.write("pagefind/2024/fragment/en_new.pf_fragment", b"N")
    assert writer.finish() == 50
    monkeypatch.undo()
    assert [path.name for path in (tmp_path / "out" / "pagefind/2024/fragment").iterdir()] == ["en_new.pf_fragment"]


def test_files_sitegen_did_not_make_are_never_removed(tmp_path: Path) -> None:
    build_once(tmp_path / "out", {"a.html": b"A"})
    (tmp_path / "out" / "CNAME").write_text("example.org")
    build_once(tmp_path / "out", {"b.html": b"B"})
    assert (tmp_path / "out" / "CNAME").read_text() == "example.org"


def test_a_folder_sitegen_did_not_make_is_refused(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.txt").write_text("years of work")
    with pytest.raises(OutputError, match="not empty and was not made by sitegen"):
        OutputWriter(tmp_path / "mine")
    assert (tmp_path / "mine" / "thesis.txt").read_text() == "years of work"


def test_an_interrupted_build_leaves_its_files_claimed(tmp_path: Path) -> None:
    writer = OutputWriter(tmp_path / "out")
    writer.claim(["a.html", "b.html"])
    writer.write("a.html", b"A")  # and the build stops here
    build_once(tmp_path / "out", {"c.html": b"C"})
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [MANIFEST, "c.html"]


@pytest.mark.parametrize("relative", ["../escape.html", "/etc/passwd", "a/../../b", "nul\0byte"])
def test_paths_outside_the_output_folder_are_refused(tmp_path: Path, relative: str) -> None:
    with pytest.raises(OutputError, match="outside the output folder"):
        OutputWriter(tmp_path / "out").write(relative, b"x")


def test_two_pages_for_one_file_is_an_error(tmp_path: Path) -> None:
    writer = OutputWriter(tmp_path / "out")
    writer.write("a.html", b"A")
    with pytest.raises(OutputError, match=r"same output file a\.html"):
        writer.write("a.html", b"B")


def test_later_claims_are_added_to_the_manifest_without_writing_through_its_link(tmp_path: Path) -> None:
    build_once(tmp_path / "out", {"a.html": b"A"})
    published = tmp_path / "published-manifest"
    os.link(tmp_path / "out" / MANIFEST, published)  # as the staging folder's manifest starts
    writer = OutputWriter(tmp_path / "out")
    writer.claim(["b.html"])
    writer.claim(["c/d.html", "c/e.html"])
    assert published.read_text() == "a.html\n"
    claimed = sorted((tmp_path / "out" / MANIFEST).read_text().splitlines())
    assert claimed == ["a.html", "b.html", "c/d.html", "c/e.html"]


def bundle(folder: Path, files: dict[str, bytes]) -> Path:
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)
    return folder


def test_a_folder_moved_where_nothing_is_moves_whole_with_every_file_recorded(tmp_path: Path) -> None:
    source = bundle(tmp_path / "scratch" / "2024", {"entry.json": b"E", "fragment/a.pf": b"F"})
    writer = OutputWriter(tmp_path / "out")
    assert sorted(writer.move_tree(source, "pagefind/2024/")) == [
        "pagefind/2024/entry.json",
        "pagefind/2024/fragment/a.pf",
    ]
    writer.finish()
    assert not source.exists()
    assert (tmp_path / "out" / "pagefind/2024/fragment/a.pf").read_bytes() == b"F"
    assert writer.changed == 2
    assert (tmp_path / "out" / MANIFEST).read_text() == "pagefind/2024/entry.json\npagefind/2024/fragment/a.pf\n"


def test_a_folder_moved_over_an_earlier_one_keeps_its_unchanged_files(tmp_path: Path) -> None:
    first = bundle(tmp_path / "scratch-1", {"entry.json": b"E", "fragment/a.pf": b"F"})
    writer = OutputWriter(tmp_path / "out")
    writer.move_tree(first, "pagefind/")
    writer.finish()
    kept = tmp_path / "out" / "pagefind/fragment/a.pf"
    os.utime(kept, (1, 1))
    second = bundle(tmp_path / "scratch-2", {"entry.json": b"E2", "fragment/a.pf": b"F"})
    writer = OutputWriter(tmp_path / "out")
    writer.move_tree(second, "pagefind/")
    writer.finish()
    assert writer.changed == 1
    assert kept.stat().st_mtime == 1
    assert (tmp_path / "out" / "pagefind/entry.json").read_bytes() == b"E2"


def test_copying_a_folder_skips_a_broken_link_in_it(tmp_path: Path) -> None:
    source = bundle(tmp_path / "static", {"style.css": b"S"})
    (source / "gone.css").symlink_to(tmp_path / "nowhere.css")
    writer = OutputWriter(tmp_path / "out")
    writer.copy_tree(source, "static/")
    assert (tmp_path / "out" / "static/style.css").read_bytes() == b"S"
    assert not (tmp_path / "out" / "static/gone.css").exists()


def test_stamps_taken_early_are_what_the_files_show_and_a_missing_file_is_left_out(tmp_path: Path) -> None:
    writer = OutputWriter(tmp_path / "out")
    writer.copy_tree(bundle(tmp_path / "static", {"a/index.html": b"one", "b.txt": b"three"}), "")
    writer.stamps.clear()
    writer.take_stamps(["a/index.html", "b.txt", "gone.html"])
    for relative in ("a/index.html", "b.txt"):
        status = os.stat(tmp_path / "out" / relative)
        assert writer.stamps[relative] == (status.st_size, status.st_mtime_ns)
    assert "gone.html" not in writer.stamps


def stamp(path: Path) -> tuple[int, int]:
    return stamp_of(path.stat())


def test_a_file_written_anew_is_stamped_as_written_and_one_kept_is_not(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert write_if_changed(out, "a/index.html", b"one") == stamp(out / "a/index.html")
    assert write_if_changed(out, "a/index.html", b"one") is None
    assert write_if_changed(out, "a/index.html", b"two!") == stamp(out / "a/index.html") == (4, ANY)
    writer = OutputWriter(tmp_path / "other")
    writer.write("b.txt", b"three")
    assert writer.stamps == {"b.txt": stamp(tmp_path / "other" / "b.txt")}
