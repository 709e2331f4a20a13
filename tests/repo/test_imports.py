"""Imports in hooks/guide point one way: no module reaches, even from inside a function, a module that imports it.

Reads the source with `ast`, so an import hidden in a function counts as much as one at the top of the file.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "hooks" / "guide"
PACKAGE = "guide"


def imported_modules(source: str, modules: set[str]) -> set[str]:
    """The modules of the package (by name, from `modules`) that a module's source imports, anywhere in the file."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names if alias.name.startswith(PACKAGE + ".")]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and node.module != PACKAGE and not (node.module or "").startswith(PACKAGE + "."):
                continue
            base = (node.module or "").removeprefix(PACKAGE).lstrip(".") if node.level == 0 else (node.module or "")
            # 'from . import a, b' imports modules a and b; 'from .a import x' imports module a.
            names = [alias.name for alias in node.names] if not base else [base]
        else:
            continue
        for name in names:
            first = name.removeprefix(PACKAGE + ".").split(".")[0]
            if first in modules:
                found.add(first)
    return found


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Module name -> the package's modules it imports."""
    modules = set(sources)
    return {name: imported_modules(source, modules) for name, source in sources.items()}


def cycle_groups(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that reach one another through imports (Tarjan's strongly connected components), sorted;
    a module that imports itself is a group of one."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for target in sorted(graph[module]):
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in on_stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1 or module in graph[module]:
                groups.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(groups)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One circle through each group: ['a', 'b', 'a'] for a -> b -> a."""
    return [_circle(graph, set(group)) for group in cycle_groups(graph)]


def _circle(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """One shortest way round a group, from its first module back to it."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for target in sorted(graph[module] & group):
                if target == start:
                    return paths[module] + [start]
                if target not in paths:
                    paths[target] = paths[module] + [target]
                    following.append(target)
        frontier = following
    raise AssertionError(f"no circle through {sorted(group)}")


def test_no_import_cycle_in_the_guide_package():
    sources = {path.stem: path.read_text(encoding="utf-8") for path in sorted(GUIDE.glob("*.py"))}
    assert len(sources) > 20, f"expected the guide's modules in {GUIDE}"
    graph = import_graph(sources)
    found = [f"{' -> '.join(f'{m}.py' for m in _circle(graph, set(group)))} (one way round {len(group)} modules that "
             f"import one another: {', '.join(group)})" for group in cycle_groups(graph)]
    assert not found, "import cycles in hooks/guide; move the shared code down into a leaf module instead of hiding " \
        "an import in a function: " + "; ".join(found)


def test_the_graph_sees_the_imports_that_matter():
    # Known edges of the real package, so that a reader that missed every import would not pass the test above.
    graph = import_graph({path.stem: path.read_text(encoding="utf-8") for path in GUIDE.glob("*.py")})
    assert {"tree_view", "tree_diagram", "text", "addresses"} <= graph["render"]
    assert "render" in graph["site"] and "link_safety" in graph["references"]


def test_architecture_lists_every_module_below_those_that_import_it():
    rows = re.findall(r"^\| `hooks/guide/(\w+)\.py` \|", (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8"), re.M)
    graph = import_graph({path.stem: path.read_text(encoding="utf-8") for path in GUIDE.glob("*.py")})
    assert sorted(rows) == sorted(graph), "docs/architecture.md's module table should list each module of hooks/guide " \
        f"once: missing {sorted(set(graph) - set(rows))}, not a module {sorted(set(rows) - set(graph))}"
    misplaced = [f"{module}.py imports {target}.py, listed below it" for position, module in enumerate(rows)
                 for target in sorted(graph[module]) if target not in rows[:position]]
    assert not misplaced, "docs/architecture.md lists modules in import order, from the bottom up: " + "; ".join(misplaced)


@pytest.mark.parametrize("sources, expected", [
    ({"a": "from .b import x", "b": "import os"}, []),
    ({"a": "from .b import x", "b": "def f():\n    from .a import y\n"}, [["a", "b", "a"]]),
    ({"a": "from . import b, c", "b": "", "c": "from guide.a import z"}, [["a", "c", "a"]]),
    ({"a": "import guide.b", "b": "from guide import a"}, [["a", "b", "a"]]),
    ({"a": "from .b import x", "b": "from .c import y", "c": "class K:\n    def m(self):\n        from .a import k\n"},
     [["a", "b", "c", "a"]]),
    ({"a": "from .a import x"}, [["a", "a"]]),
    ({"a": "from .b import x", "b": "from .a import y", "c": "from .d import x", "d": "from .c import y"},
     [["a", "b", "a"], ["c", "d", "c"]]),
    ({"a": "from other.b import x", "b": "from .a import y"}, []),
    ({"a": "import b", "b": "from .a import y"}, []),
])
def test_cycles_found_in_tiny_packages(sources, expected):
    assert cycles(import_graph(sources)) == expected
