"""Nothing outside a workflow's package names one of its states or actions: the kernel,
documents, search, the pages and the settings ask the registry (DESIGN.md "Case kernel
and workflows"). A quoted state or action name anywhere else fails here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.apps import apps

from cases import workflows

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("cases", "documents", "search", "mediation", "templates", "config")
SUFFIXES = {".py", ".html", ".js"}
# Not part of the product code: migrations (history), tests, and the entry points that
# script whole workflows (demo data, like tests, drives the ruling through its actions).
SKIPPED_PARTS = {"migrations", "tests"}
SKIPPED_PREFIXES = ("cases/demo/",)
# The same word meaning something else, with why.
HOMONYMS = {
    ("cases/views/case_list.py", "received"): "the sort key of the received-on date",
    ("cases/referral/selectors.py", "received"): "the sort key of the received-on date",
    ("mediation/selectors.py", "received"): "the sort key of the received-on date",
    ("cases/api_pages.py", "object"): "the JSON Schema type of a paged answer",
    ("search/schema.py", "decided"): "the index field of a precedent's decision date",
    ("search/backends/embedded.py", "decided"): "the index field of the decision date",
    ("search/evaluation/generator.py", "decided"): "the index field of the decision date",
    ("search/models.py", "withdrawn"): "a precedent's outcome (DecisionOutcome)",
    ("search/labels.py", "withdrawn"): "a precedent's outcome and its Chinese labels",
    ("search/evaluation/sets.py", "withdrawn"): "a labelled decision's outcome",
    ("search/evaluation/independent/compose.py", "withdrawn"): "a labelled decision's outcome",
    ("search/evaluation/heldout/cases.py", "withdrawn"): "a labelled decision's outcome",
    ("search/evaluation/heldout/compose.py", "withdrawn"): "a labelled decision's outcome",
    ("search/evaluation/fresh/compose.py", "withdrawn"): "a labelled decision's outcome",
    ("search/importing.py", "rejected"): "an imported row's result in the import report",
    ("search/templates/search/admin/import.html", "rejected"): "an imported row's result",
    ("documents/context.py", "decided"): "sample data for validating uploaded templates",
    ("documents/rendering.py", "reject"): "a Jinja filter templates may use",
    ("cases/complaints/models.py", "not_accepted"): "a complaint's triage outcome",
    ("cases/api_approvals.py", "approve"): "the approval request's own transition",
    ("cases/models/approvals.py", "approved"): "an approval request's outcome",
    ("cases/templates/cases/partials/approval_card.html", "approved"):
        "an approval request's outcome",
}


def _names(spec: workflows.Workflow) -> set[str]:
    return {value for value, _label in spec.states} | set(spec.actions)


def _package_dir(spec: workflows.Workflow) -> str:
    """The app the workflow's model belongs to (one app may hold several workflows)."""
    path = Path(apps.get_containing_app_config(spec.model.__module__).path)
    return path.relative_to(ROOT).as_posix() + "/"


def _names_of_packages() -> dict[str, set[str]]:
    """Package dir → the states and actions of the workflows it holds: another workflow
    package may name its own ``accept`` or ``closed`` (the registry keys by workflow)."""
    names: dict[str, set[str]] = {}
    for spec in workflows.all_workflows():
        names.setdefault(_package_dir(spec), set()).update(_names(spec))
    return names


def offending_lines(spec: workflows.Workflow) -> list[str]:
    names = sorted(_names(spec), key=len, reverse=True)
    alternatives = "|".join(map(re.escape, names))
    quoted = re.compile(r"""["'](""" + alternatives + r""")["']""")
    own = _package_dir(spec)
    others = {d: n for d, n in _names_of_packages().items() if d != own}
    found = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            rel = path.relative_to(ROOT).as_posix()
            if (path.suffix not in SUFFIXES or rel.startswith(own)
                    or rel.startswith(SKIPPED_PREFIXES)
                    or SKIPPED_PARTS & set(path.relative_to(ROOT).parts)):
                continue
            theirs = next((n for d, n in others.items() if rel.startswith(d)), set())
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
                for match in quoted.finditer(line):
                    if (rel, match.group(1)) not in HOMONYMS and match.group(1) not in theirs:
                        found.append(f"{rel}:{number}: {match.group(1)}")
    return found


@pytest.mark.parametrize("name", [spec.name for spec in workflows.all_workflows()])
def test_no_state_or_action_of_a_workflow_is_named_outside_its_package(name):
    assert offending_lines(workflows.get(name)) == []


def test_the_check_sees_a_name_outside_the_package(tmp_path, monkeypatch):
    spec = workflows.get("ruling")
    stray = ROOT / "mediation" / "zz_boundary_probe.py"
    monkeypatch.setattr(Path, "rglob", lambda self, pattern: iter(
        [stray] if self == ROOT / "mediation" else []))
    monkeypatch.setattr(Path, "read_text", lambda self, encoding="utf-8": (
        'if flow.state == "pending_approval":\n    pass\n'))
    assert offending_lines(spec) == ["mediation/zz_boundary_probe.py:1: pending_approval"]
