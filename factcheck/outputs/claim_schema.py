"""JSON Schema for claim files, generated from the loader's own field table (``reading/field_table.py``)
and the configured verdict scale, so the schema and the checks cannot drift apart.

Editors read claim files as YAML 1.2, where ``verdict: true`` is a boolean and
``occurrence: 2`` a number; the schema accepts what an editor will see.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

from factcheck.model.verdicts import Verdict
from factcheck.reading.field_table import CLAIM_FIELDS, STANCES, Field
from factcheck.reading.field_table import SLUG as SLUG_PATTERN_TEXT

SCHEMA_ID = "urn:factcheck:schema:claim:1"  # stable; the file itself is served at /schema/claim.schema.json
SLUG = f"^{SLUG_PATTERN_TEXT}$"


def _property(f: Field, verdicts: tuple[Verdict, ...]) -> dict[str, Any]:
    kinds: dict[str, dict[str, Any]] = {
        "text": {"type": "string", "minLength": 1},
        "markdown": {"type": "string", "minLength": 1},
        "id": {"type": "string", "pattern": SLUG},
        "url": {"type": "string", "format": "uri", "pattern": "^https?://"},
        "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
        "stance": {"enum": list(STANCES)},
        "count": {"type": "integer", "minimum": 1},
        "tags": {"type": "array", "items": {"type": "string", "pattern": SLUG}},
        "slugs": {"type": "array", "items": {"type": "string", "pattern": SLUG}},
        "choice": {"enum": list(f.examples)},
    }
    if f.kind == "verdict":
        ids = [v.id for v in verdicts]
        # YAML 1.2 reads `true` and `false` as booleans; the loader reads them as the ids.
        booleans = [b for b, name in ((True, "true"), (False, "false")) if name in ids]
        prop: dict[str, Any] = {"enum": ids + booleans}
        prop["description"] = f.description + " " + "; ".join(f"{v.id}: {v.label} ({v.meaning})" for v in verdicts)
    elif f.kind == "records":
        prop = {"type": "array", "minItems": 1, "items": _object(f.item_fields, verdicts)}
        if f.max_items:
            prop["maxItems"] = f.max_items
    else:
        prop = dict(kinds[f.kind])
        if f.max_length:
            prop["maxLength"] = f.max_length
    prop.setdefault("description", f.description)
    prop["title"] = f.title
    if f.examples and f.kind not in ("stance", "choice"):
        prop["examples"] = list(f.examples)
    return prop


def _object(fields: Iterable[Field], verdicts: tuple[Verdict, ...]) -> dict[str, Any]:
    fields = tuple(fields)
    return {
        "type": "object",
        "properties": {f.name: _property(f, verdicts) for f in fields},
        "required": [f.name for f in fields if f.required],
        "additionalProperties": False,
    }


def claim_schema(verdicts: tuple[Verdict, ...]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a claim file."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Fact-check claim",
        "description": "One claim file, claims/<slug>.yaml. Quotes are checked against the archived sources by `factcheck check`.",
        **_object(CLAIM_FIELDS, verdicts),
    }


def schema_text(verdicts: tuple[Verdict, ...]) -> str:
    return json.dumps(claim_schema(verdicts), indent=2, ensure_ascii=False) + "\n"
