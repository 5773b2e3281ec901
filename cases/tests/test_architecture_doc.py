"""docs/architecture.md stays current: its package diagram is the import graph."""

from __future__ import annotations

import re
from pathlib import Path

from cases import workflows
from cases.tests.test_import_graph import import_graph
from cases.tests.test_workflow_boundaries import _package_dir

DOC = Path(__file__).resolve().parents[2] / "docs" / "architecture.md"


def _diagram() -> tuple[set[str], set[tuple[str, str]]]:
    block = DOC.read_text("utf-8").split("```mermaid\ngraph TD\n", 1)[1].split("```", 1)[0]
    nodes, edges = set(), set()
    for line in block.splitlines():
        match = re.fullmatch(r"\s*([\w.]+)(?:\s*-->\s*([\w.]+))?\s*", line)
        assert match, line
        nodes.add(match.group(1))
        if match.group(2):
            nodes.add(match.group(2))
            edges.add((match.group(1), match.group(2)))
    return nodes, edges


def test_the_package_diagram_is_the_import_graph():
    graph = import_graph()
    nodes, edges = _diagram()
    assert nodes == set(graph) | {t for targets in graph.values() for t in targets}
    assert edges == {(source, target) for source, targets in graph.items()
                     for target in targets}


def test_every_registered_workflow_package_is_described():
    text = DOC.read_text("utf-8")
    for spec in workflows.all_workflows():
        package = _package_dir(spec)
        assert f"`{package}`" in text, package
