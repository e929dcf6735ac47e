"""The browser tests' fixtures: the built archives served on localhost, and Debian's Chromium through Playwright.

Only the tests below this folder need Playwright; the rest of the suite runs without it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Response, sync_playwright

from sitegen.serve.server import make_server
from tests.conftest import REPO, BuiltSite, sample_config, site_config, write_article

__all__ = ["REPO", "BuiltSite", "sample_config", "site_config", "write_article"]


def serve(site_dir: Path, base_path: str) -> Iterator[str]:
    server = make_server(site_dir, base_path, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sample_url(sample_site: BuiltSite) -> Iterator[str]:
    yield from serve(sample_site.out, sample_site.config.base_path)


@pytest.fixture(scope="session")
def generated_url(generated_site: BuiltSite) -> Iterator[str]:
    yield from serve(generated_site.out, generated_site.config.base_path)


@dataclass(frozen=True)
class Archive:
    """A built archive on a local server, with a word its search finds in more than one year."""

    name: str
    site: BuiltSite
    url: str
    query: str


@pytest.fixture(scope="session", params=["sample", "generated"])
def archive(request: pytest.FixtureRequest) -> Archive:
    """The sample archive, then the generated 2,000-article one: reader-facing checks run on both."""
    site, url = (request.getfixturevalue(f"{request.param}_{part}") for part in ("site", "url"))
    return Archive(request.param, site, url, "Riverside" if request.param == "sample" else "budget")


CHROMIUM = Path(os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium"))
# Without these, Chromium tries to reach Google's services at start and on a closed network waits for them.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]  # fmt: skip
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run the tests with `python3 dev.py test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # The test server sends the recommended Content-Security-Policy; Chromium logs each violation.
    page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    page.on("response", lambda response: missing_file(response) and errors.append(f"{response.status} {response.url}"))
    yield page
    context.close()
    assert errors == [], "the page raised JavaScript errors, broke the Content-Security-Policy or missed a file"


def missing_file(response: Response) -> bool:
    """A stylesheet, script, image or index chunk that failed; pages themselves are checked by visit()."""
    return response.status >= 400 and response.request.resource_type != "document"


def visit(page: Page, url: str) -> Response:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    return response


def page_kinds(archive: Archive) -> dict[str, str]:
    """A page of each kind in the built archive, as a path below its root; a second page where listings have one."""
    out = archive.site.out

    def first(pattern: str) -> str | None:
        found = sorted(out.glob(pattern))
        return found[0].parent.relative_to(out).as_posix() + "/" if found else None

    second_person_page = first("people/*/page/2/index.html")  # a person with a listing long enough to paginate
    kinds = {
        "home": "",
        "article": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html"),
        "people": "people/",
        "person": second_person_page.removesuffix("page/2/") if second_person_page else first("people/*/index.html"),
        "person, page 2": second_person_page,
        "tags": "tags/",
        "tag": first("tags/*/index.html"),
        "tag, page 2": first("tags/*/page/2/index.html"),
        "sections": "sections/",
        "section": first("sections/*/index.html"),
        "authors": "authors/",
        "author": first("authors/*/index.html"),
        "on this day": "on-this-day/",
        "a day of the year": first("on-this-day/*/index.html"),
        "archive": "archive/",
        "year": first("[0-9][0-9][0-9][0-9]/index.html"),
        "month": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html"),
        "day": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/index.html"),
        "search": f"search/?q={archive.query}",
    }
    return {kind: path for kind, path in kinds.items() if path is not None}
