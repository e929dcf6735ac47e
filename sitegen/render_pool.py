"""Render pages on every core: forked processes each render and write a share of the pages.

The processes are forked after the pages are made, so they share the library, routes and Jinja environment
with the build instead of receiving copies; each returns only whether each file's bytes changed.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import jinja2

from .cores import available_cores
from .pages import Page
from .render import render
from .routes import output_file
from .writer import write_if_changed

PARALLEL_THRESHOLD = 400  # fewer pages than this render faster in one process than the forking costs
CHUNK = 32

_shared: tuple[jinja2.Environment, list[Page], Path] | None = None  # set only while a pool renders


def render_and_write(
    env: jinja2.Environment, pages: list[Page], out_dir: Path, progress: Any = lambda items: items
) -> Iterator[tuple[Page, bool]]:
    """Each page with whether its file changed, rendered in parallel where that pays."""
    jobs = _jobs()
    if jobs == 1 or len(pages) < PARALLEL_THRESHOLD:
        for page in progress(pages):
            yield page, write_if_changed(out_dir, output_file(page.route), render(env, page))
        return
    global _shared
    _shared = (env, pages, out_dir)
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            results: Iterable[tuple[int, bool]] = pool.imap_unordered(_render_one, range(len(pages)), CHUNK)
            for index, changed in progress(results):
                yield pages[index], changed
    finally:
        _shared = None


def _render_one(index: int) -> tuple[int, bool]:
    assert _shared is not None
    env, pages, out_dir = _shared
    page = pages[index]
    return index, write_if_changed(out_dir, output_file(page.route), render(env, page))


def _jobs() -> int:
    return available_cores() if hasattr(os, "fork") else 1
