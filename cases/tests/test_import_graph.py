"""Dependencies point one way: workflow packages → documents/search → kernel (DESIGN.md
"Case kernel and workflows"). The import graph between the packages of ``cases``,
``documents``, ``search`` and ``mediation`` has no cycle, counting every import (at module
level or inside a function), so a cycle cannot be hidden in a function body."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cases", "documents", "search", "mediation")
# Entry points that wire everything together, like config/ and manage.py: they may import
# any package, and no package may import them.
ENTRY_POINTS = ("cases.demo", "cases.management")


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def workflow_packages() -> list[str]:
    """Subpackages of cases that are workflows: they register one (``workflow.py``)."""
    return sorted(_module(p.parent) for p in (ROOT / "cases").glob("*/workflow.py"))


def node(module: str) -> str | None:
    """The package a module belongs to in the graph; None outside the graph."""
    for entry in ENTRY_POINTS:
        if module == entry or module.startswith(entry + "."):
            return entry
    for package in workflow_packages():
        if module == package or module.startswith(package + "."):
            return package
    top = module.split(".")[0]
    return top if top in APPS else None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(tree: ast.AST, module: str, *, is_package: bool = False
                    ) -> Iterator[tuple[str, int]]:
    """(imported module, line) of every import executed at run time."""
    skipped: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.If) and _is_type_checking(n.test):
            skipped.update(id(child) for b in n.body for child in ast.walk(b))
    package = module if is_package else module.rsplit(".", 1)[0]
    for n in ast.walk(tree):
        if id(n) in skipped:
            continue
        if isinstance(n, ast.Import):
            for alias in n.names:
                yield alias.name, n.lineno
        elif isinstance(n, ast.ImportFrom):
            base = n.module or ""
            if n.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - n.level + 1]
                                + ([base] if base else []))
            yield base, n.lineno
            for alias in n.names:  # "from cases import workflows" names a module
                yield f"{base}.{alias.name}", n.lineno


def import_graph() -> dict[str, dict[str, str]]:
    """node → {imported node: "file:line" of one such import}."""
    graph: dict[str, dict[str, str]] = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            rel = path.relative_to(ROOT)
            if "tests" in rel.parts or "migrations" in rel.parts:
                continue
            module = _module(path)
            source = node(module)
            if source is None:
                continue
            edges = graph.setdefault(source, {})
            tree = ast.parse(path.read_text("utf-8"))
            is_package = path.name == "__init__.py"
            for imported, line in runtime_imports(tree, module, is_package=is_package):
                target = node(imported)
                if target is not None and target != source:
                    edges.setdefault(target, f"{rel}:{line}")
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str] | None:
    visiting: list[str] = []
    done: set[str] = set()

    def visit(n: str) -> list[str] | None:
        if n in visiting:
            return visiting[visiting.index(n):] + [n]
        if n in done:
            return None
        visiting.append(n)
        for target in sorted(graph.get(n, {})):
            cycle = visit(target)
            if cycle:
                return cycle
        visiting.pop()
        done.add(n)
        return None

    for start in sorted(graph):
        cycle = visit(start)
        if cycle:
            return cycle
    return None


def test_the_packages_import_each_other_without_a_cycle():
    graph = import_graph()
    cycle = find_cycle(graph)
    where = [graph[a][b] for a, b in zip(cycle, cycle[1:], strict=False)] if cycle else []
    assert cycle is None, f"import cycle {' → '.join(cycle or [])} at {where}"


def test_the_kernel_imports_no_workflow_package_and_nothing_imports_an_entry_point():
    graph = import_graph()
    workflows = set(workflow_packages())
    assert "cases.ruling" in workflows
    for target in workflows | {"documents", "search"}:
        assert target not in graph["cases"], (target, graph["cases"].get(target))
    for source, edges in graph.items():
        if source in ENTRY_POINTS:
            continue
        for entry in ENTRY_POINTS:
            assert entry not in edges, (source, edges.get(entry))
    for package in ("documents", "search"):
        assert not workflows & set(graph[package]), graph[package]


@pytest.mark.parametrize(("graph", "cycle"), [
    ({"a": {"b": "x"}, "b": {"a": "y"}}, ["a", "b", "a"]),
    ({"a": {"b": "x"}, "b": {"c": "y"}}, None),
])
def test_the_cycle_finder_finds_cycles(graph, cycle):
    assert find_cycle(graph) == cycle
