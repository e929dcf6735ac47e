"""The Jinja environment: parts rendered once per build, what a broken part tells, and compiled templates that
never keep a value of an earlier build (the configuration, the command line, an edited part)."""

from __future__ import annotations

import itertools
import shutil
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import jinja2
import pytest

from sitegen.build import build
from sitegen.config import Config, load_config
from sitegen.content.model import Article
from sitegen.render.templates import TemplateProblem, environment, long_date, render
from sitegen.render.theme import THEME_DIR
from sitegen.site.model import Page
from tests.conftest import FIXTURES, site_config


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


def stale_site(root: Path) -> Config:
    """The golden fixture with a copy of the repository's templates, built once with its cache."""
    shutil.copytree(FIXTURES / "golden-site", root / "site")
    shutil.copytree(THEME_DIR, root / "templates")
    config = load_config(root / "site").replace(templates=str(root / "templates"))
    assert build(config).errors == []
    return config


def test_a_new_title_in_the_configuration_reaches_every_header_and_footer(tmp_path: Path) -> None:
    config = stale_site(tmp_path)
    config = config.replace(title="Harbour Gazette")
    build(config)
    home = (config.output_dir / "index.html").read_text(encoding="utf-8")
    header, footer = home.split('class="site-title"')[1], home.split("<footer")[1]
    assert "Harbour Gazette" in header.split("</a>")[0] and "Harbour Gazette" in footer
    assert "Golden Archive" not in home


def test_an_edited_part_shows_on_every_page_even_in_a_fresh_output_folder(tmp_path: Path) -> None:
    config = stale_site(tmp_path)
    footer = tmp_path / "templates" / "parts" / "site_footer.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("<footer", '<footer data-edited="yes"'))
    for out in (config, config.replace(output=str(tmp_path / "fresh"))):
        report = build(out)
        assert report.files_changed > 0
        assert 'data-edited="yes"' in (out.output_dir / "index.html").read_text(encoding="utf-8")
        assert 'data-edited="yes"' in (out.output_dir / "tags/index.html").read_text(encoding="utf-8")


def test_a_base_url_given_on_the_command_line_reaches_header_links_and_robots_txt(tmp_path: Path) -> None:
    config = stale_site(tmp_path)
    config = config.replace(base_url="https://news.example.com/archive/")
    build(config)
    home = (config.output_dir / "index.html").read_text(encoding="utf-8")
    assert 'class="site-title" href="/archive/"' in home
    assert 'href="/archive/tags/"' in home
    robots = (config.output_dir / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://news.example.com/archive/sitemap.xml" in robots


def test_turning_search_off_removes_the_search_box_from_every_page(tmp_path: Path) -> None:
    config = stale_site(tmp_path).replace(search=True)
    build(config)
    assert 'role="search"' in (config.output_dir / "index.html").read_text(encoding="utf-8")
    build(config.replace(search=False))
    assert not (config.output_dir / "search").exists()
    for page in ("index.html", "tags/index.html", "archive/index.html"):
        assert 'role="search"' not in (config.output_dir / page).read_text(encoding="utf-8"), page


def test_a_time_is_shown_with_its_offset_from_utc() -> None:
    moscow, kolkata = timezone(timedelta(hours=3)), timezone(timedelta(hours=5, minutes=30))
    assert long_date(datetime(2025, 6, 3, 12, 30, tzinfo=moscow), with_time=True) == "3 June 2025, 12:30 UTC+3"
    assert long_date(datetime(2025, 6, 3, 9, 5, tzinfo=kolkata), with_time=True) == "3 June 2025, 09:05 UTC+5:30"
    assert long_date(datetime(2025, 6, 3, 9, 5, tzinfo=timezone(-timedelta(hours=5))), with_time=True).endswith("UTC-5")
    assert long_date(datetime(2025, 6, 3, tzinfo=UTC), with_time=True) == "3 June 2025, 00:00 UTC"
