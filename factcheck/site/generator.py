"""The Pelican plugin: claim, source, verdict, index, search, 404 and corrections pages.

It follows Pelican's two phases: ``generate_context`` loads and checks everything (through
``checking.load_site``, whose checks the command line's ``check_site`` shares) and writes nothing;
``generate_output`` renders the pages.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from functools import cache, cached_property, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from markupsafe import Markup
from pelican import signals
from pelican.contents import Content
from pelican.generators import Generator

from factcheck.base.markdown import render_inline, render_markdown
from factcheck.base.parallel import parallel_map
from factcheck.base.safe_files import unsafe_entries
from factcheck.checking.editorial_pages import unedited_markers
from factcheck.checking.load_site import CHECK_CACHE, load_site
from factcheck.model.site import Site
from factcheck.model.stances import STANCES
from factcheck.outputs.cards.colours import verdict_stylesheet
from factcheck.outputs.claim_review import claim_review
from factcheck.outputs.machine_files import CARD, absolute, write_claim_cards, write_data_files
from factcheck.project.settings import cache_path, project_path, project_root, registry_paths, verdict_scale, with_defaults
from factcheck.reading.snapshots import SnapshotUnreadable, publish_snapshot
from factcheck.rules.catalogue import refusal
from factcheck.rules.problems import Position, Problems, ValidationFailed
from factcheck.site.asset_urls import static_url
from factcheck.site.failures import BuildFailed, describe_failure
from factcheck.site.list_pages import ListWriter, source_claims_url, verdict_counts
from factcheck.site.page_placeholders import fill_placeholders, placeholder_values
from factcheck.site.repository_links import edit_url, report_url
from factcheck.site.search_index import index_site
from factcheck.site.source_marks import render_paragraphs
from factcheck.site.text_fragments import fragment_link

if TYPE_CHECKING:
    from pelican import Pelican
    from pelican.writers import Writer

    from factcheck.model.claims import Claim as ClaimRecord
    from factcheck.model.people import Person as PersonRecord
    from factcheck.model.sources import Source as SourceRecord

logger = logging.getLogger(__name__)
LEADING = 6  # people and topics named on the home page
VERDICT_CSS = "css/verdicts.css"  # the badge colours of the scale, beside the theme's stylesheet
PARALLEL_PAGES = 1500  # pages; below this, starting worker processes costs more than it saves


class _Page(Content):
    """Pelican works a page's URL out from the settings on every access; ours never change
    once made, and list pages ask for them thousands of times."""

    mandatory_properties = ("title",)

    def get_relative_source_path(self, source_path: str | None = None) -> str | None:
        # Pelican works out the page's own path relative to the content folder when it makes
        # the page, then twice more (its URL, its file); it is the same each time.
        if (not source_path or source_path == self.source_path) and "relative_source_path" in self.__dict__:
            return self.__dict__["relative_source_path"]  # type: ignore[no-any-return]
        path: str | None = super().get_relative_source_path(source_path)
        return path

    @cached_property
    def url(self) -> str:
        url: str = super().url
        return url

    @cached_property
    def save_as(self) -> str:
        save_as: str = super().save_as
        return save_as


# Pelican names a page class's URL settings after the class (``CLAIM_URL``, ``SOURCE_URL``), so
# these two keep the short names; the records they show are imported as ClaimRecord, SourceRecord.
class Claim(_Page):
    """A claim page; its URL comes from ``CLAIM_URL`` / ``CLAIM_SAVE_AS``."""

    default_template = "claim"


class Source(_Page):
    """A source page; its URL comes from ``SOURCE_URL`` / ``SOURCE_SAVE_AS``."""

    default_template = "source"


def _datetime(date: dt.date) -> dt.datetime:
    return dt.datetime(date.year, date.month, date.day)


@lru_cache(maxsize=4096)  # list pages and feeds show the same few dates thousands of times
def long_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {value:%B} {value.year}"


class FactCheckGenerator(Generator):
    """Turns the claim and source files into pages."""

    site: Site  # checked and loaded by generate_context, before any page is made

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update({"markdown": render_markdown, "inline_markdown": render_inline, "long_date": long_date,
                                 "edit_url": partial(edit_url, settings=self.settings), "report_url": partial(report_url, settings=self.settings)})
        self.env.globals["claim_list_item"] = self._claim_list_item
        self._list_items: dict[tuple[int, bool], tuple[Any, Markup]] = {}
        self._item_macro: Callable[..., str] | None = None

    # -- context phase: read, check, link; write nothing --------------------------------
    def generate_context(self) -> None:
        claims_dir = project_path(self.settings, "FACTCHECK_CLAIMS_PATH")
        sources_dir = project_path(self.settings, "FACTCHECK_SOURCES_PATH")
        try:
            site = load_site(claims_dir, sources_dir, verdict_scale(self.settings), cache=cache_path(self.settings, CHECK_CACHE),
                             **registry_paths(self.settings))
        except ValidationFailed as failure:
            for problem in failure.problems:
                (logger.error if problem.is_error else logger.warning)("%s", problem)
            raise
        for problem in [*site.warnings, *unedited_markers(self.settings)]:
            logger.warning("%s", problem)
        self.site = site
        self.context["site"] = site
        self.claim_pages = {c.slug: self.claim_page(c) for c in site.claims}
        self.source_pages = {s.id: self.source_page(s) for s in site.sources.values()}
        self.verdict_urls = {v.id: self.settings["VERDICT_URL"].format(slug=v.id) for v in site.verdicts}
        self.verdict_css = verdict_stylesheet(site.verdicts)
        self.context.update({
            "verdict_graphics": self._verdict_graphics(),
            "verdict_stylesheet_url": "{}/{}/{}?v={}".format(self.settings["SITEURL"], self.settings["THEME_STATIC_DIR"], VERDICT_CSS,
                                                             hashlib.sha256(self.verdict_css.encode()).hexdigest()[:12]),
            "page_placeholders": self._page_placeholders(),
            "claim_pages": self.claim_pages,
            "source_pages": self.source_pages,
            "verdicts": site.verdicts,
            "verdict_urls": self.verdict_urls,
            # Templates link to an editorial page only when it exists: no broken links.
            "editorial_pages": {p.slug for p in self.context.get("pages", []) + self.context.get("hidden_pages", [])},
        })
        self.count_claims()

    def claim_page(self, claim: ClaimRecord) -> Content:
        return self._content(Claim, claim.claim, claim.slug, claim.path, claim.published, claim.modified)

    def source_page(self, source: SourceRecord) -> Content:
        return self._content(Source, source.title, source.id, source.path, source.published, None)

    def use_site(self, site: Site) -> None:
        """Render from a site brought up to date (by the preview, after an edit)."""
        self.site = site
        self.context["site"] = site
        self.count_claims()

    def count_claims(self) -> None:
        """What the list pages say about all claims: the count per verdict, the people and
        topics and their pages' addresses, the corrections; who made each claim and which
        claims quote each source. (Worked out again by the preview after every edit.)"""
        site, settings = self.site, self.settings
        self._item_macro = None  # it reads the context as it was when made
        self.context.update({
            "person_of": site.person_of,
            "citations": site.citations,
            "verdict_counts": verdict_counts(site.claims, site.verdicts),
            "people": site.people,
            "person_urls": {p.id: settings["PERSON_URL"].format(slug=p.id) for p in site.people.values()},
            "topics": site.topics,
            "topic_urls": {t.id: settings["TOPIC_URL"].format(slug=t.id) for t in site.topics.values()},
            # The home page names the most checked (ties: in name order); the indexes list everyone.
            "leading_people": sorted(site.people.values(), key=lambda p: -len(p.claims))[:LEADING],
            "leading_topics": sorted(site.topics.values(), key=lambda t: -len(t.claims))[:LEADING],
            "corrections": sorted(((c, u) for c in site.claims for u in c.updates),
                                  key=lambda cu: (cu[1].date, cu[0].slug), reverse=True),
        })

    def _content(self, cls: type[_Page], title: str, slug: str, path: str | Path, date: dt.date | None, modified: dt.date | None) -> Content:
        metadata: dict[str, Any] = {"title": title, "slug": slug}
        if date:
            metadata["date"] = _datetime(date)
        if modified:
            metadata["modified"] = _datetime(modified)
        page = cls("", metadata=metadata, settings=self.settings, source_path=str(path), context=self.context)
        self.add_source_path(page)
        _ = page.url, page.save_as  # worked out once, here, not in each process that renders pages
        return page

    def _verdict_graphics(self) -> dict[str, Markup]:
        """The verdict scale graphic of each verdict (``_charts.html``): the same on every claim
        page with that verdict, so drawn once here rather than on each of thousands of pages."""
        draw = self.get_template("_charts").make_module(self.context).verdict_scale_graphic
        return {v.id: Markup(draw(v, self.site.verdicts)) for v in self.site.verdicts}  # noqa: S704 (the macro's output, autoescaped by Jinja)

    def _page_placeholders(self) -> dict[str, str]:
        """What the editorial pages' placeholders stand for (see ``site.page_placeholders``)."""
        template = self.get_template("verdict_scale")
        scale = template.render(self.context | {"verdicts": self.site.verdicts, "verdict_urls": self.verdict_urls})
        return placeholder_values(scale, self.settings["FACTCHECK_REPOSITORY_URL"], self.settings["FACTCHECK_PUBLISHER"])

    # -- output phase ----------------------------------------------------------------
    def generate_output(self, writer: Writer) -> None:
        site, output = self.site, Path(self.output_path)
        lists = ListWriter(self, writer)
        lists.plan_all()
        # Everything that takes long goes to the workers in one batch, so that no core waits
        # for another between kinds of page: the data files (one long job) and the source
        # pages (long ones) first, then the claim pages and the list pages (short ones) that
        # even the load out at the end.
        jobs: list[Callable[[], None]] = [
            partial(write_data_files, site, self.env, self.context, output, self.claim_pages, self.source_pages),
            *(partial(self.write_source_page, writer, source) for source in site.sources.values()),
            *(partial(self.write_claim_page, writer, claim) for claim in site.claims),
            *(partial(lists.write_page, index) for index in range(len(lists.jobs))),
        ]
        self.render_pages(len(jobs), lambda index: jobs[index]())
        self.write_redirects(writer)
        self.write_fixed_pages(writer)
        self.write_verdict_stylesheet()
        if self.settings["FACTCHECK_SOCIAL_CARDS"]:
            write_claim_cards(site.claims, site, self.context, output, self.claim_pages, prune=True)

    def write_verdict_stylesheet(self) -> None:
        """The badge colours, from the configured scale: a custom verdict gets its colour too."""
        path = Path(self.output_path) / self.settings["THEME_STATIC_DIR"] / VERDICT_CSS
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.verdict_css, encoding="utf-8")

    def write_claim_pages(self, writer: Writer, claims: Sequence[ClaimRecord]) -> None:
        # Claim pages are most of a big site.
        self.render_pages(len(claims), lambda index: self.write_claim_page(writer, claims[index]))

    def write_source_page(self, writer: Writer, source: SourceRecord) -> None:
        page = self.source_pages[source.id]
        writer.write_file(page.save_as, self.get_template("source"), self.context, page=page, source=source, snapshot=self._publish_snapshot(source),
                          paragraphs=render_paragraphs(source, self.site.citations[source.id]), url=page.url, page_url=page.url, nav="sources",
                          claims_url=source_claims_url(page.url))

    FIXED_PAGES: ClassVar[dict[str, tuple[str, str, str | None]]] = {  # save_as: (template, url, navigation entry)
        "search/index.html": ("search", "search/", "search"),
        "404.html": ("404", "404.html", None),
    }

    def write_fixed_pages(self, writer: Writer) -> None:
        for save_as, (template, url, nav) in self.FIXED_PAGES.items():
            writer.write_file(save_as, self.get_template(template), self.context, claims=self.site.claims,
                              sources=list(self.site.sources.values()), url=url, page_url=url, nav=nav)

    def write_lists_touched_by(self, writer: Writer, claims: Sequence[ClaimRecord], people: Iterable[PersonRecord | None], sources: set[str]) -> int:
        """After an edit (for the preview): every page of the lists that ``claims``, as they
        were and as they are now, ``people``, their claimants then and now, and ``sources``,
        the sources written again, appear on; how many pages were written."""
        lists: set[tuple[str, str | None]] = {("index", None), ("people", None), ("topics", None)}  # counts and leaders change
        lists.update(("person", person.id) for person in people if person is not None)
        for claim in claims:
            lists.add(("verdict", claim.verdict.id))
            lists.update(("source_claims", source_id) for source_id in claim.source_ids)
            lists.update(("topic", tag) for tag in claim.tags)
            if claim.updates:
                lists.add(("corrections", None))
        if sources:  # their titles, and "quoted N times"
            lists.add(("sources", None))
            lists.update(("source_claims", source_id) for source_id in sources)
        return ListWriter(self, writer).write_only(lists)

    def render_pages(self, count: int, render: Callable[[int], None]) -> None:
        """``render(i)`` for i in range(count): on every core when there are many. What is
        logged meanwhile is logged here, once, whichever process rendered the page."""
        for failure, records in parallel_map(_render_pages, range(count), render, min_items=PARALLEL_PAGES):
            for name, level, message in records:
                logging.getLogger(name).log(level, "%s", message)
            if failure:
                raise BuildFailed(failure)

    def write_claim_page(self, writer: Writer, claim: ClaimRecord) -> None:
        page = self.claim_pages[claim.slug]
        writer.write_file(page.save_as, self.get_template("claim"), self.context, page=page, claim=claim, url=page.url, page_url=page.url,
                          nav="claims", structured_data=self._claim_review_json(claim, page), original_links=self._original_links(claim),
                          card_url=absolute(self.settings, page.url + CARD) if self.settings["FACTCHECK_SOCIAL_CARDS"] else None)

    def _claim_list_item(self, claim: ClaimRecord, show_claimant: bool = True) -> Markup:
        """A claim as an item of a list page, rendered once and reused on every list it is on
        (the home page, its verdict's, its person's and its topics' pages: thousands of items
        on a big site)."""
        key = (id(claim), show_claimant)
        found = self._list_items.get(key)
        if found is None or found[0] is not claim:  # a new or changed claim is a new object
            if self._item_macro is None:
                self._item_macro = self.get_template("_verdict").make_module(self.context).claim_item
            found = self._list_items[key] = (claim, Markup(self._item_macro(claim, self.claim_pages, show_claimant)))  # noqa: S704 (the macro's output, autoescaped by Jinja)
        return found[1]

    def _publish_snapshot(self, source: SourceRecord) -> dict[str, Any] | None:
        """A source's raw snapshot, copied beside its page for readers to verify; served as
        plain text, so the stranger's HTML in it never runs on this site."""
        if not source.snapshot:
            return None
        save_as = self.settings["SOURCE_SNAPSHOT_SAVE_AS"].format(slug=source.id)
        try:
            size = publish_snapshot(source.snapshot, source.sha256 or "", Path(self.output_path, save_as))  # no digest: nothing matches it
        except SnapshotUnreadable as exc:
            raise BuildFailed(f"{source.snapshot}: {exc}") from None
        return {"url": self.settings["SOURCE_SNAPSHOT_URL"].format(slug=source.id), "bytes": size}

    def _source_address(self, source: SourceRecord) -> str:
        """Where a source can be read: the original where its URL is known, else our copy."""
        return source.url or absolute(self.settings, self.source_pages[source.id].url)

    def _claim_review_json(self, claim: ClaimRecord, page: Content) -> Markup:
        data = claim_review(claim, self.site.verdicts, self.site.sources, url=absolute(self.settings, page.url),
                            publisher=self.settings["FACTCHECK_PUBLISHER"], site_url=absolute(self.settings, "").rstrip("/"),
                            source_url=self._source_address, person=self.site.person_of.get(claim.slug))
        # No "<" at all inside the <script> element: "</script" would end it early, and
        # "<!--<script" would make the parser read the rest of the page into it.
        return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"))  # noqa: S704 (JSON, made safe for a script element)

    def _original_links(self, claim: ClaimRecord) -> dict[int, str]:
        """Links that open the original article at the quoted words, where its URL is known."""
        links = {}
        for item in claim.evidence:
            source = self.site.sources[item.source]
            if source.url:
                links[item.number] = fragment_link(source.url, [source.text[a:b] for a, b in item.spans])
        return links

    def write_redirects(self, writer: Writer) -> None:
        """Former slugs keep working: Netlify reads ``_redirects`` (a real 301); every other host
        gets a small page at the old address that points and refreshes to the new one."""
        moves = [(self.settings["CLAIM_URL"].format(slug=alias), self.claim_pages[claim.slug], alias)
                 for claim in self.site.claims for alias in claim.aliases]
        if not moves:
            return
        template = self.get_template("redirect")
        for old_url, page, alias in moves:
            writer.write_file(self.settings["CLAIM_SAVE_AS"].format(slug=alias), template, self.context,
                              target=page, url=old_url)
        writer.write_file("_redirects", self.env.get_template("_redirects"), self.context,  # a plain-text template, not HTML
                          moves=[(old_url, page.url) for old_url, page, _ in moves])


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def _render_pages(render: Callable[[int], None], indices: Sequence[int]) -> tuple[str | None, list[tuple[str, int, str]]]:
    """Write some pages, perhaps in a forked worker. What goes wrong comes back to the parent,
    which reports it, so that it is printed once and counted."""
    recorder = _Recorder()
    root = logging.getLogger()
    handlers, root.handlers = root.handlers, [recorder]
    try:
        for index in indices:
            render(index)
    except OSError:
        raise  # a full disk, say: the build says what it means for the output
    except Exception as exc:  # a template fault: described here, where its traceback is  # noqa: BLE001
        return describe_failure(exc), recorder.records
    finally:
        root.handlers = handlers
    return None, recorder.records


