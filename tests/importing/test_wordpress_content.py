"""A WordPress post's content as Markdown: block comments, blank-line paragraphs, shortcodes."""

from __future__ import annotations

from sitegen.importing.readers.wordpress import Attachments, post_markdown

MEDIA = Attachments(
    urls={"5": "https://example.org/a.jpg", "6": "https://example.org/b.png", "7": "https://example.org/c.mp3"},
    children={"9": ["5", "6", "7"]},
)


def markdown(content: str) -> str:
    return post_markdown(content, "9", MEDIA).markdown


def test_block_editor_comments_go_and_their_html_becomes_markdown() -> None:
    content = "<!-- wp:heading -->\n<h2>Next</h2>\n<!-- /wp:heading -->\n\n<!-- wp:paragraph -->\n<p>Text.</p>\n"
    assert markdown(content + "<!-- /wp:paragraph -->") == "## Next\n\nText."


def test_classic_blank_lines_are_paragraphs_and_a_single_line_break_is_kept() -> None:
    assert markdown("One line\nits next line\n\nA new paragraph") == "One line\\\nits next line\n\nA new paragraph"


def test_a_preformatted_block_keeps_its_blank_lines() -> None:
    assert markdown("Before\n\n<pre>first\n\nsecond</pre>") == "Before\n\n```\nfirst\n\nsecond\n```"


def test_a_caption_shortcode_becomes_the_image_and_its_caption() -> None:
    content = '[caption id="attachment_5"]<img src="https://example.org/a.jpg" alt="Pier" /> The pier[/caption]'
    assert markdown(content) == "![Pier](https://example.org/a.jpg)\n\n*The pier*"


def test_an_old_caption_shortcode_with_the_caption_as_an_attribute() -> None:
    content = '[caption id="attachment_5" caption="The pier"]<img src="https://example.org/a.jpg" alt="" />[/caption]'
    assert markdown(content) == "![](https://example.org/a.jpg)\n\n*The pier*"


def test_a_gallery_lists_its_images_by_id_or_else_the_posts_own() -> None:
    assert markdown('[gallery ids="6,5"]') == "- ![](https://example.org/b.png)\n- ![](https://example.org/a.jpg)"
    assert markdown("[gallery]") == "- ![](https://example.org/a.jpg)\n- ![](https://example.org/b.png)"


def test_embeds_audio_and_a_link_alone_on_its_line_become_links() -> None:
    content = "[embed]https://video.example/v/1[/embed]\n\n[audio https://example.org/c.mp3]\n\nhttps://x.example/p"
    expected = "<https://video.example/v/1>\n\n<https://example.org/c.mp3>\n\n<https://x.example/p>"
    assert markdown(content) == expected


def test_another_shortcode_goes_with_a_warning_and_its_text_stays() -> None:
    converted = post_markdown("[pullquote]Bridges for all[/pullquote]\n\nCosts [sic] rose [1].", "9", MEDIA)
    assert converted.markdown == "Bridges for all\n\nCosts [sic] rose [1]."
    assert converted.warnings == ["the shortcode [pullquote] was removed, its text kept"]


def test_the_more_mark_stays_and_the_page_break_goes() -> None:
    assert markdown("Lead.<!--more-->\n\nRest.<!--nextpage-->\n\nPage two.") == (
        "Lead.\n\n<!-- more -->\n\nRest.\n\nPage two."
    )


def test_a_link_to_an_attachments_page_leads_to_its_file() -> None:
    media = Attachments(urls=MEDIA.urls, pages={"https://example.org/2021/pier/photo/": "https://example.org/a.jpg"})
    converted = post_markdown('See <a href="https://example.org/2021/pier/photo">the photo</a>.', "9", media)
    assert converted.markdown == "See [the photo](https://example.org/a.jpg)."
