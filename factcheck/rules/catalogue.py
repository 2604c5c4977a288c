"""Every problem code in one table: its title, whether it is an error or a warning, its
wording and the failing fixtures that show it.

Codes are stable (contributors and CI logs refer to them): never renumber one. A message is
a ``str.format`` template; a rule with several wordings names each variant. Values are
passed already shown as they should read (``escaping.shown`` for anything a file supplied).
CONTRIBUTING.md and docs/CLAIM-FORMAT.md list the same codes; tests/test_rules.py keeps the
three, and the fixtures under tests/fixtures/failing/, in step.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from factcheck.base.safe_files import NOT_REGULAR, SYMLINK, TOO_LARGE, UnsafeFile
from factcheck.rules.problems import ERROR, WARNING, Position, Problem, Problems


@dataclass(frozen=True)
class Rule:
    code: str
    title: str  # as in the CONTRIBUTING.md table
    severity: str  # ERROR or WARNING, the same wherever the code is raised
    messages: Mapping[str, str]  # variant -> template; "" is the variant of a rule with one wording
    fixtures: tuple[str, ...]  # folders under tests/fixtures/failing/ that report this code
    checked_in: tuple[str, ...]  # the modules under factcheck/ that find it (each wording in one of them)

    def message(self, variant: str = "", /, **values: object) -> str:
        return self.messages[variant].format(**values)

    def at(self, position: Position, variant: str = "", /, *, subject: str | None = None, **values: object) -> Problem:
        """The problem at ``position``; ``subject`` names the field it is about, if any, so
        that callers can tell problems apart without reading their wording."""
        return Problem(position, self.code, self.message(variant, **values), self.severity, subject)

    def report(self, problems: Problems, position: Position, variant: str = "", /, *, subject: str | None = None,
               **values: object) -> None:
        problems.add(self.at(position, variant, subject=subject, **values))

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING


def _rule(code: str, title: str, messages: str | dict[str, str], *fixtures: str, severity: str = ERROR,
          checked_in: tuple[str, ...]) -> Rule:
    wording = {"": messages} if isinstance(messages, str) else messages
    return Rule(code, title, severity, MappingProxyType(wording), fixtures or (code,), checked_in)


# -- reading a file ------------------------------------------------------------------------

FC001 = _rule("FC001", "YAML syntax error", "YAML syntax error: {detail}",
              "FC001", "FC001-colon-in-value", "FC001-missing-dash", "FC001-text-after-quote", "FC001-two-documents",
              "FC001-unclosed-quote",
              checked_in=("reading.yaml_nodes",))
FC002 = _rule("FC002", "Empty file", {
    "claim": "claim file is empty: it needs at least claim, claimant, verdict, summary, evidence and published",
    "source": "source file is empty: it needs a '---' line, title: …, another '---' line, then the archived text",
    "unreadable": "cannot read file: {reason}",
}, "FC002", "FC002-source", checked_in=("reading.text_files",))
FC003 = _rule("FC003", "File is not UTF-8", "byte 0x{byte:02x} is not valid UTF-8; save the file as UTF-8",
              checked_in=("reading.text_files",))
FC015 = _rule("FC015", "Invalid file name", {
    "claim": "file name '{name}' must be lowercase words joined by hyphens, ending in .yaml (it becomes the page's URL)",
    "source": "source file name '{name}' must be lowercase words joined by hyphens, ending in .txt",
}, checked_in=("reading.claim_files", "reading.source_files"))
FC016 = _rule("FC016", "Duplicate key", "duplicate field '{name}' (first given on line {first}); keep one of the two",
              checked_in=("reading.yaml_nodes",))
FC017 = _rule("FC017", "YAML anchors and aliases", {
    "alias": "YAML aliases (*name) are not allowed in claim files; write the value out",
    "anchor": "YAML anchors (&name) are not allowed in claim files; remove '&{anchor}' and write each value out",
}, "FC017", "FC017-alias-bomb", "FC017-anchor-without-alias", checked_in=("reading.yaml_nodes",))
FC018 = _rule("FC018", "Source front matter missing or malformed", {
    "missing": "a source file starts with a '---' line, then title and other fields, then '---' and the text",
    "unclosed": "the front matter opened on line 1 is never closed with a '---' line",
}, "FC018", "FC018-unclosed", checked_in=("reading.source_files",))
FC022 = _rule("FC022", "Tab character", "tab character: YAML is indented with spaces, not tabs; replace the tab with spaces",
              "FC022", "FC022-tab-in-value",
              checked_in=("reading.yaml_nodes",))
FC023 = _rule("FC023", "Byte-order mark", "file starts with a byte-order mark; save it as UTF-8 without BOM", severity=WARNING,
              checked_in=("reading.text_files",))
FC024 = _rule("FC024", "Windows line ends", "file has Windows (CRLF) line ends; use LF", severity=WARNING,
              checked_in=("reading.text_files",))
FC032 = _rule("FC032", "File is a symbolic link",
              "is a symbolic link; links are not read (they can point anywhere on the machine that builds the site): commit the file itself",
              "FC032", "FC032-source",
              checked_in=("base.safe_files", "reading.claim_files"))
FC033 = _rule("FC033", "Not a regular file", {
    "": "is {kind}, not a regular file; only regular files are read",
    "unknown": "is not a regular file; only regular files are read",  # the kind could not be told
}, checked_in=("base.safe_files",))
FC034 = _rule("FC034", "File too large (or too costly to check)", {
    "": "file is {size}, over the limit of {limit} for this kind of file",
    "normalising": "the archived text has more than {limit:,} places to normalise (non-ASCII characters, runs of white space), "
                   "too many to check quotes in it quickly; archive the text itself",
}, checked_in=("base.safe_files", "reading.source_files"))
FC035 = _rule("FC035", "Nesting too deep",
              "lists and mappings nested more than {limit} levels deep; claim and source files need three at most",
              "FC035", "FC035-source",
              checked_in=("reading.yaml_nodes",))
FC036 = _rule("FC036", "Control character", {
    "": "control character U+{character:04X} is not allowed; remove it",
    "escape": "control character U+{character:04X} in '{field}' (an escape in double quotes); remove it",
    "source": "control character U+{character:04X} in the archived text; remove it (a web page cannot show it)",
}, "FC036", "FC036-escape", "FC036-source", checked_in=("reading.field_values", "reading.source_files", "reading.yaml_nodes"))

# -- the fields of a claim, a source or a registry entry -----------------------------------

FC004 = _rule("FC004", "Unknown field", "unknown field '{name}' in {what}{hint}",
              checked_in=("reading.field_values",))
FC005 = _rule("FC005", "Missing required field", "missing required field '{field}' in {what}", "FC005", "FC005-source-without-title",
              checked_in=("reading.field_values",))
FC006 = _rule("FC006", "Wrong kind of value", {
    "": "'{field}' must be {what}, not {kind}",
    "choice": "'{field}' must be one of: {choices}; got '{value}'{hint}",
    "count": "'{field}' must be a whole number from 1, got '{value}'",
    "url": "'{field}' must be an http(s) address, got '{value}'",
    "sha256": "'{field}' must be 64 lowercase hexadecimal digits, got '{value}'",
    "list": "'{field}' must be a list, like [{example}]",
    "slug": "'{value}' in '{field}' must be lowercase words joined by hyphens",
    "entries": "'{field}' must be a list of entries, each starting with '- '",
    "mapping": "this {what} must be a mapping of 'field: value' lines",
    "key": "a field name must be plain text",
    "registry": "{file} must be a list of entries, each starting with '- id:'",
    "registry-id": "'id' must be lowercase words joined by hyphens, like {example}; got '{value}'",
}, "FC006", "FC006-evidence-not-a-list", checked_in=("reading.field_values", "reading.registries", "reading.yaml_nodes"))
FC007 = _rule("FC007", "Invalid date", {
    "": "'{field}' must be a date as YYYY-MM-DD, got '{value}'",
    "impossible": "'{field}' is not a real date: '{value}' (check the month and day)",
}, "FC007", "FC007-impossible-date", checked_in=("reading.field_values",))
FC010 = _rule("FC010", "Invalid stance", "unknown stance '{value}'{hint}; use one of: {choices}",
              checked_in=("reading.field_values",))
FC019 = _rule("FC019", "Empty value", {
    "": "'{field}' is empty; write its value after '{field}:'",
    "list": "'{field}' is empty",
    "source": "the source has no text after its front matter; paste the archived text below the closing '---' line",
}, "FC019", "FC019-empty-quote", "FC019-source-without-text", checked_in=("reading.field_values", "reading.source_files"))
FC020 = _rule("FC020", "Raw HTML in a text field",
              "'{field}' contains HTML; it will be shown as text, not rendered: use Markdown (**bold**, [text](https://…)) instead",
              "FC020", "FC020-html-in-note", severity=WARNING,
              checked_in=("reading.field_values",))
FC021 = _rule("FC021", "Date in the future", "'{field}' is in the future: {value}; give a date no later than today",
              checked_in=("reading.field_values",))
FC030 = _rule("FC030", "Link that will be dropped",
              "link to '{url}' in '{field}' will be dropped (its text stays): links may only be http, https, mailto or within the site",
              "FC030", "FC030-in-note", "FC030-obfuscated", severity=WARNING,
              checked_in=("reading.markdown_links",))
FC031 = _rule("FC031", "Image that will be dropped",
              "image '{url}' in '{field}' will not be shown: pages show no images from claim files; link to it instead, [description](https://…)",
              severity=WARNING,
              checked_in=("reading.markdown_links",))
FC037 = _rule("FC037", "Text too long", {
    "": "'{field}' is {length:,} characters long; at most {limit:,} are allowed",
    "quote": "'{field}' is {length:,} characters long; at most {limit:,} are allowed: quote the words that bear on the claim, as several items if need be",
}, checked_in=("reading.field_values",))
FC039 = _rule("FC039", "Too many evidence items", "'{field}' has {count:,} entries; at most {limit} are allowed: keep the strongest",
              checked_in=("reading.field_values",))

# -- a claim against the sources and the other claims --------------------------------------

FC008 = _rule("FC008", "Unknown verdict", "unknown verdict '{value}'{hint}; use one of: {choices}",
              checked_in=("checking.claim_builder",))
FC009 = _rule("FC009", "Unknown source", "unknown source '{value}'{hint}; known sources: {known}", "FC009", "FC009-appeared-in",
              checked_in=("checking.claim_builder",))
FC011 = _rule("FC011", "Quote not found in its source", "quote not found in '{source}'{hint}",
              checked_in=("checking.quote_rules",))
FC012 = _rule("FC012", "Quote matches more than once", "quote matches {times} in '{source}' ({where}); {fix}",
              checked_in=("checking.quote_rules",))
FC013 = _rule("FC013", "Occurrence out of range", "occurrence {occurrence} asked for, but the quote matches only {times} in '{source}'; {fix}",
              checked_in=("checking.quote_rules",))
FC014 = _rule("FC014", "Duplicate claim slug", "slug '{slug}' is already used by {other}; rename one of the files",
              checked_in=("checking.slug_rules",))
FC025 = _rule("FC025", "Single source", "all evidence comes from one source; quote a second source where one exists", severity=WARNING,
              checked_in=("checking.claim_builder",))
FC026 = _rule("FC026", "Quote runs across paragraphs",
              "quote runs across a paragraph break in '{source}'; quote each paragraph as its own evidence item",
              checked_in=("checking.quote_rules",))
FC027 = _rule("FC027", "Quote found in another source", "quote not found in '{source}', but it is in '{elsewhere}': change 'source' to {elsewhere}",
              checked_in=("checking.quote_rules",))
FC028 = _rule("FC028", "Alias clashes with another claim", {
    "slug": "alias '{alias}' is the slug of {other}; an alias must be a former slug no claim uses now",
    "alias": "alias '{alias}' is also an alias of {other}; it can redirect to one claim only",
}, checked_in=("checking.slug_rules",))
FC038 = _rule("FC038", "Quote too short",
              "quote '{quote}' is too short to be evidence: quote at least {words} words and {chars} characters (every part around ' ... ' with a word)",
              "FC038", "FC038-ellipsis",
              checked_in=("checking.quote_rules",))

# -- archived snapshots --------------------------------------------------------------------

FC050 = _rule("FC050", "Snapshot does not match its hash",
              "snapshot {name} does not match the recorded sha256 (it hashes to {actual}); "
              "the snapshot or the hash was changed after archiving: archive the page again",
              checked_in=("reading.snapshots",))
FC051 = _rule("FC051", "Snapshot missing",
              "'sha256' is recorded but the snapshot {name} is missing; add the snapshot the hash was made from, or remove 'sha256'",
              checked_in=("reading.snapshots",))
FC052 = _rule("FC052", "Snapshot without a hash",
              "{name} is kept beside this text but its front matter records no 'sha256'; "
              "add sha256: {actual} if this is the page the text was taken from",
              checked_in=("reading.snapshots",))
FC053 = _rule("FC053", "Snapshot without a source text",
              "snapshot {name} has no source text {source_id}.txt beside it; rename it with its text, or delete it",
              checked_in=("reading.snapshots",))
FC054 = _rule("FC054", "Snapshot not a regular file", "snapshot {name} {reason}",
              checked_in=("reading.snapshots",))

# -- people and topics ---------------------------------------------------------------------

FC055 = _rule("FC055", "Claimant near another but not the same",
              "claimant '{claimant}' is near '{near}' but not the same, so it gets a page of its own "
              "(did you mean '{near}'?); spell it the same way, or {fix}",
              "FC055", "FC055-free-text", severity=WARNING,
              checked_in=("checking.claimants",))
FC056 = _rule("FC056", "Name or id given for two registry entries", {
    "": "{label} '{value}' is also the id, name or an alias of '{other}' (line {line}); "
        "a name may belong to one entry only: remove it from one of them",
    "topic": "topic '{tag}' is already listed on line {line}; keep one entry",
}, checked_in=("reading.registries",))
FC057 = _rule("FC057", "Tag near another but not the same",
              "tag '{tag}' is near '{near}' but not the same, so it gets a page of its own (did you mean '{near}'?); "
              "write the tag the same way, or list it in {registry} if it is a topic of its own",
              severity=WARNING,
              checked_in=("checking.topics",))
FC058 = _rule("FC058", "Registry entry that no claim uses", {
    "person": "'{id}' is named by no claim, so it gets no page; check its name and aliases against the claims' 'claimant', "
              "or remove the entry",
    "topic": "topic '{id}' is used by no claim, so it gets no page; check it against the claims' 'tags', or remove the entry",
}, severity=WARNING,
              checked_in=("checking.claimants", "checking.topics"))
FC059 = _rule("FC059", "`claimant_kind` disagrees with the people registry",
              "'claimant_kind: {kind}' disagrees with {registry}, where '{name}' is {article} {type}; "
              "the registry's type is used: remove 'claimant_kind'",
              severity=WARNING,
              checked_in=("checking.claimants",))

# -- editorial pages -----------------------------------------------------------------------

FC060 = _rule("FC060", "Editorial page still has an `[EDIT THIS: …]` marker",
              "'[EDIT THIS: …]' is still in this page; replace it with the site's own words", severity=WARNING,
              checked_in=("checking.editorial_pages",))


def refusal_message(refused: UnsafeFile) -> str:
    """What is wrong with a file ``base.safe_files`` would not read."""
    rule = _REFUSALS[refused.reason]
    variant = "unknown" if rule is FC033 and not refused.details else ""  # a kind of file it could not tell
    return rule.message(variant, **refused.details)


def refusal(position: Position, refused: UnsafeFile) -> Problem:
    """The problem with a file ``base.safe_files`` would not read."""
    rule = _REFUSALS[refused.reason]
    return Problem(position, rule.code, refusal_message(refused), rule.severity)


_REFUSALS = {SYMLINK: FC032, NOT_REGULAR: FC033, TOO_LARGE: FC034}

RULES: tuple[Rule, ...] = tuple(sorted((value for value in list(globals().values()) if isinstance(value, Rule)),
                                       key=lambda rule: rule.code))
BY_CODE: Mapping[str, Rule] = MappingProxyType({rule.code: rule for rule in RULES})
CODES: Mapping[str, str] = MappingProxyType({rule.code: rule.title for rule in RULES})  # code -> title
WARNINGS: tuple[str, ...] = tuple(rule.code for rule in RULES if rule.is_warning)
