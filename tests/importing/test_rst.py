"""reStructuredText posts (Pelican's), read through docutils: title, field list, text as Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import load_config
from sitegen.content.frontmatter import parse
from sitegen.importing.readers.rst import read_rst
from sitegen.render.theme import THEME_DIR
from tests.conftest import FIXTURES
from tests.importing.test_importer import run_import

SITE = FIXTURES / "import-sites" / "pelican"


def test_the_title_and_the_field_list_give_the_fields() -> None:
    draft = read_rst((SITE / "content" / "harbour-dredging.rst").read_text(encoding="utf-8"))
    assert draft.title == "Harbour dredging begins"
    assert (draft.date.year, draft.date.month, draft.date.day, draft.date.hour) == (2021, 9, 6, 8)
    assert draft.updated is not None and draft.updated.day == 7
    assert draft.tags == ("harbour", "dredging") and draft.category == "Port"
    assert draft.summary == "Dredgers arrive to deepen the channel before the winter storms."  # over two lines


def test_the_text_becomes_markdown_with_its_headings_links_and_images() -> None:
    body = read_rst((SITE / "content" / "harbour-dredging.rst").read_text(encoding="utf-8")).body
    assert body.startswith("Two dredgers arrived on Monday to deepen the harbour channel.\n\n## Why now\n")
    assert "[harbour master](https://harbour.example.org/people/master/)" in body
    assert "![A dredger at work](/images/dredger.jpg)" in body  # |static| is the site's root


def test_an_overlined_title_and_a_status_draft() -> None:
    draft = read_rst("====\nNote\n====\n\n:date: 2021-08-30\n:status: draft\n\nText.\n")
    assert (draft.title, draft.draft, draft.body) == ("Note", True, "Text.\n")


def test_a_file_without_a_title_is_named_as_such() -> None:
    try:
        read_rst("Just text, no title.\n")
    except ValueError as error:
        assert "no title" in str(error)
    else:
        raise AssertionError("a post without a title was read")


def test_a_pelican_site_migrates_with_its_old_addresses_and_links_between_posts(tmp_path: Path) -> None:
    shutil.copytree(SITE, tmp_path / "old")
    report = run_import(tmp_path, tmp_path / "old", extract=False)
    assert report.counts["imported"] == 2
    metas = {
        parse(path.read_text(encoding="utf-8")).meta["title"]: parse(path.read_text(encoding="utf-8")).meta
        for path in (tmp_path / "content").rglob("*.md")
    }
    assert metas["Harbour dredging begins"]["aliases"] == ["/posts/2021/harbour-dredging-begins/"]
    (tmp_path / "sitegen.toml").write_text('base_url = "https://archive.example.org/"\nsearch = false\n')
    config = load_config(tmp_path).replace(templates=str(THEME_DIR))
    build(config)
    page = (config.output_dir / "2021/09/06/harbour-dredging-begins/index.html").read_text(encoding="utf-8")
    assert 'href="/2021/08/30/notice-to-ships-channel/"' in page  # {filename} led to the other post
    redirect = (config.output_dir / "posts/2021/harbour-dredging-begins/index.html").read_text(encoding="utf-8")
    assert "url=/2021/09/06/harbour-dredging-begins/" in redirect
    assert [str(problem) for problem in check(config)] == []  # the old site's own pages and images stay there
