"""Build one generated archive with sitegen, Hugo and Pagefind, and print time, peak memory and ratios.

    .venv/bin/python bench/run.py 2000 [20000 ...]
    .venv/bin/python bench/run.py --repeat 3 20000     # each figure the median of three runs
    .venv/bin/python bench/run.py --repeat 5 20000 100000  # five rounds, each of both sizes, and the growth
    .venv/bin/python bench/run.py --import 2000      # import plain-text scrapes, then build them

Each tool runs as its own process; its wall time and peak resident memory (of it and the processes it
waits for, such as sitegen's Pagefind) come from the operating system's accounting of that process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generate import generate
from hugo_content import HUGO_CONTENT, hugo_content

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "work"
LOGS = WORK / "logs"  # the cold builds' summaries, the time of each step in them
SET_ASIDE = WORK / "set-aside"  # the last runs' output, deleted only when the timing is over (see set_aside)
BIN = Path(sys.executable).parent
FILESYSTEM_SETTLES = 6 * 60  # seconds: see clear_set_aside


@dataclass
class Run:
    seconds: float  # until the tool's process ended
    peak_mb: float
    on_disk: float  # until what it wrote was on the disk as well (see measure)


def measure(command: list[str], cwd: Path, reads: Path, log: Path | None = None) -> Run:
    """One run of command, which reads the files under reads; its output goes to log, if given.

    Two things are done first, untimed, so that no tool's time depends on the tool before it. What the last
    run wrote is sent to the disk: at 100,000 articles, 350 to 400 MB of Pagefind's index over Hugo's pages
    were still waiting to be written when the next round's cold build began. And the files the tool reads are
    read once, so that every tool starts with its input in memory: one run of Pagefind over Hugo's pages of
    100,000 articles (11 GB at its peak) left a fifth of the article files out of the page cache.

    Each run is also timed until what it wrote is on the disk (on_disk). A tool's process ends before the
    system has written its output out: after 30 s, or once a tenth of the memory is waiting, it writes it out
    meanwhile, so a long run pays for its writing within its own time and a short one does not. Sitegen's
    cold build of 20,000 articles ended with all of its 0.7 GB still to write, the 100,000-article one
    with 0.45 GB of its 3 GB, so the time until the process ends grows faster than the work does."""
    os.sync()
    read_all(reads)
    started = time.perf_counter()
    with open(log or os.devnull, "wb") as stdout:
        process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    os.sync()
    return Run(seconds, usage.ru_maxrss / 1024, time.perf_counter() - started)


def read_all(folder: Path) -> None:
    for directory, _, names in os.walk(folder):
        for name in names:
            with open(os.path.join(directory, name), "rb") as file:
                while file.read(1 << 20):
                    pass


def prepare(count: int) -> tuple[Path, Path]:
    """The corpus for sitegen, and the same articles laid out as a Hugo site."""
    corpus = WORK / f"corpus-{count}"
    if not (corpus / "content").exists():
        generate(count, corpus)
    hugo_site = WORK / f"hugo-{count}"
    made = hugo_site / "content" / ".made"
    if not made.exists() or made.read_text() != HUGO_CONTENT:
        set_aside(hugo_site)  # laid out by an earlier version of this script
        hugo_content(corpus / "content" / "articles", hugo_site / "content" / "posts")
        made.write_text(HUGO_CONTENT)
    shutil.copy(BENCH / "hugo" / "hugo.toml", hugo_site / "hugo.toml")
    shutil.copytree(BENCH / "hugo" / "layouts", hugo_site / "layouts", dirs_exist_ok=True)
    return corpus, hugo_site


EDITS = 5  # rebuilds after an edit, of which the median is given
COLD = "sitegen cold build, search included"
HUGO = "Hugo"
PAGEFIND = "Pagefind over Hugo's pages"
COMPARED = (COLD, HUGO, PAGEFIND)  # the figures shown round by round and per 1,000 articles
FIGURES = {"seconds": "wall", "on_disk": "on disk"}  # the times of a Run, as the report names them


def bench_round(count: int, corpus: Path, hugo_site: Path, number: int) -> dict[str, Run]:
    """One round of runs at count articles (the edit rebuild's figure the median of EDITS runs), sitegen's and
    the peers' taken in turn, so that a slow spell of the machine falls on both. The cold build's own summary,
    with the time of each step, is kept in LOGS."""
    content = corpus / "content"
    sitegen = [str(BIN / "sitegen"), "build", "--root", str(corpus)]
    for output in ("public", ".public.sitegen-new", ".sitegen-cache"):  # a cold build: none of its output
        set_aside(corpus / output)
    set_aside(hugo_site / "public")
    LOGS.mkdir(exist_ok=True)
    return {
        COLD: measure(sitegen, corpus, content, LOGS / f"cold-{count}-round-{number + 1}.txt"),
        "sitegen rebuild, nothing changed": measure(sitegen, corpus, content),
        # The first rebuild after a cold build also makes the staging folder's mirror of public/ (see
        # sitegen/staging.py); the builds after it find the mirror there.
        "sitegen first rebuild, one article edited": measure_edit(sitegen, corpus, "first"),
        f"sitegen rebuild, one article edited ({EDITS} runs)": median(
            [measure_edit(sitegen, corpus, f"edit {edit}") for edit in range(EDITS)]
        ),
        HUGO: measure([str(BIN / "hugo"), "--quiet", "--source", str(hugo_site)], hugo_site, hugo_site / "content"),
        PAGEFIND: measure(
            [sys.executable, "-m", "pagefind_bin", "--site", str(hugo_site / "public")], hugo_site,
            hugo_site / "public",
        ),
    }  # fmt: skip


def medians(rounds: list[dict[str, Run]]) -> dict[str, Run]:
    return {name: median([runs[name] for runs in rounds]) for name in rounds[0]}


def set_aside(folder: Path) -> None:
    """Move a folder out of the way, to be deleted after the timing. On a filesystem without a journal (ext4
    as these machines have it), the inodes of files deleted in the last minute or more are skipped when new
    files are made, and each skip costs a search: deleting the last run's 53,000 files just before a cold
    build made that build's file creation several times slower, in whichever tool ran next."""
    if folder.exists():
        SET_ASIDE.mkdir(exist_ok=True)
        folder.rename(SET_ASIDE / f"{folder.parent.name}-{folder.name}-{time.time_ns()}")


def clear_set_aside(wait: bool) -> None:
    """Delete what set_aside kept; before timing anything, wait for the filesystem to settle afterwards.

    ext4 without a journal skips an inode deleted less than 60 s ago, or 360 s while its inode table block is
    waiting to be written, and every new file then makes it look at each such inode again. Syncing cleans
    the blocks, but the next run's first files dirty them again: after deleting a million files and waiting a
    minute, a cold build of 20,000 articles still took a fifth longer, and spent half again as long in the
    kernel. So the wait covers the longer bound."""
    if not SET_ASIDE.exists():
        return
    shutil.rmtree(SET_ASIDE)
    if wait:
        os.sync()
        print(f"(deleted an earlier run's output; waiting {FILESYSTEM_SETTLES} s before timing)", flush=True)
        time.sleep(FILESYSTEM_SETTLES)


def median(runs: list[Run]) -> Run:
    """The median times (the lower of the two middle ones for an even count), with the largest peak."""
    middle = (len(runs) - 1) // 2
    seconds, on_disk = (sorted(getattr(run, figure) for run in runs)[middle] for figure in FIGURES)
    return Run(seconds, max(run.peak_mb for run in runs), on_disk)


def bench_import(count: int) -> dict[str, Run]:
    """Import count plain-text scrapes in the seed's layout, import them again, then build the result."""
    site = WORK / f"scrapes-{count}"
    if not (site / "scrapes").exists():
        generate(count, site, scrapes=True)
    for output in ("content", "public", ".sitegen-cache"):  # a cold import: extraction's cache too
        set_aside(site / output)
    sitegen = str(BIN / "sitegen")
    importing = [sitegen, "import", "scrapes", "--root", str(site), "--now", "2026-11-24"]
    return {
        "sitegen import, new archive": measure(importing, site, site / "scrapes"),
        "sitegen import again, nothing changed": measure(importing, site, site / "scrapes"),
        "sitegen build of the import": measure([sitegen, "build", "--root", str(site)], site, site / "content"),
    }


def import_report(count: int, runs: dict[str, Run]) -> str:
    lines = [f"{count} plain-text scrapes", f"{'':40} {'wall s':>8} {'peak MB':>9}"]
    lines += [f"{name:40} {run.seconds:8.2f} {run.peak_mb:9.0f}" for name, run in runs.items()]
    return "\n".join(lines)


def measure_edit(command: list[str], corpus: Path, which: str) -> Run:
    """A rebuild after adding a paragraph to one article's text; the article is put back afterwards."""
    article = min((corpus / "content" / "articles").rglob("*.md"))
    original = article.read_bytes()
    article.write_bytes(original + f"\nA {which} paragraph added for the benchmark.\n".encode())
    try:
        return measure(command, corpus, corpus / "content")
    finally:
        article.write_bytes(original)


def report(count: int, rounds: list[dict[str, Run]]) -> str:
    """The median of each figure, then each round's cold build, Hugo and Pagefind, to show the spread."""
    runs = medians(rounds)
    lines = [f"{count} articles", f"{'':52} {'wall s':>8} {'on disk s':>10} {'peak MB':>9}"]
    lines += [f"{name:52} {run.seconds:8.2f} {run.on_disk:10.2f} {run.peak_mb:9.0f}" for name, run in runs.items()]
    if len(rounds) > 1:
        for name in COMPARED:
            walls, on_disk = (", ".join(f"{getattr(one[name], figure):.2f}" for one in rounds) for figure in FIGURES)
            lines.append(f"{name}, each round: {walls}; on disk: {on_disk}")

    def to(peers: tuple[str, ...]) -> str:
        """The cold build's time over the peers' together, each way it is timed."""
        ratios = (getattr(runs[COLD], f) / sum(getattr(runs[peer], f) for peer in peers) for f in FIGURES)
        return ", ".join(f"{ratio:.2f} {label}" for ratio, label in zip(ratios, FIGURES.values(), strict=True))

    lines.append(f"sitegen cold / Hugo:              {to((HUGO,))}")
    lines.append(f"sitegen cold / (Hugo + Pagefind): {to((HUGO, PAGEFIND))}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="*", default=[2000])
    parser.add_argument("--import", dest="importing", action="store_true", help="time sitegen import instead")
    parser.add_argument("--repeat", type=int, default=1, help="give the median of this many runs of each")
    args = parser.parse_args()
    clear_set_aside(wait=True)
    try:
        if args.importing:
            for count in args.counts:
                print(import_report(count, bench_import(count)), flush=True)
        else:
            rounds = run_rounds(args.counts, args.repeat)
            for count, its_rounds in rounds.items():
                print(report(count, its_rounds), flush=True)
            if len(rounds) > 1:
                print(scaling(rounds))
    finally:
        clear_set_aside(wait=False)


def run_rounds(counts: list[int], repeat: int) -> dict[int, list[dict[str, Run]]]:
    """repeat rounds, each going through every size in turn: a slow spell of the machine then falls on one
    round of every size, not on all the rounds of one size, and each round's growth is a ratio of runs made
    minutes apart."""
    sites = {count: prepare(count) for count in counts}
    rounds: dict[int, list[dict[str, Run]]] = {count: [] for count in counts}
    for number in range(repeat):
        for count in counts:
            rounds[count].append(bench_round(count, *sites[count], number))
            cold = rounds[count][-1][COLD].seconds
            print(f"(round {number + 1} of {repeat}, {count} articles: cold build {cold:.2f} s)", flush=True)
    return rounds


def scaling(rounds: dict[int, list[dict[str, Run]]]) -> str:
    """How the cold build grows with the archive, beside the peers in the same run: the medians' time per
    1,000 articles at each size (linear: all equal), then, for each larger size, each round's time per article
    there over its time per article at the smallest size (linear: 1.00) and the median of those; each both
    until the process ended and until its output was on the disk."""
    lines = [f"per 1,000 articles  {'sitegen cold':>14} {'peak MB':>8} {'Hugo':>12} {'Pagefind':>12}  (wall; on disk)"]
    for count, its_rounds in rounds.items():
        runs = medians(its_rounds)
        cold, hugo, pagefind = (
            "; ".join(f"{getattr(runs[name], figure) / count * 1000:.2f}" for figure in FIGURES) for name in COMPARED
        )
        lines.append(f"{count:>8} articles {cold:>14} {runs[COLD].peak_mb:8.0f} {hugo:>12} {pagefind:>12}")
    smallest, *larger = rounds
    for count in larger:
        lines.append(f"growth from {smallest} to {count} articles, each round (1.00 = linear), then the median:")
        for name in COMPARED:
            for figure, label in FIGURES.items():
                growths = [
                    (getattr(big[name], figure) / count) / (getattr(small[name], figure) / smallest)
                    for small, big in zip(rounds[smallest], rounds[count], strict=True)
                ]
                each = ", ".join(f"{growth:.2f}" for growth in growths)
                lines.append(f"  {name}, {label}: {each}; median {statistics.median(growths):.2f}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
