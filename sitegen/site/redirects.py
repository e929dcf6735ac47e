"""Old addresses that keep working: a redirect from each to its article's page.

An article's old addresses are its `aliases` (paths from the site's root, `/news/2020/12/14/title/`, or full
addresses) and the `url` of each of its sources that is on the site's own address (base_url): an archive
moved into sitegen keeps its host, and the pages readers, search engines and other sites link to must still
answer there. Each old address becomes a route; a redirect is written there as a small HTML page (the
`redirect.html` template: `<meta http-equiv="refresh">` and `<link rel="canonical">`, which works on any static
host), and every redirect is listed in `_redirects` (the format Netlify and Cloudflare Pages read).

A redirect never takes the place of a page of the site: an old address that is now a page's (or one of
sitegen's own folders) is left out with a warning, as is one a second article claims, one outside the site's
base path, and one a static host cannot serve (a query, `?p=123`). An old address that is the article's own
new address needs no redirect.
"""

from __future__ import annotations

import html
import math
import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import PurePosixPath
from urllib.parse import SplitResult, unquote, urlsplit

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.model import Article
from sitegen.problems import Problem
from sitegen.render.images import IMAGES_FOLDER
from sitegen.site.headers import HEADERS_FILE
from sitegen.site.routes import Routes
from sitegen.site.sitemaps import SITEMAP_INDEX, SITEMAP_PREFIX

RESERVED_FOLDERS = ("static/", "pagefind/", IMAGES_FOLDER, SITEMAP_PREFIX)  # sitegen's own files, and the sitemaps
REDIRECTS_FILE = "_redirects"


@dataclass(frozen=True)
class Redirect:
    old: str  # the route of the old address
    article: Article


@dataclass
class RedirectPlan:
    redirects: list[Redirect] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # warnings: old addresses left out, and why
    by_address: dict[str, Article] = field(default_factory=dict)  # every old address (address_key) -> article
    old_hosts: set[str] = field(default_factory=set)  # the hosts of the old addresses, and the site's own

    # each source file's path, less a Markdown suffix (see source_target) -> its article
    by_source: dict[str, Article] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)  # the route of every page of the site (site_routes)

    def moved_links(self, article: Article, routes: Routes) -> dict[str, str]:
        """The links of an article's text that lead to an article by an old address, or by its source file in
        the old site's own syntax (Pelican's `{filename}`, Zola's `@/`, or a path to a `.md` file as Eleventy
        resolves them), each (by link_key) to that article's
        route: the page links to the article itself, rather than through its redirect or nowhere."""
        if not self.by_address and not self.by_source:
            return {}
        moved = {}
        for match in _BODY_LINK.finditer(article.body):
            link = next(group for group in match.groups() if group)
            key = link_key(link)
            target = self.source_target(link, article) if key and key.startswith("file:") else self._target(link)
            if key is not None and target is not None:
                moved[key] = routes.article(target)
        return moved

    def _target(self, link: str) -> Article | None:
        key = address_key(link)
        if key is None:
            return None
        parts = urlsplit(link)
        target = self.by_address.get(key)
        if target is None and parts.netloc.lower() in self.old_hosts:  # the old site, a path alone known
            target = self.by_address.get(address_key(parts._replace(scheme="", netloc="").geturl()) or "")
        return target

    def source_target(self, link: str, article: Article) -> Article | None:
        """The article imported from the file a link names in its site's syntax: relative to the linking post's
        own source file, or (from the old site's content folder, or not found so) by the end of its path. The
        Markdown suffix aside: Jekyll's post_url names a post without it, and its file may end in .markdown."""
        wanted = _SOURCE_FILE.sub("", _SOURCE_LINK.sub("", unquote(link)).split("#")[0])
        if not wanted.startswith("/") and not link.startswith("@/"):
            for source in article.sources:
                if source.path:
                    beside = posixpath.join(posixpath.dirname(source.path), wanted)
                    if (found := self.by_source.get(posixpath.normpath(beside))) is not None:
                        return found
        ending = "/" + posixpath.normpath(wanted.lstrip("/")).lstrip("./")
        matches = {target for path, target in self.by_source.items() if ("/" + path).endswith(ending)}
        return matches.pop() if len(matches) == 1 else None


