"""Which files an import reads: the article files in the folders given, and which of those are no posts.

A site's source folder holds more than its posts: section index pages (Hugo's and Zola's `_index.md`), files
the site serves as they are (`robots.txt`), scripts that make posts (`createpost`), and templates. Each of those
is skipped with the reason, so that every file an import reads ends as an article or as a reported skip.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.importing.readers import ReadError

RAW_SUFFIXES = (
    ".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom",
    ".rst", ".rest",
)  # fmt: skip
MAX_RAW_BYTES = 20_000_000  # a saved page with inline images can be big; an article never is this big
SITE_FILES = {"robots.txt", "humans.txt", "ads.txt", "security.txt", "llms.txt"}  # served as they are
# Hugo's and Zola's pages listing a section's posts, also in a language of a multilingual site (_index.fr.md).
SECTION_INDEX = re.compile(r"^_index(?:\.[a-z]{2,3}(?:[-_][a-z0-9]+)?)?\.(?:md|markdown)$")
_TEMPLATE_CODE = re.compile(rb"{%-?\s*(?:extends|block|include|macro|for|if)\b[^%]*%}")  # Jinja, Liquid, Django


@dataclass
class RawFiles:
    files: list[Path] = field(default_factory=list)  # to import, in a stable order
    ignored: int = 0  # files in the folders given left out for their names
    notes: list[str] = field(default_factory=list)  # for each site folder given, what of it was left out


def raw_files(sources: list[Path], own: tuple[Path, ...]) -> RawFiles:
    """The files to import, in a stable order (named files as they are, folders' article files), and what was
    left out. Hidden files are left out, and so is everything inside the site's own folders (own: its articles,
    output and templates). A folder that is a site's (see SiteFolder) gives its posts only."""
    own_folders = [Path(os.path.abspath(folder)) for folder in own]

    def inside_own(path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in own_folders)

    found = RawFiles()
    seen: set[Path] = set()
    for source in sources:
        candidates = _folder_files(source, inside_own, found) if source.is_dir() else [source]
        for candidate in candidates:
            absolute = Path(os.path.abspath(candidate))
            if absolute in seen or inside_own(absolute):
                continue  # never read the site's own articles, pages or templates back into it
            seen.add(absolute)
            found.files.append(candidate)
    return found


def _folder_files(source: Path, inside_own: Callable[[Path], bool], found: RawFiles) -> list[Path]:
    site = SiteFolder.at(source)
    candidates, outside = [], 0
    for folder, subfolders, names in os.walk(source):
        kept = (name for name in subfolders if not name.startswith("."))
        subfolders[:] = sorted(name for name in kept if not inside_own(Path(os.path.abspath(folder), name)))
        for name in sorted(names):
            if name.startswith("."):
                continue
            if site is not None and not site.holds_post(Path(folder, name).relative_to(source)):
                outside += 1
            elif name.lower().endswith(RAW_SUFFIXES) or "." not in name:
                candidates.append(Path(folder, name))
            else:
                found.ignored += 1
    if site is not None:
        found.notes.append(
            f"{source}: {'an' if site.generator[0] in 'AEIOU' else 'a'} {site.generator} site: its posts are read "
            f"from {site.posts}; "
            f"{outside} other files (its layouts, assets and pages) are no posts and were left out"
        )
    return candidates


@dataclass(frozen=True)
class SiteFolder:
    """The root of a blog generator's project, told by its configuration, and where its posts are."""

    generator: str
    posts: str  # in words, for the report
    content: str = "content"  # the folder of the site's pages and posts (Eleventy's input folder)

    @classmethod
    def at(cls, folder: Path) -> SiteFolder | None:
        if (eleventy := eleventy_input(folder)) is not None:
            return cls("Eleventy", f"the folders of {eleventy}", eleventy)
        if (folder / "_config.yml").is_file():
            return cls("Jekyll", "_posts and _drafts")
        if any((folder / name).is_file() for name in ("pelicanconf.py", "pelican.conf.py")):
            return cls("Pelican", "content, less content/pages")
        for name in ("hugo.toml", "hugo.yaml", "config/_default/hugo.toml", "config.toml"):
            if (folder / name).is_file() and (folder / "content").is_dir():
                zola = name == "config.toml" and "base_url" in _text(folder / name)
                return cls("Zola" if zola else "Hugo", "the sections of content")
        return None

    def holds_post(self, relative: Path) -> bool:
        parts = relative.parts
        if self.generator == "Jekyll":
            return "_posts" in parts[:-1] or "_drafts" in parts[:-1]
        if self.generator == "Pelican":
            return parts[:1] == ("content",) and parts[1:2] != ("pages",) and len(parts) > 1
        if self.generator == "Eleventy":  # Markdown in a folder of the input, not a page at its top
            inside = parts if self.content == "." else parts[1:] if parts[:1] == (self.content,) else ()
            hidden = any(part in ELEVENTY_OWN for part in inside[:-1])
            return len(inside) > 1 and not hidden and relative.suffix.lower() in (".md", ".markdown")
        # A page in a section, not one at the top (content/about.md, or a bundle: content/search/index.md).
        bundle = relative.stem.split(".")[0] == "index"
        return parts[:1] == ("content",) and len(parts) > (3 if bundle else 2)


ELEVENTY_CONFIGS = ("eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs", ".eleventy.js")
ELEVENTY_OWN = {"_includes", "_data", "_site", "node_modules", "_layouts"}
_ELEVENTY_INPUT = re.compile(r"""\binput\s*:\s*["']([^"']+)["']""")


def eleventy_input(folder: Path) -> str | None:
    """The input folder of the Eleventy project at folder (its `dir.input`, default the project itself), or
    None if folder is no Eleventy project."""
    for name in ELEVENTY_CONFIGS:
        if (folder / name).is_file():
            found = _ELEVENTY_INPUT.search(_text(folder / name))
            return found[1].strip("./") or "." if found else "."
    return None


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def read_raw(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_RAW_BYTES:
        limit = f"{MAX_RAW_BYTES // 1_000_000} MB"
        raise ReadError(f"the file is {size / 1_000_000:.1f} MB; sitegen imports files of at most {limit}")
    return path.read_bytes()


def not_a_post(path: Path, data: bytes) -> str | None:
    """Why the file is no post, to be skipped with that said; None for a file to read as an article."""
    name = path.name.lower()
    if name in SITE_FILES:
        return f"{path.name} is a file the site serves as it is, not an article"
    if SECTION_INDEX.match(name):
        return f"{path.name} is a section's index page (Hugo, Zola), not a post"
    if data.startswith(b"#!"):
        return "a script (it starts with #!), not an article"
    if name.endswith((".xml", ".rss", ".atom")):
        return "an XML file that is neither a WordPress export nor a feed (a sitemap, say): no posts"
    if name.endswith((".html", ".htm")) and _TEMPLATE_CODE.search(data[:20_000]):
        return "a template (it holds template statements such as {% block %}), not a saved page"
    return None
