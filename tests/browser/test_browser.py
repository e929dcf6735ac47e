"""The built sample archive in a real browser: Debian's Chromium, driven by Playwright, on a local server."""

import re
from urllib.parse import quote, urljoin

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import ARTIFACTS, Archive, visit
from tests.conftest import BuiltSite

pytestmark = pytest.mark.browser

SEED_TITLE = "Kremlin says no breakthrough agreement reached during 2nd round of talks with Ukraine"


def search(page: Page, base_url: str, query: str) -> None:
    visit(page, f"{base_url}search/?q={query}")
    expect(page.locator(".search-status")).to_contain_text(re.compile(r"\d+ results? for"), timeout=10_000)


def test_searching_for_a_surname_finds_the_article_and_opens_it(page: Page, sample_url: str) -> None:
    search(page, sample_url, "Peskov")
    titles = page.locator("[data-result] h2")
    expect(titles.first).to_have_text(SEED_TITLE)
    expect(page.locator("[data-result] .result-meta").first).to_contain_text("3 June 2025")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "search.png", full_page=True)
    titles.first.locator("a").click()
    expect(page.locator("h1")).to_have_text(SEED_TITLE)
    assert page.url.startswith(f"{sample_url}2025/06/03/kremlin-says")


def test_the_header_search_box_leads_to_the_results(page: Page, sample_url: str) -> None:
    visit(page, sample_url)
    page.get_by_role("searchbox", name="Search the archive").fill("Istanbul")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("[data-result] h2").first).to_have_text(SEED_TITLE, timeout=10_000)


def test_a_person_filter_narrows_results_to_that_persons_articles(page: Page, sample_url: str) -> None:
    visit(page, f"{sample_url}people/jonas-lindqvist/")
    person_page_count = page.locator(".article-list > li").count()
    search(page, sample_url, "Riverside")
    everything = page.locator("[data-result]").count()
    people = page.locator(".facet[data-facet='person']")
    people.locator("summary").click()
    people.get_by_role("checkbox", name=re.compile(r"^Jonas Lindqvist \d+$")).check()
    results = page.locator("[data-result] h2")
    expect(results).to_have_count(person_page_count)
    assert person_page_count < everything
    for title in results.all_inner_texts():
        assert "Rovers" in title


def test_person_tag_and_date_links_all_lead_somewhere(page: Page, sample_url: str) -> None:
    article = f"{sample_url}2025/06/03/kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with/"
    visit(page, article)
    page.get_by_role("complementary").get_by_role("link", name="Dmitry Peskov").click()
    expect(page.locator("h1")).to_have_text("Dmitry Peskov")
    expect(page.locator(".description")).to_have_text("Press secretary of the President of Russia.")
    page.get_by_role("link", name=SEED_TITLE).click()
    page.get_by_role("complementary").get_by_role("link", name="Kremlin").click()
    expect(page.locator("h1")).to_have_text("Kremlin")
    visit(page, article)
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="June 2025", exact=True).click()
    expect(page.locator("h1")).to_have_text("June 2025")
    page.get_by_role("link", name="← March 2025").click()
    expect(page.locator("h1")).to_have_text("March 2025")


def test_no_link_on_the_main_pages_answers_404(page: Page, sample_url: str) -> None:
    starts = ["", "archive/", "tags/", "people/", "2025/06/", "people/helen-okafor/"]
    links: set[str] = set()
    for start in starts:
        visit(page, sample_url + start)
        hrefs = page.locator("a[href]").evaluate_all(  # the charts' bars are links of SVG, whose href is no string
            "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)"
        )
        links.update(href.split("#")[0] for href in hrefs if href.startswith(sample_url))
    assert len(links) > 30
    for link in sorted(links):
        response = page.request.get(link)
        assert response.status == 200, f"{link} answered {response.status}"


def test_a_reader_goes_from_a_surname_search_to_the_person_a_date_and_the_next_month(
    page: Page, archive: Archive
) -> None:
    visit(page, f"{archive.url}people/")
    name = page.get_by_role("main").locator("a[href*='/people/']").first.inner_text()
    surname = name.split()[-1]
    search(page, archive.url, surname)
    page.locator("[data-result] h2 a").first.click()
    people = page.get_by_role("complementary").get_by_role("link", name=re.compile(rf" {surname}$"))
    expect(people.first).to_be_visible()  # the top result is about someone of that name
    person = people.first.inner_text()
    people.first.click()
    expect(page.locator("h1")).to_have_text(person)
    page.get_by_role("main").locator(".article-list a").first.click()
    month = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").nth(2)
    month_name = month.inner_text()
    month.click()
    expect(page.locator("h1")).to_have_text(month_name)
    neighbours = page.get_by_role("navigation", name="Neighbouring months").get_by_role("link")
    step = neighbours.last
    target = step.inner_text().strip("←→ ")
    step.click()
    expect(page.locator("h1")).to_have_text(target)