def get_generators(pelican: Pelican) -> type[Generator]:  # noqa: ARG001 (Pelican's signal passes it)
    return FactCheckGenerator


def add_template_globals(pelican: Pelican) -> None:
    """Globals and filters every generator's templates need (Pelican's page generator has its
    own Jinja environment, so they go in through the JINJA_GLOBALS and JINJA_FILTERS settings)."""
    settings = pelican.settings
    settings["JINJA_GLOBALS"] = dict(settings.get("JINJA_GLOBALS", {}),
                                     # Each page asks for the same few files: their hashes are worked out
                                     # once a build (a preview builds afresh when a theme file changes).
                                     static_url=cache(partial(static_url, settings["THEME"], settings)),
                                     absolute_url=partial(absolute, settings),
                                     stances=STANCES)  # what each stance is called on claim and source pages
    settings["JINJA_FILTERS"] = dict(settings.get("JINJA_FILTERS", {}), fill_placeholders=fill_placeholders)


def theme_overrides(settings: dict[str, Any]) -> Path | None:
    """The site's own folder of theme files (``FACTCHECK_THEME_OVERRIDES``), if it sets one."""
    folder = settings["FACTCHECK_THEME_OVERRIDES"]
    if not folder:
        return None
    folder = Path(folder)
    return folder if folder.is_absolute() else project_root(settings) / folder


