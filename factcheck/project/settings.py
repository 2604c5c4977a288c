"""The project's settings, read the Pelican way, so the CLI and the plugin agree on paths."""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Any, TypedDict

from factcheck.model.verdicts import Verdict, scale
from factcheck.project.committed_files import has_committed_files

DEFAULTS: dict[str, Any] = {
    "FACTCHECK_CLAIMS_PATH": "claims",
    "FACTCHECK_SOURCES_PATH": "content/sources",
    "FACTCHECK_PEOPLE_PATH": "content/people.yaml",  # optional registry of claimants
    "FACTCHECK_TOPICS_PATH": "content/topics.yaml",  # optional registry of tags
    "FACTCHECK_LIST_PAGE_SIZE": 50,  # entries per list page: claims, people, topics, sources
    "FACTCHECK_VERDICTS": None,  # None: the default scale
    "FACTCHECK_REPOSITORY_URL": "",
    "FACTCHECK_REPOSITORY_BRANCH": "main",  # the branch "Edit this claim" opens
    "FACTCHECK_PUBLISHER": "",
    "FACTCHECK_PUBLIC_URL": "",
    "FACTCHECK_SOCIAL_CARDS": True,
    "FACTCHECK_CACHE_PATH": "",
    "FACTCHECK_THEME_OVERRIDES": "themes",  # the site's own templates/ and static/ files
    "FACTCHECK_SEARCH_INDEX": True,  # plain Pelican builds run Pagefind too
    "CLAIM_URL": "claims/{slug}/",
    "CLAIM_SAVE_AS": "claims/{slug}/index.html",
    "SOURCE_URL": "sources/{slug}/",
    "SOURCE_SAVE_AS": "sources/{slug}/index.html",
    # An archived page's raw snapshot, published as plain text beside its source page.
    "SOURCE_SNAPSHOT_URL": "sources/{slug}/snapshot.txt",
    "SOURCE_SNAPSHOT_SAVE_AS": "sources/{slug}/snapshot.txt",
    "VERDICT_URL": "verdicts/{slug}/",
    "VERDICT_SAVE_AS": "verdicts/{slug}/index.html",
    "PERSON_URL": "people/{slug}/",
    "PERSON_SAVE_AS": "people/{slug}/index.html",
    "TOPIC_URL": "topics/{slug}/",
    "TOPIC_SAVE_AS": "topics/{slug}/index.html",
}

CONFIG_FILE = "pelican.conf.py"


def with_defaults(settings: dict[str, Any]) -> dict[str, Any]:
    """``settings`` with this package's defaults filled in where the site sets nothing: the one
    place they are applied (in place, because Pelican's generators share its settings)."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    return settings


def read(config: str | Path = CONFIG_FILE, override: dict[str, Any] | None = None) -> dict[str, Any]:
    """Pelican's settings from the config file, with this package's defaults filled in."""
    from pelican.settings import read_settings

    return with_defaults(read_settings(str(config), override=override))


def read_for_checking(config: str | Path = CONFIG_FILE) -> dict[str, Any]:
    """Only what checking needs: the config file's own values and our defaults, without
    importing Pelican (a third of the time `factcheck check one.yaml` takes)."""
    import runpy

    values = runpy.run_path(str(config))
    settings = {k: v for k, v in values.items() if k.isupper()}
    settings["FACTCHECK_ROOT"] = os.path.dirname(os.path.abspath(config))
    return with_defaults(settings)


def project_path(settings: dict[str, Any], key: str) -> Path:
    """A path setting, relative to the config file's folder (as Pelican's PATH is)."""
    value = Path(settings[key])
    if value.is_absolute():
        return value
    return project_root(settings) / value


def project_root(settings: dict[str, Any]) -> Path:
    """The project folder: where the config file is (Pelican's PATH is made absolute from it)."""
    return Path(settings.get("FACTCHECK_ROOT") or os.path.dirname(os.path.abspath(settings.get("PATH", "."))))


def cache_path(settings: dict[str, Any], name: str) -> Path | None:
    """A folder inside ``FACTCHECK_CACHE_PATH``, or None when caching is off (the setting empty),
    when either folder is a symbolic link, or when the cache is committed to the repository. A
    pull request can commit ``.cache/cards`` as a link to any folder on the build machine (a
    build writes into its cache and prunes it), or commit check results for failing files."""
    if not settings["FACTCHECK_CACHE_PATH"]:
        return None
    root = project_path(settings, "FACTCHECK_CACHE_PATH")
    folder = root / name
    if root.is_symlink() or folder.is_symlink():
        return None
    if has_committed_files(root):
        _warn_committed(root)
        return None
    return folder


@functools.cache
def _warn_committed(root: Path) -> None:  # once per folder and process
    logging.getLogger("factcheck").warning(
        "factcheck: %s is committed to the repository, so it is not used (everything is checked and drawn afresh); "
        "remove it with: git rm -r --cached %s", root, root.name)


class RegistryPaths(TypedDict):
    people_path: Path
    topics_path: Path


def registry_paths(settings: dict[str, Any]) -> RegistryPaths:
    """The people and topics registries, as ``load_site`` takes them (each file optional)."""
    return RegistryPaths(people_path=project_path(settings, "FACTCHECK_PEOPLE_PATH"),
                         topics_path=project_path(settings, "FACTCHECK_TOPICS_PATH"))


def verdict_scale(settings: dict[str, Any]) -> tuple[Verdict, ...]:
    return scale(settings["FACTCHECK_VERDICTS"])
