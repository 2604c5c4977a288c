"""A corpus of hostile inputs, each with the outcome ``factcheck check`` must give.

Every case is a small project: the news excerpts of tests/fixtures/sources/ plus the files the case adds
(claims, sources, links, FIFOs). Its expected outcome is the exact list of problems
(``path:line:col: CODE``) and the exit status; on top of that, every case must print each
problem on one line, never a traceback, and finish (a hang fails the case).

The cases: every claim field × {markup, script URL, control characters, huge, deep, wrong
type}, then the attacks found on the loader one by one (links, FIFOs, devices, sizes,
nesting, NUL bytes, forged CI annotations, weak quotes, anchors, obfuscated links).

``tests/test_hostile_corpus.py`` runs it in ``make test``; ``scripts/hostile_corpus.py``
runs each case as a user would (a process of its own) and reports times.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.base.limits import MAX_NORMALISING

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(__file__).resolve().parent / "fixtures" / "sources"  # short excerpts, not the reference site's texts
TIMEOUT = 60  # seconds: a case still running then has hung


@dataclass(frozen=True)
class Link:
    target: str


@dataclass(frozen=True)
class Fifo:
    pass


@dataclass(frozen=True)
class Folder:
    pass


@dataclass
class Case:
    name: str
    files: dict[str, str | bytes | Link | Fifo | Folder]
    expected: list[str]  # "path:line:col: CODE", in the order check prints them
    status: int
    notes: str = ""

    def materialise(self, project: Path) -> Path:
        """Write the case as a project folder (with the fixture sources) and return it."""
        (project / "claims").mkdir(parents=True)
        shutil.copytree(SOURCES, project / "content" / "sources")
        shutil.copy2(ROOT / "pelican.conf.py", project / "pelican.conf.py")
        for name, content in self.files.items():
            path = project / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, Link):
                path.symlink_to(content.target)
            elif isinstance(content, Fifo):
                os.mkfifo(path)
            elif isinstance(content, Folder):
                path.mkdir()
                (path / "README").write_text("a folder\n")
            else:
                path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return project


# -- the claim every case starts from ----------------------------------------------------

BASE = [  # (key as written, value as written); "-" starts an evidence or update entry
    ("claim", "At no time were intelligence sources or methods discussed."),
    ("claimant", "H.R. McMaster"),
    ("claimant_kind", "person"),
    ("appeared_in", "washington-post"),
    ("said_on", "2017-05-15"),
    ("verdict", "misleading"),
    ("summary", "The Post reports that Trump did not reveal the method."),
    ("evidence", ""),
    ("  - source", "washington-post"),
    ("    quote", "He did not reveal the specific intelligence gathering method"),
    ("    stance", "supports"),
    ("    note", "As the Post reported it."),
    ("    occurrence", "1"),
    ("  - source", "slate"),
    ("    quote", "The story that came out tonight as reported is false"),
    ("    stance", "context"),
    ("published", "2026-11-22"),
    ("updates", ""),
    ("  - date", "2026-11-23"),
    ("    note", "A typo corrected."),
    ("tags", "[sources-and-methods]"),
    ("aliases", "[old-slug]"),
]
# Field name -> index in BASE of the line whose value a matrix case replaces.
FIELDS = {
    "claim": 0, "claimant": 1, "claimant_kind": 2, "appeared_in": 3, "said_on": 4, "verdict": 5,
    "summary": 6, "evidence.source": 8, "evidence.quote": 9, "evidence.stance": 10, "evidence.note": 11,
    "evidence.occurrence": 12, "published": 16, "updates.date": 18, "updates.note": 19, "tags": 20, "aliases": 21,
}
CLAIM = "claims/a-claim.yaml"


def claim_text(replace: dict[int, str] | None = None, extra: str = "") -> str:
    replace = replace or {}
    lines = []
    for i, (key, default) in enumerate(BASE):
        value = replace.get(i, default)
        lines.append(f"{key}: {value}" if value else f"{key}:")
    return "\n".join(lines) + "\n" + extra


def value_column(index: int) -> int:
    """1-based column where the value of BASE[index] starts."""
    return len(BASE[index][0]) + 3  # after "key: "


def at(index: int, offset: int = 0) -> str:
    return f"{CLAIM}:{index + 1}:{value_column(index) + offset}"


# -- field x variant ---------------------------------------------------------------------

HUGE = "word " * 40_000  # 200 kB: within the file limit, over every field's
DEEP = "[" * 100_000 + "]" * 100_000
VARIANTS = {
    "markup": '"<b>bold</b> <script>alert(1)</script> <img src=x onerror=alert(1)>"',
    "script-url": '"[click](javascript:alert(document.cookie))"',
    "control": '"x\\0y\\n::error file=README.md,line=1::INJECTED\\e[2J"',
    "huge": HUGE.strip(),
    "deep": DEEP,
    "wrong-type": "{first: 1, second: [2]}",
}
LISTS = {"tags", "aliases"}  # their variants are list items; a mapping is their wrong type
IN_ENTRY = {f for f in FIELDS if "." in f}
KIND = {
    "claim": "text", "claimant": "text", "claimant_kind": "choice", "appeared_in": "id", "said_on": "date",
    "verdict": "verdict", "summary": "markdown", "evidence.source": "id", "evidence.quote": "quote",
    "evidence.stance": "stance", "evidence.note": "markdown", "evidence.occurrence": "count",
    "published": "date", "updates.date": "date", "updates.note": "markdown", "tags": "slugs", "aliases": "slugs",
}
# What check must say, by the field's kind and the variant: a code and whether it is only a
# warning (exit 0), or None for "accepted as it is" (text fields show markup as text).
OUTCOME = {
    "text": {"markup": None, "script-url": None},
    "choice": {"markup": "FC006", "script-url": "FC006", "huge": "FC006"},
    "id": {"markup": "FC009", "script-url": "FC009", "huge": "FC009"},
    "date": {"markup": "FC007", "script-url": "FC007", "huge": "FC007"},
    "verdict": {"markup": "FC008", "script-url": "FC008", "huge": "FC008"},
    "markdown": {"markup": "FC020 warning", "script-url": "FC030 warning"},
    "quote": {"markup": "FC011", "script-url": "FC011"},
    "stance": {"markup": "FC010", "script-url": "FC010", "huge": "FC010"},
    "count": {"markup": "FC006", "script-url": "FC006", "huge": "FC006"},
    "slugs": {"markup": "FC006", "script-url": "FC006", "huge": "FC006"},
}


def _matrix_case(field_name: str, variant: str) -> Case:
    index = FIELDS[field_name]
    kind = KIND[field_name]
    value = VARIANTS[variant]
    if field_name in LISTS and variant not in ("deep", "wrong-type"):
        value, offset = f"[{value}]", 1  # the variant is an item of the list
    else:
        offset = 0
    outcome = {"control": "FC036", "deep": "FC035", "wrong-type": "FC006", "huge": "FC037"} | OUTCOME[kind]
    code = outcome.get(variant)
    expected, status = [], 0
    if code is not None:
        where = offset
        if variant == "deep":  # the first list nested 17 levels deep: below the claim's own levels
            where = (13 if field_name in IN_ENTRY else 15)
        elif variant == "script-url" and kind == "markdown":  # at the link itself
            where = value.index("javascript:")
        expected = [f"{at(index, where)}: {code.split()[0]}"]
        status = 0 if code.endswith("warning") else 1
    return Case(f"{field_name}-{variant}", {CLAIM: claim_text({index: value})}, expected, status)


def matrix() -> list[Case]:
    return [_matrix_case(f, v) for f in FIELDS for v in VARIANTS]


# -- the attacks, one by one -------------------------------------------------------------

def _source(body: str, front: str = "title: An archived page") -> str:
    return f"---\n{front}\n---\n{body}"


def attacks() -> list[Case]:
    good = claim_text()
    quote_line = FIELDS["evidence.quote"]
    src = "content/sources"
    return [
        Case("base-claim-is-clean", {CLAIM: good}, [], 0),
        # Links and special files
        Case("claim-links-to-etc-passwd", {CLAIM: Link("/etc/passwd")}, [f"{CLAIM}:1:1: FC032"], 1),
        Case("source-links-outside-the-repository", {f"{src}/leak.txt": Link(str(ROOT / "README.md"))}, [f"{src}/leak.txt:1:1: FC032"], 1),
        Case("source-links-to-dev-zero", {f"{src}/zero.txt": Link("/dev/zero")}, [f"{src}/zero.txt:1:1: FC032"], 1),
        Case("source-links-to-dev-urandom", {f"{src}/random.txt": Link("/dev/urandom")}, [f"{src}/random.txt:1:1: FC032"], 1),
        Case("claim-is-a-fifo", {CLAIM: Fifo()}, [f"{CLAIM}:1:1: FC033"], 1),
        Case("source-is-a-fifo", {f"{src}/pipe.txt": Fifo()}, [f"{src}/pipe.txt:1:1: FC033"], 1),
        Case("source-is-a-folder", {f"{src}/folder.txt": Folder()}, [f"{src}/folder.txt:1:1: FC033"], 1),
        Case("claims-subfolder-is-a-link", {CLAIM: good, "claims/more": Link("/etc")}, ["claims/more:1:1: FC032"], 1),
        # Sizes
        Case("claim-file-of-300-kb", {CLAIM: good + "# " + "x" * 300_000 + "\n"}, [f"{CLAIM}:1:1: FC034"], 1),
        Case("quote-of-1.2-mb", {CLAIM: claim_text({quote_line: "word " * 240_000})}, [f"{CLAIM}:1:1: FC034"], 1),
        Case("quote-of-3001-characters", {CLAIM: claim_text({quote_line: "x" * 3001})}, [f"{at(quote_line)}: FC037"], 1),
        Case("source-of-10-mb-on-one-line", {f"{src}/big.txt": _source("word " * 2_000_000)}, [f"{src}/big.txt:1:1: FC034"], 1),
        Case("quote-missing-from-a-2-mb-one-line-source",
             {f"{src}/big.txt": _source(" ".join(f"w{i % 7919}" for i in range(300_000))),
              CLAIM: claim_text({8: "big", quote_line: "w17 w18 w19 w20 w21 w22 missing"})}, [f"{at(quote_line)}: FC011"], 1),
        Case("source-of-2-mb-of-combining-accents", {f"{src}/accents.txt": _source("e\u0301" * 690_000 + "\n")}, [f"{src}/accents.txt:1:1: FC034"], 1),
        Case("source-just-under-the-normalising-limit-in-combining-accents",
             {f"{src}/accents.txt": _source("e\u0301" * (MAX_NORMALISING - 1000) + "\nThe quoted sentence is at the end.\n"),
              CLAIM: claim_text({8: "accents", quote_line: "The quoted sentence is at the end."})}, [], 0),
        Case("source-just-under-the-normalising-limit-in-ellipses",
             {f"{src}/ellipses.txt": _source("a\u2026" * (MAX_NORMALISING - 1000) + "\nThe quoted sentence is at the end.\n"),
              CLAIM: claim_text({8: "ellipses", quote_line: "The quoted sentence is at the end."})}, [], 0),
        Case("100000-quotes", {CLAIM: claim_text({7: "\n" + "  - {source: slate, quote: x, stance: context}\n" * 100_000})},
             [f"{CLAIM}:1:1: FC034"], 1),
        Case("51-quotes", {CLAIM: claim_text({7: "\n" + "  - {source: slate, quote: The story that came out tonight as reported is false, stance: context}\n" * 51})},
             [f"{CLAIM}:59:5: FC039"], 1),
        Case("quote-matching-thousands-of-times", {f"{src}/repeats.txt": _source("The story is false. " * 5000),
                                                   CLAIM: claim_text({8: "repeats", quote_line: "The story is false.", 12: ""})}, [f"{at(quote_line)}: FC012"], 1),
        # Nesting
        Case("claim-nested-100000-deep", {CLAIM: "claim: " + DEEP + "\n"}, [f"{CLAIM}:1:23: FC035"], 1),
        Case("claim-nested-100000-deep-in-block-lists", {CLAIM: "claim:\n" + "- " * 100_000 + "x\n"}, [f"{CLAIM}:2:31: FC035"], 1),
        Case("source-front-matter-nested-100000-deep", {f"{src}/deep.txt": _source("Text.\n", "title: " + DEEP)}, [f"{src}/deep.txt:2:23: FC035"], 1),
        Case("claim-nested-100000-deep-with-an-alias-star", {CLAIM: "claim: '*'\nclaimant: " + DEEP + "\n"}, [f"{CLAIM}:2:26: FC035"], 1),
        # Control characters and forged annotations
        Case("nul-byte-in-a-claim", {CLAIM: good.replace("H.R. McMaster", "H.R. Mc\x00Master")}, [f"{CLAIM}:2:18: FC036"], 1),
        Case("escape-sequence-raw-in-a-claim", {CLAIM: good.replace("H.R. McMaster", "H.R. \x1b[2JMcMaster")}, [f"{CLAIM}:2:16: FC036"], 1),
        Case("nul-byte-in-a-source-text", {f"{src}/nul.txt": _source("First line.\nSecond\x00line.\n")}, [f"{src}/nul.txt:5:7: FC036"], 1),
        Case("forged-annotation-in-a-date", {CLAIM: claim_text({4: '"2017\\n::error file=README.md,line=1::INJECTED"'})}, [f"{at(4)}: FC007"], 1),
        Case("forged-annotation-in-a-key", {CLAIM: good + '"said\\n::error file=README.md,line=1::KEY": 1\n'}, [f"{CLAIM}:23:1: FC004"], 1),
        Case("forged-annotation-in-a-file-name", {"claims/a\n::error file=README.md,line=1::NAME.yaml": good},
             ["claims/a\\n::error file=README.md,line=1::NAME.yaml:1:1: FC015"], 1),
        Case("carriage-return-in-a-value", {CLAIM: claim_text({1: '"H.R.\\r::error::McMaster"'})}, [f"{at(1)}: FC036"], 1),
        Case("line-separator-in-a-value", {CLAIM: claim_text({5: '"misleading\\L::error::x"'})}, [f"{at(5)}: FC008"], 1),
        Case("bidi-override-in-a-value", {CLAIM: claim_text({5: "\u202emisleading"})}, [f"{at(5)}: FC008"], 1),
        # Weak evidence and YAML tricks
        Case("quote-of-a-full-stop", {CLAIM: claim_text({quote_line: '"."'})}, [f"{at(quote_line)}: FC038"], 1),
        Case("quote-of-an-ellipsis", {CLAIM: claim_text({quote_line: '"\u2026"'})}, [f"{at(quote_line)}: FC038"], 1),
        Case("quote-elided-to-a-full-stop", {CLAIM: claim_text({quote_line: '"He did not reveal ... ."'})}, [f"{at(quote_line)}: FC038"], 1),
        Case("anchor-without-alias", {CLAIM: claim_text({6: "&big The Post reports that Trump did not reveal the method."})}, [f"{at(6)}: FC017"], 1),
        Case("alias-bomb", {CLAIM: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"},
             [f"{CLAIM}:2:8: FC017"], 1),
        Case("python-object-tag", {CLAIM: claim_text({0: "!!python/object/apply:os.system ['touch /tmp/pwned']"})}, [f"{at(0)}: FC006"], 1),
        Case("binary-tag", {CLAIM: claim_text({0: "!!binary aGVsbG8="})}, [], 0, "a tag is ignored: the value is read as text"),
        # Links in Markdown, every spelling
        Case("obfuscated-script-links", {CLAIM: claim_text({6: "|\n  [a](JaVaScRiPt:alert(1)) [b](vbscript:msgbox(1)) [c](&#106;avascript:alert(1))\n"
                                                              "  [d](java&#x09;script:alert(1)) [e](data:text/html,x) [f][r] <ftp://example.org/>\n\n  [r]: javascript:alert(1)"})},
             [f"{CLAIM}:8:7: FC030", f"{CLAIM}:8:32: FC030", f"{CLAIM}:8:56: FC030", f"{CLAIM}:9:7: FC030",
              f"{CLAIM}:9:38: FC030", f"{CLAIM}:9:64: FC030", f"{CLAIM}:11:8: FC030"], 0),
        Case("image-in-a-summary", {CLAIM: claim_text({6: "\"The Post ![pixel](https://tracker.example/p.png)\""})}, [f"{at(6, 19)}: FC031"], 0),
        Case("script-link-in-an-update-note", {CLAIM: claim_text({19: "\"[fixed](javascript:alert(1))\""})}, [f"{at(19, 9)}: FC030"], 0),
        # Source front matter
        Case("source-url-is-a-script", {f"{src}/s.txt": _source("Text.\n", "title: A page\nurl: javascript:alert(1)")}, [f"{src}/s.txt:3:6: FC006"], 1),
        Case("source-url-with-a-newline", {f"{src}/s.txt": _source("Text.\n", 'title: A page\nurl: "https://example.org/\\n::error::x"')}, [f"{src}/s.txt:3:6: FC006"], 1),
        Case("source-title-with-control-characters", {f"{src}/s.txt": _source("Text.\n", 'title: "A page\\e[2J"')}, [f"{src}/s.txt:2:8: FC036"], 1),
        Case("source-title-is-huge", {f"{src}/s.txt": _source("Text.\n", "title: " + HUGE.strip())}, [f"{src}/s.txt:2:8: FC037"], 1),
        Case("source-title-of-wrong-type", {f"{src}/s.txt": _source("Text.\n", "title: [a, b]")}, [f"{src}/s.txt:2:8: FC006"], 1),
    ]


def corpus() -> list[Case]:
    return matrix() + attacks()


# -- running a case ----------------------------------------------------------------------

PROBLEM = re.compile(r"^(?P<where>\S.*?:\d+:\d+): (?P<code>FC\d{3}) (?P<warning>warning: )?\S")
ANNOTATION = re.compile(r"^::(error|warning) file=[^\n,:]*,line=\d+,col=\d+::FC\d{3} ")
SUMMARY = re.compile(r"^factcheck: ")


@dataclass
class Result:
    case: Case
    status: int | None
    output: str
    seconds: float
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def judge(case: Case, status: int | None, output: str, seconds: float) -> Result:
    result = Result(case, status, output, seconds)
    lines = output.splitlines()
    if status is None:
        result.failures.append(f"no answer within {TIMEOUT} s")
        return result
    if "Traceback" in output:
        result.failures.append("a traceback")
    strays = [line for line in lines if not (PROBLEM.match(line) or ANNOTATION.match(line) or SUMMARY.match(line))]
    if strays:
        result.failures.append(f"lines that are neither a problem, an annotation nor the summary: {strays[:3]!r}")
    problems = [m["where"] + ": " + m["code"] for m in map(PROBLEM.match, lines) if m]
    annotations = [line for line in lines if ANNOTATION.match(line)]
    if annotations and len(annotations) != len(problems):
        result.failures.append(f"{len(problems)} problems but {len(annotations)} annotations")
    if problems != case.expected:
        result.failures.append(f"reported {problems} instead of {case.expected}")
    if status != case.status:
        result.failures.append(f"exit status {status} instead of {case.status}")
    return result


class _Hung(Exception):
    pass


def run_in_process(case: Case, project: Path) -> Result:
    """Check the case with ``factcheck.cli.main`` in this process (as the test suite does)."""
    from factcheck.cli.main import main

    case.materialise(project)
    out = io.StringIO()
    cwd = os.getcwd()

    def hung(*_):
        raise _Hung

    previous = signal.signal(signal.SIGALRM, hung)
    actions = os.environ.get("GITHUB_ACTIONS")
    os.environ["GITHUB_ACTIONS"] = "true"  # annotations too: each must be one line
    signal.alarm(TIMEOUT)
    start = time.perf_counter()
    status: int | None
    try:
        os.chdir(project)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            status = main(["check"])
    except _Hung:
        status = None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
        os.chdir(cwd)
        if actions is None:
            del os.environ["GITHUB_ACTIONS"]
        else:
            os.environ["GITHUB_ACTIONS"] = actions
    return judge(case, status, out.getvalue(), time.perf_counter() - start)


def run_as_user(case: Case, project: Path) -> Result:
    """Check the case as a user would: ``python -m factcheck check`` in its own process."""
    case.materialise(project)
    env = dict(os.environ, GITHUB_ACTIONS="true", PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "factcheck", "check"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=TIMEOUT)
        status, output = done.returncode, done.stderr + done.stdout
    except subprocess.TimeoutExpired:
        status, output = None, ""
    return judge(case, status, output, time.perf_counter() - start)
