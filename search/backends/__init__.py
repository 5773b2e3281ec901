"""Backend selection from settings (read at call time, never at import)."""

from __future__ import annotations

import threading

from django.conf import settings

from search.backends.base import Backend, BackendUnavailable

_lock = threading.Lock()
_cache: dict[tuple[str, ...], Backend] = {}


def get_backend() -> Backend:
    kind = settings.SEARCH_BACKEND
    key: tuple[str, ...]
    if kind == "cluster":
        key = ("cluster", settings.ELASTICSEARCH_URL, settings.SEARCH_CLUSTER_FLAVOUR,
               settings.SEARCH_INDEX_PREFIX)
    else:
        key = ("embedded", str(settings.SEARCH_EMBEDDED_DIR))
    with _lock:
        backend = _cache.get(key)
        if backend is None:
            if kind == "cluster":
                from search.backends.cluster import ClusterBackend

                backend = ClusterBackend(url=settings.ELASTICSEARCH_URL,
                                         flavour=settings.SEARCH_CLUSTER_FLAVOUR,
                                         prefix=settings.SEARCH_INDEX_PREFIX)
            else:
                from search.backends.embedded import EmbeddedBackend

                backend = EmbeddedBackend(settings.SEARCH_EMBEDDED_DIR,
                                          lock_timeout=settings.SEARCH_WRITE_LOCK_TIMEOUT)
            _cache[key] = backend
    return backend


def reset_backends() -> None:
    with _lock:
        _cache.clear()


__all__ = ["Backend", "BackendUnavailable", "get_backend", "reset_backends"]
