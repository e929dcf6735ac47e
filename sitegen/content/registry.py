"""content/people.yml and content/tags.yml: the canonical names of people and tags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sitegen.content import normalise
from sitegen.content.model import Person, Registry
from sitegen.problems import Problem

PEOPLE_FILE = "people.yml"
TAGS_FILE = "tags.yml"


def load_registry(content_dir: Path) -> tuple[Registry, list[Problem]]:
    """Both registries; a broken one is reported and left out, so the site still builds."""
    problems: list[Problem] = []
    people = _load(content_dir / PEOPLE_FILE, _people, problems) or []
    aliases, keywords = _load(content_dir / TAGS_FILE, _tag_rules, problems) or ({}, {})
    return Registry.of(people, aliases, keywords), problems


def _load(path: Path, reader: Any, problems: list[Problem]) -> Any:
    if not path.exists():
        return None
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(path, "not UTF-8 text; save it as UTF-8"))
        return None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problems.append(Problem(path, f"not valid YAML: {getattr(error, 'problem', error)}", line))
        return None
    try:
        return reader(data)
    except ValueError as error:
        problems.append(Problem(path, f"{error}; it is left out of this build"))
        return None


def _people(data: Any) -> list[Person]:
    """people.yml is a list of entries: name, aliases, description, image."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise ValueError("people.yml must be a list of entries, each with a name")
    people: list[Person] = []
    owner: dict[str, str] = {}
    for number, entry in enumerate(data, start=1):
        if isinstance(entry, str):
            entry = {"name": entry}
        if not isinstance(entry, dict) or not entry.get("name"):
            raise ValueError(f"entry {number} has no name")
        unknown = sorted(set(entry) - {"name", "aliases", "description", "image"})
        if unknown:
            raise ValueError(f"entry {number} ({entry['name']}): unknown key(s) {', '.join(unknown)}")
        try:
            person = Person(
                name=normalise.text(entry["name"]),
                aliases=normalise.name_list(entry.get("aliases")),
                description=normalise.optional_text(entry.get("description")),
                image=normalise.optional_text(entry.get("image")),
            )
        except normalise.FieldError as error:
            raise ValueError(f"entry {number} ({entry['name']}): {error}") from error
        for spelling in (person.name, *person.aliases):
            claimed = owner.setdefault(spelling.casefold(), person.name)
            if claimed != person.name:
                raise ValueError(f"{spelling!r} is given for both {claimed} and {person.name}")
        people.append(person)
    return people


def _tag_rules(data: Any) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """tags.yml maps each canonical tag to a list of its aliases, or to `aliases:` and `keywords:` lists.

    Returns alias -> tag, and tag -> the keywords whose presence in an article's text earns it the tag.
    """
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise ValueError("tags.yml must map each canonical tag to a list of its aliases")
    aliases: dict[str, str] = {}
    keywords: dict[str, tuple[str, ...]] = {}
    for tag, entry in data.items():
        canonical = normalise.text(tag)
        if isinstance(entry, dict):
            unknown = sorted(set(entry) - {"aliases", "keywords"})
            if unknown:
                raise ValueError(
                    f"{canonical}: unknown key(s) {', '.join(map(str, unknown))}; use aliases and keywords"
                )
            spellings, words = entry.get("aliases"), entry.get("keywords")
        else:
            spellings, words = entry, None
        for alias in normalise.name_list(spellings):
            claimed = aliases.setdefault(alias, canonical)
            if claimed != canonical:
                raise ValueError(f"alias {alias!r} is given for both {claimed} and {canonical}")
        if words:
            keywords[canonical] = normalise.name_list(words)
    return aliases, keywords
