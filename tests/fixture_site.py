"""A small generated project for testing the generator: its own sources, claims and
registries (none of the reference content), with list pages short enough to paginate."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from conftest import ROOT

PAGE_SIZE = 3
_GIT_AUTHOR = {"GIT_AUTHOR_NAME": "Ed", "GIT_AUTHOR_EMAIL": "ed@example.org",
               "GIT_COMMITTER_NAME": "Ed", "GIT_COMMITTER_EMAIL": "ed@example.org"}
EXCERPTS = Path(__file__).parent / "fixtures" / "sources"  # short news texts, shared with the failing fixtures
VERDICTS = ("true", "mostly-true", "mixed", "misleading", "mostly-false", "false", "unverifiable")

SOURCES = {  # every claim quotes the first two; no claim quotes the others
    "ledger": ("The ledger", "Entry {n} says the minister spoke on day {n}."),
    "diary": ("The diary", "Note {n} records a meeting in week {n}."),
    "memo": ("The memo", "Point {n} is not quoted anywhere."),
    "minutes": ("The minutes", "Item {n} is not quoted either."),
}

PEOPLE = """\
- id: hr-mcmaster
  name: H.R. McMaster
  role: national security adviser
  description: Adviser in *May 2017*.
  aliases: [H. R. McMaster, Herbert McMaster]
- id: anonymous-officials
  name: Anonymous officials
  type: Organization
  description: Officials who spoke on condition of anonymity.
"""

TOPICS = """\
- id: allies
  label: Allies and the source
  description: The partner whose intelligence was shared.
"""


@dataclass
class FixtureClaim:
    slug: str
    claimant: str
    verdict: str
    published: str
    tags: list[str] = field(default_factory=list)
    number: int = 0  # which entry, note, point or item of the sources it quotes
    extra: str = ""  # more YAML lines
    title: str = ""  # the claim's wording, if not the numbered default
    summary: str = ""
    quotes: tuple[str, ...] = ("ledger", "diary")  # the first supports the claim, the others give context

    def text(self) -> str:
        tags = f"tags: [{', '.join(self.tags)}]\n" if self.tags else ""
        evidence = "".join(f"  - source: {source}\n    quote: {quote(source, self.number)}\n    stance: {'context' if i else 'supports'}\n"
                           for i, source in enumerate(self.quotes))
        return (f"claim: {self.title or f'Claim {self.number} said something checkable.'}\nclaimant: {self.claimant}\nverdict: {self.verdict}\n"
                f"summary: {self.summary or f'What we found about claim {self.number}.'}\nevidence:\n{evidence}"
                f"published: {self.published}\n{tags}{self.extra}")


def quote(source_id: str, number: int) -> str:
    """The first five words of a fixture source's paragraph ``number``: "Entry 3 says the minister"."""
    return " ".join(SOURCES[source_id][1].format(n=number).split()[:5])


METHODOLOGY = """Title: Methodology
Slug: methodology

How we rate claims.

[[verdict-scale]]

Send corrections to [[repository-url]].
"""


def default_claims() -> list[FixtureClaim]:
    """Seven claims by McMaster under three spellings, three by a claimant with no registry
    entry, two by an organisation, one more; tags from the registry and not."""
    claims = []
    plan = ([("H.R. McMaster", ["allies"])] * 4 + [("H. R. McMaster", ["allies", "law"])] + [("Herbert McMaster", ["law"])] * 2
            + [("Eric Schuler", ["allies"])] * 3 + [("Anonymous officials", [])] * 2
            + [("Dina Powell", ["declassification", "russia-and-isis"])])
    for number, (claimant, tags) in enumerate(plan, 1):
        # A few claims were corrected, enough for the corrections log to run to two pages.
        extra = f"updates:\n  - date: 2026-10-{number:02d}\n    note: Corrected claim {number}.\n" if number % 3 == 0 else ""
        # Half the claims share one verdict, so that its page runs to several; none is True.
        verdict = "mostly-false" if number % 2 else VERDICTS[(number // 2) % len(VERDICTS)]
        claims.append(FixtureClaim(f"claim-{number:02d}", claimant, verdict,
                                   f"2026-0{1 + number % 9}-{10 + number:02d}", tags, number, extra))
    return claims


def write_source(root: Path, source_id: str, text: str, title: str = "A source", extra: str = "") -> Path:
    """One more source text in a project folder (``extra``: more front matter lines)."""
    path = root / "content" / "sources" / f"{source_id}.txt"
    path.write_text(f"---\ntitle: {title}\npublisher: The {source_id.title()} Press\n{extra}---\n{text}", encoding="utf-8")
    return path


def add_excerpts(root: Path) -> Path:
    """The news excerpts of tests/fixtures/sources/ as more sources of a project folder."""
    for path in sorted(EXCERPTS.glob("*.txt")):
        shutil.copy2(path, root / "content" / "sources" / path.name)
    return root


def load_project(root: Path):
    """The checked site of a project folder, loaded as ``factcheck check`` loads it."""
    from factcheck.checking.load_site import load_site
    from factcheck.model.verdicts import scale
    from factcheck.project.settings import read, registry_paths

    settings = read(root / "pelican.conf.py")
    return load_site(root / "claims", root / "content" / "sources", scale(settings["FACTCHECK_VERDICTS"]), **registry_paths(settings))


def write_project(root: Path, claims: list[FixtureClaim] | None = None, *, people: str | None = PEOPLE,
                  topics: str | None = TOPICS, page_size: int = PAGE_SIZE, settings: str = "",
                  front_matter: dict[str, str] | None = None, pages: dict[str, str] | None = None) -> Path:
    """A project folder: the real settings file, everything else generated
    (``front_matter``: more front matter lines for some of the sources, by source id;
    ``pages``: editorial pages, Markdown by slug)."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    (root / "themes").mkdir()  # the site's own theme overrides: none (the theme comes with the package)
    with open(root / "pelican.conf.py", "a", encoding="utf-8") as config:
        config.write(f"\nSITENAME = 'Fixture checks'\nFACTCHECK_LIST_PAGE_SIZE = {page_size}\nFACTCHECK_SOCIAL_CARDS = False\n{settings}")
    sources = root / "content" / "sources"
    sources.mkdir(parents=True)
    for source_id, (title, line) in SOURCES.items():
        text = "\n\n".join(line.format(n=n) for n in range(1, 41))
        extra = (front_matter or {}).get(source_id, "")
        (sources / f"{source_id}.txt").write_text(f"---\ntitle: {title}\npublisher: The {source_id.title()} Press\n{extra}---\n{text}\n", encoding="utf-8")
    if people is not None:
        (root / "content" / "people.yaml").write_text(people, encoding="utf-8")
    if topics is not None:
        (root / "content" / "topics.yaml").write_text(topics, encoding="utf-8")
    for slug, markdown in (pages or {}).items():
        (root / "content" / "pages").mkdir(exist_ok=True)
        (root / "content" / "pages" / f"{slug}.md").write_text(markdown, encoding="utf-8")
    (root / "claims").mkdir()
    for claim in default_claims() if claims is None else claims:
        (root / "claims" / f"{claim.slug}.yaml").write_text(claim.text(), encoding="utf-8")
    return root


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` (as a made-up author, for commits); its output."""
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True,
                          env=dict(os.environ, **_GIT_AUTHOR)).stdout
