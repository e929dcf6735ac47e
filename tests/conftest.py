"""Layered fixtures: a config for a small archive -> a built site -> the site served on localhost."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings
from playwright.sync_api import Browser, Page, Response, sync_playwright

from bench.generate import generate
from sitegen.build import BuildReport, build
from sitegen.config import Config, load_config
from sitegen.serve import make_server

REPO = Path(__file__).resolve().parent.parent
# Property tests run this many examples in the suite; bench/fuzz.py runs them for minutes.
settings.register_profile("suite", max_examples=200, deadline=None)
settings.load_profile("suite")
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current build")


def write_article(content: Path, name: str, front_matter: str, body: str = "Some text.\n") -> Path:
    """Write content/articles/<name> with the given front-matter lines."""
    path = content / "articles" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front_matter.strip()}\n---\n\n{body}", encoding="utf-8")
    return path


def site_config(root: Path, **settings: object) -> Config:
    """A config for a site in root, with templates from the repository and search off unless asked for."""
    settings.setdefault("search", False)
    return Config(root=root, templates=str(REPO / "templates")).replace(**settings)


@pytest.fixture
def site(tmp_path: Path) -> Config:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    return site_config(tmp_path)


class BuiltSite:
    def __init__(self, config: Config, report: BuildReport) -> None:
        self.config, self.report = config, report
        self.out = config.output_dir

    def read(self, relative: str) -> str:
        return (self.out / relative).read_text(encoding="utf-8")


def sample_config(root: Path, **settings: object) -> Config:
    """A copy of the repository's sample archive and its sitegen.toml in root, with the repository's templates."""
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "sitegen.toml", root / "sitegen.toml")
    return load_config(root).replace(templates=str(REPO / "templates"), **settings)


def tree_files(folder: Path, leave_out: tuple[str, ...] = ()) -> dict[str, bytes]:
    """Every file below folder by its relative path, except those whose path starts with one in leave_out."""
    return {
        relative: path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not (relative := path.relative_to(folder).as_posix()).startswith(leave_out)
    }


def replace_tree(folder: Path, files: dict[str, bytes]) -> None:
    """Make folder hold exactly these files: how --update-golden rewrites an expected tree."""
    shutil.rmtree(folder, ignore_errors=True)
    for relative, data in files.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        (folder / relative).write_bytes(data)


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The repository's own sample archive, built once with its search index."""
    config = sample_config(tmp_path_factory.mktemp("sample"))
    return BuiltSite(config, build(config))


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


SHARD_SIZE = 120
GENERATED_SIZE = 2000


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """bench/'s deterministic archive of 2,000 articles over ten years, built once with its search index.

    Its search bundles hold at most 120 articles, so each year (about 200) is split into runs of months and
    the browser tests search across twenty bundles of both kinds of split."""
    root = tmp_path_factory.mktemp("generated")
    generate(GENERATED_SIZE, root)
    config = load_config(root).replace(search_shard_size=SHARD_SIZE)
    return BuiltSite(config, build(config))


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
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


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
        "archive": "archive/",
        "year": first("[0-9][0-9][0-9][0-9]/index.html"),
        "month": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]/index.html"),
        "day": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/index.html"),
        "search": f"search/?q={archive.query}",
    }
    return {kind: path for kind, path in kinds.items() if path is not None}
