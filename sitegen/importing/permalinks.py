"""The address a post had on the site it comes from, worked out from that generator's permalink setting.

A post that gives no address of its own (no permalink, url or path in its front-matter) was published where
its site's setting put it, and that old address must keep working once the archive has moved (see
site/redirects.py). The setting is read from the site's configuration, found above the file:

- Jekyll (`_config.yml` `permalink`, default `date`): `:year :month :day :i_month :i_day :short_year :title
  :slug :categories :output_ext`, and the styles `date`, `pretty`, `ordinal`, `none`; only for posts in
  `_posts/`, whose name (`2020-12-14-title.md`) gives `:title`;
- Hugo (`[permalinks]` in `hugo.toml` or `config.toml`, or `config/_default/permalinks.toml`, by the post's
  section; default `/:sections/:slugorfilename/`): `:year :month :day :monthname :section :sections :title
  :slug :filename :contentbasename :slugorfilename :slugorcontentbasename`;
- Zola (`config.toml` with `base_url`): `/<section>/<slug>/`, the slug from the front-matter or the file's name
  without its date;
- Pelican (`pelicanconf.py` `ARTICLE_URL`, default `{slug}.html`): `{slug} {category} {author} {date:%Y}...`;
- Eleventy (`eleventy.config.js`): the file's path in its input folder as a folder, `blog/post.md` at
  `/blog/post/`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from sitegen.content.normalise import slug as slugify
from sitegen.importing.links import NearestAbove
from sitegen.importing.readers.draft import Draft
from sitegen.importing.sources import eleventy_input

_JEKYLL_STYLES = {
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "none": "/:categories/:title:output_ext",
}
_DATED_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}-(.+)$")
_PELICAN_URL = re.compile(r"^ARTICLE_URL\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
_JEKYLL_PERMALINK = re.compile(r"^permalink\s*:\s*[\"']?([^\"'#\n]+?)[\"']?\s*(?:#.*)?$", re.MULTILINE)


@dataclass(frozen=True)
class Setting:
    """A site's permalink setting: the generator, the site's folder, and its pattern (per section for Hugo)."""

    generator: str
    root: Path
    patterns: dict[str, str]  # section -> pattern; "" for the only one


class Permalinks:
    """Old addresses of posts, from the nearest site configuration above each file; each folder looked at once."""

    def __init__(self) -> None:
        self._settings = NearestAbove(_setting_in)

    def old_path(self, file: Path, draft: Draft, date: datetime) -> str | None:
        """The post's path on its old site, from its site's setting; None where no setting applies."""
        setting = self._settings.of(file)
        if setting is None:
            return None
        relative = PurePosixPath(Path(file).resolve().relative_to(setting.root).as_posix())
        return _PATHS[setting.generator](setting, relative, draft, date)


def _setting_in(folder: Path) -> Setting | None:
    if (eleventy := eleventy_input(folder)) is not None:
        return Setting("eleventy", folder, {"": eleventy})
    try:
        if (folder / "_config.yml").is_file():
            found = _JEKYLL_PERMALINK.search((folder / "_config.yml").read_text(encoding="utf-8"))
            return Setting("jekyll", folder, {"": found[1].strip() if found else "date"})
        for name in ("pelicanconf.py", "pelican.conf.py", "publishconf.py"):
            if (folder / name).is_file():
                found = _PELICAN_URL.search((folder / name).read_text(encoding="utf-8"))
                return Setting("pelican", folder, {"": found[1] if found else "{slug}.html"})
        for name in ("hugo.toml", "config.toml", "config/_default/hugo.toml", "config/_default/config.toml"):
            if (folder / name).is_file():
                data = tomllib.loads((folder / name).read_text(encoding="utf-8"))
                if "base_url" in data and "baseURL" not in data:
                    return Setting("zola", folder, {})
                return Setting("hugo", folder, _hugo_patterns(folder, data))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    return None


def _hugo_patterns(folder: Path, data: dict[str, object]) -> dict[str, str]:
    table = data.get("permalinks")
    extra = folder / "config" / "_default" / "permalinks.toml"
    if not isinstance(table, dict) and extra.is_file():
        table = tomllib.loads(extra.read_text(encoding="utf-8"))
    if isinstance(table, dict) and isinstance(table.get("page"), dict):
        table = table["page"]
    return {str(key): value for key, value in (table or {}).items() if isinstance(value, str)}  # type: ignore[union-attr]


def _jekyll(setting: Setting, relative: PurePosixPath, draft: Draft, date: datetime) -> str | None:
    if "_posts" not in relative.parts:
        return None
    name = _DATED_NAME.match(relative.stem)
    title = name[1] if name else relative.stem
    pattern = _JEKYLL_STYLES.get(setting.patterns[""], setting.patterns[""])
    folders = [part for part in relative.parts[: relative.parts.index("_posts")]]
    categories = "/".join(slugify(item) for item in [*folders, *([draft.category] if draft.category else [])])
    values = {
        "year": f"{date.year:04d}", "month": f"{date.month:02d}", "day": f"{date.day:02d}",
        "i_month": str(date.month), "i_day": str(date.day), "short_year": f"{date.year % 100:02d}",
        "y_day": f"{date.timetuple().tm_yday:03d}", "hour": f"{date.hour:02d}", "minute": f"{date.minute:02d}",
        "second": f"{date.second:02d}", "title": title, "slug": draft.slug or slugify(title),
        "categories": categories, "output_ext": ".html",
    }  # fmt: skip
    return _filled(pattern, values)


def _hugo(setting: Setting, relative: PurePosixPath, draft: Draft, date: datetime) -> str | None:
    parts = relative.parts[1:] if relative.parts[:1] == ("content",) else relative.parts
    if len(parts) < 2:
        return None
    sections = parts[:-2] if relative.stem in ("index", "_index") else parts[:-1]
    filename = parts[-2] if relative.stem == "index" else relative.stem
    pattern = setting.patterns.get(sections[0] if sections else "", "/:sections/:slugorfilename/")
    slug = draft.slug or slugify(draft.title)
    values = {
        "year": f"{date.year:04d}", "month": f"{date.month:02d}", "day": f"{date.day:02d}",
        "monthname": date.strftime("%B").lower(), "section": sections[0] if sections else "",
        "sections": "/".join(sections), "title": slugify(draft.title), "slug": slug, "filename": filename,
        "contentbasename": filename, "slugorfilename": draft.slug or filename,
        "slugorcontentbasename": draft.slug or filename,
    }  # fmt: skip
    return _filled(pattern if pattern.endswith("/") else pattern + "/", values)


def _zola(setting: Setting, relative: PurePosixPath, draft: Draft, date: datetime) -> str | None:
    parts = relative.parts[1:] if relative.parts[:1] == ("content",) else relative.parts
    name = parts[-2] if relative.stem == "index" and len(parts) > 1 else relative.stem
    dated = _DATED_NAME.match(name)
    slug = draft.slug or slugify(dated[1] if dated else name)
    sections = parts[:-2] if relative.stem == "index" else parts[:-1]
    return "/" + "/".join([*sections, slug]) + "/"


def _eleventy(setting: Setting, relative: PurePosixPath, draft: Draft, date: datetime) -> str | None:
    """The file's path in the input folder, without its suffix, as a folder: blog/post.md is /blog/post/, and
    blog/post/index.md or blog/post/post.md is /blog/post/."""
    content = setting.patterns[""]
    parts = list(relative.parts if content == "." else relative.parts[len(PurePosixPath(content).parts) :])
    if not parts:
        return None
    stem = PurePosixPath(parts[-1]).stem
    parts[-1:] = [] if stem == "index" or (len(parts) > 1 and stem == parts[-2]) else [stem]
    return "/" + "/".join(parts) + "/"


def _pelican(setting: Setting, relative: PurePosixPath, draft: Draft, date: datetime) -> str | None:
    values = {"slug": draft.slug or slugify(draft.title), "category": slugify(draft.category or "misc")}
    values["author"] = slugify(draft.authors[0]) if draft.authors else ""
    try:
        return "/" + setting.patterns[""].format(date=date, lang="en", **values).lstrip("/")
    except (KeyError, IndexError, ValueError):
        return None


def _filled(pattern: str, values: dict[str, str]) -> str:
    """The pattern with each :name replaced, longest names first; empty parts (no categories) dropped."""
    names = sorted(values, key=len, reverse=True)
    filled = re.sub(":(" + "|".join(names) + ")", lambda match: values[match[1]], pattern)
    path = re.sub(r"/{2,}", "/", "/" + filled.lstrip("/"))
    return path


_PATHS = {"jekyll": _jekyll, "hugo": _hugo, "zola": _zola, "pelican": _pelican, "eleventy": _eleventy}
