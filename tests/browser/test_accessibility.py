"""axe-core (from the npm registry) in Chromium over every page kind, light and dark, on both archives."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.conftest import REPO, Archive, page_kinds, visit

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SEVERE = ("serious", "critical")


def axe_source() -> str:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run the tests with `python3 dev.py test`, which installs axe-core")
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_page_kind_has_a_serious_accessibility_violation(browser: Browser, archive: Archive, scheme: str) -> None:
    source = axe_source()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    found = []
    for kind, path in page_kinds(archive).items():
        visit(page, archive.url + path)
        if kind == "search":
            page.wait_for_selector("[data-result]")
        page.evaluate(source)  # evaluated through DevTools, so the site's CSP does not apply to it
        result = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
        for violation in result["violations"]:
            if violation["impact"] in SEVERE:
                targets = [node["target"] for node in violation["nodes"][:3]]
                found.append(f"{kind}: {violation['id']} ({violation['impact']}) at {targets}")
    context.close()
    assert found == []
