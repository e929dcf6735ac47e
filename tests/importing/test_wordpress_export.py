"""`sitegen import export.xml`: a WordPress export's posts become articles, nothing dropped, read as a stream."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import load_config
from sitegen.content.frontmatter import parse
from sitegen.importing.readers import ReadError
from sitegen.importing.readers.wxr import export_entries, index_export
from sitegen.render.theme import THEME_DIR
from tests.conftest import FIXTURES
from tests.importing.test_importer import articles, run_import, write

EXPORT = FIXTURES / "import-exports" / "wordpress-news.xml"


def imported(root: Path) -> dict[str, dict]:
    """Each article's front-matter by its source entry."""
    found = {}
    for path in (root / "content" / "articles").rglob("*.md"):
        meta = parse(path.read_text(encoding="utf-8")).meta
        found[meta["source"][0]["path"].rsplit("#", 1)[1]] = meta
    return found


def test_every_post_becomes_an_article_and_the_rest_is_counted_as_skipped(tmp_path: Path) -> None:
    export = shutil.copy(EXPORT, tmp_path / "export.xml")
    report = run_import(tmp_path, Path(export), extract=False)
    assert report.counts["imported"] == 6 and report.counts["failed"] == 0
    assert report.counts["skipped"] == 4
    assert "export.xml: skipped 2 attachments, 1 nav menu item, 1 page: they are not posts" in report.lines()


def test_a_published_posts_fields_come_from_the_export(tmp_path: Path) -> None:
    run_import(tmp_path, shutil.copy(EXPORT, tmp_path / "export.xml"), extract=False)
    post = imported(tmp_path)["post-101"]
    assert post["title"] == "Council approves new footbridge"
    assert post["date"] == "2021-03-04T09:15:00+00:00"  # post_date_gmt
    assert post["authors"] == ["Mira Patel"]  # the login's display name
    assert post["category"] == "Local"  # the first category; the others and the tags are tags
    assert post["tags"] == ["Transport", "Mill Lane"]
    assert post["summary"] == "The council votes for a footbridge at Mill Lane."  # the excerpt
    assert post["slug"] == "council-approves-new-footbridge"
    assert post["image"] == "https://gazette.files.example.org/wp-content/uploads/2021/03/bridge.jpg"  # _thumbnail_id
    assert post["source"][0]["url"] == "https://gazette.example.org/2021/03/04/council-approves-new-footbridge/"
    assert "draft" not in post


def test_unpublished_posts_are_drafts_and_keep_their_dates(tmp_path: Path) -> None:
    run_import(tmp_path, shutil.copy(EXPORT, tmp_path / "export.xml"), extract=False)
    posts = imported(tmp_path)
    assert all(posts[key]["draft"] is True for key in ("post-103", "post-104", "post-105", "post-106"))
    assert posts["post-103"]["date"] == "2021-05-10T08:00:00+03:00"  # post_date, in the site's zone: gmt is zeros
    assert posts["post-104"]["date"] == "2031-06-01T10:00:00+01:00"  # scheduled: its own future date, local
    assert "url" not in posts["post-103"]["source"][0]  # ?p=103 is no address
    assert "category" not in posts["post-102"]  # WordPress's Uncategorized is no section


def test_a_post_without_a_title_is_titled_from_its_text_with_a_warning(tmp_path: Path) -> None:
    report = run_import(tmp_path, shutil.copy(EXPORT, tmp_path / "export.xml"), extract=False)
    assert imported(tmp_path)["post-106"]["title"] == "Floods closed the towpath again."
    assert any("post-106: warning: the post has no title" in line for line in report.lines())
    assert any("post-105: warning: the post is password-protected" in line for line in report.lines())


def test_importing_the_export_again_changes_nothing_and_a_changed_post_updates_only_its_article(
    tmp_path: Path,
) -> None:
    export = Path(shutil.copy(EXPORT, tmp_path / "export.xml"))
    run_import(tmp_path, export, extract=False)
    before = articles(tmp_path)
    again = run_import(tmp_path, export, extract=False)
    assert again.counts["unchanged"] == 6 and articles(tmp_path) == before
    export.write_text(export.read_text().replace("went on show in the library", "went on show in the town hall"))
    changed = run_import(tmp_path, export, extract=False)
    assert (changed.counts["updated"], changed.counts["unchanged"]) == (1, 5)


def test_a_malformed_export_is_one_error_naming_it_and_the_other_files_are_imported(tmp_path: Path) -> None:
    broken = write(tmp_path / "raw" / "broken.xml", EXPORT.read_text()[:3000])
    story = write(tmp_path / "raw" / "story.txt", "Pier reopens\n\n12 May 2021\n\nThe pier reopened on Tuesday.\n")
    report = run_import(tmp_path, broken, story, extract=False)
    failed = [line for line in report.lines() if ": failed: " in line]
    assert len(failed) == 1 and failed[0].startswith("raw/broken.xml: failed: not a well-formed WordPress export")
    assert "at line" in failed[0]
    assert report.counts["imported"] == 1


def test_a_post_with_no_date_at_all_is_named_and_skipped(tmp_path: Path) -> None:
    text = EXPORT.read_text().replace("<wp:post_date_gmt><![CDATA[2021-04-01 12:00:00]]></wp:post_date_gmt>", "")
    export = write(tmp_path / "export.xml", text)
    report = run_import(tmp_path, export, extract=False)
    assert "export.xml#post-105: failed: the post has no date" in "\n".join(report.lines())
    assert report.counts["imported"] == 5


def test_the_export_is_read_item_by_item(tmp_path: Path) -> None:
    index = index_export(EXPORT)
    assert index.items == 10 and index.site == "https://gazette.example.org"
    entries = export_entries(EXPORT, index)
    assert next(entries).key == "post 101"  # one item at a time: a generator, not a list


def test_a_file_that_is_not_xml_at_all_fails_to_index(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="not a well-formed WordPress export"):
        index_export(write(tmp_path / "export.xml", "<?xml version='1.0'?><rss><channel><item></channel>"))


def test_an_imported_export_builds_and_checks_clean(tmp_path: Path) -> None:
    run_import(tmp_path, shutil.copy(EXPORT, tmp_path / "export.xml"), extract=False)
    (tmp_path / "sitegen.toml").write_text("search = false\n", encoding="utf-8")
    config = load_config(tmp_path).replace(templates=str(THEME_DIR))
    assert [str(problem) for problem in build(config).problems] == []
    assert [str(problem) for problem in check(config)] == []


def test_two_posts_with_one_slug_on_one_day_get_two_addresses(tmp_path: Path) -> None:
    text = EXPORT.read_text().replace("footbridge-plans-shown]]", "council-approves-new-footbridge]]")
    text = text.replace("2020-11-02 17:40:00", "2021-03-04 18:00:00")
    run_import(tmp_path, write(tmp_path / "export.xml", text), extract=False)
    posts = imported(tmp_path)
    assert (posts["post-101"]["slug"], posts["post-102"]["slug"]) == (
        "council-approves-new-footbridge",
        "council-approves-new-footbridge-2",
    )
