"""The built pages are valid HTML by the Nu Html Checker (vnu.jar, from the npm registry), on both archives."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import REPO, Archive, BuiltSite, page_kinds, visit

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def validate(files: list[Path] | None = None, html: str | None = None) -> list[str]:
    """Every message the checker gives (errors and warnings), as 'file:line: message'."""
    if not VNU.is_file() or not shutil.which("java"):
        pytest.fail("vnu.jar or Java is missing: run the tests with `python3 dev.py test`, which installs them")
    sources = [str(path) for path in files] if files else ["-"]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--also-check-svg", *sources],
        input=html,
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    return [f"{message.get('url', 'page')}:{message.get('lastLine')}: {message['message']}" for message in messages]


def article_and_page_files(site: BuiltSite) -> list[Path]:
    return [path for path in sorted(site.out.rglob("*.html")) if "pagefind" not in path.parts]


def test_every_page_of_the_sample_is_valid(sample_site: BuiltSite) -> None:
    files = article_and_page_files(sample_site)
    assert len(files) > 40
    assert validate(files) == []


def test_a_page_of_each_kind_in_the_generated_archive_is_valid(generated_site: BuiltSite, generated_url: str) -> None:
    kinds = page_kinds(Archive("generated", generated_site, generated_url, "budget"))
    files = [generated_site.out / path.split("?")[0] / "index.html" for path in kinds.values()]
    assert len(files) == 19
    assert validate([*files, generated_site.out / "404.html"]) == []


# Pagefind's UI makes each filter checkbox's id from the filter and its value ("person-Helen Okafor"), so values
# with spaces give ids (and labels' for) with spaces. That markup is Pagefind's own; all else must be valid.
PAGEFIND_FILTER_ID = re.compile(r"Bad value “(person|tag|year|category)-[^”]*” for attribute “(id|for)”.*whitespace")


@pytest.mark.browser
def test_the_search_page_is_still_valid_once_results_are_shown(page: Page, archive: Archive) -> None:
    visit(page, f"{archive.url}search/?q={archive.query}&sort=newest")
    page.wait_for_selector("[data-result] h2")
    messages = validate(html="<!DOCTYPE html>\n" + page.locator("html").evaluate("html => html.outerHTML"))
    assert [message for message in messages if not PAGEFIND_FILTER_ID.search(message)] == []


def test_the_checker_reports_an_invalid_page(tmp_path: Path) -> None:
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>block in paragraph</p>", encoding="utf-8")
    assert validate([broken]) != []
