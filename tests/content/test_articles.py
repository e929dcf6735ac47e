from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.content.articles import MAX_NAMES, article_files, load_article
from sitegen.content.model import Person, Registry, Source
from sitegen.problems import ProblemsError
from tests.conftest import write_article

ZONE = ZoneInfo("Europe/Moscow")
REGISTRY = Registry.of(
    [Person("Volodymyr Zelensky", aliases=("Volodymyr Zeleskiy", "Zelenskyy"))], {"US": "United States"}
)


def load(content: Path, front_matter: str, body: str = "First paragraph.\n\nSecond.\n"):
    path = write_article(content, "2025/06/a.md", front_matter, body)
    return load_article(path, content, ZONE, REGISTRY)


def test_what_people_write_is_normalised(tmp_path: Path) -> None:
    article, warnings = load(
        tmp_path,
        "title: Talks\ndate: 2025-06-03 12:30\nauthor: Admin, Desk\ntags: US, Kremlin\n"
        "people: [Volodymyr Zeleskiy, zelenskyy]\ncategory: [News]",
    )
    assert warnings == []
    assert article.date == datetime(2025, 6, 3, 12, 30, tzinfo=ZONE)
    assert article.authors == ("Admin", "Desk")
    assert article.tags == ("United States", "Kremlin")
    assert article.people == ("Volodymyr Zelensky",)
    assert article.category == "News"
    assert article.file == "articles/2025/06/a.md"


def test_missing_slug_and_summary_are_derived(tmp_path: Path) -> None:
    article, _ = load(tmp_path, "title: Kremlin says “no” to talks\ndate: 2025-06-03")
    assert article.slug == "kremlin-says-no-to-talks"
    assert article.summary == "First paragraph."


def test_given_slug_is_made_safe(tmp_path: Path) -> None:
    article, _ = load(tmp_path, "title: T\ndate: 2025-06-03\nslug: ../../etc/Passwd")
    assert article.slug == "etc-passwd"


def test_source_and_draft_are_read(tmp_path: Path) -> None:
    article, _ = load(tmp_path, "title: T\ndate: 2025-06-03\ndraft: true\nsource:\n  path: raw/a.txt\n  sha256: ab")
    assert article.draft is True
    assert article.sources == (Source(path="raw/a.txt", sha256="ab"),)


def test_every_bad_field_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as raised:
        load(tmp_path, "title: T\ndate: soon\nauthors: {a: 1}")
    assert [(problem.field, problem.line) for problem in raised.value.problems] == [("date", 3), ("authors", 4)]


def test_articles_are_found_in_a_stable_order_without_hidden_files(tmp_path: Path) -> None:
    for name in ("2025/06/b.md", "2025/06/a.md", "2024/01/z.md", "2025/06/.hidden.md", ".git/x.md"):
        write_article(tmp_path, name, "title: T\ndate: 2025-06-03")
    (tmp_path / "articles" / "notes.txt").write_text("not an article")
    found = [path.relative_to(tmp_path / "articles").as_posix() for path in article_files(tmp_path)]
    assert found == ["2024/01/z.md", "2025/06/a.md", "2025/06/b.md"]


@pytest.mark.parametrize("written", ["0001-01-01", "9999-12-31T23:00:00-05:00", "0001-01-01T00:30:00+01:00"])
def test_a_date_no_page_or_feed_can_show_is_an_error_naming_the_field(tmp_path: Path, written: str) -> None:
    with pytest.raises(ProblemsError) as raised:
        load(tmp_path, f"title: Far\ndate: {written}")
    [problem] = raised.value.problems
    assert problem.field == "date" and "0001-01-02 to 9999-12-30" in problem.message


def test_the_first_dates_a_page_can_show_load(tmp_path: Path) -> None:
    article, _ = load(tmp_path, "title: Early\ndate: 0001-01-02T12:00:00+03:00")
    assert article.date.year == 1


def test_tags_and_people_past_the_limit_are_dropped_with_a_warning(tmp_path: Path) -> None:
    tags = ", ".join(f"tag {number}" for number in range(MAX_NAMES + 50))
    article, warnings = load(tmp_path, f"title: Many\ndate: 2025-06-03\ntags: [{tags}]")
    assert len(article.tags) == MAX_NAMES and article.tags[0] == "tag 0"
    [warning] = warnings
    assert warning.field == "tags" and f"{MAX_NAMES + 50} tags" in warning.message and warning.warning


def test_an_article_in_another_language_says_so_and_a_malformed_tag_is_an_error(tmp_path: Path) -> None:
    article, _ = load(tmp_path, "title: Neue Fähre\ndate: 2025-06-03\nlanguage: de")
    assert article.language == "de"
    with pytest.raises(ProblemsError, match="expected a language tag such as de or pt-BR"):
        load(tmp_path / "bad", "title: T\ndate: 2025-06-03\nlanguage: German language")
