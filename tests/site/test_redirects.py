"""Old addresses keep working: an article's aliases and its sources' addresses on the site redirect to it."""

from __future__ import annotations

from pathlib import Path

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import Config
from tests.conftest import site_config, write_article

SITE = "https://news.example.org/archive/"


def redirect_site(tmp_path: Path, front_matter: str, *others: str) -> Config:
    config = site_config(tmp_path, base_url=SITE)
    write_article(config.content_dir, "2020/12/release.md", "title: Release\ndate: 2020-12-14\n" + front_matter)
    for number, other in enumerate(others):
        write_article(config.content_dir, f"2021/01/other-{number}.md", other)
    return config


def warnings(config: Config) -> list[str]:
    return [str(problem).split(": warning: ", 1)[1] for problem in build(config).warnings]


def test_an_alias_is_a_page_that_sends_the_reader_to_the_article(tmp_path: Path) -> None:
    config = redirect_site(tmp_path, "aliases: [/news/2020/12/14/release/]")
    assert warnings(config) == []
    page = (config.output_dir / "news/2020/12/14/release/index.html").read_text()
    new = "https://news.example.org/archive/2020/12/14/release/"
    assert '<meta http-equiv="refresh" content="0; url=/archive/2020/12/14/release/">' in page
    assert f'<link rel="canonical" href="{new}">' in page
    assert (config.output_dir / "_redirects").read_text() == (
        "/archive/news/2020/12/14/release/ /archive/2020/12/14/release/ 301\n"
    )


def test_an_old_file_address_and_one_without_a_slash_redirect_too(tmp_path: Path) -> None:
    config = redirect_site(tmp_path, "aliases: [/old/release.html, /node/42]")
    build(config)
    assert (config.output_dir / "old/release.html").is_file()
    assert (config.output_dir / "node/42/index.html").is_file()


def test_a_source_address_on_the_site_redirects_and_one_elsewhere_does_not(tmp_path: Path) -> None:
    sources = "source:\n- url: https://news.example.org/archive/blog/release.html\n- url: https://other.example/x/"
    sources += "\n- url: javascript:alert(5)"
    config = redirect_site(tmp_path, sources)
    assert warnings(config) == []
    assert (config.output_dir / "blog/release.html").is_file()
    assert not (config.output_dir / "x").exists() and not (config.output_dir / "alert(5)").exists()


def test_an_alias_never_replaces_a_page_of_the_site(tmp_path: Path) -> None:
    config = redirect_site(tmp_path, "aliases: [/tags/, /2021/01/05/other/]", "title: Other\ndate: 2021-01-05")
    assert warnings(config) == [
        "aliases: the old address /tags/ is the address of a page of this site; no redirect is written for it",
        "aliases: the old address /2021/01/05/other/ is the address of a page of this site; "
        "no redirect is written for it",
    ]
    assert "Other" in (config.output_dir / "2021/01/05/other/index.html").read_text()
    assert "refresh" not in (config.output_dir / "tags/index.html").read_text()


def test_two_articles_with_one_old_address_give_it_to_the_first(tmp_path: Path) -> None:
    other = "title: Other\ndate: 2021-01-05\naliases: /old/"
    config = redirect_site(tmp_path, "aliases: /old/", other)
    assert warnings(config) == [
        "aliases: the old address /old/ is already an old address of articles/2021/01/other-0.md; "
        "no redirect is written for it"
    ]
    assert "2021/01/05/other/" in (config.output_dir / "old/index.html").read_text()


def test_addresses_a_static_host_cannot_serve_are_named(tmp_path: Path) -> None:
    aliases = "aliases: ['/?p=12', 'https://news.example.org/elsewhere/', 'https://other.example/a/', 'javascript:x()']"
    config = redirect_site(tmp_path, aliases)
    assert warnings(config) == [
        f"aliases: the old address {address} {why}; no redirect is written for it"
        for address, why in [
            ("/?p=12", "has a query (?...), which a static host cannot serve as a page"),
            ("https://news.example.org/elsewhere/", "is outside the site's base path /archive/"),
            ("https://other.example/a/", "is not on the site's address (base_url)"),
            ("javascript:x()", "is not a web address (http or https, or a path from the site's root)"),
        ]
    ]


def test_the_article_own_address_needs_no_redirect(tmp_path: Path) -> None:
    config = redirect_site(tmp_path, "aliases: [/2020/12/14/release/]")
    assert warnings(config) == []
    assert not (config.output_dir / "_redirects").exists()


def test_check_is_clean_with_redirects_and_names_an_alias_left_out(tmp_path: Path) -> None:
    config = redirect_site(tmp_path, "aliases: [/news/release/, /tags/]")
    problems = [str(problem) for problem in check(config)]
    assert len(problems) == 1 and "the old address /tags/ is the address of a page" in problems[0]


def test_editing_an_alias_moves_its_redirect_in_a_rebuild(tmp_path: Path) -> None:
    config = redirect_site(tmp_path, "aliases: [/first/]")
    build(config)
    article = config.content_dir / "articles/2020/12/release.md"
    article.write_text(article.read_text().replace("/first/", "/second/"))
    build(config)
    assert not (config.output_dir / "first").exists()
    assert (config.output_dir / "second/index.html").is_file()
    assert "/archive/second/ " in (config.output_dir / "_redirects").read_text()


def test_links_to_an_old_address_of_an_article_lead_to_its_page(tmp_path: Path) -> None:
    config = site_config(tmp_path, base_url=SITE)
    old = "aliases: [/notes/release/]\nsource:\n  url: https://old.example.org/2020/12/14/release.html"
    write_article(config.content_dir, "2020/12/release.md", f"title: Release\ndate: 2020-12-14\n{old}")
    body = (
        "See [the notes](https://old.example.org/2020/12/14/release.html#changes), "
        "[again](/notes/release/), [by the old host](https://old.example.org/notes/release/) "
        "and [elsewhere](https://other.example/notes/release/).\n"
    )
    write_article(config.content_dir, "2021/01/later.md", "title: Later\ndate: 2021-01-05", body)
    build(config)
    page = (config.output_dir / "2021/01/05/later/index.html").read_text()
    new = "/archive/2020/12/14/release/"
    assert f'href="{new}#changes"' in page
    assert f'<a href="{new}">again</a>' in page
    assert f'<a href="{new}">by the old host</a>' in page
    assert 'href="https://other.example/notes/release/"' in page
