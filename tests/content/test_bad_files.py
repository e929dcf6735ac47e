"""Files no one should have, but archives do: each is reported by name, and the rest of the archive is built."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.build import build
from sitegen.config import Config
from sitegen.importing.importer import ImportOptions, import_sources
from tests.conftest import write_article

FRONT = "---\ntitle: Big\ndate: 2025-06-03\n---\n\n"


def build_beside_a_good_article(site: Config) -> list[str]:
    write_article(site.content_dir, "good.md", "title: Good\ndate: 2025-06-03")
    report = build(site)
    assert report.articles == 1 and (site.output_dir / "2025/06/03/good/index.html").is_file()
    return [str(problem) for problem in report.errors]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("huge.md", FRONT.encode() + b"word " * 10_000_000, "the file is 50.0 MB; an article may be at most 5 MB"),
        ("one-line.md", FRONT.encode() + b"x" * 10_000_000, "the file is 10.0 MB; an article may be at most 5 MB"),
        ("bom-mixed-endings.md", b"\xef\xbb\xbf---\r\ntitle: Mixed\rdate: 2025-06-04\n---\r\n\r\nText.\n", None),
    ],
)
def test_oversized_and_oddly_encoded_articles(site: Config, name: str, data: bytes, message: str | None) -> None:
    (site.content_dir / "articles" / name).write_bytes(data)
    errors = build_beside_a_good_article(site) if message else None
    if message:
        assert errors == [f"{site.content_dir / 'articles' / name}: error: {message}"]
    else:
        assert build(site).errors == []
        assert (site.output_dir / "2025/06/04/mixed/index.html").is_file()


def test_a_link_that_loops_is_reported_and_does_not_stop_the_build(site: Config) -> None:
    articles = site.content_dir / "articles"
    os.symlink("loop.md", articles / "loop.md")
    os.symlink(articles, articles / "folder-loop")  # a folder that contains itself: not followed
    errors = build_beside_a_good_article(site)
    assert errors == [f"{articles / 'loop.md'}: error: cannot be read: Too many levels of symbolic links"]


def test_the_importer_refuses_a_huge_file_and_a_looping_link_by_name(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "huge.txt").write_bytes(b"Headline\n\n" + b"word " * 10_000_000)
    (raw / "one-line.txt").write_bytes(b"x" * 10_000_000)
    os.symlink("loop.txt", raw / "loop.txt")
    (raw / "good.txt").write_text("Pier reopens\n\u2022 4 March 2025\n\nThe pier reopened.\n", encoding="utf-8")
    zone = ZoneInfo("UTC")
    options = ImportOptions(tmp_path / "content", zone, tmp_path, now=datetime(2026, 1, 1, tzinfo=zone))
    report = import_sources([raw], options)
    reasons = {Path(outcome.source).name: outcome.message for outcome in report.outcomes}
    assert reasons == {
        "good.txt": None,
        "huge.txt": "the file is 50.0 MB; sitegen imports files of at most 20 MB",
        "one-line.txt": "no headline: the first line is 10000000 characters long, not a headline",
        "loop.txt": "cannot be read: Too many levels of symbolic links",
    }


def test_an_article_with_a_date_no_page_can_show_is_reported_and_the_rest_is_built(site: Config) -> None:
    write_article(site.content_dir, "far.md", "title: Far\ndate: 9999-12-31T23:00:00-05:00")
    zoned = site.replace(timezone="Europe/Moscow")
    write_article(site.content_dir, "old.md", "title: Old\ndate: 0001-01-01")
    write_article(zoned.content_dir, "good.md", "title: Good\ndate: 2025-06-03")
    report = build(zoned)
    assert report.articles == 1 and (zoned.output_dir / "2025/06/03/good/index.html").is_file()
    assert sorted(problem.file.name for problem in report.errors) == ["far.md", "old.md"]
    assert all(problem.field == "date" for problem in report.errors)
