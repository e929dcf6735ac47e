"""Layered fixtures: a config for a small archive -> a built site; the browser tests serve them (tests/browser/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

from bench.generate import generate
from sitegen.build import BuildReport, build
from sitegen.config import Config, load_config
from sitegen.render.theme import THEME_DIR

REPO = Path(__file__).resolve().parent.parent
# Property tests run this many examples in the suite; bench/fuzz.py runs them for minutes.
settings.register_profile("suite", max_examples=200, deadline=None)
settings.load_profile("suite")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current build")


def write_article(content: Path, name: str, front_matter: str, body: str = "Some text.\n") -> Path:
    """Write content/articles/<name> with the given front-matter lines."""
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter.strip()}\n---\n\n{body}", encoding="utf-8")
    return path


def site_config(root: Path, **settings: object) -> Config:
    """A config for a site in root, with templates from the repository and search off unless asked for."""
    settings.setdefault("search", False)
    return Config(root=root, templates=str(THEME_DIR)).replace(**settings)


@pytest.fixture
def site(tmp_path: Path) -> Config:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    return site_config(tmp_path)


class BuiltSite:
    def __init__(self, config: Config, report: BuildReport) -> None:
        self.config, self.report = config, report
        self.out = config.output_dir

    def read(self, relative: str) -> str:
        return (self.out / relative).read_text(encoding="utf-8")


def sample_config(root: Path, **settings: object) -> Config:
    """A copy of the repository's sample archive and its sitegen.toml in root, with the repository's templates."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "sitegen.toml", root / "sitegen.toml")
    return load_config(root).replace(templates=str(THEME_DIR), **settings)


def tree_files(folder: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file below folder by its relative path, except those whose path starts with one in leave_out."""
    return {
        relative: path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not (relative := path.relative_to(folder).as_posix()).startswith(leave_out)
    }


def replace_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Make folder hold exactly these files: how --update-golden rewrites an expected tree."""
    shutil.rmtree(folder, ignore_errors=True)
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own sample archive, built once with its search index."""
    config = sample_config(tmp_path_factory.mktemp("sample"))
    return BuiltSite(config, build(config))


SHARD_SIZE = 120
GENERATED_SIZE = 2000


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """bench/'s deterministic archive of 2,000 articles over ten years, built once with its search index.

    Its search bundles hold at most 120 articles, so each year (about 200) is split into runs of months and
    the browser tests search across twenty bundles of both kinds of split."""
    root = tmp_path_factory.mktemp("generated")
    generate(GENERATED_SIZE, root)
    config = load_config(root).replace(search_shard_size=SHARD_SIZE)
    return BuiltSite(config, build(config))
