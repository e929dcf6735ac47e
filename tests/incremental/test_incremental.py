"""Rebuilds from the build cache: after any change, the bytes of a cold build, and no more rewritten than needed."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Config, load_config
from sitegen.content import load as load_module
from sitegen.incremental.stamps import stamp
from sitegen.incremental.state import BuildState, Encoded, articles_folder
from sitegen.render import pool as render_pool
from sitegen.render.theme import THEME_DIR
from tests.conftest import FIXTURES, tree_files

STORM = "content/articles/2025/06/storm-warning.md"


def golden_site(root: Path, **settings: object) -> Config:
    shutil.copytree(FIXTURES / "golden-site", root)
    return load_config(root).replace(templates=str(THEME_DIR), **settings)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_article(root: Path) -> None:
    (root / "content/articles/2025/06/new-ferry.md").write_text(
        "---\ntitle: New ferry\ndate: 2025-06-04 09:00\ntags: [Harbour]\npeople: [José Pérez]\n---\n\nIt floats.\n",
        encoding="utf-8",
    )


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit the text": lambda root: edit(root / STORM, "\n\n", "\n\nA new first paragraph.\n\n"),
    "edit the title": lambda root: edit(root / STORM, "title: Storm warning", "title: Storm warning issued"),
    "add a person": lambda root: edit(root / STORM, "people: [", "people: [Ana Lima, "),
    "add an article": add_article,
    "delete an article": lambda root: (root / STORM).unlink(),
    "rename an article file": lambda root: (root / STORM).rename(root / STORM.replace("storm-warning", "storm")),
    "change tags.yml": lambda root: (root / "content/tags.yml").write_text("Harbor: [Harbour]\n", encoding="utf-8"),
    "change a template": lambda root: edit(Path(load_config(root).templates) / "base.html", "<main", "<main data-x"),
    # A part rendered once per build (see render.RenderedOnce) and shown on every page.
    "change a part": lambda root: edit(
        Path(load_config(root).templates) / "parts" / "site_footer.html", "<footer", "<footer data-x"
    ),
    "change sitegen.toml": lambda root: edit(root / "sitegen.toml", "page_size = 2", "page_size = 3"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_rebuild_after_a_change_equals_a_cold_build(change: str, tmp_path: Path) -> None:
    root = tmp_path / "site"
    config = golden_site(root, search=True)
    templates = tmp_path / "templates"
    shutil.copytree(THEME_DIR, templates)
    (root / "sitegen.toml").write_text(
        (root / "sitegen.toml").read_text(encoding="utf-8") + f'templates = "{templates}"\n', encoding="utf-8"
    )
    config = load_config(root)
    assert build(config).errors == []
    CHANGES[change](root)
    config = load_config(root)
    incremental = build(config)
    cold = build(config.replace(output=str(tmp_path / "cold")), use_cache=False)
    assert incremental.problems == cold.problems
    assert tree_files(config.output_dir) == tree_files(tmp_path / "cold")


def modification_times(folder: Path) -> dict[str, int]:
    return {
        path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file()
    }


def test_editing_a_later_paragraph_rewrites_only_that_page_and_the_search_index(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", search=True)
    build(config)
    before = modification_times(config.output_dir)
    edit(tmp_path / "site" / STORM, "\n", "\n")  # front-matter untouched
    path = tmp_path / "site" / STORM
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\nA closing line.\n", encoding="utf-8")
    report = build(config)
    after = modification_times(config.output_dir)
    changed = sorted(name for name in after if before.get(name) != after[name])
    assert [name for name in changed if not name.startswith("pagefind/")] == [
        ".sitegen-manifest",
        "2025/06/03/storm-warning/index.html",
    ]
    assert report.files_changed == len(changed) - 1


def test_a_rebuild_with_nothing_changed_reads_no_article_and_writes_nothing(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", search=True)
    first = build(config)
    before = modification_times(config.output_dir)
    again = build(config)
    assert again.files_changed == 0 and list(again.timings) == ["check"]
    assert (again.articles, again.pages, again.problems) == (first.articles, first.pages, first.problems)
    assert modification_times(config.output_dir) == before


def test_a_deleted_output_file_is_made_again(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", search=False)
    build(config)
    (config.output_dir / "tags" / "index.html").unlink()
    build(config)
    assert (config.output_dir / "tags" / "index.html").is_file()


def test_rendering_on_several_processes_gives_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = golden_site(tmp_path / "site", search=False)
    monkeypatch.setenv("SITEGEN_JOBS", "1")
    build(config.replace(output=str(tmp_path / "one")), use_cache=False)
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    monkeypatch.setattr(render_pool, "PARALLEL_THRESHOLD", 1)
    report = build(config.replace(output=str(tmp_path / "two")), use_cache=False)
    assert report.files_changed == report.pages + len(list((THEME_DIR / "static").iterdir()))
    assert tree_files(tmp_path / "one") == tree_files(tmp_path / "two")


def test_an_edit_writes_again_only_the_cache_of_its_articles_folder(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", search=False)
    build(config)
    folder = articles_folder(config)
    before = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    edit(tmp_path / "site" / STORM, "\n\n", "\n\nA new first paragraph.\n\n")
    build(config)
    after = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert len(before) > 1 and before.keys() == after.keys()
    assert len([name for name in after if after[name] != before[name]]) == 1
    assert BuildState.load(config).articles.keys() == {
        str(path) for path in (tmp_path / "site" / "content" / "articles").rglob("*.md")
    }


@pytest.mark.parametrize(("folder_part", "left_to_the_save"), [(2000, 0), (1, 1)])
def test_a_first_build_on_every_core_writes_each_folders_cache_as_it_loads_it(
    folder_part: int, left_to_the_save: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Folders loaded whole are written by the processes that load them; one loaded in parts (2025/06 here),
    by the build when it saves. Either way the next build finds every article in the cache."""
    config = golden_site(tmp_path / "site", search=False)
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    monkeypatch.setattr(load_module, "PARALLEL_LOAD", 1)
    monkeypatch.setattr(load_module, "FOLDER_PART", folder_part)
    left: list[int] = []
    encode = BuildState.encoded

    def counting_encode(state: BuildState, config: Config) -> Encoded:
        encoded = encode(state, config)
        left.append(len(encoded.changed_folders))
        return encoded

    monkeypatch.setattr(BuildState, "encoded", counting_encode)
    build(config)
    assert left == [left_to_the_save]
    cached = BuildState.load(config).articles
    assert cached.keys() == {str(path) for path in (tmp_path / "site" / "content" / "articles").rglob("*.md")}
    assert all(loaded.article is not None and loaded.stamp == stamp(path) for path, loaded in cached.items())
    edit(tmp_path / "site" / STORM, "\n\n", "\n\nA new first paragraph.\n\n")
    build(config)
    build(config.replace(output=str(tmp_path / "cold")), use_cache=False)
    assert tree_files(config.output_dir) == tree_files(tmp_path / "cold")


def test_an_edit_that_keeps_the_files_size_and_modification_time_is_noticed(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site")
    build(config)
    path = config.root / STORM
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("title: Storm warning", "title: Gales warning", 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    build(config)
    assert "Gales warning" in (config.output_dir / "feed.xml").read_text(encoding="utf-8")
