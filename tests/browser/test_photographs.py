"""Photographs in a real browser: the WebP variant a screen needs is loaded, and nothing shifts as it comes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PIL import Image
from playwright.sync_api import Browser

from sitegen.build import build
from sitegen.config import Config
from tests.browser.conftest import serve, visit, write_article
from tests.browser.test_search_page import result_count, results, search_url

SHIFTS = (
    "window.shifts = 0; new PerformanceObserver(list => list.getEntries().forEach(entry => {"
    " if (!entry.hadRecentInput) window.shifts += entry.value; })).observe({type: 'layout-shift', buffered: true});"
)


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("photographs")
    picture = root / "content/articles/2025/03/gate.jpg"
    picture.parent.mkdir(parents=True)
    Image.linear_gradient("L").resize((3000, 2000)).convert("RGB").save(picture, quality=85)
    front_matter = "title: Flood barrier goes in\ndate: 2025-03-11\nimage:\n  src: gate.jpg\n  alt: The gate"
    write_article(
        root / "content", "2025/03/flood.md", front_matter, "Text.\n\n" * 40 + "![The gate again](gate.jpg)\n"
    )
    write_article(root / "content", "2025/03/plain.md", "title: Barrier plans\ndate: 2025-03-01", "No photo.\n")
    config = Config(root=root, search=True)
    assert build(config).problems == []
    yield from serve(config.output_dir, config.base_path)


@pytest.mark.parametrize("width, expected", [(390, "960.webp"), (1366, "1600.webp")], ids=["phone", "desktop"])
def test_the_lead_image_loads_the_variant_its_screen_needs_and_nothing_shifts(
    browser: Browser, photo_site: str, width: int, expected: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800}, device_scale_factor=2)
    page.add_init_script(SHIFTS)
    visit(page, photo_site + "2025/03/11/flood-barrier-goes-in/")
    lead = page.locator("figure.lead img")
    lead.evaluate("image => image.decode()")
    assert lead.evaluate("image => image.currentSrc").endswith(expected)
    assert lead.evaluate("image => image.naturalWidth") > 0
    body_image = page.locator(".article-body img")
    assert body_image.get_attribute("loading") == "lazy"  # below the fold: fetched when scrolled to
    body_image.scroll_into_view_if_needed()
    body_image.evaluate("image => image.decode()")
    assert page.evaluate("window.shifts") < 0.1
    page.close()


def test_the_home_page_shows_a_thumbnail(browser: Browser, photo_site: str) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    visit(page, photo_site)
    thumbnail = page.locator(".thumbnail img")
    thumbnail.evaluate("image => image.decode()")
    assert thumbnail.evaluate("image => image.currentSrc").endswith("480.webp")
    box = thumbnail.bounding_box()
    assert box is not None and 182 <= box["width"] <= 202  # 12rem, leading the headline
    page.close()


def test_nothing_the_pages_ask_for_is_missing(browser: Browser, photo_site: str) -> None:
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    for path in ("", "2025/03/11/flood-barrier-goes-in/"):
        visit(page, photo_site + path)
        page.wait_for_load_state("networkidle")
    assert failed == []
    page.close()


def test_a_search_result_shows_its_articles_thumbnail_and_one_without_shows_none(
    browser: Browser, photo_site: str
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 800})
    visit(page, search_url(photo_site, "q=barrier"))
    assert result_count(page) == 2
    with_photo = results(page).filter(has_text="Flood barrier goes in").locator("img.result-image")
    with_photo.evaluate("image => image.decode()")
    assert with_photo.evaluate("image => image.currentSrc").endswith("480.webp")
    assert with_photo.get_attribute("alt") == "The gate"
    assert results(page).filter(has_text="Barrier plans").locator("img").count() == 0
    page.close()
