"""The web process freezes its long-lived objects after its first request, once
(config/heap.py): the collector's full passes no longer walk them."""

from __future__ import annotations

import gc

import pytest
from django.test import Client

from config import heap

pytestmark = pytest.mark.django_db


def test_the_first_request_freezes_the_heap_and_later_ones_do_not(monkeypatch):
    monkeypatch.setattr(heap, "_frozen", False)
    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    client = Client()  # loads the middleware chain: the freeze is armed
    assert client.get("/healthz").status_code in (200, 503)
    assert heap._frozen and gc.get_freeze_count() > 0
    gc.unfreeze()
    Client().get("/healthz")
    assert gc.get_freeze_count() == 0  # once per process
