"""`sitegen build`: a fixed list of named, timed steps. Everything is read before anything is written."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .content import article_files, load_article
from .library import Library
from .model import Article
from .pages import all_pages
from .problems import Problem, ProblemsError
from .progress import progress
from .registry import load_registry
from .render import environment, render
from .routes import Routes, output_file
from .search import build_search_index
from .writer import OutputWriter


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


def build(config: Config, show_progress: bool = False) -> BuildReport:
    report = BuildReport()
    with report.step("load"):
        library = load_library(config, report, show_progress)
    with report.step("route"):
        routes = Routes(library)
        pages = list(all_pages(library, routes, config))
        report.pages = len(pages)
    writer = OutputWriter(config.output_dir)
    with report.step("render"):
        env = environment(config, routes)
        writer.claim(output_file(page.route) for page in pages)
        for page in progress(pages, "render", show_progress):
            writer.write(output_file(page.route), render(env, page))
        writer.copy_tree(config.templates_dir / "static", "static/")
    if config.search:
        with report.step("search"):
            report.search_pages = build_search_index(config.output_dir, writer)
    with report.step("write"):
        report.files_removed = writer.finish()
    report.files_changed = writer.changed
    return report


def load_library(config: Config, report: BuildReport, show_progress: bool = False) -> Library:
    registry, problems = load_registry(config.content_dir)
    report.problems.extend(problems)
    articles: list[Article] = []
    files = list(article_files(config.content_dir))
    for path in progress(files, "load", show_progress):
        try:
            article, warnings = load_article(path, config.content_dir, config.zone, registry)
        except ProblemsError as error:
            report.problems.extend(error.problems)
            continue
        report.problems.extend(warnings)
        if article.draft:
            report.drafts += 1
        else:
            articles.append(article)
    report.articles = len(articles)
    return Library.of(articles, registry)


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
