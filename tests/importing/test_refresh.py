"""`sitegen import --refresh`: people and tags of existing articles follow people.yml, nothing else changes."""

from __future__ import annotations

from pathlib import Path

from sitegen.cli import main
from sitegen.content.frontmatter import parse
from sitegen.importing.article_file import article_text, is_edited
from tests.conftest import write_article

from .test_import_extract import site_with_sample_registry
from .test_importer import SEED

HAND_WRITTEN = """title: Harbour report
date: 2025-01-05T10:00:00+00:00
# the editor's note stays
people: [Zelenskiy, Helen Okafor]
tags: [US]
summary: A report.
"""


def test_refresh_applies_an_accepted_alias_to_imported_and_hand_written_articles(tmp_path: Path) -> None:
    root = site_with_sample_registry(tmp_path)
    assert main(["import", str(SEED), "--root", str(root), "--now", "2026-11-24", "--no-extract"]) == 0
    [imported] = (root / "content" / "articles").rglob("*.md")
    text = imported.read_text(encoding="utf-8")
    imported.write_text(text.replace("people: []", "people:\n- Peskov\n- Putin"), encoding="utf-8")
    hand = write_article(root / "content", "2025/01/harbour-report.md", HAND_WRITTEN)
    imported.write_text(_reimported(imported.read_text(encoding="utf-8")), encoding="utf-8")

    assert main(["import", "--refresh", "--root", str(root)]) == 0
    meta = parse(imported.read_text(encoding="utf-8")).meta
    assert meta["people"][:2] == ["Dmitry Peskov", "Vladimir Putin"]
    assert not is_edited(imported.read_text(encoding="utf-8")), "import_hash renewed: still known as unedited"
    hand_text = hand.read_text(encoding="utf-8")
    expected = HAND_WRITTEN.replace("[Zelenskiy, Helen Okafor]", "[Volodymyr Zelensky, Helen Okafor]")
    assert hand_text.startswith("---\n" + expected.replace("tags: [US]", "tags: [United States]"))

    before = {path: path.read_bytes() for path in (imported, hand)}
    assert main(["import", "--refresh", "--root", str(root)]) == 0
    assert {path: path.read_bytes() for path in (imported, hand)} == before  # nothing left to change


def _reimported(text: str) -> str:
    """The text signed again as import would sign it, as if import had written these people."""
    document = parse(text)
    return article_text(document.meta, document.body)
