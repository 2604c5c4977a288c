"""The ``factcheck`` command: check claim files, build the site, preview it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from factcheck import __version__
from factcheck.base.escaping import one_line
from factcheck.checking.load_site import CHECK_CACHE, check_site
from factcheck.project import settings as config
from factcheck.rules.problems import ValidationFailed, display_path
from factcheck.rules.reporting import report, summary


def _settings(args: argparse.Namespace, *, for_checking: bool = False, **override: Any) -> dict[str, Any]:
    path = Path(args.config)
    if not path.is_file():
        raise SystemExit(_fail(f"{args.config}: no such settings file (run factcheck from the project folder, or pass --config)"))
    if for_checking:
        return config.read_for_checking(path)
    override = {k: v for k, v in override.items() if v is not None}
    return config.read(path, override)


def _fail(message: str) -> int:
    print(one_line(f"factcheck: {message}"), file=sys.stderr)
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args, for_checking=True)
    try:
        result = check_site(
            config.project_path(settings, "FACTCHECK_CLAIMS_PATH"),
            config.project_path(settings, "FACTCHECK_SOURCES_PATH"),
            config.verdict_scale(settings),
            only=args.paths or None,
            cache=None if args.no_cache else config.cache_path(settings, CHECK_CACHE),
            **config.registry_paths(settings),
        )
    except ValidationFailed as failure:
        report(failure.problems)
        print(f"factcheck: {summary(failure.problems)}", file=sys.stderr)
        return 1
    warnings = list(result.warnings)
    if not args.paths:  # checking everything: the editorial pages too
        from factcheck.checking.editorial_pages import unedited_markers

        warnings += unedited_markers(settings)
    report(warnings)
    print(f"factcheck: {result.claims} claim(s) and {result.sources} source(s) checked, {summary(warnings)}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from factcheck.build.atomic_build import build_and_report  # here: checking, the pull-request case, needs none of it

    settings = _settings(args, SITEURL=args.site_url)
    output = Path(args.output or settings["OUTPUT_PATH"])
    return 0 if build_and_report(settings, output, search=not args.no_search) else 1


def cmd_schema(args: argparse.Namespace) -> int:
    from factcheck.outputs.claim_schema import schema_text

    text = schema_text(config.verdict_scale(_settings(args)))
    if args.output == "-":
        sys.stdout.write(text)
    else:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"factcheck: wrote {args.output}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from factcheck.cli.serve import serve

    return serve(Path(args.config), Path(args.output) if args.output else None, args.port)


def cmd_new(args: argparse.Namespace) -> int:
    from factcheck.cli import new_claim as scaffold

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
            claim = scaffold.complete_interactively(data, sources_dir, verdicts, _prompt, print)
        else:
            claim = scaffold.NewClaim(**data)
        path, warnings = scaffold.write_claim(claim, claims_dir, sources_dir, verdicts, args.slug, config.registry_paths(settings))
    except scaffold.ScaffoldError as failure:
        report(failure.problems)
        return _fail(f"new: {failure}")
    except (EOFError, KeyboardInterrupt):
        return _fail("new: stopped; nothing written")
    report(warnings)
    print(f"factcheck: wrote {display_path(str(path))}; fill in anything left blank, then run `factcheck check {display_path(str(path))}`")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from factcheck.cli.diff import GitError, diff

    settings = _settings(args)
    try:
        text = diff(args.base, config.project_path(settings, "FACTCHECK_CLAIMS_PATH"), config.verdict_scale(settings),
                    config.project_path(settings, "FACTCHECK_SOURCES_PATH"))
    except GitError as failure:
        return _fail(f"diff: {failure}")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from factcheck.cli import init_site as newsite

    directory = Path(args.directory)
    given = {name: getattr(args, name) for name in newsite.QUESTIONS if getattr(args, name) is not None}
    try:
        newsite.check_target(directory)  # before any question
        if given or args.no_input or not sys.stdin.isatty():
            answers = newsite.clean(newsite.Answers(**given))
        else:
            print(f"A new fact-check site in {display_path(str(directory))}/. Enter keeps the answer in brackets.")
            answers = newsite.ask_answers(_prompt, print)
        if args.package:
            requirement, local = newsite.one_line("--package", args.package), None
        else:
            requirement, local = newsite.package_requirement()
        newsite.write_site(directory, newsite.site_files(answers, requirement, local))
    except newsite.InitError as problem:
        return _fail(f"init: {problem}")
    except OSError as problem:
        return _fail(f"init: cannot write {display_path(str(directory))}: {problem.strerror or problem}; nothing written")
    except (EOFError, KeyboardInterrupt):
        return _fail("init: stopped; nothing written")
    where = display_path(str(directory))
    repository = "; a git repository on branch main" if newsite.git_init(directory) else ""
    print(f"factcheck: wrote a new site in {where}/{repository}. Next:")
    print(f"  cd {where}")
    print("  make site     # set up, check every claim, build output/")
    print("  make serve    # preview on http://127.0.0.1:8000/, rebuilt on every change")
    print("Replace each [EDIT THIS: …] in content/pages/, then add sources and claims: README.md says how.")
    if local:
        print(f"factcheck: note: requirements/factcheck.txt installs factcheck from {local}, which only this machine has; "
              "point it at a place your host can reach before publishing", file=sys.stderr)
    return 0


def cmd_archive(args: argparse.Namespace) -> int:
    from factcheck.archiving.archive_report import report_archive
    from factcheck.archiving.archive_source import ArchiveFailed, ArchiveRequest, archive
    from factcheck.archiving.web_page import clean_text

    settings = _settings(args, for_checking=True)
    request = ArchiveRequest(
        source=args.source, source_id=args.source_id, sources_dir=config.project_path(settings, "FACTCHECK_SOURCES_PATH"),
        force=args.force, keep=tuple(args.keep), encoding=args.encoding, dry_run=args.dry_run, local_network=args.local_network,
        overrides={name: getattr(args, name) for name in ("title", "publisher", "author", "published", "url", "retrieved", "description")},
    )
    try:
        result = archive(request)
    except ArchiveFailed as failure:
        return _fail(f"archive: {clean_text(str(failure))}; nothing written")
    report_archive(result, sys.stdout)
    return 0


def _prompt(question: str) -> str:
    return input(question)


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="factcheck", description="Check fact-check claim files and build the site.")
    top.add_argument("--version", action="version", version=f"factcheck {__version__}")
    top.add_argument("--config", default=config.CONFIG_FILE, help="settings file (default: %(default)s)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check claim and source files; exit 1 on any error")
    check.add_argument("paths", nargs="*", help="claim or source files to check (default: all)")
    check.add_argument("--no-cache", action="store_true", help="check every file, ignoring what earlier runs found unchanged")
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

    diff = commands.add_parser("diff", help="Markdown summary of claim and source changes against a git ref (for pull requests)")
    diff.add_argument("base", metavar="BASE", help="git ref to compare with, e.g. origin/main")
    diff.add_argument("--output", help="write the summary to this file instead of printing it")
    diff.set_defaults(run=cmd_diff)

    archive = commands.add_parser("archive", help="archive a web page (a saved HTML file or an http(s) URL) as content/sources/<ID>.txt, with its raw snapshot")
    archive.add_argument("source", metavar="SOURCE", help="a saved HTML page (\"Save page as… HTML only\") or an http:// or https:// address")
    archive.add_argument("--id", dest="source_id", metavar="ID", help="the source id: lowercase words joined by hyphens (names content/sources/ID.txt)")
    archive.add_argument("--force", action="store_true", help="replace an archived source with the same id")
    archive.add_argument("--keep", action="append", default=[], metavar="N|WORDS",
                         help="keep a block the extractor dropped: its number in the dropped list, or its opening words; repeat for more")
    archive.add_argument("--dry-run", action="store_true", help="show what would be kept and dropped; write nothing")
    archive.add_argument("--encoding", help="the page's character encoding, where the page does not say it correctly")
    archive.add_argument("--local-network", action="store_true",
                         help="allow an address on this machine or a private network (refused by default, also after a redirect)")
    for name, what in (("title", "the title"), ("publisher", "the publisher"), ("author", "the author(s)"),
                       ("published", "the publication date, YYYY-MM-DD"), ("url", "the original address"),
                       ("retrieved", "the date the page was retrieved, YYYY-MM-DD (default: today for an address, none for a file)"),
                       ("description", "what the text is, where title and publisher do not say")):
        archive.add_argument(f"--{name}", help=f"{what}, instead of what the page states")
    archive.set_defaults(run=cmd_archive)

    schema = commands.add_parser("schema", help="write the JSON Schema of claim files (for editors)")
    schema.add_argument("--output", default="schema/claim.schema.json", help="file to write, - for standard output (default: %(default)s)")
    schema.set_defaults(run=cmd_schema)

    init = commands.add_parser("init", help="start a new fact-check site in a new or empty folder; asks for its name and addresses on a terminal")
    init.add_argument("directory", metavar="DIR", help="the folder to create (or an empty one)")
    init.add_argument("--name", help="the site's name (default: Fact-checks)")
    init.add_argument("--publisher", help="who publishes the fact-checks (default: the editors)")
    init.add_argument("--url", help="the address the site will have (default: https://factcheck.example.org)")
    init.add_argument("--repository", help="the site's repository, where contributors send pull requests (default: none yet)")
    init.add_argument("--package", metavar="REQUIREMENT",
                      help="how the site's build installs factcheck, as a pip requirement (default: from where this one came, pinned)")
    init.add_argument("--no-input", action="store_true", help="never ask; use the flags and defaults")
    init.set_defaults(run=cmd_init)

    serve = commands.add_parser("serve", help="build, serve on localhost and rebuild on changes")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--output", help="output folder (default: OUTPUT_PATH from the settings)")
    serve.set_defaults(run=cmd_serve)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        run: Callable[[argparse.Namespace], int] = args.run
        code = run(args)
        sys.stdout.flush()  # here, so that a reader gone away is seen below, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped reading (``factcheck check | head``): nothing more can be said,
        # and Python would report the same error again when it flushes standard output at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
