"""precompress = true: a .gz and a .br beside each text file, made again only for the files a rebuild changed."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import pytest

from sitegen.build import build
from sitegen.config import Config
from sitegen.output.precompress import COMPRESSED

from ..conftest import sample_config


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return sample_config(tmp_path / "site", precompress=True)


def _files(out: Path) -> dict[str, os.stat_result]:
    return {path.relative_to(out).as_posix(): path.stat() for path in out.rglob("*") if path.is_file()}


def test_each_text_file_gets_a_gz_and_a_br_of_its_bytes_and_no_other_file_does(config: Config) -> None:
    build(config)
    out = config.output_dir
    files = _files(out)
    texts = [name for name in files if name.endswith(COMPRESSED)]
    assert {"index.html", "sitemap.xml", "feed.xml"} <= set(texts)
    assert any(name.startswith("pagefind/") and name.endswith(".json") for name in texts)
    for name in texts:
        data = (out / name).read_bytes()
        assert gzip.decompress((out / f"{name}.gz").read_bytes()) == data, name
        assert brotli.decompress((out / f"{name}.br").read_bytes()) == data, name
    compressed = {name.removesuffix(".gz") for name in files if name.endswith(".gz")}
    assert compressed == set(texts)  # not Pagefind's compressed index files, the icon, robots.txt or _headers
    assert len([name for name in files if name.endswith(".br")]) == len(texts)


def test_a_rebuild_compresses_only_the_files_it_changed(config: Config) -> None:
    build(config)
    before = _files(config.output_dir)
    article = next((config.content_dir / "articles").rglob("*.md"))
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build(config)
    after = _files(config.output_dir)

    def changed(suffix: str = "") -> set[str]:
        return {
            name.removesuffix(suffix)
            for name in after
            if name.endswith(suffix or COMPRESSED)
            and (name not in before or after[name].st_mtime_ns != before[name].st_mtime_ns)
        }

    assert changed() and len(changed()) < len([name for name in after if name.endswith(COMPRESSED)]) / 2
    assert changed(".gz") == changed(".br") == changed()
    texts = {name for name in after if name.endswith(COMPRESSED)}
    assert {name.removesuffix(".gz") for name in after if name.endswith(".gz")} == texts  # the others' are kept
    assert {name.removesuffix(".br") for name in after if name.endswith(".br")} == texts


def test_the_same_site_gives_the_same_compressed_bytes_and_turning_it_off_removes_them(config: Config) -> None:
    build(config)
    other = config.replace(output=str(config.root / "other"))
    build(other, use_cache=False)
    for name in ("index.html.gz", "index.html.br", "sitemap.xml.gz"):
        assert (config.output_dir / name).read_bytes() == (other.output_dir / name).read_bytes()
    build(config.replace(precompress=False))
    assert not [name for name in _files(config.output_dir) if name.endswith((".gz", ".br"))]
