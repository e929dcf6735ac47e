"""Whole builds, of the sample archive and of small archives made for the case."""

import json
import pstats
import re
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.cli import main
from sitegen.commands.linkcheck import broken_links
from sitegen.config import Config
from sitegen.render.theme import THEME_DIR

from .conftest import BuiltSite, sample_config, site_config, tree_files, write_article

SEED = "2025/06/03/kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with/index.html"
ATOM = "{http://www.w3.org/2005/Atom}"


def test_sample_archive_builds_every_page_kind(sample_site: BuiltSite) -> None:
    assert sample_site.report.errors == []
    for page in [
        "index.html", SEED, "tags/index.html", "tags/kremlin/index.html", "people/index.html",
        "people/dmitry-peskov/index.html", "2025/index.html", "2025/06/index.html", "2025/06/03/index.html",
        "archive/index.html", "search/index.html", "404.html", "feed.xml", "tags/kremlin/feed.xml",
        "people/dmitry-peskov/feed.xml", "sitemap.xml", "robots.txt", "static/favicon.svg",
        "pagefind/2024-2025/pagefind.js", "pagefind/2024-2025/pagefind-entry.json",
    ]:  # fmt: skip
        assert (sample_site.out / page).is_file(), page


def test_seed_article_page_links_its_people_tags_and_dates(sample_site: BuiltSite) -> None:
    html = sample_site.read(SEED)
    for link in ['href="/people/dmitry-peskov/"', 'href="/people/vladimir-putin/"', 'href="/tags/istanbul/"',
                 'href="/2025/06/03/"', 'href="/2025/06/"', 'href="/2025/"']:  # fmt: skip
        assert link in html
    assert html.count("<p>") >= 7
    assert '<time datetime="2025-06-03T12:30:00+03:00">3 June 2025, 12:30 UTC+3</time>' in html
    assert '<data data-pagefind-filter="person[value]" value="Volodymyr Zelensky"></data>' in html


def test_person_page_shows_description_and_who_is_mentioned_alongside(sample_site: BuiltSite) -> None:
    html = sample_site.read("people/helen-okafor/index.html")
    assert "Mayor of Riverside since 2023." in html
    assert "Often mentioned with Helen Okafor" in html
    assert 'href="/people/tomas-brennan/">Tomás Brennan</a> <span class="count">2</span>' in html


def test_only_article_pages_are_indexed_for_search(sample_site: BuiltSite) -> None:
    assert sample_site.report.search_pages == sample_site.report.articles == 7
    listing_pages = [sample_site.read("index.html"), sample_site.read("tags/kremlin/index.html")]
    assert all("data-pagefind-body" not in html for html in listing_pages)


def test_every_internal_link_of_the_sample_resolves(sample_site: BuiltSite) -> None:
    assert broken_links(sample_site.out, sample_site.config.base_url) == []


def test_a_base_url_with_a_path_prefixes_every_link(tmp_path: Path) -> None:
    config = sample_config(tmp_path, base_url="https://example.org/archive")
    build(config)
    assert broken_links(config.output_dir, config.base_url) == []
    home = (config.output_dir / "index.html").read_text()
    assert 'href="/archive/static/style.' in home and 'href="/tags/' not in home
    feed = (config.output_dir / "feed.xml").read_text()
    assert "<id>https://example.org/archive/2025/06/03/kremlin-says" in feed
    search = (config.output_dir / "search/index.html").read_text()
    assert 'data-bundles="/archive/pagefind/2024-2025/" data-base-url="/archive/"' in search


def test_building_twice_gives_byte_identical_sites_search_included(tmp_path: Path) -> None:
    first, second = (sample_config(tmp_path / name) for name in ("first", "second"))
    build(first)
    build(second)
    first_files, second_files = tree_files(first.output_dir), tree_files(second.output_dir)
    assert "pagefind/2024-2025/pagefind-entry.json" in first_files
    assert sorted(first_files) == sorted(second_files)
    assert [relative for relative in first_files if first_files[relative] != second_files[relative]] == []


def test_a_rebuild_with_nothing_changed_writes_nothing(sample_site: BuiltSite) -> None:
    report = build(sample_site.config)
    assert report.files_changed == 0
    assert report.files_removed == 0


def test_a_deleted_article_loses_its_page_and_drafts_get_none(site: Config) -> None:
    gone = write_article(site.content_dir, "a.md", "title: Gone soon\ndate: 2025-06-03\ntags: [Only here]")
    write_article(site.content_dir, "b.md", "title: Stays\ndate: 2025-06-04")
    write_article(site.content_dir, "c.md", "title: Draft\ndate: 2025-06-05\ndraft: true")
    report = build(site)
    assert (report.articles, report.drafts) == (2, 1)
    assert not (site.output_dir / "2025/06/05").exists()
    gone.unlink()
    build(site)
    assert not (site.output_dir / "2025/06/03").exists()
    assert not (site.output_dir / "tags/only-here").exists()
    assert (site.output_dir / "2025/06/04/stays/index.html").exists()


