"""A benchmark's own var directory (``IPCASES_VAR_DIR``): temporary, never the
installation's ``var/``, and removed when the benchmark ends (it used to be left behind
in /tmp after every run: the secret key, the Celery broker's folders, a SQLite file)."""

from __future__ import annotations

import atexit
import shutil
import tempfile


def var_dir(name: str) -> str:
    """A new ``/tmp/ipcases-bench-<name>-…`` directory, removed at the process's exit."""
    path = tempfile.mkdtemp(prefix=f"ipcases-bench-{name}-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path
