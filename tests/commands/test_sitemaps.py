"""sitegen check on sitemaps: the protocol's schemas and limits, on an archive too large for one sitemap."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from bench.generate import generate
from sitegen.build import build
from sitegen.commands.check import check
from sitegen.commands.sitemaps import sitemap_problems
from sitegen.config import load_config
from sitegen.content.load import load_library
from sitegen.site.sitemaps import MAX_URLS

from ..conftest import sample_config

NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# bench's archive lists about 1.1 addresses an article (its page, and a share of the listings): past 50,000.
LARGE_ARCHIVE = 46_000


def test_an_archive_past_50000_addresses_gets_an_index_whose_every_sitemap_is_valid(tmp_path: Path) -> None:
    generate(LARGE_ARCHIVE, tmp_path)
    config = load_config(tmp_path).replace(search=False)
    assert build(config).errors == []
    out = config.output_dir
    index = etree.parse(str(out / "sitemap.xml")).getroot()
    assert index.tag == f"{NAMESPACE}sitemapindex"
    sitemaps = [loc.text.removeprefix(config.base_url) for loc in index.iter(f"{NAMESPACE}loc")]
    counts = [len(etree.parse(str(out / sitemap)).getroot()) for sitemap in sitemaps]
    assert sum(counts) > MAX_URLS, "the archive must need more than one sitemap"
    assert max(counts) <= MAX_URLS and len(sitemaps) == 11  # ten years and the listings
    assert list(sitemap_problems(out, config.base_url, load_library(config).library)) == []


def test_each_fault_of_a_sitemap_is_reported_with_its_file(tmp_path: Path) -> None:
    config = sample_config(tmp_path, search=False)
    assert check(config) == []
    out = config.output_dir
    year = out / "sitemap-2025.xml"
    year.write_text(year.read_text(encoding="utf-8").replace("<lastmod>2025-06-03T12:30:00+03:00", "<lastmod>3 June"))
    (out / "sitemap-extra.xml").write_text((out / "sitemap-2024.xml").read_text(encoding="utf-8"))
    (out / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    found = [f"{problem.file.name}: {problem.message}" for problem in check(config, build_first=False)]
    assert any(line.startswith("sitemap-2025.xml: Element") and "'3 June'" in line for line in found)
    assert "sitemap-extra.xml: is not listed by sitemap.xml, so search engines will not find it" in found
    assert "robots.txt: does not name the sitemap index (http://localhost:8000/sitemap.xml)" in found


def test_a_sitemap_that_is_not_xml_or_lists_another_host_is_reported(tmp_path: Path) -> None:
    config = sample_config(tmp_path, search=False)
    build(config)
    out = config.output_dir
    (out / "sitemap-2024.xml").write_text("<urlset")
    pages = out / "sitemap-pages.xml"
    pages.write_text(pages.read_text(encoding="utf-8").replace("http://localhost:8000/tags/", "https://else.example/"))
    found = [f"{problem.file.name}: {problem.message}" for problem in check(config, build_first=False)]
    assert any(line.startswith("sitemap-2024.xml: cannot be read as XML") for line in found)
    assert any(line.startswith("sitemap-pages.xml: lists https://else.example/") for line in found)
