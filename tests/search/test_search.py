"""Search shards: which article pages each Pagefind bundle holds, and the bundles a real build makes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pagefind_bin
import pytest

from sitegen.build import build
from sitegen.parallel import PRIORITY_STEP
from sitegen.search import pagefind as search
from sitegen.search.pagefind import SearchIndexError, largest_first, plan_shards, shard_glob, shard_size
from tests.conftest import tree_files
from tests.incremental.test_incremental import STORM, edit, golden_site


def pages(year: int, counts: dict[int, int]) -> list[str]:
    return [f"{year}/{month:02d}/01/a-{index}/index.html" for month, count in counts.items() for index in range(count)]


def test_a_year_within_the_size_is_one_shard_named_by_the_year() -> None:
    files = pages(2023, {1: 2, 5: 3}) + pages(2024, {2: 1})
    assert plan_shards(files, 5) == {"2023": files[:5], "2024": files[5:]}


def test_a_larger_year_is_split_into_runs_of_whole_months_that_sort_in_time() -> None:
    files = pages(2024, {1: 2, 2: 2, 3: 2, 7: 1, 12: 4})
    plan = plan_shards(files, 4)
    assert list(plan) == sorted(plan) == ["2024-01-02", "2024-03-07", "2024-12-12"]
    assert [len(shard) for shard in plan.values()] == [4, 3, 4]
    assert [file for shard in plan.values() for file in shard] == files


def test_a_larger_year_is_split_into_runs_as_even_as_its_months_allow() -> None:
    files = pages(2024, dict.fromkeys(range(1, 13), 170))  # 2,040 articles: three runs of at most 1,000
    plan = plan_shards(files, 1000)
    assert list(plan) == ["2024-01-04", "2024-05-08", "2024-09-12"]  # not five, five and two months
    assert [len(shard) for shard in plan.values()] == [680, 680, 680]


def test_the_default_shard_size_grows_with_the_archive_between_its_bounds() -> None:
    assert shard_size(0, 500) == shard_size(0, 20_000) == 1000
    assert shard_size(0, 48_000) == 2000
    assert shard_size(0, 100_000) == shard_size(0, 1_000_000) == 4000
    assert shard_size(300, 100_000) == 300  # the site's own setting stands


def test_shards_are_indexed_largest_first_then_by_name() -> None:
    shards = {"2019": ["a"] * 3, "2020": ["a"] * 3, "2021": ["a"] * 5, "2022": ["a"] * 9}
    assert largest_first(shards, {"2019", "2020", "2021"}) == ["2021", "2019", "2020"]


def test_a_month_larger_than_the_size_is_still_one_shard() -> None:
    assert list(plan_shards(pages(2024, {1: 1, 2: 9, 3: 1}), 4)) == ["2024-01-01", "2024-02-02", "2024-03-03"]


def test_a_split_shards_glob_takes_its_months_only() -> None:
    assert shard_glob("2024") == "2024/[0-9][0-9]/[0-9][0-9]/*/index.html"
    assert shard_glob("2024-03-05") == "2024/{03,04,05}/[0-9][0-9]/*/index.html"


def test_pagefind_indexes_each_article_once_across_split_shards(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", search=True, search_shard_size=1)
    report = build(config)
    bundles = sorted(path.parent.name for path in (config.output_dir / "pagefind").glob("*/pagefind-entry.json"))
    assert bundles == ["2024", "2025-06-06"]  # 2024 has one article; 2025's June has several
    counts = [
        json.loads((config.output_dir / "pagefind" / bundle / "pagefind-entry.json").read_text())["languages"]
        for bundle in bundles
    ]
    assert sum(language["page_count"] for each in counts for language in each.values()) == report.articles
    merged = re.search(r'data-merge="([^"]*)"', (config.output_dir / "search" / "index.html").read_text())
    assert merged is not None
    assert [path.rstrip("/").rsplit("/", 1)[1] for path in merged[1].split()] == sorted(bundles, reverse=True)


def test_new_bundles_are_made_beside_the_site_and_bundles_made_again_in_memory_where_there_is_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "public"
    monkeypatch.setattr(search, "SCRATCH_ROOM", 1 << 62)  # more than any machine has
    assert search._scratch_parent(site, replacing=False) == tmp_path
    assert search._scratch_parent(site, replacing=True) == tmp_path
    if not os.access("/dev/shm", os.W_OK):
        pytest.skip("this system has no shared memory folder")
    monkeypatch.setattr(search, "SCRATCH_ROOM", 0)
    assert search._scratch_parent(site, replacing=False) == tmp_path
    assert search._scratch_parent(site, replacing=True) == Path("/dev/shm")


def test_without_room_in_memory_a_rebuild_makes_its_bundles_beside_the_site_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sites = {
        "in memory": golden_site(tmp_path / "one", search=True),
        "beside": golden_site(tmp_path / "two", search=True),
    }
    asked: list[bool] = []  # what each build told _scratch_parent: whether it replaces the site's bundles
    scratch_parent = search._scratch_parent
    monkeypatch.setattr(
        search, "_scratch_parent", lambda site, replacing: asked.append(replacing) or scratch_parent(site, replacing)
    )
    for where, config in sites.items():
        build(config)
        if where == "beside":
            monkeypatch.setattr(search, "SCRATCH_ROOM", 1 << 62)
        before = tree_files(config.output_dir / "pagefind")
        edit(config.root / STORM, "\n\n", "\n\nA new first paragraph.\n\n")
        build(config)
        assert tree_files(config.output_dir / "pagefind") != before  # the edited article's bundle was made again
    assert asked == [False, True, False, True]  # a cold build's bundles are new; an edit's replace one
    assert tree_files(sites["beside"].output_dir) == tree_files(sites["in memory"].output_dir)
    assert not list(tmp_path.glob("*/.sitegen-pagefind-*"))  # the scratch folders are gone


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a priority of its own per thread is Linux's")
def test_the_build_gives_pagefind_the_cores_first_while_it_runs_and_takes_its_priority_back_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = threading.get_native_id()
    before = os.getpriority(os.PRIO_PROCESS, thread)
    during: list[int] = []  # this thread's priority while it waits for Pagefind's bundles
    keep_data_files_there = search._keep_data_files_there

    def recording(*args: object) -> None:
        during.append(os.getpriority(os.PRIO_PROCESS, thread))
        keep_data_files_there(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "_keep_data_files_there", recording)
    build(golden_site(tmp_path / "site", search=True))
    assert during and set(during) == {min(before + PRIORITY_STEP, 19)}
    if os.geteuid() == 0:  # others may not raise a priority again
        assert os.getpriority(os.PRIO_PROCESS, thread) == before


def test_a_failing_pagefind_leaves_the_site_as_it_was_and_the_next_build_makes_it_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, cold = golden_site(tmp_path / "site", search=True), golden_site(tmp_path / "cold", search=True)
    build(config)
    before = tree_files(config.output_dir)
    for root in (config.root, cold.root):
        edit(root / STORM, "\n\n", "\n\nA new first paragraph.\n\n")
    with monkeypatch.context() as patched:
        patched.setattr(search.pagefind_bin, "get_executable", lambda: "false")  # a Pagefind that fails
        with pytest.raises(SearchIndexError, match="Pagefind failed on 2025"):
            build(config)
    assert tree_files(config.output_dir) == before
    build(config)  # with what the failed build left in the cache
    build(cold)
    assert tree_files(config.output_dir) == tree_files(cold.output_dir)


def test_pagefind_runs_with_the_allocator_setting_and_no_huge_pages_unless_the_user_chose_a_setting() -> None:
    name, setting = search.PAGEFIND_ALLOCATOR
    assert search.pagefind_environment({"HOME": "/home/a"}) == {name: setting, "HOME": "/home/a"}
    assert not search.pagefind_huge_pages({"HOME": "/home/a"})
    assert search.pagefind_environment({name: "narenas:1"})[name] == "narenas:1"
    assert search.pagefind_huge_pages({name: "narenas:1"})


def test_pagefinds_allocator_takes_the_setting_without_complaint(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="en"><body><main>One page</main></body></html>')
    name, setting = search.PAGEFIND_ALLOCATOR
    environment = {name: f"{setting},stats_print:true"}
    command = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(tmp_path / "out")]
    result = subprocess.run(command, capture_output=True, text=True, check=True, env=environment)
    printed = result.stdout + result.stderr
    assert "Invalid conf" not in printed
    assert 'opt.thp: "always"' in printed and "opt.dirty_decay_ms: -1" in printed  # jemalloc read every part