def use_theme_overrides(pelican: Pelican) -> None:
    """A site changes single files of the packaged theme from its own folder: templates come
    first in Jinja's search path, and static files are copied after the theme's own. Both
    are added even before they exist (Jinja and Pelican pass over a missing folder), so a
    preview that is running picks up the first override made."""
    settings = pelican.settings
    folder = theme_overrides(settings)
    if folder is None:
        return
    templates, static = str(folder / "templates"), str(folder / "static")
    if templates not in settings["THEME_TEMPLATES_OVERRIDES"]:
        settings["THEME_TEMPLATES_OVERRIDES"] = [templates, *settings["THEME_TEMPLATES_OVERRIDES"]]
    if static not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], static]


def build_search_index(pelican: Pelican) -> None:
    """A build through Pelican itself (``pelican -s pelican.conf.py``) gets its search index
    too. ``factcheck build`` turns this off: it indexes after making sure nothing failed."""
    if pelican.settings["FACTCHECK_SEARCH_INDEX"]:
        index_site(pelican.settings, Path(pelican.output_path))


def watched_folders(settings: dict[str, Any]) -> list[Path]:
    """What a preview must watch besides Pelican's content folder, theme and settings file."""
    folders = [project_path(settings, key) for key in ("FACTCHECK_CLAIMS_PATH", "FACTCHECK_SOURCES_PATH")]
    overrides = theme_overrides(settings)
    return [folder for folder in (*folders, overrides) if folder is not None and folder.exists()]


