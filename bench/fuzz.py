"""Fuzz the importer and the front-matter parser with Hypothesis for a given time, outside the test suite.

    .venv/bin/python bench/fuzz.py --minutes 10

Runs the property tests of tests/test_import_properties.py and tests/test_properties.py round after round,
each round with fresh random inputs, until the time is up; prints the examples run and stops at the first
failure with Hypothesis's minimal failing example.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, settings

ROUND = 2000  # examples per property per round
# Loaded before the tests are imported, so that their @settings inherit it.
settings.register_profile("fuzz", max_examples=ROUND, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck))  # fmt: skip
settings.load_profile("fuzz")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests import test_import_properties, test_properties  # noqa: E402

PROPERTIES: list[Callable[[], None]] = [
    test_import_properties.test_any_text_gives_an_article_or_a_read_error,
    test_import_properties.test_any_bytes_give_an_article_or_a_read_error,
    test_import_properties.test_date_parsing_never_raises,
    test_properties.test_parse_of_serialise_gives_the_same_data,
    test_properties.test_a_slug_is_always_safe_short_and_stable,
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    budget = parser.parse_args().minutes * 60
    started, examples = time.monotonic(), 0
    while time.monotonic() - started < budget:
        for prop in PROPERTIES:
            prop()
            examples += ROUND
        minutes = (time.monotonic() - started) / 60
        print(f"{minutes:6.1f} min: {examples} examples, no failure", flush=True)
    print(f"Done: {examples} examples in {(time.monotonic() - started) / 60:.1f} minutes, nothing found")


if __name__ == "__main__":
    main()
