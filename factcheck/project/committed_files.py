"""Whether a folder holds files committed to the project's git repository.

The cache folder is ignored by git, but ``git add -f`` commits it anyway, and a pull request
that does so would bring check results vouching for files that fail their checks. A cache
is only ever made on the machine that uses it, so a committed one is never used.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def has_committed_files(folder: Path) -> bool:
    """Whether git tracks any file under ``folder`` (False outside a repository or without git)."""
    if not folder.exists():
        return False
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", folder.name], cwd=folder.parent,
                                capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return listed.returncode == 0 and bool(listed.stdout)
