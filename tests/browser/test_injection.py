"""Hostile text in every field comes out inert on every page, in feeds, the sitemap and the search metadata."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Page

from sitegen.build import build
from sitegen.config import Config
from tests.browser.conftest import serve, site_config, visit, write_article

PAYLOAD = """</script><script>alert("x")</script>"'><img src=x onerror=alert(1)>javascript:alert(2)"""
FRONT_MATTER = {
    "title": PAYLOAD,
    "date": "2025-06-03 12:30",
    "authors": [PAYLOAD, "Ann <b>Bold</b>"],
    "category": PAYLOAD,
    "tags": [PAYLOAD, "javascript:alert(3)"],
    "people": [PAYLOAD, '"><svg onload=alert(4)>'],
    "summary": PAYLOAD,
    "slug": "../../../etc/passwd",
    "source": {"url": "javascript:alert(5)", "path": "../../secret"},
}
BODY = f"""{PAYLOAD}

<script>alert(6)</script>

[a link](javascript:alert(7)) and ![an image](javascript:alert(8)) and <a href="javascript:alert(9)">raw</a>
"""
OUR_SCRIPTS = ("static/", "pagefind/")


class _Dangers(HTMLParser):
    """Collects every script that is not sitegen's own, every event handler and every script URL."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self._in_json_ld = True
            elif not any(part in (values.get("src") or "") for part in OUR_SCRIPTS):
                self.found.append(f"<script {values}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=...>")
            if name in self._url_attributes(tag, values) and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"<{tag} {name}={value}>")

    @staticmethod
    def _url_attributes(tag: str, values: dict[str, str | None]) -> tuple[str, ...]:
        """The attributes that hold a URL here; a meta tag's content does only for a few properties."""
        if tag == "meta":
            url_meta = values.get("property") in ("og:url", "og:image") or values.get("http-equiv") == "refresh"
            return ("content",) if url_meta else ()
        return ("href", "src", "action", "formaction", "poster", "data")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Config:
    root = tmp_path_factory.mktemp("hostile")
    (root / "content" / "articles").mkdir(parents=True)
    lines = "\n".join(f"{key}: {json.dumps(value)}" for key, value in FRONT_MATTER.items())
    write_article(root / "content", "hostile.md", lines, BODY)
    write_article(root / "content", "plain.md", "title: Plain\ndate: 2025-06-02\ntags: [Plain]", "Plain text.\n")
    config = site_config(root, search=True)
    assert build(config).errors == []
    return config


def output_files(config: Config, suffix: str) -> Iterator[Path]:
    return (path for path in config.output_dir.rglob(f"*{suffix}") if "pagefind" not in path.parts)


def test_no_page_carries_a_foreign_script_handler_or_script_url(hostile_site: Config) -> None:
    pages = list(output_files(hostile_site, ".html"))
    assert len(pages) > 10
    for page in pages:
        parser = _Dangers()
        parser.feed(page.read_text(encoding="utf-8"))
        assert parser.found == [], page
        for block in parser.json_ld:
            json.loads(block)  # a </script> inside would have cut it short


def test_feeds_and_the_sitemap_stay_well_formed_and_carry_the_text_as_text(hostile_site: Config) -> None:
    for feed in [*output_files(hostile_site, ".xml")]:
        root = ElementTree.parse(feed).getroot()
        texts = "".join(root.itertext())
        assert "<script>" not in ElementTree.tostring(root, encoding="unicode").replace("&lt;script&gt;", "")
        if feed.name == "feed.xml" and feed.parent == hostile_site.output_dir:
            assert PAYLOAD in texts


def test_slugs_and_source_paths_cannot_leave_the_output_folder(hostile_site: Config) -> None:
    out = hostile_site.output_dir.resolve()
    assert all(path.resolve().is_relative_to(out) for path in out.rglob("*"))
    assert not (out.parent / "etc").exists()
    assert (out / "2025" / "06" / "03" / "etc-passwd" / "index.html").is_file()


@pytest.mark.browser
def test_no_hostile_text_runs_in_the_browser_on_any_page_or_in_search(page: Page, hostile_site: Config) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    for base_url in serve(hostile_site.output_dir, hostile_site.base_path):
        for path in sorted(output_files(hostile_site, ".html")):
            relative = path.relative_to(hostile_site.output_dir).as_posix()
            if relative != "404.html":
                visit(page, base_url + relative.removesuffix("index.html"))
        visit(page, base_url + "search/?q=alert")
        page.locator("[data-result]").first.wait_for()
        page.locator("[data-result] h2 a").first.click()
        page.wait_for_load_state()
    assert dialogs == []


def test_raw_html_a_site_turns_on_is_sanitised(site_root: Path) -> None:
    body = (
        "<b>bold</b> <em>kept</em>\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
        '<a href="javascript:alert(3)">js</a> <a href="https://example.org/" onclick="alert(4)">ok</a>\n\n'
        "<iframe src=https://example.org/></iframe><style>body{display:none}</style>\n"
    )
    write_article(site_root / "content", "raw.md", "title: Raw\ndate: 2025-06-03", body)
    config = site_config(site_root, raw_html=True)
    assert build(config).errors == []
    html = (config.output_dir / "2025/06/03/raw/index.html").read_text(encoding="utf-8")
    article = html[html.index('<div class="article-body') :]
    assert "<b>bold</b>" in article and "<em>kept</em>" in article
    assert 'href="https://example.org/"' in article
    for danger in ("<script>alert", "onerror", "onclick", "javascript:", "<iframe", "<style>body"):
        assert danger not in article, danger


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    return tmp_path
