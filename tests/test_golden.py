"""Build the fixture archive in fixtures/golden-site/ and compare it, file by file, with golden/expected/.

After an intended change to the output, regenerate the expected tree and review its diff:

    .venv/bin/pytest tests/test_golden.py --update-golden
"""

import re
import shutil
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.config import load_config
from sitegen.output.writer import MANIFEST
from sitegen.render.theme import THEME_DIR
from sitegen.site.assets import HASH_LENGTH

from .conftest import FIXTURES, replace_tree, tree_files

EXPECTED = Path(__file__).resolve().parent / "golden" / "expected"
# The search bundle is binary and has its own tests; the manifest lists its hashed names; static/ is a plain
# copy of templates/static/.
LEFT_OUT = ("pagefind/", "static/", MANIFEST)
# The hash in a stylesheet's or script's name (tests/site/test_assets.py): a change of style is not a change of
# the pages compared here.
HASHED_ASSET = re.compile(rb"(static/[\w-]+)\.[0-9a-f]{%d}\.(css|js)\b" % HASH_LENGTH)


def site_files(folder: Path) -> dict[str, bytes]:
    return {name: HASHED_ASSET.sub(rb"\1.HASH.\2", data) for name, data in tree_files(folder, LEFT_OUT).items()}


def test_fixture_archive_matches_the_expected_site(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "golden-site", root)
    config = load_config(root).replace(templates=str(THEME_DIR))
    report = build(config)
    assert report.errors == []
    # The fixture writes a person and a tag two ways on purpose (check's test reports them): warnings here.
    assert sorted(problem.field for problem in report.warnings) == ["people", "tags"]
    built = site_files(config.output_dir)
    if request.config.getoption("--update-golden"):
        replace_tree(EXPECTED, built)
    expected = site_files(EXPECTED)
    assert sorted(built) == sorted(expected), "pages added or missing; regenerate with --update-golden if intended"
    changed = [relative for relative in built if built[relative] != expected[relative]]
    assert changed == [], "pages differ; regenerate with --update-golden if intended"


def test_golden_site_covers_the_hard_cases() -> None:
    expected = site_files(EXPECTED)
    assert "2025/06/03/storm-warning/index.html" in expected
    assert "2025/06/03/storm-warning-2/index.html" in expected
    assert {"tags/cafe/index.html", "tags/cafe-2/index.html"} <= set(expected)
    assert {"people/jose-perez/index.html", "people/jose-perez-2/index.html"} <= set(expected)
    assert "tags/cafe/page/2/index.html" in expected or "tags/cafe-2/page/2/index.html" in expected
    assert not any(name.startswith("2025/06/06") for name in expected), "a draft has no page"
    assert b'href="/news/static/style.HASH.css"' in expected["index.html"]
