"""The order of the indexes of people, tags, sections and authors, and their letters to jump to.

People are sorted by surname, as a printed index sorts them: "Vincent van Gogh" under G, "Bashar al-Assad"
under A, "Ursula von der Leyen" under L, with the particles that nameparser knows (van, de, al-, von der...)
set aside, then by the names before the surname. A one-word name sorts by that word. Letters compare without
case or accents, so Ökonomou sorts with O; a name that starts with no letter goes under "#".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from nameparser import HumanName
from nameparser.config import CONSTANTS

OTHER = "#"  # the heading of names that start with no letter
JOINED_PREFIXES = tuple(sorted(prefix for prefix in CONSTANTS.prefixes if prefix.endswith("-")))  # al-, ad-
Counted = tuple[str, int]


def surname_key(name: str) -> tuple[str, str, str]:
    """Surname without its particles, then the rest of the name, then the name itself (for a stable order)."""
    parsed = HumanName(name)
    surname = parsed.last or parsed.first or name
    words = surname.split()
    while len(words) > 1 and words[0].casefold() in CONSTANTS.prefixes:
        words.pop(0)
    core = " ".join(words)
    for prefix in JOINED_PREFIXES:  # al-Assad, ad-Din
        if core.casefold().startswith(prefix) and len(core) > len(prefix):
            core = core[len(prefix) :]
            break
    given = " ".join(part for part in (parsed.first, parsed.middle) if part and part != surname)
    return _plain(core), _plain(given), name


def title_key(name: str) -> tuple[str, str]:
    return _plain(name), name


def by_initial(items: Sequence[Counted], key: Callable[[str], tuple[str, ...]]) -> list[tuple[str, list[Counted]]]:
    """The items in key's order, in runs under the initial letter of each one's key. The key is worked out once
    an item: parsing a name takes a fifth of a millisecond."""
    runs: list[tuple[str, list[Counted]]] = []
    for sort_key, item in sorted((key(item[0]), item) for item in items):
        first = sort_key[0][:1].upper()
        letter = first if first.isalpha() else OTHER
        if not runs or runs[-1][0] != letter:
            runs.append((letter, []))
        runs[-1][1].append(item)
    return runs


def _plain(text: str) -> str:
    """text without case or accents, for sorting."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(character for character in decomposed if not unicodedata.combining(character))
