"""Relevance of sitegen's split search index against Pagefind's one bundle, over real news text.

    git clone https://github.com/dejanbatanjac/bbc-article-classify-bert /tmp/bbc-data
    .venv/bin/python bench/relevance.py /tmp/bbc-data/bbc

The BBC News dataset (2,225 articles from 2004 and 2005 in five sections, one plain-text file each, the title on
the first line) is public and is not copied into the project: this script reads it where it was cloned and
writes it as sitegen content into bench/work/relevance/. The articles' own dates are not in the files, so each
gets one spread over ten years, which splits the index into ten bundles, one a year, as the generated archive of
2,000 articles is split. sitegen builds the site; Pagefind indexes the same article pages into one bundle beside
it; Chromium then runs each query through both (sitegen's bundles merged as its search page merges them) and
prints how many of one bundle's top 10 are in the merged top 10. The generated archive of bench/generate.py is
no use for this: it draws its words from a short list, so a query word is in nearly every article and the top
scores differ in their fourth digit.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright
from run import WORK
from search import build_both, serve

QUERIES = (
    "election, blair, iraq, oil prices, mobile phone, chelsea, music industry, film award, interest rates, "
    "microsoft, tsunami, budget, rugby, champions league, broadband, dollar, tax, oscar, video games, terror laws"
)
TOP_TEN = """async ([query, bundles]) => {
  const load = async (path, merged) => {
    const pagefind = await import(path + "pagefind.js");
    await pagefind.options({ basePath: path });
    await pagefind.init();
    for (const bundle of merged) await pagefind.mergeIndex(bundle);
    return pagefind;
  };
  window.one ??= await load("/pagefind-one/", []);
  window.split ??= await load(bundles[bundles.length - 1], bundles.slice(0, -1));
  const top = async (pagefind) => {
    const found = await pagefind.search(query);
    return Promise.all(found.results.slice(0, 10).map(async (result) => (await result.data()).url));
  };
  return [await top(window.one), await top(window.split)];
}"""


def write_corpus(dataset: Path, corpus: Path) -> int:
    """Write every article of the dataset as a Markdown file with front-matter; return how many."""
    files = sorted(dataset.glob("*/*.txt"))
    if not files:
        raise SystemExit(f"{dataset}: no section folders of .txt files here (see the start of this script)")
    for number, source in enumerate(files):
        title, _, body = source.read_text(encoding="latin-1").strip().partition("\n")
        year, month, day = 2015 + (number * 7919) % 10, 1 + (number * 31) % 12, 1 + (number * 13) % 28
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] + f"-{number}"
        target = corpus / "content" / "articles" / str(year) / f"{month:02d}" / f"{slug}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        front = f"title: {json.dumps(title.strip())}\ndate: {year}-{month:02d}-{day:02d}T12:00:00+00:00\n"
        front += f"category: {source.parent.name.title()}\n"
        target.write_text(f"---\n{front}---\n\n{body.strip()}\n", encoding="utf-8")
    (corpus / "sitegen.toml").write_text('title = "Relevance"\n', encoding="utf-8")  # the packaged theme
    return len(files)


def overlaps(site: Path, queries: list[str]) -> list[float]:
    bundles = sorted(f"/pagefind/{path.name}/" for path in (site / "pagefind").iterdir() if path.is_dir())
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    shares = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page()
            page.goto(base)
            for query in queries:
                one, split = page.evaluate(TOP_TEN, [query, bundles])
                shares.append(len(set(one) & set(split)) / max(1, len(one)))
                print(f"  {query:20} {shares[-1]:4.0%} of {len(one)}", flush=True)
            browser.close()
    finally:
        server.shutdown()
    return shares


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset", type=Path, help="the dataset's folder of section folders of .txt files")
    parser.add_argument("--queries", default=QUERIES, help="comma-separated")
    arguments = parser.parse_args()
    corpus = WORK / "relevance"
    if not (corpus / "content").exists():
        print(f"{write_corpus(arguments.dataset, corpus)} articles written to {corpus}")
    site = build_both(corpus)
    bundles = len([path for path in (site / "pagefind").iterdir() if path.is_dir()])
    print(f"Top 10 shared with Pagefind's one bundle ({bundles} bundles merged):")
    shares = overlaps(site, [query.strip() for query in arguments.queries.split(",")])
    print(f"  mean {statistics.mean(shares):.0%}, lowest {min(shares):.0%}")


if __name__ == "__main__":
    main()
