"""The ``factcheck`` command: check claim files, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import settings as config
from .problems import Problem, ValidationFailed, display_path
from .site import load_site


def _settings(args: argparse.Namespace, *, for_checking: bool = False, **override):
    path = Path(args.config)
    if not path.is_file():
        raise SystemExit(_fail(f"{args.config}: no such settings file (run factcheck from the project folder, or pass --config)"))
    if for_checking:
        return config.read_for_checking(path)
    override = {k: v for k, v in override.items() if v is not None}
    return config.read(path, override)


def _fail(message: str) -> int:
    print(f"factcheck: {message}", file=sys.stderr)
    return 1


def report(problems: Sequence[Problem], stream=None) -> None:
    """Print problems; under GitHub Actions also as annotations on the changed lines."""
    stream = stream or sys.stderr  # looked up now, so a redirected stderr is honoured
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
    settings = _settings(args, for_checking=True)
    try:
        site = load_site(
            config.project_path(settings, "FACTCHECK_CLAIMS_PATH"),
            config.project_path(settings, "FACTCHECK_SOURCES_PATH"),
            config.verdict_scale(settings),
            only=args.paths or None,
            **config.registry_paths(settings),
        )
    except ValidationFailed as failure:
        report(failure.problems)
        print(f"factcheck: {_summary(failure.problems)}", file=sys.stderr)
        return 1
    report(site.warnings)
    print(f"factcheck: {len(site.claims)} claim(s) and {len(site.sources)} source(s) checked, {_summary(site.warnings)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildFailed, build_site  # here: checking, the pull-request case, needs none of it

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


def cmd_new(args: argparse.Namespace) -> int:
    from . import scaffold

    settings = _settings(args)
    claims_dir = config.project_path(settings, "FACTCHECK_CLAIMS_PATH")
    sources_dir = config.project_path(settings, "FACTCHECK_SOURCES_PATH")
    verdicts = config.verdict_scale(settings)
    try:
        data = {
            "claim": args.claim, "claimant": args.claimant, "verdict": args.verdict, "summary": args.summary or "",
            "appeared_in": args.appeared_in, "said_on": args.said_on,
            "evidence": [scaffold.EvidenceInput.parse(e) for e in args.evidence],
        }
        if args.published:
            data["published"] = args.published
        missing = [f"--{name.replace('_', '-')}" for name in ("claim", "claimant", "verdict", "evidence") if not data[name]]
        if missing:
            if args.no_input or not sys.stdin.isatty():
                return _fail(f"new: {', '.join(missing)} needed (or run it in a terminal to be asked)")
            data = scaffold.complete_interactively(data, sources_dir, verdicts, _prompt, print)
        else:
            data = scaffold.ClaimInput(**data)
        path, warnings = scaffold.write_claim(data, claims_dir, sources_dir, verdicts, args.slug, config.registry_paths(settings))
    except scaffold.ScaffoldError as failure:
        report(failure.problems)
        return _fail(f"new: {failure}")
    except (EOFError, KeyboardInterrupt):
        return _fail("new: stopped; nothing written")
    report(warnings)
    print(f"factcheck: wrote {display_path(str(path))}; fill in anything left blank, then run `factcheck check {display_path(str(path))}`")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from .diff import GitError, diff

    settings = _settings(args)
    try:
        text = diff(args.base, config.project_path(settings, "FACTCHECK_CLAIMS_PATH"), config.verdict_scale(settings))
    except GitError as failure:
        return _fail(f"diff: {failure}")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def _prompt(question: str) -> str:
    return input(question)


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

    new = commands.add_parser("new", help="write a new claim file, checking its quotes first; asks for what the flags leave out")
    new.add_argument("--claim", help="the claim, in the claimant's words (the file name is made from it)")
    new.add_argument("--claimant", help="who made the claim")
    new.add_argument("--verdict", help="a verdict id from the scale")
    new.add_argument("--summary", help="what we found (may be written in the file later)")
    new.add_argument("--evidence", action="append", default=[], metavar="SOURCE:STANCE:QUOTE",
                     help="a quote from an archived source; repeat for more")
    new.add_argument("--appeared-in", help="id of the source where the claim appears")
    new.add_argument("--said-on", help="date the claim was made, YYYY-MM-DD")
    new.add_argument("--published", help="publication date of the fact-check (default: today)")
    new.add_argument("--slug", help="file name without .yaml (default: made from the claim)")
    new.add_argument("--no-input", action="store_true", help="never ask; fail if a flag is missing")
    new.set_defaults(run=cmd_new)

    diff = commands.add_parser("diff", help="Markdown summary of claim changes against a git ref (for pull requests)")
    diff.add_argument("base", metavar="BASE", help="git ref to compare with, e.g. origin/main")
    diff.add_argument("--output", help="write the summary to this file instead of printing it")
    diff.set_defaults(run=cmd_diff)

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
