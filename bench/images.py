"""Photographs: sitegen's image work against Hugo's .Resize making the same variants, side by side.

    .venv/bin/python bench/images.py 200 [2000]

Each article has a lead photograph of its own, a 3000x2000 JPEG (made once, in bench/work/images-N/). Both
tools make WebP at 480, 960 and 1600 wide (quality 80) and a JPEG at 1200 (quality 82) of each, and show the
article pages; search is off in both, so the figures are the image work and the pages. Each tool's cold build
starts without its cache (sitegen's .sitegen-cache and output, Hugo's resources/ and public/); then sitegen's
rebuild with nothing changed is timed.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
from pathlib import Path

from PIL import Image, ImageDraw
from run import BIN, WORK, Run, measure

HUGO_CONFIG = """baseURL = "http://localhost:8000/"
title = "Image benchmark"
disableKinds = ["RSS", "section", "taxonomy", "term"]
[permalinks.page]
posts = "/:year/:month/:day/:slug/"
"""
# The same variants as sitegen's (sitegen/render/images.py): three WebP widths and a JPEG for shares.
HUGO_SINGLE = """<!doctype html><html><body><article><h1>{{ .Title }}</h1>
{{ with .Resources.GetMatch "photo.jpg" }}{{ $photo := . }}
{{ $share := $photo.Resize "1200x jpg q82" }}
<picture><source type="image/webp" srcset="
{{- range $i, $w := slice 480 960 1600 -}}
{{ if $i }}, {{ end }}{{ ($photo.Resize (printf "%dx webp q80" $w)).RelPermalink }} {{ $w }}w
{{- end }}">
<img src="{{ $share.RelPermalink }}" width="{{ $share.Width }}" height="{{ $share.Height }}" alt=""></picture>
{{ end }}
{{ .Content }}</article></body></html>
"""
HUGO_LIST = """<!doctype html><html><body>
{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</body></html>
"""


def photograph(path: Path, number: int) -> None:
    """A 3000x2000 JPEG of its own: a gradient with shapes placed by the article's number."""
    generator = random.Random(number)
    image = Image.linear_gradient("L").resize((3000, 2000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = generator.randrange(2800), generator.randrange(1800)
        colour = tuple(generator.randrange(256) for _ in range(3))
        draw.ellipse((x, y, x + generator.randrange(40, 400), y + generator.randrange(40, 400)), fill=colour)
    image.save(path, quality=88)


def prepare(count: int) -> tuple[Path, Path]:
    root = WORK / f"images-{count}"
    sitegen, hugo = root / "sitegen", root / "hugo"
    made = root / ".made"
    if not made.exists():
        shutil.rmtree(root, ignore_errors=True)
        (hugo / "layouts" / "_default").mkdir(parents=True)
        (sitegen / "sitegen.toml").parent.mkdir(parents=True)
        (sitegen / "sitegen.toml").write_text('title = "Image benchmark"\nsearch = false\n', encoding="utf-8")
        (hugo / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
        (hugo / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
        (hugo / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
        for number in range(count):
            day = f"2025-{1 + number % 12:02d}-{1 + number % 28:02d}"
            folder = sitegen / "content" / "articles" / day[:4] / day[5:7]
            folder.mkdir(parents=True, exist_ok=True)
            photograph(folder / f"photo-{number}.jpg", number)
            text = f"Article {number} shows a photograph of the harbour.\n"
            (folder / f"article-{number}.md").write_text(
                f"---\ntitle: Article {number}\ndate: {day}\nimage: photo-{number}.jpg\n---\n\n{text}", encoding="utf-8"
            )
            bundle = hugo / "content" / "posts" / f"article-{number}"
            bundle.mkdir(parents=True)
            os.link(folder / f"photo-{number}.jpg", bundle / "photo.jpg")
            (bundle / "index.md").write_text(
                f"---\ntitle: Article {number}\ndate: {day}\nslug: article-{number}\n---\n\n{text}", encoding="utf-8"
            )
        made.touch()
    return sitegen, hugo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", type=int, nargs="+")
    for count in parser.parse_args().counts:
        sitegen, hugo = prepare(count)
        for folder in (sitegen / "public", sitegen / ".sitegen-cache", hugo / "public", hugo / "resources"):
            shutil.rmtree(folder, ignore_errors=True)
        runs: dict[str, Run] = {
            "sitegen, cold": measure([str(BIN / "sitegen"), "build"], sitegen, sitegen / "content"),
            "sitegen, nothing changed": measure([str(BIN / "sitegen"), "build"], sitegen, sitegen / "content"),
            "Hugo, cold": measure([str(BIN / "hugo"), "--quiet", "--source", str(hugo)], hugo, hugo / "content"),
        }
        hugo_time = runs["Hugo, cold"].seconds
        print(f"{count} articles, each with a 3000x2000 photograph:")
        for name, run in runs.items():
            print(f"  {name:<26} {run.seconds:7.2f} s  {run.peak_mb:6.0f} MB  {run.seconds / hugo_time:5.2f} of Hugo's")


if __name__ == "__main__":
    main()
