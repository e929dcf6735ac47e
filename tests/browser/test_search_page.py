"""The search page as a reader uses it, on the sample and the generated archive: names, highlights, filters,
sorting, the address, Back, and the layout."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import REPO, Archive, visit

pytestmark = pytest.mark.browser

SEED_SLUG = "kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with"
COUNT = re.compile(r"^([\d,]+) (?:results?|articles?)\b")


def search_url(archive_url: str, query: str) -> str:
    return f"{archive_url}search/?{query}"


def result_count(page: Page) -> int:
    """The number of results the page reports, once it has shown the first of them (or that there are none)."""
    status = page.locator(".search-status")
    expect(status).to_have_text(COUNT, timeout=15_000)
    match = COUNT.match(status.inner_text())
    assert match
    return int(match.group(1).replace(",", ""))


def expect_count(page: Page, count: int) -> None:
    expect(page.locator(".search-status")).to_have_text(re.compile(rf"^{count:,} "), timeout=15_000)


def results(page: Page) -> Locator:
    return page.locator("[data-result]")


def shown_dates(page: Page) -> list[datetime]:
    expect(results(page).first).to_be_visible()
    texts = page.locator(".result-meta").all_inner_texts()
    return [datetime.strptime(text.rsplit(" · ", 1)[-1], "%d %B %Y") for text in texts]


def facet(page: Page, name: str) -> Locator:
    """The facet, opened, once its values are listed."""
    details = page.locator(f".facet[data-facet='{name}']")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    expect(details.locator(".facet-values li").first).to_be_visible(timeout=15_000)
    return details


def facet_values(page: Page, name: str) -> dict[str, int]:
    """The values a facet lists, with the count beside each: {'Helen Okafor': 3, ...}."""
    labels = facet(page, name).locator(".facet-values label").all_inner_texts()
    return {value: int(count) for value, count in (label.rsplit(maxsplit=1) for label in labels)}


def tick(page: Page, name: str, value: str) -> None:
    facet(page, name).get_by_role("checkbox", name=re.compile(rf"^{re.escape(value)} \d+$")).check()


def article_count_on(page: Page) -> int:
    match = re.search(r"(\d+) articles?\b", page.locator("main").inner_text())
    assert match, f"no article count on {page.url}"
    return int(match.group(1))


def test_a_persons_canonical_name_finds_the_articles_that_spell_it_otherwise(page: Page, sample_url: str) -> None:
    visit(page, search_url(sample_url, "q=Zelensky"))
    assert result_count(page) >= 1
    expect(results(page).first.locator("h2")).to_contain_text("Kremlin says no breakthrough")
    article = REPO / "content/articles/2025/06" / f"{SEED_SLUG}.md"
    assert "Zelensky " not in article.read_text(encoding="utf-8").split("---")[2], "the text spells him otherwise"


def test_the_matched_words_are_highlighted_in_each_excerpt(page: Page, archive: Archive) -> None:
    visit(page, search_url(archive.url, f"q={archive.query}"))
    assert result_count(page) > 1
    marks = page.locator("[data-result] .result-excerpt mark")
    expect(marks.first).to_be_visible()
    assert {mark.lower() for mark in marks.all_inner_texts()} <= {archive.query.lower(), f"{archive.query.lower()}."}


def test_ten_results_at_a_time_and_more_on_request(page: Page, archive: Archive) -> None:
    visit(page, search_url(archive.url, "q=read"))
    total = result_count(page)
    expect(results(page)).to_have_count(min(10, total))
    if total > 10:
        page.get_by_role("button", name="Show more results").click()
        expect(results(page)).to_have_count(min(20, total))


def test_values_within_a_facet_widen_the_search_and_facets_narrow_it(page: Page, archive: Archive) -> None:
    visit(page, search_url(archive.url, "q=read"))
    result_count(page)
    years = facet_values(page, "year")
    first, second = sorted(years)[:2]
    tick(page, "year", first)
    expect_count(page, years[first])
    tick(page, "year", second)
    expect_count(page, years[first] + years[second])
    assert "year=" in page.url and page.url.count("year=") == 2
    sections = facet_values(page, "section")
    section = max(sections, key=lambda name: sections[name])
    assert sections[section] < years[first] + years[second]
    tick(page, "section", section)
    expect_count(page, sections[section])
    chips = page.get_by_role("list", name="Chosen filters").get_by_role("button")
    expect(chips).to_have_count(3)
    chips.filter(has_text=section).click()
    expect_count(page, years[first] + years[second])


def test_filters_alone_list_every_matching_article_newest_first(page: Page, archive: Archive) -> None:
    visit(page, f"{archive.url}people/")
    person = page.get_by_role("main").locator("a[href*='/people/']").first
    name = person.inner_text()
    person.click()
    on_person_page = article_count_on(page)
    visit(page, search_url(archive.url, f"person={name}"))
    assert result_count(page) == on_person_page
    dates = shown_dates(page)
    assert dates == sorted(dates, reverse=True)
    expect(page.get_by_role("list", name="Chosen filters").get_by_role("button")).to_have_text([f"{name} ✕"])


def test_sorting_by_date_orders_the_results_across_the_bundles(page: Page, archive: Archive) -> None:
    visit(page, search_url(archive.url, f"q={archive.query}"))
    total = result_count(page)
    page.get_by_label("Sort by").select_option(label="newest first")
    expect(page).to_have_url(re.compile(r"sort=newest"))
    expect_count(page, total)
    newest_first = shown_dates(page)
    assert newest_first == sorted(newest_first, reverse=True)
    page.get_by_label("Sort by").select_option(label="oldest first")
    expect(page.locator(".result-meta").first).not_to_have_text(re.compile(newest_first[0].strftime("%-d %B %Y")))
    oldest_first = shown_dates(page)
    assert oldest_first == sorted(oldest_first)
    years = sorted(int(path.name) for path in archive.site.out.glob("[0-9][0-9][0-9][0-9]"))
    assert newest_first[0].year == years[-1] and oldest_first[0].year == years[0]


def test_the_query_sort_and_filters_are_kept_in_the_address(page: Page, archive: Archive) -> None:
    visit(page, f"{archive.url}search/")
    box = page.get_by_role("searchbox", name="Search the archive")
    box.fill(archive.query)
    total = result_count(page)
    expect(page).to_have_url(re.compile(rf"\?q={archive.query}$"))
    years = facet_values(page, "year")
    year = max(years)
    assert 0 < years[year] < total
    tick(page, "year", year)
    expect(page).to_have_url(re.compile(rf"year={year}"))
    page.get_by_label("Sort by").select_option("oldest")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    page.reload()
    expect_count(page, years[year])
    expect(box).to_have_value(archive.query)
    expect(page.get_by_label("Sort by")).to_have_value("oldest")
    assert {date.year for date in shown_dates(page)} == {int(year)}


def test_back_brings_back_the_loaded_results_and_the_scroll_position(page: Page, archive: Archive) -> None:
    visit(page, search_url(archive.url, "q=read"))
    if result_count(page) <= 10:
        pytest.skip("one screen of results")
    page.get_by_role("button", name="Show more results").click()
    expect(results(page)).to_have_count(20)
    twelfth = results(page).nth(11).locator("h2 a")
    twelfth.scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    title = twelfth.inner_text()
    twelfth.click()
    expect(page.locator("h1")).to_have_text(title)
    page.go_back()
    expect(results(page)).to_have_count(20)
    page.wait_for_function(f"Math.abs(window.scrollY - {scrolled}) < 50")


def test_a_misspelt_name_that_finds_nothing_suggests_the_name(page: Page, sample_url: str) -> None:
    visit(page, search_url(sample_url, "q=Okafr"))
    assert result_count(page) == 0
    suggestion = page.locator(".search-status").get_by_role("link", name="Okafor")
    expect(suggestion).to_be_visible(timeout=15_000)
    suggestion.click()
    assert result_count(page) > 0


def test_a_misspelt_word_of_the_text_that_finds_nothing_suggests_the_word(page: Page, sample_url: str) -> None:
    visit(page, search_url(sample_url, "q=breakthruogh"))
    assert result_count(page) == 0
    suggestion = page.locator(".search-status").get_by_role("link", name="breakthrough")
    expect(suggestion).to_be_visible(timeout=15_000)
    suggestion.click()
    assert result_count(page) > 0


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 768)], ids=["phone", "desktop"])
def test_results_are_in_the_first_screen_and_the_layout_holds_still(
    browser: Browser, archive: Archive, width: int, height: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.add_init_script(
        "window.shifts = 0; new PerformanceObserver(list => list.getEntries().forEach(entry => {"
        " if (!entry.hadRecentInput) window.shifts += entry.value; })).observe({type: 'layout-shift', buffered: true});"
    )
    visit(page, search_url(archive.url, f"q={archive.query}"))
    result_count(page)
    first = results(page).first.bounding_box()
    assert first is not None and first["y"] + 40 < height
    assert page.evaluate("window.shifts") < 0.1
    assert page.get_by_role("searchbox").count() == 1, "one search box: the header's"
    page.close()


def test_the_first_result_is_a_few_tab_presses_away(page: Page, archive: Archive) -> None:
    visit(page, search_url(archive.url, f"q={archive.query}"))
    result_count(page)
    first = results(page).first.locator("a")
    for _ in range(10):
        page.keyboard.press("Tab")
        if first.evaluate("link => link === document.activeElement"):
            break
    else:
        raise AssertionError("the first result was not reached in 10 Tab presses")


def test_the_search_runtime_is_fetched_once_whatever_the_number_of_bundles(page: Page, archive: Archive) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    visit(page, search_url(archive.url, f"q={archive.query}"))
    result_count(page)
    bundles = len(list((archive.site.out / "pagefind").iterdir()))
    assert bundles == (1 if archive.name == "sample" else 20)  # the sample's two years make one bundle
    assert sum(url.endswith(".pagefind") for url in fetched) == 1
    assert sum(url.endswith("/pagefind.js") for url in fetched) == 1
    assert sum("pagefind-entry.json" in url for url in fetched) == bundles


def test_filter_counts_agree_with_the_tag_and_year_pages(page: Page, archive: Archive) -> None:
    # Every article page's indexed text ends its byline with "N min read", so this search finds them all.
    visit(page, search_url(archive.url, "q=read"))
    articles = len(list(archive.site.out.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html")))
    assert result_count(page) == articles
    tags, years = facet_values(page, "tag"), facet_values(page, "year")
    tag = max(tags, key=lambda name: tags[name])
    year = min(years)
    visit(page, f"{archive.url}tags/")
    page.get_by_role("main").get_by_role("link", name=tag, exact=True).click()
    assert article_count_on(page) == tags[tag]
    bars = page.locator(".chart rect title").evaluate_all("titles => titles.map(title => title.textContent)")
    chart = {label: int(count) for label, count in (bar.split(": ") for bar in bars)}
    visit(page, f"{archive.url}{year}/")
    assert article_count_on(page) == years[year]
    visit(page, search_url(archive.url, f"q=read&tag={tag}&year={year}"))
    expect_count(page, chart[year])  # the tag page's chart counts the same articles that year
