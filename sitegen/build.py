"""`sitegen build`: the pipeline as a list of named, timed steps. Everything is read before anything is written.

check   the inputs' fingerprint: a rebuild that finds nothing changed stops here    (incremental/stamps.py)
load    content/ into a Library, reusing the articles the last build loaded         (content/load.py)
route   every URL (old ones too), links that lead nowhere, the images shown, and the pages whose group shows a
        changed article (site/, render/image_plan.py, incremental/plan.py)
stage   a staging folder beside the output, mirroring the published site           (output/staging.py)
images  the variants of each photograph whose key the last build did not make       (render/image_plan.py)
render  the pages whose key changed, article pages first                            (render/, incremental/plan.py)
search  Pagefind over the shards whose article pages changed                        (search/)
write   the manifest, and the new site swapped in whole                            (output/)
save    the state the next build starts from, assembled in next_state               (incremental/state.py)
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.config import Config
from sitegen.content.load import Loaded, load_library, loading_setting
from sitegen.content.spellings import spelling_variants
from sitegen.incremental.keys import PageKeys, site_key
from sitegen.incremental.plan import PagePlan, PageRenderer, Rendered, plan_pages
from sitegen.incremental.stamps import Stamps, fingerprint, gone_files, input_stamps, stamps_after
from sitegen.incremental.state import BuildState, Encoded, LastBuild, articles_folder, load_last
from sitegen.output.lock import site_lock
from sitegen.output.precompress import ENCODINGS, precompress
from sitegen.output.staging import Staging
from sitegen.output.writer import OutputWriter
from sitegen.problems import Problem
from sitegen.render.image_plan import ImagePlan, make_images, plan_images
from sitegen.render.templates import environment
from sitegen.search.pagefind import SearchRun
from sitegen.search.shards import BUNDLE, largest_first, primary_shard, shard_bundle
from sitegen.site.article_links import broken_article_links
from sitegen.site.assets import static_assets
from sitegen.site.model import PageKind
from sitegen.site.redirects import plan_redirects
from sitegen.site.routes import Routes


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
        self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - started


@dataclass(frozen=True)
class Run:
    """What every step of one build is given."""

    config: Config
    site: str  # the site key: sitegen's code, the configuration and the templates (see keys.site_key)
    previous: BuildState  # the state the last build left, empty without the cache
    report: BuildReport
    show_progress: bool


def build(config: Config, show_progress: bool = False, use_cache: bool = True) -> BuildReport:
    """Build the site; a second build or import of the same site waits for this one to finish."""
    with site_lock(config.root, "a build"):
        return _build(config, show_progress, use_cache)


def _build(config: Config, show_progress: bool, use_cache: bool) -> BuildReport:
    report = BuildReport()
    with report.step("check"):
        assets = static_assets(config.templates_dir)
        site, inputs = site_key(config, assets), input_stamps(config)
        last = load_last(config) if use_cache else None
        if last is not None and last.inputs == fingerprint(inputs, site):
            return dataclasses.replace(last.report, files_changed=0, files_removed=0, timings=report.timings)
    staging = Staging(config.output_dir)
    staging.start()  # public/ is mirrored while the last build's state and the content are read
    try:
        with report.step("load"):
            run = Run(config, site, BuildState.load(config) if use_cache else BuildState(), report, show_progress)
            known = run.previous.known_files(loading_setting(config))
            cache_folder = articles_folder(config) if use_cache else None
            loaded = load_library(config, known, inputs, cache_folder, show_progress)
            report.articles, report.drafts = len(loaded.library.articles), loaded.drafts
            report.problems.extend(loaded.problems)
            spellings = spelling_variants(loaded.library, config.content_dir)
            report.problems.extend(dataclasses.replace(problem, warning=True) for problem in spellings)
        with report.step("route"):
            routes = Routes(loaded.library, config.search_shard_size, assets)
            redirects = plan_redirects(loaded.library, routes, config)
            report.problems.extend(redirects.problems)
            images = plan_images(loaded.library, config, inputs, run.previous.images)
            report.problems.extend(images.problems)
            report.problems.extend(broken_article_links(loaded.library, routes, redirects, config, images))
            plan = plan_pages(loaded, routes, config, run.previous, site, redirects=redirects, images=images)
    except BaseException:
        staging.settle()
        raise
    with report.step("stage"):
        writer = OutputWriter(staging.wait(), gone=gone_files(config, inputs))
    search: SearchRun | None = None
    try:
        if plan.kept and not writer.keep_all(plan.kept):  # someone removed a page from public/: make them all
            plan = plan_pages(loaded, routes, config, run.previous, site, True, redirects, images)
        report.pages = plan.page_count
        with report.step("images"):
            report.problems.extend(make_images(images, writer, config))
        rendered, search = _render(run, loaded, routes, plan, writer, images)
        state = next_state(run.previous, loaded, plan, rendered, routes, images)
        encoded = _publish(run, staging, writer, state if use_cache else None, search)
    except BaseException:
        if search is not None:
            search.close()
        staging.abort()  # the published folder is left exactly as it was
        raise
    report.files_changed = writer.changed
    if use_cache:
        with report.step("save"):
            _save(run, inputs, writer, state, encoded)
    return report


def _render(
    run: Run, loaded: Loaded, routes: Routes, plan: PagePlan, writer: OutputWriter, images: ImagePlan
) -> tuple[Rendered, SearchRun | None]:
    """Render the pages into the writer's (staging) folder, and start indexing them for search: Pagefind is
    left running, for the build to take its bundles when it has done what it can meanwhile.

    Pagefind reads only article pages. A rebuild of some groups of pages starts it as soon as those are
    written, and renders the other pages meanwhile; a full build, which would have Pagefind and the rendering
    processes compete for the cores, and must first remove the pages of articles gone, starts it last."""
    config, report = run.config, run.report
    search: SearchRun | None = None
    try:
        with report.step("render"):
            keys = PageKeys(routes, run.site, dict(zip(loaded.library.articles, plan.digests, strict=True)))
            env = environment(config, routes, images=images)
            renderer = PageRenderer(env, keys, plan, run.previous.pages, writer, config.jobs, run.show_progress)
            renderer.render([page for page in plan.pages if page.kind is PageKind.ARTICLE])
            if config.search and plan.partial:  # no article comes or goes in a partial plan
                search = _start_search(run, writer, routes, renderer.changed_articles)
            renderer.render([page for page in plan.pages if page.kind is not PageKind.ARTICLE])
            writer.copy_files(routes.assets.sources)
        if config.precompress:  # before the stale files go, the compressed files of unchanged ones among them
            with report.step("compress"):
                precompress(writer, [file for file in writer.written if not file.startswith(BUNDLE)], config.jobs)
        with report.step("render"):
            report.files_removed = writer.remove_stale(but=BUNDLE)  # pages gone from the site must not be indexed
        if config.search and search is None:
            with report.step("search"):
                search = _start_search(run, writer, routes, renderer.changed_articles)
    except BaseException:
        if search is not None:
            search.close()
        raise
    report.search_pages = len(routes.article_files) if config.search else 0
    return renderer.finish(), search


def _start_search(run: Run, writer: OutputWriter, routes: Routes, changed: set[str]) -> SearchRun:
    """Index again the shards whose article pages changed, or whose bundle is not in the site as it was, or
    which became or stopped being the primary one (which alone holds Pagefind's runtime)."""
    shards, before = routes.shards, run.previous.shards
    primary, was_primary = primary_shard(shards), primary_shard(before)
    stale = {
        shard
        for shard, files in shards.items()
        if files != before.get(shard) or changed & set(files) or (shard == primary) != (shard == was_primary)
    }
    # Without their compressed files, which precompress keeps, or leaves to be removed where it is off.
    kept = {shard for shard in set(shards) - stale if writer.keep_folder(shard_bundle(shard), but=ENCODINGS)}
    return SearchRun(writer.out_dir, largest_first(shards, set(shards) - kept), primary, run.config.jobs)


def next_state(
    previous: BuildState, loaded: Loaded, plan: PagePlan, rendered: Rendered, routes: Routes, images: ImagePlan
) -> BuildState:
    """The state this build hands the next: the one place it is put together, from what the steps gave."""
    return BuildState(
        setting=loaded.setting,
        articles=loaded.files,
        pages=rendered.keys,
        shards=routes.shards,
        related_shape=plan.related.shape,
        related=plan.related.positions(),
        shown=rendered.shown,
        loaded_folders={**previous.loaded_folders, **loaded.folders_written},
        images=images.records,
    )


def _publish(
    run: Run, staging: Staging, writer: OutputWriter, state: BuildState | None, search: SearchRun | None
) -> Encoded | None:
    """Do what can be done while Pagefind works (taking the folders' times for the journal, encoding the state
    and writing its article folders), then take its bundles in and swap the site in. Returns the encoded
    state, to be saved once the build has succeeded."""
    with run.report.step("search" if search is not None else "write"):
        staging.take_settled_times(writer.written, changing=BUNDLE)
        encoded = state.encoded(run.config) if state is not None else None
        if encoded is not None:
            encoded.write_articles()
        if search is not None:
            search.finish(writer)
    if run.config.precompress:  # the bundles' files, after the pages' (see _render)
        with run.report.step("compress"):
            precompress(writer, [file for file in writer.written if file.startswith(BUNDLE)], run.config.jobs)
    with run.report.step("write"):
        run.report.files_removed += writer.finish()
        staging.commit(writer.files, writer.touched)
    return encoded


def _save(run: Run, inputs: Stamps, writer: OutputWriter, state: BuildState, encoded: Encoded | None) -> None:
    after = fingerprint(stamps_after(run.config, inputs, writer), run.site)
    last = LastBuild(after, dataclasses.replace(run.report, timings={}))
    state.save(run.config, last, encoded)


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
