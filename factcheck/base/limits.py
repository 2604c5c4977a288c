"""Limits on what one contributor's file may ask of a build.

Deploy previews build strangers' pull requests, so no input may make a run unbounded in time
or memory. Each limit is far above what a real claim or archived text needs.
"""

MAX_CLAIM_BYTES = 256 * 1024  # a claim file: a few kilobytes in practice
MAX_SOURCE_BYTES = 2 * 1024 * 1024  # an archived text: a long report; a novel is about 1 MB
MAX_REGISTRY_BYTES = 1024 * 1024  # people.yaml or topics.yaml: a few hundred bytes an entry
# Places in a source's text that need more than copying to normalise (non-ASCII characters,
# runs of white space): each costs a few microseconds. Prose has a few per line.
MAX_NORMALISING = 200_000
MAX_NESTING = 16  # levels of lists and mappings in a YAML document; claims use three
MAX_EVIDENCE = 50  # evidence items in one claim
MAX_QUOTE_CHARS = 3000  # about 500 words: a quote is a passage, not the source
MAX_CLAIM_CHARS = 1000  # a claim, or a source's title: shown as a page's heading
MAX_NAME_CHARS = 300  # a claimant, publisher or author
MAX_NOTE_CHARS = 2000  # a note under a quote or an update, a source's description
MAX_SUMMARY_CHARS = 20000  # a summary: about 3,000 words
MIN_QUOTE_WORDS = 2  # a quote must carry words...
MIN_QUOTE_CHARS = 12  # ...and some letters: "." or "..." is no evidence
MAX_MATCHES = 1000  # matches of one quote counted before saying "more than"
