"""The publishing workflow: it parses, has the shape GitHub Pages needs, and its build steps work when run here."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.commands.linkcheck import broken_links

from .conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
PAGES_URL = "https://owner.github.io/archive"  # what configure-pages gives a project site
# Steps not run here: the test suite is what runs this test.
NOT_RUN_HERE = {"Test"}


def workflow() -> dict[str, Any]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_the_workflow_publishes_to_pages_on_push_to_main() -> None:
    parsed = workflow()
    triggers = parsed.get("on", parsed.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert parsed["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = parsed["jobs"]["build"], parsed["jobs"]["deploy"]
    actions = [step["uses"].split("@")[0] for step in build["steps"] if "uses" in step]
    assert actions == [
        "actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/cache",
        "actions/upload-pages-artifact",
    ]  # fmt: skip
    names = [step.get("name") for step in build["steps"] if "run" in step]
    assert names == ["Set up", "Test", "Build", "Check"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]


def local_command(step: dict[str, Any]) -> str:
    """The step's command with the expressions GitHub would fill in filled in as for a project site."""
    command = step["run"].replace("${{ steps.pages.outputs.base_url }}", PAGES_URL)
    leftover = re.findall(r"\$\{\{.*?\}\}", command)
    assert not leftover, f"the step {step.get('name')} uses {leftover}, which this test cannot fill in"
    return command


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The repository's tracked files, as actions/checkout gives them, with this run's .venv beside them."""
    stamp = REPO / ".venv" / ".sitegen-installed"
    wanted = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != wanted:
        # Its Set up step would then reinstall the shared .venv from the copy, breaking it for this run.
        pytest.fail("pyproject.toml changed since .venv was set up: run `python3 dev.py setup` first")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (REPO / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, tmp_path / name)
    (tmp_path / ".venv").symlink_to(REPO / ".venv")
    return tmp_path


def test_the_build_steps_run_in_order_and_publish_a_site_under_the_pages_path(checkout: Path) -> None:
    for step in workflow()["jobs"]["build"]["steps"]:
        if "run" not in step or step.get("name") in NOT_RUN_HERE:
            continue
        environment = {**os.environ, **{key: str(value) for key, value in step.get("env", {}).items()}}
        result = subprocess.run(
            ["bash", "-e", "-c", local_command(step)], cwd=checkout, env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{step['name']} failed:\n{result.stdout}\n{result.stderr}"
    public = checkout / "public"
    assert 'href="/archive/static/style.' in (public / "index.html").read_text(encoding="utf-8")
    assert (public / "pagefind" / "2025" / "pagefind.js").is_file()
    assert broken_links(public, PAGES_URL + "/") == []
