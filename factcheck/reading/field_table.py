"""The fields of claim and source files, in one table each.

The loader reads records against these tables (``field_values``) and the JSON Schema is
generated from them, so the two can never disagree. Adding an optional field means adding
one ``Field`` here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from factcheck.base.limits import MAX_CLAIM_CHARS, MAX_EVIDENCE, MAX_NAME_CHARS, MAX_NOTE_CHARS, MAX_QUOTE_CHARS, MAX_SUMMARY_CHARS
from factcheck.model.stances import STANCE_IDS

STANCES = STANCE_IDS
# Slugs, source ids, tags and aliases: lowercase words joined by hyphens.
SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG_PATTERN = re.compile(SLUG + r"\Z")


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # a key of CONVERTERS
    required: bool
    title: str
    description: str
    examples: tuple[Any, ...] = ()  # values, or for lists lists of values
    item_fields: tuple[Field, ...] = ()  # for kind "records"
    max_items: int | None = None  # for kind "records"
    max_length: int | None = None  # characters, for text


EVIDENCE_FIELDS = (
    Field("source", "id", True, "Source", "Id of an archived source in content/sources/ (the file name without .txt).", ("council-minutes",)),
    Field("quote", "text", True, "Quote", "Words copied verbatim from the source (at least two words and a dozen characters). Straight or curly quotes both match; leave words out with ' ... ' inside one paragraph.", ("the final cost was twice the approved budget",), max_length=MAX_QUOTE_CHARS),
    Field("stance", "stance", True, "Stance", "How this quote bears on the claim.", STANCES),
    Field("note", "markdown", False, "Note", "Optional one-line remark shown under the quote (Markdown, no HTML).", (), max_length=MAX_NOTE_CHARS),
    Field("occurrence", "count", False, "Occurrence", "Which match to cite (1-based) when the quote occurs more than once in its source.", (2,)),
)

UPDATE_FIELDS = (
    Field("date", "date", True, "Date", "Date of the update or correction (YYYY-MM-DD).", ("2026-11-30",)),
    Field("note", "markdown", True, "Note", "What changed and why (Markdown, no HTML).", (), max_length=MAX_NOTE_CHARS),
)

CLAIM_FIELDS = (
    Field("claim", "text", True, "Claim", "The claim as it was made, in the claimant's words where possible.", ("The bridge was finished on budget.",), max_length=MAX_CLAIM_CHARS),
    Field("claimant", "text", True, "Claimant", "Who made the claim.", ("The city council",), max_length=MAX_NAME_CHARS),
    Field("claimant_kind", "choice", False, "Claimant kind", "Whether the claimant is a person (the default) or an organisation; used in structured data.", ("person", "organization")),
    Field("appeared_in", "id", False, "Appeared in", "Id of the source where the claim appears.", ("council-minutes",)),
    Field("said_on", "date", False, "Said on", "Date the claim was made (YYYY-MM-DD), only where a source shows it.", ("2024-03-03",)),
    Field("verdict", "verdict", True, "Verdict", "An id from the site's verdict scale.", ()),
    Field("summary", "markdown", True, "Summary", "What we found, in our own words (Markdown, no HTML).", (), max_length=MAX_SUMMARY_CHARS),
    Field("evidence", "records", True, "Evidence", f"Quotes from archived sources, at least one and at most {MAX_EVIDENCE}.", (), EVIDENCE_FIELDS, max_items=MAX_EVIDENCE),
    Field("published", "date", True, "Published", "Date this fact-check was first published (YYYY-MM-DD).", ("2026-11-22",)),
    Field("updates", "records", False, "Updates", "Correction and update log, shown on the claim page and in the corrections log.", (), UPDATE_FIELDS),
    Field("tags", "tags", False, "Tags", "Themes, lowercase words joined by hyphens.", (["budget"],)),
    Field("aliases", "slugs", False, "Aliases", "Former slugs of this claim, after a rename: their URLs redirect to this claim.", (["old-slug"],)),
)

SOURCE_FIELDS = (
    Field("title", "text", True, "Title", "The source's title as the text shows it.", (), max_length=MAX_CLAIM_CHARS),
    Field("publisher", "text", False, "Publisher", "Who published it.", ("City council",), max_length=MAX_NAME_CHARS),
    Field("author", "text", False, "Author", "Who wrote it.", (), max_length=MAX_NAME_CHARS),
    Field("published", "date", False, "Published", "Publication date (YYYY-MM-DD).", ()),
    Field("url", "url", False, "URL", "The original's address, only where it is actually known.", ()),
    Field("description", "text", False, "Description", "What the text is, where title and publisher do not say.", (), max_length=MAX_NOTE_CHARS),
    Field("retrieved", "date", False, "Retrieved", "Date the page was fetched for archiving (YYYY-MM-DD); written by factcheck archive.", ()),
    Field("sha256", "sha256", False, "SHA-256", "SHA-256 of the raw snapshot kept beside the text (<id>.html.snapshot); written by factcheck archive.", ()),
)
