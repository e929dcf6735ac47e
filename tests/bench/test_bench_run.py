"""The benchmark's figures: each run timed until its process ends and until what it wrote is on the disk, and
the growth with the archive worked out from both."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.fixture(scope="module")
def bench_run() -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCH))  # bench/run.py is a script: it imports its neighbours as top-level modules
    try:
        yield importlib.import_module("run")
    finally:
        sys.path.remove(str(BENCH))


def test_a_run_is_timed_until_what_it_wrote_is_on_the_disk(
    bench_run: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = SimpleNamespace(now=0.0)
    output = tmp_path / "written.txt"
    found_at_sync: list[bool] = []

    def sync() -> None:  # what the disk takes to write the output out: 10 s of the benchmark's clock
        found_at_sync.append(output.exists())
        clock.now += 10

    monkeypatch.setattr(bench_run.os, "sync", sync)
    monkeypatch.setattr(bench_run.time, "perf_counter", lambda: clock.now)
    command = [sys.executable, "-c", f"open({str(output)!r}, 'w').write('page')"]
    run = bench_run.measure(command, tmp_path, tmp_path / "nothing to read")
    assert found_at_sync == [False, True]  # once before the run (untimed), once after it
    assert (run.seconds, run.on_disk) == (0, 10)
    assert run.peak_mb > 0


def test_the_median_of_each_time_is_taken_on_its_own_and_the_peak_is_the_largest(bench_run: ModuleType) -> None:
    Run = bench_run.Run
    runs = [Run(1, 300, 5), Run(4, 100, 1), Run(2, 200, 4), Run(3, 400, 3)]
    assert bench_run.median(runs) == Run(2, 400, 3)  # with an even count, the lower of the middle two


def test_growth_is_the_time_per_article_at_the_larger_size_over_that_at_the_smaller(bench_run: ModuleType) -> None:
    Run = bench_run.Run
    names = bench_run.COMPARED

    def round_of(seconds: float, on_disk: float) -> dict[str, Run]:
        return {name: Run(seconds, 100, on_disk) for name in names}

    rounds = {
        20000: [round_of(20, 21), round_of(22, 23)],
        100000: [round_of(110, 105), round_of(100, 100)],
    }
    lines = bench_run.scaling(rounds).splitlines()
    assert f"  {bench_run.COLD}, wall: 1.10, 0.91; median 1.00" in lines  # (110 / 100) / (20 / 20), ...
    assert f"  {bench_run.COLD}, on disk: 1.00, 0.87; median 0.93" in lines  # (105 / 100) / (21 / 20), ...
    assert "   20000 articles     1.00; 1.05      100   1.00; 1.05   1.00; 1.05" in lines  # the medians' s per 1,000
