"""The Celery worker and beat log as the web server does: one JSON object per line (the
production default), with the fields a record carries. Celery used to replace the
settings' handlers with its own text lines when it set up its logging."""

from __future__ import annotations

import json

from tests.test_settings import run

LOG_AS_CELERY_STARTS = """
import logging
from config.celery import app
app.log.setup(loglevel="INFO")
logging.getLogger("ipcases.probe").error("calendar data missing", extra={"year": 2027})
"""


def test_a_worker_logs_json_lines_with_their_fields(tmp_path):
    result = run(["-c", LOG_AS_CELERY_STARTS], tmp_path / "var", LOG_FORMAT="json")
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["logger"] == "ipcases.probe" and line["level"] == "ERROR"
    assert line["message"] == "calendar data missing" and line["year"] == 2027
