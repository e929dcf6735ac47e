"""Property tests of the front-matter round trip and of slugs, over generated data."""

from __future__ import annotations

import re
import string

from hypothesis import given
from hypothesis import strategies as st

from sitegen.content.frontmatter import parse, serialise
from sitegen.content.normalise import SLUG_MAX_LENGTH, slug
from sitegen.site.routes import RESERVED_SLUGS, _unique_slugs

KEYS = st.text(alphabet=string.ascii_letters + "_", min_size=1, max_size=12)
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**12), 10**12), st.text(max_size=60),
    st.floats(allow_nan=False, allow_infinity=False),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12
)
FRONT_MATTER = st.dictionaries(KEYS, VALUES, max_size=8)
BODIES = st.text(max_size=200).map(lambda body: body.replace("\r", "").lstrip("\n"))
SAFE_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@given(meta=FRONT_MATTER, body=BODIES)
def test_parse_of_serialise_gives_the_same_data(meta: dict[str, object], body: str) -> None:
    document = parse(serialise(meta, body))
    assert document.meta == meta
    assert list(document.meta) == list(meta)
    assert document.body.lstrip("\n") == body


@given(title=st.text(max_size=300))
def test_a_slug_is_always_safe_short_and_stable(title: str) -> None:
    made = slug(title)
    assert SAFE_SLUG.match(made), made
    assert len(made) <= SLUG_MAX_LENGTH
    assert ".." not in made and "/" not in made and "\0" not in made
    assert slug(title) == made


@given(names=st.lists(st.text(max_size=30), max_size=30, unique=True))
def test_slugs_are_unique_within_a_build_and_never_reserved(names: list[str]) -> None:
    slugs = _unique_slugs(names)
    assert len(set(slugs.values())) == len(names)
    assert not set(slugs.values()) & RESERVED_SLUGS
    assert all(SAFE_SLUG.match(made) for made in slugs.values())


def test_reserved_names_get_a_suffix() -> None:
    assert _unique_slugs(["Page", "CON", "nul", "Com1", "Lpt9", "Console"]) == {
        "CON": "con-2", "Com1": "com1-2", "Console": "console", "Lpt9": "lpt9-2", "Page": "page-2", "nul": "nul-2",
    }  # fmt: skip
