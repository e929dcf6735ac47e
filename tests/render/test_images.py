"""Photographs: variants, markup, metadata, bad files and rebuilds (render/images.py, image_plan.py, pictures.py).

The test photographs are made here with Pillow; libvips, which processes them, only ever runs in the build's
worker processes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import Config
from sitegen.content.load import load_library
from sitegen.incremental.stamps import input_stamps
from sitegen.incremental.state import BuildState
from sitegen.output.writer import OutputWriter
from sitegen.render.image_plan import plan_images, to_make
from tests.conftest import write_article

ARTICLE = "2025/03/flood.md"
PAGE = "2025/03/11/flood-barrier-goes-in/index.html"


def photo(path: Path, size: tuple[int, int] = (3000, 2000), exif: Image.Exif | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, quality=85, exif=(exif or Image.Exif()).tobytes(), icc_profile=srgb)
    return path


def site(root: Path, image: str = "flood-barrier.jpg", body: str = "The first gate went in on Tuesday.\n") -> Config:
    front_matter = (
        f"title: Flood barrier goes in\ndate: 2025-03-11T09:00:00+00:00\nimage:\n  src: {image}\n"
        "  alt: Workers lower a steel gate\n  caption: The first gate going in\n  credit: Jane Doe"
    )
    write_article(root / "content", ARTICLE, front_matter, body)
    write_article(root / "content", "2025/03/ferry.md", "title: Ferry returns\ndate: 2025-03-12", "Back.\n")
    return Config(root=root, search=False)


def page(config: Config, relative: str = PAGE) -> str:
    return (config.output_dir / relative).read_text(encoding="utf-8")


def variants(config: Config) -> list[str]:
    return sorted(path.relative_to(config.output_dir).as_posix() for path in config.output_dir.glob("images/*/*"))


def test_a_photograph_gets_webp_variants_at_each_width_and_a_jpeg_for_shares(tmp_path: Path) -> None:
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path)
    assert build(config).problems == []
    names = [name.split("/")[-1] for name in variants(config)]
    assert names == ["1600.webp", "480.webp", "960.webp", "share.jpg"]
    for name in variants(config):
        with Image.open(config.output_dir / name) as made:
            expected = int(name.split("/")[-1].split(".")[0]) if name.endswith(".webp") else 1200
            assert made.size == (expected, round(expected * 2 / 3))
            assert made.format == ("WEBP" if name.endswith(".webp") else "JPEG")


def test_a_narrow_photograph_is_never_upscaled(tmp_path: Path) -> None:
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg", (700, 400))
    config = site(tmp_path)
    build(config)
    sizes = {name.split("/")[-1]: Image.open(config.output_dir / name).size for name in variants(config)}
    assert sizes == {"480.webp": (480, 274), "full.webp": (700, 400), "share.jpg": (700, 400)}


def test_the_lead_image_is_a_figure_with_srcset_sizes_and_dimensions_loaded_at_once(tmp_path: Path) -> None:
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path)
    build(config)
    html = page(config)
    figure = html.split('<figure class="lead">')[1].split("</figure>")[0]
    assert re.search(
        r'srcset="/images/\w+/480\.webp 480w, /images/\w+/960\.webp 960w, /images/\w+/1600\.webp 1600w"', figure
    )
    assert 'sizes="(min-width: 60rem) 44rem, 100vw"' in figure
    assert 'width="1600" height="1067"' in figure and 'fetchpriority="high"' in figure and "lazy" not in figure
    assert 'alt="Workers lower a steel gate"' in figure
    assert '<figcaption>The first gate going in <span class="credit">Jane Doe</span></figcaption>' in figure


def test_shares_structured_data_and_search_name_the_image(tmp_path: Path) -> None:
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path)
    build(config)
    html = page(config)
    share = re.search(r'<meta property="og:image" content="(http://localhost:8000/images/\w+/share\.jpg)">', html)
    assert share is not None
    assert f'<meta name="twitter:image" content="{share.group(1)}">' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["image"] == [share.group(1)]
    assert re.search(r'data-pagefind-meta="image\[value\]" value="/images/\w+/480\.webp"', html)


def test_listings_show_a_lazy_thumbnail(tmp_path: Path) -> None:
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path)
    build(config)
    home = page(config, "index.html")
    thumbnail = home.split('<div class="thumbnail">')[1].split("</div>")[0]
    assert 'loading="lazy" decoding="async"' in thumbnail and "480.webp 480w" in thumbnail
    assert home.count('<div class="thumbnail">') == 1  # the ferry has no image


def test_exif_orientation_is_applied_and_gps_dropped_but_the_colour_profile_kept(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated: the camera was held upright
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}  # where it was taken
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg", (1200, 800), exif)
    config = site(tmp_path)
    build(config)
    for name in variants(config):
        with Image.open(config.output_dir / name) as made:
            assert made.width < made.height, name  # turned upright
            assert dict(made.getexif()) == {} and "exif" not in made.info, name
            assert made.info.get("icc_profile"), name
    assert 'width="800" height="1200"' in page(config)


def test_an_image_in_the_text_and_one_in_content_images_become_pictures(tmp_path: Path) -> None:
    photo(tmp_path / "content/images/harbour.jpg")
    config = site(tmp_path, image="/images/harbour.jpg", body="Text.\n\n![The harbour at dusk](harbour.jpg)\n")
    report = build(config)
    assert report.problems == []
    html = page(config)
    body = html.split('<div class="article-body"')[1]
    assert '<picture><source type="image/webp"' in body and 'alt="The harbour at dusk"' in body
    assert 'loading="lazy"' in body
    assert len({name.split("/")[1] for name in variants(config)}) == 1  # one photograph, made once


def test_an_image_by_url_is_shown_as_it_is_and_never_fetched(tmp_path: Path) -> None:
    config = site(tmp_path, image="https://images.example.org/gate.jpg")
    assert build(config).problems == []
    html = page(config)
    assert '<img src="https://images.example.org/gate.jpg" alt="Workers lower a steel gate">' in html
    assert '<meta property="og:image" content="https://images.example.org/gate.jpg">' in html
    assert variants(config) == []


def test_an_animated_gif_and_an_svg_are_served_as_they_are(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (64, 48), colour) for colour in ("red", "blue")]
    gif = tmp_path / "content/articles/2025/03/flood-barrier.gif"
    gif.parent.mkdir(parents=True)
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100, loop=0)
    svg = tmp_path / "content/images/map.svg"
    svg.parent.mkdir(parents=True)
    svg.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
    )
    config = site(tmp_path, image="flood-barrier.gif", body="Text.\n\n![The map](map.svg)\n")
    assert build(config).problems == []
    made = {name.split("/")[-1]: (config.output_dir / name).read_bytes() for name in variants(config)}
    assert made == {"image.gif": gif.read_bytes(), "image.svg": svg.read_bytes()}
    html = page(config)
    assert re.search(r'<img src="/images/\w+/image\.gif" alt="Workers lower a steel gate" width="64" height="48"', html)
    assert re.search(r'<img src="/images/\w+/image\.svg" alt="The map" loading="lazy"', html)


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"not an image at all", "cannot be read as an image"),
        (None, "is not beside the article nor in content/images/"),
        ("truncated", "cannot be read as an image"),
    ],
)
def test_a_broken_or_missing_image_is_one_error_and_the_article_is_still_built(
    tmp_path: Path, content: bytes | str | None, why: str
) -> None:
    path = tmp_path / "content/articles/2025/03/flood-barrier.jpg"
    if content == "truncated":
        whole = photo(path).read_bytes()
        path.write_bytes(whole[: len(whole) // 2])
    elif content is not None:
        path.parent.mkdir(parents=True)
        path.write_bytes(content)
    config = site(tmp_path)
    report = build(config)
    assert [(problem.file.name, problem.field) for problem in report.errors] == [("flood.md", "image")]
    assert why in report.errors[0].message and "flood-barrier.jpg" in report.errors[0].message
    assert "Flood barrier goes in" in page(config) and '<figure class="lead">' not in page(config)
    assert build(config).errors == report.errors  # said again by the next build, not forgotten


def test_a_decompression_bomb_is_refused_by_its_size_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "content/articles/2025/03/flood-barrier.png"
    path.parent.mkdir(parents=True)
    Image.new("1", (8000, 7000)).save(path, optimize=True)  # 56 megapixels in a few kilobytes
    config = site(tmp_path, image="flood-barrier.png")
    [error] = build(config).errors
    assert "is 56 megapixels; at most 50 are processed" in error.message


def test_a_no_op_rebuild_makes_nothing_and_a_changed_photograph_replaces_its_variants(tmp_path: Path) -> None:
    path = photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path)
    build(config)
    before = variants(config)
    times = {name: (config.output_dir / name).stat().st_mtime_ns for name in before}
    (tmp_path / "content/articles/2025/03/ferry.md").write_text("---\ntitle: Ferry\ndate: 2025-03-12\n---\n\nNew.\n")
    assert build(config).problems == []
    assert {name: (config.output_dir / name).stat().st_mtime_ns for name in variants(config)} == times
    photo(path, (2400, 1600))
    build(config)
    after = variants(config)
    assert len(after) == 4 and set(after).isdisjoint(before)  # the old photograph's variants are gone
    assert after[0].split("/")[1] in page(config)


def test_a_portrait_in_people_yml_is_made_a_picture_and_follows_its_file(tmp_path: Path) -> None:
    portrait = photo(tmp_path / "content/images/portraits/jane.jpg", (800, 1000))
    (tmp_path / "content/people.yml").write_text("- name: Jane Doe\n  image: portraits/jane.jpg\n", encoding="utf-8")
    write_article(tmp_path / "content", ARTICLE, "title: Gates\ndate: 2025-03-11\npeople: [Jane Doe]", "Text.\n")
    config = Config(root=tmp_path, search=False)
    assert build(config).problems == []
    person = page(config, "people/jane-doe/index.html")
    first = re.search(r'<div class="portrait"><picture>.*?<img src="/images/(\w+)/share\.jpg" alt="Jane Doe"', person)
    assert first is not None
    photo(portrait, (600, 900))  # a new photograph under the same name
    build(config)
    second = re.search(
        r'<img src="/images/(\w+)/share\.jpg" alt="Jane Doe"', page(config, "people/jane-doe/index.html")
    )
    assert second is not None and second.group(1) != first.group(1)
    assert (config.output_dir / "images" / second.group(1) / "share.jpg").exists()
    assert not (config.output_dir / "images" / first.group(1)).exists()


def test_one_photograph_in_two_files_is_made_once_and_kept_by_the_next_build(tmp_path: Path) -> None:
    first = photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path)
    second = tmp_path / "content/articles/2025/04/same.jpg"
    second.parent.mkdir(parents=True)
    second.write_bytes(first.read_bytes())
    write_article(
        tmp_path / "content", "2025/04/again.md", "title: Again\ndate: 2025-04-02\nimage: same.jpg", "Text.\n"
    )
    assert build(config).problems == []
    assert len({name.split("/")[1] for name in variants(config)}) == 1
    inputs = input_stamps(config)
    loaded = load_library(config, {}, inputs, None, False)
    plan = plan_images(loaded.library, config, inputs, BuildState.load(config).images)
    assert to_make(plan, OutputWriter(config.output_dir)) == {}  # kept: nothing is made again
    assert all(record.picture is not None for record in plan.records.values())


def test_a_link_alone_to_a_photograph_leads_to_its_jpeg(tmp_path: Path) -> None:
    photo(tmp_path / "content/articles/2025/03/flood-barrier.jpg")
    config = site(tmp_path, image="https://images.example.org/gate.jpg", body="See [the gate](flood-barrier.jpg).\n")
    assert build(config).problems == []
    assert re.search(r'<a href="/images/\w+/share\.jpg">the gate</a>', page(config))
    assert check(config, build_first=False) == []
