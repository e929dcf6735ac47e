"""The article files that import writes: canonical front-matter, and a digest that shows whether a person edited them.

The last front-matter field, import_hash, is the SHA-256 of the file as written without that line. If the file's
text no longer matches it, somebody changed the file after it was imported, and import leaves it alone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from sitegen.content.frontmatter import FrontMatterError, parse, serialise

IMPORT_HASH = "import_hash"
_IMPORT_HASH_LINE = re.compile(rf"^{IMPORT_HASH}: ([0-9a-f]{{64}})\n", re.MULTILINE)
_WORDS = re.compile(r"[^\W_]+")


def article_text(meta: dict[str, Any], body: str) -> str:
    """The file's text: meta in the order given, then import_hash over everything else."""
    meta = {key: value for key, value in meta.items() if key != IMPORT_HASH}
    unsigned = serialise(meta, body)
    return serialise({**meta, IMPORT_HASH: _digest(unsigned)}, body)


def is_edited(text: str) -> bool:
    """True unless the text is exactly what import wrote; a file without import_hash counts as a person's."""
    match = _IMPORT_HASH_LINE.search(text)
    if match is None:
        return True
    unsigned = text[: match.start()] + text[match.end() :]
    return _digest(unsigned) != match.group(1)


def fingerprint(body: str) -> str:
    """What stays the same when one article is scraped twice: its words, whatever the markup, case and spacing."""
    words = " ".join(_WORDS.findall(body.casefold()))
    return hashlib.sha256(words.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArticleFile:
    """An article file as found in content/articles/, read for what import needs to know about it."""

    text: str
    meta: dict[str, Any]
    body: str

    @classmethod
    def parse(cls, text: str) -> ArticleFile | None:
        """The file, or None if its front-matter cannot be read (import then only keeps clear of its path)."""
        try:
            document = parse(text)
        except FrontMatterError:
            return None
        return cls(text, document.meta, document.body)

    @property
    def sources(self) -> list[dict[str, Any]]:
        value = self.meta.get("source")
        items = value if isinstance(value, list) else [value] if value else []
        return [item if isinstance(item, dict) else {"path": item} for item in items]

    @property
    def source_paths(self) -> list[str]:
        return [str(item["path"]) for item in self.sources if item.get("path")]

    @property
    def edited(self) -> bool:
        return is_edited(self.text)

    @property
    def imported(self) -> bool:
        """Whether import wrote this file at some time (a person may have edited it since)."""
        return IMPORT_HASH in self.meta

    def with_sources(self, sources: list[dict[str, Any]]) -> str:
        return article_text({**self.meta, "source": sources}, self.body)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
