"""A draft's text fields as an article's front-matter keeps them.

Raw files carry their text fields in every state a publisher's tools leave them: HTML entities (`&#8220;`,
`O&#039;Donnell`, `&nbsp;`), runs of white space, whole keyword strings as one tag (`Amazon,black Friday`),
prefixes (`Category: Games`), and one tag in several spellings across the archive (`China`, `china`). Here
each title, summary, author, category, tag and person has its entities decoded once and its white space made
single spaces; keyword strings are split on commas and semicolons; and each tag takes one spelling across the
archive: tags.yml's, else the one the archive already uses most, else the first one this import meets.
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from sitegen.content.model import Registry
from sitegen.content.normalise import SUMMARY_MAX_LENGTH, shorten, spelling_key, summary_from_body
from sitegen.importing.readers import Draft

_TAG_PREFIX = re.compile(r"^(?:categor(?:y|ies)|tags?|keywords?|topics?)\s*:\s*", re.IGNORECASE)
_TAG_SEPARATORS = re.compile(r"[,;]")
_TAG_EDGES = " \\\"'`|/#›»‹«>•·"  # left at a tag's ends by escaping and breadcrumbs: `LLVM \`, `› Cakes`


def clean_text(text: str) -> str:
    """The text with its HTML entities decoded once and its white space (no-break spaces too) single spaces."""
    return " ".join(html.unescape(text).split())


def split_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags from values that may each be a keyword string: split on commas and semicolons, prefixes such as
    `Category:` dropped, cleaned, and each tag once (the first spelling of those alike in case and accents)."""
    tags: dict[str, str] = {}
    for value in values:
        for part in _TAG_SEPARATORS.split(clean_text(value)):
            tag = _TAG_PREFIX.sub("", part.strip()).strip(_TAG_EDGES)
            if tag and (key := spelling_key(tag)):
                tags.setdefault(key, tag)
    return tuple(tags.values())


_MORE = re.compile(r"\n*[ \t]*<!--\s*more\s*-->[ \t]*\n*", re.IGNORECASE)  # Jekyll's, Hugo's, Zola's summary mark


def with_summary_mark(draft: Draft) -> Draft:
    """A body with a `<!-- more -->` mark: the text before it is the summary (unless the file gives one), and
    the mark, which would show on the page as text, goes."""
    mark = _MORE.search(draft.body)
    if mark is None:
        return draft
    before = " ".join(_plain_paragraph(block) for block in draft.body[: mark.start()].split("\n\n"))
    summary = draft.summary or shorten(" ".join(before.split()), SUMMARY_MAX_LENGTH) or None
    return replace(draft, body=_MORE.sub("\n\n", draft.body).strip("\n") + "\n", summary=summary)


def _plain_paragraph(block: str) -> str:
    return summary_from_body(block) if block.strip() else ""


def clean_draft(draft: Draft) -> Draft:
    """The draft with every text field cleaned (see clean_text), its tags split (see split_tags), its
    category the first of those its value holds (`Category: Local` is Local), and its summary mark taken. A
    keyword that is the whole headline (pages that repeat it in their keywords) is no tag."""
    draft = with_summary_mark(draft)
    title = clean_text(draft.title)
    return replace(
        draft,
        title=title,
        summary=_optional(draft.summary),
        category=next(iter(split_tags([draft.category] if draft.category else [])), None),
        authors=clean_authors(draft.authors),
        people=_cleaned(draft.people),
        tags=tuple(tag for tag in split_tags(draft.tags) if spelling_key(tag) != spelling_key(title)),
    )


