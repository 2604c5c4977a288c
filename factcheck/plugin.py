"""The Pelican plugin every site names in ``PLUGINS = ["factcheck.plugin"]``.

The plugin itself lives in ``factcheck/site/``; this module is its public, stable address.
"""

from factcheck.site.generator import register

__all__ = ["register"]
