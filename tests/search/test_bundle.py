import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import cbor2

from sitegen.search.bundle import SIGNATURE, canonicalise
from tests.conftest import BuiltSite, tree_files


def raw_bundle(site: Path, into: Path) -> Path:
    command = [sys.executable, "-m", "pagefind_bin", "--site", str(site), "--output-path", str(into)]
    subprocess.run(command, check=True, capture_output=True)
    return into


def reverse_every_filter(bundle: Path) -> None:
    """Write each filter's values in reverse order under the same name, as another Pagefind run might."""
    for path in (bundle / "filter").glob("*.pf_filter"):
        name, values = cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])
        path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps([name, values[::-1]])))


def test_filter_order_does_not_change_the_bundle(sample_site: BuiltSite, tmp_path: Path) -> None:
    first = raw_bundle(sample_site.out, tmp_path / "first")
    second = tmp_path / "second"
    shutil.copytree(first, second)
    reverse_every_filter(second)
    assert tree_files(first) != tree_files(second)
    canonicalise(first)
    canonicalise(second)
    assert tree_files(first) == tree_files(second)


def test_the_entry_points_at_the_renamed_metadata_and_filters(sample_site: BuiltSite, tmp_path: Path) -> None:
    bundle = raw_bundle(sample_site.out, tmp_path / "bundle")
    canonicalise(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta_hash = entry["languages"]["en"]["hash"]
    meta = cbor2.loads(gzip.decompress((bundle / f"pagefind.{meta_hash}.pf_meta").read_bytes())[len(SIGNATURE) :])
    filters = dict(meta[3])
    assert sorted(filters) == ["person", "section", "tag", "year"]
    assert {f"{value}.pf_filter" for value in filters.values()} == {p.name for p in (bundle / "filter").iterdir()}
    assert len(list(bundle.glob("*.pf_meta"))) == 1
