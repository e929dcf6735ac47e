"""Links relative to an imported article's original site, made absolute against its address."""

from __future__ import annotations

from pathlib import Path

from sitegen.importing.links import SiteAddresses, resolve_links, unresolved_warnings
from tests.conftest import FIXTURES
from tests.importing.test_importer import articles, run_import

SITES = FIXTURES / "import-sites"
BODY = """See [the fog](/fog/) and ![a bridge](images/bridge.jpg), <a href="../2019/talks/">talks</a>,
[elsewhere](https://example.com/x), [a note](#note) and [mail](mailto:desk@example.org).

[ref]: /photos/
"""


def test_relative_links_are_those_without_a_scheme_host_or_fragment() -> None:
    assert resolve_links(BODY, None, None) == (BODY, ["/fog/", "images/bridge.jpg", "../2019/talks/", "/photos/"])


def test_against_the_pages_own_address_every_relative_link_is_resolved() -> None:
    body, left = resolve_links(BODY, "https://news.example.org/2020/05/story/", None)
    assert left == []
    assert (
        "](https://news.example.org/fog/)" in body
        and "(https://news.example.org/2020/05/story/images/bridge.jpg)" in body
    )
    assert (
        'href="https://news.example.org/2020/05/2019/talks/"' in body
        and "[ref]: https://news.example.org/photos/" in body
    )
    assert "(https://example.com/x)" in body and "(#note)" in body and "(mailto:desk@example.org)" in body


def test_against_the_sites_address_only_links_from_its_root_are_resolved() -> None:
    body, left = resolve_links(BODY, None, "https://notes.example.org/blog/")
    assert "](https://notes.example.org/blog/fog/)" in body and "[ref]: https://notes.example.org/blog/photos/" in body
    assert left == ["images/bridge.jpg", "../2019/talks/"]


def test_the_site_address_comes_from_the_configuration_above_the_file() -> None:
    assert (
        SiteAddresses().of(SITES / "jekyll" / "_posts" / "2011-06-13-bridges-in-fog.markdown")
        == "https://notes.example.org/"
    )
    assert (
        SiteAddresses().of(SITES / "hugo" / "content" / "posts" / "harbour-walk" / "index.md")
        == "https://harbour.example.net/blog/"
    )


def test_a_jekyll_posts_links_to_its_site_become_absolute(tmp_path: Path) -> None:
    report = run_import(tmp_path, SITES / "jekyll" / "_posts" / "2011-06-13-bridges-in-fog.markdown", extract=False)
    assert [outcome.warnings for outcome in report.outcomes] == [()]
    [text] = articles(tmp_path).values()
    assert b"(https://notes.example.org/images/fog/bridge-blue.jpg)" in text  # the linked image, as Markdown
    assert b"(https://notes.example.org/fog/)" in text
    assert b"](https://notes.example.org/photos/)" in text and b"[photos]:" not in text  # a reference, inline


def test_liquid_in_a_jekyll_post_becomes_what_it_showed_and_the_rest_is_named(tmp_path: Path) -> None:
    report = run_import(tmp_path, SITES / "jekyll" / "_posts" / "2012-03-02-liquid-in-a-post.md", extract=False)
    [outcome] = report.outcomes
    assert outcome.warnings == (
        "the template code {% include %} was removed (the text between a pair is kept)",
        "the template code {{ site.repository }} was removed (the text between a pair is kept)",
    )
    [text] = articles(tmp_path).values()
    assert b"[about page](https://notes.example.org/about/)" in text  # {{ site.baseurl }}, then the site's address
    assert b"[Bridges in fog](2011-06-13-bridges-in-fog.md)" in text  # post_url: the build finds the article
    assert b'[notes](https://notes.example.org/walks/ "Walk notes")' in text
    assert b"Templates print a title with {{ page.title }}." in text and b"{% raw %}" not in text
    assert b'```python\nprint("harbour")\n```' in text and b"{%" not in text


def test_a_link_with_nothing_to_resolve_it_against_is_named_in_a_warning(tmp_path: Path) -> None:
    report = run_import(tmp_path, SITES / "hugo" / "content", extract=False)
    [outcome] = report.outcomes
    assert outcome.status == "imported"
    assert outcome.warnings == (
        "1 link relative to the original site (railings.jpg) leads nowhere in the archive: pass --source-url with "
        "the site's address, or give it in the site's configuration above this file",
    )
    [text] = articles(tmp_path).values()
    assert b"(https://harbour.example.net/blog/places/lighthouse/)" in text


def test_the_source_url_option_stands_for_a_site_without_configuration(tmp_path: Path) -> None:
    post = tmp_path / "raw" / "post.md"
    post.parent.mkdir()
    post.write_text("---\ntitle: Pier\ndate: 2024-01-01\n---\n\nSee [the pier](/pier/).\n", encoding="utf-8")
    run_import(tmp_path, post, extract=False, source_url="https://old.example.org/")
    [text] = articles(tmp_path).values()
    assert b"(https://old.example.org/pier/)" in text


def test_hugos_configuration_folder_is_read_and_a_development_address_passed_over(tmp_path: Path) -> None:
    post = tmp_path / "blog" / "content" / "posts" / "walk.md"
    post.parent.mkdir(parents=True)
    post.write_text("---\ntitle: Walk\n---\n\nText.\n", encoding="utf-8")
    default = tmp_path / "blog" / "config" / "_default" / "hugo.toml"
    default.parent.mkdir(parents=True)
    default.write_text('baseURL = "http://localhost:1313"\n', encoding="utf-8")
    assert SiteAddresses().of(post) is None
    production = tmp_path / "blog" / "config" / "production" / "hugo.toml"
    production.parent.mkdir(parents=True)
    production.write_text('baseURL = "https://walks.example.org"\n', encoding="utf-8")
    assert SiteAddresses().of(post) == "https://walks.example.org/"


def test_links_to_other_posts_in_a_generators_syntax_are_told_apart() -> None:
    warnings = unresolved_warnings(["@/hello.md", "{filename}/unbelievable.rst", "images/a.jpg"])
    assert warnings == [
        "1 link relative to the original site (images/a.jpg) leads nowhere in the archive: pass --source-url with "
        "the site's address, or give it in the site's configuration above this file",
        "2 links to other posts in the source site's own syntax (@/hello.md, {filename}/unbelievable.rst) are "
        "left as written and lead nowhere in the archive",
    ]


def test_a_link_to_another_host_in_the_pages_scheme_gets_https() -> None:
    body, left = resolve_links("See [the paper](//doi.org/10.1118/1.3267037).\n", None, None)
    assert (body, left) == ("See [the paper](https://doi.org/10.1118/1.3267037).\n", [])
