"""Front-matter read without the YAML parser must be exactly what PyYAML reads, or be left to it."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from sitegen.content.flat_yaml import FlatReader
from sitegen.content.frontmatter import _Loader, serialise, split

FLAT = FlatReader(_Loader.yaml_implicit_resolvers)

# Words, values of other types than strings, and every character that means something to YAML.
TRICKY = [
    *" \t-?:,[]{}#&*!|>'\"%@`\\=<~.+_\x00\x85\u2028\ufeff\u00e9",
    "yes",
    "No",
    "null",
    "~",
    "1.5",
    "0x1F",
    "12:30",
]
WORDS = ["news", "Kyiv", "O'Neil", "don’t", "2024", "3 June", "“quoted”", "x", "a b"]
KEYS = ["title", "tags", "yes", "null", "a_b", "1", "<<", "=", "two words", "x" * 1100, "title"]
VALUE = st.lists(st.sampled_from(TRICKY + WORDS), min_size=0, max_size=8).map("".join)
LINE = st.tuples(
    st.sampled_from(KEYS),
    st.sampled_from([": ", ":", ":  "]),
    st.one_of(
        VALUE,
        st.lists(VALUE, max_size=4).map(lambda items: f"[{', '.join(items)}]"),
        st.tuples(st.sampled_from(["", " ", "  "]), st.lists(VALUE, max_size=3)).map(
            lambda block: "".join(f"\n{block[0]}- {item}" for item in block[1])
        ),
    ),
).map("".join)


def parsed(text: str) -> object:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as error:
        return error


@given(st.lists(LINE, min_size=1, max_size=5).map("\n".join))
@example("title: 'Brexit: what''s next'")
@example("tags: [Riverside, Flooding, City council]")
@example("title: a: b")
@example("title: x #y")
@example("title: 'a' 'b'")
@example("tags: [a,b]")
@example("tags: [a, ]")
@example("date: 2019-01-31T19:28:00+03:00")
@example("tags:\n- a\n- 'b: c'\ntitle: x")
@example("tags:\n  - a\n  - b")
@example("tags:\n  - a\n- b")
@example("tags:\n- a\n  b")
def test_what_is_read_flat_is_what_yaml_reads(text: str) -> None:
    meta = FLAT.read(text)
    assert meta is None or meta == parsed(text)


NAMES = st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join)
SENTENCES = st.lists(st.sampled_from([*WORDS, ":", ",", "'", "#", "—", "é", "Yes"]), min_size=1, max_size=12).map(
    " ".join
)


@given(
    st.fixed_dictionaries(
        {
            "title": SENTENCES,
            "date": st.just("2024-11-17T21:40:00+03:00"),
            "authors": st.lists(NAMES, max_size=2),
            "category": NAMES,
            "tags": st.lists(NAMES, max_size=4),
            "people": st.lists(NAMES, max_size=4),
            "summary": SENTENCES,
            "slug": st.just("rovers-win-derby"),
        }
    )
)
def test_front_matter_as_sitegen_writes_it_is_read_flat(meta: dict[str, object]) -> None:
    meta_text = split(serialise(meta, "Body."))[0]
    assert FLAT.read(meta_text) == meta


@pytest.mark.parametrize(
    "text",
    ["title: yes", "count: 12", "title: x #y", "title:", "a: 1\n\nb: 2", "a: x\na: y", "nested:\n  a: b",
     "title: \"double\"", "a: 'x'#", "tags: [a, 'b']", "title: a\tb", "- a", "title: multi\n  line",
     "tags:", "tags:\n-", "tags:\n- - a", "tags:\n- a: b", "tags:\n - a\n  - b"],
)  # fmt: skip
def test_anything_but_a_flat_mapping_of_strings_is_left_to_yaml(text: str) -> None:
    assert FLAT.read(text) is None
