"""Who and what an article is about: people and tags, from the mentions a recogniser finds (engines.py).

The mentions pass through the same steps whichever engine found them: names are cleaned, a surname resolves to
the full name the article uses, names resolve to registered people, and places and organisations become tags
when they are salient.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from sitegen.content.model import Registry
from sitegen.importing.engines import Engines, Mention
from sitegen.importing.language import LanguageDetector
from sitegen.importing.names import (
    CAPITALISED,
    NOT_NAMES,
    SPEECH,
    TITLES,
    Resolver,
    Suggestion,
    clean,
    fold,
    is_club,
    is_headline_case,
    joins_headline_words,
    resolve_in_article,
)


@dataclass(frozen=True)
class TagRules:
    """tags.yml's keyword rules: a tag is given to any article whose text contains one of its keywords."""

    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def tags_for(self, text: str) -> list[str]:
        folded = f" {fold(text)} "
        return [tag for tag, words in self.keywords.items() if any(f" {fold(word)} " in folded for word in words)]


@dataclass(frozen=True)
class Extraction:
    people: tuple[str, ...]
    tags: tuple[str, ...]
    suggestions: tuple[Suggestion, ...] = ()
    language: str | None = None  # the language detected, where a detector ran


@dataclass(frozen=True)
class ArticleText:
    """What extraction reads of an article."""

    title: str
    body: str
    category: str | None = None
    source_tags: tuple[str, ...] = ()

    @cached_property
    def text(self) -> str:
        """The headline and the body as a reader sees them: links' text without their addresses."""
        body = (
            _AUTOLINK.sub("", _LINK.sub(r"\1", self.body)) if "](" in self.body or "<http" in self.body else self.body
        )
        return f"{self.title}.\n\n{body}"

    @cached_property
    def prose(self) -> str:
        """The text less its lines written in title case (the headline, subheadings), where every word is
        capitalised and a recogniser cannot tell a name from the words around it."""
        lines = self.text.split("\n")
        return "\n".join(line for line in lines if not (is_headline_case(line) and len(line.split()) <= HEADING_WORDS))


_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # [text](address) and images: their text alone
_AUTOLINK = re.compile(r"<https?://[^>\s]*>")
HEADING_WORDS = 15  # a longer line in title case is prose all the same


class Extractor:
    """People and tags for articles; with a detector, each article is read by the engine for its language."""

    def __init__(
        self, engines: Engines, registry: Registry, max_tags: int = 8, detector: LanguageDetector | None = None
    ) -> None:
        self.engines, self.registry, self.max_tags, self.detector = engines, registry, max_tags, detector
        self.rules = TagRules(registry.tag_keywords)
        self.resolver = Resolver(registry)

    def extract(self, articles: Sequence[ArticleText]) -> list[Extraction]:
        texts = [article.text for article in articles]
        detected = [self.detector.detect(text) for text in texts] if self.detector else None
        languages = detected or [self.engines.main_language] * len(texts)
        found = [[self._kind(article, mention) for mention in mentions] for article, mentions in
                 zip(articles, self.engines.mentions(texts, languages), strict=True)]  # fmt: skip
        return [
            self._one(article, mentions, language if detected else None)
            for article, mentions, language in zip(articles, found, languages, strict=True)
        ]

    def _kind(self, article: ArticleText, mention: Mention) -> Mention:
        """people.yml outranks the model: a registered spelling it took for an organisation is a person, and a
        person it found is no one when the name is a sports club's or a run of words in a capitalised headline."""
        registered = fold(mention.text) in self.resolver.by_fold
        if mention.kind != "person" and registered:
            return Mention(mention.text, "person", mention.start)
        if mention.kind == "person" and not registered and _headline_fragment(article, mention):
            return Mention(mention.text, "fragment", mention.start)
        if mention.kind == "person" and not registered and is_club(mention.text):
            return Mention(mention.text, "organisation", mention.start)
        return mention

    def _one(self, article: ArticleText, mentions: list[Mention], language: str | None) -> Extraction:
        people, suggestions, spellings = self._people(article, mentions)
        tags = self._tags(article, [mention for mention in mentions if mention.kind != "fragment"], spellings)
        return Extraction(tuple(people), tuple(tags), tuple(suggestions), language)

    def _people(self, article: ArticleText, mentions: list[Mention]) -> tuple[list[str], list[Suggestion], set[str]]:
        """The article's people, most mentioned first; the suggestions; every spelling used for them (folded)."""
        text = article.text
        not_people = {fold(name) for name in (*article.source_tags, article.category or "") if name}
        labelled_people = {fold(mention.text) for mention in mentions if mention.kind == "person"}
        not_people |= {fold(mention.text) for mention in mentions if mention.kind != "person"} - labelled_people
        not_people |= set(self.registry.tag_aliases) | {fold(tag) for tag in self.registry.tag_keywords}
        written: list[tuple[str, int]] = []
        for mention in mentions:
            name = clean(mention.text) if mention.kind == "person" else None
            if not name or fold(name) in not_people or _after_preposition(text, mention.start, name):
                continue
            written.append((name, mention.start))
        written += _full_names_in_text(text, [name for name, _ in written])
        in_article = resolve_in_article([name for name, _ in written])
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        suggestions: dict[str, Suggestion] = {}
        spellings: set[str] = set()
        for name, start in written:
            spellings.update({fold(name), *fold(name).split()})
            full = in_article[name]
            if full is None:
                continue
            canonical, suggestion = self.resolver.resolve(full)
            if suggestion:
                suggestions[suggestion.name] = suggestion
            counts[canonical] += 1
            first_seen.setdefault(canonical, start)
        for name in list(counts):
            if len(name.split()) == 1 and name not in self.registry.people and not _said_or_titled(text, name):
                del counts[name]  # a lone word never in full nor titled nor speaking: too often a place
        for name in counts:
            spellings.update({fold(name), *fold(name).split()})
        people = sorted(counts, key=lambda name: (-counts[name], first_seen[name]))
        return people, list(suggestions.values()), spellings

    def _tags(self, article: ArticleText, mentions: list[Mention], person_words: set[str]) -> list[str]:
        given = [*article.source_tags, *([article.category] if article.category else [])]
        ruled = self.rules.tags_for(article.text)
        salient = _salient([mention for mention in mentions if mention.kind != "person"], len(article.title))
        tags: list[str] = []
        for tag in (*given, *ruled, *salient):
            canonical = self.registry.canonical_tag(tag)
            if fold(canonical) in person_words or canonical in self.registry.people or canonical in tags:
                continue
            if self.registry.canonical_person(canonical) != canonical:
                continue  # a registered person's alias
            tags.append(canonical)
        return tags[: self.max_tags]


