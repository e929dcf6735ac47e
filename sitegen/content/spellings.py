"""People and tags written two ways: names alike but for case, accents, spaces, hyphens or apostrophes.

Each gets a page of its own, where one was meant. `sitegen check` reports them as errors, and `sitegen build`
counts them among its warnings, so that a build's summary says what check would.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from sitegen.content.library import Library
from sitegen.content.normalise import spelling_key
from sitegen.problems import Problem


def spelling_variants(library: Library, content_dir: Path) -> Iterator[Problem]:
    """People or tags whose names differ only in case, accents, spaces, hyphens or apostrophes: one page each,
    where one is meant."""
    for kind, index, registry in (("people", library.by_person, "people.yml"), ("tags", library.by_tag, "tags.yml")):
        groups: dict[str, list[str]] = defaultdict(list)
        for name in index:
            groups[spelling_key(name)].append(name)
        for names in groups.values():
            if len(names) > 1:
                first_file = index[names[1]][-1].file
                listed = " and ".join(repr(name) for name in names)
                message = f"{listed} differ only in spelling; make one an alias of the other in {registry}"
                yield Problem(content_dir / first_file, message, field=kind)
