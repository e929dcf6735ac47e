"""`sitegen build`: a fixed list of named, timed steps. Everything is read before anything is written."""

from __future__ import annotations

import dataclasses
import gc
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .build_cache import (
    MISSING,
    BuildCache,
    LastBuild,
    LoadedFile,
    Stamps,
    code_key,
    fingerprint,
    load_last,
    registry_setting,
    stamp,
    stamps,
    tree_files,
)  # fmt: skip
from .config import Config
from .content import article_paths, load_article
from .cores import forked_map
from .library import Library
from .lock import site_lock
from .model import Article, Registry
from .page_groups import Shown, groups_to_make, structure_key
from .page_keys import PageKeys, fields_digest, site_key
from .pages import Page, all_pages
from .problems import Problem, ProblemsError
from .progress import progress
from .registry import load_registry
from .render import environment
from .render_pool import render_and_write
from .routes import Routes, output_file
from .search import BUNDLE, build_search_index, plan_shards, shard_bundle
from .staging import Staging
from .writer import MANIFEST, OutputError, OutputWriter, read_manifest

PARALLEL_LOAD = 1000  # articles to read before reading them on every core pays for the forking


@dataclass
class BuildReport:
    articles: int = 0
    drafts: int = 0
    pages: int = 0
    files_changed: int = 0
    files_removed: int = 0
    search_pages: int = 0
    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if not problem.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.warning]

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.timings[name] = time.perf_counter() - started


def build(config: Config, show_progress: bool = False, use_cache: bool = True) -> BuildReport:
    """Build the site; a second build or import of the same site waits for this one to finish."""
    with site_lock(config.root, "a build"):
        try:
            return _build(config, show_progress, use_cache)
        finally:
            gc.unfreeze()  # what the build set aside (see _collector_paused) may be collected again


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Loading and routing make hundreds of thousands of objects that live for the whole build, and no garbage.
    Python's collector would walk them again and again as they are made: on 20,000 articles a quarter of an
    edit's load time. So it is paused meanwhile, and what was made is then set aside from later collections
    (and from the copying of memory that collections cause in forked processes)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def _build(config: Config, show_progress: bool, use_cache: bool) -> BuildReport:
    report = BuildReport()
    with report.step("check"):
        site = site_key(config)
        last = load_last(config) if use_cache else None
        inputs = _inputs(config)
        if last is not None and last.inputs == fingerprint(inputs, site):
            return _unchanged(last.report, report.timings)
    staging = Staging(config.output_dir)
    staging.start()  # public/ is mirrored while the content is read
    try:
        with _collector_paused(), report.step("load"):
            cache = BuildCache.load(config) if use_cache else BuildCache()
            library = load_library(config, report, show_progress, cache, inputs)
        with _collector_paused(), report.step("route"):
            routes = Routes(library)
            plan = _plan_pages(library, routes, config, cache, site)
            report.pages = len(plan.pages) + len(plan.kept)
    except BaseException:
        staging.settle()
        raise
    with report.step("stage"):
        writer = OutputWriter(staging.wait(), gone=_gone(config, inputs))
    try:
        if plan.kept and not writer.keep_all(plan.kept):  # someone removed a page from public/: make them all
            plan = _plan_pages(library, routes, config, cache, site, every_group=True)
        rendered, indexed = _write_site(config, library, routes, plan, writer, cache, site, report, show_progress)
        with report.step("write"):
            report.files_removed += writer.finish()
            staging.commit(writer.files, writer.touched)
    except BaseException:
        staging.abort()  # the published folder is left exactly as it was
        raise
    report.files_changed = writer.changed
    cache.pages, cache.indexed, cache.shown = rendered.keys, indexed, rendered.shown
    if use_cache:
        with report.step("save"):
            after = fingerprint(_outputs_after(config, inputs, writer), site)
            cache.save(config, LastBuild(after, dataclasses.replace(report, timings={})))
    return report


