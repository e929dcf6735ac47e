"""The images a site shows, found in the route step and made or kept in the render step.

Each article's lead image (`image` in its front-matter), each image its text shows (`![alt](photo.jpg)`) and
each image file its text links to (`[larger](photo.jpg)`) is
looked for beside the article's file, then under content/images/ (a path from the site's root, `/images/a.jpg`,
is read from content/). A URL is shown as it is and never fetched. A file that is missing, outside content/,
or that cannot be read as an image is one error naming the article and the image; the article is built
without it.

Incremental: an image's key (see images.Variants.key) comes from its content, read again only when the file's
stamp changed since the last build. Its variants are made once per key, however many articles show it, and
kept untouched when the last build's output holds them. Each article's images' keys are part of its digest,
so a page showing an image is made again when the image changes, and only then.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.markdown_code import without_code
from sitegen.content.model import Article
from sitegen.incremental.stamps import Stamp, Stamps, stamp
from sitegen.output.writer import OutputWriter
from sitegen.parallel import forked_map
from sitegen.problems import Problem
from sitegen.render.images import (
    CONTENT_IMAGES,
    IMAGE_SUFFIXES,
    IMAGES_FOLDER,
    PASSED_THROUGH,
    VARIANTS,
    ImageError,
    Picture,
    process,
    processor_version,
)

_ADDRESS = re.compile(r"^[a-z][a-z0-9+.-]*:|^//", re.IGNORECASE)  # a URL (a scheme, or another host): no file
# Images of the text, and links to image files (a photograph shown larger when its thumbnail is clicked).
_INLINE_IMAGE = re.compile(r"\]\(\s*<?([^\s)>]+)")


@dataclass(frozen=True)
class ImageRecord:
    """What the last build knew of one image file: its stamp, key, and the picture made (or why none)."""

    stamp: Stamp
    key: str
    picture: Picture | None = None
    error: str | None = None


@dataclass
class ImagePlan:
    records: dict[str, ImageRecord] = field(default_factory=dict)  # image file -> record, for the next build
    by_article: dict[Article, dict[str, str]] = field(default_factory=dict)  # each article's sources -> files
    by_person: dict[str, str] = field(default_factory=dict)  # people.yml's names -> their portrait's file
    problems: list[Problem] = field(default_factory=list)

    def digest(self, article: Article) -> bytes:
        """The keys of the article's images, for its digest (see incremental/plan.py)."""
        files = self.by_article.get(article)
        if not files:
            return b""
        text = "\0".join(f"{source}\0{self.records[path].key}" for source, path in sorted(files.items()))
        return hashlib.blake2b(text.encode(), digest_size=16).digest()

    def portrait_keys(self) -> dict[str, str]:
        """The key of each registered person's portrait, for their page's key."""
        return {name: self.records[path].key for name, path in self.by_person.items()}

    def portraits_key(self) -> str:
        return repr(sorted(self.portrait_keys().items())) if self.by_person else ""

    def portrait(self, name: str) -> Picture | None:
        path = self.by_person.get(name)
        return self.records[path].picture if path is not None else None

    def picture(self, article: Article, source: str) -> Picture | None:
        """The picture made of an image the article names, or None (a URL, or an image that failed)."""
        path = self.by_article.get(article, {}).get(source)
        return self.records[path].picture if path is not None else None


def plan_images(library: Library, config: Config, inputs: Stamps, previous: dict[str, ImageRecord]) -> ImagePlan:
    """Every image the articles show, each file's key (see the module's docstring), and the missing ones."""
    plan = ImagePlan()
    for article in library.articles:
        found: dict[str, str] = {}
        for source, lead in _sources(article):
            path = resolve(source, article, config.content_dir)
            if path is None:
                if lead:  # an inline image not found is a broken link, which build and check name already
                    why = "is not beside the article nor in content/images/"
                    plan.problems.append(_problem(config, article, source, why))
                continue
            record = plan.records.get(path) or _record(path, inputs, previous)
            plan.records[path] = record
            found[source] = path
        if found:
            plan.by_article[article] = found
    for person in library.registry.people.values():
        if person.image and (path := _portrait(person.image, config.content_dir)) is not None:
            plan.records[path] = plan.records.get(path) or _record(path, inputs, previous)
            plan.by_person[person.name] = path
    return plan


def _portrait(image: str, content_dir: Path) -> str | None:
    """A portrait people.yml names, where it is a file of content/ (content/images/ first); None otherwise, for
    an image the site serves itself (from static/) or by URL, shown as it is."""
    if _ADDRESS.match(image):
        return None
    content = os.path.normpath(content_dir)
    return _first_image(
        content, [os.path.join(content, CONTENT_IMAGES, image.lstrip("/")), os.path.join(content, image.lstrip("/"))]
    )


