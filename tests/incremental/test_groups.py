"""A rebuild after an edit makes only the groups of pages that show the edited articles: it must end with the
page keys and the bytes a cold build gives, whichever field was edited and wherever the article is."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from sitegen.build import build
from sitegen.config import CACHE_DIR, Config, load_config
from sitegen.content.model import Article
from sitegen.incremental import plan as page_plan
from sitegen.incremental.groups import Shown, groups_to_make
from sitegen.incremental.keys import PageKeys
from sitegen.incremental.state import BuildState
from sitegen.site.model import Group, GroupKind, Page
from tests.conftest import tree_files


def _front_matter_line(name: str, value: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        start = text.index(f"\n{name}: ") + 1
        end = text.index("\n", start)
        return text[:start] + f"{name}: {value}" + text[end:]

    return edit


def _opening_paragraph(text: str) -> str:
    _, front_matter, body = text.split("---\n", 2)
    return f"---\n{front_matter}---\nA new opening paragraph, which is now the summary.\n\n{body}"


CONTENT_EDITS: dict[str, Callable[[str], str]] = {
    "a closing paragraph": lambda text: text + "\nA closing paragraph.\n",
    "an opening paragraph (the summary)": _opening_paragraph,
    "the title": _front_matter_line("title", "A title no other article has"),
}
# Edits of what decides which pages show an article (its section's and its authors' pages): every group is made.
STRUCTURE_EDITS: dict[str, Callable[[str], str]] = {
    "the category": _front_matter_line("category", "Obituaries"),
    "the authors": _front_matter_line("authors", "[Someone Else]"),
}


@pytest.fixture
def archive(tmp_path: Path) -> Config:
    root = tmp_path / "site"
    generate(150, root)
    return load_config(root).replace(search=False, page_size=4, feed_size=5)


def groups_asked_for(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The only= of each all_pages call a build makes."""
    asked: list[Any] = []
    all_pages = page_plan.all_pages

    def spy(*args: Any) -> Any:
        asked.append(args[4] if len(args) > 4 else None)
        return all_pages(*args)

    monkeypatch.setattr(page_plan, "all_pages", spy)
    return asked


def cold_build(config: Config) -> tuple[dict[str, str], dict[str, bytes]]:
    """The page keys and files of a cold build of the same site, in the same folder."""
    shutil.rmtree(config.root / CACHE_DIR)
    shutil.rmtree(config.output_dir)
    assert build(config).errors == []
    return BuildState.load(config).pages, tree_files(config.output_dir)


def edited(config: Config, edit: Callable[[str], str]) -> list[Path]:
    """Edit the newest, a middle and the oldest article."""
    files = sorted((config.root / "content" / "articles").rglob("*.md"))
    chosen = [files[-1], files[len(files) // 2], files[0]]
    for path in chosen:
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    return chosen


@pytest.mark.parametrize("edit", CONTENT_EDITS)
def test_a_rebuild_after_editing_articles_ends_with_the_keys_and_bytes_of_a_cold_build(
    edit: str, archive: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(archive).errors == []
    pages = len(BuildState.load(archive).pages)
    edited(archive, CONTENT_EDITS[edit])
    asked = groups_asked_for(monkeypatch)
    assert build(archive).errors == []
    assert len(asked) == 1 and asked[0] is not None, "the rebuild should have made only some groups"
    assert 3 <= len(asked[0]) < pages / 4
    keys, files = BuildState.load(archive).pages, tree_files(archive.output_dir)
    assert (keys, files) == cold_build(archive)


@pytest.mark.parametrize("edit", STRUCTURE_EDITS)
def test_a_rebuild_after_moving_articles_to_another_section_or_author_makes_every_group(
    edit: str, archive: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(archive).errors == []
    edited(archive, STRUCTURE_EDITS[edit])
    asked = groups_asked_for(monkeypatch)
    assert build(archive).errors == []
    assert asked == [None]
    keys, files = BuildState.load(archive).pages, tree_files(archive.output_dir)
    assert (keys, files) == cold_build(archive)


def test_only_the_pages_showing_an_edited_article_have_their_keys_worked_out_again(
    archive: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(archive).errors == []
    paths = edited(archive, CONTENT_EDITS["a closing paragraph"])  # the newest, a middle one and the oldest
    keyed: list[Page] = []
    key = PageKeys.key

    def spy(self: PageKeys, page: Page) -> Any:
        keyed.append(page)
        return key(self, page)

    monkeypatch.setattr(PageKeys, "key", spy)
    assert build(archive).errors == []
    files = {path.relative_to(archive.content_dir).as_posix() for path in paths}
    assert all(_shows(page, files) for page in keyed)
    home = [page.context["pagination"].number for page in keyed if page.template == "home.html"]
    assert sorted(home) == [1, 19, 38], "of the home listing's 38 pages, the three showing an edited article"
    keys, files_built = BuildState.load(archive).pages, tree_files(archive.output_dir)
    assert (keys, files_built) == cold_build(archive)


def _shows(page: Page, files: set[str]) -> bool:
    """Whether the page's context holds one of the articles of these files."""
    values = list(page.context.values())
    while values:
        value = values.pop()
        if isinstance(value, Article) and value.file in files:
            return True
        if isinstance(value, list | tuple):
            values.extend(value)
    return False


def test_adding_a_person_to_an_article_makes_every_group_again(
    archive: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build(archive).errors == []
    edited(archive, _front_matter_line("people", "[Someone New]"))
    asked = groups_asked_for(monkeypatch)
    assert build(archive).errors == []
    assert asked == [None]
    keys, files = BuildState.load(archive).pages, tree_files(archive.output_dir)
    assert (keys, files) == cold_build(archive)


def test_the_groups_to_make_are_those_showing_a_changed_article() -> None:
    first, third = Group(GroupKind.ARTICLE, "2025/06/a.md"), Group(GroupKind.ARTICLE, "2025/06/c.md")
    groups = {first: (0, 1), third: (1, 2), Group(GroupKind.TAG, "x"): (0, 2), Group(GroupKind.SITE): ()}
    last = Shown("structure", (b"a", b"b", b"c"), groups)
    assert groups_to_make(last, "structure", (b"a", b"B", b"c")) == {first, third}
    assert groups_to_make(last, "structure", (b"a", b"b", b"c")) == set()
    assert groups_to_make(last, "another structure", (b"a", b"B", b"c")) is None
    assert groups_to_make(None, "structure", (b"a", b"B", b"c")) is None
