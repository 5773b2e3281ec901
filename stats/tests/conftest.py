from __future__ import annotations

import pytest

from stats import summary


@pytest.fixture(autouse=True)
def _fresh_office_tree() -> None:
    """Each test has offices of its own (keys reused after a rollback): the summary's
    office tree, read once per process, is read again."""
    summary.forget_offices()
