"""The pages a build looks at, and rendering those whose key changed since the last build.

A first build, or one after the library's structure changed, looks at every page. A rebuild after edits looks
only at the groups of pages that show an edited article (see groups.py); the last build's keys stand for the
others, whose files are kept as they are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

import jinja2

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.incremental.groups import Shown, changed_positions, groups_to_make, structure_key
from sitegen.incremental.keys import PageKeys, fields_digest
from sitegen.incremental.state import BuildCache, code_key
from sitegen.output.writer import OutputError, OutputWriter
from sitegen.parallel import forked_map
from sitegen.progress import progress
from sitegen.render.pool import render_and_write
from sitegen.site.pages import Group, Page, PageKind, all_pages
from sitegen.site.routes import Routes, output_file

PARALLEL_RELATED = 2000  # articles before finding their related ones on every core pays for the forking


@dataclass
class PagePlan:
    pages: list[Page]  # every page, or those of the groups a rebuild must make again
    kept: dict[str, str]  # the output file and key of each page of the last build not made again
    structure: str  # see page_groups.structure_key
    digests: tuple[bytes, ...]  # the fields digest of each article, by position
    partial: bool  # only some groups are made again
    changed: set[int]  # in a partial plan, the positions of the articles whose fields changed
    last_groups: dict[Group, tuple[int, ...]] = field(default_factory=dict)  # in a partial plan, the last build's


def plan_pages(
    library: Library, routes: Routes, config: Config, cache: BuildCache, site: str, every_group: bool = False
) -> PagePlan:
    """The pages to look at: those of the groups showing an article that changed, while the library's
    structure is as the last build left it; otherwise every page."""
    known = {loaded.article: loaded.digest for loaded in cache.articles.values() if loaded.article is not None}
    digests = tuple(known.get(article) or fields_digest(article) for article in library.articles)
    structure = structure_key(site, library)
    changed = None if every_group else changed_positions(cache.shown, structure, digests)
    only = None if changed is None else groups_to_make(cache.shown, structure, digests)
    # Related articles follow from part of the structure (see Library.shape): unchanged with it.
    related_positions = (lambda: cache.related) if only is not None else start_related(library, config, cache)
    pages = list(all_pages(library, routes, config, related_positions, only))
    if only is None or changed is None or cache.shown is None:
        return PagePlan(pages, {}, structure, digests, partial=False, changed=set())
    made = {output_file(page.route) for page in pages}
    kept = {relative: key for relative, key in cache.pages.items() if relative not in made}
    return PagePlan(pages, kept, structure, digests, partial=True, changed=changed, last_groups=cache.shown.groups)


def start_related(library: Library, config: Config, cache: BuildCache) -> Callable[[], list[list[int]]]:
    """Begin finding every article's related articles, and return what waits for them: those of the last
    build while the library's shape (and the count asked for, and sitegen's code) are the same. On a large
    archive the processes find them while the build makes the listing pages: a third of a first build's
    routing time."""
    count = config.related_count
    shape = f"{code_key()}:{count}:{library.shape()}"
    if cache.related_shape == shape:
        return lambda: cache.related
    articles = library.articles
    find = lambda position: library.related_positions(articles[position], count)  # noqa: E731
    positions = range(len(articles))
    parallel = len(articles) >= PARALLEL_RELATED  # 1.6 s of a first build of 20,000 articles on one core
    found = forked_map(find, positions, chunk=500) if parallel else map(find, positions)
    first = next(found, None)  # the processes start, and go on while this one does something else

    def wait() -> list[list[int]]:
        if cache.related_shape != shape:
            cache.related = [first, *found] if first is not None else []
            cache.related_shape = shape
        return cache.related

    return wait


@dataclass
class Rendered:
    keys: dict[str, str]  # output file -> page key
    changed_articles: set[str]  # the article pages whose bytes changed
    shown: Shown  # what the pages showed, for the next build


class PageRenderer:
    """Keys pages and renders those whose key changed, into the writer's folder, in as many calls as the build
    likes (article pages first, so that the search index can start on them); finish() tells what it did.

    In a partial plan, a page that shows none of the changed articles keeps its key without working it out:
    most pages of a group made again (the home listing's thousand, for one edited article) are such pages."""

    def __init__(
        self, env: jinja2.Environment, keys: PageKeys, plan: PagePlan, last_keys: Mapping[str, str],
        writer: OutputWriter, show_progress: bool,
    ) -> None:  # fmt: skip
        self.env, self.page_keys, self.plan, self.last_keys, self.writer = env, keys, plan, last_keys, writer
        self.show_progress = show_progress
        self._keys = dict(plan.kept)
        self._groups: dict[Group, set[int]] = defaultdict(set)
        self._changed_articles: set[str] = set()
        writer.claim(output_file(page.route) for page in plan.pages)

    def render(self, pages: list[Page]) -> None:
        relatives = [output_file(page.route) for page in pages]
        self._refuse_twice(relatives)
        # A page the last build did not make is rendered whatever its key, so it is keyed only when it comes
        # back, while the processes render the next ones.
        new: list[Page] = []
        outdated: list[Page] = []  # made by the last build, but their key changed or their file has gone
        for page, relative in zip(pages, relatives, strict=True):
            self._groups[page.group].update(page.shows)
            if relative not in self.last_keys:
                new.append(page)
            elif self._shows_no_change(page) and self.writer.keep(relative):
                self._keys[relative] = self.last_keys[relative]
            elif self._key_changed(page, relative):
                outdated.append(page)
        to_render = [*new, *outdated]
        shown = partial(progress, label="render", show=self.show_progress, total=len(to_render))
        for page, stamp in render_and_write(self.env, to_render, self.writer.out_dir, shown):
            relative = output_file(page.route)
            if relative not in self._keys:
                self._keys[relative] = self.page_keys.key(page)
            self.writer.record(relative, stamp is not None, stamp)
            if stamp is not None and page.kind is PageKind.ARTICLE:
                self._changed_articles.add(relative)

    def _refuse_twice(self, relatives: list[str]) -> None:
        seen = set(self._keys)
        for relative in relatives:
            if relative in seen:
                raise OutputError(f"two pages were given the same output file {relative}")
            seen.add(relative)

    def _key_changed(self, page: Page, relative: str) -> bool:
        """Work out the page's key; True unless it is the last build's and the page's file is still there."""
        key = self._keys[relative] = self.page_keys.key(page)
        return self.last_keys.get(relative) != key or not self.writer.keep(relative)

    def _shows_no_change(self, page: Page) -> bool:
        """In a partial plan (the structure as it was), whether the page shows none of the changed articles."""
        return self.plan.partial and self.plan.changed.isdisjoint(page.shows)

    @property
    def changed_articles(self) -> set[str]:
        """The article pages whose bytes changed so far."""
        return self._changed_articles

    def finish(self) -> Rendered:
        made = {group: tuple(sorted(positions)) for group, positions in self._groups.items()}
        shown = Shown(self.plan.structure, self.plan.digests, {**self.plan.last_groups, **made})
        return Rendered(self._keys, self._changed_articles, shown)
