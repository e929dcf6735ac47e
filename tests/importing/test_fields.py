"""A draft's text fields as the front-matter keeps them: entities, white space, tags, authors."""

from __future__ import annotations

import pytest

from sitegen.importing.fields import clean_authors, clean_draft, clean_text, split_tags
from sitegen.importing.readers import Draft


def test_entities_are_decoded_once_and_white_space_is_single_spaces() -> None:
    assert clean_text("We needed this&nbsp;game&#8221;  \n  &amp;amp;") == "We needed this game” &amp;"


def test_keyword_strings_become_tags_without_their_prefixes() -> None:
    assert split_tags(["Amazon,black Friday;Natale", "Category: The Elder Scrolls,Category: Games", "LLVM \\\\"]) == (
        "Amazon", "black Friday", "Natale", "The Elder Scrolls", "Games", "LLVM",
    )  # fmt: skip
    assert split_tags(["China", "china", "CHINA"]) == ("China",)
    assert split_tags(["Disney", "Disney+"]) == ("Disney", "Disney+")  # two words, though one slug


@pytest.mark.parametrize(
    "byline, names",
    [
        ("By STEVE PEOPLES, AP National Political Writer", ("Steve Peoples",)),
        ("Ilana Muhlstein, MS, RDN", ("Ilana Muhlstein",)),
        ("Detroit News wire services Published Nov. 3, 2019", ("Detroit News wire services",)),
        ("November", ()),
        ("Author, First; Author, Second", ("First Author", "Second Author")),
        ("Helen Okafor and Tomás Brennan", ("Helen Okafor", "Tomás Brennan")),
        ("Priya Raman & Jo Lee", ("Priya Raman", "Jo Lee")),
        ("Theresa May", ("Theresa May",)),
        ("Lindsey O&#039;Donnell", ("Lindsey O'Donnell",)),
        ("Helen Okafor, Tomás Brennan", ("Helen Okafor", "Tomás Brennan")),
        ("Jo Lee, Senior Correspondent", ("Jo Lee",)),
        ("View all posts by Ada Brennan", ("Ada Brennan",)),
        ("Autor: Katrin Albers", ("Katrin Albers",)),
        ("von Katrin Albers", ("Katrin Albers",)),
        ("Von Miller", ("Von Miller",)),  # a name, capitalised
    ],
)
def test_a_byline_gives_its_names_alone(byline: str, names: tuple[str, ...]) -> None:
    assert clean_authors([byline]) == names


def test_breadcrumb_marks_leave_a_tag_and_a_keyword_that_is_the_headline_is_no_tag() -> None:
    assert split_tags(["› Cakes", "Baking »"]) == ("Cakes", "Baking")
    draft = clean_draft(Draft("How oil forms", "Text.\n", tags=("How oil forms", "Geology")))
    assert draft.tags == ("Geology",)