def _write_site(
    config: Config, library: Library, routes: Routes, plan: _PagePlan, writer: OutputWriter, cache: BuildCache,
    site: str, report: BuildReport, show_progress: bool,
) -> tuple[_Rendered, list[str]]:  # fmt: skip
    """Render the pages and index them for search, into the writer's (staging) folder."""
    with report.step("render"):
        rendered = _render(config, library, routes, plan, writer, cache, site, show_progress)
        writer.copy_tree(config.templates_dir / "static", "static/")
    indexed = sorted(output_file(routes.article(article)) for article in library.articles)
    report.files_removed = writer.remove_stale(but=BUNDLE)  # pages gone from the site must not be indexed
    if config.search:
        with report.step("search"):
            size = config.search_shard_size
            shards, before = plan_shards(indexed, size), plan_shards(cache.indexed, size)
            changed = rendered.changed_articles
            stale = {shard for shard, files in shards.items() if files != before.get(shard) or changed & set(files)}
            kept = {shard for shard in set(shards) - stale if writer.keep_folder(shard_bundle(shard))}
            build_search_index(writer.out_dir, writer, set(shards) - kept)
            report.search_pages = len(indexed)
    return rendered, indexed


@dataclass
class _PagePlan:
    pages: list[Page]  # every page, or those of the groups a rebuild must make again
    kept: dict[str, str]  # the output file and key of each page of the last build not made again
    structure: str  # see page_groups.structure_key
    digests: tuple[bytes, ...]  # the fields digest of each article, by position


def _plan_pages(
    library: Library, routes: Routes, config: Config, cache: BuildCache, site: str, every_group: bool = False
) -> _PagePlan:
    """The pages to look at: those of the groups showing an article that changed, while the library's
    structure is as the last build left it; otherwise every page."""
    by_id = {id(loaded.article): loaded.digest for loaded in cache.articles.values() if loaded.article}
    digests = tuple(by_id.get(id(article)) or fields_digest(article) for article in library.articles)
    structure = structure_key(site, library)
    only = None if every_group else groups_to_make(cache.shown, structure, digests)
    pages = list(all_pages(library, routes, config, _related(library, config, cache), only))
    made = {output_file(page.route) for page in pages} if only is not None else set()
    kept = {relative: key for relative, key in cache.pages.items() if relative not in made} if only is not None else {}
    return _PagePlan(pages, kept, structure, digests)


@dataclass
class _Rendered:
    keys: dict[str, str]  # output file -> page key
    changed_articles: set[str]  # the article pages whose bytes changed
    shown: Shown  # what the pages showed, for the next build


def _render(
    config: Config, library: Library, routes: Routes, plan: _PagePlan, writer: OutputWriter, cache: BuildCache,
    site: str, show_progress: bool,
) -> _Rendered:  # fmt: skip
    """Render and write every page whose key changed since the last build; keep the others as they are."""
    env = environment(config, routes)
    digests = {id(article): digest for article, digest in zip(library.articles, plan.digests, strict=True)}
    page_keys = PageKeys(routes, site, digests)
    keys = dict(plan.kept)
    groups: dict[str, set[int]] = defaultdict(set)
    writer.claim(output_file(page.route) for page in plan.pages)
    to_render = []
    for page in plan.pages:
        relative = output_file(page.route)
        if relative in keys:
            raise OutputError(f"two pages were given the same output file {relative}")
        key, shown = page_keys.key(page)
        keys[relative] = key
        groups[page.group].update(library.position[article] for article in shown)
        if cache.pages.get(relative) != key or not writer.keep(relative):
            to_render.append(page)
    last_groups = cache.shown.groups if plan.kept and cache.shown is not None else {}
    new_groups = {group: tuple(sorted(positions)) for group, positions in groups.items()}
    rendered = _Rendered(keys, set(), Shown(plan.structure, plan.digests, {**last_groups, **new_groups}))
    shown = partial(progress, label="render", show=show_progress, total=len(to_render))
    for page, changed in render_and_write(env, to_render, writer.out_dir, shown):
        writer.record(output_file(page.route), changed)
        if changed and page.template == "article.html":
            rendered.changed_articles.add(output_file(page.route))
    return rendered


def _related(library: Library, config: Config, cache: BuildCache) -> list[list[int]]:
    """Every article's related articles: those of the last build while the library's shape (and the count
    asked for, and sitegen's code) are the same."""
    count = config.related_count
    shape = f"{code_key()}:{count}:{library.shape()}"
    if cache.related_shape != shape:
        cache.related = [library.related_positions(article, count) for article in library.articles]
        cache.related_shape = shape
    return cache.related


