"""sitegen from an installed wheel, outside the repository: init, import, build, check and serve all work.

The wheel is built from the package's own files, installed without its dependencies into a fresh virtual
environment that finds them in the development one (a path file), so that the test needs no network; what is
tried is what the wheel itself carries: the code, the packaged theme and what `sitegen init` writes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import urllib.request
import venv
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh virtual environment with sitegen installed from its wheel."""
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    shutil.copytree(REPO / "sitegen", source / "sitegen", ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run(
        [*pip, "wheel", str(source), "--no-deps", "--no-build-isolation", "-w", str(root / "dist")], check=True
    )
    (wheel,) = (root / "dist").glob("sitegen-*.whl")
    environment = root / "venv"
    venv.create(environment, with_pip=True)
    site_packages = Path(subprocess.run(
        [str(environment / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True, capture_output=True, text=True,
    ).stdout.strip())  # fmt: skip
    (site_packages / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run(
        [str(environment / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True
    )
    return environment / "bin"


def run(bin_dir: Path, *args: str, cwd: Path) -> str:
    done = subprocess.run([str(bin_dir / "sitegen"), *args], cwd=cwd, capture_output=True, text=True, env=_env(bin_dir))
    assert done.returncode == 0, f"sitegen {' '.join(args)}: {done.stderr}"
    return done.stdout


def _env(bin_dir: Path) -> dict[str, str]:
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": ""}


def test_the_installed_package_is_the_wheel_not_the_repository(installed: Path, tmp_path: Path) -> None:
    where = subprocess.run(
        [str(installed / "python"), "-c", "import sitegen; print(sitegen.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, check=True, env=_env(installed),
    ).stdout  # fmt: skip
    assert where.startswith(str(installed.parent)) and "sitegen/__init__.py" in where
    assert run(installed, "--version", cwd=tmp_path).strip() == "sitegen 0.1.0"


def test_a_new_site_from_the_wheel_imports_builds_checks_and_serves(installed: Path, tmp_path: Path) -> None:
    run(installed, "init", "news", "--title", "Riverside News", cwd=tmp_path)
    site = tmp_path / "news"
    run(installed, "import", "--no-extract", str(FIXTURES / "import-exports" / "riverside.rss"), cwd=site)
    assert "2 articles" in run(installed, "build", cwd=site)
    assert "0 errors" in run(installed, "check", "--no-build", cwd=site)
    assert "Riverside News" in (site / "public" / "index.html").read_text(encoding="utf-8")
    server = subprocess.Popen(
        [str(installed / "sitegen"), "serve", "--no-watch", "--port", "0"],
        cwd=site, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env(installed),
    )  # fmt: skip
    try:
        line = next(line for line in server.stdout if line.startswith("Serving"))  # type: ignore[union-attr]
        address = line.split(" at ", 1)[1].split(" ", 1)[0].rstrip(",")
        with urllib.request.urlopen(address, timeout=30) as response:
            assert "Riverside News" in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
