"""Links in articles' text that lead to no page or file of the site, found while the build routes it.

`sitegen check` finds these in the built pages; the build names them at once, as warnings that point at the
article's file, so that links an import left broken are seen in the build's summary without running check.
A link counts as leading somewhere when it names a page of the site, an old address that redirects, a file
of the theme's or the site's static/ folder, the search index, an image the article shows (see
render/image_plan.py), or (in an old site's own syntax) the file an imported article came from. Links to
other hosts, and to paths outside the site's base path, are not looked at: the site cannot know them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import SplitResult, urljoin, urlsplit

from sitegen.config import Config
from sitegen.content.library import Library
from sitegen.content.markdown_code import without_code
from sitegen.content.model import Article
from sitegen.problems import Problem
from sitegen.render.image_plan import ImagePlan
from sitegen.search.shards import BUNDLE
from sitegen.site.redirects import REDIRECTS_FILE, RedirectPlan, link_key, old_route
from sitegen.site.routes import Routes

# Links in Markdown: inline `](url` (images too) and autolinks `<https://...>`; HTML's href and src attributes
# where the site lets raw HTML through (otherwise the page shows them as text).
_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)|<(https?://[^>\s]+)>")
_HTML_LINK = re.compile(r"\]\(\s*<?([^\s)>]+)|<(https?://[^>\s]+)>|\b(?:href|src)\s*=\s*[\"']([^\"']+)", re.IGNORECASE)


def broken_article_links(
    library: Library, routes: Routes, redirects: RedirectPlan, config: Config, images: ImagePlan | None = None
) -> list[Problem]:
    """A warning for each article link that leads nowhere in the site (see the module's docstring); an image
    the image plan found for the article leads to its picture."""
    known = redirects.taken | {redirect.old for redirect in redirects.redirects} | set(routes.assets.sources)
    known.add(REDIRECTS_FILE)
    base = urlsplit(config.base_url)
    problems = []
    marks, pattern = (("](", "<http", "href", "src"), _HTML_LINK) if config.raw_html else (("](", "<http"), _LINK)
    for article in library.articles:
        if not any(mark in article.body for mark in marks):  # most articles hold no link: a cheap test first
            continue
        pictured = images.by_article.get(article, {}) if images is not None else {}
        found = _broken(article, pattern, routes, redirects, known, base, config)
        broken = [link for link in dict.fromkeys(found) if link not in pictured]
        if broken:
            named = ", ".join(broken[:3]) + (f" and {len(broken) - 3} more" if len(broken) > 3 else "")
            message = f"{_count(len(broken))} to no page or file of the site: {named}"
            problems.append(Problem(config.content_dir / article.file, message, warning=True))
    return problems


def _broken(
    article: Article,
    pattern: re.Pattern[str],
    routes: Routes,
    redirects: RedirectPlan,
    known: set[str],
    base: SplitResult,
    config: Config,
) -> Iterator[str]:
    page = urljoin(config.base_url, routes.article(article))
    for match in pattern.finditer(without_code(article.body)):  # code shows links as text: they lead nowhere
        link = next(group for group in match.groups() if group)
        key = link_key(link)
        if key is not None and key.startswith("file:"):
            if redirects.source_target(link, article) is None:
                yield link
            continue
        parts = urlsplit(urljoin(page, link))
        if parts.scheme not in ("http", "https") or parts.netloc.lower() != base.netloc.lower():
            continue  # another site, or no web address (mailto:, #top resolves to the page itself)
        route, _ = old_route(parts._replace(query="", fragment="").geturl(), base, True)
        if route is not None and not _leads_somewhere(route, known, config):
            yield link


def _leads_somewhere(route: str, known: set[str], config: Config) -> bool:
    if route in known or route.removesuffix("index.html") in known:
        return True
    return config.search and route.startswith(BUNDLE)


def _count(number: int) -> str:
    return f"{number} link{'s' if number > 1 else ''} lead{'s' if number == 1 else ''}"
