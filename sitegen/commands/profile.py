"""`sitegen build --profile`: where a build's time went, function by function."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")
SHOWN = 40  # functions listed in the readable summary, by each ordering


def profiled(run: Callable[[], Result], out: Path) -> Result:
    """Run under cProfile and write its statistics to out (a pstats file, for viewers such as snakeviz) and a
    readable summary to out with .txt. The build given should use one process (Config.jobs = 1), so that the
    profile sees its pages rendered; Pagefind runs in processes of its own and shows as the time the search
    step waits for them."""
    profiler = cProfile.Profile()
    result = profiler.runcall(run)
    out.parent.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(out)
    with out.with_suffix(".txt").open("w", encoding="utf-8") as summary:
        stats = pstats.Stats(profiler, stream=summary).strip_dirs()
        summary.write("Functions by cumulative time (including what they call):\n")
        stats.sort_stats("cumulative").print_stats(SHOWN)
        summary.write("Functions by their own time:\n")
        stats.sort_stats("tottime").print_stats(SHOWN)
    return result
