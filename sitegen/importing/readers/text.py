"""Plain-text scrapes: a headline, a byline, often the headline again, then paragraphs.

The byline may be bullet lines (•, -, *, |) in any order, one line with separators, "By NAME", or a date line.
Its items are told apart by what they are: a date, a time, "By ..." or a label, a known section name; the rest
are read as author first, then category.
"""

from __future__ import annotations

import re
from itertools import groupby

from sitegen.importing.readers.dates import DateText, TimeText, parse_date, parse_time
from sitegen.importing.readers.decode import clean_spaces
from sitegen.importing.readers.draft import Draft, ReadError
from sitegen.importing.readers.markdown_text import escape_markdown

MAX_TITLE_LENGTH = 300
MAX_BYLINE_LENGTH = 200
_BULLET = re.compile(r"^(?:[•·▪►*|]|-(?!-))\s*")
_SEPARATOR = re.compile(r"\s+[•·|]\s+|\s+[-–—]\s+")
_BY = re.compile(r"^by\s+(?P<names>.+)$", re.IGNORECASE)
_LABELLED = re.compile(
    r"^(?P<label>author|authors|writer|category|section|filed under|posted in|tags|tagged|keywords)\s*:?\s+"
    r"(?P<value>.+)$",
    re.IGNORECASE,
)
_RULE = re.compile(r"[=\-_*~]{3,}")
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b)\s*", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^(?:[•·▪►*]|-(?!-)|\d{1,3}[.)])\s+")
# Section names news sites use; a byline item that is one of them is the category, wherever it stands.
SECTION_NAMES = frozenset(
    """news breaking-news latest world national local politics business economy finance markets money sport sports
    football opinion comment editorial analysis features culture arts entertainment music film lifestyle travel food
    health science technology tech environment climate education society crime justice law media europe asia africa
    americas middle-east uk us international regional weather obituaries interviews press-releases uncategorized
    uncategorised general""".split()
)
HARD_WRAP_WIDTH = 100  # lines no longer than this that run on without a blank line are one paragraph, hard-wrapped


def read_text(text: str) -> Draft:
    lines = [clean_spaces(line) for line in text.split("\n")]
    position = _first_filled(lines, 0)
    if position is None:
        raise ReadError("the file has no text")
    title = lines[position].removeprefix("# ").strip()
    if len(title) > MAX_TITLE_LENGTH:
        raise ReadError(f"no headline: the first line is {len(title)} characters long, not a headline")
    if not any(character.isalpha() for character in title):
        raise ReadError(f"no headline: the first line {title!r} has no words")
    byline = _Byline()
    position += 1
    while (position := _first_filled(lines, position)) is not None and byline.take(lines[position], title):
        position += 1
    body_lines = lines[position:] if position is not None else []
    tags = _trailing_tags(body_lines)
    body = _paragraphs(body_lines)
    if not body:
        raise ReadError("no article text after the headline")
    return Draft(
        title=title, body=body, date=byline.date, authors=tuple(byline.authors), category=byline.category,
        tags=tuple(dict.fromkeys(byline.tags + tags)),
    )  # fmt: skip


class _Byline:
    """Gathers the lines between the headline and the first paragraph."""

    def __init__(self) -> None:
        self.found_date: DateText | None = None
        self.time: TimeText | None = None
        self.authors: list[str] = []
        self.category: str | None = None
        self.tags: list[str] = []

    @property
    def date(self) -> DateText | None:
        if self.found_date is None or self.time is None or self.found_date.has_time:
            return self.found_date
        return self.found_date.with_time(self.time)

    def take(self, line: str, title: str) -> bool:
        """Read one line if it belongs to the byline (or repeats the headline); False at the first paragraph."""
        if _same_words(line, title) or _RULE.fullmatch(line):  # a repeated headline, or one underlined
            return True
        if len(line) > MAX_BYLINE_LENGTH:
            return False
        bullet = _BULLET.match(line)
        items = [item.strip(" ,") for item in _SEPARATOR.split(line[bullet.end() :] if bullet else line)]
        items = [item for item in items if item]
        if not bullet and not _is_byline(items):
            return False
        unplaced = [item for item in items if not self._known_item(item)]
        for item in unplaced:  # neither a date nor labelled: the first is the author, the next the category
            if not self.authors:
                self.authors.append(item)
            elif self.category is None:
                self.category = item
            else:
                self.tags.append(item)
        return True

    def _known_item(self, item: str) -> bool:
        """Take an item that says what it is; False for a bare name or word."""
        found = parse_date(item)
        if found is not None:
            self.found_date = self.found_date or found  # a later date is an update, not the publication
            return True
        time = parse_time(item)
        if time is not None:
            self.time = self.time or time
            return True
        by, labelled = _BY.match(item), _LABELLED.match(item)
        if by:
            self._names(by["names"])
        elif labelled:
            self._labelled(labelled["label"].lower(), labelled["value"])
        elif self.category is None and item.casefold().replace(" ", "-") in SECTION_NAMES:
            self.category = item
        else:
            return False
        return True

    def _names(self, text: str) -> None:
        """Author names, which may carry the date after a comma: "By Jane Smith, 3 June 2025"."""
        names, _, rest = text.partition(",")
        if not (rest and self._known_item(rest.strip())):
            names = text
        self.authors.extend(name for name in _NAME_SPLIT.split(names) if name and name not in self.authors)

    def _labelled(self, label: str, value: str) -> None:
        if label in ("author", "authors", "writer"):
            self._names(value)
        elif label in ("tags", "tagged", "keywords"):
            self.tags.extend(tag.strip() for tag in value.split(",") if tag.strip())
        elif self.category is None:
            self.category = value


def _is_byline(items: list[str]) -> bool:
    """An unbulleted line belongs to the byline if it is a date, a "By" line or a label, or holds a date or time."""
    if len(items) == 1:
        item = items[0]
        return bool(parse_date(item) or _BY.match(item) or _LABELLED.match(item))
    return any(parse_date(item) or parse_time(item) or _BY.match(item) for item in items)


def _first_filled(lines: list[str], start: int) -> int | None:
    for index in range(start, len(lines)):
        if lines[index]:
            return index
    return None


def _same_words(line: str, title: str) -> bool:
    return _words(line.removeprefix("# ")) == _words(title)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _trailing_tags(lines: list[str]) -> list[str]:
    """A last line "Tags: a, b" is the source's tags; it is taken out of the body."""
    last = _last_filled(lines)
    if last is None:
        return []
    match = re.match(r"^(?:tags|tagged|keywords)\s*:\s*(.+)$", lines[last], re.IGNORECASE)
    if not match:
        return []
    lines[last] = ""
    return [tag.strip() for tag in match.group(1).split(",") if tag.strip()]


def _last_filled(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index]:
            return index
    return None


def _paragraphs(lines: list[str]) -> str:
    """Markdown from blocks of lines: hard-wrapped lines joined into paragraphs, runs of bullet lines made lists."""
    markdown: list[str] = []
    blocks = [list(block) for filled, block in groupby(lines, bool) if filled]
    for block in blocks:
        for is_list, run_lines in groupby(block, lambda line: bool(_LIST_ITEM.match(line))):
            run = list(run_lines)
            if is_list:
                markdown.append("\n".join("- " + escape_markdown(_LIST_ITEM.sub("", line)) for line in run))
            elif all(len(line) <= HARD_WRAP_WIDTH for line in run[:-1]):
                markdown.append(escape_markdown(" ".join(run)))
            else:
                markdown.extend(escape_markdown(line) for line in run)
    return "\n\n".join(markdown)
