"""The site behind ``factcheck serve``: built once, then kept up to date page by page.

The site is built in full at the start, and again whenever a template, a setting or an
editorial page changes. A changed claim or archived source is checked on its own, against
the site in memory, together with every claim that quotes a changed source, and only the
pages it touches are written again: the claim's page and card, the pages of the sources it
quotes (before and after the change), the pages of its verdicts (before and after) and the
lists it appears on. The browser is told at once; the machine-readable files and the search
index follow in the background, the index built beside the one in use and swapped in when
complete.

While any file has an error, nothing is written: the last good site stays, as with a full
build, and the files in error are checked again with the next change.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.build.atomic_build import build_and_report, index_in_place
from factcheck.checking.site_update import SiteChange, update_site
from factcheck.model.site import Site
from factcheck.project.settings import project_path, read
from factcheck.reading.claim_files import EXTENSIONS
from factcheck.rules.problems import ValidationFailed
from factcheck.rules.reporting import report
from factcheck.site.failures import BuildFailed, describe_failure
from factcheck.site.search_index import searched_pages, source_pages_glob

if TYPE_CHECKING:
    from factcheck.model.claims import Claim
    from factcheck.site.generator import FactCheckGenerator


def _print(message: str) -> None:
    print(f"factcheck: {message}", file=sys.stderr, flush=True)


class Preview:
    """The built site in ``output`` and the generator that built it, kept in memory."""

    def __init__(self, config: Path, output: Path, on_change: Callable[[], None]) -> None:
        self.config = config  # the settings file
        self.output = output
        self.on_change = on_change  # called as soon as changed pages are written
        self.generator: FactCheckGenerator | None = None  # the last good build's, None until one succeeds
        self.needs_full_build = True
        self.pending: set[str] = set()  # changed claim and source files not yet in the site
        self._site = threading.Lock()  # held while the site in memory changes or is read
        self._work = threading.Lock()  # guards what the follow-up thread is to do
        self._due: tuple[bool, bool] | None = None  # more follow-up work: (data files?, archive index?)
        self._thread: threading.Thread | None = None

    # -- what a change is --------------------------------------------------------------------
    def kind(self, path: str) -> str | None:
        """"claim", "source", "site" (anything else the site is made of) or None (not ours)."""
        settings = self.generator.settings if self.generator else None
        if settings is None:
            return "site"
        absolute = os.path.abspath(path)
        claims = str(project_path(settings, "FACTCHECK_CLAIMS_PATH"))
        sources = str(project_path(settings, "FACTCHECK_SOURCES_PATH"))
        if _inside(absolute, str(self.output)) or any(part.startswith(".") for part in Path(absolute).parts[-2:]):
            return None
        if _inside(absolute, claims):
            return "claim" if absolute.endswith(EXTENSIONS) else None
        if _inside(absolute, sources):
            return "source"  # a text, or a snapshot of one
        return "site"

    def apply(self, paths: set[str]) -> bool:
        """Bring the site up to date with these changed files; False if it could not be."""
        kinds = {self.kind(p) for p in paths} - {None}
        if not kinds:
            return False
        if self.needs_full_build or "site" in kinds:
            return self.build()
        self.pending |= {os.path.abspath(p) for p in paths if self.kind(p)}
        return self.update()

    # -- a full build ----------------------------------------------------------------------
    def build(self) -> bool:
        from pelican import signals

        from factcheck.site.generator import FactCheckGenerator

        started = time.perf_counter()
        found: list[FactCheckGenerator] = []

        def keep(generators: Iterable[object]) -> None:
            found.extend(g for g in generators if isinstance(g, FactCheckGenerator))

        signals.all_generators_finalized.connect(keep)
        try:
            with self._site:
                ok = build_and_report(read(self.config), self.output, search=False)
        except (Exception, SystemExit) as exc:  # a broken template or settings file must not stop the preview  # noqa: BLE001
            _print(f"build failed: {type(exc).__name__}: {exc}")
            ok = False
        finally:
            signals.all_generators_finalized.disconnect(keep)
        if not ok or not found:
            self.needs_full_build = True
            _print("still serving the last good site; fix the problem above and save to rebuild")
            return False
        self.generator = found[-1]
        found[-1].output_path = str(self.output)  # it wrote into a staging folder, now moved here
        self.needs_full_build = False
        self.pending.clear()
        _print(f"site built in {time.perf_counter() - started:.1f} s; search index follows")
        self.on_change()
        self.follow_up(data_files=False, archive=True)
        return True

    # -- a change of claims or sources -----------------------------------------------------
    def _built(self) -> FactCheckGenerator:
        """The last good build's generator: a site is updated only once one was built."""
        if self.generator is None:
            raise RuntimeError("no site built yet")
        return self.generator

    def update(self) -> bool:
        generator = self._built()
        started = time.perf_counter()
        settings = generator.settings
        with self._site:
            try:
                site, change = update_site(generator.site, project_path(settings, "FACTCHECK_CLAIMS_PATH"),
                                     project_path(settings, "FACTCHECK_SOURCES_PATH"), self.pending)
            except ValidationFailed as failure:
                report(failure.problems)
                _print("still serving the last good site; fix the problem above and save to rebuild")
                return False
            self.pending.clear()
            report(list(site.warnings))
            try:
                written = self._write(site, change)
            except Exception as exc:  # a template fault shows only now: build again once it is fixed  # noqa: BLE001
                _print(f"build failed: {describe_failure(exc)}")
                self.needs_full_build = True
                return False
        _print(f"{written} page(s) written in {time.perf_counter() - started:.2f} s; feed and search index follow")
        self.on_change()
        self.follow_up(data_files=True, archive=bool(change.sources))
        return True

    def _write(self, site: Site, change: SiteChange) -> int:
        """Render from ``site`` from now on; write the pages a change touches, and remove those
        of claims and sources now gone."""
        from pelican.writers import Writer

        from factcheck.outputs.machine_files import write_claim_cards

        g = self._built()
        old = g.site
        writer = Writer(str(self.output), settings=g.settings)
        before, after = change.removed, change.added
        for claim in before:
            g.claim_pages.pop(claim.slug, None)
        for claim in after:
            g.claim_pages[claim.slug] = g.claim_page(claim)
        for source_id in change.sources:
            g.source_pages.pop(source_id, None)
            if source_id in site.sources:
                g.source_pages[source_id] = g.source_page(site.sources[source_id])
        g.use_site(site)

        gone = {c.slug for c in before} - {c.slug for c in after}
        for slug in gone:
            self._remove(g.settings["CLAIM_SAVE_AS"].format(slug=slug))
        for source_id in change.sources - site.sources.keys():
            self._remove(g.settings["SOURCE_SAVE_AS"].format(slug=source_id))

        g.write_claim_pages(writer, after)
        if g.settings["FACTCHECK_SOCIAL_CARDS"]:
            write_claim_cards(after, site, g.context, self.output, g.claim_pages)
        quoted = {e.source for c in before + after for e in c.evidence} | {c.appeared_in for c in before + after if c.appeared_in}
        sources = sorted((quoted | change.sources) & site.sources.keys())
        for source_id in sources:
            g.write_source_page(writer, site.sources[source_id])
        people = [old.person_of.get(c.slug) for c in before] + [site.person_of.get(c.slug) for c in after]
        lists = g.write_lists_touched_by(writer, before + after, people, set(sources))
        if any(c.aliases for c in before + after):
            self._write_redirects(before, after)
        return len(after) + len(sources) + lists

    def _write_redirects(self, before: Sequence[Claim], after: Sequence[Claim]) -> None:  # noqa: ARG002 (the site's claims are the claims after)
        from pelican.writers import Writer

        g = self._built()
        current = {c.slug for c in g.site.claims}
        for alias in {a for c in before for a in c.aliases} - {a for c in g.site.claims for a in c.aliases} - current:
            self._remove(g.settings["CLAIM_SAVE_AS"].format(slug=alias))
        if not any(c.aliases for c in g.site.claims):
            (self.output / "_redirects").unlink(missing_ok=True)
        g.write_redirects(Writer(str(self.output), settings=g.settings))

    def _remove(self, save_as: str) -> None:
        """A page's file, and its folder when the page has one of its own (as claims do)."""
        page = self.output / save_as
        folder = page.parent
        if page.name == "index.html" and folder != self.output and _inside(str(folder), str(self.output)):
            shutil.rmtree(folder, ignore_errors=True)
        else:
            page.unlink(missing_ok=True)

    # -- in the background: machine-readable files, search index ---------------------------
    def follow_up(self, *, data_files: bool, archive: bool) -> None:
        """Write the machine-readable files and index the site, in a thread of its own; what
        is asked while it runs is done once more when it ends."""
        with self._work:
            if self._thread is not None:
                due = self._due or (False, False)
                self._due = (due[0] or data_files, due[1] or archive)
                return
            self._thread = threading.Thread(target=self._follow, args=(data_files, archive), daemon=True)
            self._thread.start()

    def _follow(self, data_files: bool, archive: bool) -> None:
        from factcheck.outputs.machine_files import write_data_files

        while True:
            started = time.perf_counter()
            try:
                if data_files:
                    with self._site:
                        g = self._built()
                        write_data_files(g.site, g.env, g.context, self.output, g.claim_pages, g.source_pages)
                settings = self._built().settings
                index_in_place(self.output, source_pages_glob(settings), searched_pages(settings), archive=archive)
                _print(f"search index updated in {time.perf_counter() - started:.1f} s")
            except (BuildFailed, OSError) as exc:
                _print(f"search index not updated: {exc}")
            with self._work:
                if self._due is None:
                    self._thread = None
                    return
                (data_files, archive), self._due = self._due, None

    def wait_for_index(self, timeout: float = 120) -> None:
        """Until the follow-up work is done (for tests and the benchmark)."""
        deadline = time.monotonic() + timeout
        while self._thread is not None and time.monotonic() < deadline:
            time.sleep(0.05)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)
