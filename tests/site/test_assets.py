"""Stylesheets and scripts are published under a hash of their bytes, and every page names them so."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from sitegen.build import build
from sitegen.config import Config
from sitegen.site.assets import HASH_LENGTH, static_assets

from ..conftest import site_config, write_article

STYLESHEET = re.compile(r'href="/static/(style\.[0-9a-f]+\.css)"')


def _site(root: Path) -> Config:
    write_article(root / "content", "2025/a.md", "title: A\ndate: 2025-06-03T10:00:00+00:00\ntags: [Harbour]")
    (root / "templates" / "static").mkdir(parents=True)
    (root / "templates" / "static" / "style.css").write_text("body { color: black; }\n")
    return site_config(root, templates="templates", search=True)


def _stylesheets(out: Path) -> set[str]:
    """The stylesheet names the site's pages link to."""
    return {name for page in out.rglob("*.html") for name in STYLESHEET.findall(page.read_text(encoding="utf-8"))}


def test_a_stylesheet_is_published_under_a_hash_of_its_bytes_and_every_page_links_that_name(tmp_path: Path) -> None:
    config = _site(tmp_path)
    build(config)
    digest = hashlib.blake2b(b"body { color: black; }\n", digest_size=16).hexdigest()[:HASH_LENGTH]
    assert _stylesheets(config.output_dir) == {f"style.{digest}.css"}
    static = sorted(path.name for path in (config.output_dir / "static").iterdir())
    search = next(name for name in static if name.startswith("search."))
    assert re.fullmatch(rf"search\.[0-9a-f]{{{HASH_LENGTH}}}\.js", search)
    assert "style.css" not in static and "favicon.svg" in static  # only stylesheets and scripts are renamed
    assert f'src="/static/{search}"' in (config.output_dir / "search" / "index.html").read_text(encoding="utf-8")


def test_an_edited_stylesheet_gets_a_new_name_on_every_page_and_the_old_file_goes(tmp_path: Path) -> None:
    config = _site(tmp_path / "site")
    build(config)
    (before,) = _stylesheets(config.output_dir)
    (tmp_path / "site" / "templates" / "static" / "style.css").write_text("body { color: navy; }\n")
    build(config)
    (after,) = _stylesheets(config.output_dir)
    assert after != before and (config.output_dir / "static" / after).read_text() == "body { color: navy; }\n"
    assert not (config.output_dir / "static" / before).exists()
    cold = config.replace(output=str(tmp_path / "cold"))
    build(cold, use_cache=False)
    assert _stylesheets(cold.output_dir) == {after}


def test_the_site_s_static_file_replaces_the_theme_s_of_its_name(tmp_path: Path) -> None:
    config = _site(tmp_path)
    assets = static_assets(config.templates_dir)
    published = assets.published("style.css")
    assert assets.sources[published] == config.templates_dir / "static" / "style.css"
    assert assets.published("favicon.svg") == "static/favicon.svg"
    scripts = [name for name in assets.names if name.endswith(".js")]
    assert "search.js" in scripts and assets.hashed == sorted([published, *map(assets.published, scripts)])
