"""Template code and reference-style links in Markdown posts (readers/template_code.py, reference_links.py)."""

from __future__ import annotations

import pytest

from sitegen.importing.readers.reference_links import inline_references
from sitegen.importing.readers.template_code import without_template_code


@pytest.mark.parametrize(
    ("code", "markdown"),
    [
        ("[About]({{ site.baseurl }}/about/)", "[About](/about/)"),
        ("{% raw %}Print {{ page.title }}.{% endraw %}", "Print {{ page.title }}."),
        ("{% highlight go %}\nfmt.Println()\n{% endhighlight %}", "```go\nfmt.Println()\n```"),
        ("[Earlier]({% post_url 2019-05-15-four-years %})", "[Earlier](2019-05-15-four-years.md)"),
        ("Text.{% comment %} a note to self {% endcomment %}", "Text."),
        ('{{< figure src="gate.jpg" alt="The gate" caption="In March" >}}', "![The gate](gate.jpg)\n\n*In March*"),
        ("{{< youtube 2xkNJL4gJ9E >}}", "<https://www.youtube.com/watch?v=2xkNJL4gJ9E>"),
        ('{{< tweet user="harbour" id="123" >}}', "<https://twitter.com/harbour/status/123>"),
        ('[The walk]({{< ref "posts/walk.md" >}})', "[The walk](posts/walk.md)"),
        ('{{< link "https://example.org/tide" "Tide tables" >}}', "[Tide tables](https://example.org/tide)"),
        ('{{ image(src="ferry.jpg", alt="The ferry") }}', "![The ferry](ferry.jpg)"),
        ("Write `{{</* figure */>}}`.", "Write `{{< figure >}}`."),
    ],
)
def test_template_code_that_showed_content_becomes_that_content(code: str, markdown: str) -> None:
    body, warnings = without_template_code(code)
    assert (body.strip("\n"), warnings) == (markdown, [])  # an image stands as a paragraph of its own


def test_other_template_code_is_removed_with_a_warning_and_a_pairs_text_is_kept() -> None:
    body, warnings = without_template_code(
        "Code at {{ site.repository }}.\n\n{{< notice >}}\nKept.\n{{< /notice >}}\n\n{% note() %}\nAlso.\n{% end %}\n"
    )
    assert body == "Code at .\n\nKept.\n\nAlso.\n"
    assert warnings == [
        "the template code {% note() %} was removed (the text between a pair is kept)",
        "the template code {{ site.repository }} was removed (the text between a pair is kept)",
        "the template code {{< notice >}} was removed (the text between a pair is kept)",
    ]


def test_template_code_in_code_blocks_is_what_the_post_explains_and_stays() -> None:
    body = "```liquid\n{{ page.title }} {% if x %}\n```\n\nInline `{{ site.url }}` too.\n"
    assert without_template_code(body) == (body, [])


def test_reference_links_are_written_inline_and_their_definitions_go() -> None:
    body = (
        "[Rust 1.34][release] is out; see [the Notes] and ![logo][].\n\n"
        "`[code][release]` and [unknown][nope] stay, as does a footnote[^1].\n\n"
        '[release]: https://example.org/rust-1.34 "Rust 1.34"\n[the notes]: <https://example.org/notes>\n'
        "[logo]: /logo.png\n[^1]: A footnote.\n"
    )
    assert inline_references(body) == (
        '[Rust 1.34](https://example.org/rust-1.34 "Rust 1.34") is out; see [the Notes](https://example.org/notes) '
        "and ![logo](/logo.png).\n\n"
        "`[code][release]` and [unknown][nope] stay, as does a footnote[^1].\n\n[^1]: A footnote.\n"
    )
