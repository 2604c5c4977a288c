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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from factcheck.base.escaping import one_line
from factcheck.base.limits import MAX_SOURCE_BYTES
from factcheck.base.safe_files import UnsafeFile, read_bytes
from factcheck.model.verdicts import Verdict
from factcheck.reading.claim_files import claim_files, read_claim_file, slug_of
from factcheck.reading.snapshots import SnapshotUnreadable, read_snapshot, sha256_hex, snapshot_path
from factcheck.reading.source_files import read_source, source_files, split_front_matter
from factcheck.rules.problems import Problems

T = TypeVar("T")


class GitError(Exception):
    pass


Quote = tuple[str | None, str | None, str]  # source, stance, quote; source or stance may be missing


@dataclass(frozen=True)
class ClaimVersion:
    """What the summary compares for one claim file."""

    path: str  # relative to the repository root
    claim: str | None
    verdict: str | None
    summary: str | None
    quotes: tuple[Quote, ...]
    readable: bool = True


def read_claims(claims_dir: Path, repo_root: Path) -> dict[str, ClaimVersion]:
    """Every claim file below ``claims_dir`` by slug, read leniently."""
    states = {}
    for path in claim_files(claims_dir):
        claim_file = read_claim_file(path, Problems())
        rel = path.relative_to(repo_root).as_posix()
        if claim_file is None:
            states[slug_of(path)] = ClaimVersion(rel, None, None, None, (), readable=False)
            continue
        quotes = tuple((e.source, e.stance, e.quote) for e in claim_file.evidence if e.quote)
        states[slug_of(path)] = ClaimVersion(rel, claim_file.claim, claim_file.verdict, claim_file.summary, quotes)
    return states


def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise GitError(result.stderr.decode(errors="replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def _files_at(ref: str, repo: Path, rel: str, into: Path) -> bool:
    """Write the files below ``rel`` as they are at a git ref into ``into``; False if none."""
    try:
        _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"'{ref}' is not a commit in {repo}; fetch it first (git fetch origin main) or name another ref") from None
    listed = _git(repo, "ls-tree", "-r", "--name-only", ref, "--", rel).decode().split("\n")
    if not any(listed):
        return False
    archive = _git(repo, "archive", "--format=tar", ref, "--", rel)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():  # regular files only: git paths, never links
            target = Path(into, member.name)
            if member.isfile() and ".." not in Path(member.name).parts:
                target.parent.mkdir(parents=True, exist_ok=True)
                content = tar.extractfile(member)
                if content is not None:  # (a regular file has content)
                    target.write_bytes(content.read())
    return True


def _read_at(ref: str, repo: Path, folder_rel: str, read: Callable[[Path, Path], dict[str, T]]) -> dict[str, T]:
    """What ``read`` makes of a folder as it is at a git ref (nothing if the folder is not there)."""
    with tempfile.TemporaryDirectory(prefix="factcheck-diff-") as tmp:
        if not _files_at(ref, repo, folder_rel, Path(tmp)):
            return {}
        return read(Path(tmp) / folder_rel, Path(tmp))


def claims_at(ref: str, repo: Path, claims_rel: str) -> dict[str, ClaimVersion]:
    """The claims as they are at a git ref."""
    return _read_at(ref, repo, claims_rel, read_claims)


@dataclass(frozen=True)
class SourceVersion:
    """What the summary compares for one archived source text."""

    path: str  # relative to the repository root
    title: str | None
    header: str  # the front matter as written
    paragraphs: tuple[str, ...]
    snapshot: str | None  # SHA-256 of the snapshot kept beside it, if any
    readable: bool = True


def _snapshot_digest(text_path: Path) -> str | None:
    try:
        return sha256_hex(read_snapshot(snapshot_path(text_path)))
    except SnapshotUnreadable:
        return None


def read_sources(sources_dir: Path, repo_root: Path) -> dict[str, SourceVersion]:
    """Every source text in ``sources_dir`` by id, read leniently (``check`` judges them), but
    as every input is read: never through a link, never a FIFO or device, within the size limit."""
    states = {}
    for path in source_files(sources_dir):
        rel = path.relative_to(repo_root).as_posix()
        try:
            raw = read_bytes(str(path), MAX_SOURCE_BYTES).decode("utf-8", errors="replace").replace("\r\n", "\n")
        except (UnsafeFile, OSError):
            states[path.stem] = SourceVersion(rel, None, "", (), None, readable=False)
            continue
        parts = split_front_matter(raw)
        header, body = parts[:2] if parts and parts[2] >= 0 else ("", raw)
        source = read_source(path, Problems())
        states[path.stem] = SourceVersion(rel, source.title if source else None, header,
                                        tuple(line for line in body.split("\n") if line.strip()), _snapshot_digest(path))
    return states


def sources_at(ref: str, repo: Path, sources_rel: str) -> dict[str, SourceVersion]:
    """The source texts as they are at a git ref."""
    return _read_at(ref, repo, sources_rel, read_sources)


def repo_root(start: Path) -> Path:
    return Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())