def _sources(article: Article) -> Iterator[tuple[str, bool]]:
    """The images the article shows that are files, not URLs: the lead image first (True), then its text's."""
    if article.image is not None and not article.image.remote:
        yield article.image.src, True
    if "](" in article.body:
        for match in _INLINE_IMAGE.finditer(without_code(article.body)):
            name = match.group(1).split("#")[0].split("?")[0].lower()
            if name.endswith(IMAGE_SUFFIXES) and not _ADDRESS.match(name):
                yield match.group(1), False


def resolve(source: str, article: Article, content_dir: Path) -> str | None:
    """The image file an article names, inside the content folder; None if it is not there."""
    content = os.path.normpath(content_dir)
    name = unquote(source.split("#")[0].split("?")[0])
    if name.startswith("/"):
        return _first_image(content, [os.path.join(content, name.lstrip("/"))])
    beside = os.path.dirname(os.path.join(content, article.file))
    return _first_image(content, [os.path.join(beside, name), os.path.join(content, CONTENT_IMAGES, name)])


def _first_image(content: str, candidates: list[str]) -> str | None:
    """The first candidate that is an image file inside the content folder (normalised), or None."""
    for candidate in map(os.path.normpath, candidates):
        inside = candidate.startswith(content + os.sep)
        if inside and candidate.lower().endswith(IMAGE_SUFFIXES) and os.path.isfile(candidate):
            return candidate
    return None


def _record(path: str, inputs: Stamps, previous: dict[str, ImageRecord]) -> ImageRecord:
    """The file's record: the last build's while its stamp is the same, else a new key from its content."""
    found = inputs.get(path) or stamp(path)
    known = previous.get(path)
    if known is not None and known.stamp == found:
        return known
    with open(path, "rb") as file:
        content = hashlib.file_digest(file, "sha256").hexdigest()
    return ImageRecord(found, VARIANTS.key(content, processor_version()))


def to_make(plan: ImagePlan, writer: OutputWriter) -> dict[str, str]:
    """The images whose variants the last build's output does not hold, by key, each with a file of that content;
    the others are kept, and every file of a kept key is given its picture (two files may hold one photograph)."""
    kept: dict[str, ImageRecord] = {}
    wanted: dict[str, str] = {}
    for path, record in plan.records.items():
        if record.key in kept or record.key in wanted or record.error is not None:
            continue
        if record.picture is not None and writer.keep_all(record.picture.routes):
            kept[record.key] = record
        else:
            wanted[record.key] = path
    for path, record in plan.records.items():
        if record.key in kept and record.picture is None:
            plan.records[path] = replace(kept[record.key], stamp=record.stamp)
    return wanted


def make_images(plan: ImagePlan, writer: OutputWriter, config: Config) -> list[Problem]:
    """Make the variants of every image whose key the last build's output does not hold; errors per article."""
    wanted = to_make(plan, writer)
    for key in wanted:
        writer.claim(_possible_routes(key))
    out_dir = str(writer.out_dir)
    items = sorted(wanted.items())
    results = forked_map(lambda item: _make(item, out_dir), items, 1, config.jobs, isolate=True)
    made = dict(zip((key for key, _ in items), results, strict=True))
    for path, record in list(plan.records.items()):
        if record.key in made:
            picture, stamps, error = made[record.key]
            plan.records[path] = ImageRecord(record.stamp, record.key, picture, error)
            for route in picture.routes if picture else ():
                if route not in writer.written:
                    writer.record(route, route in stamps, stamps.get(route))
    for key in wanted:
        writer.release(_possible_routes(key))
    return list(_errors(plan, config))


def _make(item: tuple[str, str], out_dir: str) -> tuple[Picture | None, dict[str, Stamp], str | None]:
    key, path = item
    try:
        picture, stamps = process(path, key, out_dir)
    except ImageError as error:
        return None, {}, str(error)
    return picture, stamps, None


def _possible_routes(key: str) -> list[str]:
    """Every file an image's folder may hold, claimed before any is written (see output/writer.py)."""
    folder = f"{IMAGES_FOLDER}{key}/"
    names = [f"{width}.webp" for width in VARIANTS.widths] + [f"image{suffix}" for suffix in PASSED_THROUGH]
    return [folder + name for name in names] + [folder + "full.webp", folder + "share.jpg"]


def _errors(plan: ImagePlan, config: Config) -> Iterator[Problem]:
    for article, files in plan.by_article.items():
        for source, path in files.items():
            if (error := plan.records[path].error) is not None:
                yield _problem(config, article, source, error)


def _problem(config: Config, article: Article, source: str, why: str) -> Problem:
    message = f"the image {source} {why}; the article is shown without it"
    return Problem(config.content_dir / article.file, message, field="image")
