"""The hashed lock files in requirements/ match pyproject.toml, so a stale lock fails here
(and `make site`'s `pip check`) rather than building with whatever is newest that day."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import ROOT

REQUIREMENTS = ROOT / "requirements"
# The platform every lock must install on: Netlify's and CI's builders.
TARGET = {
    "python_version": "3.11", "python_full_version": "3.11.9", "implementation_name": "cpython",
    "platform_python_implementation": "CPython", "os_name": "posix", "sys_platform": "linux",
    "platform_system": "Linux", "platform_machine": "x86_64",
}


@dataclass(frozen=True)
class Pin:
    name: str
    version: Version
    marker: Marker | None
    hashes: tuple[str, ...]

    def applies(self) -> bool:
        return self.marker is None or self.marker.evaluate(TARGET)


def read_lock(text: str) -> dict[str, list[Pin]]:
    """Pins by canonical name, from a `pip install --require-hashes` requirements file."""
    entries, current = [], ""
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0] if not raw.lstrip().startswith("--hash") else raw
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        current += " " + line.strip().rstrip("\\")
        if not line.rstrip().endswith("\\"):
            entries.append(current.strip())
            current = ""
    pins: dict[str, list[Pin]] = {}
    for entry in entries:
        spec, *hashes = re.split(r"\s+--hash=", entry)
        requirement = Requirement(spec)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{spec}: a lock pins exact versions"
        pin = Pin(canonicalize_name(requirement.name), Version(specifier.version), requirement.marker, tuple(hashes))
        pins.setdefault(pin.name, []).append(pin)
    return pins


def wanted(pyproject: dict, extras: tuple[str, ...] = ()) -> list[Requirement]:
    """Everything pyproject.toml asks for: dependencies, the given extras, the build backend."""
    names = [*pyproject["project"]["dependencies"], *pyproject["build-system"]["requires"]]
    for extra in extras:
        names += pyproject["project"]["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


def lock_problems(pyproject: dict, lock_text: str, extras: tuple[str, ...] = ()) -> list[str]:
    pins = read_lock(lock_text)
    problems = []
    for requirement in wanted(pyproject, extras):
        if requirement.marker and not requirement.marker.evaluate(TARGET):
            continue
        found = pins.get(canonicalize_name(requirement.name), [])
        if not any(pin.applies() for pin in found):
            problems.append(f"{requirement} is not in the lock")
        problems += [f"{requirement} but the lock pins {pin.version}" for pin in found
                     if not requirement.specifier.contains(pin.version, prereleases=True)]
    return problems


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def test_the_test_lock_has_everything_pyproject_asks_for():
    assert lock_problems(pyproject(), (REQUIREMENTS / "test.txt").read_text(), extras=("test",)) == []


def test_the_site_lock_has_what_building_needs_and_no_test_tools():
    site = read_lock((REQUIREMENTS / "site.txt").read_text())
    assert lock_problems(pyproject(), (REQUIREMENTS / "site.txt").read_text()) == []
    for tool in ("pytest", "playwright", "zizmor"):
        assert tool not in site


def test_the_site_lock_pins_the_same_versions_as_the_test_lock():
    site = read_lock((REQUIREMENTS / "site.txt").read_text())
    test = read_lock((REQUIREMENTS / "test.txt").read_text())
    for name, pins in site.items():
        assert {p.version for p in pins} == {p.version for p in test[name]}, name


def test_every_pin_carries_hashes():
    for lock in ("site.txt", "test.txt", "lock-tools.txt"):
        pins = read_lock((REQUIREMENTS / lock).read_text())
        assert pins, lock
        for pin in (p for group in pins.values() for p in group):
            assert pin.hashes and all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in pin.hashes), (lock, pin.name)
    assert "uv" in read_lock((REQUIREMENTS / "lock-tools.txt").read_text())


def test_a_stale_lock_is_caught():
    project = pyproject()
    lock = (REQUIREMENTS / "site.txt").read_text()
    project["project"]["dependencies"] = [*project["project"]["dependencies"], "bleach>=6.0"]
    assert lock_problems(project, lock) == ["bleach>=6.0 is not in the lock"]
    project["project"]["dependencies"] = ["pelican>=99"]
    (problem,) = lock_problems(project, lock)
    assert problem.startswith("pelican>=99 but the lock pins ")
    without_setuptools = re.sub(r"(?ms)^setuptools==.*?(?=^\S)", "", lock)
    (backend,) = project["build-system"]["requires"]
    assert f"{backend} is not in the lock" in lock_problems(pyproject(), without_setuptools)


def test_a_dependency_for_another_platform_is_not_required_here():
    project = pyproject()
    project["project"]["dependencies"] = ["pywin32>=300; sys_platform == 'win32'"]
    assert lock_problems(project, (REQUIREMENTS / "site.txt").read_text()) == []
