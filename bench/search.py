"""What a reader's first search costs: sitegen's search page against Pagefind's own UI over one bundle.

    .venv/bin/python bench/search.py 2000 20000          # the archives bench/run.py made (or makes them)
    .venv/bin/python bench/search.py --query budget 2000

For each size, sitegen builds the generated archive (as bench/run.py does, into bench/work/corpus-N), and
Pagefind indexes the same article pages into one bundle beside it, served with Pagefind's default UI
(filters included, as over sitegen's pages they are). Chromium (Debian's, through Playwright) then opens each
search page with the query in its address, on a local server without compression, and waits for the first
result. Printed for each: the bytes of every response body (and what gzip would make of them, as a static
host that compresses would send them), the number of requests, and the time from navigation to the first
result shown, the median of --repeat fresh browser contexts (an empty cache each), and the bytes by what
they are: Pagefind's runtime, entry files, metadata, word index, filters and fragments, and the page's own.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import math
import statistics
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pagefind_bin
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from run import BIN, prepare

WAIT = 120  # seconds for the first result
ONE_BUNDLE = "pagefind-one/"  # Pagefind's single bundle, beside sitegen's site
ONE_PAGE = "search-one/index.html"  # Pagefind's default UI over it
ARTICLES = "[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html"
PAGEFIND_UI = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<link href="/pagefind-one/pagefind-ui.css" rel="stylesheet"><script src="/pagefind-one/pagefind-ui.js"></script>
</head><body><div id="search"></div><script>
window.addEventListener("DOMContentLoaded", () => {
  const ui = new PagefindUI({ element: "#search", bundlePath: "/pagefind-one/", showSubResults: false });
  const query = new URLSearchParams(location.search).get("q");
  if (query) ui.triggerSearch(query);
});
</script></body></html>
"""


@dataclass
class Fetch:
    bytes: int
    gzip_bytes: int
    requests: int
    seconds: float
    kinds: Counter[str]  # bytes by what they are (see kind_of)


# What each fetched file is, by its name: Pagefind's data files are gzip'd already, the rest is the page's own.
KINDS = (
    ("runtime", ("pagefind.js", "pagefind-worker.js", ".pagefind")),
    ("entry", ("pagefind-entry.json",)),
    ("metadata", (".pf_meta",)),
    ("word index", (".pf_index",)),
    ("filters", (".pf_filter",)),
    ("fragments", (".pf_fragment",)),
)


def kind_of(url: str) -> str:
    path = url.split("?", 1)[0]
    return next((kind for kind, endings in KINDS if path.endswith(endings)), "page")


def build(count: int) -> Path:
    corpus, _ = prepare(count)
    return build_both(corpus)


def build_both(corpus: Path) -> Path:
    """Build corpus with sitegen, then index its article pages into Pagefind's one bundle beside them."""
    subprocess.run([str(BIN / "sitegen"), "build"], cwd=corpus, check=True, stdout=subprocess.DEVNULL)
    site = corpus / "public"
    entry = site / ONE_BUNDLE / "pagefind-entry.json"
    if not entry.exists() or entry.stat().st_mtime < (site / "pagefind").stat().st_mtime:  # else still current
        command = [str(pagefind_bin.get_executable()), "--site", str(site), "--glob", ARTICLES]
        command += ["--output-path", str(site / ONE_BUNDLE), "--root-selector", "[data-pagefind-body]"]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    (site / ONE_PAGE).parent.mkdir(exist_ok=True)
    (site / ONE_PAGE).write_text(PAGEFIND_UI, encoding="utf-8")
    return site


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def first_search(browser: Browser, url: str, result: str) -> Fetch:
    """Open url in a fresh context and wait for the first element matching result: at most WAIT seconds, after
    which the time is infinite and the bytes are those fetched until then."""
    context = browser.new_context()
    page = context.new_page()
    fetched: list[tuple[str, bytes]] = []
    page.on("requestfinished", lambda request: fetched.append((request.url, _body(request))))
    started = time.perf_counter()
    page.goto(url)
    try:
        page.locator(result).first.wait_for(timeout=WAIT * 1000)
        seconds = time.perf_counter() - started
        page.wait_for_load_state("networkidle")
    except PlaywrightTimeout:
        seconds = math.inf
    context.close()
    bodies = [body for _, body in fetched]
    compressed = sum(len(gzip.compress(body, 6)) for body in bodies)
    kinds: Counter[str] = Counter()
    for url, body in fetched:
        kinds[kind_of(url)] += len(body)
    return Fetch(sum(map(len, bodies)), compressed, len(bodies), seconds, kinds)


def _body(request: object) -> bytes:
    response = request.response()  # type: ignore[attr-defined]
    try:
        return response.body() if response else b""
    except Exception:  # a response the browser did not keep (a redirect): counted as a request only
        return b""


def serve(site: Path) -> ThreadingHTTPServer:
    """Serve site on a free local port, uncompressed, from a thread; shut it down when done."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def bench(site: Path, query: str, repeat: int) -> dict[str, list[Fetch]]:
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs: dict[str, list[Fetch]] = {"sitegen": [], "Pagefind, one bundle": []}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            for _ in range(repeat):
                runs["sitegen"].append(first_search(browser, f"{base}search/?q={query}", "[data-result]"))
                one = f"{base}search-one/?q={query}"
                runs["Pagefind, one bundle"].append(first_search(browser, one, ".pagefind-ui__result"))
            browser.close()
    finally:
        server.shutdown()
    return runs


def report(count: int, site: Path, runs: dict[str, list[Fetch]]) -> str:
    bundles = len([path for path in (site / "pagefind").iterdir() if path.is_dir()])
    lines = [f"{count} articles ({bundles} bundles):"]
    for name, fetches in runs.items():
        fetch = fetches[0]  # bytes and requests are the same every time
        seconds = statistics.median(each.seconds for each in fetches)
        lines.append(
            f"  {name:22} {fetch.bytes / 1000:8,.0f} kB  {fetch.gzip_bytes / 1000:6,.0f} kB gzip  "
            f"{fetch.requests:4} requests  "
            + (f"{seconds:5.2f} s to results" if seconds < math.inf else f"no result within {WAIT} s")
        )
        kinds = [kind for kind, _ in KINDS] + ["page"]
        lines.append("    " + ", ".join(f"{kind} {fetch.kinds.get(kind, 0) / 1000:,.0f} kB" for kind in kinds))
    ours, theirs = runs["sitegen"][0], runs["Pagefind, one bundle"][0]
    lines.append(f"  bytes: {ours.bytes / theirs.bytes:.2f} of Pagefind's one bundle")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("counts", nargs="+", type=int)
    parser.add_argument("--query", default="government")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    for count in arguments.counts:
        site = build(count)
        print(report(count, site, bench(site, arguments.query, arguments.repeat)), flush=True)


if __name__ == "__main__":
    main()
