"""People's names as articles write them: cleaning, comparing, and resolving them to one spelling.

Pure functions over strings and the registry; the recogniser that finds the names is in extract.py.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sitegen.content.model import Registry

# Words that come before a name and are not part of it: titles, offices, honorifics.
TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father sister brother saint st
    president vice prime minister deputy secretary chancellor premier governor mayor senator sen rep
    representative congressman congresswoman councillor councilor alderman judge justice chief general gen
    colonel col major maj captain capt lieutenant lt sergeant sgt admiral commander officer inspector
    detective constable ambassador envoy spokesman spokeswoman spokesperson press king queen prince
    princess emperor pope cardinal bishop archbishop imam rabbi sheikh coach manager chairman chairwoman
    chair director ceo founder head leader speaker foreign defence defense interior finance health
    kremlin white house state former acting interim late new ex foreign-minister striker midfielder
    goalkeeper defender forward captain-elect star singer actor actress author writer player veteran
    hydrologist economist scientist analyst professor-emeritus researcher poet novelist
    auditor businessman businesswoman candidate counterpart wife husband son daughter trade
    """.split()
)
# Capitalised words that recognisers take for names but never are one.
NOT_NAMES = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tomorrow god covid-19 covid
    """.split()
)
# Last words of place names that recognisers take for people: "Mill Lane", "Harbour Street".
PLACE_WORDS = frozenset(
    "street st road rd lane avenue ave square bridge park hall station airport river hill way close drive".split()
)
# A capitalised word, possibly with an apostrophe, hyphen or accent: "O'Brien", "Jean-Luc", "José".
CAPITALISED = r"[A-ZÀ-ÖØ-Þ][\w’'-]*"
# A verb of speech after a name: "Putin said", the surest sign that a capitalised run is someone.
SPEECH = re.compile(r"^\s*(?:said|says|told|added|announced|stated|wrote|argued|warned|noted|insisted|explained)\b")
# Words that join a sentence, capitalised only in a headline written in title case: never inside a name.
HEADLINE_WORDS = frozenset(
    "is are was were be been has have had the an at in on to for with and or but after before as by from into "
    "over than vs versus not says amid against".split()
)
# Words in the names of sports clubs, which recognisers take for people: "Deportivo Coruna", "Real Madrid".
CLUB_WORDS = frozenset(
    """
    fc afc cf sc ac ssc fk sk bk if deportivo real atletico atlético athletic athletico united city rovers
    wanderers albion sporting olympique olympic inter internazionale dynamo dinamo borussia bayern hotspur
    rangers celtic town county racing juventus lazio sampdoria galaxy lakers celtics knicks bulls warriors
    """.split()
)
POSSESSIVE = re.compile(r"[’']s?$")
NAME_WORD = re.compile(r"^[^\W\d_][\w’'.-]*$")


def fold(text: str) -> str:
    """Case, accents and punctuation removed: how two spellings of a name are compared."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(character for character in decomposed if not unicodedata.combining(character))
    return re.sub(r"[^\w ]+", "", letters).strip()


def clean(mention: str) -> str | None:
    """The name in a mention without titles, possessives or stray punctuation; None if it is no name."""
    words = mention.replace("\n", " ").split()
    while words and words[0].casefold().rstrip(".") in TITLES:  # "Dr." as "Dr"
        words = words[1:]
    if not words:
        return None
    words = [word.strip(',;:()"“”') for word in words]
    while words and not NAME_WORD.match(words[-1]):
        words = words[:-1]  # what a recogniser ran on into: "Mateo Ferreira 6-4"
    if not words:
        return None
    words[-1] = POSSESSIVE.sub("", words[-1])
    words = [word for word in words if word]
    if not words or not all(NAME_WORD.match(word) for word in words):
        return None
    if any(word.casefold() in NOT_NAMES for word in words) or words[-1].casefold() in PLACE_WORDS:
        return None
    if joins_headline_words(words):
        return None  # "Charlton Is Relegated": a headline's words, not a name
    if not all(word[0].isupper() or word.casefold() in NAME_PARTICLES for word in words):
        return None
    return " ".join(words)


def joins_headline_words(words: list[str]) -> bool:
    """Whether words after the first are ones that join a headline ("Is", "At"): never inside a name."""
    return any(word.casefold() in HEADLINE_WORDS for word in words[1:])


def is_club(name: str) -> bool:
    """Whether a name the recogniser called a person names a sports club by one of its usual words."""
    words = [fold(word) for word in name.split()]
    return len(words) > 1 and any(word in CLUB_WORDS for word in words)


