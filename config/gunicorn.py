"""gunicorn's settings: ``gunicorn -c config/gunicorn.py config.wsgi ...``.

The database is probed once, by the master when the server first starts: without it the
server stops there, saying which setting names what cannot be reached. A worker booting
later (``--max-requests``, a crashed worker, a reload) does not probe: during a database
outage it starts and answers 503 (the pages, the API and /healthz) until the database is
back, instead of failing to boot, which would make gunicorn halt the whole server.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

CHECKOUT = Path(__file__).resolve().parent.parent


def on_starting(server: Any) -> None:
    # In a child process, so that the master loads none of the application: the workers
    # it forks after a reload (HUP) load the code then installed.
    probe = subprocess.run(  # noqa: S603 - our interpreter, a fixed command
        [sys.executable, "-c", "from config.startup import main; main()"],
        cwd=CHECKOUT, capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        if server.pidfile is not None:
            server.pidfile.unlink()
        lines = probe.stderr.strip().splitlines()
        # gunicorn prints a RuntimeError from here as "Error: ..." and exits with 1.
        raise RuntimeError(f"ipcases cannot start: {lines[-1] if lines else probe.returncode}")