def test_an_unknown_address_gets_the_sites_404_page(page: Page, sample_url: str) -> None:
    response = page.goto(f"{sample_url}no/such/page/")
    assert response is not None and response.status == 404
    expect(page.locator("h1")).to_have_text("Page not found")


def test_on_a_phone_the_sections_are_in_a_menu_that_opens(browser: Browser, archive: Archive) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    visit(page, archive.url)
    people = page.get_by_role("link", name="People", exact=True)
    expect(people).to_be_hidden()
    page.get_by_text("Menu", exact=True).click()
    expect(people).to_be_visible()
    people.click()
    expect(page.locator("h1")).to_have_text("People")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"phone-people-{archive.name}.png")
    context.close()


SCREENSHOTS = {
    "home": "",
    "article": "2025/06/03/kremlin-says-no-breakthrough-agreement-reached-during-2nd-round-of-talks-with/",
    "person": "people/helen-okafor/",
    "tag": "tags/riverside/",
    "section": "sections/local/",
    "author": "authors/maria-costa/",
    "month": "2025/06/",
    "archive": "archive/",
    "search": "search/?q=Riverside",
}


def test_an_article_leads_to_its_section_and_its_authors_each_with_a_feed(browser: Browser, sample_url: str) -> None:
    page = browser.new_page()
    visit(page, sample_url + SCREENSHOTS["article"])
    article_title = page.locator("main h1").inner_text()
    page.locator("article .kicker a").click()
    expect(page.locator("main h1")).to_have_text("News")
    expect(page.locator(".article-list", has_text=article_title)).to_have_count(1)
    feed = page.locator("main a", has_text="Atom feed").get_attribute("href")
    assert feed is not None and visit(page, urljoin(page.url, feed)).headers["content-type"].startswith(
        ("application/atom+xml", "application/xml", "text/xml")
    )
    visit(page, sample_url + "2025/01/09/library-reopens-after-two-year-renovation/")
    article_title = page.locator("main h1").inner_text()
    author = page.locator("article .meta a").first
    name = author.inner_text()
    author.click()
    expect(page.locator("main h1")).to_have_text(name)
    expect(page.locator(".article-list", has_text=article_title)).to_have_count(1)
    page.locator(".kicker a", has_text="Authors").click()
    expect(page.locator("main")).to_contain_text(name)
    page.close()


