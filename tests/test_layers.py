"""The package's folders are layers, and imports only point down: a module may import from its
own folder or from the folders below it, never from above, and no two modules import each
other, even through others. Imports inside functions count as much as those at the top."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "factcheck"
# Bottom to top. A module may import only from its own layer or from layers below it.
LAYERS = ("base", "rules", "model", "project", "reading", "checking", "archiving", "outputs", "site", "build", "cli")
# The package's own top-level modules, each at the layer it belongs to.
TOP_LEVEL = {"factcheck": "base", "factcheck.packaged": "base", "factcheck.plugin": "site", "factcheck.__main__": "cli"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py") if "newsite_files" not in p.parts}


def layer(module: str) -> str:
    if module in TOP_LEVEL:
        return TOP_LEVEL[module]
    folder = module.split(".")[1]
    assert folder in LAYERS, f"{module}: factcheck/{folder}/ is in no layer (add it to LAYERS)"
    return folder


def imported_modules(module: str) -> set[str]:
    """The package's modules that ``module`` imports, wherever in the file the import is."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])])
            # `from factcheck.x import y` imports the module factcheck.x.y if there is one, else a name of factcheck.x
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        else:
            continue
        for imported in names:
            name = imported
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("factcheck") and name != module:
                found.add(name)
    return found


GRAPH = {module: imported_modules(module) for module in MODULES}
OWN_DEFAULT = re.compile(r"""\.get\(\s*["']FACTCHECK_|\bDEFAULTS\b""")  # a setting read with a default of its own


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_every_module_is_in_a_layer():
    assert len(MODULES) > 50
    for module in MODULES:
        assert layer(module) in LAYERS


def test_imports_point_down():
    rank = {name: i for i, name in enumerate(LAYERS)}
    upward = sorted(f"{source} ({layer(source)}) imports {target} ({layer(target)})"
                    for source, targets in GRAPH.items() for target in targets if rank[layer(target)] > rank[layer(source)])
    assert not upward, "\n".join(upward)


def test_no_import_cycles():
    assert not cycles(GRAPH), cycles(GRAPH)


def test_settings_defaults_are_applied_in_one_place():
    """project/settings.py fills in every default once (``with_defaults``); everything else
    reads a setting as it is, and never supplies a default of its own."""
    home = PACKAGE / "project" / "settings.py"
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in MODULES.values() if path != home
             for number, line in enumerate(path.read_text().splitlines(), 1) if OWN_DEFAULT.search(line)]
    assert not found, "\n".join(found)


def test_the_checks_see_what_they_look_for():
    # a lazy import inside a function is found, and so is a cycle through three modules
    assert "factcheck.cli.init_site" in GRAPH["factcheck.cli.main"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert OWN_DEFAULT.search('settings.get("FACTCHECK_SOCIAL_CARDS", True)') and OWN_DEFAULT.search("{**DEFAULTS, **settings}")