# Links in Markdown: inline `](url`, autolinks `<https://...>`, and HTML href attributes.
_SOURCE_LINK = re.compile(r"^(?:\{filename\}|\|filename\||@/)")  # Pelican's and Zola's links to another post's file
_SOURCE_FILE = re.compile(r"\.(?:md|markdown|rst)$", re.IGNORECASE)  # a link to a post's file by its path (Eleventy)
_BODY_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)|<(https?://[^>\s]+)>|\bhref\s*=\s*[\"']([^\"']+)", re.IGNORECASE)


def link_key(link: str) -> str | None:
    """How a link is told, as written in the text and as the HTML made of it shows it: its address_key, or
    for a link to a post's file in its site's syntax, the file it names."""
    plain = unquote(html.unescape(link.strip()))
    parts = urlsplit(plain)
    if _SOURCE_LINK.match(plain) or (not parts.scheme and not parts.netloc and _SOURCE_FILE.search(parts.path)):
        return "file:" + plain
    return address_key(link)


def address_key(address: str) -> str | None:
    """An address as links to it are compared: host and path (a trailing slash or index.html aside) and query;
    None for a link relative to its page, whose address is not known."""
    parts = urlsplit(html.unescape(address.strip()))
    if parts.scheme not in ("", "http", "https") or (not parts.netloc and not parts.path.startswith("/")):
        return None
    path = re.sub(r"/index\.html?$", "/", unquote(parts.path)).rstrip("/") or "/"
    return parts.netloc.lower() + path + (f"?{parts.query}" if parts.query else "")


def plan_redirects(library: Library, routes: Routes, config: Config) -> RedirectPlan:
    """The redirects of every article's old addresses, in the library's order (see the module's docstring)."""
    plan = RedirectPlan()
    taken = plan.taken = site_routes(library, routes, config)
    claimed: dict[str, Article] = {}
    base = urlsplit(config.base_url)
    plan.old_hosts.add(base.netloc.lower())
    for article in library.articles:
        for source in article.sources:
            if source.path:
                plan.by_source.setdefault(_SOURCE_FILE.sub("", posixpath.normpath(source.path)), article)
        for address, listed in _old_addresses(article):
            key = address_key(address)
            if key is not None:
                plan.by_address.setdefault(key, article)
                plan.old_hosts.add(urlsplit(address).netloc.lower())
            route, why = old_route(address, base, listed)
            if route is not None and route != routes.article(article):  # its own address needs no redirect
                why = _conflict(route, taken, claimed)
                if why is None:
                    claimed[route] = article
                    plan.redirects.append(Redirect(route, article))
            if why:
                plan.problems.append(_problem(config, article, address, why))
    return plan


def _conflict(route: str, taken: set[str], claimed: dict[str, Article]) -> str | None:
    """Why an old address cannot have a redirect: a page of the site is there, or another's redirect."""
    if route in taken:
        return "is the address of a page of this site"
    if route.startswith(RESERVED_FOLDERS):
        return "is where sitegen puts files of its own (static/, pagefind/, images/, the sitemaps)"
    if route in claimed:
        return f"is already an old address of {claimed[route].file}"
    return None


def _old_addresses(article: Article) -> Iterator[tuple[str, bool]]:
    """Each old address, and whether the article lists it in aliases (else it is a source's url)."""
    for alias in article.aliases:
        yield alias, True
    for source in article.sources:
        if source.url:
            yield source.url, False


def old_route(address: str, base: SplitResult, listed: bool) -> tuple[str | None, str | None]:
    """The route an old address takes, or None and why not (no reason for a source's url on another site,
    which is simply not this site's to redirect)."""
    parts = urlsplit(address)
    path = unquote(parts.path)
    if parts.scheme not in ("", "http", "https"):  # javascript:, mailto:, a file's path on a disk: no address
        return None, "is not a web address (http or https, or a path from the site's root)" if listed else None
    if parts.netloc:
        if parts.netloc.lower() != base.netloc.lower():
            return None, "is not on the site's address (base_url)" if listed else None
        if not path.startswith(base.path):
            return None, f"is outside the site's base path {base.path}"
        path = path[len(base.path) :]
    if parts.query:
        return None, "has a query (?...), which a static host cannot serve as a page" if listed else None
    route = path.lstrip("/")
    segments = PurePosixPath(route).parts
    if not route or ".." in segments or "." in segments:
        return None, "is not an address a page can have" if listed else None
    if not route.endswith("/") and "." not in segments[-1]:
        route += "/"  # /old/title is served as the folder's page, /old/title/
    return route, None


def site_routes(library: Library, routes: Routes, config: Config) -> set[str]:
    """The route of every page of the site (see site/pages.py), without making the pages."""

    def pages(route: Callable[[int], str], count: int) -> set[str]:
        return {route(number) for number in range(1, max(1, math.ceil(count / config.page_size)) + 1)}

    taken = {routes.article(article) for article in library.articles}
    taken |= {routes.tags(), routes.people(), routes.archive(), routes.search(), routes.feed()}
    taken |= {"404.html", SITEMAP_INDEX, "robots.txt", REDIRECTS_FILE, HEADERS_FILE}
    taken |= pages(routes.home, len(library.articles))
    for tag, articles in library.by_tag.items():
        taken |= pages(partial(routes.tag, tag), len(articles)) | {routes.tag_feed(tag)}
    for name, articles in library.by_person.items():
        taken |= pages(partial(routes.person, name), len(articles)) | {routes.person_feed(name)}
    for period, articles in library.by_period.items():
        taken |= pages(partial(routes.period, period), len(articles))
    for name, articles in library.by_section.items():
        taken |= pages(partial(routes.section, name), len(articles)) | {routes.section_feed(name), routes.sections()}
    for (month, day), articles in library.by_calendar_day.items():
        taken |= pages(partial(routes.calendar_day, month, day), len(articles)) | {routes.on_this_day()}
    for name, articles in library.by_author.items():
        taken |= pages(partial(routes.author, name), len(articles)) | {routes.author_feed(name), routes.authors()}
    return taken


def _problem(config: Config, article: Article, address: str, why: str) -> Problem:
    message = f"the old address {address} {why}; no redirect is written for it"
    return Problem(config.content_dir / article.file, message, field="aliases", warning=True)