def test_a_long_listing_has_numbered_pages_to_jump_to_and_marks_the_current_one(
    browser: Browser, generated_site: BuiltSite, generated_url: str
) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    visit(page, generated_url)  # the home listing: 100 pages of 20 articles
    pager = page.get_by_role("navigation", name=re.compile("^Pages"))
    expect(pager.locator("[aria-current=page]")).to_have_text("1")
    last = pager.get_by_role("link", name=re.compile("the last"))
    count = int(last.inner_text())
    assert count == -(-generated_site.report.articles // generated_site.config.page_size)
    last.click()
    expect(page.get_by_role("navigation", name=re.compile("^Pages")).locator("[aria-current=page]")).to_have_text(
        str(count)
    )
    pager = page.get_by_role("navigation", name=re.compile("^Pages"))
    pager.get_by_role("link", name=str(count - 2), exact=True).click()
    expect(page.get_by_role("navigation", name=re.compile("^Pages")).locator("[aria-current=page]")).to_have_text(
        str(count - 2)
    )
    box = page.get_by_role("navigation", name=re.compile("^Pages")).get_by_role("link").first.bounding_box()
    assert box is not None and box["height"] >= 44  # a touch target
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_the_people_index_is_by_surname_with_letters_to_jump_to_and_a_filter(browser: Browser, sample_url: str) -> None:
    page = browser.new_page()
    visit(page, sample_url + "people/")
    names = page.locator(".lettered li a").all_inner_texts()
    assert names.index("Tomás Brennan") < names.index("Jonas Lindqvist") < names.index("Helen Okafor")
    page.locator(".letters a", has_text="O").click()
    assert page.url.endswith("#letter-O")
    page.get_by_label("Filter people").fill("okaf")
    expect(page.locator(".lettered li:visible")).to_have_count(1)
    expect(page.locator(".lettered li:visible")).to_have_text(re.compile("Helen Okafor"))
    expect(page.locator(".letter:visible h2")).to_have_text(["O"])
    expect(page.get_by_role("status")).to_have_text(f"1 of {len(names)} shown")
    page.close()
    plain = browser.new_context(java_script_enabled=False).new_page()
    visit(plain, sample_url + "people/")
    expect(plain.locator(".lettered li")).to_have_count(len(names))
    expect(plain.get_by_label("Filter people")).to_have_count(0)
    plain.context.close()


def test_an_article_prints_black_on_white_without_header_search_or_chips(browser: Browser, sample_url: str) -> None:
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    visit(page, sample_url + SCREENSHOTS["article"])
    page.emulate_media(media="print")
    for hidden in (".site-header", ".site-footer", ".chips"):
        assert not page.locator(hidden).first.is_visible(), hidden
    colours = page.evaluate(
        "[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor,"
        " getComputedStyle(document.querySelector('main h1')).color]"
    )
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)", "rgb(0, 0, 0)"]
    shown = page.evaluate(  # the sample's texts hold no link: one is added as an article's text would hold it
        "() => { const a = Object.assign(document.createElement('a'), {href: 'https://example.org/report'});"
        " a.textContent = 'the report'; document.querySelector('.article-body p').append(a);"
        " return getComputedStyle(a, '::after').content; }"
    )
    assert "https://example.org/report" in shown
    page.pdf(path=str(ARTIFACTS / "article-print.pdf"))
    context.close()


def test_a_chart_keeps_its_proportions_on_a_phone(browser: Browser, sample_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    visit(page, sample_url + SCREENSHOTS["tag"])
    chart = page.locator(".chart svg").first
    box = chart.bounding_box()
    width, height = (float(part) for part in chart.get_attribute("viewBox").split()[2:])
    assert box is not None and abs(box["width"] / box["height"] - width / height) < 0.05
    assert "system-ui" in chart.locator("text").first.evaluate("t => getComputedStyle(t).fontFamily")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_an_article_offers_plain_share_links_and_a_copy_link_button(browser: Browser, sample_url: str) -> None:
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=sample_url.rstrip("/"))
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    visit(page, sample_url + SCREENSHOTS["article"])
    address = page.locator("link[rel=canonical]").get_attribute("href")
    assert address is not None
    share = page.locator(".share")
    email = share.get_by_role("link", name="Email").get_attribute("href")
    assert email is not None and email.startswith("mailto:") and quote(address, safe="/") in email
    assert quote(address, safe="/") in (share.get_by_role("link", name="Facebook").get_attribute("href") or "")
    share.get_by_role("button", name="Copy link").click()
    expect(share.get_by_role("status")).to_have_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert all(url.startswith(sample_url) for url in requested), "no request may leave the site"
    context.close()
    plain = browser.new_context(java_script_enabled=False).new_page()
    visit(plain, sample_url + SCREENSHOTS["article"])
    expect(plain.locator(".share").get_by_role("button", name="Copy link")).to_be_hidden()
    expect(plain.locator(".share").get_by_role("link", name="Email")).to_be_visible()
    plain.context.close()


def test_on_this_day_leads_from_the_home_page_and_a_day_to_that_day_in_every_year(
    browser: Browser, generated_url: str
) -> None:
    page = browser.new_page()
    visit(page, generated_url)
    page.locator("main").get_by_role("link", name="On this day", exact=True).click()
    expect(page.locator("main h1")).to_have_text("On this day")
    page.locator(".days a").first.click()
    expect(page.locator("main h1")).to_have_text(re.compile(r"^On \d+ January$"))
    years = page.locator("main .years a").all_inner_texts()
    assert len(years) > 1, "the generated archive has ten years"
    page.get_by_role("link", name=years[0], exact=True).click()
    expect(page.locator("main h1")).to_have_text(re.compile(rf"January {years[0]}$"))
    page.get_by_role("link", name=re.compile("in every year$")).click()
    expect(page.locator("main h1")).to_have_text(re.compile(r"^On \d+ January$"))
    page.close()
