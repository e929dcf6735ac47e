"""`sitegen import --refresh`: bring the people and tags of articles already in content/ up to date.

After people.yml or tags.yml change (a merge accepted, an alias added), each article's names are resolved again;
an article with no people or no tags gets them from extraction. Only the `people:` and `tags:` lines change. A
file as import wrote it is written again the same way, with its import_hash renewed, so a later import still
knows nobody edited it; any other file keeps every other byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from sitegen.content import normalise
from sitegen.content.articles import ARTICLES_DIR, article_files
from sitegen.content.frontmatter import FrontMatterError, parse
from sitegen.importing.article_file import IMPORT_HASH, article_text, is_edited
from sitegen.importing.enrich import DraftEnricher
from sitegen.importing.names import Resolver
from sitegen.importing.readers import Draft
from sitegen.output.writer import write_atomically


@dataclass
class RefreshReport:
    updated: list[Path] = field(default_factory=list)
    unchanged: int = 0
    unreadable: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        return f"Refresh: {len(self.updated)} updated, {self.unchanged} unchanged, {len(self.unreadable)} unreadable"


class _Article(NamedTuple):
    path: Path
    text: str
    meta: dict[str, Any]
    body: str
    people: tuple[str, ...]  # as written
    tags: tuple[str, ...]


def refresh(content_dir: Path, enricher: DraftEnricher, extract: bool = True) -> RefreshReport:
    report = RefreshReport()
    resolver = Resolver(enricher.registry)
    found: list[_Article] = []
    for path in article_files(content_dir):
        text = path.read_text(encoding="utf-8")
        try:
            document = parse(text)
            written = normalise.name_list(document.meta.get("people")), normalise.name_list(document.meta.get("tags"))
        except (FrontMatterError, normalise.FieldError):
            report.unreadable.append(path)
            continue
        found.append(_Article(path, text, document.meta, document.body, *written))
    needing = [item for item in found if extract and not (item.people and item.tags)]
    drafts = [_draft(item.meta, item.body) for item in needing]
    extracted = dict(zip((item.path for item in needing), enricher.enrich(drafts), strict=True)) if drafts else {}
    for path, text, meta, body, written_people, written_tags in found:
        people = [resolver.resolve(name)[0] for name in written_people]
        tags = [enricher.registry.canonical_tag(name) for name in written_tags]
        if path in extracted:
            people, tags = people or list(extracted[path].people), tags or list(extracted[path].tags)
        people, tags = list(dict.fromkeys(people)), list(dict.fromkeys(tags))
        if people == meta.get("people") and tags == meta.get("tags"):
            report.unchanged += 1
            continue
        write_atomically(path, _with_names(text, meta, body, people, tags).encode("utf-8"))
        report.updated.append(path.relative_to(content_dir / ARTICLES_DIR))
    enricher.save()
    return report


def _draft(meta: dict[str, Any], body: str) -> Draft:
    category = meta.get("category")
    return Draft(str(meta.get("title", "")), body, category=str(category) if category else None)


def _with_names(text: str, meta: dict[str, Any], body: str, people: list[str], tags: list[str]) -> str:
    if IMPORT_HASH in meta and not is_edited(text):
        return article_text({**meta, "people": people, "tags": tags}, body)
    return _replace_field(_replace_field(text, "tags", tags), "people", people)


def _replace_field(text: str, key: str, values: list[str]) -> str:
    """The text with one front-matter list rewritten in its own style (flow or block), or added at the end."""
    end = text.index("\n---", 3) + 1
    head, rest = text[:end], text[end:]
    flow = yaml.safe_dump(values, allow_unicode=True, default_flow_style=True, width=1_000_000).strip()
    match = re.search(rf"^{key}:[ \t]*(.*)\n((?:[ \t]*- .*\n|[ \t]+.*\n)*)", head, re.MULTILINE)
    if match is None:
        return f"{head}{key}: {flow}\n{rest}"
    if match.group(1).strip():  # written on one line: keep it on one line
        replacement = f"{key}: {flow}\n"
    else:
        replacement = yaml.safe_dump({key: values}, allow_unicode=True, sort_keys=False, width=1_000_000)
    return head[: match.start()] + replacement + head[match.end() :] + rest
