"""`sitegen init DIR`: a new site's folder, ready to import into, build and publish.

It writes a commented sitegen.toml with every key at its default (the title given), an empty
content/articles/, commented people.yml and tags.yml, a .gitignore for what builds make, and the GitHub Pages
workflow with the requirements.txt it installs sitegen from. It never writes into a folder that holds anything.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitegen.config import CACHE_DIR, FILE_KEYS, Config
from sitegen.content.articles import ARTICLES_DIR

SCAFFOLD = Path(__file__).resolve().parent.parent / "scaffold"
# What each key of sitegen.toml does, in a line: the README's Configuration table says more.
KEY_NOTES = {
    "title": "the site's name",
    "description": "the default page description",
    "base_url": "where the site is published; may include a path, such as https://example.org/archive/",
    "language": "the pages' language, also used by the search index",
    "timezone": "the IANA time zone of dates written without an offset",
    "page_size": "articles per listing page",
    "feed_size": "entries per Atom feed",
    "related_count": "related articles shown under each article",
    "content": "the content folder",
    "output": "the output folder",
    "templates": "the site's own templates, each replacing the packaged theme's of its name (sitegen theme eject)",
    "search": "build the Pagefind search index and the search page",
    "search_shard_size": "articles per search bundle at most; 0 lets the archive's size decide",
    "raw_html": "let raw HTML in articles through, sanitised; off shows it as text",
    "import_year": "the year sitegen import gives dates that lack one; 0 infers it",
    "people_model": "the spaCy pipeline that finds people, places and organisations",
    "max_tags": "at most this many tags per extracted article",
    "precompress": "write a .gz and a .br beside each HTML, CSS, JS, JSON and XML file, for hosts that serve them",
}
PEOPLE = """# The people the archive names, each with the other spellings articles use (see the README, people.yml).
# - name: Volodymyr Zelensky
#   aliases: [Volodymyr Zeleskiy, Zelenskiy]
#   description: President of Ukraine.
"""
TAGS = """# Tags, each with the other spellings that mean it (see the README, tags.yml).
# United States: [US, U.S., USA]
"""
GITIGNORE = f"/public/\n/{CACHE_DIR}/\n"
# What the workflow installs: sitegen from the package index, a wheel's address or a git+https:// address.
REQUIREMENTS = """# Where the publishing workflow installs sitegen from (pip install -r requirements.txt): a name on the
# package index, a wheel's address, or a git+https:// address, with a version to keep builds alike.
sitegen
"""


def init_site(folder: Path, title: str) -> list[Path]:
    """Write the new site into folder (made if missing); returns the files written. ValueError if folder holds
    anything, so that nothing a user has is overwritten."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ValueError(f"{folder} is not an empty folder; sitegen init writes a new site only into an empty one")
    files = {
        "sitegen.toml": settings(title),
        "content/people.yml": PEOPLE,
        "content/tags.yml": TAGS,
        ".gitignore": GITIGNORE,
        "requirements.txt": REQUIREMENTS,
        ".github/workflows/publish.yml": (SCAFFOLD / "publish.yml").read_text(encoding="utf-8"),
    }
    written = []
    (folder / "content" / ARTICLES_DIR).mkdir(parents=True)
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def settings(title: str) -> str:
    """sitegen.toml with every key at its default, commented out, but the title."""
    lines = ["# The site's settings. Every key is optional; each line below shows its default.", ""]
    defaults = Config()
    for name in FILE_KEYS:
        value = title if name == "title" else getattr(defaults, name)
        line = f"{name} = {_toml(value)}"
        lines += [f"# {KEY_NOTES[name]}", line if name == "title" else f"# {line}", ""]
    return "\n".join(lines)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)