def _headline_fragment(article: ArticleText, mention: Mention) -> bool:
    """A name found only in lines written in title case ("Charlton Is Relegated", "Meta Outage Hits Facebook"),
    never in the prose: a run of capitalised words there is no evidence of a name."""
    return mention.text not in article.prose


PREPOSITIONS = frozenset("in from to at near of into across outside inside".split())


def _after_preposition(text: str, start: int, name: str) -> bool:
    """ "returned to Kyiv": a lone capitalised word after a preposition is a place, whatever the model said."""
    before = text[:start].split()
    return len(name.split()) == 1 and bool(before) and before[-1].casefold() in PREPOSITIONS


def _full_names_in_text(text: str, names: list[str]) -> list[tuple[str, int]]:
    """Full names the recogniser missed for a surname it found: "striker Ade Bello" for "Bello"."""
    found = []
    for name in {name for name in names if len(name.split()) == 1}:
        if any(len(other.split()) > 1 and name in other.split() for other in names):
            continue
        for match in re.finditer(rf"((?:{CAPITALISED}\s+){{1,2}}){re.escape(name)}\b", text):
            words = [word for word in match.group(1).split() if word.casefold().rstrip(".") not in TITLES]
            start = match.start()
            before = text[:start].rstrip()
            if words and len(words) == len(match.group(1).split()) and before and before[-1] not in ".!?\n":
                found.append((" ".join([*words, name]), start))
                break
    return found


def _said_or_titled(text: str, word: str) -> bool:
    """Whether the text gives a lone name a title ("President Putin") or has it speak ("Putin said")."""
    for match in re.finditer(rf"\b{re.escape(word)}\b", text):
        before = text[: match.start()].split()
        if (before and before[-1].casefold().rstrip(".") in TITLES) or SPEECH.match(text[match.end() :]):
            return True
    return False


def _salient(mentions: list[Mention], title_end: int) -> list[str]:
    """Places and organisations the article is about: in the headline, or mentioned at least twice."""
    counts: Counter[str] = Counter()
    weight: Counter[str] = Counter()
    for mention in mentions:
        name = _entity_name(mention.text)
        if not name:
            continue
        counts[name] += 1
        weight[name] += 3 if mention.start <= title_end else 1
    chosen = [name for name in counts if counts[name] >= 2 or weight[name] >= 3]
    return sorted(chosen, key=lambda name: (-weight[name], name))


def _entity_name(text: str) -> str | None:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    text = re.sub(r"[’']s$", "", text)
    if not text or not text[0].isupper() or text.casefold() in NOT_NAMES or len(text) < 2:
        return None
    if joins_headline_words(text.split()):
        return None  # "Harbour Rovers Is Relegated": a headline's words run together
    return text
