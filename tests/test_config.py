from pathlib import Path

import pytest

from sitegen.config import Config, ConfigError, load_config


def test_missing_file_gives_the_documented_defaults(tmp_path: Path) -> None:
    config = load_config(tmp_path)
    assert config == Config(root=tmp_path)
    assert config.base_path == "/"
    assert config.output_dir == tmp_path / "public"


def test_unknown_key_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('title = "x"\npage_sise = 3\n')
    with pytest.raises(ConfigError, match=r"sitegen.toml: unknown key\(s\) page_sise"):
        load_config(tmp_path)


def test_wrong_type_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('page_size = "ten"\n')
    with pytest.raises(ConfigError, match="page_size must be a int"):
        load_config(tmp_path)


def test_base_url_with_a_path_gets_a_trailing_slash(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text('base_url = "https://example.org/archive"\n')
    config = load_config(tmp_path)
    assert config.base_url == "https://example.org/archive/"
    assert config.base_path == "/archive/"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('base_url = "example.org"', "absolute http"),
        ('timezone = "Mars/Olympus"', "not a known IANA time zone"),
        ("page_size = 0", "page_size must be at least 1"),
        ("search_shard_size = -1", "search_shard_size must be 0"),
    ],
)
def test_bad_values_are_errors(tmp_path: Path, line: str, message: str) -> None:
    (tmp_path / "sitegen.toml").write_text(line + "\n")
    with pytest.raises(ConfigError, match=message):
        load_config(tmp_path)


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "sitegen.toml").write_text("title = \n")
    with pytest.raises(ConfigError, match=r"sitegen\.toml: not valid TOML"):
        load_config(tmp_path)
