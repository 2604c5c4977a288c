"""The ``factcheck`` command: check claim files, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import settings as config
from .build import BuildFailed, build_site
from .problems import Problem, ValidationFailed, display_path
from .site import load_site


def _settings(args: argparse.Namespace, **override):
    path = Path(args.config)
    if not path.is_file():
        raise SystemExit(_fail(f"{args.config}: no such settings file (run factcheck from the project folder, or pass --config)"))
    override = {k: v for k, v in override.items() if v is not None}
    return config.read(path, override)


def _fail(message: str) -> int:
    print(f"factcheck: {message}", file=sys.stderr)
    return 1


def report(problems: Sequence[Problem], stream=sys.stderr) -> None:
    """Print problems; under GitHub Actions also as annotations on the changed lines."""
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"
    for problem in problems:
        print(problem, file=stream)
        if annotate:
            p = problem.position
            kind = "error" if problem.is_error else "warning"
            text = f"{problem.code} {problem.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{kind} file={display_path(p.path)},line={p.line},col={p.col}::{text}", file=stream)


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    try:
        site = load_site(
            config.project_path(settings, "FACTCHECK_CLAIMS_PATH"),
            config.project_path(settings, "FACTCHECK_SOURCES_PATH"),
            config.verdict_scale(settings),
            only=args.paths or None,
        )
    except ValidationFailed as failure:
        report(failure.problems)
        print(f"factcheck: {_summary(failure.problems)}", file=sys.stderr)
        return 1
    report(site.warnings)
    print(f"factcheck: {len(site.claims)} claim(s) and {len(site.sources)} source(s) checked, {_summary(site.warnings)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args, SITEURL=args.site_url)
    output = Path(args.output or settings["OUTPUT_PATH"])
    try:
        build_site(settings, output, search=not args.no_search)
    except ValidationFailed as failure:
        # The plugin has logged each problem already; the summary says the output is untouched.
        return _fail(f"{_summary(failure.problems)}; {display_path(str(output))}/ left as it was")
    except BuildFailed as failure:
        return _fail(f"{failure}; {display_path(str(output))}/ left as it was")
    print(f"factcheck: site built in {display_path(str(output))}/")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_text

    text = schema_text(config.verdict_scale(_settings(args)))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"factcheck: wrote {args.output}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(args)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="factcheck", description="Check fact-check claim files and build the site.")
    top.add_argument("--config", default=config.CONFIG_FILE, help="settings file (default: %(default)s)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check claim and source files; exit 1 on any error")
    check.add_argument("paths", nargs="*", help="claim or source files to check (default: all)")
    check.set_defaults(run=cmd_check)

    build = commands.add_parser("build", help="check, then build the site and its search index")
    build.add_argument("--output", help="output folder (default: OUTPUT_PATH from the settings)")
    build.add_argument("--site-url", help="absolute URL the site is published at (default: SITEURL)")
    build.add_argument("--no-search", action="store_true", help="skip the Pagefind search index")
    build.set_defaults(run=cmd_build)

    schema = commands.add_parser("schema", help="write the JSON Schema of claim files (for editors)")
    schema.add_argument("--output", default="schema/claim.schema.json", help="file to write, - for standard output (default: %(default)s)")
    schema.set_defaults(run=cmd_schema)

    serve = commands.add_parser("serve", help="build, serve on localhost and rebuild on changes")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--output", help="output folder (default: OUTPUT_PATH from the settings)")
    serve.set_defaults(run=cmd_serve, site_url=None, no_search=False)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
