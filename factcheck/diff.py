"""``factcheck diff BASE``: what a change does to the claims, as Markdown for a PR comment.

Claims are read at the git ref BASE (``git archive`` into a temporary folder) and in the
working tree, field by field with the loader's own reader. Quotes are not matched here:
``factcheck check`` does that; a file that cannot be read is listed, not fatal.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from .claims import claim_files, read_claim_file, slug_of
from .problems import Problems
from .verdicts import Verdict


class GitError(Exception):
    pass


@dataclass(frozen=True)
class ClaimState:
    """What the summary compares for one claim file."""

    path: str  # relative to the repository root
    claim: str | None
    verdict: str | None
    summary: str | None
    quotes: tuple[tuple[str, str, str], ...]  # (source, stance, quote)
    readable: bool = True


def read_claims(claims_dir: Path, repo_root: Path) -> dict[str, ClaimState]:
    """Every claim file below ``claims_dir`` by slug, read leniently."""
    states = {}
    for path in claim_files(claims_dir):
        claim_file = read_claim_file(path, Problems())
        rel = path.relative_to(repo_root).as_posix()
        if claim_file is None:
            states[slug_of(path)] = ClaimState(rel, None, None, None, (), readable=False)
            continue
        record = claim_file.record
        quotes = tuple((e.get("source"), e.get("stance"), e.get("quote")) for e in record.get("evidence", []) if e.get("quote"))
        states[slug_of(path)] = ClaimState(rel, record.get("claim"), record.get("verdict"), record.get("summary"), quotes)
    return states


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode(errors="replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def claims_at(ref: str, repo: Path, claims_rel: str) -> dict[str, ClaimState]:
    """The claims as they are at a git ref."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"'{ref}' is not a commit in {repo}; fetch it first (git fetch origin main) or name another ref") from None
    listed = _git(repo, "ls-tree", "-r", "--name-only", ref, "--", claims_rel).decode().split("\n")
    if not any(listed):
        return {}
    archive = _git(repo, "archive", "--format=tar", ref, "--", claims_rel)
    with tempfile.TemporaryDirectory(prefix="factcheck-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            for member in tar.getmembers():  # regular files only: git paths, never links
                target = Path(tmp, member.name)
                if member.isfile() and ".." not in Path(member.name).parts:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(tar.extractfile(member).read())
        return read_claims(Path(tmp) / claims_rel, Path(tmp))


def repo_root(start: Path) -> Path:
    return Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())


# -- Markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(text: str | None) -> str:
    """Contributor text made inert in a GitHub comment: no HTML, no Markdown syntax."""
    text = " ".join((text or "").split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _short(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _changed_paragraphs(old: str | None, new: str | None) -> tuple[list[str], list[str]]:
    """The paragraphs only in the old text and only in the new one, so a review sees the edit."""
    def paragraphs(text: str | None) -> list[str]:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    a, b = paragraphs(old), paragraphs(new)
    return [p for p in a if p not in b], [p for p in b if p not in a]


def summarize(base: dict[str, ClaimState], head: dict[str, ClaimState], verdicts: Sequence[Verdict], base_name: str) -> str:
    labels = {v.id: v.label for v in verdicts}

    def verdict(v: str | None) -> str:
        return f"**{md(labels.get(v or '', v or '(none)'))}**"

    def name(state: ClaimState) -> str:
        return f"`{state.path}`"

    added = [head[s] for s in sorted(head.keys() - base.keys())]
    removed = [base[s] for s in sorted(base.keys() - head.keys())]
    both = sorted(base.keys() & head.keys())
    unreadable = [head[s] for s in sorted(head) if not head[s].readable]
    verdict_changes = [(base[s], head[s]) for s in both if head[s].readable and base[s].verdict != head[s].verdict]
    quote_changes = []
    for s in both:
        old, new = base[s], head[s]
        if not new.readable:
            continue
        gone = [q for q in old.quotes if q not in new.quotes]
        came = [q for q in new.quotes if q not in old.quotes]
        if gone or came:
            quote_changes.append((new, came, gone))
    summaries = [(base[s], head[s]) for s in both if head[s].readable and base[s].summary != head[s].summary]

    out = [f"## Claim changes against `{base_name}`", ""]
    if not (added or removed or verdict_changes or quote_changes or summaries or unreadable):
        return "\n".join(out + ["No claim was added, removed or changed.", ""])
    counts = [f"{len(added)} added", f"{len(removed)} removed", f"{len(verdict_changes)} verdict change{'s' * (len(verdict_changes) != 1)}",
              f"{len(quote_changes)} with quote changes", f"{len(summaries)} summar{'ies' if len(summaries) != 1 else 'y'} edited"]
    out += [", ".join(counts) + ".", ""]
    if unreadable:
        out += ["### Files that cannot be read", ""]
        out += [f"- {name(s)}: see the check results for the problems" for s in unreadable] + [""]
    if added:
        out += [f"### Added ({len(added)})", ""]
        for s in added:
            quotes = f", {len(s.quotes)} quote{'s' * (len(s.quotes) != 1)}" if s.readable else ""
            out.append(f"- {name(s)}: “{md(_short(s.claim))}”, {verdict(s.verdict)}{quotes}")
        out.append("")
    if removed:
        out += [f"### Removed ({len(removed)})", ""]
        out += [f"- {name(s)}: “{md(_short(s.claim))}”, was {verdict(s.verdict)}" for s in removed] + [""]
    if verdict_changes:
        out += ["### Verdict changes", ""]
        out += [f"- {name(new)}: {verdict(old.verdict)} → {verdict(new.verdict)}" for old, new in verdict_changes] + [""]
    if quote_changes:
        out += ["### Quotes", ""]
        for state, came, gone in quote_changes:
            out.append(f"- {name(state)}")
            out += [f"  - added ({md(src)}, {md(stance)}): “{md(_short(q))}”" for src, stance, q in came]
            out += [f"  - removed ({md(src)}, {md(stance)}): “{md(_short(q))}”" for src, stance, q in gone]
        out.append("")
    if summaries:
        out += ["### Summaries edited", ""]
        for old, new in summaries:
            before, after = _changed_paragraphs(old.summary, new.summary)
            out.append(f"- {name(new)}")
            out += [f"  - before: {md(_short(p, 300))}" for p in before]
            out += [f"  - after: {md(_short(p, 300))}" for p in after]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def diff(base_ref: str, claims_dir: Path, verdicts: Sequence[Verdict]) -> str:
    """The Markdown summary of the claims in the working tree against ``base_ref``."""
    root = repo_root(claims_dir if claims_dir.is_dir() else claims_dir.parent)
    claims_rel = claims_dir.resolve().relative_to(root.resolve()).as_posix()
    base = claims_at(base_ref, root, claims_rel)
    head = read_claims(claims_dir.resolve(), root.resolve()) if claims_dir.is_dir() else {}
    return summarize(base, head, verdicts, base_ref)