# -- Markdown ---------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(text: str | None) -> str:
    """Contributor text made inert in a GitHub comment: no HTML, no Markdown syntax."""
    text = one_line(" ".join((text or "").split()))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def code(text: str) -> str:
    """A file name or ref as a Markdown code span, shown exactly and on one line: the fence is
    longer than any run of backticks in it, so none of it can close the span."""
    text = one_line(text)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    # A span's content that starts or ends with a backtick needs a space between it and the
    # fence; one space either side is taken off again, as is one where both ends are spaces.
    pad = " " if text[:1] == "`" or text[-1:] == "`" or (text[:1] == " " and text[-1:] == " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _short(text: str | None, limit: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _changed_paragraphs(old: str | None, new: str | None) -> tuple[list[str], list[str]]:
    """The paragraphs only in the old text and only in the new one, so a review sees the edit."""
    def paragraphs(text: str | None) -> list[str]:
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    a, b = paragraphs(old), paragraphs(new)
    return [p for p in a if p not in b], [p for p in b if p not in a]


def _quote_changes(base: dict[str, ClaimVersion], head: dict[str, ClaimVersion], both: list[str]) -> list[tuple[ClaimVersion, list[Quote], list[Quote]]]:
    """Each readable claim whose quotes changed: the claim, the quotes that came and those that went."""
    changes = []
    for s in both:
        old, new = base[s], head[s]
        if not new.readable:
            continue
        gone = [q for q in old.quotes if q not in new.quotes]
        came = [q for q in new.quotes if q not in old.quotes]
        if gone or came:
            changes.append((new, came, gone))
    return changes


def _verdict_word(labels: dict[str, str], verdict: str | None) -> str:
    return f"**{md(labels.get(verdict or '', verdict or '(none)'))}**"


def _name(state: ClaimVersion) -> str:
    return code(state.path)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


@dataclass(frozen=True)
class _ClaimChanges:
    """What changed between two sets of claims, section by section."""

    added: list[ClaimVersion]
    removed: list[ClaimVersion]
    unreadable: list[ClaimVersion]
    verdicts: list[tuple[ClaimVersion, ClaimVersion]]
    quotes: list[tuple[ClaimVersion, list[Quote], list[Quote]]]
    summaries: list[tuple[ClaimVersion, ClaimVersion]]

    @classmethod
    def between(cls, base: dict[str, ClaimVersion], head: dict[str, ClaimVersion]) -> _ClaimChanges:
        both = sorted(base.keys() & head.keys())
        return cls(
            added=[head[s] for s in sorted(head.keys() - base.keys())],
            removed=[base[s] for s in sorted(base.keys() - head.keys())],
            unreadable=[head[s] for s in sorted(head) if not head[s].readable],
            verdicts=[(base[s], head[s]) for s in both if head[s].readable and base[s].verdict != head[s].verdict],
            quotes=_quote_changes(base, head, both),
            summaries=[(base[s], head[s]) for s in both if head[s].readable and base[s].summary != head[s].summary],
        )

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.verdicts or self.quotes or self.summaries or self.unreadable)

    def counts(self) -> list[str]:
        verdicts, summaries = len(self.verdicts), len(self.summaries)
        return [f"{len(self.added)} added", f"{len(self.removed)} removed", f"{verdicts} verdict change{_plural(verdicts, '', 's')}",
                f"{len(self.quotes)} with quote changes", f"{summaries} summar{_plural(summaries, 'y', 'ies')} edited"]


def _unreadable_section(changes: _ClaimChanges, labels: dict[str, str]) -> list[str]:  # noqa: ARG001 (one signature for every section)
    if not changes.unreadable:
        return []
    return ["### Files that cannot be read", "", *(f"- {_name(s)}: see the check results for the problems" for s in changes.unreadable), ""]


def _added_section(changes: _ClaimChanges, labels: dict[str, str]) -> list[str]:
    if not changes.added:
        return []
    out = [f"### Added ({len(changes.added)})", ""]
    for s in changes.added:
        quotes = f", {len(s.quotes)} quote{_plural(len(s.quotes), '', 's')}" if s.readable else ""
        out.append(f"- {_name(s)}: “{md(_short(s.claim))}”, {_verdict_word(labels, s.verdict)}{quotes}")
    return [*out, ""]


def _removed_section(changes: _ClaimChanges, labels: dict[str, str]) -> list[str]:
    if not changes.removed:
        return []
    return [f"### Removed ({len(changes.removed)})", "",
            *(f"- {_name(s)}: “{md(_short(s.claim))}”, was {_verdict_word(labels, s.verdict)}" for s in changes.removed), ""]


def _verdicts_section(changes: _ClaimChanges, labels: dict[str, str]) -> list[str]:
    if not changes.verdicts:
        return []
    return ["### Verdict changes", "",
            *(f"- {_name(new)}: {_verdict_word(labels, old.verdict)} → {_verdict_word(labels, new.verdict)}" for old, new in changes.verdicts), ""]


