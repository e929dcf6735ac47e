"""A progress bar for long steps, shown only to a person watching a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import TypeVar

PROGRESS_THRESHOLD = 500  # show a progress bar for steps over more items than this
T = TypeVar("T")


def progress(items: Iterable[T], label: str, show: bool, total: int | None = None) -> Iterable[T]:
    """items, counted on a progress bar; total is needed when items has no length."""
    count = total if total is not None else len(items)  # type: ignore[arg-type]
    if not show or count < PROGRESS_THRESHOLD:
        return items
    from tqdm import tqdm  # only here: a rebuild in a script or CI need not import it

    return tqdm(items, desc=label, unit="file", total=count, leave=False, file=sys.stderr)
