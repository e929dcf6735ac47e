"""The command line: sitegen build, sitegen serve."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build, summary
from .config import Config, ConfigError, load_config
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
    args = parser.parse_args(argv)
    try:
        config = _config(args)
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
    if args.out:
        changes["output"] = str(args.out.resolve())
    if args.base_url:
        changes["base_url"] = args.base_url
    if args.no_search:
        changes["search"] = False
    return config.replace(**changes) if changes else config


if __name__ == "__main__":
    sys.exit(main())
