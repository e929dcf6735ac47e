"""The front end a reader browses: the front page, year jumps in long listings, months by day, the archive's
grid on a phone, the menu marking where the reader is, and screenshots of every page kind to look at."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ARTIFACTS, Archive, BuiltSite, page_kinds, visit

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1200, "height": 900}


def no_overflow(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_front_page_leads_with_the_latest_story_with_a_photograph_then_sections_and_more(
    browser: Browser, sample_url: str
) -> None:
    page = browser.new_page(viewport=DESKTOP)
    visit(page, sample_url)
    lead = page.locator(".lead-story")
    expect(lead.locator(".headline")).to_have_text("Rovers appoint new assistant coach")  # the newest with a photo
    image = lead.locator("img")
    image.evaluate("image => image.decode()")
    box, main = image.bounding_box(), page.locator("main").bounding_box()
    assert box is not None and main is not None and box["width"] > main["width"] / 2, "the lead story's image is large"
    listed = page.locator(".article-list .headline").first
    size = "element => parseFloat(getComputedStyle(element).fontSize)"
    assert lead.locator(".headline").evaluate(size) > 1.5 * listed.evaluate(size)
    sections = page.locator(".front-section h3").all_inner_texts()
    assert sections[:2] == ["News", "Sport"], "sections with the newest articles first"
    expect(page.locator(".front-section", has_text="Local").locator("li")).to_have_count(3)
    expect(page.locator(".front-on-this-day h2")).to_have_text("On 3 June in earlier years")
    covered = page.locator(".front-covered")
    expect(covered.get_by_role("link", name="Jonas Lindqvist")).to_be_visible()
    covered.get_by_role("link", name="Football").click()
    expect(page.locator("main h1")).to_have_text("Football")
    page.close()


def test_the_front_page_lists_earlier_years_of_the_newest_articles_day(browser: Browser, generated_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    visit(page, generated_url)
    day = page.locator(".front-on-this-day")
    heading = day.locator("h2").inner_text()
    found = re.fullmatch(r"On (\d+ \w+) in earlier years", heading)
    assert found is not None
    years = [int(year) for year in day.locator(".year").all_inner_texts()]
    assert years and years == sorted(years, reverse=True)
    day.get_by_role("link", name=f"Every {found.group(1)}").click()
    expect(page.locator("main h1")).to_have_text(f"On {found.group(1)}")
    assert no_overflow(page)
    page.close()


def test_a_long_listings_year_index_and_chart_bars_jump_to_that_years_articles(
    browser: Browser, generated_site: BuiltSite, generated_url: str
) -> None:
    page = browser.new_page(viewport=PHONE)
    visit(page, generated_url + "tags/hospital-health/")
    years = page.get_by_role("navigation", name="Jump to a year")
    links = years.get_by_role("link")
    assert links.count() == 10, "the generated archive spans ten years, and so does this tag"
    oldest = links.last
    year = oldest.inner_text().split()[0]
    box = oldest.bounding_box()
    assert box is not None and box["height"] >= 44
    oldest.click()
    assert re.search(rf"/page/\d+/#year-{year}$", page.url), page.url
    heading = page.locator(f"#year-{year}")
    expect(heading).to_have_text(year)
    expect(heading).to_be_in_viewport()
    first = page.locator(f"#year-{year} + .article-list time").first.get_attribute("datetime") or ""
    assert first.startswith(year)
    visit(page, generated_url + "tags/hospital-health/")
    page.locator(f".chart a[aria-label^='{year}:']").click()
    assert page.url.endswith(f"#year-{year}")
    expect(page.locator(f"#year-{year}")).to_be_in_viewport()
    page.close()


def test_a_months_articles_are_grouped_under_each_day(browser: Browser, generated_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    visit(page, generated_url + "2020/03/")
    headings = page.locator(".run-heading")
    assert headings.count() > 1
    for index in range(headings.count()):
        heading = headings.nth(index)
        day = heading.get_attribute("id") or ""
        expect(heading).to_have_text(re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d+"))
        times = page.locator(f"#{day} + .article-list time").evaluate_all("times => times.map(t => t.dateTime)")
        assert times and all(time.startswith(day.removeprefix("day-")) for time in times)
    headings.first.get_by_role("link").click()
    expect(page.locator("main h1")).to_have_text(re.compile(r"^\d+ March 2020$"))
    page.close()


def test_the_archive_grid_fits_a_phone_with_cells_shaded_by_count(browser: Browser, generated_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    visit(page, generated_url + "archive/")
    assert no_overflow(page)
    table = page.locator(".archive-calendar")
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    expect(table.locator("caption")).to_be_in_viewport()
    last = table.locator("tbody tr").first.locator("td").last.bounding_box()
    assert last is not None and last["x"] + last["width"] <= PHONE["width"], "December is on the screen"
    heights = table.locator("a").evaluate_all("links => links.map(link => link.getBoundingClientRect().height)")
    assert min(heights) >= 44, "every month and year is at least 44 px tall to tap"
    shades = table.locator("td[class^=level-]").evaluate_all(
        "cells => [...new Set(cells.map(cell => cell.className + ' ' + getComputedStyle(cell).backgroundColor))]"
    )
    assert len({shade.split()[0] for shade in shades}) >= 3 and len(shades) == len({s.split()[0] for s in shades})
    page.close()


def test_a_months_calendar_tells_the_day_from_its_count(browser: Browser, generated_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    visit(page, generated_url + "2020/03/")
    assert no_overflow(page)
    link = page.locator(".month-calendar td a").first
    style = "e => [getComputedStyle(e).fontSize, getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    day, count = link.locator(".day").evaluate(style), link.locator(".count").evaluate(style)
    assert day != count and day[2] != count[2], "the count sits in a badge the day's date has not"
    assert float(count[0].removesuffix("px")) > float(day[0].removesuffix("px"))
    page.close()


def test_the_menu_marks_where_the_reader_is(browser: Browser, sample_url: str) -> None:
    page = browser.new_page(viewport=DESKTOP)
    menu = page.locator(".wide-menu")
    visit(page, sample_url + "tags/")
    expect(menu.get_by_role("link", name="Tags")).to_have_attribute("aria-current", "page")
    expect(menu.locator("[aria-current]")).to_have_count(1)
    visit(page, sample_url + "tags/riverside/")
    expect(menu.get_by_role("link", name="Tags")).to_have_attribute("aria-current", "true")
    visit(page, sample_url + "2025/06/")
    expect(menu.get_by_role("link", name="Archive")).to_have_attribute("aria-current", "true")
    visit(page, sample_url)
    expect(page.locator(".site-title")).to_have_attribute("aria-current", "page")
    expect(menu.locator("[aria-current]")).to_have_count(0)
    for link in menu.get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44, link.inner_text()
    page.close()


def test_on_a_phone_the_menu_opens_over_the_page_and_the_title_stays_put(browser: Browser, sample_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    visit(page, sample_url + "people/")
    title = page.locator(".site-title")
    before = title.bounding_box()
    page.get_by_text("Menu", exact=True).click()
    menu = page.locator(".phone-menu nav")
    expect(menu).to_be_visible()
    assert title.bounding_box() == before
    expect(menu.get_by_role("link", name="People")).to_have_attribute("aria-current", "page")
    for link in menu.get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44, link.inner_text()
    page.keyboard.press("Tab")
    page.close()


def test_the_focused_skip_link_does_not_cover_the_sites_title(browser: Browser, sample_url: str) -> None:
    page = browser.new_page(viewport=PHONE)
    visit(page, sample_url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    skip_box, title_box = skip.bounding_box(), page.locator(".site-title").bounding_box()
    assert skip_box is not None and title_box is not None
    assert skip_box["y"] + skip_box["height"] <= title_box["y"], "the skip link sits above the title"
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_every_page_kind_on_a_phone_and_a_desktop(
    browser: Browser, archive: Archive, scheme: str
) -> None:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    requested: list[str] = []
    for device, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        context = browser.new_context(color_scheme=scheme, viewport=viewport, is_mobile=device == "phone")
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        for kind, path in page_kinds(archive).items():
            visit(page, archive.url + path)
            if kind == "search":
                expect(page.locator("[data-result]").first).to_be_visible()
            assert no_overflow(page), f"{kind} overflows the {device}'s width"
            name = f"{archive.name}-{kind.replace(' ', '-').replace(',', '')}-{device}-{scheme}.png"
            page.screenshot(path=folder / name, full_page=True)
            assert (folder / name).stat().st_size > 5_000
        assert [url for url in requested if not url.startswith(archive.url)] == [], "no request may leave the site"
        context.close()
