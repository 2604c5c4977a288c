"""The Pelican plugin: the generator, page objects, highlighted sources, list pages, the search index."""
