"""A web process's long-lived objects, kept out of the garbage collector's full passes.

A worker holds a few hundred thousand objects that live as long as it does: modules,
the models' metadata, URL patterns, compiled templates, the settings. CPython's full
collection (generation 2) walks every one of them, about 100 ms here, and it comes once
every few dozen requests: the 95th percentile of a page is then that pause
(`bench/bench_ui.py`, the case list's first page at 1,000,000 cases: p50 46 ms, p95 180
ms; with the collector disabled no request took over 45 ms). After the first request a
process has finished (templates compiled, caches filled), its garbage is collected once
and what is left is frozen (:func:`gc.freeze`: a permanent generation the collector no
longer walks). What later requests create is collected as before; the frozen objects are
never freed, which for objects living as long as the process changes nothing.

Installed as a middleware (``MIDDLEWARE`` in settings) so that it runs in whatever serves
the application (gunicorn's workers, the test client, the benchmarks) without a package
importing this module; it takes itself out of the chain at once (``MiddlewareNotUsed``)
and costs requests nothing.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

from django.core.exceptions import MiddlewareNotUsed
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse

_UID = "config.heap.freeze"
_frozen = False


def _freeze_once(**kwargs: Any) -> None:
    global _frozen
    request_finished.disconnect(dispatch_uid=_UID)
    if not _frozen:
        _frozen = True
        gc.collect()
        gc.freeze()


class FreezeHeapAfterFirstRequest:
    """Freezes the process's objects once its first request has finished."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not _frozen:
            request_finished.connect(_freeze_once, dispatch_uid=_UID)
        raise MiddlewareNotUsed
