"""_headers: one file that gives each kind of file its caching, and every response the CSP, on both hosts that
read it. The two matchers below follow each host's documented rules (see site/headers.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.build import build
from sitegen.serve.csp import RECOMMENDED_CSP
from sitegen.site.headers import IMMUTABLE, PAGES, REVALIDATE

from ..conftest import sample_config, write_article
from ..render.test_images import photo

Rules = list[tuple[str, dict[str, str]]]
Host = Callable[[Rules, str], dict[str, str]]


def parse(text: str) -> Rules:
    rules: Rules = []
    for line in text.splitlines():
        if line.startswith("/"):
            rules.append((line, {}))
        elif line.startswith("  "):
            name, _, value = line.strip().partition(": ")
            rules[-1][1][name] = value
    return rules


def cloudflare(rules: Rules, path: str) -> dict[str, str]:
    """Cloudflare Pages: a pattern matches the whole path, * anything; values of one header are joined."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        if re.fullmatch(".*".join(map(re.escape, pattern.split("*"))), path):
            for name, value in headers.items():
                found[name] = f"{found[name]}, {value}" if name in found else value
    return found


def netlify(rules: Rules, path: str) -> dict[str, str]:
    """Netlify: a pattern matches by segments, a trailing slash optional; the last matching rule wins."""
    found: dict[str, str] = {}
    for pattern, headers in rules:
        parts = [".*" if part == "*" else ".*".join(map(re.escape, part.split("*"))) for part in pattern.split("/")]
        if re.fullmatch("/" + "/".join(part for part in parts if part) + "/?", path):
            found.update(headers)
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rules, Path]:
    config = sample_config(tmp_path_factory.mktemp("headers"), base_url="https://example.org/archive/")
    photo(config.content_dir / "articles" / "2025" / "gate.jpg", (800, 600))
    write_article(config.content_dir, "2025/gate.md", "title: Gate\ndate: 2025-03-11T09:00:00+00:00\nimage: gate.jpg")
    build(config)
    return parse((config.output_dir / "_headers").read_text(encoding="utf-8")), config.output_dir


def _requests(out: Path) -> dict[str, str]:
    """The address of every file of the site as a reader asks for it (a page by its folder), by file."""
    requests = {}
    for path in out.rglob("*"):
        if path.is_file() and not path.name.startswith((".", "_")):
            relative = path.relative_to(out).as_posix()
            requests[relative] = "/archive/" + relative.removesuffix("index.html")
    return requests


def _expected(relative: str) -> str | None:
    hashed = relative.startswith("static/") and relative.endswith((".css", ".js"))
    if hashed or relative.startswith("images/") or ".pf_" in relative:
        return IMMUTABLE
    if relative.startswith("pagefind/"):
        return REVALIDATE
    if relative.endswith((".html", ".xml")):
        return PAGES
    return None  # the host's own default: favicon.svg, robots.txt, _redirects


@pytest.mark.parametrize("host", [cloudflare, netlify])
def test_every_file_gets_its_caching_and_every_response_the_policy(built: tuple[Rules, Path], host: Host) -> None:
    rules, out = built
    requests = _requests(out)
    assert any(".pf_fragment" in name for name in requests) and any(
        name.startswith("images/") is False for name in requests
    )
    for relative, address in requests.items():
        headers = host(rules, address)
        assert headers["Content-Security-Policy"] == RECOMMENDED_CSP, address
        expected = _expected(relative)
        if expected is not None or host is cloudflare:
            assert headers.get("Cache-Control") == expected, address
