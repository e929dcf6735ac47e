"""On this day: a page for each day of the year with its articles of every year, and the index of the days."""

from __future__ import annotations

from pathlib import Path

from sitegen.build import build

from ..conftest import site_config, write_article


def test_a_day_of_the_year_lists_its_articles_of_every_year_newest_first(tmp_path: Path) -> None:
    for year in (2019, 2023, 2025):
        write_article(tmp_path / "content", f"{year}.md", f"title: Flood of {year}\ndate: {year}-06-03T10:00:00Z")
    write_article(tmp_path / "content", "other.md", "title: Another day\ndate: 2025-06-04T10:00:00Z")
    config = site_config(tmp_path)
    assert build(config).errors == []
    page = (config.output_dir / "on-this-day" / "06-03" / "index.html").read_text(encoding="utf-8")
    assert page.index("Flood of 2025") < page.index("Flood of 2023") < page.index("Flood of 2019")
    assert "Another day" not in page and "<h1>On 3 June</h1>" in page
    assert 'href="/2019/06/03/"' in page  # each year's day page
    index = (config.output_dir / "on-this-day" / "index.html").read_text(encoding="utf-8")
    assert 'href="/on-this-day/06-03/"' in index and 'href="/on-this-day/06-04/"' in index
    day = (config.output_dir / "2023" / "06" / "03" / "index.html").read_text(encoding="utf-8")
    assert 'href="/on-this-day/06-03/">3 June in every year</a>' in day
    assert 'href="/on-this-day/"' in (config.output_dir / "index.html").read_text(encoding="utf-8")
