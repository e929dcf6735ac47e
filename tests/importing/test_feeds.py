"""`sitegen import feed.rss`: each item of an RSS, Atom or RDF feed becomes an article."""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.content.frontmatter import parse
from tests.conftest import FIXTURES
from tests.importing.test_importer import articles, run_import, write

RSS = FIXTURES / "import-exports" / "riverside.rss"
ATOM = FIXTURES / "import-exports" / "riverside.atom"


def imported(root: Path) -> dict[str, tuple[dict, str]]:
    """Each article's front-matter and body by its title."""
    found = {}
    for path in (root / "content" / "articles").rglob("*.md"):
        document = parse(path.read_text(encoding="utf-8"))
        found[document.meta["title"]] = (document.meta, document.body)
    return found


def test_each_item_of_an_rss_feed_becomes_an_article(tmp_path: Path) -> None:
    report = run_import(tmp_path, Path(shutil.copy(RSS, tmp_path / "feed.rss")), extract=False)
    assert report.counts["imported"] == 2
    meta, body = imported(tmp_path)["Ferry timetable changes"]
    assert meta["date"] == "2022-04-12T07:30:00+00:00"
    assert meta["authors"] == ["Ruth Okafor"] and meta["tags"] == ["Transport", "Ferry"]
    assert meta["summary"] == "The summer timetable starts in May."
    assert meta["source"][0]["url"] == "https://notes.example.org/2022/04/ferry-timetable/"
    assert meta["source"][0]["path"].startswith("feed.rss#entry-")
    assert "starts on **1 May**" in body
    assert "![The ferry at the pier](https://notes.example.org/images/ferry.jpg)" in body  # against the feed


def test_a_summary_only_item_is_imported_with_what_it_has_and_a_warning(tmp_path: Path) -> None:
    report = run_import(tmp_path, Path(shutil.copy(RSS, tmp_path / "feed.rss")), extract=False)
    _, body = imported(tmp_path)["Fares set for the season"]
    assert body.strip() == "A single crossing will cost *two pounds*."
    assert sum("the feed gives this entry's summary only" in line for line in report.lines()) == 1


def test_an_atom_entry_with_its_content_author_and_category(tmp_path: Path) -> None:
    run_import(tmp_path, Path(shutil.copy(ATOM, tmp_path / "notes.atom")), extract=False)
    meta, body = imported(tmp_path)["Pier reopens"]
    assert meta["date"] == "2022-05-02T08:15:00+00:00"
    assert meta["authors"] == ["Tomás Brennan"] and meta["tags"] == ["Pier"]
    assert body.strip() == "The pier reopened on Monday after *three months* of repairs."


def test_importing_a_feed_again_adds_only_its_new_items(tmp_path: Path) -> None:
    feed = Path(shutil.copy(RSS, tmp_path / "feed.rss"))
    run_import(tmp_path, feed, extract=False)
    before = articles(tmp_path)
    newer = RSS.read_text().replace(
        "  <item>\n    <title>Ferry",
        "  <item>\n    <title>Bridge vote</title>\n    <guid>b-1</guid>\n"
        "    <pubDate>Fri, 20 May 2022 09:00:00 GMT</pubDate>\n"
        "    <content:encoded>The council voted for the bridge.</content:encoded>\n  </item>\n  <item>\n"
        "    <title>Ferry",
    )
    feed.write_text(newer)
    report = run_import(tmp_path, feed, extract=False)
    assert (report.counts["imported"], report.counts["unchanged"]) == (1, 2)
    assert set(before) < set(articles(tmp_path))


def test_a_malformed_feed_is_one_error_naming_it(tmp_path: Path) -> None:
    broken = write(tmp_path / "raw" / "feed.rss", RSS.read_text().replace("</item>", "</itme>", 1))
    report = run_import(tmp_path, broken, extract=False)
    (line,) = [line for line in report.lines() if ": failed: " in line]
    assert line.startswith("raw/feed.rss: failed: not a well-formed feed: mismatched tag at line ")


def test_an_xml_file_that_is_no_feed_is_a_reported_skip(tmp_path: Path) -> None:
    sitemap = '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'
    report = run_import(tmp_path, write(tmp_path / "raw" / "sitemap.xml", sitemap), extract=False)
    assert report.counts["skipped"] == 1
    assert "neither a WordPress export nor a feed" in "\n".join(report.lines())
