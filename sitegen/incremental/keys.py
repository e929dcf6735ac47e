"""A key per page that changes whenever the page's output could: what lets a rebuild skip rendering a page.

A page's output is a function of its template (and the templates it includes), the site's configuration,
sitegen's own code, and its context: the values, and for each article, tag and person in it, its route, since
templates link to them. The key hashes all of these; the context is walked through lists, dicts and dataclasses.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitegen.config import Config
from sitegen.content.model import Article
from sitegen.incremental.state import code_key
from sitegen.site.pages import Page, Pagination
from sitegen.site.routes import Routes

Encoding = tuple[bytes, frozenset[Article]]  # a shared value's encoding, and the articles it holds


def site_key(config: Config) -> str:
    """What every page depends on: sitegen's code, the configuration and every template."""
    digest = hashlib.blake2b(code_key().encode(), digest_size=16)
    digest.update(repr(config).encode("utf-8"))
    templates = config.templates_dir
    for path in sorted(templates.rglob("*")):
        if path.is_file() and path.relative_to(templates).parts[0] != "static":
            digest.update(path.relative_to(templates).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fields_digest(article: Article) -> bytes:
    """A hash of everything an article holds; kept with the loaded article, so a rebuild need not hash it again."""
    # The body is hashed as it is, after the rest: its repr (an escaped copy of the longest field) took half the time.
    rest = repr(tuple(getattr(article, name) for name in _FIELDS_BUT_BODY))
    digest = hashlib.blake2b(rest.encode(), digest_size=16)
    digest.update(article.body.encode())
    return digest.digest()


_FIELDS_BUT_BODY = tuple(item.name for item in dataclasses.fields(Article) if item.name != "body")


class PageKeys:
    """Page keys for one build. Each value is encoded to bytes once per build where pages share it: an
    article (on many listings), a name, and the lists one listing's pages all show (its chart, its names).

    Beside each key it gives the articles the page shows, wherever they are in its context: a page that shows
    none of the articles an edit changed keeps its key while nothing else changed (see page_groups.py).
    """

    def __init__(self, routes: Routes, site: str, digests: dict[int, bytes] | None = None) -> None:
        self.routes, self.site = routes, site
        self._digests = digests or {}  # the fields_digest of articles, by id, where the loading kept it
        self._articles: dict[int, bytes] = {}
        self._names: dict[str, bytes] = {}
        self._shared: dict[int, tuple[Any, Encoding]] = {}  # id of a list or dict -> (it, its encoding)
        self._values: dict[Any, Encoding] = {}  # frozen dataclasses by value
        self._shown: set[Article] = set()  # the articles met so far in the value being encoded

    def key(self, page: Page) -> tuple[str, set[Article]]:
        """The page's key and the articles it shows."""
        self._shown = set()
        digest = hashlib.blake2b(f"{self.site}\0{page.route}\0{page.template}\0".encode(), digest_size=16)
        for name, value in page.context.items():  # each page's own dict: not worth keeping
            digest.update(f"{name}:".encode() + self._encode(value))
        return digest.hexdigest(), self._shown

    def _encode(self, value: Any) -> bytes:
        if isinstance(value, Article):
            self._shown.add(value)
            return self._article(value)
        if isinstance(value, str):
            return self._name(value)
        if isinstance(value, tuple):
            return b"[" + b"".join(map(self._encode, value)) + b"]"
        if isinstance(value, list | dict):
            return self._shared_value(value)
        if isinstance(value, Pagination):
            # Every page's route follows from the first and the count, so a listing of a thousand pages
            # does not make each of its pages walk a thousand routes.
            return self._encode((value.number, value.count, value.routes[0]))
        if value is None or isinstance(value, bool | int | float | date | datetime | Path):
            return f"{type(value).__name__}:{value!r}\0".encode()
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._dataclass(value)
        raise TypeError(f"a page context holds a {type(value).__name__}, which page keys cannot follow")

    def _dataclass(self, value: Any) -> bytes:
        """A dataclass by its fields; a frozen one (a period, a person) once per build for each value."""
        frozen = type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
        try:
            cached = self._values.get(value) if frozen else None
        except TypeError:  # frozen, but holding a list or a dict: not hashable
            cached, frozen = None, False
        if cached is None:
            fields = [getattr(value, item.name) for item in dataclasses.fields(value)]
            cached = self._encoded(lambda: type(value).__name__.encode() + b"(" + self._join(fields) + b")")
            if frozen:
                self._values[value] = cached
        return self._reuse(cached)

    def _shared_value(self, value: list[Any] | dict[str, Any]) -> bytes:
        known = self._shared.get(id(value))
        if known is not None and known[0] is value:
            return self._reuse(known[1])
        if isinstance(value, list):
            encoded = self._encoded(lambda: b"[" + self._join(value) + b"]")
        else:  # the keys are the template's names, not names of tags or people
            items = value.items()
            encoded = self._encoded(
                lambda: b"{" + b"".join(f"{key}:".encode() + self._encode(item) for key, item in items) + b"}"
            )
        self._shared[id(value)] = (value, encoded)  # holding the value keeps its id from being reused
        return self._reuse(encoded)

    def _join(self, values: Any) -> bytes:
        return b"".join(map(self._encode, values))

    def _encoded(self, encode: Callable[[], bytes]) -> Encoding:
        """A value's encoding and the articles met while making it, apart from those of the enclosing value."""
        enclosing, self._shown = self._shown, set()
        encoding = encode()
        shown, self._shown = frozenset(self._shown), enclosing
        return encoding, shown

    def _reuse(self, encoded: Encoding) -> bytes:
        self._shown.update(encoded[1])
        return encoded[0]

    def _article(self, article: Article) -> bytes:
        """An article's fields, its route and its tags' and people's routes, hashed once per build."""
        cached = self._articles.get(id(article))
        if cached is None:
            digest = hashlib.blake2b(self._digests.get(id(article)) or fields_digest(article), digest_size=16)
            digest.update(self.routes.article(article).encode() + b"\0")
            for name in (*article.tags, *article.people):
                digest.update(self._name(name))
            cached = self._articles[id(article)] = digest.digest()
        return cached

    def _name(self, text: str) -> bytes:
        """A string, and the routes it has as a tag and as a person, since a template may link it as either."""
        cached = self._names.get(text)
        if cached is None:
            routes = f"{self.routes.tag_route(text)}\0{self.routes.person_route(text)}\0"
            cached = self._names[text] = b"s" + text.encode("utf-8") + b"\0" + routes.encode()
        return cached
