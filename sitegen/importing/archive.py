"""The article files already in the archive, as an import finds and writes them: by source path and by text.

Only what finds an article is held (its sources, a fingerprint of its words, its day and slug); an article's
text is read from its file when it is needed, so that memory stays small however many articles an import
writes (a WordPress export of 40,000 posts among them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sitegen.importing.article_file import ArticleFile, fingerprint
from sitegen.importing.fields import TagSpellings
from sitegen.output.writer import write_atomically

SAME_ARTICLE_WORDS = 20  # fewer words than this, and two sources are never taken for one article


@dataclass(frozen=True)
class Known:
    """What finds an article file: its sources' paths, the fingerprint of its words, its day and slug."""

    sources: tuple[str, ...]
    fingerprint: str
    address: tuple[str, str]

    @classmethod
    def of(cls, article: ArticleFile) -> Known:
        return cls(tuple(article.source_paths), fingerprint(article.body), _address(article))


class Archive:
    """The article files already in content/articles/, found by source path and by text."""

    def __init__(self, articles_dir: Path, tags: TagSpellings) -> None:
        self.articles_dir = articles_dir
        self.tags = tags  # the spelling of each tag across the archive
        self.files: dict[Path, Known | None] = {}  # None: a file whose front-matter cannot be read
        self.by_source: dict[str, Path] = {}
        self.by_fingerprint: dict[str, Path] = {}
        self.by_address: dict[tuple[str, str], Path] = {}  # (day, slug): what gives an article its URL

    @classmethod
    def load(cls, articles_dir: Path, tags: TagSpellings) -> Archive:
        archive = cls(articles_dir, tags)
        if articles_dir.is_dir():
            for path in sorted(articles_dir.rglob("*.md")):
                try:
                    text = path.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    archive.files[path] = None
                    continue
                article = ArticleFile.parse(text)
                archive.remember(path, article)
                if article is not None and isinstance(article.meta.get("tags"), list):
                    tags.count(str(tag) for tag in article.meta["tags"])
        return archive

    def remember(self, path: Path, article: ArticleFile | None) -> None:
        self._forget(path)
        known = self.files[path] = Known.of(article) if article is not None else None
        if known is not None:
            for source in known.sources:
                self.by_source.setdefault(source, path)
            self.by_fingerprint.setdefault(known.fingerprint, path)
            self.by_address.setdefault(known.address, path)

    def article(self, path: Path) -> ArticleFile | None:
        """The article file at path as it is now, read when asked for; None if it is not one the archive has
        or its front-matter cannot be read."""
        if self.files.get(path) is None:
            return None
        try:
            return ArticleFile.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return None

    def address_taken(self, settled: datetime, slug: str, besides: Path | None = None) -> bool:
        """Whether an article (other than besides) has this day and slug, and so the URL they would give."""
        holder = self.by_address.get((settled.isoformat()[:10], slug))
        return holder is not None and holder != besides

    def same_article(self, body: str, title: str, date: datetime) -> Path | None:
        """The article this text, headline and date are another copy of: the same words, headline and day.
        A body of a few words (a stub such as "This is some content.") is never taken for another's copy."""
        path = self.by_fingerprint.get(fingerprint(body))
        if path is None or len(body.split()) < SAME_ARTICLE_WORDS:
            return None
        existing = self.article(path)
        if existing is None:
            return None
        same_day = str(existing.meta.get("date", ""))[:10] == date.isoformat()[:10]
        return path if same_day and existing.meta.get("title") == title else None

    def _forget(self, path: Path) -> None:
        previous = self.files.get(path)
        if previous is None:
            return
        for source in previous.sources:
            if self.by_source.get(source) == path:
                del self.by_source[source]
        if self.by_fingerprint.get(previous.fingerprint) == path:
            del self.by_fingerprint[previous.fingerprint]
        if self.by_address.get(previous.address) == path:
            del self.by_address[previous.address]

    def write(self, path: Path, text: str) -> None:
        write_atomically(path, text.encode("utf-8"))
        self.remember(path, ArticleFile.parse(text))

    def remove(self, path: Path) -> None:
        self._forget(path)
        del self.files[path]
        path.unlink()
        for folder in path.parents:  # an emptied month or year folder goes too
            if folder == self.articles_dir or any(folder.iterdir()):
                break
            folder.rmdir()

    def place_for(self, path: Path, settled: datetime, slug: str) -> Path:
        """Where an updated article belongs: where it is, unless its date or slug moved it to another path."""
        if path.parent == self._folder(settled) and re.fullmatch(rf"{re.escape(slug)}(-\d+)?", path.stem):
            return path
        return self.free_path(settled, slug)

    def free_path(self, settled: datetime, slug: str) -> Path:
        """content/articles/YYYY/MM/<slug>.md, with -2, -3 ... if another article has that path."""
        folder = self._folder(settled)
        path, number = folder / f"{slug}.md", 1
        while path in self.files or path.exists():
            number += 1
            path = folder / f"{slug}-{number}.md"
        return path

    def _folder(self, settled: datetime) -> Path:
        return self.articles_dir / f"{settled.year:04d}" / f"{settled.month:02d}"


def _address(article: ArticleFile) -> tuple[str, str]:
    return str(article.meta.get("date", ""))[:10], str(article.meta.get("slug", ""))
