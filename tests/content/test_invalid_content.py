"""Every file in fixtures/invalid/ must be reported with the message in its .expected file, and not stop the build."""

import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import Config
from sitegen.content import load as load_module
from sitegen.content.load import load_library
from sitegen.parallel import forked_map
from tests.conftest import FIXTURES, write_article

CASES = sorted(path.stem for path in (FIXTURES / "invalid").glob("*.md"))


@pytest.mark.parametrize("case", CASES)
def test_invalid_article_is_reported_and_the_rest_is_built(site: Config, case: str) -> None:
    articles = site.content_dir / "articles"
    shutil.copy(FIXTURES / "invalid" / f"{case}.md", articles / f"{case}.md")
    write_article(site.content_dir, "good.md", "title: Good\ndate: 2025-06-03")
    expected = (FIXTURES / "invalid" / f"{case}.expected").read_text(encoding="utf-8").strip()

    report = build(site)

    messages = [str(problem) for problem in report.errors]
    assert len(messages) == 1, messages
    assert messages[0].startswith(str(articles)), "the message names the file"
    assert expected in messages[0]
    assert report.articles == 1
    assert (site.output_dir / "2025/06/03/good/index.html").exists()


def test_every_invalid_case_has_its_expected_message() -> None:
    expectations = {path.stem for path in (FIXTURES / "invalid").glob("*.expected")}
    assert expectations == set(CASES)
    assert len(CASES) >= 10


def test_a_bad_people_registry_is_reported_and_the_site_still_builds(site: Config) -> None:
    (site.content_dir / "people.yml").write_text("- name: A\n  aliases: [X]\n- name: B\n  aliases: [X]\n")
    write_article(site.content_dir, "good.md", "title: Good\ndate: 2025-06-03\npeople: [X]")
    report = build(site)
    assert [str(problem) for problem in report.errors] == [
        f"{site.content_dir / 'people.yml'}: error: 'X' is given for both A and B; it is left out of this build"
    ]
    assert (site.output_dir / "people/x/index.html").exists()


def test_unknown_fields_are_warnings_that_name_the_field(site: Config, tmp_path: Path) -> None:
    path = write_article(site.content_dir, "a.md", "title: A\ndate: 2025-06-03\nsubtitle: B")
    report = build(site)
    assert not report.errors
    assert [str(problem) for problem in report.warnings] == [
        f"{path}:4: warning: subtitle: unknown field, ignored; the fields are aliases, authors, category, date, "
        "date_inferred, draft, image, import_hash, language, people, slug, source, summary, tags, title, updated"
    ]


def test_reading_on_every_core_reports_the_same_as_reading_in_one(
    site: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = site.content_dir / "articles"
    for case in CASES:
        shutil.copy(FIXTURES / "invalid" / f"{case}.md", articles / f"{case}.md")
    for number in range(5):
        write_article(site.content_dir, f"good-{number}.md", f"title: Good {number}\ndate: 2025-06-0{number + 1}")
    monkeypatch.setenv("SITEGEN_JOBS", "1")
    one = load_library(site)
    monkeypatch.setenv("SITEGEN_JOBS", "2")
    monkeypatch.setattr(load_module, "PARALLEL_LOAD", 1)
    forks: list[int] = []
    monkeypatch.setattr(load_module, "forked_map", lambda *args: forks.append(1) or forked_map(*args))
    several = load_library(site)
    assert forks == [1]
    assert [str(problem) for problem in several.problems] == [str(problem) for problem in one.problems]
    assert len(several.problems) == len(CASES)
    titles = [article.title for article in several.library.articles]
    assert titles == [article.title for article in one.library.articles]
    assert len(titles) == 5
