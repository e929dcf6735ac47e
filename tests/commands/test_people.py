"""`sitegen people`: names with counts, merge suggestions with evidence, and --accept writing people.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.commands.people import Merge, suggest_merges
from tests.conftest import write_article

PEOPLE_YML = """# Who is who in this archive.
- name: Helen Okafor   # the mayor
  aliases: [Mayor Okafor]
  description: Mayor of Riverside.
# Coaches
- name: Jonas Lindqvist
"""


def article(content: Path, name: str, people: list[str]) -> None:
    front = f"title: {name}\ndate: 2025-01-0{len(name) % 9 + 1}T10:00:00+00:00\npeople: [{', '.join(people)}]\n"
    write_article(content, f"{name}.md", front)


def test_merges_are_suggested_with_evidence_and_two_first_names_never_merge() -> None:
    counts = {"Vladimir Putin": 5, "Putin": 2, "Volodymyr Zelensky": 4, "Volodymyr Zelenskiy": 1,
              "Elizabeth Anne Warwick": 1, "Elizabeth Warwick": 3, "Boris Johnson": 2, "Jo Johnson": 1}  # fmt: skip
    merges = {merge.name: merge for merge in suggest_merges(counts, {"Volodymyr Zelensky"})}
    assert merges["Putin"].into == "Vladimir Putin" and "surname" in merges["Putin"].evidence
    assert merges["Volodymyr Zelenskiy"].into == "Volodymyr Zelensky"
    assert merges["Elizabeth Anne Warwick"].into == "Elizabeth Warwick"
    assert "middle name" in merges["Elizabeth Anne Warwick"].evidence
    assert not {"Boris Johnson", "Jo Johnson"} & set(merges)
    assert all(isinstance(merge, Merge) and merge.evidence for merge in merges.values())


def test_people_lists_counts_marks_unregistered_and_accept_keeps_comments(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "people.yml").write_text(PEOPLE_YML, encoding="utf-8")
    article(content, "a", ["Helen Okafor", "Tomas Brennan"])
    article(content, "bb", ["Helen Okafor", "Brennan"])
    article(content, "ccc", ["Tomas Brennan"])
    assert main(["people", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2  Helen Okafor\n" in out and "2  Tomas Brennan  (not in people.yml)" in out
    assert "Brennan → Tomas Brennan: “Brennan” is the surname of Tomas Brennan (2 articles)" in out

    assert main(["people", "--root", str(tmp_path), "--accept"]) == 0
    assert "people.yml: 1 alias(es) added\n  Brennan → Tomas Brennan" in capsys.readouterr().out
    written = (content / "people.yml").read_text(encoding="utf-8")
    assert written.startswith(PEOPLE_YML)  # comments, order and the entries as they were
    assert "- name: Tomas Brennan\n  aliases: [Brennan]\n" in written
    assert main(["people", "--root", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "3  Tomas Brennan\n" in out and "Suggested merges" not in out  # the build now merges the two