def is_headline_case(title: str) -> bool:
    """Whether a headline capitalises its words ("Charlton Is Relegated After Defeat"), not only names."""
    words = [word for word in re.findall(r"[^\W\d_][\w’'-]*", title) if len(word) > 3]
    return len(words) >= 3 and sum(word[0].isupper() for word in words) >= 0.8 * len(words)


# Lower-case words that belong inside names: "Ursula von der Leyen", "Luiz Inácio Lula da Silva".
NAME_PARTICLES = frozenset("von van der den de da di du del della la le bin al ibn".split())


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count once): typos and transliterations."""
    previous_row: list[int] | None = None
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1] and before is not None:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[len(b)]


def near(a: str, b: str) -> bool:
    """Two folded words close enough to be one name spelt two ways: Zelenskiy, Zeleskiy, Zelensky."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    return shortest >= 4 and a[:2] == b[:2] and edit_distance(a, b) <= max(1, shortest // 4)


def first_and_last(name: str) -> tuple[str, str]:
    words = fold(name).split()
    return words[0], words[-1]


@dataclass(frozen=True)
class Suggestion:
    """A name that may be a registered person, with the evidence; for sitegen people to show, never applied."""

    name: str
    person: str
    evidence: str


def resolve_in_article(names: list[str]) -> dict[str, str | None]:
    """Each name as written -> the fullest name the article uses for that person, or None if it cannot tell.

    "Peskov" becomes "Dmitriy Peskov" when the article also writes that; a surname two people share in the
    article ("Johnson" beside Boris and Jo Johnson) is left unresolved (None).
    """
    full_names = sorted({name for name in names if len(name.split()) > 1}, key=lambda name: (-len(name), name))
    resolved: dict[str, str | None] = {}
    for name in names:
        words = fold(name).split()
        candidates = [full for full in full_names if full != name and _is_part_of(words, fold(full).split())]
        people = {first_and_last(full) for full in candidates}
        if not candidates:
            resolved[name] = name
        elif len(people) == 1:
            resolved[name] = candidates[0]  # the longest: "Dmitriy Sergeyevich Peskov" over "Dmitriy Peskov"
        else:
            resolved[name] = None
    return resolved


def _is_part_of(words: list[str], full: list[str]) -> bool:
    """One word of a longer name ("Lula"), or its first and last words (the name without a middle name)."""
    if len(words) == 1:
        return words[0] in full and words[0] not in NAME_PARTICLES
    return len(words) < len(full) and words[0] == full[0] and words[-1] == full[-1]


class Resolver:
    """Names to registered people: aliases exactly, near spellings when the evidence is strong."""

    def __init__(self, registry: Registry) -> None:
        self.by_fold: dict[str, str] = {}
        self.by_surname: dict[str, set[str]] = {}
        self.spellings: list[tuple[str, str, str]] = []  # (folded first word, folded last word, person)
        for person in registry.people.values():
            for spelling in (person.name, *person.aliases):
                self.by_fold[fold(spelling)] = person.name
                words = fold(spelling).split()
                if len(words) > 1:
                    self.spellings.append((words[0], words[-1], person.name))
            self.by_surname.setdefault(first_and_last(person.name)[1], set()).add(person.name)

    def resolve(self, name: str) -> tuple[str, Suggestion | None]:
        """The canonical name for name, and a suggestion where it may be someone registered but is not sure."""
        known = self.by_fold.get(fold(name))
        if known:
            return known, None
        words = fold(name).split()
        if len(words) == 1:
            owners = self.by_surname.get(words[0], set())
            if len(owners) == 1:
                return next(iter(owners)), None
            near_owners = {
                person for surname, people in self.by_surname.items() for person in people if near(words[0], surname)
            }
            if len(near_owners) == 1:
                person = next(iter(near_owners))
                return name, Suggestion(name, person, f"“{name}” is spelt like the surname of {person}")
            return name, None
        first, last = words[0], words[-1]
        strong = {person for f, surname, person in self.spellings if f == first and near(last, surname)}
        if len(strong) == 1:
            return next(iter(strong)), None
        weak = {
            person for f, surname, person in self.spellings if near(last, surname) and near(first, f) and f != first
        }
        if len(weak) == 1 and not strong:
            person = next(iter(weak))
            return name, Suggestion(name, person, f"first and last names are both spelt like {person}'s")
        return name, None
