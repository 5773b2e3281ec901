from __future__ import annotations

from django.core.management import call_command

from cases import workflows
from cases.services.deadline_rules import DEFAULT_RULES
from cases.workflow_docs import render, transitions


def test_committed_workflow_docs_match_the_code():
    """docs/workflows.md is generated; editing the state machine without regenerating it
    fails here (run `manage.py workflow_docs`)."""
    call_command("workflow_docs", "--check")


def test_diagram_lists_every_transition_and_clock():
    text = render([dict(r) for r in DEFAULT_RULES])
    for spec in workflows.all_workflows():
        for source, target, name in transitions(spec):
            assert f"    {source} --> {target}: {name}" in text
    for rule in DEFAULT_RULES:
        assert f"`{rule['code']}`" in text
