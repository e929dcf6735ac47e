"""The default theme, shipped inside the package: templates, their parts and static files.

A site's own templates folder comes first and the theme fills in the rest, file by file, as Hugo looks a layout
up: a site overrides one template by adding one file, and `{% extends "base.html" %}` in it still finds the
theme's base. `sitegen theme eject` copies theme files into the site for editing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
STATIC = "static"


def template_folders(site_templates: Path) -> list[Path]:
    """Where templates are looked up, first to last: the site's own folder, where it has one, then the theme."""
    folders = [site_templates] if site_templates.is_dir() else []
    return [*folders, THEME_DIR] if site_templates.resolve() != THEME_DIR else folders


def theme_files() -> list[str]:
    """Every file of the theme, by its path in it."""
    return sorted(path.relative_to(THEME_DIR).as_posix() for path in THEME_DIR.rglob("*") if path.is_file())


def eject(site_templates: Path, names: list[str]) -> list[Path]:
    """Copy the named theme files (all of them if none is named) into the site's templates folder, to be edited
    there; a file the site has already is never overwritten. Returns the files written; ValueError names a file
    the theme does not have."""
    available = theme_files()
    unknown = [name for name in names if name not in available]
    if unknown:
        raise ValueError(f"the theme has no {', '.join(unknown)}; its files are: {', '.join(available)}")
    written = []
    for name in names or available:
        target = site_templates / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(THEME_DIR / name, target)
            written.append(target)
    return written
