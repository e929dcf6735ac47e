#!/usr/bin/env python3
"""Set up everything sitegen needs, then serve the sample archive or run the whole test suite.

    python3 dev.py serve    # build and serve the sample archive on http://127.0.0.1:8000/
    python3 dev.py test     # lint and run every test, browser tests included
    python3 dev.py setup    # only set up .venv/ (the publishing workflow uses this)

Only Python 3.11+ and the package registries are needed: the project's packages go into .venv/, Debian's
chromium (for the browser tests) and a Java runtime (for the HTML validator) are installed with apt-get when
they are missing, and axe-core, the Nu Html Checker (vnu.jar) and Lighthouse with npm into node_modules/.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".sitegen-installed"
CHROMIUM = Path(os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium"))


def main(argv: list[str]) -> int:
    if sys.version_info < (3, 11):
        sys.exit("sitegen needs Python 3.11 or newer")
    if not argv or argv[0] not in ("serve", "test", "setup"):
        print(__doc__)
        return 2
    command, rest = argv[0], argv[1:]
    set_up_python()
    if command == "setup":
        return 0
    if command == "serve":
        return run([str(BIN / "sitegen"), "serve", *rest])
    ensure_chromium()
    ensure_java()
    ensure_node_packages()
    lint = run([str(BIN / "ruff"), "check", "sitegen", "tests", "bench", "dev.py"])
    return lint or run([str(BIN / "python"), "-m", "pytest", *rest])


def set_up_python() -> None:
    """A virtual environment with sitegen and its test tools; reinstalled only when pyproject.toml changes."""
    if not (BIN / "python").exists():
        print("Creating .venv ...", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing sitegen and its dependencies into .venv ...", flush=True)
    pip = [str(BIN / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    check([*pip, "--editable", f"{ROOT}[test,bench,people]"])
    STAMP.write_text(wanted)


def ensure_chromium() -> None:
    """Debian's chromium drives the browser tests; Playwright's own browser download is not used."""
    if not CHROMIUM.exists():
        hint = f"The browser tests need Chromium at {CHROMIUM}; install it, or set SITEGEN_CHROMIUM to its path"
        apt_install("chromium", "the browser tests", hint)


def ensure_java() -> None:
    """The Nu Html Checker, which validates the built pages, is a Java program."""
    if not shutil.which("java"):
        hint = "The HTML validity tests need Java to run the Nu Html Checker; install a Java runtime (17 or newer)"
        apt_install("default-jre-headless", "the HTML validity tests", hint)


NODE_PACKAGES = ("axe-core/axe.min.js", "vnu-jar/build/dist/vnu.jar", "lighthouse/cli/index.js")


def ensure_node_packages() -> None:
    """axe-core, vnu.jar and Lighthouse, from the npm registry, for the accessibility, validity and Lighthouse tests.

    npm comes from Debian when it is missing. vnu-jar's install script, which would download a Java runtime,
    is not run: Debian's is used.
    """
    if all((ROOT / "node_modules" / package).exists() for package in NODE_PACKAGES):
        return
    if not shutil.which("npm"):
        apt_install("npm", "the accessibility tests", "The accessibility tests need npm (Node.js) to install axe-core")
    print("Installing axe-core, vnu.jar and Lighthouse from the npm registry ...", flush=True)
    check(["npm", "ci", "--no-audit", "--no-fund", "--silent", "--ignore-scripts"])


def apt_install(package: str, purpose: str, hint: str) -> None:
    """Install one of Debian's packages, or stop with hint where there is no apt-get."""
    if not shutil.which("apt-get"):
        sys.exit(hint)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    print(f"Installing Debian's {package} for {purpose} ...", flush=True)
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    check([*sudo, "apt-get", "update", "-qq"], env=environment)
    check([*sudo, "apt-get", "install", "-y", "-qq", package], env=environment)


def run(command: list[str]) -> int:
    return subprocess.run(command, cwd=ROOT, check=False).returncode


def check(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        sys.exit(f"Setup failed: {' '.join(command)} exited with {result.returncode}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