# What bylines carry besides names: "By", credentials, job titles after a comma, "Published" and dates.
_BY = re.compile(
    r"^(?:(?:view\s+all\s+posts|all\s+posts|more\s+posts|posts|articles|stories|written|words|text|story|"
    r"reporting|posted)\s+)?by\s+|^(?:author|autor(?:in|/in)?|verfasst\s+von|(?-i:von))\s*:?\s+",
    re.IGNORECASE,
)  # "By", "View all posts by", and the German "Autor:" and "von"
_CREDENTIALS = {
    "ms", "msc", "ma", "ba", "bsc", "rd", "rdn", "ld", "phd", "md", "mba", "mph", "cpa", "jd", "rn", "dds", "esq",
}  # fmt: skip
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_DATE = rf"(?:on\s+)?(?:\d{{1,2}}\s+)?{_MONTH}(?:\s+\d{{1,2}},?)?(?:\s+\d{{4}})?"
_DAY_OR_YEAR = (
    rf"(?:on\s+)?(?:\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{4}})"
)
# A trailing date has a day or a year, so that a surname such as May stays.
_TRAILING = re.compile(rf"\s+(?:published|updated|posted)\b.*$|\s+{_DAY_OR_YEAR}\s*$", re.IGNORECASE)
_ONLY_DATE = re.compile(rf"^\s*{_DATE}\s*$|^[\d\s./:-]+$", re.IGNORECASE)
_TITLE_WORDS = {
    "writer", "editor", "correspondent", "reporter", "staff", "columnist", "contributor", "producer", "journalist",
    "analyst", "photographer", "press", "news", "service", "services", "wire", "bureau", "desk", "agency", "chief",
    "senior", "associate", "deputy", "special", "national", "political", "international", "business", "sports",
}  # fmt: skip
_NAME_SEPARATORS = re.compile(r"\s*;\s*|\s+and\s+|\s*&\s*|\s*\|\s*", re.IGNORECASE)


def clean_authors(bylines: Iterable[str]) -> tuple[str, ...]:
    """The names in bylines: "By", credentials (MS, RDN, PhD), job titles after a comma, "Published" and a
    trailing date dropped; names split on semicolons, "and", "&"; a byline in capitals in title case; and
    "Surname, First" (Pelican's `Authors: Author, First; Author, Second`) as "First Surname"."""
    names: dict[str, str] = {}
    for byline in bylines:
        text = _BY.sub("", clean_text(byline))
        for part in _NAME_SEPARATORS.split(text):
            for name in _author_names(part, listed=";" in text):
                names.setdefault(name.casefold(), name)
    return tuple(names.values())


def _author_names(part: str, listed: bool) -> list[str]:
    """The names in one part of a byline. Commas separate names, or a name from its credentials (dropped)
    or its job title (dropped); listed: the byline is a list separated by semicolons, whose items may be
    "Surname, First"."""
    if _ONLY_DATE.match(part):
        return []
    pieces = [piece.strip() for piece in _TRAILING.sub("", part).split(",") if piece.strip()]
    pieces = [piece for piece in pieces if piece.casefold().replace(".", "") not in _CREDENTIALS]
    if listed and len(pieces) == 2 and all(len(piece.split()) == 1 for piece in pieces):  # "Author, First"
        pieces = [f"{pieces[1]} {pieces[0]}"]
    names = [pieces[0]] if pieces else []
    names += [piece for piece in pieces[1:] if not _is_job_title(piece)]
    return [name.title() if name.isupper() and len(name) > 3 else name for name in names if name[:1].isalpha()]


def _is_job_title(piece: str) -> bool:
    words = piece.split()
    return not piece[:1].isupper() or any(word.casefold().strip(".") in _TITLE_WORDS for word in words)


def _optional(text: str | None) -> str | None:
    return (clean_text(text) or None) if text else None


def _cleaned(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(name for name in map(clean_text, names) if name))


class TagSpellings:
    """One spelling per tag across the archive, spellings told apart as `sitegen check` tells them."""

    def __init__(self, registry: Registry) -> None:
        canonical = {*registry.tag_aliases.values(), *registry.tag_keywords}
        self._registered = {spelling_key(tag): tag for tag in sorted(canonical)}
        self._seen: dict[str, Counter[str]] = defaultdict(Counter)

    def count(self, tags: Iterable[str]) -> None:
        """Count the spellings of tags the archive holds."""
        for tag in tags:
            self._seen[spelling_key(tag)][tag] += 1

    def spell(self, tags: Iterable[str]) -> tuple[str, ...]:
        """The tags in the archive's spelling, each once; a tag new to the archive keeps its own, and later
        articles then take it."""
        spelled: dict[str, str] = {}
        for tag in tags:
            key = spelling_key(tag)
            if not key or key in spelled:
                continue
            seen = self._seen[key]
            spelled[key] = self._registered.get(key) or (seen.most_common(1)[0][0] if seen else tag)
        self.count(spelled.values())
        return tuple(spelled.values())
