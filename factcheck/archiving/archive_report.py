"""What ``factcheck archive`` tells the contributor: what it kept, from where, and what it
left out, so the text is reviewed before it is committed."""

from __future__ import annotations

from typing import TextIO

from factcheck.archiving.archive_source import ArchiveResult
from factcheck.archiving.extract_article import REPORTED_WORDS
from factcheck.rules.problems import display_path

OPENING_WORDS = 12


def opening(text: str, words: int = OPENING_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def report_archive(result: ArchiveResult, out: TextIO) -> None:
    ex = result.extraction
    text = display_path(str(result.text_path))
    snapshot = display_path(str(result.snapshot_path))
    verb = "wrote" if result.written else "would write (dry run, nothing written)"
    print(f"factcheck: {verb} {text}", file=out)
    print(f"  kept {len(ex.paragraphs)} paragraph{'s' * (len(ex.paragraphs) != 1)}, {ex.words:,} words"
          f" (page encoding {ex.decoded.encoding}, {ex.decoded.declared_by})", file=out)
    print(f"  snapshot {snapshot}: {result.snapshot_bytes:,} bytes, sha256 {result.front_matter['sha256']}", file=out)
    for name in ("title", "publisher", "author", "published", "url", "retrieved"):
        value = result.front_matter.get(name)
        if value is None:
            hint = "pass --retrieved if you know when the page was saved" if name == "retrieved" else f"pass --{name} if you know it"
            print(f"  {name}: not stated on the page; {hint}", file=out)
        else:
            print(f"  {name}: {value} (from {result.found_in.get(name, 'the page')})", file=out)
    for block in ex.kept_back:
        print(f"  kept on request: \"{opening(block.text)}\" ({block.words} words)", file=out)
    reported = ex.reported
    if reported:
        print(f"  dropped {len(reported)} block{'s' * (len(reported) != 1)} of more than {REPORTED_WORDS} words; "
              "check that none is part of the article:", file=out)
        for number, block in enumerate(reported, 1):
            print(f"    {number}. \"{opening(block.text)}\" ({block.words} words, <{block.tag}>)", file=out)
        print("  to keep one, run the command again with --force --keep N (or --keep 'its opening words'),"
              f" giving {snapshot} as SOURCE to re-read the same page", file=out)
    else:
        print(f"  dropped no block of more than {REPORTED_WORDS} words", file=out)
    if ex.decoded.declared_by == "from the HTTP header":
        print(f"  the page states its encoding only in the HTTP header: to re-read the snapshot, pass --encoding {ex.decoded.encoding}", file=out)
    if result.written:
        print(f"  next: read {text} against the page, then quote it in a claim and run factcheck check", file=out)
