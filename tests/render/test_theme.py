"""The packaged theme: a site's own templates come first, file by file, and `sitegen theme eject` copies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Config
from sitegen.render.theme import THEME_DIR, eject
from tests.conftest import write_article


def site(root: Path) -> Config:
    write_article(root / "content", "2025/06/storm.md", "title: Storm\ndate: 2025-06-03")
    return Config(root=root, search=False)


def test_one_template_of_the_site_overrides_the_themes_and_extends_its_base(tmp_path: Path) -> None:
    config = site(tmp_path)
    override = '{% extends "base.html" %}{% block main %}<p id="mine">{{ article.title }}</p>{% endblock %}'
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "article.html").write_text(override, encoding="utf-8")
    assert build(config).problems == []
    page = (config.output_dir / "2025/06/03/storm/index.html").read_text(encoding="utf-8")
    assert '<p id="mine">Storm</p>' in page
    assert "<header" in page  # the theme's base around it
    assert "<header" in (config.output_dir / "index.html").read_text(encoding="utf-8")  # the theme's home


def test_a_site_static_file_replaces_the_themes_and_the_rest_stay(tmp_path: Path) -> None:
    config = site(tmp_path)
    (tmp_path / "templates" / "static").mkdir(parents=True)
    (tmp_path / "templates" / "static" / "style.css").write_text("body { color: teal }\n", encoding="utf-8")
    build(config)
    (stylesheet,) = (config.output_dir / "static").glob("style.*.css")
    (script,) = (config.output_dir / "static").glob("search.*.js")
    assert stylesheet.read_text() == "body { color: teal }\n"
    assert script.read_bytes() == (THEME_DIR / "static" / "search.js").read_bytes()


def test_adding_then_editing_an_override_rebuilds_the_pages_it_makes(tmp_path: Path) -> None:
    config = site(tmp_path)
    page = config.output_dir / "2025/06/03/storm/index.html"
    build(config)
    (tmp_path / "templates").mkdir()
    override = tmp_path / "templates" / "article.html"
    override.write_text('{% extends "base.html" %}{% block main %}<p>first</p>{% endblock %}', encoding="utf-8")
    build(config)
    assert "<p>first</p>" in page.read_text(encoding="utf-8")
    override.write_text('{% extends "base.html" %}{% block main %}<p>second</p>{% endblock %}', encoding="utf-8")
    build(config)
    assert "<p>second</p>" in page.read_text(encoding="utf-8")


def test_eject_copies_theme_files_and_never_overwrites_the_sites(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "base.html").write_text("mine")
    written = eject(tmp_path / "templates", ["base.html", "parts/site_footer.html"])
    assert written == [tmp_path / "templates" / "parts" / "site_footer.html"]
    assert (tmp_path / "templates" / "base.html").read_text() == "mine"
    with pytest.raises(ValueError, match=r"the theme has no nope\.html"):
        eject(tmp_path / "templates", ["nope.html"])


def test_an_article_in_another_language_marks_its_headline_and_text_and_structured_data(tmp_path: Path) -> None:
    write_article(tmp_path / "content", "2025/06/fahre.md", "title: Neue Fähre\ndate: 2025-06-03\nlanguage: de")
    config = Config(root=tmp_path, search=False)
    assert build(config).problems == []
    page = (config.output_dir / "2025/06/03/neue-fahre/index.html").read_text(encoding="utf-8")
    assert '<h1 lang="de">Neue Fähre</h1>' in page and '<div class="article-body" lang="de">' in page
    assert '"inLanguage": "de"' in page
