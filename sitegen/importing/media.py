"""The image files a Markdown post shows, copied into the archive: page bundles, a site's /images/ and /assets/.

A post's local image (`![alt](images/x.png)` in a page bundle, `![](/assets/photo.jpg)`, a link to one, its
`image` field) is
looked for beside the post's file, then in the folders its site serves as they are: the site's folder
(Jekyll, whose configuration is above the post), its static/ (Hugo, Zola) and its content/ (Pelican's
|static|). A link on the site's own address counts as a path from its root. A file found is copied to
content/images/ under a name made of its content's hash and its own name, so that it never overwrites
anything, the same photograph of several posts is one file, and importing again copies nothing new; the
post's link then reads /images/<that name>, which the build finds (see render/image_plan.py). A file not found
is left as it is written, and import's warning about links names it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from sitegen.importing.links import NearestAbove, site_folder
from sitegen.render.images import CONTENT_IMAGES, IMAGE_SUFFIXES

_SERVED_AS_THEY_ARE = ("", "static", "content", "src", "assets")  # below a site's folder, in this order
_LINK = re.compile(r"(\]\(\s*<?)([^\s)>]+)")  # images, and links to an image file ("click to enlarge")


@dataclass(frozen=True)
class Media:
    """A file to copy into content/images/ under name."""

    source: str
    name: str


class SiteFolders(NearestAbove[Path]):
    """The folder of the site each post belongs to: where its generator's configuration is."""

    def __init__(self) -> None:
        super().__init__(site_folder)


@dataclass(frozen=True)
class Localised:
    body: str
    image: str | None
    media: list[Media]
    addresses: set[str]  # the addresses, as written, that now lead to a copied file
    missing_image: str | None = None  # the post's lead image, where it is a file that was not found


def local_media(body: str, image: str | None, post: Path, site: str | None, folders: SiteFolders) -> Localised:
    """The body and image with each local image's address made /images/<name>, and the files to copy there."""
    found: dict[str, Media] = {}
    addresses: set[str] = set()

    def moved(address: str) -> str:
        file = _find(address, post, site, folders)
        if file is None:
            return address
        if file not in found:
            found[file] = Media(file, _name(file))
        addresses.add(address)
        return f"/{CONTENT_IMAGES}/{found[file].name}"

    if "](" in body:
        body = _LINK.sub(lambda match: match.group(1) + moved(match.group(2)), body)
    missing = None
    if image is not None:
        kept, image = image, moved(image)
        missing = kept if image == kept and _is_local(kept, site) else None
    return Localised(body, image, list(found.values()), addresses, missing)


def copy_media(media: list[Media], content_dir: Path) -> None:
    """Copy each file into content/images/ unless a file of its name is there (the name holds its hash)."""
    for item in media:
        target = content_dir / CONTENT_IMAGES / item.name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(item.source, target)


def _find(address: str, post: Path, site: str | None, folders: SiteFolders) -> str | None:
    if site and address.startswith(site):
        address = "/" + address[len(site) :]
    address_parts = urlsplit(address)
    path = unquote(address_parts.path)
    if address_parts.scheme or address_parts.netloc or not path.lower().endswith(IMAGE_SUFFIXES):
        return None
    if path.startswith("/"):
        root = folders.of(post)
        candidates = [root / served / path.lstrip("/") for served in _SERVED_AS_THEY_ARE] if root else []
        # A path of the post's own page ("/posts/gtd/images/a.png" for a bundle): its end, below the post.
        segments = path.strip("/").split("/")
        candidates += [post.parent.joinpath(*segments[start:]) for start in range(1, len(segments))]
    else:
        candidates = [post.parent / path]
    for candidate in candidates:
        if candidate.is_file():
            return os.path.normpath(candidate)
    return None


def _is_local(address: str, site: str | None) -> bool:
    """Whether an address names a file of the post's own site (no scheme, no other host)."""
    parts = urlsplit(address)
    return not (parts.scheme or parts.netloc) or bool(site and address.startswith(site))


def _name(file: str) -> str:
    with open(file, "rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()[:12]
    stem = re.sub(r"[^\w.-]+", "-", os.path.basename(file)).strip("-") or "image"
    return f"{digest}-{stem}"
