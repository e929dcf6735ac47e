"""Both publishing workflows: sitegen's own (test, then publish the sample) and the one `sitegen init` writes for a
user's site. Each parses, has the shape GitHub Pages needs, and its build steps work when run here, in order."""

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

from sitegen.commands.init import init_site
from sitegen.commands.linkcheck import broken_links

from .conftest import REPO

OWN_WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
SITE_WORKFLOW = REPO / "sitegen" / "scaffold" / "publish.yml"
PAGES_URL = "https://owner.github.io/archive"  # what configure-pages gives a project site
# Steps not run here: the test suite is what runs this test, and installing would replace the .venv it runs in
# (the wheel's own test installs it, in tests/packaging/); the .venv's sitegen stands in for the installed one.
NOT_RUN_HERE = {"Test", "Install sitegen"}
BUILD_ACTIONS = [
    "actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/cache",
    "actions/upload-pages-artifact",
]  # fmt: skip


def workflow(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _actions(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def _run_steps(job: dict[str, Any]) -> list[str]:
    return [step.get("name") for step in job["steps"] if "run" in step]


def _caches_output_and_cache(job: dict[str, Any]) -> bool:
    cache = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/cache"))
    return cache["with"]["path"].split() == ["public", ".sitegen-cache"]


def test_sitegen_s_workflow_tests_then_publishes_the_sample_only_after_the_tests_pass() -> None:
    parsed = workflow(OWN_WORKFLOW)
    triggers = parsed.get("on", parsed.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    test, build, deploy = parsed["jobs"]["test"], parsed["jobs"]["build"], parsed["jobs"]["deploy"]
    assert _run_steps(test) == ["Set up", "Test"]
    assert build["needs"] == "test" and "pull_request" in build["if"]
    assert _actions(build) == BUILD_ACTIONS and _caches_output_and_cache(build)
    assert _run_steps(build) == ["Install sitegen", "Build", "Check"]
    assert deploy["needs"] == "build" and _actions(deploy) == ["actions/deploy-pages"]


def test_a_new_site_s_workflow_installs_builds_checks_and_deploys_and_runs_no_tests(tmp_path: Path) -> None:
    init_site(tmp_path / "news", "Riverside News")
    written = tmp_path / "news" / ".github" / "workflows" / "publish.yml"
    assert written.read_text() == SITE_WORKFLOW.read_text()
    parsed = workflow(written)
    assert parsed["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = parsed["jobs"]["build"], parsed["jobs"]["deploy"]
    assert _actions(build) == BUILD_ACTIONS and _caches_output_and_cache(build)
    python = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["cache"] == "pip" and python["with"]["cache-dependency-path"] == "requirements.txt"
    assert _run_steps(build) == ["Install sitegen", "Build", "Check"]
    install = next(step["run"] for step in build["steps"] if step.get("name") == "Install sitegen")
    assert install == "pip install -r requirements.txt" and (tmp_path / "news" / "requirements.txt").is_file()
    assert deploy["needs"] == "build" and _actions(deploy) == ["actions/deploy-pages"]


def local_command(step: dict[str, Any]) -> str:
    """The step's command with the expressions GitHub would fill in filled in as for a project site."""
    command = step["run"].replace("${{ steps.pages.outputs.base_url }}", PAGES_URL)
    leftover = re.findall(r"\$\{\{.*?\}\}", command)
    assert not leftover, f"the step {step.get('name')} uses {leftover}, which this test cannot fill in"
    return command


def run_build_steps(job: dict[str, Any], folder: Path) -> None:
    """The job's commands in order, in folder, with the .venv's sitegen on the path as the installed one."""
    path = f"{REPO / '.venv' / 'bin'}{os.pathsep}{os.environ['PATH']}"
    for step in job["steps"]:
        if "run" not in step or step.get("name") in NOT_RUN_HERE:
            continue
        environment = {**os.environ, "PATH": path, **{key: str(value) for key, value in step.get("env", {}).items()}}
        result = subprocess.run(
            ["bash", "-e", "-c", local_command(step)], cwd=folder, env=environment, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{step['name']} failed:\n{result.stdout}\n{result.stderr}"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    """The repository's tracked files, as actions/checkout gives them."""
    stamp = REPO / ".venv" / ".sitegen-installed"
    wanted = hashlib.sha256((REPO / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.is_file() or stamp.read_text() != wanted:
        pytest.fail("pyproject.toml changed since .venv was set up: run `python3 dev.py setup` first")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, files.decode().split("\0")):
        if (REPO / name).is_file():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, tmp_path / name)
    return tmp_path


def test_sitegen_s_build_steps_publish_the_sample_under_the_pages_path(checkout: Path) -> None:
    run_build_steps(workflow(OWN_WORKFLOW)["jobs"]["build"], checkout)
    public = checkout / "public"
    assert 'href="/archive/static/style.' in (public / "index.html").read_text(encoding="utf-8")
    assert (public / "pagefind" / "2024-2025" / "pagefind.js").is_file()
    assert broken_links(public, PAGES_URL + "/") == []


def test_a_new_site_s_build_steps_publish_it_and_a_second_run_with_the_cache_writes_nothing(tmp_path: Path) -> None:
    site = tmp_path / "news"
    init_site(site, "Riverside News")
    shutil.copytree(REPO / "content" / "articles", site / "content" / "articles", dirs_exist_ok=True)
    job = workflow(site / ".github" / "workflows" / "publish.yml")["jobs"]["build"]
    run_build_steps(job, site)
    assert broken_links(site / "public", PAGES_URL + "/") == []
    assert (site / ".sitegen-cache").is_dir()
    home = (site / "public" / "index.html").stat()
    run_build_steps(job, site)  # as the next push finds them, restored by actions/cache
    assert (site / "public" / "index.html").stat().st_mtime_ns == home.st_mtime_ns
