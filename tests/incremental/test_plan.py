"""The pages a build makes: related articles found on every core, and pages refused before any is rendered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bench.generate import generate
from sitegen.build import build
from sitegen.config import Config, load_config
from sitegen.content.load import load_library
from sitegen.incremental import plan as page_plan
from sitegen.incremental.state import BuildState
from sitegen.output.writer import OutputError
from sitegen.site.model import Page


@pytest.fixture
def archive(tmp_path: Path) -> Config:
    root = tmp_path / "site"
    generate(300, root)
    return load_config(root).replace(search=False)


def test_related_articles_found_on_every_core_are_those_found_on_one(
    archive: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = load_library(archive).library
    monkeypatch.setattr(page_plan, "PARALLEL_RELATED", len(library.articles) + 1)
    on_one = page_plan.start_related(library, archive, BuildState()).positions()
    monkeypatch.setattr(page_plan, "PARALLEL_RELATED", 1)
    on_every = page_plan.start_related(library, archive, BuildState()).positions()
    assert on_every == on_one
    assert len(on_one) == len(library.articles) and all(on_one)


def test_two_pages_with_one_output_file_are_refused_before_any_page_is_written(
    archive: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    all_pages = page_plan.all_pages

    def twice_the_first(*args: Any) -> Iterator[Page]:
        pages = list(all_pages(*args))
        return iter([pages[0], *pages])

    monkeypatch.setattr(page_plan, "all_pages", twice_the_first)
    with pytest.raises(OutputError, match="same output file"):
        build(archive)
    assert not archive.output_dir.exists()
