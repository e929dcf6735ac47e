from datetime import datetime
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from sitegen.content.library import Library
from sitegen.content.model import Article, Period, Registry
from sitegen.search.shards import article_files_glob
from sitegen.site.routes import Routes, output_file

UTC = ZoneInfo("UTC")


def article(name: str, slug: str, day: int, hour: int = 9, tags: tuple[str, ...] = (), people: tuple[str, ...] = ()):
    return Article(
        file=f"articles/{name}.md", title=name, date=datetime(2025, 6, day, hour, tzinfo=UTC), authors=(),
        category=None, tags=tags, people=people, summary="", slug=slug, body="",
    )  # fmt: skip


def test_article_tag_person_and_period_routes() -> None:
    a = article("a", "talks", 3, tags=("United States",), people=("Dmitry Peskov",))
    routes = Routes(Library.of([a], Registry()))
    assert routes.article(a) == "2025/06/03/talks/"
    assert routes.tag("United States") == "tags/united-states/"
    assert routes.tag("United States", 2) == "tags/united-states/page/2/"
    assert routes.person_feed("Dmitry Peskov") == "people/dmitry-peskov/feed.xml"
    assert routes.period(Period(2025, 6)) == "2025/06/"
    assert routes.period(Period(2025, 6, 3), 3) == "2025/06/03/page/3/"


def test_articles_with_the_same_slug_on_the_same_day_both_get_pages() -> None:
    later, earlier, other_day = article("z", "talks", 3, hour=15), article("y", "talks", 3), article("x", "talks", 4)
    routes = Routes(Library.of([later, earlier, other_day], Registry()))
    assert routes.article(earlier) == "2025/06/03/talks/"
    assert routes.article(later) == "2025/06/03/talks-2/"
    assert routes.article(other_day) == "2025/06/04/talks/"


def test_a_slug_that_would_clash_with_pagination_is_moved() -> None:
    a = article("a", "page", 3)
    assert Routes(Library.of([a], Registry())).article(a) == "2025/06/03/page-2/"


def test_names_with_the_same_slug_both_get_pages() -> None:
    a = article("a", "a", 3, tags=("Café",), people=("José Pérez", "Jose Perez"))
    b = article("b", "b", 3, tags=("Cafe",))
    routes = Routes(Library.of([a, b], Registry()))
    assert {routes.tag("Cafe"), routes.tag("Café")} == {"tags/cafe/", "tags/cafe-2/"}
    assert {routes.person("Jose Perez"), routes.person("José Pérez")} == {"people/jose-perez/", "people/jose-perez-2/"}


def test_output_files() -> None:
    assert output_file("") == "index.html"
    assert output_file("tags/") == "tags/index.html"
    assert output_file("feed.xml") == "feed.xml"


def test_the_search_glob_of_a_year_takes_its_article_pages_and_no_listing() -> None:
    a, b = article("a", "talks", 3), article("b", "page", 4)
    routes = Routes(Library.of([a, b], Registry()))
    glob = article_files_glob("2025")
    articles = [output_file(routes.article(a)), output_file(routes.article(b))]
    listings = [
        output_file(routes.period(Period(2025), 2)),
        output_file(routes.period(Period(2025, 6), 2)),
        output_file(routes.period(Period(2025, 6, 3))),
        output_file(routes.period(Period(2025, 6, 3), 2)),
    ]
    depth = len(PurePosixPath(glob).parts)
    matches = [PurePosixPath(f).match(glob) and len(PurePosixPath(f).parts) == depth for f in articles + listings]
    assert matches == [True] * 2 + [False] * 4
