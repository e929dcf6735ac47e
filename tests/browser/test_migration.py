"""A whole migration, end to end: a Jekyll blog and a WordPress export imported into one archive, built and
checked clean, and every old address answering in a browser with the right article."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import Config, load_config
from sitegen.importing.importer import ImportOptions, import_sources
from sitegen.render.theme import THEME_DIR
from tests.browser.conftest import serve
from tests.conftest import FIXTURES

# The archive takes over the WordPress site's host, as a newsroom moving its site keeps its address.
SITE = "https://gazette.example.org/"


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Config:
    root = tmp_path_factory.mktemp("migrated")
    shutil.copytree(FIXTURES / "import-sites" / "jekyll", root / "old" / "blog")
    shutil.copy(FIXTURES / "import-exports" / "wordpress-news.xml", root / "old" / "export.xml")
    (root / "sitegen.toml").write_text(f'base_url = "{SITE}"\ntimezone = "Europe/London"\nsearch = false\n')
    config = load_config(root).replace(templates=str(THEME_DIR))
    options = ImportOptions(config.content_dir, config.zone, root, extract=False)
    report = import_sources([root / "old" / "blog", root / "old" / "export.xml"], options)
    assert report.counts["failed"] == 0
    assert [str(problem) for problem in build(config).problems] == []
    return config


@pytest.fixture(scope="module")
def site_url(migrated: Config) -> Iterator[str]:
    yield from serve(migrated.output_dir, migrated.base_path)


def redirects(config: Config) -> list[tuple[str, str]]:
    lines = (config.output_dir / "_redirects").read_text(encoding="utf-8").splitlines()
    return [(old, new) for old, new, _ in (line.split() for line in lines)]


def test_the_migrated_archive_checks_clean(migrated: Config) -> None:
    assert [str(problem) for problem in check(migrated, build_first=False)] == []


def test_both_sites_old_addresses_have_redirects(migrated: Config) -> None:
    olds = [old for old, _ in redirects(migrated)]
    assert "/footbridge-plans-shown/" in olds  # WordPress's permalink (/%postname%/), on the site's host
    assert "/2011/06/bridges-in-fog/" in olds  # Jekyll's, from its permalink setting


def test_every_old_address_answers_with_its_article_in_a_browser(
    migrated: Config, site_url: str, browser: Browser
) -> None:
    page = browser.new_page()
    for old, new in redirects(migrated):
        page.goto(site_url.rstrip("/") + old)
        page.wait_for_url(site_url.rstrip("/") + new)
        heading = page.locator("h1").first.inner_text()
        target = (migrated.output_dir / new.lstrip("/") / "index.html").read_text(encoding="utf-8")
        assert f">{heading}</h1>" in target, f"{old} led to a page headed {heading!r}"
    page.close()


def test_a_link_to_an_old_address_leads_straight_to_the_article(migrated: Config) -> None:
    page = (migrated.output_dir / "2021/03/04/council-approves-new-footbridge/index.html").read_text()
    assert '<a href="/2020/11/02/footbridge-plans-shown/">plans shown in November</a>' in page
