"""Parts of pages rendered once per build (render.RenderedOnce), and what a broken part tells."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pytest

from sitegen.config import Config
from sitegen.content.model import Article
from sitegen.render.templates import TemplateProblem, environment, render
from sitegen.site.pages import Page
from tests.conftest import site_config


def article(title: str) -> Article:
    return Article("a.md", title, datetime(2025, 6, 3, tzinfo=UTC), (), None, (), (), "", "a", "Text.")


def templates(root: Path, files: dict[str, str]) -> Config:
    for name, text in files.items():
        (root / "templates" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "templates" / name).write_text(text, encoding="utf-8")
    return site_config(root, templates=str(root / "templates"))


def listing_of_parts(root: Path, part: str) -> jinja2.Environment:
    """A listing that shows each article as parts/item.html (part), where count() counts the parts rendered."""
    config = templates(root, {
        "list.html": '{% for a in articles %}{{ "parts/item.html"|once(article=a) }}{% endfor %}',
        "parts/item.html": part,
    })  # fmt: skip
    env = environment(config, None)
    rendered = itertools.count(1)
    env.globals["count"] = lambda: next(rendered)
    return env


def test_a_part_is_rendered_once_for_each_article_whatever_the_pages_showing_it(tmp_path: Path) -> None:
    env = listing_of_parts(tmp_path, "<li>{{ article.title }} {{ count() }}</li>")
    first, second = article("First & best"), article("Second")
    one = render(env, Page("one/", "list.html", {"articles": [first, second]}))
    two = render(env, Page("two/", "list.html", {"articles": [second, first]}))
    assert one == b"<li>First &amp; best 1</li><li>Second 2</li>"  # escaped once, not again by the page
    assert two == b"<li>Second 2</li><li>First &amp; best 1</li>"  # the same two parts, not rendered again


def test_two_articles_alike_in_every_field_still_get_a_part_each(tmp_path: Path) -> None:
    env = listing_of_parts(tmp_path, "{{ count() }}")
    assert render(env, Page("", "list.html", {"articles": [article("Same"), article("Same")]})) == b"12"


def test_a_part_may_take_a_value_called_name_and_is_rendered_once_for_each(tmp_path: Path) -> None:
    config = templates(tmp_path, {
        "chips.html": '{% for n in names %}{{ "parts/chip.html"|once(name=n) }}{% endfor %}',
        "parts/chip.html": "<li>{{ name }} {{ count() }}</li>",
    })  # fmt: skip
    env = environment(config, None)
    rendered = itertools.count(1)
    env.globals["count"] = lambda: next(rendered)
    page = render(env, Page("", "chips.html", {"names": ["Ann", "Bo", "Ann"]}))
    assert page == b"<li>Ann 1</li><li>Bo 2</li><li>Ann 1</li>"


@pytest.mark.parametrize(
    ("part", "message"),
    [(None, r"template parts/missing\.html not found"), ("{% if %}", r"parts/missing\.html:1: ")],
)
def test_a_missing_or_broken_part_names_itself(tmp_path: Path, part: str | None, message: str) -> None:
    files = {"page.html": 'before {{ "parts/missing.html"|once }}'}
    if part is not None:
        files["parts/missing.html"] = part
    env = environment(templates(tmp_path, files), None)
    with pytest.raises(TemplateProblem, match=message):
        render(env, Page("", "page.html"))
