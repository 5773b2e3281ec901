from __future__ import annotations

from pathlib import Path

import pytest

from documents.context import sample_context
from documents.rendering import render_docx

TEMPLATES = Path(__file__).resolve().parent.parent / "default_templates"


def template_path(kind: str) -> Path:
    return TEMPLATES / f"{kind}.docx"


@pytest.fixture(scope="session")
def rendered_ruling() -> bytes:
    return render_docx(template_path("ruling"), sample_context("ruling"))
