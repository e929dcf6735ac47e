"""A progress bar for long steps, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

from tqdm import tqdm

PROGRESS_THRESHOLD = 500  # show a progress bar for steps over more items than this
T = TypeVar("T")


def progress(items: list[T], label: str, show: bool) -> Iterable[T]:
    if not show or len(items) < PROGRESS_THRESHOLD:
        return items
    return tqdm(items, desc=label, unit="file", leave=False, file=sys.stderr)
