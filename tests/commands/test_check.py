"""sitegen check: content problems, then links, orphans, the sitemap and the feeds of the built site."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.commands.check import atom_problems, check
from sitegen.commands.new import new_article
from sitegen.config import load_config
from sitegen.render.theme import THEME_DIR
from tests.conftest import FIXTURES, BuiltSite, sample_config, site_config, write_article


def messages(problems: list) -> list[str]:  # type: ignore[type-arg]
    return [f"{problem.file.name}: {problem.message}" for problem in problems]


def test_the_sample_archive_checks_clean_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample_config(tmp_path)
    shutil.copytree(THEME_DIR, tmp_path / "templates")
    assert main(["check", "--root", str(tmp_path), "--json", "--no-search"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {"ok": True, "errors": 0, "warnings": 0, "problems": []}


def test_shared_urls_and_spelling_variants_are_errors(tmp_path: Path) -> None:
    root = tmp_path / "site"
    shutil.copytree(FIXTURES / "golden-site", root)
    config = load_config(root).replace(templates=str(THEME_DIR), search=False)
    assert sorted(messages(check(config))) == [
        "storm-warning-evening.md: has the same date and slug as articles/2025/06/storm-warning.md "
        "(2025-06-03/storm-warning); give one of them another slug",
        "storm-warning.md: 'Jose Perez' and 'José Pérez' differ only in spelling; "
        "make one an alias of the other in people.yml",
        "year-in-review.md: 'Cafe' and 'Café' differ only in spelling; make one an alias of the other in tags.yml",
    ]


def test_a_damaged_site_has_each_fault_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = sample_config(tmp_path, search=False)
    assert check(config) == []
    out = config.output_dir
    (out / "tags" / "kremlin" / "index.html").unlink()
    (out / "lost" / "index.html").parent.mkdir()
    (out / "lost" / "index.html").write_text("<p>nobody links here</p>")
    sitemap = (out / "sitemap-2025.xml").read_text(encoding="utf-8")
    (out / "sitemap-2025.xml").write_text(
        re.sub(r"<url><loc>[^<]*/2025/06/03/kremlin[^<]*</loc>.*?</url>", "", sitemap)
    )
    feed = (out / "feed.xml").read_text(encoding="utf-8")
    (out / "feed.xml").write_text(feed.replace("<updated>", "<updated>yesterday ", 1))

    found = messages(check(config, build_first=False))
    assert "lost: no page links here" not in found  # the page is lost/index.html
    assert "index.html: no page links here" in found
    assert any(message.endswith("the link /tags/kremlin/ leads to no file") for message in found)
    assert any(message.startswith("sitemap.xml: no sitemap lists the article http://localhost:8000/2025/06/03/kremlin")
               for message in found)  # fmt: skip
    assert any(message.startswith("feed.xml: the feed's updated 'yesterday") for message in found)

    assert main(["check", "--root", str(tmp_path), "--no-build", "--no-search"]) == 1
    assert "errors" in capsys.readouterr().out


def test_a_feed_missing_required_elements_is_not_valid_atom(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>relative</id>'
        "<updated>2025-06-03T12:30:00+03:00</updated><entry><title>e</title></entry></feed>"
    )
    assert [problem.message for problem in atom_problems(feed)] == [
        "the feed's id 'relative' is not an absolute IRI",
        "entry 1 must have exactly one non-empty id",
        "entry 1 must have exactly one non-empty updated",
        "entry 1 has no author, and neither has the feed",
        "entry 1 has neither an alternate link nor content",
    ]


def test_new_writes_a_dated_article_that_builds_and_never_overwrites(tmp_path: Path) -> None:
    config = site_config(tmp_path)
    first = new_article(config, "Mayor opens the new bridge", ["Helen Okafor"], "Local")
    second = new_article(config, "Mayor opens the new bridge", [], None)
    assert first.name == "mayor-opens-the-new-bridge.md" and second.name == "mayor-opens-the-new-bridge-2.md"
    assert first.parent == second.parent
    text = first.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Mayor opens the new bridge\ndate: ")
    assert "authors:\n- Helen Okafor\ncategory: Local\ntags: []\npeople: []\n" in text
    assert check(config) == []


def test_the_generated_archive_checks_clean(generated_site: BuiltSite) -> None:
    """Every link and asset of the 2,000-article archive resolves, nothing is orphaned, the feeds are valid."""
    assert check(generated_site.config, build_first=False) == []


def test_different_words_that_share_a_slug_are_not_spelling_variants(tmp_path: Path) -> None:
    site = tmp_path / "site"
    write_article(site / "content", "2024/01/a.md", "title: A\ndate: 2024-01-01\ntags: [Disney, Covid-19]")
    write_article(site / "content", "2024/01/b.md", "title: B\ndate: 2024-01-02\ntags: [Disney+, COVID 19]")
    config = site_config(site)
    assert messages(check(config)) == [
        "a.md: 'COVID 19' and 'Covid-19' differ only in spelling; make one an alias of the other in tags.yml",
    ]


def test_a_link_to_another_host_without_a_scheme_is_no_internal_link(tmp_path: Path) -> None:
    config = sample_config(tmp_path, search=False)
    assert check(config) == []
    page = config.output_dir / "lost.html"
    page.write_text('<p><a href="//doi.org/10.1118/1.3267037">paper</a> <a href="/missing/">gone</a></p>')
    found = messages(check(config, build_first=False))
    assert any(message.endswith("the link /missing/ leads to no file") for message in found)
    assert not any("doi.org" in message for message in found)
