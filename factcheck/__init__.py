"""Fact-check microsites: claims in YAML, quotes checked against archived sources, Pelican pages."""

__version__ = "0.1.0"
