"""Every import fixture in one folder: imported, built and checked, clean.

The rule from real archives: after an import, `sitegen build` and `sitegen check` find nothing wrong that the
import did not name. The single-file fixtures (fixtures/import/) and a Jekyll blog with its configuration
(fixtures/import-sites/jekyll/) are imported together, as a user would import a mixed folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.config import load_config
from sitegen.render.theme import THEME_DIR
from tests.conftest import FIXTURES
from tests.importing.test_importer import run_import

SKIPPED = {"_index.md", "jekyll-createpost"}  # no posts: each reported as a skip


def test_a_folder_mixing_every_fixture_imports_builds_and_checks_clean(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES / "import", raw / "files")
    shutil.copytree(FIXTURES / "import-sites" / "jekyll", raw / "blog")
    (tmp_path / "sitegen.toml").write_text('timezone = "Europe/Moscow"\nsearch = false\n', encoding="utf-8")
    report = run_import(tmp_path, raw)
    sources = [path for path in raw.rglob("*") if path.is_file() and path.suffix != ".yml"]
    assert len(report.outcomes) == len(sources), "every file ends as an article or a reported skip"
    assert sorted(o.source.rsplit("/", 1)[1] for o in report.outcomes if o.status == "skipped") == sorted(SKIPPED)
    assert report.counts["failed"] == 0
    config = load_config(tmp_path).replace(templates=str(THEME_DIR))
    built = build(config)
    assert [str(problem) for problem in built.problems] == []
    assert [str(problem) for problem in check(config)] == []
