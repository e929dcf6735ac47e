"""The command line: sitegen init, import, build, serve, check, new, people and theme.

Only what a build needs is imported up front; each other command imports its own modules, which would add a
tenth of a second to every build.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import NoReturn

from sitegen.build import build, summary
from sitegen.config import Config, ConfigError, load_config
from sitegen.content.articles import ARTICLES_DIR
from sitegen.content.load import load_library
from sitegen.importing.formats import FORMATS
from sitegen.output.writer import OutputError
from sitegen.render.templates import TemplateProblem
from sitegen.search.pagefind import SearchIndexError

EXIT_OK, EXIT_CONTENT_ERRORS, EXIT_USAGE = 0, 1, 2
PROFILE = Path(".sitegen-cache", "profile.prof")


def entry() -> NoReturn:
    """The sitegen command."""
    sys.exit(main())


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "init":
        return run_init(args.folder, args.title)
    try:
        config = _config(args)
        if args.command == "theme":
            return run_eject(config, args.names)
        if args.command == "import":
            return run_import(config, args)
        if args.command == "check":
            return run_check(config, args.json, build_first=not args.no_build)
        if args.command == "people":
            return run_people(config, args.accept)
        if args.command == "new":
            return run_new(config, args.title, args.author, args.category)
        return run_build(config, args.profile) if args.command == "build" else run_serve(config, args)
    except (ConfigError, OutputError, TemplateProblem, SearchIndexError) as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ConfigError | OutputError) else EXIT_CONTENT_ERRORS
    except OSError as error:  # a full disk, a folder without permission: nothing was published
        print(f"sitegen: {error}; the published folder was left as it was", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen", description="A static archive site generator for news.")
    parser.add_argument("--version", action="version", version=f"sitegen {_version()}")
    commands = parser.add_subparsers(dest="command", required=True)
    init_parser = commands.add_parser("init", help="write a new site into an empty folder")
    init_parser.add_argument("folder", type=Path, help="the new site's folder (made if missing; must be empty)")
    init_parser.add_argument("--title", help="the site's name (asked for when not given)")
    theme_parser = commands.add_parser("theme", help="copy the packaged theme's files into the site to edit them")
    theme_parser.add_argument("action", choices=["eject"])
    theme_parser.add_argument("names", nargs="*", metavar="NAME", help="theme files (default: all), e.g. base.html")
    theme_parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder, with sitegen.toml")
    theme_parser.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    build_parser = commands.add_parser("build", help="build the site from content/ into public/")
    _add_site_options(build_parser)
    build_parser.add_argument(
        "--profile", action="store_true", help=f"write where the time went to {PROFILE} (and .txt) in the site"
    )
    serve_parser = commands.add_parser("serve", help="build the site and serve it on localhost")
    _add_site_options(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    serve_parser.add_argument("--no-watch", action="store_true", help="serve without rebuilding on change")
    check_parser = commands.add_parser("check", help="check the content, build, and check the built site")
    _add_site_options(check_parser)
    check_parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    check_parser.add_argument("--no-build", action="store_true", help="check the site already in the output folder")
    new_parser = commands.add_parser("new", help="write a new article file with today's date")
    new_parser.add_argument("title", help="the headline")
    new_parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder, with sitegen.toml")
    new_parser.add_argument("--content", type=Path, help="the content folder (default: content)")
    new_parser.add_argument("--author", action="append", default=[], help="an author (may be given more than once)")
    new_parser.add_argument("--category", help="the article's section")
    _add_import_parser(commands)
    people_parser = commands.add_parser("people", help="list the people the archive names and suggest merges")
    people_parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder, with sitegen.toml")
    people_parser.add_argument("--content", type=Path, help="the content folder (default: content)")
    people_parser.add_argument(
        "--accept", nargs="*", metavar="NAME", help="write the suggested merges (all, or those of NAME) to people.yml"
    )
    return parser


def _add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder, with sitegen.toml")
    parser.add_argument("--content", type=Path, help="the content folder (default: content)")
    parser.add_argument("--out", type=Path, help="the output folder (default: public)")
    parser.add_argument("--base-url", help="the URL the site is published at, may include a path")
    parser.add_argument("--no-search", action="store_true", help="skip the search index")


def _add_import_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser(
        "import", help="read raw article files (text scrapes, Markdown, HTML) into content/articles/"
    )
    parser.add_argument("sources", nargs="*", type=Path, metavar="SRC", help="raw article files or folders of them")
    parser.add_argument(
        "--refresh", action="store_true", help="update the people and tags of the articles already in content/"
    )
    parser.add_argument(
        "--into", type=Path, dest="content", help="the content folder to import into (default: content)"
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder, with sitegen.toml")
    parser.add_argument("--format", choices=FORMATS, help="read every file as this format instead of detecting it")
    parser.add_argument("--year", type=int, help="the year of dates that lack one (default: inferred)")
    parser.add_argument(
        "--source-url",
        help="the address of the site the files come from, for links relative to it (default: its configuration)",
    )
    parser.add_argument(
        "--now", type=_moment, help="the latest date an article can have, for inferring years (default: file time)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite articles edited since they were imported")
    parser.add_argument(
        "--no-extract", dest="extract", action="store_false", help="keep the source's own people and tags only"
    )


def _moment(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-06-30 or 2025-06-30T18:00") from error


def run_import(config: Config, args: argparse.Namespace) -> int:
    from sitegen.importing.importer import ImportOptions, import_sources, refresh_articles, show_report

    if not args.sources and not args.refresh:
        raise ConfigError("give the raw files or folders to import (SRC), or --refresh")
    missing = [str(source) for source in args.sources if not source.exists()]
    if missing:
        raise ConfigError(f"no such file or folder: {', '.join(missing)}")
    now = args.now
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=config.zone)
    options = ImportOptions(
        content_dir=config.content_dir, zone=config.zone, root=config.root,
        year=args.year or config.import_year or None, now=now, force=args.force, format=args.format,
        extract=args.extract, people_model=config.people_model, max_tags=config.max_tags,
        site_folders=(config.output_dir, config.templates_dir), source_url=args.source_url,
        language=config.language,
    )  # fmt: skip
    report = import_sources(args.sources, options, show_progress=sys.stderr.isatty()) if args.sources else None
    if report:
        show_report(report, config.content_dir / ARTICLES_DIR)
    if args.refresh:
        refreshed = refresh_articles(options)
        for path in refreshed.unreadable:
            print(f"{path}: its front-matter, people or tags cannot be read; left as it is", file=sys.stderr)
        print(*(f"  {path}" for path in refreshed.updated), refreshed.summary(), sep="\n")
    return EXIT_CONTENT_ERRORS if report and report.failed else EXIT_OK


def run_people(config: Config, accepted: list[str] | None) -> int:
    from sitegen.commands.people import accept, survey

    loaded = load_library(config)
    lines, merges = survey(loaded.library)
    for problem in loaded.problems:
        print(problem, file=sys.stderr)
    print(*lines, sep="\n")
    if merges:
        print("\nSuggested merges (sitegen people --accept writes them to people.yml):")
        print(*(f"  {merge.name} → {merge.into}: {merge.evidence}" for merge in merges), sep="\n")
    if accepted is not None:
        chosen = [merge for merge in merges if not accepted or merge.name in accepted]
        done = accept(config.content_dir, chosen)
        print(f"\npeople.yml: {len(done)} alias(es) added" + "".join(f"\n  {line}" for line in done))
    return EXIT_OK


def run_check(config: Config, as_json: bool, build_first: bool) -> int:
    from sitegen.commands.check import check

    problems = check(config, build_first)
    errors = [problem for problem in problems if not problem.warning]
    if as_json:
        findings = [{"level": "warning" if p.warning else "error", "file": str(p.file), "line": p.line,
                     "field": p.field, "message": p.message} for p in problems]  # fmt: skip
        summary = {"ok": not errors, "errors": len(errors), "warnings": len(problems) - len(errors)}
        print(json.dumps({**summary, "problems": findings}, indent=2, ensure_ascii=False))
    else:
        for problem in problems:
            print(problem)
        print(f"Checked {config.root}: {len(errors)} errors, {len(problems) - len(errors)} warnings")
    return EXIT_CONTENT_ERRORS if errors else EXIT_OK


def run_init(folder: Path, title: str | None) -> int:
    from sitegen.commands.init import init_site

    if title is None:
        title = input("The site's name: ").strip() if sys.stdin.isatty() else ""
    try:
        written = init_site(folder, title or Config().title)
    except ValueError as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return EXIT_USAGE
    print(*(f"  {path}" for path in written), sep="\n")
    print(f"A new site in {folder}. Next: cd {folder}, sitegen import ~/scrapes (or sitegen new), sitegen serve")
    return EXIT_OK


def run_eject(config: Config, names: list[str]) -> int:
    from sitegen.render.theme import eject

    try:
        written = eject(config.templates_dir, names)
    except ValueError as error:
        raise ConfigError(str(error)) from error
    print(*(f"  {path}" for path in written), sep="\n")
    print(f"{len(written)} theme files copied into {config.templates_dir}; the site's own come first from now on")
    return EXIT_OK


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sitegen")
    except PackageNotFoundError:
        return "unknown"


def run_new(config: Config, title: str, authors: list[str], category: str | None) -> int:
    from sitegen.commands.new import new_article

    path = new_article(config, title, authors, category)
    print(f"Wrote {path}")
    return EXIT_OK


def run_build(config: Config, profile: bool = False) -> int:
    run = partial(build, config, show_progress=sys.stderr.isatty())
    if profile:  # in one process, so that the profile sees every page rendered
        from sitegen.commands.profile import profiled

        run = partial(profiled, partial(build, config.replace(jobs=1)), config.root / PROFILE)
    report = run()
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(summary(report, config.output_dir))
    if profile:
        print(f"Profile written to {config.root / PROFILE} and {(config.root / PROFILE).with_suffix('.txt')}")
    return EXIT_CONTENT_ERRORS if report.errors else EXIT_OK


def run_serve(config: Config, args: argparse.Namespace) -> int:
    from sitegen.serve.livereload import SiteState
    from sitegen.serve.server import make_server
    from sitegen.serve.watch import Rebuilder, watch_and_rebuild

    state = SiteState()
    rebuilder = Rebuilder(lambda: _config(args), state, say=lambda line: print(line, file=sys.stderr, flush=True))
    report = rebuilder.first_build(config)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(summary(report, config.output_dir))
    server = make_server(config.output_dir, config.base_path, args.host, args.port, state)
    stop = threading.Event()
    if not args.no_watch:
        threading.Thread(target=watch_and_rebuild, args=(config, rebuilder, stop), daemon=True).start()
    bound_host, bound_port = server.server_address[:2]
    watching = "" if args.no_watch else ", rebuilding on change"
    print(f"Serving {config.output_dir} at http://{bound_host}:{bound_port}{config.base_path}{watching} (Ctrl-C stops)")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print()
    finally:
        stop.set()
        server.server_close()
    return EXIT_CONTENT_ERRORS if report.errors else EXIT_OK


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.root.resolve())
    changes: dict[str, object] = {}
    if args.content:
        changes["content"] = str(args.content.resolve())
    if getattr(args, "out", None):
        changes["output"] = str(args.out.resolve())
    if getattr(args, "base_url", None):
        changes["base_url"] = args.base_url
    if getattr(args, "no_search", False):
        changes["search"] = False
    return config.replace(**changes) if changes else config


if __name__ == "__main__":
    entry()
