"""The sitemaps: an index, a sitemap per year and one of listings, each within the protocol's limits."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Config
from sitegen.site import sitemaps

from ..conftest import site_config, write_article
from ..render.test_images import photo

LOC = re.compile(r"<loc>([^<]+)</loc>")


def _site(root: Path, count: int = 5) -> Config:
    for number in range(count):
        date = f"2025-06-{number + 1:02d}T10:00:00+00:00"
        write_article(root / "content", f"2025/a{number}.md", f"title: Story {number}\ndate: {date}\ntags: [Harbour]")
    write_article(root / "content", "2024/old.md", "title: Old\ndate: 2024-03-01T08:00:00+00:00")
    return site_config(root)


def test_an_index_lists_one_sitemap_a_year_and_one_of_listings_and_robots_names_it(tmp_path: Path) -> None:
    config = _site(tmp_path)
    build(config)
    out = config.output_dir
    index = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert LOC.findall(index) == [f"{config.base_url}sitemap-{name}.xml" for name in ("2024", "2025", "pages")]
    assert "<lastmod>2025-06-05T10:00:00+00:00</lastmod>" in index  # the newest of the year's articles
    year = (out / "sitemap-2025.xml").read_text(encoding="utf-8")
    assert len(LOC.findall(year)) == 5 and f"<loc>{config.base_url}2025/06/05/story-4/</loc>" in year
    assert f"<loc>{config.base_url}tags/harbour/</loc>" in (out / "sitemap-pages.xml").read_text(encoding="utf-8")
    assert f"Sitemap: {config.base_url}sitemap.xml" in (out / "robots.txt").read_text(encoding="utf-8")


def test_a_year_past_the_protocol_s_limits_is_cut_into_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemaps, "MAX_URLS", 2)
    config = _site(tmp_path)
    build(config)
    parts = ["2025", "2025-2", "2025-3"]
    assert [len(LOC.findall((config.output_dir / f"sitemap-{part}.xml").read_text())) for part in parts] == [2, 2, 1]
    index = (config.output_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert all(f"sitemap-{part}.xml</loc>" in index for part in parts)


def test_the_byte_limit_cuts_a_sitemap_before_the_address_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sitemaps, "MAX_BYTES", 3 * 2000)  # room for a few entries, by sitemaps.py's upper bound
    config = _site(tmp_path)
    build(config)
    assert (config.output_dir / "sitemap-2025-2.xml").is_file()


def test_an_article_s_lead_image_and_its_last_modification_are_listed(tmp_path: Path) -> None:
    front = "title: Gates\ndate: 2025-03-01T08:00:00+00:00\nupdated: 2025-04-02T09:30:00+00:00\n"
    write_article(tmp_path / "content", "gates.md", front + "image: https://cdn.example.com/gates.jpg?w=1200&h=800")
    config = site_config(tmp_path)
    build(config)
    year = (config.output_dir / "sitemap-2025.xml").read_text(encoding="utf-8")
    assert "<lastmod>2025-04-02T09:30:00+00:00</lastmod>" in year
    assert (
        "<image:image><image:loc>https://cdn.example.com/gates.jpg?w=1200&amp;h=800</image:loc></image:image>" in year
    )


def test_a_rebuild_leaves_the_sitemap_of_a_year_it_did_not_touch_as_it_was(tmp_path: Path) -> None:
    config = _site(tmp_path)
    build(config)
    before = {year: os.stat(config.output_dir / f"sitemap-{year}.xml") for year in ("2024", "2025")}
    article = tmp_path / "content" / "articles" / "2025" / "a1.md"
    article.write_text(article.read_text().replace("title: Story 1", "title: Story 1\nupdated: 2025-07-01T00:00:00Z"))
    build(config)
    after = {year: os.stat(config.output_dir / f"sitemap-{year}.xml") for year in ("2024", "2025")}
    assert (after["2024"].st_ino, after["2024"].st_mtime_ns) == (before["2024"].st_ino, before["2024"].st_mtime_ns)
    assert after["2025"].st_mtime_ns != before["2025"].st_mtime_ns
    assert "2025-07-01T00:00:00+00:00" in (config.output_dir / "sitemap-2025.xml").read_text(encoding="utf-8")


def test_a_photograph_of_the_archive_is_listed_by_its_share_jpeg(tmp_path: Path) -> None:
    photo(tmp_path / "content" / "articles" / "gate.jpg", (800, 600))
    write_article(tmp_path / "content", "gate.md", "title: Gate\ndate: 2025-03-11T09:00:00+00:00\nimage: gate.jpg")
    config = site_config(tmp_path)
    build(config)
    (share,) = config.output_dir.glob("images/*/share.jpg")
    year = (config.output_dir / "sitemap-2025.xml").read_text(encoding="utf-8")
    address = config.base_url + share.relative_to(config.output_dir).as_posix()
    assert f"<image:image><image:loc>{address}</image:loc></image:image>" in year
