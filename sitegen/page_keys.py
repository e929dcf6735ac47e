"""A key per page that changes whenever the page's output could: what lets a rebuild skip rendering a page.

A page's output is a function of its template (and the templates it includes), the site's configuration,
sitegen's own code, and its context: the values, and for each article, tag and person in it, its route, since
templates link to them. The key hashes all of these; the context is walked through lists, dicts and dataclasses.
"""

from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime
from pathlib import Path
from typing import Any

from .config import Config
from .model import Article
from .pages import Page, Pagination
from .routes import Routes

CODE_DIR = Path(__file__).resolve().parent


def site_key(config: Config) -> str:
    """What every page depends on: sitegen's code, the configuration and every template."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(CODE_DIR.rglob("*.py")):
        digest.update(path.read_bytes())
    digest.update(repr(config).encode("utf-8"))
    templates = config.templates_dir
    for path in sorted(templates.rglob("*")):
        if path.is_file() and path.relative_to(templates).parts[0] != "static":
            digest.update(path.relative_to(templates).as_posix().encode("utf-8") + b"\0" + path.read_bytes())
    return digest.hexdigest()


class PageKeys:
    def __init__(self, routes: Routes, site: str) -> None:
        self.routes, self.site = routes, site
        self._articles: dict[int, bytes] = {}

    def key(self, page: Page) -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{self.site}\0{page.route}\0{page.template}\0".encode())
        self._feed(digest, page.context)
        return digest.hexdigest()

    def _feed(self, digest: Any, value: Any) -> None:
        if isinstance(value, Article):
            digest.update(self._article(value))
        elif isinstance(value, Pagination):
            # Every page's route follows from the first and the count, so a listing of a thousand pages
            # does not make each of its pages walk a thousand routes.
            self._feed(digest, (value.number, value.count, value.routes[0]))
        elif isinstance(value, str):
            digest.update(b"s" + value.encode("utf-8") + b"\0")
            digest.update(self._name_routes(value))
        elif value is None or isinstance(value, bool | int | float | date | datetime | Path):
            digest.update(f"{type(value).__name__}:{value!r}\0".encode())
        elif isinstance(value, list | tuple):
            digest.update(b"[")
            for item in value:
                self._feed(digest, item)
            digest.update(b"]")
        elif isinstance(value, dict):
            digest.update(b"{")
            for item_key, item in value.items():
                digest.update(f"{item_key}:".encode())  # the template's names, not names of tags or people
                self._feed(digest, item)
            digest.update(b"}")
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(type(value).__name__.encode() + b"(")
            for item in dataclasses.fields(value):
                self._feed(digest, getattr(value, item.name))
            digest.update(b")")
        else:
            raise TypeError(f"a page context holds a {type(value).__name__}, which page keys cannot follow")

    def _article(self, article: Article) -> bytes:
        """An article's fields, its route and its tags' and people's routes, hashed once per build."""
        cached = self._articles.get(id(article))
        if cached is None:
            digest = hashlib.blake2b(digest_size=16)
            digest.update(self.routes.article(article).encode() + b"\0")
            for item in dataclasses.fields(article):
                digest.update(f"{item.name}={getattr(article, item.name)!r}\0".encode())
            for name in (*article.tags, *article.people):
                digest.update(self._name_routes(name))
            cached = self._articles[id(article)] = digest.digest()
        return cached

    def _name_routes(self, name: str) -> bytes:
        """The routes a name has as a tag and as a person, since a template may link it as either."""
        return f"{self.routes.tag_route(name)}\0{self.routes.person_route(name)}\0".encode()
