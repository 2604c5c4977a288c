"""Checking across files: quotes matched against their sources, claimants, topics, the site as a whole."""
