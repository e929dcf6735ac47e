"""sitegen serve in Chromium: reload on edit, errors shown over the last good site; and a site under a path."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest
from playwright.sync_api import Page, Request, expect

from sitegen.build import build
from sitegen.render.theme import eject
from tests.browser.conftest import REPO, sample_config, serve, visit

pytestmark = pytest.mark.browser

SEED_FILE = "content/articles/2025/06/kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with.md"
SEED_PAGE = "2025/06/03/kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with/"
SEED_TITLE = "Kremlin says no breakthrough agreement reached during 2nd round of talks with Ukraine"
RELOAD_TIMEOUT_MS = 20_000


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A copy of the sample archive under `sitegen serve`, watching it, with the theme's article template
    ejected into the site's templates to be edited: (its folder, its address)."""
    shutil.copytree(REPO / "content", tmp_path / "content")
    eject(tmp_path / "templates", ["article.html"])
    shutil.copy(REPO / "sitegen.toml", tmp_path / "sitegen.toml")
    command = [sys.executable, "-m", "sitegen.cli", "serve", "--root", str(tmp_path), "--port", "0", "--no-search"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as server:
        try:
            address = None
            for line in server.stdout:  # type: ignore[union-attr]
                address = re.search(r"Serving .* at (http://\S+/),", line)
                if address:
                    break
            assert address, "sitegen serve did not say where it serves"
            yield tmp_path, address.group(1)
        finally:
            server.terminate()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_an_edit_reloads_the_page_and_an_error_shows_over_the_last_good_site(
    page: Page, served: tuple[Path, str]
) -> None:
    root, address = served
    seed = root / SEED_FILE
    visit(page, address + SEED_PAGE)
    heading = page.locator("main h1")
    expect(heading).to_have_text(SEED_TITLE)

    edit(seed, f"title: {SEED_TITLE}", "title: Kremlin sees no breakthrough")
    expect(heading).to_have_text("Kremlin sees no breakthrough", timeout=RELOAD_TIMEOUT_MS)

    edit(seed, "title: Kremlin sees no breakthrough", "title: [Kremlin sees no breakthrough")
    overlay = page.locator("#sitegen-overlay")
    expect(overlay).to_contain_text("the last good site is shown", timeout=RELOAD_TIMEOUT_MS)
    expect(overlay).to_contain_text(f"{seed}:")
    visit(page, address + SEED_PAGE)  # the article is still served as it last built
    expect(heading).to_have_text("Kremlin sees no breakthrough")
    expect(overlay).to_contain_text("not valid YAML")

    edit(seed, "title: [Kremlin sees no breakthrough", "title: Kremlin finds no breakthrough")
    expect(heading).to_have_text("Kremlin finds no breakthrough", timeout=RELOAD_TIMEOUT_MS)
    expect(overlay).to_have_count(0)

    template = root / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}", encoding="utf-8")
    expect(overlay).to_contain_text("article.html", timeout=RELOAD_TIMEOUT_MS)
    expect(heading).to_have_text("Kremlin finds no breakthrough")


def _failed(request: Request) -> bool:
    """A request that failed, not one the browser dropped because the crawl moved on to the next page (the
    favicon is often still loading then); a missing file shows as a response of 404 instead."""
    return request.failure != "net::ERR_ABORTED"


@pytest.fixture(scope="module")
def site_under_a_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample archive, search included, built for and served under /news/archive/."""
    config = sample_config(tmp_path_factory.mktemp("under-a-path"), base_url="http://127.0.0.1/news/archive/")
    assert build(config).errors == []
    yield from serve(config.output_dir, config.base_path)


def test_every_link_asset_and_search_result_works_under_a_path(page: Page, site_under_a_path: str) -> None:
    failures: list[str] = []
    page.on("requestfailed", lambda request: _failed(request) and failures.append(f"{request.url} failed"))
    page.on("response", lambda answer: answer.status >= 400 and failures.append(f"{answer.url} {answer.status}"))
    to_visit, seen = [site_under_a_path], {site_under_a_path}
    while to_visit:
        url = to_visit.pop()
        visit(page, url)
        for href in page.eval_on_selector_all("a[href]", "links => links.map(link => link.href)"):
            target = urldefrag(urljoin(url, href)).url
            if target.startswith(site_under_a_path) and target not in seen and "?" not in target:
                seen.add(target)
                to_visit.append(target)
    assert len(seen) > 60, "the crawl should reach every page of the sample archive"

    visit(page, f"{site_under_a_path}search/?q=Peskov")
    results = page.locator("[data-result] h2 a")
    expect(results.first).to_be_visible(timeout=10_000)
    for href in results.evaluate_all("links => links.map(link => link.href)"):
        assert href.startswith(site_under_a_path), href
        visit(page, href)
        expect(page.locator("main h1")).to_be_visible()
    assert failures == []
