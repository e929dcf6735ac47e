"""A post's old address, from its front-matter or its generator's permalink setting, becomes its aliases."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.content.frontmatter import parse
from tests.importing.test_importer import run_import, write

POST = "---\ntitle: {title}\ndate: 2020-12-14 10:00\n{extra}---\n\nThe text of the post, long enough to read.\n"


def aliases_of(root: Path, post: Path) -> list[str]:
    run_import(root, post.parents[len(post.relative_to(root / "old").parts) - 1], extract=False)
    (article,) = (root / "content" / "articles").rglob("*.md")
    return parse(article.read_text(encoding="utf-8")).meta.get("aliases", [])


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("", "/updates/2020/12/14/release-notes.html"),  # Jekyll's default style, date, categories first
        ("permalink: pretty\n", "/updates/2020/12/14/release-notes/"),
        ("permalink: /news/:year/:month/:day/:title/\n", "/news/2020/12/14/release-notes/"),
        ("permalink: /:categories/:title\n", "/updates/release-notes"),
    ],
)
def test_a_jekyll_post_had_the_address_its_permalink_setting_gave(tmp_path: Path, setting: str, expected: str) -> None:
    write(tmp_path / "old" / "_config.yml", f"title: Old\n{setting}")
    post = write(
        tmp_path / "old/_posts/2020-12-14-release-notes.md", POST.format(title="Notes", extra="category: Updates\n")
    )
    assert aliases_of(tmp_path, post) == [expected]


def test_a_hugo_post_by_its_sections_permalink_and_by_default(tmp_path: Path) -> None:
    write(
        tmp_path / "old" / "hugo.toml",
        'baseURL = "https://blog.example/"\n[permalinks]\nposts = "/:year/:month/:slug/"\n',
    )
    write(tmp_path / "old/content/posts/first.md", POST.format(title="First Post", extra="slug: first-one\n"))
    write(tmp_path / "old/content/notes/second/index.md", POST.format(title="Second", extra=""))
    run_import(tmp_path, tmp_path / "old", extract=False)
    metas = [parse(path.read_text(encoding="utf-8")).meta for path in (tmp_path / "content").rglob("*.md")]
    found = {meta["title"]: meta["aliases"] for meta in metas}
    assert found == {"First Post": ["/2020/12/first-one/"], "Second": ["/notes/second/"]}


def test_a_zola_post_is_at_its_section_and_its_name_without_the_date(tmp_path: Path) -> None:
    write(tmp_path / "old" / "config.toml", 'base_url = "https://zola.example"\n')
    post = write(
        tmp_path / "old/content/blog/2020-12-14-release.md",
        '+++\ntitle = "Release"\ndate = 2020-12-14\n+++\n\nText of it.\n',
    )
    assert aliases_of(tmp_path, post) == ["/blog/release/"]


def test_a_pelican_post_by_its_article_url(tmp_path: Path) -> None:
    write(tmp_path / "old" / "pelicanconf.py", "SITENAME = 'Old'\nARTICLE_URL = 'posts/{date:%Y}/{slug}/'\n")
    post = write(tmp_path / "old/content/release.md", "Title: Release Notes\nDate: 2020-12-14\n\nThe text.\n")
    assert aliases_of(tmp_path, post) == ["/posts/2020/release-notes/"]


def test_the_front_matters_own_addresses_win_over_the_setting(tmp_path: Path) -> None:
    write(tmp_path / "old" / "_config.yml", "permalink: pretty\n")
    extra = "permalink: /notes/release/\nredirect_from:\n  - /old-notes/\n"
    post = write(tmp_path / "old/_posts/2020-12-14-release.md", POST.format(title="Notes", extra=extra))
    assert aliases_of(tmp_path, post) == ["/notes/release/", "/old-notes/"]


def test_a_site_folder_gives_its_posts_and_says_what_else_it_left_out(tmp_path: Path) -> None:
    write(tmp_path / "old" / "_config.yml", "permalink: pretty\n")
    write(tmp_path / "old/_posts/2020-12-14-release.md", POST.format(title="Notes", extra=""))
    write(tmp_path / "old/_drafts/coming.md", POST.format(title="Coming", extra="published: false\n"))
    write(tmp_path / "old/about.md", POST.format(title="About", extra=""))
    write(tmp_path / "old/_layouts/post.html", "<html>{{ content }}</html>")
    write(tmp_path / "old/README.md", "# Old blog\n\nHow to build it.\n")
    report = run_import(tmp_path, tmp_path / "old", extract=False)
    assert report.counts["imported"] == 2
    assert f"{tmp_path / 'old'}: a Jekyll site: its posts are read from _posts and _drafts; 4 other files " in (
        "\n".join(report.lines())
    )


def test_a_hugo_folder_gives_the_posts_of_its_sections_not_its_pages_or_section_indexes(tmp_path: Path) -> None:
    write(tmp_path / "old" / "hugo.toml", 'baseURL = "https://blog.example/"\n')
    write(tmp_path / "old/content/posts/first.md", POST.format(title="First", extra=""))
    write(tmp_path / "old/content/posts/_index.fr.md", "---\ntitle: Articles\n---\n")
    write(tmp_path / "old/content/about/index.md", POST.format(title="About", extra=""))
    write(tmp_path / "old/content/contact.md", POST.format(title="Contact", extra=""))
    report = run_import(tmp_path, tmp_path / "old", extract=False)
    assert (report.counts["imported"], report.counts["skipped"]) == (1, 1)
    assert "_index.fr.md is a section's index page" in "\n".join(report.lines())


def test_an_eleventy_folder_gives_the_posts_in_its_input_folders_at_their_paths(tmp_path: Path) -> None:
    write(tmp_path / "old" / "eleventy.config.js", 'export const config = { dir: { input: "content" } };\n')
    write(tmp_path / "old/content/blog/first.md", POST.format(title="First", extra=""))
    write(tmp_path / "old/content/blog/second/second.md", POST.format(title="Second", extra=""))
    write(tmp_path / "old/content/about.md", POST.format(title="About", extra=""))
    write(tmp_path / "old/_includes/layouts/post.md", "{{ content }}\n")
    report = run_import(tmp_path, tmp_path / "old", extract=False)
    assert report.counts["imported"] == 2
    metas = [parse(path.read_text(encoding="utf-8")).meta for path in (tmp_path / "content").rglob("*.md")]
    assert sorted(alias for meta in metas for alias in meta["aliases"]) == ["/blog/first/", "/blog/second/"]
    assert "an Eleventy site: its posts are read from the folders of content; 3 other files" in "\n".join(
        report.lines()
    )
