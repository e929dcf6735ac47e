"""The benchmark's Hugo content: Hugo's date pages must hold the same articles as sitegen's."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from bench.hugo_content import hugo_content
from sitegen.config import load_config
from sitegen.content.frontmatter import parse
from sitegen.content.load import load_library


def test_each_article_is_filed_under_the_day_sitegen_files_it_under(tmp_path: Path) -> None:
    generate(60, tmp_path)
    posts = tmp_path / "hugo" / "posts"
    config = load_config(tmp_path)
    hugo_content(config.content_dir / "articles", posts)

    library = load_library(config).library
    assert len(library.articles) == 60
    for article in library.articles:
        meta = parse((posts / Path(article.file).relative_to("articles")).read_text()).meta
        day = article.date.astimezone(config.zone).date().isoformat()
        assert (meta["years"], meta["months"], meta["days"]) == ([day[:4]], [day[:7]], [day])
        assert meta["title"] == article.title
