"""`_headers`: the response headers the site needs, for the hosts that read that file (Netlify, Cloudflare Pages).

Every response gets the recommended Content-Security-Policy (see serve/csp.py). Files whose name changes with
their bytes (the hashed stylesheet and script, Pagefind's index files, the photographs' variants) may be kept by
browsers for a year; pages, feeds and sitemaps for a few minutes, so that a rebuild is seen soon; Pagefind's
entry files must be asked for again each time, as they name the index files of the bundle as it is now.

One file serves both hosts, which match rules differently. Cloudflare joins the values of every rule that
matches (two Cache-Control rules on one path would give one header with both), and its patterns are exact:
`/*/` matches only addresses ending in "/", the pages. Netlify takes the value of the last rule that matches,
and lets any address match `/*/`. So no two Cache-Control rules match one path on Cloudflare, and on Netlify
the rules for particular files come after the rule for pages. The paths carry the site's base path, as the
requests do.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.render.images import IMAGES_FOLDER
from sitegen.search.shards import BUNDLE
from sitegen.serve.csp import RECOMMENDED_CSP
from sitegen.site.assets import Assets

HEADERS_FILE = "_headers"
PAGES = "public, max-age=300"  # five minutes
IMMUTABLE = "public, max-age=31536000, immutable"  # a year, never asked for again
REVALIDATE = "public, max-age=0, must-revalidate"
PAGEFIND_HASHED = ("pf_fragment", "pf_index", "pf_filter", "pf_meta")  # named by a hash of their content
PAGEFIND_ENTRY = ("js", "json", "pagefind")  # pagefind.js, its worker, pagefind-entry.json, the WebAssembly


@dataclass(frozen=True)
class Rule:
    """The headers of the addresses that match pattern."""

    pattern: str
    headers: tuple[tuple[str, str], ...]


def header_rules(base_path: str, assets: Assets, search: bool) -> list[Rule]:
    """Every rule of _headers, in the order Netlify needs (see the module's docstring)."""
    security = (
        ("Content-Security-Policy", RECOMMENDED_CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    )
    rules = [Rule(f"{base_path}*", security)]
    rules += [_cache(base_path + pattern, PAGES) for pattern in ("", "*/", "*.html", "*.xml")]
    rules += [_cache(base_path + route, IMMUTABLE) for route in assets.hashed]
    rules.append(_cache(f"{base_path}{IMAGES_FOLDER}*", IMMUTABLE))
    if search:
        rules += [_cache(f"{base_path}{BUNDLE}*.{suffix}", IMMUTABLE) for suffix in PAGEFIND_HASHED]
        rules += [_cache(f"{base_path}{BUNDLE}*.{suffix}", REVALIDATE) for suffix in PAGEFIND_ENTRY]
    return rules


def _cache(pattern: str, value: str) -> Rule:
    return Rule(pattern, (("Cache-Control", value),))