def _watching_claims_too(wait_for_changes: Callable[[str, dict[str, Any]], Any]) -> Callable[[str, dict[str, Any]], Any]:
    """``pelican --autoreload`` watches the settings file, the theme, the content folder and
    each of STATIC_PATHS joined to it; claims live beside content/. Pelican has no setting for
    more folders, so its watcher is handed our folders as STATIC_PATHS (absolute paths stay as
    they are when joined), in a copy of the settings that nothing else reads."""

    def wait_for_changes_in_claims_too(settings_file: str, settings: dict[str, Any]) -> Any:
        extra = [str(folder) for folder in watched_folders(settings)]
        return wait_for_changes(settings_file, {**settings, "STATIC_PATHS": [*settings.get("STATIC_PATHS", []), *extra]})

    wait_for_changes_in_claims_too.watches_claims = True  # type: ignore[attr-defined]  # marks the wrapper, so it wraps once
    return wait_for_changes_in_claims_too


def refuse_unsafe_inputs(pelican: Pelican) -> None:
    """Pelican reads the content and theme folders (and the site's theme overrides) itself,
    before our loader runs: a link or a
    FIFO there is refused before anything is read (a link could publish any file of the
    machine that builds the site; a FIFO would block the build)."""
    problems = Problems()
    for folder in (pelican.settings.get("PATH"), pelican.settings.get("THEME"), theme_overrides(pelican.settings)):
        if folder and os.path.isdir(folder):
            for path, refused in unsafe_entries(folder):
                problems.add(refusal(Position(path), refused))
    if problems:
        for problem in problems.sorted():
            logger.error("%s", problem)
        raise ValidationFailed(problems.sorted())


def initialize(pelican: Pelican) -> None:
    """Once Pelican has read the settings, before it reads anything else: our defaults first,
    in its own settings, which everything after reads (generators, the autoreload watcher)."""
    with_defaults(pelican.settings)
    refuse_unsafe_inputs(pelican)
    add_template_globals(pelican)
    use_theme_overrides(pelican)


def register() -> None:
    import pelican

    signals.initialized.connect(initialize)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_search_index)
    if not getattr(pelican.wait_for_changes, "watches_claims", False):
        pelican.wait_for_changes = _watching_claims_too(pelican.wait_for_changes)
