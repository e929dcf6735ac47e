"""The pages a build looks at, and rendering those whose key changed since the last build.

A first build, or one after the library's structure changed, looks at every page. A rebuild after edits looks
only at the groups of pages that show an edited article (see groups.py); the last build's keys stand for the
others, whose files are kept as they are.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial

import jinja2

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.load import Loaded, fields_digest
from sitegen.incremental.groups import Shown, changed_positions, groups_showing, structure_key
from sitegen.incremental.keys import PageKeys
from sitegen.incremental.state import BuildState
from sitegen.output.writer import OutputError, OutputWriter
from sitegen.parallel import forked_map
from sitegen.progress import progress
from sitegen.render.image_plan import ImagePlan
from sitegen.render.pool import render_and_write
from sitegen.site.model import Group, Page, PageKind
from sitegen.site.pages import all_pages
from sitegen.site.redirects import RedirectPlan
from sitegen.site.routes import Routes, output_file
from sitegen.version import code_key

PARALLEL_RELATED = 2000  # articles before finding their related ones on every core pays for the forking


@dataclass
class Related:
    """Every article's related articles (positions, by the position of each article), and the shape of the
    library they were found for; positions() waits for them while they are still being found."""

    shape: str
    positions: Callable[[], list[list[int]]]


@dataclass
class PagePlan:
    pages: list[Page]  # every page, or those of the groups a rebuild must make again
    kept: dict[str, str]  # the output file and key of each page of the last build not made again
    structure: str  # see groups.structure_key
    digests: tuple[bytes, ...]  # the fields digest of each article, by position
    related: Related
    partial: bool = False  # only some groups are made again
    changed: set[int] = field(default_factory=set)  # in a partial plan, the positions of the changed articles
    last_groups: dict[Group, tuple[int, ...]] = field(default_factory=dict)  # in a partial plan, the last build's

    @property
    def page_count(self) -> int:
        return len(self.pages) + len(self.kept)


def plan_pages(
    loaded: Loaded, routes: Routes, config: Config, previous: BuildState, site: str, every_group: bool = False,
    redirects: RedirectPlan | None = None, images: ImagePlan | None = None,
) -> PagePlan:  # fmt: skip
    """The pages to look at: those of the groups showing an article that changed, while the library's
    structure is as the last build left it; otherwise every page. An article's digest holds its images' keys:
    a changed photograph changes the pages that show it."""
    library, known = loaded.library, loaded.digests()
    images = images or ImagePlan()
    digests = tuple(
        (known.get(article) or fields_digest(article)) + images.digest(article) for article in library.articles
    )
    structure = structure_key(site + images.portraits_key(), library)  # a new portrait: every person page
    last = previous.shown
    changed = None if every_group else changed_positions(last, structure, digests)
    only = None if changed is None or last is None else groups_showing(last, changed)
    if only is not None:  # related articles follow from part of the structure (see Library.shape): as they were
        related = Related(previous.related_shape, lambda: previous.related)
    else:
        related = start_related(library, config, previous)
    pages = list(all_pages(library, routes, config, related.positions, only, redirects, images.portrait_keys()))
    if only is None or changed is None or last is None:  # only is None exactly when one of the others is
        return PagePlan(pages, {}, structure, digests, related)
    made = {output_file(page.route) for page in pages}
    kept = {relative: key for relative, key in previous.pages.items() if relative not in made}
    return PagePlan(pages, kept, structure, digests, related, True, changed, last.groups)


def start_related(library: Library, config: Config, previous: BuildState) -> Related:
    """Begin finding every article's related articles, and return them, to be waited for: those of the last
    build while the library's shape, the count asked for and sitegen's code are the same. On a large archive
    the processes find them while the build makes the listing pages."""
    count = config.related_count
    shape = f"{code_key()}:{count}:{library.shape()}"
    if previous.related_shape == shape:
        return Related(shape, lambda: previous.related)
    articles = library.articles
    find = lambda position: library.related_positions(articles[position], count)  # noqa: E731
    positions = range(len(articles))
    parallel = len(articles) >= PARALLEL_RELATED
    found = forked_map(find, positions, 500, config.jobs) if parallel else map(find, positions)
    first = next(found, None)  # the processes start, and go on while this one does something else
    return Related(shape, functools.cache(lambda: [first, *found] if first is not None else []))


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
        writer: OutputWriter, jobs: int, show_progress: bool,
    ) -> None:  # fmt: skip
        self.env, self.page_keys, self.plan, self.last_keys, self.writer = env, keys, plan, last_keys, writer
        self.jobs, self.show_progress = jobs, show_progress
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
        for page, stamp in render_and_write(self.env, to_render, self.writer.out_dir, self.jobs, shown):
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
