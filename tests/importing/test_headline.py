"""A saved page's headline among its <h1>, og:title, JSON-LD and <title>, without the site's name."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from sitegen.importing.readers.headline import headline
from tests.importing.test_importer import articles, run_import, write

SITE = '<meta property="og:site_name" content="The Gazette">'


def page(head: str, body: str = "") -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><head>{head}</head><body>{body}<p>Text.</p></body></html>")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Talks resume | The Gazette", "Talks resume"),
        ("Talks resume - The Gazette | 10.06.2013", "Talks resume"),
        ("The Gazette — Talks resume", "Talks resume"),
        ("Covid-19 rules - what changes", "Covid-19 rules - what changes"),
    ],
)
def test_the_sites_name_comes_off_either_end_of_a_title(title: str, expected: str) -> None:
    assert headline(page(f"<title>{title}</title>{SITE}"), {}, None) == expected


def test_a_headline_cut_short_gives_way_to_the_complete_one() -> None:
    tree = page(f"<title>Harbour master retires after 31 years | The Gazette</title>{SITE}")
    assert headline(tree, {"headline": "Harbour master retires…"}, None) == "Harbour master retires after 31 years"


def test_a_title_that_is_only_the_sites_name_is_passed_over() -> None:
    tree = page(f"<title>The Gazette</title>{SITE}", "<article><h1>Fares rise</h1></article>")
    assert headline(tree, {}, None) == "Fares rise"


def test_the_headline_most_candidates_agree_on_wins() -> None:
    head = '<title>Fares rise in spring | The Gazette</title><meta property="og:title" content="Fares rise in spring">'
    tree = page(head + SITE, "<h1>The Gazette</h1>")
    assert headline(tree, {"headline": "Fares rise in spring"}, None) == "Fares rise in spring"


def test_a_name_ending_many_titles_of_one_import_is_the_sites_and_goes(tmp_path: Path) -> None:
    stories = ["Ferry returns to the quay", "Tram line reaches the hospital", "Market hall reopens"]
    for number, story in enumerate(stories):
        page = (
            f"<html><head><title>{story} | Harbour Weekly</title></head><body><article><h2>{story}</h2>"
            f"<p>Story {number}: the harbour board said on Monday that the work was done and the place was open "
            "again for everyone who uses it.</p><time datetime='2024-05-0{number + 1}'></time></article></body></html>"
        )
        write(tmp_path / "raw" / f"{number}.html", page)
    report = run_import(tmp_path, tmp_path / "raw", extract=False)
    assert [outcome.status for outcome in report.outcomes] == ["imported"] * 3
    titles = sorted(text.split(b"\n")[1].decode() for text in articles(tmp_path).values())
    assert titles == [f"title: {story}" for story in sorted(stories)]
