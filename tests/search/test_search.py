"""Search shards: which article pages each Pagefind bundle holds, and the bundles a real build makes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sitegen.build import build
from sitegen.search import pagefind as search
from sitegen.search.pagefind import SearchIndexError
from sitegen.search.shards import largest_first, plan_shards, shard_glob, shard_size
from tests.conftest import tree_files, write_article
from tests.incremental.test_incremental import STORM, edit, golden_site

# The golden site's years (one article in 2024, three in 2025) in a bundle each, as in a larger archive.
BY_YEAR: dict[str, Any] = {"search": True, "search_shard_size": 3}


def pages(year: int, counts: dict[int, int]) -> list[str]:
    return [f"{year}/{month:02d}/01/a-{index}/index.html" for month, count in counts.items() for index in range(count)]


def test_a_year_within_the_size_is_one_shard_named_by_the_year() -> None:
    files = pages(2023, {1: 2, 5: 3}) + pages(2024, {2: 1})
    assert plan_shards(files, 5) == {"2023": files[:5], "2024": files[5:]}


def test_years_within_the_size_are_put_together_from_the_oldest() -> None:
    files = pages(2019, {3: 2}) + pages(2020, {1: 2}) + pages(2021, {6: 1}) + pages(2022, {2: 3})
    plan = plan_shards(files, 5)
    assert plan == {"2019-2021": files[:5], "2022": files[5:]}
    assert list(plan) == sorted(plan)


def test_new_articles_change_only_the_newest_run_of_years() -> None:
    files = pages(2019, {3: 2}) + pages(2020, {1: 2}) + pages(2021, {6: 1}) + pages(2022, {2: 3})
    grown = plan_shards([*files, *pages(2023, {1: 2})[1:]], 5)  # one article of 2023
    assert grown == {"2019-2021": files[:5], "2022-2023": [*files[5:], "2023/01/01/a-1/index.html"]}


def test_a_year_larger_than_the_size_ends_a_run_of_years() -> None:
    files = pages(2018, {1: 1}) + pages(2019, {1: 1}) + pages(2020, {1: 3, 2: 3}) + pages(2021, {1: 1})
    assert list(plan_shards(files, 5)) == ["2018-2019", "2020-01-01", "2020-02-02", "2021"]


def test_a_run_of_years_glob_takes_those_years_article_pages() -> None:
    assert shard_glob("2019-2021") == "{2019,2020,2021}/[0-9][0-9]/[0-9][0-9]/*/index.html"


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
    listed = re.search(r'data-bundles="([^"]*)"', (config.output_dir / "search" / "index.html").read_text())
    assert listed is not None
    assert [path.rstrip("/").rsplit("/", 1)[1] for path in listed[1].split()] == sorted(bundles, reverse=True)


def test_a_small_archive_is_one_bundle_of_its_years_that_pagefind_indexes_whole(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", search=True)  # four articles over two years, the default size
    report = build(config)
    assert [path.name for path in (config.output_dir / "pagefind").iterdir()] == ["2024-2025"]
    entry = json.loads((config.output_dir / "pagefind" / "2024-2025" / "pagefind-entry.json").read_text())
    assert sum(language["page_count"] for language in entry["languages"].values()) == report.articles == 4
    assert runtime_files(config.output_dir) == {"2024-2025": {"pagefind-entry.json"} | RUNTIME}


def test_a_failing_pagefind_leaves_the_site_as_it_was_and_the_next_build_makes_it_right(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config, cold = golden_site(tmp_path / "site", **BY_YEAR), golden_site(tmp_path / "cold", **BY_YEAR)
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


def test_a_rebuild_indexes_the_edited_shard_again_and_leaves_no_scratch_folder(tmp_path: Path) -> None:
    config, cold = golden_site(tmp_path / "site", **BY_YEAR), golden_site(tmp_path / "cold", **BY_YEAR)
    build(config)
    before = tree_files(config.output_dir / "pagefind")
    for root in (config.root, cold.root):
        edit(root / STORM, "\n\n", "\n\nA new first paragraph.\n\n")
    build(config)
    build(cold)
    assert tree_files(config.output_dir / "pagefind") != before
    assert tree_files(config.output_dir) == tree_files(cold.output_dir)
    assert not list(tmp_path.glob("*/.sitegen-pagefind-*"))


RUNTIME = {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind"}


def runtime_files(site: Path) -> dict[str, set[str]]:
    """The bundles' files at their top level that are not index data, by bundle."""
    return {
        bundle.name: {path.name for path in bundle.iterdir() if path.is_file() and ".pf_" not in path.name}
        for bundle in sorted((site / "pagefind").iterdir())
    }


def test_only_the_newest_bundle_holds_pagefinds_runtime_and_none_its_own_interfaces(tmp_path: Path) -> None:
    config = golden_site(tmp_path / "site", **BY_YEAR)
    build(config)
    entry = {"pagefind-entry.json"}
    assert runtime_files(config.output_dir) == {"2024": entry, "2025": entry | RUNTIME}


def test_a_newer_year_takes_the_runtime_and_the_rebuild_equals_a_cold_build(tmp_path: Path) -> None:
    config, cold = golden_site(tmp_path / "site", **BY_YEAR), golden_site(tmp_path / "cold", **BY_YEAR)
    build(config)
    for root in (config.root, cold.root):
        write_article(root / "content", "2026/01/new-year.md", "title: New year\ndate: 2026-01-02T10:00:00Z")
    build(config)
    build(cold)
    entry = {"pagefind-entry.json"}
    assert runtime_files(config.output_dir) == {"2024": entry, "2025": entry, "2026": entry | RUNTIME}
    assert tree_files(config.output_dir) == tree_files(cold.output_dir)
