"""The static files a site publishes under static/: the theme's, with the site's own over them, file by file.

Stylesheets and scripts are published under a name that carries a hash of their bytes (style.3f2a1c9e.css), so
that a host may let browsers keep them for a year (see site/headers.py): a changed file is a new name, and every
page names the new one. Other files (the icon, a site's pictures) keep their names. The names are part of the
site key (see incremental/keys.py), so a changed stylesheet renders every page again.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sitegen.render.theme import STATIC, template_folders

ASSETS_PREFIX = "static/"  # where static files go in the output
HASHED_SUFFIXES = (".css", ".js")
HASH_LENGTH = 10  # hex digits: 40 bits, so that two versions of one file do not share a name


@dataclass(frozen=True)
class Assets:
    """sources: each published file (below static/) and the file it is copied from; names: the published name
    of each file by its own name, for templates to link (routes.asset)."""

    sources: Mapping[str, Path] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def published(self, name: str) -> str:
        """The route of a static file by its own name; a name the site has no file of is left as it is."""
        return ASSETS_PREFIX + self.names.get(name, name)

    @property
    def hashed(self) -> list[str]:
        """The routes of the files published under a hashed name, which never change."""
        return sorted(ASSETS_PREFIX + published for name, published in self.names.items() if published != name)

    def key(self) -> str:
        """What pages depend on: every published name."""
        return "\0".join(f"{name}={published}" for name, published in sorted(self.names.items()))


def static_assets(site_templates: Path) -> Assets:
    """The site's static files: the theme's static/ folder, and the site's templates/static/ over it."""
    found: dict[str, Path] = {}
    for folder in reversed(template_folders(site_templates)):  # the theme's first, so the site's replace them
        found.update(_files_below(folder / STATIC))
    names = {name: hashed_name(name, path) if name.endswith(HASHED_SUFFIXES) else name for name, path in found.items()}
    return Assets({ASSETS_PREFIX + names[name]: path for name, path in found.items()}, names)


def hashed_name(name: str, path: Path) -> str:
    """style.css becomes style.<hash of its bytes>.css."""
    stem, dot, suffix = name.rpartition(".")
    digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()[:HASH_LENGTH]
    return f"{stem}.{digest}{dot}{suffix}"


def _files_below(folder: Path) -> dict[str, Path]:
    """Every file below folder by its path in it, following links to files as the copy does."""
    files: dict[str, Path] = {}
    for inside, _, names in os.walk(folder):
        for name in names:
            path = Path(inside) / name
            if path.is_file():
                files[path.relative_to(folder).as_posix()] = path
    return files
