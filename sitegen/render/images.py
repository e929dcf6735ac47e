"""Photographs made ready for pages: WebP variants at a few widths and one JPEG, by libvips (pyvips).

What each image gives the site (a Picture) is decided by its content alone, so its variants live in a folder
named by a key of that content and of VARIANTS: the same photograph used by many articles is made once, and a
rebuild that finds the folder in the last build's output keeps it untouched (see image_plan.py).

Guarantees:
- widths: VARIANTS.widths no wider than the photograph (never upscaled), and the photograph's own width when it
  is narrower than the widest; the JPEG for shares at VARIANTS.share_width, or less;
- orientation: EXIF orientation is applied, then every piece of metadata is dropped (GPS above all: a newsroom must
  not publish where a source was photographed) except the colour profile;
- size: an image of more than MAX_PIXELS is refused by its header, before anything is decoded;
- animated GIFs and SVGs are copied as they are (an SVG is only ever shown through <img>, where it runs nothing);
- a file that cannot be read whole (corrupt, truncated) is an ImageError, which names why.

libvips was chosen by measurement over Pillow (bench/README.md): its shrink-on-load makes the variants of a
3000×2000 photograph in two thirds of Pillow's processor time, in the same memory.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
from dataclasses import dataclass
from pathlib import Path

from sitegen.output.writer import Stamp, write_if_changed

MAX_PIXELS = 50_000_000
PASSED_THROUGH = {".gif": "image/gif", ".svg": "image/svg+xml"}
PROCESSED = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".avif", ".heic")
IMAGE_SUFFIXES = PROCESSED + tuple(PASSED_THROUGH)  # what a file must end with to be taken for an image
IMAGES_FOLDER = "images/"  # in the output: each image's variants, below its key
CONTENT_IMAGES = "images"  # below the content folder: images articles share, and import's copies


@dataclass(frozen=True)
class Variants:
    """What is made of each photograph; part of each image's key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    share_width: int = 1200  # og:image and twitter:image: the width social sites show best
    webp_quality: int = 80
    jpeg_quality: int = 82

    def key(self, content_digest: str, version: str) -> str:
        """The folder name of an image's variants: its content, these settings and sitegen's version."""
        text = f"{content_digest}\0{self}\0{version}"
        return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


VARIANTS = Variants()


@dataclass(frozen=True)
class Picture:
    """A processed image, as pages show it: routes in the output, each WebP with its width."""

    key: str
    width: int  # of the largest variant (or the file passed through, 0 where it does not say)
    height: int
    sources: tuple[tuple[int, str], ...]  # (width, route) of each WebP variant, narrowest first
    fallback: str  # the route of the JPEG (or the file passed through): src, and the image for shares
    mime: str = "image/jpeg"
    share_width: int = 0  # the JPEG's width

    @property
    def routes(self) -> list[str]:
        return [route for _, route in self.sources] + [self.fallback]

    @property
    def smallest(self) -> str:
        """The route of the smallest file: for search results' thumbnails."""
        return self.sources[0][1] if self.sources else self.fallback

    def height_at(self, width: int) -> int:
        return round(self.height * width / self.width) if self.width else 0


@functools.cache
def processor_version() -> str:
    """What else decides the variants' bytes: this module's code and libvips's release (read without loading it)."""
    try:
        libvips = importlib.metadata.version("pyvips-binary")
    except importlib.metadata.PackageNotFoundError:
        libvips = "system"
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16] + libvips


class ImageError(Exception):
    """An image that cannot be used; the message says why."""


def process(source: str, key: str, out_dir: str, variants: Variants = VARIANTS) -> tuple[Picture, dict[str, Stamp]]:
    """Make the variants of source into out_dir (see the module's docstring); the Picture, and the stamp of
    each file written anew. Raises ImageError."""
    suffix = os.path.splitext(source)[1].lower()
    folder = f"{IMAGES_FOLDER}{key}/"
    if suffix in PASSED_THROUGH:
        return _passed_through(source, folder + f"image{suffix}", out_dir, PASSED_THROUGH[suffix], key)
    import pyvips  # imported where used: only builds with photographs load libvips

    try:
        header = pyvips.Image.new_from_file(source, access="sequential")
        if header.width * header.height > MAX_PIXELS:
            megapixels = header.width * header.height / 1_000_000
            raise ImageError(f"is {megapixels:.0f} megapixels; at most {MAX_PIXELS // 1_000_000} are processed")
        # The widest variant, bounded by the longer side: EXIF orientation may turn the image when it is loaded.
        largest = min(max(variants.widths), max(header.width, header.height))
        image = pyvips.Image.thumbnail(source, largest, height=10 * largest, size="down", fail_on="truncated")
        image = image.copy_memory()  # decoded once, read for every variant
        return _variants(image, folder, out_dir, variants, key)
    except pyvips.Error as error:
        # The reason without the file's name: files of one content share one key, and so one error, which
        # must read the same whichever of them was processed.
        lines = str(error).strip().splitlines()
        reason = lines[-1].strip().replace(f'"{source}"', "the file") if lines else "cannot be decoded"
        raise ImageError(f"cannot be read as an image ({reason.replace(source, 'the file')})") from error


def _variants(image: object, folder: str, out_dir: str, variants: Variants, key: str) -> tuple[Picture, dict]:
    width, height = image.width, image.height  # type: ignore[attr-defined]
    # Each variant's file is named by its width; a photograph narrower than the widest also gives its own
    # width, as "full".
    named = [(each, f"{each}.webp") for each in variants.widths if each <= width]
    if width < max(variants.widths) and width not in variants.widths:
        named.append((width, "full.webp"))
    stamps: dict[str, Stamp] = {}
    sources = []
    for each, name in named:
        resized = image if each == width else image.thumbnail_image(each, height=10 * each)  # type: ignore[attr-defined]
        _write(out_dir, folder + name, resized.webpsave_buffer(Q=variants.webp_quality, keep="icc"), stamps)
        sources.append((each, folder + name))
    share = min(variants.share_width, width)
    resized = image if share == width else image.thumbnail_image(share, height=10 * share)  # type: ignore[attr-defined]
    fallback = f"{folder}share.jpg"
    _write(out_dir, fallback, resized.jpegsave_buffer(Q=variants.jpeg_quality, keep="icc", interlace=True), stamps)
    largest = max(each for each, _ in named)
    picture = Picture(key, largest, round(height * largest / width), tuple(sources), fallback, share_width=share)
    return picture, stamps


def _passed_through(source: str, route: str, out_dir: str, mime: str, key: str) -> tuple[Picture, dict]:
    try:
        with open(source, "rb") as file:
            data = file.read()
    except OSError as error:
        raise ImageError(f"cannot be read: {error.strerror or error}") from error
    stamps: dict[str, Stamp] = {}
    _write(out_dir, route, data, stamps)
    width, height = _gif_size(data) if mime == "image/gif" else (0, 0)
    return Picture(key, width, height, (), route, mime), stamps


def _gif_size(data: bytes) -> tuple[int, int]:
    """A GIF's logical screen size, from its header."""
    if len(data) < 10 or not data.startswith((b"GIF87a", b"GIF89a")):
        raise ImageError("is not a GIF image")
    return int.from_bytes(data[6:8], "little"), int.from_bytes(data[8:10], "little")


def _write(out_dir: str, route: str, data: bytes, stamps: dict[str, Stamp]) -> None:
    stamp = write_if_changed(out_dir, route, data)  # type: ignore[arg-type]
    if stamp is not None:
        stamps[route] = stamp
