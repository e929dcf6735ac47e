"""Rebuild on change, for `sitegen serve`: watch the content, templates and sitegen.toml, keep the last good site.

A rebuild that would newly break the site (a file that loaded at the last build no longer does, a template does
not compile, sitegen.toml is wrong) is not made: the problems go to the terminal and the page's overlay, and the
last good site stays served. Problems that were there at the last build do not hold later rebuilds back.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path

from watchfiles import DefaultFilter, watch

from sitegen.build import BuildReport, build, summary
from sitegen.config import CONFIG_FILE, Config, ConfigError
from sitegen.content.load import load_library, loading_setting
from sitegen.incremental.state import BuildState
from sitegen.output.writer import OutputError
from sitegen.render.templates import TemplateProblem, template_problems
from sitegen.search.pagefind import SearchIndexError
from sitegen.serve.livereload import SiteState

QUIET_MS = 200  # changes closer together than this are one rebuild


class Rebuilder:
    def __init__(self, make_config: Callable[[], Config], state: SiteState, say: Callable[[str], None]) -> None:
        self.make_config, self.state, self.say = make_config, state, say
        self.broken: set[Path] = set()  # files with errors at the last build

    def first_build(self, config: Config) -> BuildReport:
        report = build(config)
        self.broken = {problem.file for problem in report.errors}
        self.state.publish([str(problem) for problem in report.errors], rebuilt=True)
        return report

    def rebuild(self) -> None:
        config, problems = self._blocking_problems()
        if config is None or problems:
            for problem in problems:
                self.say(problem)
            self.say("Not rebuilt: the last good site is still served.")
            self.state.publish(problems, rebuilt=False)
            return
        try:
            report = build(config)
        except (TemplateProblem, SearchIndexError, OutputError) as error:
            self.say(str(error))
            self.state.publish([str(error)], rebuilt=False)
            return
        for problem in report.problems:
            self.say(str(problem))
        self.say(summary(report, config.output_dir))
        self.broken = {problem.file for problem in report.errors}
        self.state.publish([str(problem) for problem in report.errors], rebuilt=True)

    def _blocking_problems(self) -> tuple[Config | None, list[str]]:
        """The configuration to build with, and what would make the rebuilt site worse than the one served."""
        try:
            config = self.make_config()
        except ConfigError as error:
            return None, [f"{CONFIG_FILE}: {error}"]
        templates = template_problems(config)
        if templates:
            return config, templates
        # The last build's state spares reading again the articles that have not changed since.
        known = BuildState.load(config).known_files(loading_setting(config))
        errors = [problem for problem in load_library(config, known).problems if not problem.warning]
        if {problem.file for problem in errors} - self.broken:
            return config, [str(problem) for problem in errors]
        return config, []


def watch_and_rebuild(config: Config, rebuilder: Rebuilder, stop: threading.Event) -> None:
    """Rebuild after each burst of changes until stop is set."""
    changes: queue.Queue[object] = queue.Queue()
    watchers = [
        ([config.content_dir, config.templates_dir], True, DefaultFilter()),
        ([config.root], False, lambda _change, path: Path(path).name == CONFIG_FILE),
    ]
    for paths, recursive, only in watchers:
        existing = [path for path in paths if path.exists()]
        if existing:
            thread = threading.Thread(
                target=_forward, args=(existing, recursive, only, changes, stop), daemon=True
            )  # fmt: skip
            thread.start()
    while not stop.is_set():
        try:
            changes.get(timeout=0.5)
        except queue.Empty:
            continue
        while not changes.empty():
            changes.get_nowait()
        rebuilder.rebuild()


def _forward(
    paths: list[Path],
    recursive: bool,
    only: Callable[[object, str], bool],
    changes: queue.Queue[object],
    stop: threading.Event,
) -> None:
    for batch in watch(*paths, recursive=recursive, watch_filter=only, debounce=QUIET_MS, stop_event=stop):
        changes.put(batch)
