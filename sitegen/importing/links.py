"""Links in an imported article that were relative to its original site, made absolute against its address.

`/images/fog.jpg` or `../2019/05/talks/` worked on the site the article came from and lead nowhere in the
archive. Each is resolved against the article's own address where the file gives one (a saved page's canonical
or og:url), else against the source site's address: `--source-url`, or the site's configuration found above the
file (Jekyll's `url` and `baseurl`, Hugo's `baseURL`, Zola's `base_url`, Pelican's `SITEURL`; an address on
localhost, a development server's, is passed over). A link that has
nothing to be resolved against is left as it is, and the import says so, naming the links.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar
from urllib.parse import urljoin

from sitegen.content.markdown_code import outside_code

# Markdown links and images `](url`, reference definitions `[id]: url`, and HTML href and src attributes.
_LINKS = re.compile(
    r"""(?P<lead>\]\(\s*<?|^\s{0,3}\[[^\]\n]+\]:\s*<?|\b(?:href|src)\s*=\s*["'])(?P<url>[^\s)>"']+)""",
    re.IGNORECASE | re.MULTILINE,
)
_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)  # a scheme, another host, or this page
_CONFIG_FILES = (
    "_config.yml", "hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "publishconf.py", "pelicanconf.py",
    "pelican.conf.py",
    "config/production/hugo.toml", "config/production/config.toml",  # Hugo's configuration folder
    "config/_default/hugo.toml", "config/_default/config.toml",
)  # fmt: skip
_LOCAL = re.compile(r"^https?://(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::\d+)?(?:/|$)", re.IGNORECASE)
_YAML_KEY = r"^{key}\s*:\s*[\"']?([^\"'\s#]+)"
_PYTHON_KEY = re.compile(r"^SITEURL\s*=\s*[\"']([^\"']+)[\"']", re.MULTILINE)
T = TypeVar("T")
MOST_SHOWN = 3  # unresolved links named in a warning
_POST_FILE = re.compile(r"\.(?:md|markdown|rst)$", re.IGNORECASE)  # a link to another post by its source file
_TO_POST = re.compile(r"^(?:@/|\{(?:filename|static|attach|index|tag|category|author)\}|\|(?:filename|static)\|)")


def resolve_links(body: str, page: str | None, site: str | None) -> tuple[str, list[str]]:
    """body with its links relative to the original site made absolute, and those that could not be: against
    the page's own address every one can be; against the site's, only those from its root (`/images/a.jpg`),
    since a link such as `images/a.jpg` is relative to the page, whose address is not known. What code shows
    is no link and stays as written."""

    left: list[str] = []  # in order, each once below

    def resolved(match: re.Match[str]) -> str:
        url = match["url"]
        if url.startswith("//"):  # another host, in the page's scheme: the archive is served over https
            return match["lead"] + "https:" + url
        if _ABSOLUTE.match(url) or _POST_FILE.search(url.split("#")[0]):  # a post's file: the build finds its article
            return match[0]
        if page is not None:
            url = urljoin(page, url)
        elif site is not None and url.startswith("/"):
            url = urljoin(site, url.lstrip("/"))
        if not _ABSOLUTE.match(url):  # no address to resolve it against, or a relative one
            left.append(url)
        return match["lead"] + url

    return outside_code(body, lambda text: _LINKS.sub(resolved, text)), list(dict.fromkeys(left))


def unresolved_warnings(links: list[str]) -> list[str]:
    """What to tell of links still relative: those in a generator's syntax for another post of the site
    (Zola's `@/`, Pelican's `{filename}`) apart from those that need the site's address."""
    to_posts = [link for link in links if _TO_POST.match(link)]
    others = [link for link in links if not _TO_POST.match(link)]
    warnings = []
    if others:
        warnings.append(
            f"{_count(others, 'link')} relative to the original site ({_shown(others)}) "
            f"{'leads' if len(others) == 1 else 'lead'} nowhere in the archive: pass --source-url with the "
            "site's address, or give it in the site's configuration above this file"
        )
    if to_posts:
        warnings.append(
            f"{_count(to_posts, 'link')} to other posts in the source site's own syntax ({_shown(to_posts)}) "
            f"{'is' if len(to_posts) == 1 else 'are'} left as written and lead nowhere in the archive"
        )
    return warnings


def _count(items: list[str], noun: str) -> str:
    return f"{len(items)} {noun if len(items) == 1 else noun + 's'}"


def _shown(links: list[str]) -> str:
    more = len(links) - MOST_SHOWN
    return ", ".join(links[:MOST_SHOWN]) + (f" and {more} more" if more > 0 else "")


class NearestAbove(Generic[T]):
    """What the nearest folder above a file that has it says (found), each folder looked at once per import."""

    def __init__(self, found: Callable[[Path], T | None]) -> None:
        self._found, self._folders = found, dict[Path, T | None]()

    def of(self, file: Path) -> T | None:
        for folder in Path(file).resolve().parents:
            if folder not in self._folders:
                self._folders[folder] = self._found(folder)
            if self._folders[folder] is not None:
                return self._folders[folder]
        return None


def site_folder(folder: Path) -> Path | None:
    """The folder itself, if it holds a site generator's configuration (see _CONFIG_FILES)."""
    return folder if any((folder / name).is_file() for name in _CONFIG_FILES) else None


class SiteAddresses(NearestAbove[str]):
    """The address of the site each source file belongs to, from the nearest configuration above it."""

    def __init__(self) -> None:
        super().__init__(_address_in)


def _address_in(folder: Path) -> str | None:
    for name in _CONFIG_FILES:
        path = folder / name
        if path.is_file():
            try:
                address = _read_address(path)
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if address and not _LOCAL.match(address):  # a development server's address is no site's
                return address if address.endswith("/") else address + "/"
    return None


def _read_address(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8")
    if path.name == "_config.yml":  # Jekyll: url, and the site's folder below it
        url, below = _yaml_value(text, "url"), _yaml_value(text, "baseurl") or ""
        return url.rstrip("/") + "/" + below.strip("/") if url else None
    if path.suffix == ".toml":
        data = tomllib.loads(text)
        return data.get("baseURL") or data.get("baseurl") or data.get("base_url")
    if path.suffix == ".yaml":
        return _yaml_value(text, "baseURL") or _yaml_value(text, "baseurl")
    found = _PYTHON_KEY.search(text)
    return found[1] if found else None


def _yaml_value(text: str, key: str) -> str | None:
    found = re.search(_YAML_KEY.format(key=re.escape(key)), text, re.MULTILINE)
    return found[1] if found else None
