"""`sitegen init DIR`: a new site, every setting shown at its default, built and checked clean as it is."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.commands.check import check
from sitegen.commands.init import KEY_NOTES, init_site
from sitegen.config import FILE_KEYS, Config, load_config


def test_init_writes_the_settings_content_registries_gitignore_and_workflow(tmp_path: Path) -> None:
    written = init_site(tmp_path / "news", "Riverside News")
    names = sorted(path.relative_to(tmp_path / "news").as_posix() for path in written)
    assert names == [
        ".github/workflows/publish.yml", ".gitignore", "content/people.yml", "content/tags.yml", "requirements.txt",
        "sitegen.toml",
    ]  # fmt: skip
    assert (tmp_path / "news" / "content" / "articles").is_dir()
    assert (tmp_path / "news" / ".gitignore").read_text() == "/public/\n/.sitegen-cache/\n"


def test_the_settings_show_every_key_at_its_default_and_set_only_the_title(tmp_path: Path) -> None:
    init_site(tmp_path, "Riverside News")
    text = (tmp_path / "sitegen.toml").read_text(encoding="utf-8")
    assert set(KEY_NOTES) == set(FILE_KEYS)  # a new setting needs its line
    uncommented = "\n".join(line.removeprefix("# ") for line in text.splitlines() if " = " in line)
    assert tomllib.loads(uncommented) == {name: getattr(Config(title="Riverside News"), name) for name in FILE_KEYS}
    assert tomllib.loads(text) == {"title": "Riverside News"}
    assert load_config(tmp_path).title == "Riverside News"


def test_init_refuses_a_folder_that_holds_anything(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="not an empty folder"):
        init_site(tmp_path, "News")
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_a_new_site_builds_and_checks_clean_with_the_packaged_theme(tmp_path: Path) -> None:
    init_site(tmp_path, "Riverside News")
    config = load_config(tmp_path).replace(search=False)
    assert build(config).problems == []
    assert check(config, build_first=False) == []
    assert "Riverside News" in (config.output_dir / "index.html").read_text(encoding="utf-8")
