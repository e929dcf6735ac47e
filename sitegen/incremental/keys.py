"""A key per page that changes whenever the page's output could: what lets a rebuild skip rendering a page.

A page's output is a function of its template (and the templates it includes), the site's configuration,
sitegen's own code, and its context: the values, and for each article, tag and person in it, its route, since
templates link to them. The key hashes all of these, going through the context's lists, dicts and dataclasses.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitegen.config import Config
from sitegen.content.load import fields_digest
from sitegen.content.model import Article
from sitegen.site.assets import Assets
from sitegen.site.model import Page, Pagination
from sitegen.site.routes import Routes
from sitegen.version import code_key


def site_key(config: Config, assets: Assets) -> str:
    """What every page depends on: sitegen's code and theme, the configuration, the site's own templates, and
    the names its static files are published by (see site/assets.py)."""
    digest = hashlib.blake2b(code_key().encode(), digest_size=16)
    digest.update(repr(config).encode("utf-8") + b"\0" + assets.key().encode("utf-8"))
    templates = config.templates_dir  # the site's own; the theme's are in the code key
    for path in sorted(templates.rglob("*") if templates.is_dir() else []):
        if path.is_file() and path.relative_to(templates).parts[0] != "static":
            digest.update(path.relative_to(templates).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageKeys:
    """Page keys for one build. A page's key hashes the site key, its route and template, and its context;
    an article in the context counts as its fields' digest, its route and its names' routes, worked out once
    per build for each article, as each name's routes are.

    Which articles a page shows is not found here: each page declares them (Page.shows), and a page that
    shows none of the articles an edit changed keeps its key while nothing else changed (see groups.py).
    """

    def __init__(self, routes: Routes, site: str, digests: Mapping[Article, bytes]) -> None:
        self.routes, self.site = routes, site
        self._digests = digests  # the fields_digest of each article, as the loading kept it
        self._articles: dict[Article, bytes] = {}  # Articles compare by identity, and are held here
        self._names: dict[str, bytes] = {}
        self._values: dict[Any, bytes] = {}  # frozen dataclasses (periods, people, calendar cells) by value
        # Each exact type's encoder, found by one lookup: a listing's context holds thousands of values.
        self._by_type: dict[type, Callable[[Any], bytes]] = {
            Article: self._article, str: self._name, tuple: self._sequence, list: self._sequence,
            dict: self._mapping, Pagination: self._pagination, type(None): self._plain, bool: self._plain,
            int: self._plain, float: self._plain, date: self._plain, datetime: self._plain, Path: self._plain,
        }  # fmt: skip

    def key(self, page: Page) -> str:
        digest = hashlib.blake2b(f"{self.site}\0{page.route}\0{page.template}\0".encode(), digest_size=16)
        for name, value in page.context.items():
            digest.update(f"{name}:".encode() + self._encode(value))
        return digest.hexdigest()

    def _encode(self, value: Any) -> bytes:
        kind = type(value)
        encoder = self._by_type.get(kind)
        if encoder is None:  # a subclass of a type above (Markup, PosixPath) or a dataclass: found once per type
            encoder = self._by_type[kind] = self._encoder_for(value)
        return encoder(value)

    def _encoder_for(self, value: Any) -> Callable[[Any], bytes]:
        """The encoder of the nearest of value's classes that has one, else of a dataclass."""
        for base in type(value).__mro__:
            if base in self._by_type:
                return self._by_type[base]
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return self._dataclass
        raise TypeError(f"a page context holds a {type(value).__name__}, which page keys cannot follow")

    def _sequence(self, value: tuple[Any, ...] | list[Any]) -> bytes:
        return b"[" + b"".join(map(self._encode, value)) + b"]"

    def _mapping(self, value: dict[str, Any]) -> bytes:
        """The keys are the template's names, not names of tags or people."""
        return b"{" + b"".join(f"{key}:".encode() + self._encode(item) for key, item in value.items()) + b"}"

    def _pagination(self, value: Pagination) -> bytes:
        """Every page's route follows from the first and the count, so a listing of a thousand pages does not
        make each of its pages walk a thousand routes."""
        return self._encode((value.number, value.count, value.routes[0]))

    @staticmethod
    def _plain(value: Any) -> bytes:
        return f"{type(value).__name__}:{value!r}\0".encode()

    def _dataclass(self, value: Any) -> bytes:
        """A dataclass by its fields; a frozen, hashable one once per build for each value."""
        frozen = type(value).__dataclass_params__.frozen  # type: ignore[attr-defined]
        try:
            cached = self._values.get(value) if frozen else None
        except TypeError:  # frozen, but holding a list or a dict: not hashable
            cached, frozen = None, False
        if cached is None:
            fields = [getattr(value, item.name) for item in dataclasses.fields(value)]
            cached = type(value).__name__.encode() + b"(" + b"".join(map(self._encode, fields)) + b")"
            if frozen:
                self._values[value] = cached
        return cached

    def _article(self, article: Article) -> bytes:
        """An article's fields, its route and its tags' and people's routes, hashed once per build."""
        cached = self._articles.get(article)
        if cached is None:
            digest = hashlib.blake2b(self._digests.get(article) or fields_digest(article), digest_size=16)
            digest.update(self.routes.article(article).encode() + b"\0")
            for name in (*article.tags, *article.people, *article.authors, article.category or ""):
                digest.update(self._name(name))
            cached = self._articles[article] = digest.digest()
        return cached

    def _name(self, text: str) -> bytes:
        """A string, and the routes it has as a tag, a person, a section and an author, since a template may
        link it as any of them."""
        cached = self._names.get(text)
        if cached is None:
            routes = self.routes
            kinds = (routes.tag_route, routes.person_route, routes.section_route, routes.author_route)
            found = "".join(f"{route(text)}\0" for route in kinds)
            cached = self._names[text] = b"s" + text.encode("utf-8") + b"\0" + found.encode()
        return cached