def _inputs(config: Config) -> Stamps:
    """The stamps of every file the build reads, then of every file it wrote last time and its manifest."""
    out = str(config.output_dir)
    written = [f"{out}/{relative}" for relative in read_manifest(config.output_dir)]
    read = [*tree_files(config.content_dir), *tree_files(config.templates_dir)]
    return stamps([*read, *written, f"{out}/{MANIFEST}"])


def _gone(config: Config, inputs: Stamps) -> set[str]:
    """The files of the last build missing from the output folder when this build began (see _inputs):
    the staging folder mirrors it, so they are missing there too, and no other is."""
    out = f"{config.output_dir}/"
    return {path.removeprefix(out) for path, found in inputs.items() if found == MISSING and path.startswith(out)}


def _outputs_after(config: Config, inputs: Stamps, writer: OutputWriter) -> Stamps:
    """What _inputs will find at the next build if nothing changes meanwhile, without statting the whole site
    again: the files read as they were when this build began, and the output with only its new files statted.
    (A file edited during the build thus counts as changed at the next one.)"""
    out = str(config.output_dir)
    written = [f"{out}/{relative}" for relative in sorted(writer.files - {MANIFEST})]
    touched = stamps([f"{out}/{relative}" for relative in writer.touched])
    read = {path: stamp for path, stamp in inputs.items() if not path.startswith(f"{out}/")}
    kept = {path: touched.get(path) or inputs.get(path) or MISSING for path in written}
    return {**read, **kept, **stamps([f"{out}/{MANIFEST}"])}


def _unchanged(previous: BuildReport, timings: dict[str, float]) -> BuildReport:
    """The report of a build that found nothing changed: the last build's findings, nothing written."""
    return dataclasses.replace(previous, files_changed=0, files_removed=0, timings=timings)


def load_library(
    config: Config,
    report: BuildReport,
    show_progress: bool = False,
    cache: BuildCache | None = None,
    found_stamps: Stamps | None = None,
) -> Library:
    """Every article of content/; with a cache, files unchanged since the last build are not read again.
    found_stamps: the stamps of the files, where the build has just taken them."""
    registry, problems = load_registry(config.content_dir)
    report.problems.extend(problems)
    setting = registry_setting(config)
    known = cache.articles if cache is not None and cache.setting == setting else {}
    loaded: dict[str, LoadedFile] = {}
    articles: list[Article] = []
    files = list(article_paths(config.content_dir))
    if not known and len(files) >= PARALLEL_LOAD:  # a first build reads every file: on every core
        found_files = forked_map(lambda path: _load(path, config, registry, None), files)
    else:
        taken = found_stamps or {}
        found_files = (_load(path, config, registry, known.get(path), taken.get(path)) for path in files)
    for path, found in zip(files, progress(found_files, "load", show_progress, total=len(files)), strict=True):
        loaded[path] = found
        report.problems.extend(found.problems)
        if found.article is None:
            continue
        if found.article.draft:
            report.drafts += 1
        else:
            articles.append(found.article)
    if cache is not None:
        cache.articles, cache.setting = loaded, setting
    report.articles = len(articles)
    return Library.of(articles, registry)


def _load(
    name: str, config: Config, registry: Registry, known: LoadedFile | None, taken: tuple[int, int] | None = None
) -> LoadedFile:
    """The article of one file: known (from the cache) if the file's stamp is as it was; taken is its stamp if
    the build took it already."""
    try:
        current = stamp(name) if taken is None or taken == MISSING else taken
    except OSError as error:  # a broken link, or one that loops
        return LoadedFile(MISSING, None, [Problem(Path(name), f"cannot be read: {error.strerror or error}")])
    if known is not None and known.stamp == current:
        return known
    path = Path(name)
    try:
        article, warnings = load_article(path, config.content_dir, config.zone, registry)
    except ProblemsError as error:
        return LoadedFile(current, None, error.problems)
    return LoadedFile(current, article, warnings, fields_digest(article))


def summary(report: BuildReport, out_dir: Path) -> str:
    steps = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in report.timings.items())
    total = sum(report.timings.values())
    drafts = f" ({report.drafts} drafts left out)" if report.drafts else ""
    return (
        f"Built {report.articles} articles{drafts} into {report.pages} pages in {out_dir} "
        f"({report.files_changed} files written, {report.files_removed} removed); "
        f"{report.search_pages} pages in the search index; "
        f"{len(report.errors)} errors, {len(report.warnings)} warnings; {total:.2f}s ({steps})"
    )
