"""A Markdown post's own image files, copied into the archive on import (sitegen/importing/media.py)."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import Config
from tests.importing.test_importer import articles, run_import, write


def photo(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 480), "teal").save(path)
    return path


def test_a_jekyll_posts_images_and_links_to_them_are_copied_and_lead_to_the_copy(tmp_path: Path) -> None:
    blog = tmp_path / "blog"
    write(blog / "_config.yml", "title: Fog\n")  # no url: links from its root cannot be made absolute
    photo(blog / "images" / "fog" / "cones.jpg")
    write(
        blog / "_posts" / "2010-07-26-fog.md",
        "---\ntitle: Fog\n---\n\nFog on the walkway.\n\n[![Cones](/images/fog/cones.jpg)](/images/fog/cones.jpg)\n",
    )
    report = run_import(tmp_path, blog / "_posts", extract=False)
    assert [outcome.warnings for outcome in report.outcomes] == [()]  # nothing left that leads nowhere
    [copied] = (tmp_path / "content" / "images").iterdir()
    assert copied.name.endswith("-cones.jpg") and copied.read_bytes() == (blog / "images/fog/cones.jpg").read_bytes()
    [text] = articles(tmp_path).values()
    assert f"[![Cones](/images/{copied.name})](/images/{copied.name})".encode() in text
    config = Config(root=tmp_path, search=False)
    assert build(config).problems == [] and check(config, build_first=False) == []
    run_import(tmp_path, blog / "_posts", extract=False)
    assert len(list((tmp_path / "content" / "images").iterdir())) == 1  # imported again: nothing new


def test_a_hugo_page_bundles_images_are_found_beside_the_post_by_path_or_by_its_pages_address(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write(site / "hugo.toml", 'baseURL = "https://walks.example.org/"\n')
    bundle = site / "content" / "posts" / "_2019" / "walk"
    photo(bundle / "images" / "railings.png")
    photo(bundle / "cover.jpg")
    write(
        bundle / "index.md",
        "---\ntitle: Walk\ndate: 2019-05-01\nimage: /posts/walk/cover.jpg\n---\n\nRailings:\n\n"
        "![Railings](images/railings.png)\n\nAnd ![a gone one](images/gone.png).\n",
    )
    report = run_import(tmp_path, site / "content", extract=False)
    [outcome] = report.outcomes
    assert outcome.warnings == (
        "1 link relative to the original site (images/gone.png) leads nowhere in the archive: pass --source-url "
        "with the site's address, or give it in the site's configuration above this file",
    )
    names = sorted(path.name.split("-", 1)[1] for path in (tmp_path / "content" / "images").iterdir())
    assert names == ["cover.jpg", "railings.png"]
    [text] = articles(tmp_path).values()
    assert b"image: /images/" in text and b"![Railings](/images/" in text


def test_a_lead_image_that_is_not_there_is_named(tmp_path: Path) -> None:
    write(tmp_path / "raw" / "post.md", "---\ntitle: Walk\ndate: 2019-05-01\nimage: cover.jpg\n---\n\nText.\n")
    [outcome] = run_import(tmp_path, tmp_path / "raw", extract=False).outcomes
    assert outcome.warnings == ("the lead image cover.jpg is not beside the post nor in its site's files",)
