"""Render pages on every core: forked processes each render and write a share of the pages.

The processes are forked after the pages are made (cores.forked_map), so they share the library, routes and
Jinja environment with the build instead of receiving copies; each returns only the stamp of each file it
wrote (None for a file that held the same bytes already).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2

from sitegen.output.writer import Stamp, write_if_changed
from sitegen.parallel import forked_map
from sitegen.render.templates import render
from sitegen.site.model import Page
from sitegen.site.routes import output_file

PARALLEL_THRESHOLD = 400  # fewer pages than this render faster in one process than the forking costs
CHUNK = 32


def render_and_write(
    env: jinja2.Environment, pages: list[Page], out_dir: Path, jobs: int = 0, progress: Any = lambda items: items
) -> Iterator[tuple[Page, Stamp | None]]:
    """Each page with the stamp of its file if that changed, rendered in parallel (jobs processes, see
    parallel.available_cores) where that pays."""

    def render_one(index: int) -> Stamp | None:  # pages go to the processes by index: they already hold them
        page = pages[index]
        return write_if_changed(out_dir, output_file(page.route), render(env, page))

    indexes = range(len(pages))
    parallel = len(pages) >= PARALLEL_THRESHOLD
    changes = forked_map(render_one, indexes, CHUNK, jobs) if parallel else map(render_one, indexes)
    yield from zip(pages, progress(changes), strict=True)
