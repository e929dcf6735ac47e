"""Time a publish as the workflow `sitegen init` writes runs it, its steps run here in order, cold and warm.

    .venv/bin/python bench/publish.py 2000 [20000 ...]

Cold is a new runner: an empty pip cache and no public/ or .sitegen-cache/. Warm is the next push: one article
edited, a fresh checkout (every file's time new, as actions/checkout gives), the pip cache kept, and the last
run's public/ and .sitegen-cache/ restored with their files' times (as actions/cache restores them).
The steps: Install sitegen (a new virtual environment, and pip install of this checkout of sitegen with its
dependencies, as `pip install -r requirements.txt` installs a release), Build and Check. The cache's download
and upload are the network's: the size of what they carry is printed instead.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from generate import generate

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
PAGES_URL = "https://owner.github.io/archive/"
sys.path.insert(0, str(REPO))

from sitegen.commands.init import init_site  # noqa: E402


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def megabytes(*folders: Path) -> float:
    return sum(path.stat().st_size for folder in folders for path in folder.rglob("*") if path.is_file()) / 1e6


def publish(checkout: Path, pip_cache: Path) -> dict[str, float]:
    """The workflow's steps in checkout, each timed."""
    environment = {**os.environ, "PIP_CACHE_DIR": str(pip_cache), "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    venv = checkout.parent / f"{checkout.name}-venv"
    shutil.rmtree(venv, ignore_errors=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "pip"), "install", str(REPO)]
    install = time.perf_counter() - started + timed(pip, checkout, environment)
    sitegen = str(venv / "bin" / "sitegen")
    return {
        "install": install,
        "build": timed([sitegen, "build", "--base-url", PAGES_URL], checkout),
        "check": timed([sitegen, "check", "--no-build", "--base-url", PAGES_URL], checkout),
    }


def fresh_checkout(repository: Path, to: Path) -> None:
    """The repository's files copied with new times, as a checkout makes them."""
    shutil.rmtree(to, ignore_errors=True)
    shutil.copytree(repository, to, copy_function=shutil.copyfile)


def bench(count: int) -> None:
    folder = WORK / f"publish-{count}"
    shutil.rmtree(folder, ignore_errors=True)
    repository, pip_cache = folder / "repository", folder / "pip-cache"
    init_site(repository, "Benchmark archive")
    generate(count, folder / "generated")
    articles = folder / "generated" / "content" / "articles"
    shutil.copytree(articles, repository / "content" / "articles", dirs_exist_ok=True)
    checkout, kept = folder / "checkout", folder / "actions-cache"  # a runner checks out to one path each time
    kept.mkdir()
    fresh_checkout(repository, checkout)
    first = publish(checkout, pip_cache)
    for name in ("public", ".sitegen-cache"):
        subprocess.run(["cp", "-a", str(checkout / name), str(kept / name)], check=True)
    edited = sorted((repository / "content" / "articles").rglob("*.md"))[count // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8")
    fresh_checkout(repository, checkout)
    for name in ("public", ".sitegen-cache"):
        subprocess.run(["cp", "-a", str(kept / name), str(checkout / name)], check=True)
    second = publish(checkout, pip_cache)
    carried = megabytes(kept / "public", kept / ".sitegen-cache")
    for name, figures in (("cold", first), ("warm", second)):
        steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in figures.items())
        print(f"{count:>7,} articles, {name}: {sum(figures.values()):.1f} s ({steps})")
    print(f"{count:>7,} articles: the Actions cache carries {carried:,.0f} MB (public/ and .sitegen-cache/)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="+")
    for count in parser.parse_args().counts:
        bench(count)


if __name__ == "__main__":
    main()