def _quotes_section(changes: _ClaimChanges, labels: dict[str, str]) -> list[str]:  # noqa: ARG001 (one signature for every section)
    if not changes.quotes:
        return []
    out = ["### Quotes", ""]
    for state, came, gone in changes.quotes:
        out.append(f"- {_name(state)}")
        out += [f"  - added ({md(src)}, {md(stance)}): “{md(_short(q))}”" for src, stance, q in came]
        out += [f"  - removed ({md(src)}, {md(stance)}): “{md(_short(q))}”" for src, stance, q in gone]
    return [*out, ""]


def _summaries_section(changes: _ClaimChanges, labels: dict[str, str]) -> list[str]:  # noqa: ARG001 (one signature for every section)
    if not changes.summaries:
        return []
    out = ["### Summaries edited", ""]
    for old, new in changes.summaries:
        before, after = _changed_paragraphs(old.summary, new.summary)
        out.append(f"- {_name(new)}")
        out += [f"  - before: {md(_short(p, 300))}" for p in before]
        out += [f"  - after: {md(_short(p, 300))}" for p in after]
    return [*out, ""]


_SECTIONS = (_unreadable_section, _added_section, _removed_section, _verdicts_section, _quotes_section, _summaries_section)


def summarize(base: dict[str, ClaimVersion], head: dict[str, ClaimVersion], verdicts: Sequence[Verdict], base_name: str) -> str:
    labels = {v.id: v.label for v in verdicts}
    changes = _ClaimChanges.between(base, head)
    out = [f"## Claim changes against {code(base_name)}", ""]
    if not changes:
        return "\n".join([*out, "No claim was added, removed or changed.", ""])
    out += [", ".join(changes.counts()) + ".", ""]
    for section in _SECTIONS:
        out += section(changes, labels)
    return "\n".join(out).rstrip("\n") + "\n"


def summarize_sources(base: dict[str, SourceVersion], head: dict[str, SourceVersion]) -> str:
    """Archived texts added, edited or removed: every quote is checked against these, so an
    edit to one is something the reviewer must see, word for word."""
    added = [head[s] for s in sorted(head.keys() - base.keys())]
    removed = [base[s] for s in sorted(base.keys() - head.keys())]
    edited = [(base[s], head[s]) for s in sorted(base.keys() & head.keys()) if base[s] != head[s]]
    if not (added or removed or edited):
        return ""

    def title(state: SourceVersion) -> str:
        if not state.readable:
            return "cannot be read, see the check results for the problems"
        return f"“{md(_short(state.title))}”" if state.title else "(no readable title)"

    def size(state: SourceVersion) -> str:
        count = len(state.paragraphs)
        snapshot = ", with its snapshot" if state.snapshot else ""
        return f", {count} paragraph{'s' * (count != 1)}{snapshot}" if state.readable else ""

    out = ["### Archived sources", "",
           f"{len(added)} added, {len(edited)} edited, {len(removed)} removed.", ""]
    out += [f"- added {code(s.path)}: {title(s)}{size(s)}" for s in added]
    for old, new in edited:
        what = []
        if old.header != new.header:
            what.append("front matter changed")
        gone = [p for p in old.paragraphs if p not in new.paragraphs]
        came = [p for p in new.paragraphs if p not in old.paragraphs]
        if gone or came or old.paragraphs != new.paragraphs:
            what.append(f"text changed ({len(gone)} paragraph{'s' * (len(gone) != 1)} removed or edited, {len(came)} added or edited)")
        if old.snapshot != new.snapshot:
            what.append("snapshot added" if not old.snapshot else "snapshot removed" if not new.snapshot else "snapshot replaced")
        out.append(f"- **edited** {code(new.path)}: {title(new)}: {'; '.join(what)}")
        out += [f"  - before: {md(_short(p, 300))}" for p in gone[:10]]
        out += [f"  - after: {md(_short(p, 300))}" for p in came[:10]]
        if len(gone) > 10 or len(came) > 10:
            out.append("  - … (more paragraphs changed; see the file's diff)")
    for s in removed:
        out.append(f"- removed {code(s.path)}: {title(s)}")
    return "\n".join(out) + "\n"


def diff(base_ref: str, claims_dir: Path, verdicts: Sequence[Verdict], sources_dir: Path | None = None) -> str:
    """The Markdown summary of the claims (and source texts) in the working tree against ``base_ref``."""
    root = repo_root(claims_dir if claims_dir.is_dir() else claims_dir.parent)
    claims_rel = claims_dir.resolve().relative_to(root.resolve()).as_posix()
    base = claims_at(base_ref, root, claims_rel)
    head = read_claims(claims_dir.resolve(), root.resolve()) if claims_dir.is_dir() else {}
    text = summarize(base, head, verdicts, base_ref)
    if sources_dir is not None:
        sources_rel = sources_dir.resolve().relative_to(root.resolve()).as_posix()
        head_sources = read_sources(sources_dir.resolve(), root.resolve()) if sources_dir.is_dir() else {}
        sources = summarize_sources(sources_at(base_ref, root, sources_rel), head_sources)
        if sources:
            text = text.rstrip("\n") + "\n\n" + sources
    return text
