"""Load the article files of content/articles/ into Articles, normalising what people write."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sitegen.content import normalise
from sitegen.content.frontmatter import Document, FrontMatterError, field_line, parse
from sitegen.content.model import Article, Registry
from sitegen.content.normalise import FieldError
from sitegen.problems import Problem, ProblemsError

ARTICLES_DIR = "articles"
# Tags, and people, one article may name. Each name is a page, a feed and a search filter value, and every
# feed entry lists its article's names, so a tag's feed costs as much as the names of its articles: an article
# naming thousands would make every one of their feeds that large. Past this, the first ones are kept.
MAX_NAMES = 100
MAX_ARTICLE_BYTES = 5_000_000  # a news article is far smaller; a bigger file is a mistake, and would be slow
# Fields that mean the same as a canonical one: what people write -> the schema's name.
FIELD_ALIASES = {"author": "authors", "tag": "tags", "person": "people", "description": "summary"}
KNOWN_FIELDS = {
    "title", "date", "updated", "authors", "category", "tags", "people", "summary", "slug",
    "image", "aliases", "language", "source", "draft", "date_inferred", "import_hash",
}  # fmt: skip


def article_files(content_dir: Path) -> Iterator[Path]:
    """Every Markdown file below content/articles/, in a stable order; hidden files and links to folders skipped."""
    return map(Path, article_paths(content_dir))


def article_paths(content_dir: Path) -> Iterator[str]:
    """The files of article_files as plain strings: a rebuild goes over every one but reads only a few, and on
    a large archive making a Path of each would cost more than the rest of looking at it."""
    root = content_dir / ARTICLES_DIR
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith("."):
                yield os.path.join(folder, name)


def load_article(path: Path, content_dir: Path, zone: ZoneInfo, registry: Registry) -> tuple[Article, list[Problem]]:
    """One article and its warnings; raises ProblemsError naming every field that cannot be used."""
    data = _read(path)
    try:
        document = parse(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        message = f"not UTF-8 text (byte {error.start} cannot be decoded); save the file as UTF-8"
        raise ProblemsError([Problem(path, message, line)]) from error
    except FrontMatterError as error:
        raise ProblemsError([Problem(path, str(error), error.line)]) from error
    return _ArticleReader(path, document, zone, registry).read(content_dir)


def _read(path: Path) -> bytes:
    try:
        with open(path, "rb", buffering=0) as file:  # unbuffered: one read, and no asking if it is a terminal
            size = os.fstat(file.fileno()).st_size
            if size > MAX_ARTICLE_BYTES:
                megabytes = f"{size / 1_000_000:.1f} MB"
                limit = f"{MAX_ARTICLE_BYTES // 1_000_000} MB"
                raise ProblemsError([Problem(path, f"the file is {megabytes}; an article may be at most {limit}")])
            return file.read()
    except OSError as error:
        raise ProblemsError([Problem(path, f"cannot be read: {error.strerror or error}")]) from error


class _ArticleReader:
    """Reads the fields of one parsed file, gathering every problem before giving up."""

    def __init__(self, path: Path, document: Document, zone: ZoneInfo, registry: Registry) -> None:
        self.path, self.document, self.zone, self.registry = path, document, zone, registry
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self.written_keys: dict[str, str] = {}  # canonical field -> the key as written in the file
        self.meta = self._canonical_fields(document.meta)

    def read(self, content_dir: Path) -> tuple[Article, list[Problem]]:
        title = self.field("title", normalise.text, required=True)
        date = self.field("date", lambda value: normalise.timestamp(value, self.zone), required=True)
        people = self.field("people", normalise.name_list) or ()
        tags = self.field("tags", normalise.name_list) or ()
        article_fields = {
            "authors": self.field("authors", normalise.name_list) or (),
            "category": self.field("category", normalise.optional_text),
            "tags": self._at_most(_unique(self.registry.canonical_tag(tag) for tag in tags), "tags"),
            "people": self._at_most(_unique(self.registry.canonical_person(name) for name in people), "people"),
            "updated": self.field("updated", lambda value: normalise.timestamp(value, self.zone)),
            "sources": self.field("source", normalise.sources) or (),
            "draft": self.field("draft", normalise.flag) or False,
            "aliases": self.field("aliases", normalise.address_list) or (),
            "language": self.field("language", normalise.language),
            "image": self.field("image", normalise.image),
        }
        summary = self.field("summary", normalise.optional_text)
        slug = self.field("slug", normalise.optional_text)
        if self.errors:
            raise ProblemsError(self.errors)
        article = Article(
            file=self.path.relative_to(content_dir).as_posix(),
            title=title,
            date=date,
            summary=summary or normalise.summary_from_body(self.document.body),
            slug=normalise.slug(slug or title),
            body=self.document.body,
            **article_fields,
        )
        return article, self.warnings

    def field(self, key: str, convert: Callable[[Any], Any], required: bool = False) -> Any:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self.errors.append(Problem(self.path, f"{key} is missing; every article needs one", 1, key))
            return None
        try:
            return convert(value)
        except FieldError as error:
            self.errors.append(Problem(self.path, str(error), self._line(self.written_keys[key]), key))
            return None

    def _at_most(self, names: tuple[str, ...], key: str) -> tuple[str, ...]:
        """The names, or the first MAX_NAMES of them with a warning."""
        if len(names) <= MAX_NAMES:
            return names
        message = f"names {len(names)} {key}; an article may have at most {MAX_NAMES}: the first ones are kept"
        self.warnings.append(Problem(self.path, message, self._line(self.written_keys[key]), key, warning=True))
        return names[:MAX_NAMES]

    def _canonical_fields(self, meta: dict[Any, Any]) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        for raw_key, value in meta.items():
            key = FIELD_ALIASES.get(str(raw_key), str(raw_key))
            if key not in KNOWN_FIELDS:
                message = f"unknown field, ignored; the fields are {', '.join(sorted(KNOWN_FIELDS))}"
                self.warnings.append(Problem(self.path, message, self._line(raw_key), str(raw_key), warning=True))
            elif key in fields:
                message = f"given twice (as {raw_key} too); the first is used"
                self.warnings.append(Problem(self.path, message, self._line(raw_key), key, warning=True))
            else:
                fields[key] = value
                self.written_keys[key] = str(raw_key)
        return fields

    def _line(self, key: object) -> int | None:
        return field_line(self.document, str(key))


def _unique(names: Iterator[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))
