"""Every timeline entry the code records is shown by its label, never by its code name
(``变更：draft_saved``)."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

from cases import workflows
from cases.selectors.cases import event_label

APPS = ("cases", "documents", "mediation", "search", "stats")
# Calls that record a timeline entry, and the position of the entry's name among their
# positional arguments (``name=`` otherwise).
RECORDERS = {"record_event": None, "_event": 2}


def _constants(tree: ast.Module) -> dict[str, str]:
    return {target.id: node.value.value for node in tree.body if isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
            for target in node.targets if isinstance(target, ast.Name)}


def _recorded() -> set[tuple[str, str]]:
    """(name, module) of every timeline entry the code records."""
    found: set[tuple[str, str]] = set()
    root = Path(settings.BASE_DIR)
    for app in APPS:
        for path in (root / app).rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts or "demo" in path.parts:
                continue
            module = ".".join(path.relative_to(root).with_suffix("").parts)
            names: set[str] = set()
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = _constants(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                        node.targets[0], ast.Name) and node.targets[0].id == "name" and (
                        isinstance(node.value, ast.Constant)) and path.name == "services.py" \
                        and "documents" in path.parts:
                    names.add(node.value.value)  # documents: generated or regenerated
                if not isinstance(node, ast.Call):
                    continue
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(
                    func, "id", "")
                if called not in RECORDERS:
                    continue
                position = RECORDERS[called]
                value = next((k.value for k in node.keywords if k.arg == "name"), None)
                if value is None and position is not None and len(node.args) > position:
                    value = node.args[position]
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    names.add(value.value)
                elif isinstance(value, ast.Name) and value.id in constants:
                    names.add(constants[value.id])
            found.update((name, module) for name in names)
    return found


def _workflows_of(module: str) -> list[str]:
    """The workflows whose cases a module's entries are written on: a workflow's own
    package writes on its cases, shared code (cases.services, documents) on every case."""
    parts = module.split(".")
    area = ".".join(parts[:2]) if parts[0] == "cases" else parts[0]
    every = workflows.all_workflows()
    own = [w.name for w in every if w.model.__module__.startswith(area + ".")]
    return own or [w.name for w in every]


def test_the_scan_finds_the_entries():
    names = {name for name, _module in _recorded()}
    assert "draft_saved" in names
    assert {"create", "attach_evidence", "document_issued", "document_generated",
            "approval_submitted", "assignment_changed", "threshold_flagged"} <= names


def test_no_timeline_entry_is_shown_by_its_code_name():
    raw = sorted(f"{workflow}:{name}" for name, module in _recorded()
                 for workflow in _workflows_of(module) if event_label(name, workflow) == name)
    assert raw == []


def test_each_workflow_names_the_opening_of_its_case_in_its_own_words():
    # A referral, a mediation, a transfer and a judicial confirmation were all opened with
    # the ruling's 登记请求 on their timeline.
    from django.utils import translation

    from cases.selectors.cases import event_label

    names = ("ruling", "complaint", "mediation", "confirmation", "referral", "transfer")
    with translation.override("zh-hans"):
        labels = {name: event_label("create", name) for name in names}
    assert labels["ruling"] == "登记请求"
    assert "登记请求" not in list(labels.values())[1:], labels
    assert len(set(labels.values())) == len(labels), labels
