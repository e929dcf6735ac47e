"""Import fills people and tags: the registry's names, cached by content, the rules engine without spaCy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitegen.content.frontmatter import parse
from sitegen.importing import enrich
from tests.conftest import REPO

from .test_importer import SEED, run_import


def front_matter(path: Path) -> dict[str, object]:
    return parse(path.read_text(encoding="utf-8")).meta


def site_with_sample_registry(root: Path) -> Path:
    (root / "content").mkdir()
    for name in ("people.yml", "tags.yml"):
        shutil.copy(REPO / "content" / name, root / "content" / name)
    return root


def test_the_seed_imports_with_exactly_its_three_people_and_no_person_as_a_tag(tmp_path: Path) -> None:
    report = run_import(site_with_sample_registry(tmp_path), SEED)
    [outcome] = report.outcomes
    assert outcome.article is not None
    fields = front_matter(outcome.article)
    assert fields["people"] == ["Dmitry Peskov", "Vladimir Putin", "Volodymyr Zelensky"]
    assert {"Ukraine", "Russia", "Kremlin", "United States"} <= set(fields["tags"])  # US through tags.yml
    assert not set(fields["people"]) & set(fields["tags"])
    assert len(fields["tags"]) <= 8


def test_importing_unchanged_files_again_loads_no_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = site_with_sample_registry(tmp_path)
    run_import(root, SEED)
    assert (root / ".sitegen-cache" / enrich.CACHE_FILE).is_file()

    def no_engine(*args: object, **kwargs: object) -> object:
        raise AssertionError("the extraction engine was loaded for an article already extracted")

    monkeypatch.setattr(enrich, "load_engine", no_engine)
    [outcome] = run_import(root, SEED).outcomes
    assert outcome.status == "unchanged"


def test_without_the_model_the_rules_engine_runs_with_a_one_line_notice(tmp_path: Path) -> None:
    report = run_import(site_with_sample_registry(tmp_path), SEED, people_model="no_such_spacy_model")
    [notice] = report.notices
    assert "rules engine" in notice and "\n" not in notice
    assert next(report.lines()) == notice
    [outcome] = report.outcomes
    assert outcome.article is not None
    assert front_matter(outcome.article)["people"] == ["Dmitry Peskov", "Vladimir Putin", "Volodymyr Zelensky"]


def test_no_extract_keeps_the_sources_own_people_and_tags(tmp_path: Path) -> None:
    [outcome] = run_import(site_with_sample_registry(tmp_path), SEED, extract=False).outcomes
    assert outcome.article is not None
    fields = front_matter(outcome.article)
    assert fields["people"] == [] and fields["tags"] == []


def test_a_weakly_matching_name_is_imported_as_written_and_reported_as_a_suggestion(tmp_path: Path) -> None:
    root = site_with_sample_registry(tmp_path)
    scrape = tmp_path / "visit.txt"
    scrape.write_text(
        "Leader visits Kharkiv\n• Admin\n• 4 March 2025, 10:00\n• News\n\nLeader visits Kharkiv\n\n"
        "President Volodimir Zelensky visited Kharkiv on Tuesday. Volodimir Zelensky met soldiers there.\n",
        encoding="utf-8",
    )
    report = run_import(root, scrape)
    [outcome] = report.outcomes
    assert outcome.article is not None
    assert front_matter(outcome.article)["people"] == ["Volodimir Zelensky"]  # never merged on weak evidence
    assert any("“Volodimir Zelensky” may be Volodymyr Zelensky" in line for line in report.lines())
