"""`sitegen people`: every person the archive names, with counts, and merges to suggest, each with its evidence.

`--accept` writes accepted merges into content/people.yml with ruamel.yaml, which keeps the file's comments and
order: the merged spelling becomes an alias of the person it is merged into.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from sitegen.content.library import Library
from sitegen.content.registry import PEOPLE_FILE
from sitegen.importing.names import fold, near
from sitegen.output.writer import write_atomically


@dataclass(frozen=True)
class Merge:
    name: str  # the spelling to give up
    into: str  # the person it is
    evidence: str


def suggest_merges(counts: dict[str, int], registered: set[str]) -> list[Merge]:
    """Names that look like one person written two ways. Different first names are never suggested."""
    merges: dict[str, Merge] = {}

    def into_which(a: str, b: str) -> tuple[str, str]:
        """(name, into): into the registered one, else the one with more articles, else the longer."""
        keep = max((a, b), key=lambda name: (name in registered, counts[name], len(name), name))
        return (b, a) if keep == a else (a, b)

    folded = {name: fold(name).split() for name in counts}
    by_first: dict[str, list[str]] = defaultdict(list)
    by_last: dict[str, list[str]] = defaultdict(list)  # full names (two words or more) by their last word
    for name in sorted(counts):
        by_first[folded[name][0]].append(name)
        if len(folded[name]) > 1:
            by_last[folded[name][-1]].append(name)
    for name in sorted(counts):
        words = folded[name]
        # Every rule below needs the same first word, or a last word shared with a full name: only those pairs.
        for other in sorted({*by_first[words[0]], *by_last[words[-1]]} - {name}):
            other_words = folded[other]
            if len(words) == 1 and len(other_words) > 1 and words[0] == other_words[-1]:
                if len(by_last[words[0]]) == 1 and name not in registered:
                    merges[name] = Merge(name, other, f"“{name}” is the surname of {other} ({counts[other]} articles)")
            elif len(words) > 1 and len(other_words) > len(words) and _without_middle(words, other_words):
                gone, kept = into_which(name, other)
                merges[gone] = Merge(gone, kept, f"the same first and last names, {_middle(name, other)} a middle name")
            elif len(words) > 1 and len(words) == len(other_words) and name < other:
                same_first = words[0] == other_words[0]
                if same_first and near(words[-1], other_words[-1]) and words[-1] != other_words[-1]:
                    gone, kept = into_which(name, other)
                    evidence = f"the same first name; surnames {_spelling(name, other)}"
                    merges.setdefault(gone, Merge(gone, kept, evidence))
    return sorted(merges.values(), key=lambda merge: (merge.into, merge.name))


def _without_middle(short: list[str], long: list[str]) -> bool:
    return short[0] == long[0] and short[-1] == long[-1]


def _middle(short: str, long: str) -> str:
    return f"one with and one without ({long} / {short})"


def _spelling(a: str, b: str) -> str:
    return f"spelt alike ({a.split()[-1]} / {b.split()[-1]})"


def accept(content_dir: Path, merges: list[Merge]) -> list[str]:
    """Record each merge in people.yml, keeping its comments and order; returns what was done, a line each."""
    path = content_dir / PEOPLE_FILE
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=2, offset=0)
    data = yaml.load(path.read_text(encoding="utf-8")) if path.exists() else None
    if data is None:
        data = CommentedSeq()
    done = []
    for merge in merges:
        entry = next((item for item in data if isinstance(item, dict) and item.get("name") == merge.into), None)
        if entry is None:
            entry = CommentedMap(name=merge.into)
            data.append(entry)
        aliases = entry.get("aliases")
        if aliases is None:
            aliases = CommentedSeq()
            aliases.fa.set_flow_style()
            entry["aliases"] = aliases
        if merge.name not in aliases:
            aliases.append(merge.name)
            done.append(f"{merge.name} → {merge.into}")
    text = io.StringIO()
    yaml.dump(data, text)
    write_atomically(path, text.getvalue().encode("utf-8"))
    return done


def survey(library: Library) -> tuple[list[str], list[Merge]]:
    """The listing `sitegen people` prints, a line a person (most articles first), and the merges it suggests."""
    counts = {name: len(articles) for name, articles in library.by_person.items()}
    registered = set(library.registry.people)
    width = len(str(max(counts.values(), default=0)))
    lines = [
        f"{counts[name]:>{width}}  {name}{'' if name in registered else '  (not in people.yml)'}"
        for name in sorted(counts, key=lambda name: (-counts[name], name))
    ]
    return lines, suggest_merges(counts, registered)
