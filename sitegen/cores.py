"""How many processes a build may run at once: the cores this process may use, or SITEGEN_JOBS if smaller."""

from __future__ import annotations

import os


def available_cores() -> int:
    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(available, int(os.environ.get("SITEGEN_JOBS", available))))
