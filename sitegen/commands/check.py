"""`sitegen check`: the content, then the built site, checked as a host and a reader will meet them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from sitegen.build import build
from sitegen.commands.linkcheck import SiteFiles, orphan_pages, site_links
from sitegen.commands.sitemaps import sitemap_problems
from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.load import load_library
from sitegen.content.spellings import spelling_variants
from sitegen.problems import Problem
from sitegen.site.redirects import plan_redirects
from sitegen.site.routes import Routes

ATOM = "{http://www.w3.org/2005/Atom}"
_RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def check(config: Config, build_first: bool = True) -> list[Problem]:
    """Every problem found: content first, then (after building, unless asked not to) the built site."""
    loaded = load_library(config)
    library = loaded.library
    content = config.content_dir
    problems = [*loaded.problems, *shared_urls(library, content), *spelling_variants(library, content)]
    problems += plan_redirects(library, Routes(library), config).problems  # old addresses left without a redirect
    if build_first:
        build(config)  # its content problems are the ones just found
    out = config.output_dir
    if not (out / "index.html").is_file():
        return [*problems, Problem(out, "no built site here; run sitegen build, or check without --no-build")]
    problems += site_problems(out, config.base_url)
    problems += sitemap_problems(out, config.base_url, library)
    feeds = [path for path in sorted(out.rglob("*.xml")) if path.parent != out or not path.name.startswith("sitemap")]
    problems += [problem for feed in feeds for problem in atom_problems(feed)]
    return problems


def shared_urls(library: Library, content_dir: Path) -> Iterator[Problem]:
    """Articles with one date and slug: the later ones get a -2 URL, which moves if an earlier one goes."""
    by_url: dict[tuple[object, str], list[str]] = defaultdict(list)
    for article in reversed(library.articles):
        by_url[(article.day, article.slug)].append(article.file)
    for (day, slug), files in by_url.items():
        for file in files[1:]:
            message = f"has the same date and slug as {files[0]} ({day}/{slug}); give one of them another slug"
            yield Problem(content_dir / file, message, field="slug")


def site_problems(out: Path, base_url: str) -> Iterator[Problem]:
    found = SiteFiles.of(out)  # the site's files listed once, for both checks
    links = site_links(out, base_url, found)  # every page parsed once, for both checks
    for link in links:
        if link.target is not None and link.target not in found.files:
            yield Problem(out / link.page, f"the link {link.href} leads to no file")
    for page in orphan_pages(out, links, found):
        yield Problem(out / page, "no page links here")


def atom_problems(feed: Path) -> list[Problem]:
    """What keeps a feed from being valid Atom (RFC 4287): its shape, required elements, ids and dates."""
    try:
        root = ElementTree.parse(feed).getroot()
    except ElementTree.ParseError as error:
        return [Problem(feed, f"not well-formed XML: {error}")]
    if root.tag != f"{ATOM}feed":
        return [Problem(feed, f"the root element is {root.tag}, not an Atom feed")]
    messages = list(_required(root, "the feed", ("id", "title", "updated")))
    feed_has_author = root.find(f"{ATOM}author") is not None
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        what = f"entry {number}"
        messages += _required(entry, what, ("id", "title", "updated"))
        if not feed_has_author and entry.find(f"{ATOM}author") is None:
            messages.append(f"{what} has no author, and neither has the feed")
        if entry.find(f"{ATOM}link[@rel='alternate']") is None and entry.find(f"{ATOM}content") is None:
            messages.append(f"{what} has neither an alternate link nor content")
    return [Problem(feed, message) for message in messages]


def _required(element: ElementTree.Element, what: str, names: Iterable[str]) -> Iterator[str]:
    for name in names:
        found = element.findall(f"{ATOM}{name}")
        text = (found[0].text or "").strip() if found else ""
        if len(found) != 1 or not text:
            yield f"{what} must have exactly one non-empty {name}"
        elif name == "id" and not urlsplit(text).scheme:
            yield f"{what}'s id {text!r} is not an absolute IRI"
        elif name == "updated" and not _is_rfc3339(text):
            yield f"{what}'s updated {text!r} is not an RFC 3339 date"


def _is_rfc3339(text: str) -> bool:
    if not _RFC3339.match(text):
        return False
    try:
        datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True
