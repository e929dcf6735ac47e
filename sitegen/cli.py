"""The command line: sitegen import, sitegen build, sitegen serve."""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from .build import build, summary
from .config import Config, ConfigError, load_config
from .content import ARTICLES_DIR
from .importers import FORMATS
from .importing import ImportOptions, import_sources, show_report
from .render import TemplateProblem
from .search import SearchIndexError
from .serve import make_server
from .writer import OutputError

EXIT_OK, EXIT_CONTENT_ERRORS, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sitegen", description="A static archive site generator for news.")
    commands = parser.add_subparsers(dest="command", required=True)
    build_parser = commands.add_parser("build", help="build the site from content/ into public/")
    _add_site_options(build_parser)
    serve_parser = commands.add_parser("serve", help="build the site and serve it on localhost")
    _add_site_options(serve_parser)
    serve_parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve_parser.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    _add_import_parser(commands)
    args = parser.parse_args(argv)
    try:
        config = _config(args)
        if args.command == "import":
            return run_import(config, args)
        return run_build(config) if args.command == "build" else run_serve(config, args.host, args.port)
    except (ConfigError, OutputError, TemplateProblem, SearchIndexError) as error:
        print(f"sitegen: {error}", file=sys.stderr)
        return EXIT_USAGE if isinstance(error, ConfigError | OutputError) else EXIT_CONTENT_ERRORS


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
    parser.add_argument("sources", nargs="+", type=Path, metavar="SRC", help="raw article files or folders of them")
    parser.add_argument(
        "--into", type=Path, dest="content", help="the content folder to import into (default: content)"
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the site's folder, with sitegen.toml")
    parser.add_argument("--format", choices=FORMATS, help="read every file as this format instead of detecting it")
    parser.add_argument("--year", type=int, help="the year of dates that lack one (default: inferred)")
    parser.add_argument(
        "--now", type=_moment, help="the latest date an article can have, for inferring years (default: file time)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite articles edited since they were imported")


def _moment(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2025-06-30 or 2025-06-30T18:00") from error


def run_import(config: Config, args: argparse.Namespace) -> int:
    missing = [str(source) for source in args.sources if not source.exists()]
    if missing:
        raise ConfigError(f"no such file or folder: {', '.join(missing)}")
    now = args.now
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=config.zone)
    options = ImportOptions(
        content_dir=config.content_dir, zone=config.zone, root=config.root,
        year=args.year or config.import_year or None, now=now, force=args.force, format=args.format,
    )  # fmt: skip
    report = import_sources(args.sources, options, show_progress=sys.stderr.isatty())
    show_report(report, config.content_dir / ARTICLES_DIR)
    return EXIT_CONTENT_ERRORS if report.failed else EXIT_OK


def run_build(config: Config) -> int:
    report = build(config, show_progress=sys.stderr.isatty())
    for problem in report.problems:
        print(problem, file=sys.stderr)
    print(summary(report, config.output_dir))
    return EXIT_CONTENT_ERRORS if report.errors else EXIT_OK


def run_serve(config: Config, host: str, port: int) -> int:
    status = run_build(config)
    server = make_server(config.output_dir, config.base_path, host, port)
    bound_host, bound_port = server.server_address[:2]
    print(f"Serving {config.output_dir} at http://{bound_host}:{bound_port}{config.base_path} (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print()
    finally:
        server.server_close()
    return status


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
    sys.exit(main())
