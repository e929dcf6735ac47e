"""The search page as a reader uses it, on the sample and the generated archive: sorting, filters, the address."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Archive, visit

pytestmark = pytest.mark.browser

RESULT_COUNT = re.compile(r"([\d,]+) results? for")  # Pagefind writes 1,989


def wait_for_results(page: Page) -> int:
    """The number of results, once the filters beside them count the same search.

    The UI shows the count a moment before it updates the filters; every article has one year, so the year
    counts add up to the results once they belong to this search.
    """
    message = page.locator(".pagefind-ui__message")
    expect(message).to_contain_text(RESULT_COUNT, timeout=15_000)
    for _ in range(100):
        match = RESULT_COUNT.search(message.inner_text())
        assert match
        count = int(match.group(1).replace(",", ""))
        if sum(filter_values(page, "Year").values()) == count:
            return count
        page.wait_for_timeout(100)
    raise AssertionError(f"the year counts {filter_values(page, 'Year')} never added up to {match.group(1)} results")


def expect_results(page: Page, count: int) -> None:
    expect(page.locator(".pagefind-ui__message")).to_contain_text(re.compile(rf"^{count:,} results? for"))


def shown_dates(page: Page) -> list[datetime]:
    expect(page.locator(".result-date").first).to_be_visible()
    return [datetime.strptime(text, "%d %B %Y") for text in page.locator(".result-date").all_inner_texts()]


def filter_values(page: Page, group: str) -> dict[str, int]:
    """The values a filter group offers, with the count beside each: {'Helen Okafor': 3, ...}."""
    text = page.get_by_role("group", name=group).inner_text()
    return {name: int(count) for name, count in re.findall(r"^(.+) \((\d+)\)$", text, re.MULTILINE)}


def article_count_on(page: Page) -> int:
    match = re.search(r"(\d+) articles?\b", page.locator("main").inner_text())
    assert match, f"no article count on {page.url}"
    return int(match.group(1))


def test_sorting_by_date_orders_the_results_across_the_yearly_bundles(page: Page, archive: Archive) -> None:
    visit(page, f"{archive.url}search/?q={archive.query}")
    total = wait_for_results(page)
    page.get_by_label("Sort results by").select_option(label="date, newest first")
    assert wait_for_results(page) == total
    newest_first = shown_dates(page)
    assert newest_first == sorted(newest_first, reverse=True)
    assert "sort=newest" in page.url
    page.get_by_label("Sort results by").select_option(label="date, oldest first")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator(".result-date").first).not_to_have_text(newest_first[0].strftime("%-d %B %Y"))
    oldest_first = shown_dates(page)
    assert oldest_first == sorted(oldest_first)
    years = sorted(int(path.name) for path in archive.site.out.glob("[0-9][0-9][0-9][0-9]"))
    assert oldest_first[0].year < newest_first[0].year, "the two ends of the archive come from different bundles"
    assert newest_first[0].year == years[-1] and oldest_first[0].year == years[0]


def test_the_query_sort_and_filters_are_kept_in_the_address(page: Page, archive: Archive) -> None:
    visit(page, f"{archive.url}search/")
    page.locator(".pagefind-ui__search-input").fill(archive.query)
    total = wait_for_results(page)
    expect(page).to_have_url(re.compile(rf"\?q={archive.query}$"))
    years = filter_values(page, "Year")
    year = max(years)
    in_year = years[year]
    assert 0 < in_year < total
    page.get_by_role("group", name="Year").get_by_label(re.compile(rf"^{year}")).check()
    expect(page).to_have_url(re.compile(rf"year={year}"))
    expect_results(page, in_year)
    page.get_by_label("Sort results by").select_option(label="date, oldest first")
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    shared = page.url

    page.reload()
    assert wait_for_results(page) == in_year
    expect(page.locator(".pagefind-ui__search-input")).to_have_value(archive.query)
    expect(page.get_by_role("group", name="Year").get_by_label(re.compile(rf"^{year}"))).to_be_checked()
    expect(page.get_by_label("Sort results by")).to_have_value("oldest")
    assert {date.year for date in shown_dates(page)} == {int(year)}

    title = page.locator(".pagefind-ui__result-title").first
    opened = title.inner_text()
    title.locator("a").click()
    expect(page.locator("h1")).to_have_text(opened)
    page.go_back()
    expect(page).to_have_url(shared)
    assert wait_for_results(page) == in_year
    expect(page.locator(".pagefind-ui__result-title").first).to_have_text(opened)


def test_filter_counts_agree_with_the_tag_and_year_pages(page: Page, archive: Archive) -> None:
    # Every article page's indexed text ends its byline with "N min read", so this search finds them all.
    visit(page, f"{archive.url}search/?q=read")
    articles = len(list(archive.site.out.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html")))
    assert wait_for_results(page) == articles
    tags, years = filter_values(page, "Tag"), filter_values(page, "Year")
    tag = max(tags, key=lambda name: tags[name])
    year = min(years)

    visit(page, f"{archive.url}tags/")
    page.get_by_role("main").get_by_role("link", name=tag, exact=True).click()
    assert article_count_on(page) == tags[tag]
    bars = page.locator(".chart rect title").evaluate_all("titles => titles.map(title => title.textContent)")
    chart = {label: int(count) for label, count in (bar.split(": ") for bar in bars)}
    visit(page, f"{archive.url}{year}/")
    assert article_count_on(page) == years[year]

    visit(page, f"{archive.url}search/?q=read")
    wait_for_results(page)
    page.get_by_role("group", name="Tag").get_by_label(re.compile(rf"^{re.escape(tag)} \(")).check()
    expect_results(page, tags[tag])
    page.get_by_role("group", name="Year").get_by_label(re.compile(rf"^{year}")).check()
    expect_results(page, chart[year])  # the tag page's chart counts the same articles that year
