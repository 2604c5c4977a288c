"""Helpers that know nothing of claims: escaping, limits, safe file reads, the parallel map, text normalising, Markdown."""
