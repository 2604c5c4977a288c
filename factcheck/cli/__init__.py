"""The ``factcheck`` command line (the console script ``factcheck.cli:main``)."""

from factcheck.cli.main import main

__all__ = ["main"]
