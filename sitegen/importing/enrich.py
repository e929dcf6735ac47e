"""People, tags and language for the drafts an import reads: extraction in batches, cached by content.

The cache (.sitegen-cache/extract.pickle) maps a hash of what extraction reads (the text, the source's tags and
category, the registry files, the engine, the other installed pipelines, the site's language and max_tags) to
what it found, so importing unchanged files again loads no model and costs nothing.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from sitegen.config import CACHE_DIR
from sitegen.content.registry import PEOPLE_FILE, TAGS_FILE, load_registry
from sitegen.importing.engines import Engines, engine_name, load_engine, main_language
from sitegen.importing.extract import ArticleText, Extraction, Extractor
from sitegen.importing.language import LanguageDetector, installed_pipelines
from sitegen.importing.names import Suggestion
from sitegen.importing.readers import Draft
from sitegen.output.writer import write_atomically
from sitegen.parallel import available_cores

CACHE_FILE = "extract.pickle"


class DraftEnricher:
    def __init__(self, content_dir: Path, root: Path, model: str, max_tags: int, language: str = "en") -> None:
        self.model, self.max_tags, self.language = model, max_tags, language
        self.registry, _ = load_registry(content_dir)  # a broken registry is reported by build and check
        self.cache_path = root / CACHE_DIR / CACHE_FILE
        self.cache = self._load_cache()
        self.extractor: Extractor | None = None
        self.notice: str | None = None
        self.installed = installed_pipelines()
        self.changed = False
        self.suggestions: dict[str, Suggestion] = {}  # names that may be registered people, for the report
        registry_bytes = b"".join(_read(content_dir / name) for name in (PEOPLE_FILE, TAGS_FILE))
        what = "\0".join([engine_name(model), *self.installed, language, str(max_tags), "v4"]).encode()
        self.salt = hashlib.sha256(registry_bytes + what).digest()

    def enrich(self, drafts: Sequence[Draft]) -> list[Draft]:
        """The drafts with people and tags filled in; people a source names itself are kept as they are."""
        texts = [ArticleText(draft.title, draft.body, draft.category, draft.tags) for draft in drafts]
        keys = [self._key(text) for text in texts]
        missing = [index for index, key in enumerate(keys) if key not in self.cache]
        if missing:
            found = self._extractor().extract([texts[index] for index in missing])
            for index, extraction in zip(missing, found, strict=True):
                self.cache[keys[index]] = extraction
            self.changed = True
        for key in keys:
            self.suggestions.update({suggestion.name: suggestion for suggestion in self.cache[key].suggestions})
        return [self._merge(draft, self.cache[key]) for draft, key in zip(drafts, keys, strict=True)]

    def save(self) -> None:
        if self.changed:
            self.cache_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(self.cache_path, pickle.dumps(self.cache, protocol=pickle.HIGHEST_PROTOCOL))

    def notices(self) -> list[str]:
        """How people and tags were found where not as configured: one line per cause."""
        others = self.extractor.engines.notices() if self.extractor else []
        return [*([self.notice] if self.notice else []), *others]

    def _merge(self, draft: Draft, extraction: Extraction) -> Draft:
        language = extraction.language if extraction.language != self.language else None
        return replace(draft, people=draft.people or extraction.people, tags=extraction.tags, language=language)

    def _extractor(self) -> Extractor:
        if self.extractor is None:
            engine, self.notice = load_engine(self.model, self.registry, processes=available_cores())
            engines = Engines(
                engine, self.registry, main_language(self.model, engine), self.installed, available_cores()
            )
            self.extractor = Extractor(engines, self.registry, self.max_tags, LanguageDetector(self.language))
        return self.extractor

    def _key(self, text: ArticleText) -> bytes:
        content = "\0".join([text.title, text.body, text.category or "", *text.source_tags])
        return hashlib.sha256(self.salt + content.encode()).digest()

    def _load_cache(self) -> dict[bytes, Extraction]:
        try:
            cache = pickle.loads(self.cache_path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            return {}
        if not isinstance(cache, dict) or not all(isinstance(value, Extraction) for value in cache.values()):
            return {}
        return cache


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
