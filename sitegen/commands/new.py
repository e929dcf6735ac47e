"""`sitegen new`: an article file to write in, dated now, with the canonical front-matter."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sitegen.config import Config
from sitegen.content import normalise
from sitegen.content.articles import ARTICLES_DIR
from sitegen.content.frontmatter import serialise


def new_article(
    config: Config, title: str, authors: list[str], category: str | None, now: datetime | None = None
) -> Path:
    """Write content/articles/YYYY/MM/<slug>.md (with -2, -3 ... if taken) and return its path; never overwrites."""
    title = normalise.text(title)
    if not title:
        raise ValueError("the title is empty")
    moment = (now or datetime.now(config.zone)).astimezone(config.zone).replace(second=0, microsecond=0)
    slug = normalise.slug(title)
    folder = config.content_dir / ARTICLES_DIR / f"{moment.year:04d}" / f"{moment.month:02d}"
    path, number = folder / f"{slug}.md", 1
    while path.exists():
        number += 1
        path = folder / f"{slug}-{number}.md"
    meta: dict[str, object] = {"title": title, "date": moment.isoformat(), "authors": authors}
    if category:
        meta["category"] = category
    meta.update({"tags": [], "people": [], "summary": "", "slug": path.stem})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as file:  # "x": fails rather than overwrite a file made meanwhile
        file.write(serialise(meta, "Write the article here.\n"))
    return path
