"""What `sitegen check` asks of the sitemaps: each valid against the protocol's schemas (sitemaps.org, with the
image extension), within its limits (50,000 addresses and 50 MB a file), listed by the index, listing only the
site's own addresses, every article among them, and the index named by robots.txt."""

from __future__ import annotations

import functools
from collections.abc import Generator, Iterator
from pathlib import Path

from lxml import etree

from sitegen.content.library import Library
from sitegen.problems import Problem
from sitegen.site.routes import Routes
from sitegen.site.sitemaps import MAX_BYTES, MAX_URLS, SITEMAP_INDEX, SITEMAP_PREFIX

SCHEMAS = Path(__file__).resolve().parent / "schemas"
NAMESPACE = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_problems(out: Path, base_url: str, library: Library) -> Iterator[Problem]:
    index = out / SITEMAP_INDEX
    root = yield from _valid(index, "siteindex.xsd")
    if root is None:
        return
    listed: set[str] = set()
    sitemaps = [(loc.text or "").strip() for loc in root.iterfind(f"{NAMESPACE}sitemap/{NAMESPACE}loc")]
    for address in sitemaps:
        route = _route(address, base_url)
        if route is None or not (out / route).is_file():
            yield Problem(index, f"lists {address}, which is not a sitemap of this site")
            continue
        sitemap = yield from _valid(out / route, "sitemap.xsd")
        for loc in sitemap.iterfind(f"{NAMESPACE}url/{NAMESPACE}loc") if sitemap is not None else ():
            if _route(loc.text or "", base_url) is None:
                yield Problem(out / route, f"lists {loc.text}, which is not an address of this site ({base_url})")
            listed.add((loc.text or "").strip())
    for path in sorted(out.glob(f"{SITEMAP_PREFIX}*.xml")):
        if base_url + path.name not in sitemaps:
            yield Problem(path, f"is not listed by {SITEMAP_INDEX}, so search engines will not find it")
    routes = Routes(library)
    for article in library.articles:
        if base_url + routes.article(article) not in listed:
            yield Problem(index, f"no sitemap lists the article {base_url + routes.article(article)}")
    robots = out / "robots.txt"
    if robots.is_file() and f"Sitemap: {base_url}{SITEMAP_INDEX}" not in robots.read_text(encoding="utf-8"):
        yield Problem(robots, f"does not name the sitemap index ({base_url}{SITEMAP_INDEX})")


def _valid(path: Path, schema: str) -> Generator[Problem, None, etree._Element | None]:
    """Problems of one file: not there, over the protocol's limits, or invalid by its schema; returns (by
    yield from) its parsed root, or None where it cannot be read."""
    try:
        size = path.stat().st_size
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True))
    except (OSError, etree.XMLSyntaxError) as error:
        yield Problem(path, f"cannot be read as XML: {error}")
        return None
    if size > MAX_BYTES:
        yield Problem(path, f"is {size:,} bytes; the sitemap protocol allows {MAX_BYTES:,}")
    root = tree.getroot()
    if len(root) > MAX_URLS:
        yield Problem(path, f"lists {len(root):,} addresses; the sitemap protocol allows {MAX_URLS:,}")
    validator = _schema(schema)
    if not validator.validate(tree):
        for error in list(validator.error_log)[:5]:
            yield Problem(path, error.message, line=error.line)
    return root


@functools.cache  # one parse of each schema for every sitemap of a check
def _schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name)))


def _route(address: str, base_url: str) -> str | None:
    """The route of one of the site's addresses; None for an address outside the site."""
    address = address.strip()
    return address.removeprefix(base_url) if address.startswith(base_url) else None
