"""The benchmark's archive laid out as content for Hugo (bench/hugo/)."""

from __future__ import annotations

from pathlib import Path

HUGO_CONTENT = "dates as taxonomies\n"  # how hugo_content lays the articles out; a change makes them again


def hugo_content(articles: Path, posts: Path) -> None:
    """The corpus's articles as Hugo content, each also filed under its year, month and day: taxonomies are
    how Hugo makes date pages, which sitegen has (bench/hugo/hugo.toml). The date is the article's own,
    written in the site's zone, so its first ten characters are the day."""
    for source in sorted(articles.rglob("*.md")):
        text = source.read_text(encoding="utf-8")
        day = text.split("\ndate: ", 1)[1][:10]
        dates = f"years: ['{day[:4]}']\nmonths: ['{day[:7]}']\ndays: ['{day}']\n"
        target = posts / source.relative_to(articles)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text.replace("---\n", "---\n" + dates, 1), encoding="utf-8")
