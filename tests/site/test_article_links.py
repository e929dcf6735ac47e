"""Links in articles that lead nowhere in the site are warnings of the build (sitegen/site/article_links.py)."""

from __future__ import annotations

from pathlib import Path

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import Config
from tests.conftest import write_article

LINKS = """Links: [the other article](/2025/06/02/harbour/), [relative](../../02/harbour/), [a tag](/tags/ferries/),
[the icon](/static/favicon.svg), [outside](https://elsewhere.example.com/x/), [mail](mailto:desk@example.org),
[a fragment](#top), `[in code](/nowhere-in-code/)`, and these lead nowhere: [about](/about/),
![photo](photo.jpg), [post]({filename}/missing-post.md).
"""


def site(root: Path, body: str) -> Config:
    content = root / "content"
    write_article(content, "2025/06/harbour.md", "title: Harbour\ndate: 2025-06-02\ntags: [Ferries]")
    write_article(content, "2025/06/links.md", "title: Links\ndate: 2025-06-03", body)
    return Config(root=root, search=False)


def test_the_build_names_each_article_link_that_leads_nowhere_and_check_agrees(tmp_path: Path) -> None:
    config = site(tmp_path, LINKS)
    report = build(config)
    assert [(problem.file.name, problem.message) for problem in report.warnings] == [
        ("links.md", "3 links lead to no page or file of the site: /about/, photo.jpg, {filename}/missing-post.md")
    ]
    broken = [str(problem) for problem in check(config) if "leads to no file" in str(problem)]
    assert len(broken) == 3  # what check finds in the built page: the same three links


def test_an_article_whose_links_all_lead_somewhere_gives_no_warning(tmp_path: Path) -> None:
    config = site(tmp_path, "See [the harbour](/2025/06/02/harbour/) and [the icon](/static/favicon.svg).\n")
    assert build(config).problems == []


def test_html_links_count_only_where_the_site_lets_raw_html_through(tmp_path: Path) -> None:
    config = site(tmp_path, '<p>See <a href="/nowhere/">this</a>.</p>\n')
    assert build(config).problems == []  # shown as text: no link
    warnings = build(config.replace(raw_html=True)).warnings
    assert [problem.message for problem in warnings] == ["1 link leads to no page or file of the site: /nowhere/"]
