"""Links resolved as a browser resolves them, against the site's files listed once."""

from __future__ import annotations

from pathlib import Path

from sitegen.commands.linkcheck import OUTSIDE, SiteFiles, orphan_pages, site_links


def _site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"<!doctype html><html><body>{body}</body></html>", encoding="utf-8")
    return root


def test_links_resolve_relative_root_relative_folder_and_query_addresses(tmp_path: Path) -> None:
    links = (
        '<a href="../b/">up</a><a href="c">folder</a><a href="?page=2">query</a><a href="#top">here</a>'
        '<a href="/news/a/x.html?w=1&amp;h=2">entity</a><a href="/elsewhere/">outside</a>'
        '<img src="//cdn.example/x.png">'
        '<a href="https://example.org/news/">home</a><a href="mailto:desk@example.org">mail</a>'
    )
    site = _site(tmp_path, {"index.html": "", "a/index.html": links, "b/index.html": "", "a/c/index.html": ""})
    (tmp_path / "a" / "x.html").write_text("x")
    targets = {link.href: link.target for link in site_links(site, "https://example.org/news/")}
    assert targets == {
        "../b/": "b/index.html", "c": "a/c/index.html", "?page=2": "a/index.html", "#top": None,
        "/news/a/x.html?w=1&h=2": "a/x.html", "/elsewhere/": OUTSIDE, "//cdn.example/x.png": None,
        "https://example.org/news/": "index.html", "mailto:desk@example.org": None,
    }  # fmt: skip


def test_a_page_only_itself_links_to_is_an_orphan(tmp_path: Path) -> None:
    pages = {"index.html": '<a href="a/">a</a>', "a/index.html": "", "b/index.html": '<a href="?self">me</a>'}
    site = _site(tmp_path, pages)
    found = SiteFiles.of(site)
    assert orphan_pages(site, site_links(site, "http://localhost:8000/", found), found) == ["b/index.html"]
