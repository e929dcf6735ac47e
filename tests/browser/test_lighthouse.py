"""Lighthouse (from the npm registry, run by lighthouse.mjs beside this file) over every page kind of the sample
archive, as a phone on a throttled network sees it: at least 95 in each of its four categories."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.browser.conftest import CHROMIUM, REPO, Archive, BuiltSite, page_kinds

pytestmark = pytest.mark.browser

LIGHTHOUSE = REPO / "node_modules" / "lighthouse"
SCRIPT = Path(__file__).with_name("lighthouse.mjs")
LEAST = 0.95


def test_every_page_kind_scores_at_least_95_in_every_category(sample_site: BuiltSite, sample_url: str) -> None:
    if not LIGHTHOUSE.is_dir():
        pytest.fail(f"{LIGHTHOUSE} is missing: run the tests with `python3 dev.py test`, which installs Lighthouse")
    kinds = page_kinds(Archive("sample", sample_site, sample_url, "Riverside"))
    urls = {sample_url + path: kind for kind, path in kinds.items()}
    run = subprocess.run(
        ["node", str(SCRIPT), str(CHROMIUM), *urls], capture_output=True, text=True, timeout=900, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    low = [
        f"{urls[url]}: {category} {score} (lost points: {', '.join(result['lost'])})"
        for url, result in report.items()
        for category, score in result["scores"].items()
        if score is None or score < LEAST
    ]
    assert sorted(report) == sorted(urls)
    assert low == []
