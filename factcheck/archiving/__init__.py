"""``factcheck archive``: fetching a web page and keeping its text as a source."""
