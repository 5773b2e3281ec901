"""Is the precedent index usable? One answer for the health check and the admin."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

from search.backends import get_backend
from search.models import Decision

logger = logging.getLogger("ipcases.search")


@dataclass(frozen=True)
class IndexStatus:
    backend: str
    readable: bool
    documents: int | None  # in the index; None when it cannot be read
    expected: int  # decisions in the database that belong in the index
    error: str = ""

    @property
    def behind(self) -> int | None:
        return None if self.documents is None else self.expected - self.documents

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "behind": self.behind}


def index_status() -> IndexStatus:
    """Readable or not, its document count against the database, and why not. Never
    raises: a broken or missing index is the answer, not an error."""
    expected = Decision.objects.filter(is_deleted=False).count()
    backend = get_backend()
    try:
        documents = backend.count()
    except Exception as exc:  # noqa: BLE001 - whatever is wrong is reported, not raised
        logger.warning("precedent index unreadable: %s", exc)
        return IndexStatus(backend=backend.name, readable=False, documents=None,
                           expected=expected, error=f"{type(exc).__name__}: {exc}")
    return IndexStatus(backend=backend.name, readable=True, documents=documents,
                       expected=expected)
