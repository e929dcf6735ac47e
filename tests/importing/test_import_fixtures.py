"""Import each raw file in fixtures/import/, one case per file, and compare with fixtures/import-expected/<case>/.

Each expected folder holds the article file(s) the import writes, by their path below content/articles/, and
report.txt, the import's report. After an intended change, regenerate them and review the diff:

    .venv/bin/pytest tests/test_import_fixtures.py --update-golden
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from sitegen.importing.importer import ImportOptions, import_sources
from tests.conftest import FIXTURES, replace_tree, tree_files

RAW = FIXTURES / "import"
EXPECTED = FIXTURES / "import-expected"
ZONE = ZoneInfo("Europe/Moscow")
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=ZONE)
CASES = sorted(path.relative_to(RAW).as_posix() for path in RAW.rglob("*") if path.is_file())


def import_case(root: Path, case: str) -> tuple[dict[str, bytes], str]:
    raw = root / "raw" / case
    raw.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(RAW / case, raw)
    options = ImportOptions(content_dir=root / "content", zone=ZONE, root=root, now=NOW)
    report = import_sources([raw], options)
    lines = [*report.lines(), report.summary(Path("content/articles"))]
    return tree_files(root / "content" / "articles"), "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES)
def test_raw_file_imports_to_the_expected_article(case: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    articles, report = import_case(tmp_path, case)
    expected_dir = EXPECTED / case.replace("/", "-")
    if request.config.getoption("--update-golden"):
        replace_tree(expected_dir, {**articles, "report.txt": report.encode("utf-8")})
    expected = tree_files(expected_dir)
    assert report == expected.pop("report.txt").decode("utf-8")
    assert articles == expected


def test_every_case_has_an_expected_result() -> None:
    assert sorted(folder.name for folder in EXPECTED.iterdir()) == sorted(case.replace("/", "-") for case in CASES)
