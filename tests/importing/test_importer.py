"""The import's guarantees: raw files untouched, repeatable, edits kept, duplicates told apart, bad files reported."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.importing.importer import ImportOptions, ImportReport, import_sources
from sitegen.render.theme import THEME_DIR
from tests.conftest import FIXTURES, site_config, tree_files

ZONE = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=ZONE)
SEED = FIXTURES / "import" / "text-seed.txt"
STORY = """Pier reopens after storm repairs
• Admin
• 4 March 2025, 10:00
• Local

The pier reopened on Tuesday after {weeks} weeks of repairs to the damage done by storm Eowyn.

The café at its end will open at Easter.
"""


def run_import(root: Path, *sources: Path, **options: object) -> ImportReport:
    settings: dict[str, object] = {"content_dir": root / "content", "zone": ZONE, "root": root, "now": NOW}
    settings.update(options)
    return import_sources(list(sources), ImportOptions(**settings))  # type: ignore[arg-type]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def articles(root: Path) -> dict[str, bytes]:
    return tree_files(root / "content" / "articles")


def statuses(report: ImportReport) -> list[str]:
    return [outcome.status for outcome in report.outcomes]


def test_importing_the_same_file_twice_gives_identical_output_and_no_duplicate(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    assert statuses(run_import(tmp_path, raw)) == ["imported"]
    first = articles(tmp_path)
    assert statuses(run_import(tmp_path, raw)) == ["unchanged"]
    assert articles(tmp_path) == first
    assert len(first) == 1


def test_raw_files_are_never_modified(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "import", raw)
    before = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in raw.rglob("*") if path.is_file()}
    run_import(tmp_path, raw)
    after = {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in raw.rglob("*") if path.is_file()}
    assert after == before


def test_a_changed_source_updates_its_article_in_place(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    run_import(tmp_path, raw)
    write(raw, STORY.format(weeks=7))
    report = run_import(tmp_path, raw)
    assert statuses(report) == ["updated"]
    [(name, text)] = articles(tmp_path).items()
    assert name == "2025/03/pier-reopens-after-storm-repairs.md"
    assert b"after 7 weeks" in text
    assert hashlib.sha256(raw.read_bytes()).hexdigest().encode() in text


def test_an_article_edited_by_a_person_is_skipped_unless_forced(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    run_import(tmp_path, raw)
    [article] = (tmp_path / "content" / "articles").rglob("*.md")
    edited = article.read_text(encoding="utf-8").replace("The café", "The new café")
    article.write_text(edited, encoding="utf-8")
    write(raw, STORY.format(weeks=7))

    report = run_import(tmp_path, raw)
    assert statuses(report) == ["skipped"]
    assert "has been edited since it was imported" in str(report.outcomes[0].message)
    assert "--force" in str(report.outcomes[0].message)
    assert article.read_text(encoding="utf-8") == edited
    assert not report.failed

    assert statuses(run_import(tmp_path, raw, force=True)) == ["updated"]
    assert "after 7 weeks" in article.read_text(encoding="utf-8")


def test_a_hand_written_article_is_never_overwritten_by_import(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    hand_written = write(
        tmp_path / "content" / "articles" / "pier.md",
        "---\ntitle: Pier\ndate: 2025-03-04\nsource: raw/pier.txt\n---\n\nMy own words.\n",
    )
    report = run_import(tmp_path, raw)
    assert statuses(report) == ["skipped"]
    assert hand_written.read_text(encoding="utf-8").endswith("My own words.\n")


def test_the_same_article_scraped_twice_is_one_article_with_both_sources(tmp_path: Path) -> None:
    first = write(tmp_path / "raw" / "a" / "pier.txt", STORY.format(weeks=6))
    # The same text with other spacing and line endings, as a second scrape of the page gives.
    second = tmp_path / "raw" / "b" / "pier-again.txt"
    second.parent.mkdir(parents=True)
    second.write_bytes(STORY.format(weeks=6).replace("\n", "\r\n").replace(" after ", "  after ").encode())
    report = run_import(tmp_path, first, second)
    assert statuses(report) == ["imported", "updated"]
    assert "same article" in str(report.outcomes[1].message)
    [(_, text)] = articles(tmp_path).items()
    assert b"path: raw/a/pier.txt" in text and b"path: raw/b/pier-again.txt" in text

    again = run_import(tmp_path, first, second)
    assert statuses(again) == ["unchanged", "unchanged"]


def test_different_articles_with_the_same_headline_both_survive(tmp_path: Path) -> None:
    first = write(tmp_path / "raw" / "one.txt", STORY.format(weeks=6))
    second = write(tmp_path / "raw" / "two.txt", STORY.format(weeks=9))
    assert statuses(run_import(tmp_path, first, second)) == ["imported", "imported"]
    assert sorted(articles(tmp_path)) == [
        "2025/03/pier-reopens-after-storm-repairs-2.md",
        "2025/03/pier-reopens-after-storm-repairs.md",
    ]
    assert statuses(run_import(tmp_path, first, second)) == ["unchanged", "unchanged"]


def test_a_second_source_that_changes_becomes_its_own_article(tmp_path: Path) -> None:
    first = write(tmp_path / "raw" / "one.txt", STORY.format(weeks=6))
    second = write(tmp_path / "raw" / "two.txt", STORY.format(weeks=6))
    run_import(tmp_path, first, second)
    write(second, STORY.format(weeks=8))
    assert statuses(run_import(tmp_path, second)) == ["imported"]
    texts = articles(tmp_path)
    assert len(texts) == 2
    assert b"raw/two.txt" not in texts["2025/03/pier-reopens-after-storm-repairs.md"]
    assert b"raw/two.txt" in texts["2025/03/pier-reopens-after-storm-repairs-2.md"]


def test_a_folder_with_broken_files_imports_the_good_ones_and_reports_each_bad_one(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write(raw / "good.txt", STORY.format(weeks=6))
    write(raw / "empty.txt", "   \n\n")
    (raw / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (raw / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 20)
    write(raw / "no-headline.txt", "word " * 100 + "\n\nA paragraph.\n")
    write(raw / "headline-only.txt", "Just a headline\n\n")
    write(raw / "bad-front-matter.md", "---\ntitle: [unclosed\n---\n\nText.\n")
    write(raw / "bad-date.md", "---\ntitle: Dated\ndate: someday soon\n---\n\nText.\n")
    write(raw / "photo.jpg", "not an article")
    report = run_import(tmp_path, raw)

    assert report.counts["imported"] == 1 and report.counts["failed"] == 7 and report.failed
    assert report.ignored == 1
    reasons = {Path(outcome.source).name: outcome.message for outcome in report.outcomes if outcome.status == "failed"}
    assert reasons == {
        "bad-date.md": "the date 'someday soon' cannot be read; write it as 2025-06-03 or 2025-06-03T12:30:00+03:00",
        "bad-front-matter.md": "line 3: the front-matter is not valid YAML: did not find expected ',' or ']'",
        "binary.txt": "the file is binary, not text",
        "empty.txt": "the file is empty",
        "headline-only.txt": "no article text after the headline",
        "no-headline.txt": "no headline: the first line is 499 characters long, not a headline",
        "undecodable.txt": reasons["undecodable.txt"],
    }
    assert reasons["undecodable.txt"].startswith("the file is not text in any encoding")
    lines = list(report.lines())
    assert len(lines) == 7 and all(line.startswith("raw/") and ": failed: " in line for line in lines)


def test_files_inside_the_archive_are_never_imported_into_it(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    run_import(tmp_path, raw)
    report = run_import(tmp_path, tmp_path)
    assert statuses(report) == ["unchanged"]


def test_the_seed_imports_with_its_date_byline_and_seven_paragraphs(tmp_path: Path) -> None:
    raw = tmp_path / "raw" / "kremlin-talks.txt"
    raw.parent.mkdir()
    shutil.copy(SEED, raw)
    run_import(tmp_path, raw)
    config = site_config(tmp_path, timezone="Europe/Moscow")
    report = build(config)
    assert report.errors == [] and report.articles == 1
    [article] = (tmp_path / "content" / "articles").rglob("*.md")
    text = article.read_text(encoding="utf-8")
    assert "date: 2025-06-03T12:30:00+03:00\n" in text
    assert "authors:\n- Admin\ncategory: News\n" in text
    assert "date_inferred: weekday\n" in text
    body = text.split("\n---\n", 1)[1]
    headline = "Kremlin says no breakthrough agreement reached during 2nd round of talks with Ukraine"
    assert headline not in body and text.count(headline) == 1
    seed_paragraphs = [block for block in SEED.read_text(encoding="utf-8").split("\n\n")[2:] if block.strip()]
    paragraphs = [block for block in body.split("\n\n") if block.strip()]
    assert len(paragraphs) == len(seed_paragraphs) == 7
    assert [" ".join(p.split()) for p in paragraphs] == [" ".join(p.split()) for p in seed_paragraphs]


def test_the_file_time_is_the_reference_date_without_now(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "museum.txt", "Museum wins prize\n• 12 October\n\nThe museum won a prize.\n")
    mtime = datetime(2021, 11, 1, tzinfo=ZONE).timestamp()
    os.utime(raw, (mtime, mtime))
    report = run_import(tmp_path, raw, now=None)
    assert sorted(articles(tmp_path)) == ["2021/10/museum-wins-prize.md"]
    assert "assumed 2021" in report.outcomes[0].warnings[0]


def test_the_command_line_reports_a_summary_and_exits_1_on_failures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "sitegen.toml", 'timezone = "Europe/Moscow"\nimport_year = 2024\n')
    write(tmp_path / "raw" / "museum.txt", "Museum wins prize\n• 12 October\n\nThe museum won a prize.\n")
    write(tmp_path / "raw" / "empty.txt", "")
    status = main(["import", str(tmp_path / "raw"), "--root", str(tmp_path)])
    out, err = capsys.readouterr()
    assert status == 1
    assert "raw/empty.txt: failed: the file is empty" in err
    assert "1 imported, 0 updated, 0 unchanged, 0 skipped, 1 failed" in out
    text = next((tmp_path / "content" / "articles").rglob("*.md")).read_text(encoding="utf-8")
    assert "date: 2024-10-12T00:00:00+03:00" in text and "date_inferred: year option" in text

    assert main(["import", str(tmp_path / "raw" / "museum.txt"), "--root", str(tmp_path), "--year", "2023"]) == 0
    assert "1 updated" in capsys.readouterr().out


def test_an_article_whose_date_changes_moves_to_its_new_month(tmp_path: Path) -> None:
    raw = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    run_import(tmp_path, raw)
    write(raw, STORY.format(weeks=6).replace("4 March", "2 April"))
    assert statuses(run_import(tmp_path, raw)) == ["updated"]
    assert sorted(articles(tmp_path)) == ["2025/04/pier-reopens-after-storm-repairs.md"]
    assert not (tmp_path / "content" / "articles" / "2025" / "03").exists()
    assert statuses(run_import(tmp_path, raw)) == ["unchanged"]


def test_a_second_scrape_of_a_hand_written_article_is_skipped_with_a_message(tmp_path: Path) -> None:
    hand_written = write(
        tmp_path / "content" / "articles" / "pier.md",
        "---\ntitle: Pier reopens after storm repairs\ndate: 2025-03-04\n---\n\n"
        + STORY.format(weeks=6).split("\n\n", 1)[1],
    )
    before = hand_written.read_bytes()
    report = run_import(tmp_path, write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6)))
    assert statuses(report) == ["skipped"]
    assert report.outcomes[0].message == (
        "content/articles/pier.md was not written by import; left as it is (--force overwrites it)"
    )
    assert hand_written.read_bytes() == before


def test_posts_with_the_same_stub_body_but_their_own_titles_all_survive(tmp_path: Path) -> None:
    stubs = [
        write(
            tmp_path / "raw" / f"post-{day}.md",
            f"Title: Post {day}\nDate: 2024-01-0{day} 10:00\n\nThis is some content.\n",
        )
        for day in range(1, 6)
    ]
    report = run_import(tmp_path, *stubs)
    assert statuses(report) == ["imported"] * 5
    assert len(articles(tmp_path)) == 5


def test_the_same_text_under_another_headline_or_day_is_another_article(tmp_path: Path) -> None:
    first = write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    retitled = write(
        tmp_path / "raw" / "pier-retitled.txt", STORY.format(weeks=6).replace("Pier reopens", "Pier opens")
    )
    redated = write(tmp_path / "raw" / "pier-later.txt", STORY.format(weeks=6).replace("4 March", "11 March"))
    assert statuses(run_import(tmp_path, first, retitled, redated)) == ["imported"] * 3


def test_a_tag_keeps_one_spelling_across_the_archive(tmp_path: Path) -> None:
    first = write(
        tmp_path / "raw" / "a.md", "---\ntitle: One\ndate: 2024-01-01\ntags: [China, Trade]\n---\n\nText one.\n"
    )
    second = write(
        tmp_path / "raw" / "b.md", "---\ntitle: Two\ndate: 2024-01-02\ntags: [china, TRADE]\n---\n\nText two.\n"
    )
    run_import(tmp_path, first, extract=False)
    run_import(tmp_path, second, extract=False)  # a later import takes the archive's spelling
    written = articles(tmp_path)
    assert all(b"tags:\n- China\n- Trade\n" in text for text in written.values()), written


def test_tags_yml_spells_a_tag_whatever_the_source_wrote(tmp_path: Path) -> None:
    write(tmp_path / "content" / "tags.yml", "COVID-19: [coronavirus]\n")
    source = write(tmp_path / "raw" / "a.md", "---\ntitle: One\ndate: 2024-01-01\ntags: [Covid 19]\n---\n\nText.\n")
    run_import(tmp_path, source, extract=False)
    [text] = articles(tmp_path).values()
    assert b"tags:\n- COVID-19\n" in text


def test_importing_the_sites_own_folder_reads_none_of_its_pages_or_templates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "sitegen.toml", 'timezone = "Europe/Moscow"\nsearch = false\n')
    write(tmp_path / "raw" / "pier.txt", STORY.format(weeks=6))
    shutil.copytree(THEME_DIR, tmp_path / "templates")
    assert main(["import", str(tmp_path / "raw"), "--root", str(tmp_path)]) == 0
    assert main(["build", "--root", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["import", str(tmp_path), "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "0 imported, 0 updated, 1 unchanged, 0 skipped, 0 failed" in out
    assert len(articles(tmp_path)) == 1


def test_files_of_a_site_that_are_no_posts_are_skipped_with_the_reason(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    write(blog / "_posts" / "2024-03-01-pier.md", "---\ntitle: Pier\n---\n\n" + STORY.split("\n\n", 1)[1])
    write(blog / "_posts" / "createpost", '#!/bin/sh\necho "---\\ntitle: $1\\n---" > _posts/$(date +%F)-$1.md\n')
    write(blog / "content" / "news" / "_index.md", '+++\ntitle = "News"\nsort_by = "date"\n+++\n\nAll the news.\n')
    write(blog / "static" / "robots.txt", "User-agent: *\nDisallow:\n")
    write(blog / "theme" / "base.html", "<html><body>{% block content %}{% endblock %}</body></html>\n")
    report = run_import(tmp_path, blog)
    skipped = {
        outcome.source.rsplit("/", 1)[1]: outcome.message for outcome in report.outcomes if outcome.status == "skipped"
    }
    assert sorted(skipped) == ["_index.md", "base.html", "createpost", "robots.txt"]
    assert skipped["createpost"] == "a script (it starts with #!), not an article"
    assert statuses(report).count("imported") == 1 and len(articles(tmp_path)) == 1
    assert report.counts["imported"] + report.counts["skipped"] == len(report.outcomes) == 5
