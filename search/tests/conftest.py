"""Decisions for search tests, and the backends the contract suite runs against."""

from __future__ import annotations

import os
import uuid
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from search.backends.embedded import EmbeddedBackend
from search.models import Decision


@pytest.fixture
def make_decision(offices):
    counter = {"n": 0}

    def make(**kw: Any) -> Decision:
        counter["n"] += 1
        fields: dict[str, Any] = {
            "source": "office", "external_id": f"t-{counter['n']}",
            "title": "某公司与某公司侵害外观设计专利权纠纷案",
            "office": offices.nanning, "decided_on": date(2024, 6, 1),
            "ip_type": "design_patent", "infringing_acts": ["sell"], "platform": "",
            "outcome": "infringement_found",
            "full_text": "被请求人销售的产品与涉案外观设计相近似。",
            "is_public": False,
        }
        fields.update(kw)
        for key in ("damages_awarded", "settlement_amount", "fine"):
            if isinstance(fields.get(key), (int, float)):
                fields[key] = Decimal(str(fields[key]))
        return Decision.objects.create(**fields)

    return make


@pytest.fixture(params=["embedded", "osmem", "elasticsearch"])
def backend(request, tmp_path):
    """Each backend the contract must hold for; a missing service skips with the reason."""
    if request.param == "embedded":
        yield EmbeddedBackend(tmp_path / "idx")
        return
    from search.backends.cluster import ClusterBackend

    if request.param == "osmem":
        server = request.getfixturevalue("osmem_server")
        clone = server.clone()
        try:
            yield ClusterBackend(clone.url, flavour="opensearch",
                                 prefix=f"t{uuid.uuid4().hex[:8]}")
        finally:
            clone.close()
        return
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("no real cluster: set ELASTICSEARCH_URL to run the contract against it")
    flavour = os.environ.get("SEARCH_CLUSTER_FLAVOUR", "elasticsearch")
    be = ClusterBackend(url, flavour=flavour, prefix=f"ipcases-test-{uuid.uuid4().hex[:8]}")
    yield be
    be.clear()


@pytest.fixture(autouse=True)
def _fresh_synonyms():
    """A synonym a test added is rolled back with its database, not with the per-process
    synonym map: without this the next test searched with it (order-dependent failures)."""
    from search.synonyms import invalidate

    yield
    invalidate()
