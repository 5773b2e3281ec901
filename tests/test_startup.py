"""An engine that cannot be reached stops start-up with a sentence naming its setting
(config.startup): the web server (its master, at first start) and the Celery worker
without their database, and ``manage.py check --deploy`` (the README's production
procedure) for every engine. A web server worker booting during a database outage starts
and answers 503.

Port 1 on this machine refuses connections, so nothing needs to run. Each case starts a
fresh process, as in tests/test_settings.py: settings are read once at start-up."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.test_settings import REPO, run

UNREACHABLE_DB = "postgres://ipcases:s3cret-pw@127.0.0.1:1/ops_unreachable"


def test_the_deploy_check_names_each_engine_it_cannot_reach(tmp_path):
    result = run(["manage.py", "check", "--deploy"], tmp_path / "var",
                 DATABASE_URL=UNREACHABLE_DB,
                 CELERY_BROKER_URL="redis://:s3cret-pw@127.0.0.1:1/0",
                 ELASTICSEARCH_URL="http://elastic:s3cret-pw@127.0.0.1:1")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "DATABASE_URL: cannot connect to the database at 127.0.0.1:1" in output
    assert "CELERY_BROKER_URL: cannot connect to the broker at 127.0.0.1:1" in output
    assert "ELASTICSEARCH_URL: the search cluster at 127.0.0.1:1 does not answer" in output
    assert "s3cret-pw" not in output


def test_the_web_server_does_not_start_without_its_database(tmp_path):
    result = run(["-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi",
                  "--bind", "127.0.0.1:0"], tmp_path / "var", DATABASE_URL=UNREACHABLE_DB)
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert ("Error: ipcases cannot start: DATABASE_URL: cannot connect to the database at "
            "127.0.0.1:1") in last
    assert "s3cret-pw" not in result.stderr
    assert "Booting worker" not in result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _status(url: str) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None


def test_a_worker_booting_while_the_database_is_down_answers_503(tmp_path):
    """What gunicorn does when it replaces a worker (here after each request) during an
    outage: the master's first-start check passed earlier, so it is left out here. Each new
    worker boots and answers 503; gunicorn used to halt ("Worker failed to boot")."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--max-requests", "1"],
        cwd=REPO, env={"PATH": "/usr/bin:/bin", "IPCASES_VAR_DIR": str(tmp_path / "var"),
                       "DJANGO_SETTINGS_MODULE": "config.settings",
                       "DATABASE_URL": UNREACHABLE_DB, "CELERY_BROKER_URL": "memory://"},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        answers: list[int | None] = []
        while len(answers) < 3 and time.monotonic() < deadline and server.poll() is None:
            status = _status(f"http://127.0.0.1:{port}/healthz")
            if status is None:
                time.sleep(0.5)
            else:
                answers.append(status)
        assert answers == [503, 503, 503]
        assert server.poll() is None
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Worker failed to boot" not in output
    assert "s3cret-pw" not in output


def test_the_worker_does_not_start_without_its_database(tmp_path):
    result = run(["-m", "celery", "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"],
                 tmp_path / "var", DATABASE_URL=UNREACHABLE_DB, CELERY_BROKER_URL="memory://")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "ipcases cannot start: DATABASE_URL: cannot connect" in result.stderr
    assert "ready." not in result.stderr


def test_reachable_engines_start(tmp_path):
    """The embedded default (SQLite, filesystem broker, embedded index) starts."""
    result = run(["-c", "from config.startup import main; main(); print('started')"],
                 tmp_path / "var")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("started")