def test_feeds_and_sitemap_are_well_formed_and_complete(sample_site: BuiltSite) -> None:
    feed = ElementTree.parse(sample_site.out / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 7
    assert entries[0].findtext(f"{ATOM}title").startswith("Kremlin says")
    assert feed.findtext(f"{ATOM}updated") == "2025-06-03T12:30:00+03:00"
    sitemap = ElementTree.parse(sample_site.out / "sitemap-2025.xml").getroot()
    locations = {element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"http://localhost:8000/{SEED.removesuffix('index.html')}" in locations
    assert "Sitemap: http://localhost:8000/sitemap.xml" in sample_site.read("robots.txt")


def test_markup_in_front_matter_and_raw_html_in_the_body_come_out_inert(site: Config) -> None:
    title = '</script><script>alert("t")</script>'
    write_article(site.content_dir, "x.md", f"title: '{title}'\ndate: 2025-06-03\ntags: ['<b>x</b>']",
                  body='<img src=x onerror="alert(1)">\n\n[link](javascript:alert(2))\n')  # fmt: skip
    build(site)
    html = next((site.output_dir / "2025/06/03").glob("*/index.html")).read_text()
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;/script&gt;&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;" in html


def test_command_line_exit_codes(site: Config, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["build", "--root", str(site.root), "--no-search"]
    write_article(site.content_dir, "a.md", "title: A\ndate: 2025-06-03")
    shutil.copytree(THEME_DIR, site.root / "templates")
    assert main(arguments) == 0
    assert "Built 1 articles into" in capsys.readouterr().out
    write_article(site.content_dir, "b.md", "title: B\ndate: someday")
    assert main(arguments) == 1
    assert "b.md:3: error: date: 'someday' is not a date" in capsys.readouterr().err
    (site.root / "sitegen.toml").write_text("colour = 'blue'\n")
    assert main(arguments) == 2
    (site.root / "sitegen.toml").unlink()
    (site.root / "mine").mkdir()
    (site.root / "mine" / "notes.txt").write_text("mine")
    assert main([*arguments, "--out", str(site.root / "mine")]) == 2
    assert "was not made by sitegen" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["build", "--no-such-option"])
    assert usage.value.code == 2


def test_profile_says_where_the_build_spent_its_time(site: Config, capsys: pytest.CaptureFixture[str]) -> None:
    write_article(site.content_dir, "a.md", "title: A\ndate: 2025-06-03")
    shutil.copytree(THEME_DIR, site.root / "templates")
    assert main(["build", "--root", str(site.root), "--no-search", "--profile"]) == 0
    assert "Profile written to" in capsys.readouterr().out
    summary = (site.root / ".sitegen-cache" / "profile.txt").read_text(encoding="utf-8")
    assert "Functions by cumulative time" in summary
    assert "(render)" in summary and "templates.py:" in summary  # rendering ran in the profiled process
    assert pstats.Stats(str(site.root / ".sitegen-cache" / "profile.prof")).total_calls > 0


def test_article_pages_carry_json_ld_social_cards_and_reading_time(sample_site: BuiltSite) -> None:
    html = sample_site.read(SEED)
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["@type"] == "NewsArticle" and data["headline"].startswith("Kremlin says no breakthrough")
    assert data["datePublished"] == "2025-06-03T12:30:00+03:00"
    assert data["author"] == [{"@type": "Person", "name": "Admin"}]
    assert {"@type": "Person", "name": "Dmitry Peskov"} in data["about"]
    assert data["url"] == "http://localhost:8000/" + SEED.removesuffix("index.html")
    assert '<meta name="twitter:card" content="summary">' in html
    assert '<link rel="canonical" href="http://localhost:8000/2025/06/03/kremlin-says' in html
    assert re.search(r"· \d+ min read", html)


def test_person_and_tag_pages_chart_articles_per_year_and_list_related_names(sample_site: BuiltSite) -> None:
    person = sample_site.read("people/helen-okafor/index.html")
    chart = person.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    assert 'role="group"' in chart and "<desc" in chart  # a group, not an image: its bars are links
    assert re.search(r"<desc [^>]*>2024: 1, 2025: 3</desc>", chart), chart
    assert '<a href="/people/helen-okafor/#year-2024" aria-label="2024: 1, the year' in chart
    assert chart.count('<rect class="bar"') == 2
    assert "Tags of these articles" in person and "Often mentioned with Helen Okafor" in person
    tag = sample_site.read("tags/kremlin/index.html")
    assert "People in these articles" in tag and 'href="/people/dmitry-peskov/"' in tag


def test_the_archive_is_a_calendar_of_years_and_months_and_month_pages_of_days(sample_site: BuiltSite) -> None:
    archive = sample_site.read("archive/index.html")
    assert archive.count("<tr>") == 1 + 2  # the header row, then 2025 and 2024
    assert re.search(r'<a href="/2025/06/" aria-label="June 2025: (\d+) articles?">\1</a>', archive)
    assert archive.index(">2025</a>") < archive.index(">2024</a>")
    june = sample_site.read("2025/06/index.html")
    calendar = june.split('<table class="calendar month-calendar">', 1)[1].split("</table>", 1)[0]
    assert calendar.count("<tr>") == 1 + 6  # weekday names, then the six weeks June 2025 touches (1 June: Sunday)
    assert re.search(
        r'<a href="/2025/06/03/"><span class="day">3</span><span class="visually-hidden"> June 2025:</span>', calendar
    )
    assert '<span class="day">4</span>' in calendar and 'href="/2025/06/04/"' not in calendar


def test_the_build_counts_spelling_variants_among_its_warnings_as_check_reports_them(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_article(site / "content", "2024/01/a.md", "title: A\ndate: 2024-01-01\ntags: [China]")
    write_article(site / "content", "2024/01/b.md", "title: B\ndate: 2024-01-02\ntags: [china]")
    report = build(site_config(site))
    assert [str(problem.message) for problem in report.warnings] == [
        "'China' and 'china' differ only in spelling; make one an alias of the other in tags.yml"
    ]
    assert report.errors == []
