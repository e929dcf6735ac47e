"""The list of pages: each page declares its kind, its group and the articles it shows, and declares them all."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from bench.generate import generate
from sitegen.config import load_config
from sitegen.content.library import Library
from sitegen.content.load import load_library
from sitegen.content.model import Article
from sitegen.incremental.groups import structure_key
from sitegen.render.theme import THEME_DIR
from sitegen.site.model import Group, GroupKind, PageKind, Pagination
from sitegen.site.pages import all_pages
from sitegen.site.routes import Routes
from tests.conftest import FIXTURES


def articles_in(value: Any) -> set[Article]:
    """Every article anywhere in a page's context."""
    found: set[Article] = set()
    values = [value]
    while values:
        value = values.pop()
        if isinstance(value, Article):
            found.add(value)
        elif isinstance(value, list | tuple):
            values.extend(value)
        elif isinstance(value, dict):
            values.extend(value.values())
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):  # the front page's parts, runs
            values.extend(getattr(value, field.name) for field in dataclasses.fields(value))
    return found


def pages_of(root: Path) -> tuple[Library, list[Any]]:
    config = load_config(root).replace(templates=str(THEME_DIR), search=True)
    library = load_library(config).library
    return library, list(all_pages(library, Routes(library), config))


def test_every_page_declares_exactly_the_articles_its_context_holds(tmp_path: Path) -> None:
    generate(150, tmp_path)
    for root in (tmp_path, FIXTURES / "golden-site"):
        library, pages = pages_of(root)
        for page in pages:
            held = {library.position[article] for article in articles_in(page.context)}
            assert set(page.shows) == held, page.route
            assert list(page.shows) == sorted(page.shows)


def test_pages_have_a_typed_kind_and_group() -> None:
    library, pages = pages_of(FIXTURES / "golden-site")
    kinds = {page.route: (page.kind, page.group) for page in pages}
    article = library.articles[0]
    assert kinds[Routes(library).article(article)] == (PageKind.ARTICLE, Group(GroupKind.ARTICLE, article.file))
    assert kinds[""] == (PageKind.LISTING, Group(GroupKind.HOME))
    assert kinds["feed.xml"] == (PageKind.FEED, Group(GroupKind.SITE_FEED))
    assert kinds["tags/"] == (PageKind.INDEX, Group(GroupKind.TAG_INDEX))
    assert kinds["sitemap.xml"] == (PageKind.SITE, Group(GroupKind.SITE))
    tag = next(iter(library.by_tag))
    assert {kinds[route][1] for route in kinds if route.startswith(Routes(library).tag(tag))} == {
        Group(GroupKind.TAG, tag)
    }
    assert structure_key("site", library)  # the structure the groups are kept under


def test_a_pager_shows_the_first_and_last_pages_and_a_window_around_this_one() -> None:
    routes = tuple(f"tags/x/page/{number}/" for number in range(1, 11))
    assert Pagination(1, routes).window() == [1, 2, 3, None, 10]
    assert Pagination(6, routes).window() == [1, None, 4, 5, 6, 7, 8, None, 10]
    assert Pagination(10, routes).window() == [1, None, 8, 9, 10]
    assert Pagination(2, routes[:4]).window() == [1, 2, 3, 4]
