"""Which files an import reads: the article files in the folders given, and which of those are no posts.

A site's source folder holds more than its posts: section index pages (Hugo's and Zola's `_index.md`), files
the site serves as they are (`robots.txt`), scripts that make posts (`createpost`), and templates. Each of those
is skipped with the reason, so that every file an import reads ends as an article or as a reported skip.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sitegen.importing.readers import ReadError

RAW_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".mdown", ".mkd", ".html", ".htm", ".xhtml", ".xml")
MAX_RAW_BYTES = 20_000_000  # a saved page with inline images can be big; an article never is this big
SITE_FILES = {"robots.txt", "humans.txt", "ads.txt", "security.txt", "llms.txt"}  # served as they are
SECTION_INDEXES = {"_index.md", "_index.markdown"}  # Hugo's and Zola's pages listing a section's posts
_TEMPLATE_CODE = re.compile(rb"{%-?\s*(?:extends|block|include|macro|for|if)\b[^%]*%}")  # Jinja, Liquid, Django


def raw_files(sources: list[Path], own: tuple[Path, ...]) -> tuple[list[Path], int]:
    """The files to import, in a stable order (named files as they are, folders' article files), and how many
    files in the folders were left out for their names. Hidden files are left out, and so is everything inside
    the site's own folders (own: its articles, output and templates)."""
    own_folders = [Path(os.path.abspath(folder)) for folder in own]

    def inside_own(path: Path) -> bool:
        return any(path.is_relative_to(folder) for folder in own_folders)

    files: list[Path] = []
    ignored = 0
    seen: set[Path] = set()
    for source in sources:
        if source.is_dir():
            candidates = []
            for folder, subfolders, names in os.walk(source):
                kept = (name for name in subfolders if not name.startswith("."))
                subfolders[:] = sorted(name for name in kept if not inside_own(Path(os.path.abspath(folder), name)))
                for name in sorted(names):
                    if name.startswith("."):
                        continue
                    if name.lower().endswith(RAW_SUFFIXES) or "." not in name:
                        candidates.append(Path(folder, name))
                    else:
                        ignored += 1
        else:
            candidates = [source]
        for candidate in candidates:
            absolute = Path(os.path.abspath(candidate))
            if absolute in seen or inside_own(absolute):
                continue  # never read the site's own articles, pages or templates back into it
            seen.add(absolute)
            files.append(candidate)
    return files, ignored


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
    if name in SECTION_INDEXES:
        return f"{path.name} is a section's index page (Hugo, Zola), not a post"
    if data.startswith(b"#!"):
        return "a script (it starts with #!), not an article"
    if name.endswith(".xml"):
        return "an XML file that is not a WordPress export (sitemaps and feeds are not read as articles)"
    if name.endswith((".html", ".htm")) and _TEMPLATE_CODE.search(data[:20_000]):
        return "a template (it holds template statements such as {% block %}), not a saved page"
    return None
